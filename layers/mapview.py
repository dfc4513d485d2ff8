"""Composing the map: an offline-ready folium.Map, base maps, legend and layers.

Base maps come from xyzservices.  With no network their tiles fail fast and
the map shows a plain background (the container's own colour) under the
layers, which are all vector and local.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from frontline_map.layers.assets import STATIC_URL, use_local_assets
from frontline_map.layers.basemap import FILE, OfflineBase
from frontline_map.layers.events import TYPE_COLOURS
from frontline_map.layers.routes import STATUS_COLOURS

BASEMAPS = ("OpenStreetMap", "CartoDB Positron", "Esri World Imagery", "Plain")
NEWSROOM = "Newsroom tiles"  # the base map a deployment names in FRONTLINE_TILES
_PROVIDERS = {"OpenStreetMap": "OpenStreetMap.Mapnik", "CartoDB Positron": "CartoDB.Positron",
              "Esri World Imagery": "Esri.WorldImagery"}
PLAIN_BACKGROUND = "#eef0f2"


@dataclass(frozen=True)
class MapView:
    """Where the map looks: centre as (lat, lon) and zoom, and on which base map."""

    lat: float = 48.68  # Bakhmut's front, with Lyman clear of the time bar across the map's top
    lon: float = 37.9
    zoom: int = 9
    basemap: str = "OpenStreetMap"
    own_tiles: tuple[str, str, int] | None = None  # the newsroom's (URL template, credit, max zoom)


def tile_layer(basemap: str, own: tuple[str, str, int] | None = None) -> folium.TileLayer | None:
    """The tiles behind a base-map name: the newsroom's own, an xyzservices provider, or none (Plain)."""
    if basemap == NEWSROOM and own is not None:
        url, credit, max_zoom = own
        return folium.TileLayer(tiles=url, attr=html.escape(credit or "Newsroom tiles"), name=NEWSROOM,
                                max_zoom=18, max_native_zoom=max_zoom)
    if basemap not in _PROVIDERS:
        return None
    import xyzservices.providers as xyz

    provider = xyz.query_name(_PROVIDERS[basemap])
    return folium.TileLayer(tiles=provider.build_url(), attr=provider.html_attribution, name=basemap,
                            max_zoom=provider.get("max_zoom", 18))


def _svg(body: str, width: int = 18) -> str:
    return (f"<svg width='{width}' height='14' viewBox='0 0 {width} 14' style='vertical-align:middle'>"
            f"{body}</svg>")


def _ring(colour: str, *, fill: float, weight: float, dash: str = "") -> str:
    dashed = f" stroke-dasharray='{dash}'" if dash else ""
    return _svg(f"<circle cx='9' cy='7' r='5' fill='{colour}' fill-opacity='{fill}' stroke='{colour}' "
                f"stroke-width='{weight}'{dashed}/>")


def _legend_html() -> str:
    """Every symbol the map draws, drawn the same way: types, how sure, roads, the inferred zone."""
    def row(swatch: str, label: str) -> str:
        return f"<div style='line-height:16px'>{swatch} {html.escape(label)}</div>"

    grey = "#555555"
    parts = [row(_ring(c, fill=0.06, weight=2, dash="4 2"), "axis (“X direction”)") if t == "axis"
             else row(_ring(c, fill=0.75, weight=2), t.replace("_", " ")) for t, c in TYPE_COLOURS.items()]
    parts += ["<div style='grid-column:1/-1;margin-top:2px;color:#444'>how sure</div>",
              row(_ring(grey, fill=0.75, weight=2), "reported"),
              row(_ring(grey, fill=0, weight=3), "claimed"),
              row(_ring(grey, fill=0.1, weight=2, dash="3 2"), "denied"),
              row(_ring("#000000", fill=0.75, weight=4).replace("fill='#000000'", f"fill='{grey}'"), "contested"),
              row(_svg("<circle cx='5' cy='7' r='3' fill='#999'/><circle cx='13' cy='7' r='6' fill='#999'/>"),
                  "more events")]
    parts += [row(_svg(f"<line x1='0' y1='7' x2='18' y2='7' stroke='{c}' stroke-width='4'/>"), f"road {s}")
              for s, c in STATUS_COLOURS.items()]
    parts.append(row(_svg("<rect x='1' y='2' width='16' height='10' fill='#7f1d1d' fill-opacity='0.08' "
                          "stroke='#7f1d1d' stroke-width='1.5' stroke-dasharray='4 2'/>"),
                     "contact zone (inferred)"))
    parts.append(row("<span style='display:inline-block;width:18px;text-align:center;font-weight:600'>≈</span>",
                     "position approximate"))  # "≈ Predtechyne": a village placed by its article's locator
    return ("<div style='display:grid;grid-template-columns:auto auto;column-gap:10px'>"
            + "".join(parts) + "</div>")


