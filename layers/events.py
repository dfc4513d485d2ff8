"""The events layer: what happened where, coloured by type, styled by how sure we are.

Reported events are solid circles; claimed events are hollow; denied events are
dashed and faint; contested ones get a thick outline.  Size grows with the
number of sources.  All events go into one GeoJSON layer styled in the browser
(thousands of individual folium markers are slow), with popups built here from
escaped article text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

TYPE_COLOURS = {
    "fighting": "#d62728", "strike": "#ff7f0e", "capture": "#8c1aff", "advance": "#e377c2",
    "withdrawal": "#17becf", "route_threat": "#bcbd22", "casualties": "#111111", "axis": "#8c564b",
}


@dataclass(frozen=True)
class EventsStyle:
    """How events look; explicit fields so a typo fails instead of vanishing in Leaflet."""

    radius: float = 7.0
    radius_per_source: float = 2.0
    max_radius: float = 16.0
    fill_opacity: float = 0.75


def _text(value: object) -> str:
    """A table cell as text: None and NaN (pandas' missing values) are empty."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


APPROXIMATE = "position approximate"  # how a popup says a village was placed by the article's own locator


def runner_ups(raw: object) -> str:
    """Other places of the name, as a reader reads them ("Soledar (Donetsk Oblast); …"); ``raw`` is the
    stored JSON list, or None/NaN when there is none."""
    alts = json.loads(raw) if isinstance(raw, str) and raw else []
    return "; ".join(f"{APPROXIMATE}: {a['approximate']}" if "approximate" in a  # placed by the article's locator
                     else f"{a['name']} ({a['admin1'] or a['country']})" for a in alts[:3])


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    """Compact popup fields; the browser builds the popup with textContent (never as HTML)."""
    sources = row["sources"] if isinstance(row["sources"], list) else json.loads(row["sources"] or "[]")
    docs = row["docs"] if isinstance(row["docs"], list) else json.loads(row["docs"] or "[]")
    when = _text(row["date"]) or "date unknown"  # a missing date arrives as None or NaN: never shown as such
    if _text(row["date"]) and row["date_precision"] not in ("day", "unknown"):
        when += f" ({row['date_precision']})"
    runner_up = runner_ups(row.get("alternatives"))
    return {"p": row["place"], "t": row["type"], "s": row["status"], "n": len(sources) or 1, "w": when,
            "a": (_text(row["actor"]) or "unknown") + (f" ({row['unit']})" if _text(row.get("unit")) else ""),
            "src": ", ".join(sources), "den": _text(row.get("denied_by")), "q": row["sentence"],
            "docs": ", ".join(docs), "alt": runner_up}


def to_geojson(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """Point events as a FeatureCollection of compact fields (the browser styles them)."""
    points = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]  # roads are drawn by the routes layer
    rows = points.drop(columns="geometry").to_dict("records")
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(x, 5), round(y, 5)]},
                 "properties": _fields(row)}
                for row, x, y in zip(rows, points.geometry.x.tolist(), points.geometry.y.tolist(), strict=True)]
    return {"type": "FeatureCollection", "features": features}


