"""A contact zone inferred from reporting: where fighting and captures are told, never a front line."""
from __future__ import annotations

import geopandas as gpd
import shapely

from frontline_map.geo.analysis.threat import metric_crs


def contact_zone(events: gpd.GeoDataFrame, *, buffer_km: float = 5.0) -> gpd.GeoDataFrame:
    """Buffers around fighting and capture events, drawn in metres around each distinct point once."""
    pts = events[events["type"].isin(["fighting", "capture"]) & events.geometry.notna()]
    if pts.empty:
        return gpd.GeoDataFrame(geometry=[], crs=events.crs)
    unique = gpd.GeoSeries(list({(g.x, g.y): g for g in pts.geometry}.values()), crs=events.crs)
    metric = unique.to_crs(metric_crs(unique))
    zone = shapely.union_all(shapely.buffer(metric.values, buffer_km * 1000, quad_segs=8))
    return gpd.GeoDataFrame(geometry=[zone], crs=metric.crs).to_crs(events.crs)
