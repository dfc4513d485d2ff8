"""Reading map files (control areas, road geometry) from a path or from uploaded bytes.

Uploads are read in memory and never written to the server's disk, so two
sessions uploading files of the same name cannot see or tear each other's data.
An upload is only what it claims to be: GeoJSON is parsed as JSON here (GDAL never
sees it), and KML, KMZ, GPX and GeoPackage must carry their real signatures; GDAL's
network and virtual-file access is switched off, so an upload cannot make the
server fetch a URL or open a local file (an OGR VRT, ``/vsicurl/``, ``CSV:/etc/passwd``).
"""
from __future__ import annotations

import io
import json
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


MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_GDAL_LOCKED = {"GDAL_HTTP_TIMEOUT": "1", "GDAL_HTTP_MAX_RETRY": "0", "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".none",
                "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR", "OGR_SQLITE_ALLOW_LOAD_EXTENSION": "NO",
                "GDAL_ENABLE_DEPRECATED_DRIVER_VRT": "NO"}
_SIGNATURES = {".kmz": (b"PK\x03\x04",), ".gpkg": (b"SQLite format 3\x00",)}
_XML_ROOTS = {".kml": b"<kml", ".gpx": b"<gpx"}
_FORBIDDEN = (b"OGRVRTDataSource", b"/vsi", b"<!ENTITY", b"<!DOCTYPE")


def _geojson(source: Upload) -> gpd.GeoDataFrame:
    try:
        data = json.loads(source.data)
        features = data["features"] if data.get("type") == "FeatureCollection" else [data]
        gdf = gpd.GeoDataFrame.from_features(features, crs=CRS)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputError(source.name, "is not a GeoJSON FeatureCollection; export it again as GeoJSON") from None
    return gdf


def _check_upload(source: Upload) -> str:
    """The upload's format by its suffix, once its content is shown to be that format."""
    suffix = Path(source.name).suffix.lower()
    head = source.data[:4096].lstrip()
    if len(source.data) > MAX_UPLOAD_BYTES:
        raise InputError(source.name, f"is over {MAX_UPLOAD_BYTES // 2**20} MB; clip it to the area you need")
    if suffix in (".geojson", ".json"):
        return "geojson"
    if suffix in _SIGNATURES and source.data.startswith(_SIGNATURES[suffix]):
        return suffix
    if suffix in _XML_ROOTS and _XML_ROOTS[suffix] in head[:2048] and not any(f in source.data for f in _FORBIDDEN):
        return suffix
    raise InputError(source.name, "is not a GeoJSON, KML, KMZ, GPX or GeoPackage file as its name says")


def read_geo(source: Source, *, what: str) -> gpd.GeoDataFrame:
    """A vector file as a GeoDataFrame in EPSG:4326; any driver error is one :class:`InputError`."""
    if isinstance(source, Upload) and _check_upload(source) == "geojson":
        return _geojson(source)
    target: Path | io.BytesIO = io.BytesIO(source.data) if isinstance(source, Upload) else source
    if isinstance(source, Upload):
        import pyogrio

        pyogrio.set_gdal_config_options(_GDAL_LOCKED)  # the same fixed values every time: no network, no files
    try:
        gdf = gpd.read_file(target, engine="pyogrio")
    except Exception as exc:  # noqa: BLE001 - pyogrio raises many kinds; the user needs one line
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(source_name(source), f"cannot be read as {what} ({first})") from None
    return gdf.set_crs(CRS) if gdf.crs is None else gdf.to_crs(CRS)
