"""Reading map files (control areas, road geometry) from a path or from uploaded bytes.

Uploads are read in memory and never written to the server's disk, so two
sessions uploading files of the same name cannot see or tear each other's data.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from frontline_map.geo.errors import InputError
from frontline_map.geo.schema import CRS


@dataclass(frozen=True)
class Upload:
    """A file a user handed over: its name (for its date and format) and its bytes."""

    name: str
    data: bytes


Source = Path | Upload


def source_name(source: Source) -> str:
    """The file name a message should show."""
    return source.name if isinstance(source, Upload) else str(source)


def read_geo(source: Source, *, what: str) -> gpd.GeoDataFrame:
    """A vector file as a GeoDataFrame in EPSG:4326; any driver error is one :class:`InputError`."""
    target: Path | io.BytesIO = io.BytesIO(source.data) if isinstance(source, Upload) else source
    try:
        gdf = gpd.read_file(target, engine="pyogrio")
    except Exception as exc:  # noqa: BLE001 - pyogrio raises many kinds; the user needs one line
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(source_name(source), f"cannot be read as {what} ({first})") from None
    return gdf.set_crs(CRS) if gdf.crs is None else gdf.to_crs(CRS)
