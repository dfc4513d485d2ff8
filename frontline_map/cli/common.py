"""What the subcommands share: argument types, reading articles, writing output, the store."""
from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frontline_map.geo.errors import InputError
from frontline_map.geo.io.atomic import atomic_write_text
from frontline_map.geo.io.documents import MAX_MB, Document, read_document
from frontline_map.geo.io.tables import check_target
from frontline_map.geo.settings import Settings

Box = tuple[float, float, float, float]


def settings() -> Settings:
    """The one read of the environment, for the command being run."""
    return Settings.from_env(os.environ)


def err(msg: str) -> None:
    """One line on stderr, the way every refusal is reported."""
    print(f"frontline: error: {msg}", file=sys.stderr)


def progress_bar(total: int, unit: str) -> Any:
    """A progress bar on stderr with rate and time left, shown only when stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, unit=f" {unit}", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False,
                dynamic_ncols=True)


def note(msg: str) -> None:
    """A remark on stderr that is not an error."""
    print(f"frontline: {msg}", file=sys.stderr)


# --- argparse types: a bad value is a usage error (exit 2) with the expected form ------------------

FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def date_arg(value: str) -> dt.date:
    """``YYYY-MM-DD`` between 1900 and 2100 (dates of reporting, with room to compute around them)."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        msg = f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2023-02-06"
        raise argparse.ArgumentTypeError(msg) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        msg = f"{value} is outside {FIRST_DAY.year}-{LAST_DAY.year}; give the date of the reporting"
        raise argparse.ArgumentTypeError(msg)
    return day


def bbox_arg(value: str) -> Box:
    """``MINLON,MINLAT,MAXLON,MAXLAT`` inside the world, min below max."""
    try:
        box = tuple(float(x) for x in value.split(","))
    except ValueError:
        box = ()
    if len(box) != 4 or not all(math.isfinite(v) for v in box) or not (-180 <= box[0] < box[2] <= 180) \
            or not (-90 <= box[1] < box[3] <= 90):
        msg = f"{value!r} is not MINLON,MINLAT,MAXLON,MAXLAT (degrees, min below max)"
        raise argparse.ArgumentTypeError(msg)
    return box[0], box[1], box[2], box[3]


def center_arg(value: str) -> tuple[float, float]:
    """``LAT,LON`` on the map (Web Mercator stops at 85 degrees)."""
    try:
        lat, lon = (float(x) for x in value.split(","))
    except ValueError:
        lat = lon = math.nan
    if not (math.isfinite(lat) and math.isfinite(lon) and -85 <= lat <= 85 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{value!r} is not LAT,LON (degrees, e.g. 48.59,38.0)")
    return lat, lon


def zoom_arg(value: str) -> float:
    """A web-map zoom level, 0 (the world) to 18 (a street)."""
    try:
        zoom = float(value)
    except ValueError:
        zoom = math.nan
    if not (math.isfinite(zoom) and 0 <= zoom <= 18):
        raise argparse.ArgumentTypeError(f"{value!r} is not a zoom level from 0 to 18")
    return zoom


def positive_float(value: str) -> float:
    """A finite number above zero."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number <= 0:
        msg = f"{value!r} is not a positive number"
        raise argparse.ArgumentTypeError(msg)
    return number


def positive_int(value: str) -> int:
    """A whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"{value!r} is not a whole number of at least 1"
        raise argparse.ArgumentTypeError(msg)
    return number


def add_article_options(p: argparse.ArgumentParser, *, formats: tuple[str, ...]) -> None:
    """The inputs and outputs ``parse`` and ``events`` share."""
    p.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for standard input")
    p.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                   help="publication date of the articles (default: from HTML metadata or the file name)")
    p.add_argument("--format", choices=formats, default="jsonl", help="output format (default: jsonl)")
    p.add_argument("-o", "--output", metavar="OUT", default="-",
                   help="output file (default: standard output; required for gpkg)")
    p.add_argument("--max-mb", type=positive_float, default=MAX_MB, metavar="MB",
                   help="refuse files larger than this (default: %(default)s)")


def check_folder(arg: str) -> Path:
    """A folder to write into, made if missing; checked before any work is done."""
    path = Path(arg)
    if str(path.resolve()).startswith(tuple(f"{d}/" for d in ("/proc", "/sys", "/dev"))) or path.is_file():
        raise InputError(arg, "is not a folder; name a folder to write the dataset into")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(arg, f"cannot be created ({exc.strerror})") from None
    if not os.access(path, os.W_OK):
        raise InputError(arg, "is not writable")
    return path


def add_store_option(p: argparse.ArgumentParser) -> None:
    """``--db``: which store a command reads or writes."""
    p.add_argument("--db", metavar="DIR_OR_URL", help="data directory or postgresql://... URL "
                                                      "(default: $FRONTLINE_DB, else $FRONTLINE_DATA or "
                                                      "~/.local/share/frontline-map)")


class Articles:
    """Reads the article arguments one by one; a bad one is a one-line error, the rest go on."""

    def __init__(self, files: list[str], *, date: dt.date | None = None, max_mb: float = MAX_MB) -> None:
        self.files, self.date, self.max_mb, self.failed = files, date, max_mb, 0

    def __iter__(self) -> Iterator[Document]:
        for arg in self.files:
            try:
                yield read_document(arg, date=self.date, max_mb=self.max_mb)
            except InputError as exc:
                err(str(exc))
                self.failed += 1


def output_target(output: str, fmt: str) -> Path | None:
    """The output file (checked before any work), or None for standard output."""
    if output == "-":
        if fmt == "gpkg":
            raise InputError("--format gpkg", "needs an output file; add -o out.gpkg")
        return None
    return check_target(output, fmt)


def emit(text: str, output: str) -> None:
    """Write text to stdout, or whole to a file (temporary name, then rename)."""
    if output == "-":
        sys.stdout.write(text)
    else:
        atomic_write_text(check_target(output, "text"), text)


def write_rows(rows: list[dict[str, Any]], fmt: str, target: Path | None, *, table: str) -> None:
    """Rows as a table file, or on stdout for the text formats."""
    from frontline_map.geo.io.tables import write_table

    if target is not None:
        write_table(rows, fmt, target, table=table)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"out.{fmt}"
        write_table(rows, fmt, path, table=table)
        sys.stdout.write(path.read_text(encoding="utf-8"))


def open_store(arg: str | None, config: Settings, *, read_only: bool = False) -> Any:
    """The store named by ``--db``, else the configured one (read-only: it need not be writable)."""
    from frontline_map.geo.store.sql import Store

    return Store(arg or config.store_target, read_only=read_only)


def csv_text(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header."""
    import csv

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else [])
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()
