"""The places layer: one circle per place, sized by how often the articles name it."""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd

from frontline_map.geo.schema import validate_mentions
from frontline_map.layers.events import APPROXIMATE, runner_ups

KIND_COLOURS = {"settlement": "#c0392b", "region": "#8e44ad", "country": "#2c3e50", "other": "#16a085"}


@dataclass(frozen=True)
class PlacesStyle:
    """How places look; explicit fields so a typo fails instead of vanishing in Leaflet."""

    min_radius: float = 5.0
    max_radius: float = 18.0
    fill_opacity: float = 0.7
    max_quotes: int = 3


def summarise_places(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per distinct place with its mention count, articles and surface forms."""
    pts = validate_mentions(gdf)
    pts = pts[pts.geometry.notna() & (pts["kind"] != "route")]
    if pts.empty:
        return gpd.GeoDataFrame(columns=["name", "kind", "country", "admin1", "mentions", "docs",
                                         "surfaces", "sentences", "geometry"], geometry="geometry", crs=gdf.crs)
    keys = pts["name"] + "|" + pts["lat"].round(4).astype(str) + "|" + pts["lon"].round(4).astype(str)
    grouped = pts.assign(_key=keys).groupby("_key", sort=False)
    out = grouped.agg(name=("name", "first"), kind=("kind", "first"), country=("country", "first"),
                      admin1=("admin1", "first"), mentions=("name", "size"),
                      docs=("doc", lambda s: sorted(set(s))), surfaces=("surface", lambda s: sorted(set(s))),
                      sentences=("sentence", lambda s: list(dict.fromkeys(s))),
                      alternatives=("alternatives", "first"),
                      geometry=("geometry", "first")).reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=gdf.crs)


def _popup_html(row: Any, style: PlacesStyle) -> str:
    e = html.escape
    quotes = "".join(f"<li>{e(q)}</li>" for q in row.sentences[: style.max_quotes])
    return (f"<b>{e(row.name)}</b> ({e(row.kind)}, {e(row.admin1 or row.country)})<br>"
            f"named {row.mentions}× as {e(', '.join(row.surfaces))} in {e(', '.join(row.docs))}"
            f"<ul style='padding-left:1em;margin:4px 0'>{quotes}</ul>{_runner_ups(row)}")


def _runner_ups(row: Any) -> str:
    items = runner_ups(getattr(row, "alternatives", None))
    lead = "" if items.startswith(APPROXIMATE) else "other places of that name: "
    return f"<div style='font-size:85%;color:#555'>{lead}{html.escape(items)}</div>" if items else ""


def to_geojson(gdf: gpd.GeoDataFrame, *, style: PlacesStyle | None = None) -> dict[str, Any]:
    """One point feature per place, its style and escaped popup in the properties."""
    style = style or PlacesStyle()
    places = summarise_places(gdf)
    top = max(1, int(places["mentions"].max())) if len(places) else 1
    features = []
    for row in places.itertuples():
        radius = style.min_radius + (style.max_radius - style.min_radius) * (row.mentions / top) ** 0.5
        colour = KIND_COLOURS.get(row.kind, "#7f8c8d")
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [row.geometry.x, row.geometry.y]},
                         "properties": {"place": row.name, "popup": _popup_html(row, style),
                                        "style": {"radius": radius, "color": colour, "fill": True, "fillColor": colour,
                                                  "fillOpacity": style.fill_opacity, "weight": 1}}})
    return {"type": "FeatureCollection", "features": features}


def build(gdf: gpd.GeoDataFrame, *, style: PlacesStyle | None = None, name: str = "Places") -> folium.FeatureGroup:
    """Circles for the places in a mentions GeoDataFrame, one GeoJSON layer; popups carry escaped quotes."""
    from frontline_map.layers.events import ON_EACH_POINT

    group = folium.FeatureGroup(name=name)
    data = to_geojson(gdf, style=style)
    if data["features"]:
        folium.GeoJson(data, name=name, marker=folium.CircleMarker(radius=(style or PlacesStyle()).min_radius),
                       on_each_feature=ON_EACH_POINT).add_to(group)
    return group
