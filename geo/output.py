"""Writing mention tables: JSON Lines (the contract), GeoJSON, CSV and GeoPackage.

Files are written to a temporary name beside the target and renamed, so a
failed run never leaves a half-written file behind.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from geo.errors import InputError
from geo.pipeline import records_to_gdf
from geo.schema import JSONL_KEYS

FORMATS = ("jsonl", "geojson", "csv", "gpkg")
_EXTRA_KEYS = ("admin1", "date", "sentence", "alternatives")


def jsonl_line(row: dict) -> str:
    """One mention as a JSON object: the contract's keys first, then context."""
    obj = {k: row.get(k) for k in JSONL_KEYS}
    for k in _EXTRA_KEYS:
        if k in row:
            obj[k] = json.loads(row[k]) if k == "alternatives" else row[k]
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl(rows: Iterable[dict], fh: IO[str]) -> None:
    """Stream rows to an open text file."""
    for row in rows:
        fh.write(jsonl_line(row) + "\n")


def check_target(out: str, fmt: str) -> Path:
    """Fail before any parsing when the output cannot be written."""
    path = Path(out)
    if path.is_dir():
        raise InputError(out, "is a directory; give a file name for -o")
    if not path.parent.exists():
        raise InputError(out, f"folder {str(path.parent)!r} does not exist; create it first")
    if not os.access(path.parent, os.W_OK):
        raise InputError(out, "folder is not writable; choose another -o")
    if fmt == "gpkg" and out == "-":
        raise InputError("-o", "GeoPackage cannot go to standard output; give a file name")
    return path


def write_table(rows: list[dict], fmt: str, path: Path) -> None:
    """Write all rows in ``fmt`` to ``path`` atomically."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=f".{fmt}")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == "jsonl":
            with tmp.open("w", encoding="utf-8") as fh:
                write_jsonl(rows, fh)
        else:
            gdf = records_to_gdf(rows)
            if "date" in (rows[0] if rows else {}):
                gdf["date"] = [r.get("date") for r in rows]
            if fmt == "csv":
                gdf.drop(columns="geometry").to_csv(tmp, index=False)
            else:
                tmp.unlink()
                driver = {"geojson": "GeoJSON", "gpkg": "GPKG"}[fmt]
                gdf.to_file(tmp, driver=driver, layer="mentions" if fmt == "gpkg" else None,
                            engine="pyogrio")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
