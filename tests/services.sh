#!/bin/sh
# What the test suite needs besides Python packages, from Debian's registry: Chromium for the browser
# tests, PostgreSQL + PostGIS for the shared-store tests (a cluster on 127.0.0.1:5432 with the role and
# database the tests use). Tests that need a missing piece skip and say why; this script never fails.
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sudo -u postgres sh -c "$1"; fi
}
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1 || need="$need postgresql postgresql-15-postgis-3"
if [ -n "$need" ] && command -v apt-get >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null 2>&1 \
    || echo "tests/services.sh: could not install$need; the tests that need them will be skipped" >&2
fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  $SUDO pg_ctlcluster 15 main start 2>/dev/null || true
  for i in 1 2 3 4 5 6 7 8 9 10; do
    as_postgres "psql -qtAc 'select 1'" >/dev/null 2>&1 && break || sleep 1
  done
  as_postgres "psql -qtAc \"select 1 from pg_roles where rolname='frontline'\"" | grep -q 1 \
    || as_postgres "psql -qc \"create role frontline login superuser password 'frontline'\"" >/dev/null
  as_postgres "psql -qtAc \"select 1 from pg_database where datname='frontline_test'\"" | grep -q 1 \
    || as_postgres "createdb -O frontline frontline_test"
fi
exit 0
