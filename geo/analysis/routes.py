"""Road geometry: approximate lines from the routes table, or a user's exact geometry.

The routes table (data/routes.csv) lists the settlements each numbered road
passes, in order; joining their gazetteer points gives an *approximate* line,
labelled as such.  A newsroom with surveyed geometry (GeoJSON, KML, GPX,
GeoPackage) loads it instead; refs in any spelling ("М-03", "T-05-04") are
normalised to the table's Latin refs.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString

from frontline_map.geo.errors import InputError
from frontline_map.geo.gazetteer import Gazetteer
from frontline_map.geo.io.geofiles import Upload, read_geo, source_name
from frontline_map.geo.names import CYRILLIC_REF_TO_LATIN, fold_name
from frontline_map.geo.schema import CRS

ROUTE_COLUMNS = ("ref", "name", "approximate", "settlements", "geometry")
_REF_FIELDS = ("ref_latin", "ref", "road_code", "name", "Name")


def _settlement_point(gaz: Gazetteer, name: str, country: str,
                      previous: tuple[float, float] | None) -> tuple[float, float] | None:
    """The settlement's point; among namesakes, the one nearest the road's previous point."""
    cands = [i for i, _ in gaz.lookup(name) if gaz.kinds[i] == "settlement" and gaz.countries[i] == country]
    if not cands:
        return None
    towns = [i for i in cands if gaz.pops[i] > 0]  # the roads table names towns: a hamlet namesake never wins
    cands = towns or cands
    if previous is None:
        best = max(cands, key=lambda i: (gaz.names[i] == name, gaz.pops[i]))
    else:
        best = min(cands, key=lambda i: (gaz.lons[i] - previous[0]) ** 2 + (gaz.lats[i] - previous[1]) ** 2)
    return gaz.lons[best], gaz.lats[best]


def _waypoints(gaz: Gazetteer, names: tuple[str, ...], country: str) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for name in names:
        p = _settlement_point(gaz, name, country, pts[-1] if pts else None)
        if p is not None:
            pts.append(p)
    return pts


def route_lines(gaz: Gazetteer, *, country: str = "UA") -> gpd.GeoDataFrame:
    """One approximate LineString per road in the routes table (EPSG:4326)."""
    rows = []
    for route in gaz.routes.values():
        pts = _waypoints(gaz, route.settlements, country)
        if len(pts) >= 2:
            rows.append({"ref": route.ref, "name": route.name, "approximate": True,
                         "settlements": " – ".join(route.settlements), "geometry": LineString(pts)})
    return gpd.GeoDataFrame(rows, columns=list(ROUTE_COLUMNS), geometry="geometry", crs=CRS)


def normalise_ref(value: str, gaz: Gazetteer) -> str | None:
    """ "М-03" -> "M03", "T-05-04" -> "H32"; None when the value names no known road."""
    key = fold_name(str(value).translate(CYRILLIC_REF_TO_LATIN).upper())
    return gaz.route_aliases.get(key) or gaz.route_aliases.get(key.replace(" ", ""))


def load_route_file(source: str | Path | Upload, gaz: Gazetteer) -> gpd.GeoDataFrame:
    """A user's exact road geometry; features whose ref we know replace the approximate lines."""
    source = source if isinstance(source, Upload) else Path(source)
    path = source_name(source)
    raw = read_geo(source, what="GeoJSON/KML/GPX/GeoPackage")
    if raw.empty:
        raise InputError(str(path), "holds no features")
    field = next((f for f in _REF_FIELDS if f in raw.columns), None)
    if field is None:
        raise InputError(str(path), f"has no road ref column; name one of {', '.join(_REF_FIELDS)}")
    raw["ref"] = [normalise_ref(v, gaz) for v in raw[field]]
    lines = raw[raw["ref"].notna() & raw.geometry.notna()]
    lines = lines[lines.geometry.geom_type.isin(["LineString", "MultiLineString"])]
    if lines.empty:
        raise InputError(str(path), "has no line features with a known road ref (M03, H32, 0506, T1302, H20)")
    merged = lines.dissolve(by="ref").reset_index()
    merged["geometry"] = [shapely.line_merge(shapely.force_2d(g)) for g in merged.geometry]
    merged["name"] = [gaz.routes[r].name for r in merged["ref"]]
    merged["approximate"] = False
    merged["settlements"] = [" – ".join(gaz.routes[r].settlements) for r in merged["ref"]]
    return gpd.GeoDataFrame(merged[list(ROUTE_COLUMNS)], geometry="geometry", crs=CRS)


def combine_routes(approximate: gpd.GeoDataFrame, exact: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """Exact geometry wins over the approximate line for the same ref."""
    if exact is None or exact.empty:
        return approximate
    keep = approximate[~approximate["ref"].isin(exact["ref"])]
    return gpd.GeoDataFrame(list(exact.to_dict("records")) + list(keep.to_dict("records")),
                            geometry="geometry", crs=CRS)