FOLD_LEGEND_BELOW_PX = 900  # the dashboard's map is 820 px wide at 1280x720, 980 at 1440x900


class Legend(MacroElement):
    """The legend as a Leaflet control in the bottom-left corner (static HTML we write; no article text).

    A control, not a positioned box: Leaflet stacks it above the scale bar in that corner, in the
    dashboard and in every export page alike, so it never covers the scale.

    ``fold_below``: on a map narrower than this many pixels the legend starts folded to its title (at
    1280x720 the open legend covers a third of the dashboard's map and the towns under it). A CSS media
    query of the map's own frame decides, so the choice follows the frame's final width whenever it
    settles; once the reader opens or folds it, it stays as they left it. Exports keep it open (0).
    """

    _template = Template("""
    {% macro script(this, kwargs) %}
    (function() {
      var legend = L.control({position: "bottomleft"});
      legend.onAdd = function() {
        var box = L.DomUtil.create("div", "frontline-legend");
        box.style.cssText = "background:rgba(255,255,255,.92);padding:6px 8px;font:12px sans-serif;" +
          "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3)";
        box.innerHTML = {{ this.body_json }};
        var details = box.querySelector("details"), touched = false;
        details.querySelector("summary").addEventListener("click", function () { touched = true; });
        details.addEventListener("toggle", function () {  // the names it covered, or now covers, move
          if (window.FrontlineTime && window.FrontlineTime.relabel) { window.FrontlineTime.relabel(); }
          if (window.FrontlineBase) { window.FrontlineBase.relabel(); }  // the towns' names keep clear of those
        });
        if ({{ this.fold_below }} > 0 && window.matchMedia) {
          var wide = window.matchMedia("(min-width: {{ this.fold_below }}px)");
          var fit = function () { if (!touched) { details.open = wide.matches; } };
          if (wide.addEventListener) { wide.addEventListener("change", fit); } else { wide.addListener(fit); }
          fit();
        }
        return box;
      };
      legend.addTo({{ this._parent.get_name() }});
    })();
    {% endmacro %}""")

    def __init__(self, fold_below: int = 0) -> None:
        super().__init__()
        self._name = "Legend"
        self.fold_below = int(fold_below)
        self.body = _legend_html()
        # a <details> box: a reader folds it away when it covers the part of the map they need
        self.body_json = json.dumps("<details open><summary style='cursor:pointer;font-weight:bold'>Legend</summary>"
                                    + self.body + "</details>")


def base_map(view: MapView = MapView(), *, assets_url: str = STATIC_URL, inline_base: bool = False) -> folium.Map:
    """The map with its base layer, scale bar, plain background and local scripts.

    Under it all, the offline base (borders, rivers, names): always on "Plain", else once the
    tiles fail.  ``inline_base`` puts its data in the page (standalone files), else it is fetched.
    """
    m = folium.Map(location=(view.lat, view.lon), zoom_start=view.zoom, tiles=None, control_scale=True,
                   prefer_canvas=False)
    root: Any = m.get_root()
    root.header.add_child(folium.Element(
        f"<style>.leaflet-container{{background:{PLAIN_BACKGROUND}}}"
        # credits small, as on every web map: a long one must not wrap over the scale bar
        ".leaflet-container .leaflet-control-attribution{font:11px/1.4 sans-serif}"
        ".leaflet-container .leaflet-control-scale-line{font:11px/1.2 sans-serif}</style>"))
    tiles = tile_layer(view.basemap, view.own_tiles)
    if tiles is not None:
        tiles.add_to(m)
    use_local_assets(m, base_url=assets_url)
    m.add_child(OfflineBase(always=tiles is None, url=f"{assets_url}/{FILE}", inline=inline_base))
    return m


def build_map(groups: list[folium.FeatureGroup], view: MapView = MapView(), *,
              assets_url: str = STATIC_URL, legend: bool = True, layer_control: bool = True,
              time_in_browser: bool = False, inline_base: bool = False, legend_fold_below: int = 0) -> folium.Map:
    """The base map with every layer added, a layer switcher and the legend.

    The dashboard passes its layers to st_folium separately (so they update in
    place) together with its own layer control: it asks for ``layer_control=False``;
    and ``legend_fold_below`` (see :class:`Legend`), which exports leave at 0.
    """
    m = base_map(view, assets_url=assets_url, inline_base=inline_base)
    for g in groups:
        g.add_to(m)
    if layer_control:
        folium.LayerControl(collapsed=True).add_to(m)
    if legend:
        m.add_child(Legend(legend_fold_below))
    if time_in_browser:  # the time bar's code (layers/timeline.js); its data comes with the groups
        from frontline_map.layers.timeline import TimeScript

        m.add_child(TimeScript())
    return m
