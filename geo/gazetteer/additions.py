"""A newsroom's own places: GeoNames dump files or simple CSVs added to the gazetteer.

``frontline gazetteer add FILE`` checks the file, keeps what can be mapped and stores it, normalised, as one
CSV per added file in ``$FRONTLINE_DATA/gazetteer/``; the index is rebuilt from them on its next load, so
added places join every search and resolution, each marked with the file it came from.

Two layouts are read:
- a GeoNames dump (``allCountries.txt``, ``UA.txt``, …: 19 tab-separated columns, alternate names in the 4th);
  populated places (feature class P) become settlements, first- and second-order divisions (ADM1, ADM2)
  regions, anything else is skipped and counted;
- a CSV with a header ``name,lat,lon,country,admin1,kind,aliases`` (aliases separated by ``|``; kind one of
  settlement, region, other; admin1 the GeoNames admin1 code, e.g. 05 for Donetsk Oblast).
"""
from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from frontline_map.geo.errors import InputError
from frontline_map.geo.io.atomic import atomic_write_text

COLUMNS = ("name", "lat", "lon", "country", "admin1", "kind", "aliases", "population", "geonameid")
KINDS = ("settlement", "region", "other")
_GEONAMES_COLUMNS = 19
_CSV_REQUIRED = ("name", "lat", "lon", "country")
_ADMIN_REGION = {"ADM1", "ADM2"}
_LABEL = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Added:
    """What ``add`` kept and where it stored it."""

    path: Path
    kept: int
    skipped: int


def _number(value: str, what: str, where: str, lo: float, hi: float) -> float:
    try:
        x = float(value)
    except ValueError:
        raise InputError(where, f"{what} {value!r} is not a number") from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise InputError(where, f"{what} {value!r} is outside {lo:g}..{hi:g}")
    return x


def _geonames_rows(lines: Iterable[str], name: str) -> tuple[list[dict[str, str]], int]:
    rows, skipped = [], 0
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        where = f"{name} line {n}"
        if len(cols) != _GEONAMES_COLUMNS:
            raise InputError(where, f"{len(cols)} tab-separated columns, a GeoNames dump line has 19; "
                                    "for a CSV use the header name,lat,lon,country,admin1,kind,aliases")
        fclass, fcode = cols[6], cols[7]
        kind = "settlement" if fclass == "P" else "region" if fclass == "A" and fcode in _ADMIN_REGION else None
        if kind is None or not cols[1].strip():
            skipped += 1
            continue
        rows.append({"name": cols[1].strip(), "lat": str(_number(cols[4], "latitude", where, -90, 90)),
                     "lon": str(_number(cols[5], "longitude", where, -180, 180)), "country": cols[8].strip(),
                     "admin1": cols[10].strip(), "kind": kind,
                     "aliases": "|".join(a.strip() for a in cols[3].split(",") if a.strip() and a.strip() != cols[1]),
                     "population": cols[14].strip() if cols[14].strip().isdigit() else "0",
                     "geonameid": cols[0].strip() if cols[0].strip().isdigit() else ""})
    return rows, skipped


def _csv_rows(text: str, name: str) -> tuple[list[dict[str, str]], int]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _CSV_REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(name, f"the CSV header lacks {', '.join(missing)}; expected "
                               "name,lat,lon,country,admin1,kind,aliases")
    rows = []
    for n, r in enumerate(reader, 2):
        where = f"{name} line {n}"
        place = (r.get("name") or "").strip()
        if not place:
            raise InputError(where, "the name is empty")
        kind = (r.get("kind") or "settlement").strip() or "settlement"
        if kind not in KINDS:
            raise InputError(where, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        rows.append({"name": place, "lat": str(_number(r.get("lat") or "", "latitude", where, -90, 90)),
                     "lon": str(_number(r.get("lon") or "", "longitude", where, -180, 180)),
                     "country": (r.get("country") or "").strip().upper(), "admin1": (r.get("admin1") or "").strip(),
                     "kind": kind, "aliases": (r.get("aliases") or "").strip(), "population": "0", "geonameid": ""})
    return rows, 0


def read_places(path: Path) -> tuple[list[dict[str, str]], int]:
    """The mappable places of a GeoNames dump or a CSV, normalised, and how many rows were skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({exc.__class__.__name__})") from None
    first = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    if "\t" in first:
        rows, skipped = _geonames_rows(text.splitlines(), path.name)
    else:
        rows, skipped = _csv_rows(text, path.name)
    if not rows:
        raise InputError(str(path), "no populated place or region in it; nothing added")
    return rows, skipped


def add(path: Path, folder: Path) -> Added:
    """Check ``path`` and store its places in ``folder`` (replacing an earlier copy of the same file)."""
    rows, skipped = read_places(path)
    label = _LABEL.sub("_", path.name) or "added"  # stored as <its name>.csv; the index names it by its name
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{label}.csv"
    atomic_write_text(target, out.getvalue())
    return Added(target, len(rows), skipped)


def stored(folder: Path | None) -> list[Path]:
    """The added files, in a stable order (their names and bytes key the index cache)."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(folder.glob("*.csv"))


def source_name(stored_file: Path) -> str:
    """The name of the file a stored copy was made from ("UA.txt" for UA.txt.csv)."""
    return stored_file.name.removesuffix(".csv")

