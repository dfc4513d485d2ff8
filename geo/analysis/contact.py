"""A contact zone inferred from reporting: where fighting and captures are told, never a front line."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import geopandas as gpd
import numpy as np
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


def zones_over_time(points: gpd.GeoSeries, keeps: Iterable[np.ndarray], *, growing: bool, buffer_km: float = 5.0,
                    grid_m: float = 500.0, simplify_m: float = 250.0) -> Iterator[dict[str, Any] | None]:
    """The contact zone (GeoJSON, EPSG:4326) for each mask of ``points`` in turn.

    Each distinct point (snapped to ``grid_m``, far below the buffer) is buffered once; when
    the masks only ever add points (``growing``: everything so far), each zone is the last one
    plus the new buffers, so a year of daily steps costs about one union.
    """
    metric_crs_ = metric_crs(points)
    xy = shapely.get_coordinates(points.to_crs(metric_crs_).values)
    cells, inverse = np.unique(np.round(xy / grid_m), axis=0, return_inverse=True)
    buffers = shapely.buffer(shapely.points(cells * grid_m), buffer_km * 1000, quad_segs=8)
    zone, used = None, np.zeros(len(cells), dtype=bool)
    for keep in keeps:
        now = np.zeros(len(cells), dtype=bool)
        now[inverse.ravel()[keep]] = True
        if not now.any():
            zone, used = None, now
        elif growing and zone is not None and not (used & ~now).any():
            zone = shapely.union_all([zone, *buffers[now & ~used]])
            used = now
        else:
            zone, used = shapely.union_all(buffers[now]), now
        if zone is None:
            yield None
            continue
        out = gpd.GeoSeries([zone.simplify(simplify_m)], crs=metric_crs_).to_crs(points.crs)
        yield json.loads(out.set_precision(0.0001).to_json())  # ~10 m: the zone is a 5 km band