def on_each_event(style: EventsStyle) -> folium.JsCode:
    """Per-feature style (colour = type, hollow = claimed, dashed = denied, black ring = contested), tooltip and a popup built on open.

    Styling in the browser avoids folium's per-feature style_function, which is computed
    and serialised in Python (~0.2 s per 1,000 events); the popup is DOM built with
    textContent, so article text can never become markup.
    """
    colours = json.dumps(TYPE_COLOURS)
    return folium.JsCode(f"""
function(feature, layer) {{
  var p = feature.properties, c = ({colours})[p.t] || "#7f7f7f";
  var st = {{radius: Math.min({style.max_radius}, {style.radius} + {style.radius_per_source} * (p.n - 1)),
            color: c, fill: true, fillColor: c, fillOpacity: {style.fill_opacity}, weight: 2, opacity: 1.0,
            dashArray: null}};
  if (p.t === "axis") {{ st.radius = 22; st.fillOpacity = 0.06; st.dashArray = "8 5"; }}  // a direction, not a town
  if (p.s === "claimed") {{ st.fillOpacity = 0.0; st.weight = 3; }}
  else if (p.s === "denied") {{ st.fillOpacity = 0.1; st.dashArray = "3 4"; st.opacity = 0.6; }}
  else if (p.s === "contested") {{ st.color = "#000000"; st.weight = 4; }}
  if (layer.setStyle) {{ layer.setStyle(st); layer.setRadius(st.radius); }}
  var tip = document.createElement("span"); tip.textContent = p.p; layer.bindTooltip(tip);
  layer.bindPopup(function() {{
    var box = document.createElement("div"), add = function(tag, text, css) {{
      var el = document.createElement(tag); el.textContent = text; if (css) el.style.cssText = css;
      box.appendChild(el); return el; }};
    add("b", p.p + ": " + p.t.replace("_", " ") + ", " + p.s);
    add("div", p.w + "; actor: " + p.a);
    add("div", "source: " + p.src + (p.den ? "; denied by " + p.den : ""));
    add("blockquote", p.q, "margin:4px 0;font-size:90%");
    add("small", "article: " + p.docs);
    var lead = p.alt && p.alt.indexOf("position approximate") === 0 ? "" : "other places of that name: ";
    if (p.alt) {{ add("div", lead + p.alt, "font-size:85%;color:#555"); }}
    return box;
  }}, {{maxWidth: 380}});
}}""")


ON_EACH_POINT = folium.JsCode("""
function(feature, layer) {
  if (layer.setStyle) { layer.setStyle(feature.properties.style); }
  if (layer.setRadius && feature.properties.style.radius) { layer.setRadius(feature.properties.style.radius); }
  layer.bindPopup(feature.properties.popup, {maxWidth: 380});
  layer.bindTooltip(feature.properties.place);
}""")


CLUSTER_ABOVE = 400  # events; below this every event stays visible on its own


def shown_count(n: int) -> MacroElement:
    """Writes ``data-events-shown="n"`` on the Leaflet container whenever the events layer is drawn:
    the number of events on the map, for tests and for anyone scripting the page."""
    element = MacroElement()
    element._template = Template(  # noqa: SLF001 - folium's documented way to add a script
        "{% macro script(this, kwargs) %}"
        f"(function() {{ var m = window.map; if (m && m.getContainer) "
        f"{{ m.getContainer().setAttribute('data-events-shown', '{int(n)}'); }} }})();"
        "{% endmacro %}")
    return element


def build(gdf: gpd.GeoDataFrame, *, style: EventsStyle | None = None, name: str = "Events",
          cluster_above: int = CLUSTER_ABOVE, data: dict[str, Any] | None = None) -> folium.FeatureGroup:
    """One GeoJSON layer of all point events, styled and with popups in the browser;
    clustered (Leaflet.markercluster, served locally) when there are many.  ``data`` is
    :func:`to_geojson` of ``gdf`` when the caller has it already (the dashboard caches it)."""
    from folium.plugins import MarkerCluster

    from frontline_map.layers.assets import use_local_assets

    group = folium.FeatureGroup(name=name)
    data = data if data is not None else to_geojson(gdf)
    shown_count(len(data["features"])).add_to(group)
    if not data["features"]:
        return group
    parent: Any = group
    if len(data["features"]) > cluster_above:
        parent = use_local_assets(MarkerCluster(name=name, options={"maxClusterRadius": 40, "chunkedLoading": True}))
        parent.add_to(group)
    style = style or EventsStyle()
    # markerPane: above the overlay pane of areas and roads, so every marker takes its own click
    folium.GeoJson(data, name=name, marker=folium.CircleMarker(radius=style.radius, pane="markerPane"),
                   on_each_feature=on_each_event(style)).add_to(parent)
    return group
