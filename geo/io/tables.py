"""Writing tables: JSON Lines (the contracts), GeoJSON, CSV and GeoPackage.

Two tables leave the geoparser: mentions (`frontline parse`) and events
(`frontline events`).  Files are written to a temporary name beside the
target and renamed, so a failed run never leaves a half-written file behind.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from frontline_map.geo.errors import InputError
from frontline_map.geo.events.extract import EVENT_KEYS
from frontline_map.geo.io.atomic import atomic_write, check_writable_target
from frontline_map.geo.io.documents import SYSTEM_DIRS
from frontline_map.geo.schema import JSONL_KEYS

FORMATS = ("jsonl", "geojson", "csv", "gpkg")
_MENTION_EXTRA = ("admin1", "date", "sentence", "alternatives", "id")
_EVENT_EXTRA = ("unit", "denied_by", "date_from", "sources", "docs", "id", "ids")


def jsonl_line(row: dict[str, Any]) -> str:
    """One mention as a JSON object: the contract's keys first, then context."""
    obj = {k: row.get(k) for k in JSONL_KEYS}
    for k in _MENTION_EXTRA:
        if k in row:
            obj[k] = json.loads(row[k]) if k == "alternatives" else row[k]
    return json.dumps(obj, ensure_ascii=False)


def event_line(row: dict[str, Any]) -> str:
    """One event as a JSON object: the contract's keys first, then provenance."""
    obj = {k: row.get(k) for k in (*EVENT_KEYS, *_EVENT_EXTRA)}
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[str], *, line: Callable[[dict[str, Any]], str] = jsonl_line) -> None:
    """Stream rows to an open text file."""
    for row in rows:
        fh.write(line(row) + "\n")


def check_target(out: str, fmt: str) -> Path:
    """Fail before any parsing when the output cannot be written."""
    path = Path(out)
    if path.is_dir():
        raise InputError(out, "is a directory; give a file name for -o")
    if any(str(path.resolve()).startswith(d + "/") for d in SYSTEM_DIRS):
        raise InputError(out, "is a system path; write to a regular file")
    check_writable_target(path)
    if not path.parent.exists():
        raise InputError(out, f"folder {str(path.parent)!r} does not exist; create it first")
    if not os.access(path.parent, os.W_OK):
        raise InputError(out, "folder is not writable; choose another -o")
    return path


def _flat(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lists become JSON text: CSV, GeoJSON properties and GeoPackage columns hold scalars."""
    return [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in r.items()}
            for r in rows]


def write_table(rows: list[dict[str, Any]], fmt: str, path: Path, *, table: str = "mentions") -> None:
    """Write all rows (mentions or events) in ``fmt`` to ``path`` atomically."""
    from frontline_map.geo.text.parse import records_to_gdf, rows_to_event_gdf

    def write(tmp: Path) -> None:
        if fmt == "jsonl":
            with tmp.open("w", encoding="utf-8") as fh:
                write_jsonl(rows, fh, line=event_line if table == "events" else jsonl_line)
            return
        if table == "events":
            gdf = rows_to_event_gdf(_flat(rows))
        else:
            gdf = records_to_gdf(rows)
            if "date" in (rows[0] if rows else {}):
                gdf["date"] = [r.get("date") for r in rows]
        if fmt == "csv":
            gdf.drop(columns="geometry").to_csv(tmp, index=False)
        else:
            driver = {"geojson": "GeoJSON", "gpkg": "GPKG"}[fmt]
            gdf.to_file(tmp, driver=driver, layer=table if fmt == "gpkg" else None, engine="pyogrio")

    atomic_write(path, write)
