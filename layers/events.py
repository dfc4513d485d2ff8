"""The events layer: what happened where, coloured by type, styled by how sure we are.

Reported events are solid circles; claimed events are hollow; denied events are
dashed and faint; contested ones get a thick outline.  Size grows with the
number of sources.  All events go into one GeoJSON layer styled in the browser
(thousands of individual folium markers are slow), with popups built here from
escaped article text.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass

import folium
import geopandas as gpd

TYPE_COLOURS = {
    "fighting": "#d62728", "strike": "#ff7f0e", "capture": "#8c1aff", "advance": "#e377c2",
    "withdrawal": "#17becf", "route_threat": "#bcbd22", "casualties": "#111111",
}
STATUS_LABELS = {"reported": "reported", "claimed": "claimed (hollow)", "denied": "denied (dashed)",
                 "contested": "contested (thick ring)"}


@dataclass(frozen=True)
class EventsStyle:
    """How events look; explicit fields so a typo fails instead of vanishing in Leaflet."""

    radius: float = 7.0
    radius_per_source: float = 2.0
    max_radius: float = 16.0
    fill_opacity: float = 0.75


def _popup(row: dict) -> str:
    e = html.escape
    sources = row["sources"] if isinstance(row["sources"], list) else json.loads(row["sources"] or "[]")
    docs = row["docs"] if isinstance(row["docs"], list) else json.loads(row["docs"] or "[]")
    denied = f"<br>denied by {e(row['denied_by'])}" if row.get("denied_by") else ""
    when = e(row["date"] or "date unknown") + ("" if row["date_precision"] in ("day", "unknown")
                                                else f" ({e(row['date_precision'])})")
    unit = f" ({e(row['unit'])})" if row.get("unit") else ""
    return (f"<b>{e(row['place'])}</b>: {e(row['type'].replace('_', ' '))}, <i>{e(row['status'])}</i><br>"
            f"{when}; actor: {e(row['actor'])}{unit}<br>source: {e(', '.join(sources))}{denied}<br>"
            f"<blockquote style='margin:4px 0;font-size:90%'>{e(row['sentence'])}</blockquote>"
            f"<small>article: {e(', '.join(docs))}</small>")


def style_for(row: dict, style: EventsStyle) -> dict:
    """Leaflet path options for one event (pure: tested without a browser)."""
    colour = TYPE_COLOURS.get(row["type"], "#7f7f7f")
    n = len(row["sources"]) if isinstance(row["sources"], list) else 1
    opts = {"radius": min(style.max_radius, style.radius + style.radius_per_source * (n - 1)),
            "color": colour, "fillColor": colour, "fillOpacity": style.fill_opacity, "weight": 2,
            "dashArray": None, "opacity": 1.0}
    if row["status"] == "claimed":
        opts.update(fillOpacity=0.0, weight=3)
    elif row["status"] == "denied":
        opts.update(fillOpacity=0.1, dashArray="3 4", opacity=0.6)
    elif row["status"] == "contested":
        opts.update(color="#000000", weight=4)
    return opts


def to_geojson(gdf: gpd.GeoDataFrame, *, style: EventsStyle | None = None) -> dict:
    """Point events as a FeatureCollection whose properties carry style and popup HTML."""
    style = style or EventsStyle()
    features = []
    for i, row in enumerate(gdf.drop(columns="geometry").to_dict("records")):
        geom = gdf.geometry.iloc[i]
        if geom is None or geom.is_empty:
            continue  # roads are drawn by the routes layer
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [geom.x, geom.y]},
                         "properties": {"id": i, "place": row["place"], "type": row["type"],
                                        "status": row["status"], "style": style_for(row, style),
                                        "popup": _popup(row)}})
    return {"type": "FeatureCollection", "features": features}


# Style, popup and tooltip are set per feature in the browser: folium's own per-feature
# style_function is computed and serialised in Python, which costs ~0.2 s per 1,000 events.
ON_EACH_POINT = folium.JsCode("""
function(feature, layer) {
  if (layer.setStyle) { layer.setStyle(feature.properties.style); }
  if (layer.setRadius && feature.properties.style.radius) { layer.setRadius(feature.properties.style.radius); }
  layer.bindPopup(feature.properties.popup, {maxWidth: 380});
  layer.bindTooltip(feature.properties.place);
}""")


CLUSTER_ABOVE = 400  # events; below this every event stays visible on its own


def build(gdf: gpd.GeoDataFrame, *, style: EventsStyle | None = None, name: str = "Events",
          cluster_above: int = CLUSTER_ABOVE) -> folium.FeatureGroup:
    """One GeoJSON layer of all point events, styled and with popups in the browser;
    clustered (Leaflet.markercluster, served locally) when there are many."""
    from folium.plugins import MarkerCluster

    from layers.assets import use_local_assets

    group = folium.FeatureGroup(name=name)
    data = to_geojson(gdf, style=style)
    if not data["features"]:
        return group
    parent: folium.MacroElement = group
    if len(data["features"]) > cluster_above:
        parent = use_local_assets(MarkerCluster(name=name, options={"maxClusterRadius": 40}))
        parent.add_to(group)
    folium.GeoJson(data, name=name, marker=folium.CircleMarker(radius=(style or EventsStyle()).radius),
                   on_each_feature=ON_EACH_POINT).add_to(parent)
    return group
