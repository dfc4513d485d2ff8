"""A newsroom's own raster tiles from an MBTiles or PMTiles file, laid out as {z}/{x}/{y} files to serve.

MBTiles (mapbox/mbtiles-spec) is one SQLite file: a ``tiles`` table with TMS rows
(y counted from the south) and a ``metadata`` table.  PMTiles (protomaps/PMTiles v3) is one
file of directories and tiles addressed by a Hilbert tile id, read with the ``pmtiles``
package.  Streamlit serves only a static folder, so the tiles are written out once into it,
as the XYZ rows Leaflet asks for.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from frontline_map.geo.errors import InputError

RASTER = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp"}


@dataclass(frozen=True)
class TileSet:
    """Where the written tiles are, their file type, zoom range and the file's own credit."""

    folder: Path
    ext: str
    min_zoom: int
    max_zoom: int
    attribution: str


def _metadata(db: sqlite3.Connection) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in db.execute("SELECT name, value FROM metadata")}
    except sqlite3.DatabaseError:
        return {}


def extract(path: Path, out: Path) -> TileSet:
    """Write every tile of ``path`` under ``out/{z}/{x}/{y}.{ext}`` (once: a finished folder is reused)."""
    if not path.is_file():
        raise InputError(str(path), "no such MBTiles or PMTiles file; set FRONTLINE_TILES to a .mbtiles or "
                                    ".pmtiles file or a tile URL")
    with path.open("rb") as fh:
        if fh.read(7) == b"PMTiles":
            return _pmtiles(path, out)
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return _write(db, path, out)
    except sqlite3.DatabaseError as exc:
        raise InputError(str(path), f"not an MBTiles file ({exc}); make one with e.g. gdal_translate -of MBTILES") \
            from None


def _write(db: sqlite3.Connection, path: Path, out: Path) -> TileSet:
    meta = _metadata(db)
    ext = RASTER.get(meta.get("format", "png").lower())
    if ext is None:
        raise InputError(str(path), f"tiles in {meta.get('format')!r} format; only raster MBTiles (png, jpg, "
                         "webp) can be drawn here")
    low, high = db.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
    if low is None:
        raise InputError(str(path), "the MBTiles file holds no tiles")
    done = out / ".complete"
    if not done.exists():
        for z, x, row, data in db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
            y = (1 << int(z)) - 1 - int(row)  # TMS rows count from the south; Leaflet's from the north
            target = out / str(z) / str(x) / f"{y}.{ext}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        done.write_text("ok", encoding="utf-8")
    return TileSet(out, ext, int(low), int(high), meta.get("attribution", ""))


_PM_RASTER = {2: "png", 3: "jpg", 4: "webp"}  # PMTiles' TileType codes


def _pmtiles(path: Path, out: Path) -> TileSet:
    import gzip

    from pmtiles.reader import MmapSource, Reader, all_tiles
    from pmtiles.tile import Compression, SpecVersionUnsupported

    with path.open("rb") as fh:
        try:
            get = MmapSource(fh)
            header = Reader(get).header()
            meta = Reader(get).metadata()
        except (SpecVersionUnsupported, ValueError, KeyError, OSError) as exc:
            raise InputError(str(path), f"not a PMTiles v3 file ({exc}); make one with e.g. `pmtiles convert`") \
                from None
        kind = header["tile_type"]
        ext = _PM_RASTER.get(int(getattr(kind, "value", kind)))
        if ext is None:
            raise InputError(str(path), "vector PMTiles; only raster tiles (png, jpg, webp) can be drawn here")
        gzipped = header["tile_compression"] == Compression.GZIP
        done = out / ".complete"
        if not done.exists():
            for (z, x, y), data in all_tiles(get):
                target = out / str(z) / str(x) / f"{y}.{ext}"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(gzip.decompress(data) if gzipped else data)
            done.write_text("ok", encoding="utf-8")
    credit = meta.get("attribution", "") if isinstance(meta, dict) else ""
    return TileSet(out, ext, int(header["min_zoom"]), int(header["max_zoom"]), str(credit))
