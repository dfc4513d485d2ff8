"""The one GeoDataFrame schema that leaves geo/ for layers/ and the exports."""
from __future__ import annotations

from typing import TYPE_CHECKING

from frontline_map.geo.errors import SchemaError

if TYPE_CHECKING:
    import geopandas as gpd

CRS = "EPSG:4326"
MENTION_COLUMNS = (
    "doc", "start", "end", "surface", "name", "kind", "geonameid", "country", "admin1",
    "confidence", "sentence", "alternatives",
)
# The JSON Lines contract of `frontline parse --format jsonl`; tests and benchmarks read it.
JSONL_KEYS = ("doc", "start", "end", "surface", "name", "kind", "lat", "lon", "geonameid",
              "country", "confidence")


def validate_mentions(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return ``gdf`` unchanged when it has every mention column and EPSG:4326, else raise."""
    missing = [c for c in MENTION_COLUMNS if c not in gdf.columns]
    if missing:
        msg = f"mentions table lacks columns {missing}; build it with geo.text.parse.records_to_gdf"
        raise SchemaError(msg)
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        msg = f"mentions table must be in {CRS}, not {gdf.crs}; reproject with .to_crs('{CRS}')"
        raise SchemaError(msg)
    return gdf
