"""Supply routes under fire: how much of each road is cut, within range, or clear, day by day.

Everything is measured in metres in a projected CRS (a UTM zone chosen from
the data), never in degrees.  For each date the enemy-held area and its
fire-range band are built once and shared by every route, which is what makes
a year of daily layers times twenty roads cheap.

"Enemy" is relative to the side the user reports for: with ``side="ukraine"``
the control layers' polygons (Russian-held areas) are the enemy; with
``side="russia"`` the enemy is the rest of Ukraine.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from frontline_map.geo.schema import CRS

RANGE_PRESETS_KM = {"mortar": 6.0, "tube artillery": 15.0, "rockets (Grad)": 20.0, "rockets (HIMARS/Smerch)": 70.0}
DEFAULT_RANGE_KM = 15.0
SIDES = ("ukraine", "russia")


@dataclass(frozen=True)
class RouteThreat:
    """One route on one date: kilometres inside enemy-held area, within range of it, and clear."""

    route: str
    date: dt.date
    km_cut: float
    km_threatened: float
    km_clear: float

    def as_row(self) -> dict[str, Any]:
        return {"route": self.route, "date": self.date.isoformat(), "km_cut": round(self.km_cut, 3),
                "km_threatened": round(self.km_threatened, 3), "km_clear": round(self.km_clear, 3)}


def metric_crs(*frames: gpd.GeoDataFrame | gpd.GeoSeries) -> str:
    """The UTM zone of the data (geopandas' ``estimate_utm_crs``), for measuring in metres."""
    parts = [f.to_crs(CRS).geometry if isinstance(f, gpd.GeoDataFrame) else f.to_crs(CRS) for f in frames if len(f)]
    joined = gpd.GeoSeries(pd.concat(parts, ignore_index=True), crs=CRS)
    return str(joined.estimate_utm_crs().to_string())


def ukraine_outline() -> BaseGeometry:
    """Ukraine's outline (countryinfo), the extent of 'the rest of Ukraine' for side='russia'."""
    from countryinfo import CountryInfo
    from shapely.geometry import shape

    return shape(CountryInfo("UA").geo_json()["features"][0]["geometry"])


def enemy_area(control: gpd.GeoDataFrame, *, side: str = "ukraine",
               extent: BaseGeometry | None = None) -> BaseGeometry:
    """The area held by the other side, in the layer's CRS."""
    if side not in SIDES:
        msg = f"unknown side {side!r}; use one of {SIDES}"
        raise ValueError(msg)
    held = shapely.union_all(control.geometry.values) if len(control) else shapely.Polygon()
    if side == "ukraine":
        return held
    outline = extent if extent is not None else gpd.GeoSeries([ukraine_outline()], crs=CRS).to_crs(control.crs).iloc[0]
    return outline.difference(held)


@dataclass(frozen=True)
class _Bands:
    enemy: BaseGeometry
    reach: BaseGeometry  # enemy area grown by the fire range


def _bands(enemy: BaseGeometry, range_km: float) -> _Bands:
    shapely.prepare(enemy)
    reach = enemy.buffer(range_km * 1000, quad_segs=32) if not enemy.is_empty else enemy
    shapely.prepare(reach)
    return _Bands(enemy, reach)


def measure(line: BaseGeometry, bands: _Bands) -> tuple[float, float, float]:
    """(km cut, km threatened, km clear) of one line in metres-CRS against one date's bands."""
    total = line.length
    cut = line.intersection(bands.enemy).length if bands.enemy.intersects(line) else 0.0
    within = line.intersection(bands.reach).length if bands.reach.intersects(line) else 0.0
    return cut / 1000, max(0.0, within - cut) / 1000, max(0.0, total - within) / 1000


def analyse(routes: gpd.GeoDataFrame, series: Mapping[dt.date, gpd.GeoDataFrame], *,
            range_km: float = DEFAULT_RANGE_KM, side: str = "ukraine", start: dt.date | None = None,
            end: dt.date | None = None) -> list[RouteThreat]:
    """One row per route and control-layer date within [start, end]."""
    days = [d for d in sorted(series) if (start is None or d >= start) and (end is None or d <= end)]
    if not days or routes.empty:
        return []
    crs = metric_crs(routes)
    lines = routes.to_crs(crs)
    extent = gpd.GeoSeries([ukraine_outline()], crs=CRS).to_crs(crs).iloc[0] if side == "russia" else None
    out = []
    for day in days:
        layer = series[day].to_crs(crs)
        bands = _bands(enemy_area(layer, side=side, extent=extent), range_km)
        for ref, geom in zip(lines["ref"], lines.geometry, strict=False):
            out.append(RouteThreat(ref, day, *measure(geom, bands)))
    return out


def segments(routes: gpd.GeoDataFrame, control: gpd.GeoDataFrame, *, range_km: float = DEFAULT_RANGE_KM,
             side: str = "ukraine") -> gpd.GeoDataFrame:
    """Each route split into cut / threatened / clear pieces (EPSG:4326), for the map."""
    crs = metric_crs(routes)
    bands = _bands(enemy_area(control.to_crs(crs), side=side), range_km)
    rows = []
    for ref, geom in zip(routes["ref"], routes.to_crs(crs).geometry, strict=False):
        cut = geom.intersection(bands.enemy)
        threatened = geom.intersection(bands.reach).difference(bands.enemy)
        clear = geom.difference(bands.reach)
        for status, part in (("cut", cut), ("threatened", threatened), ("clear", clear)):
            if not part.is_empty and part.length > 0:
                rows.append({"route": ref, "status": status, "km": part.length / 1000, "geometry": part})
    return gpd.GeoDataFrame(rows, columns=["route", "status", "km", "geometry"], geometry="geometry",
                            crs=crs).to_crs(CRS)


def fire_band(control: gpd.GeoDataFrame, *, range_km: float = DEFAULT_RANGE_KM, side: str = "ukraine",
              near: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """The translucent band within range of enemy-held area (EPSG:4326), clipped around ``near``."""
    crs = metric_crs(near if near is not None and len(near) else control)
    bands = _bands(enemy_area(control.to_crs(crs), side=side), range_km)
    band = bands.reach.difference(bands.enemy)
    if near is not None and len(near):
        band = band.intersection(shapely.box(*near.to_crs(crs).total_bounds).buffer(range_km * 2000))
    return gpd.GeoDataFrame(geometry=[band], crs=crs).to_crs(CRS)


def distance_to_enemy_km(point: BaseGeometry, control: gpd.GeoDataFrame, *, side: str = "ukraine") -> float:
    """Nearest distance (km) from a town (EPSG:4326 point) to enemy-held area; 0 inside it."""
    pts = gpd.GeoSeries([point], crs=CRS)
    crs = metric_crs(pts)
    enemy = enemy_area(control.to_crs(crs), side=side)
    return float(pts.to_crs(crs).iloc[0].distance(enemy)) / 1000


def disagreement(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, float]:
    """Where two control maps of one date disagree (symmetric difference) and its area in km²."""
    crs = metric_crs(a, b)
    ga = shapely.union_all(a.to_crs(crs).geometry.values)
    gb = shapely.union_all(b.to_crs(crs).geometry.values)
    diff = ga.symmetric_difference(gb)
    return gpd.GeoDataFrame(geometry=[diff], crs=crs).to_crs(CRS), diff.area / 1e6
