"""The one atomic writer: a file is written whole under a temporary name, then renamed.

Readers (and a crash) see the old file or the new one, never half of either.
Only regular files are replaced: renaming over ``/dev/null`` or a FIFO would
turn a device into a plain file, so such targets are refused.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from frontline_map.geo.errors import InputError

SHARED_MODE = 0o644  # a report or cache file is for reading by others; mkstemp would leave 0600


def check_writable_target(path: Path) -> Path:
    """``path`` if it is a new path or a regular file in an existing folder, else an :class:`InputError`."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(str(path), f"folder {str(path.parent)!r} does not exist; create it first")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise InputError(str(path), f"cannot be written ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        raise InputError(str(path), "is not a regular file; write to a file path")
    return path


def atomic_write(path: Path, write: Callable[[Path], object]) -> Path:
    """Run ``write`` on a fresh temporary path beside ``path``, then rename it into place."""
    path = check_writable_target(Path(path))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        tmp_path.unlink()  # writers such as GDAL want to create the file themselves
        write(tmp_path)
        os.chmod(tmp_path, SHARED_MODE)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """``data`` into ``path`` atomically, creating the folder first."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_text(path: Path, text: str) -> Path:
    """``text`` (UTF-8) into ``path`` atomically."""
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
