"""The data of an export: the events, roads and control areas shown, as GeoJSON, GeoPackage, KML or CSV."""
from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from frontline_map.geo.errors import ExportError
from frontline_map.geo.io.atomic import atomic_write
from frontline_map.layers.scene import Scene

DATA_FORMATS = {".geojson": "GeoJSON", ".gpkg": "GPKG", ".kml": "KML", ".csv": "CSV"}


def _flat(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gdf.copy()
    for col in out.columns:
        if col != out.geometry.name and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
    return out


def scene_tables(scene: Scene) -> dict[str, gpd.GeoDataFrame]:
    """The scene's layers as tables: events, routes (with their status), control areas."""
    road = scene.routes.assign(status=[scene.route_status.get(r, "normal") for r in scene.routes["ref"]])
    tables = {"events": _flat(scene.events), "routes": _flat(road)}
    if scene.control is not None and len(scene.control):
        tables["control"] = gpd.GeoDataFrame(geometry=scene.control.geometry.values, crs=scene.control.crs)
    return tables


def to_data(scene: Scene, path: Path) -> Path:
    """GeoJSON / KML / CSV (one table, a 'layer' column) or GeoPackage (one layer per table)."""
    suffix = path.suffix.lower()
    if suffix not in DATA_FORMATS:
        raise ExportError(f"{path}: unknown data format; use one of {', '.join(DATA_FORMATS)}")
    tables = scene_tables(scene)

    def write(tmp: Path) -> None:
        if suffix == ".gpkg":
            for name, table in tables.items():
                table.to_file(tmp, driver="GPKG", layer=name, engine="pyogrio")
            return
        merged = pd.concat([t.assign(layer=name) for name, t in tables.items()], ignore_index=True)
        merged = gpd.GeoDataFrame(merged, geometry="geometry", crs="EPSG:4326")
        merged = merged[merged.geometry.notna()] if suffix == ".kml" else merged
        if suffix == ".csv":
            merged.assign(wkt=merged.geometry.to_wkt()).drop(columns="geometry").to_csv(tmp, index=False)
        else:
            merged.to_file(tmp, driver=DATA_FORMATS[suffix], engine="pyogrio")

    return atomic_write(path, write)


