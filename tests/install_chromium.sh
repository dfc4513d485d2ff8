#!/bin/sh
# Installs Debian's Chromium for the browser tests when it is missing (they skip, saying why, without it).
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    && exit 0
fi
echo "tests/install_chromium.sh: could not install Chromium; the browser tests will be skipped" >&2
exit 0
