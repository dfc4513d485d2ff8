/* Frontline Map: time in the browser.
 *
 * The server sends the view's data once (a JSON file per corpus, fetched from the app's static
 * folder) and hands this controller the map's feature groups on every render; the slider and
 * Play filter the data here, with no server round trip per step.  The server hears the date
 * when the user lets go (the `fm_day` field of the map's value), for its table and the URL.
 *
 * One circle per place, sized by the number of events shown there and styled by the newest of
 * them (colour = type; hollow = claimed; dashed = denied; black ring = contested); its popup lists
 * them.  Article text only ever reaches the page through textContent.
 */
(function () {
  if (window.FrontlineTime) { return; }
  var DAY_MS = 86400000, MAX_LABELS = 30, LIST_MAX = 8, CANVAS_ABOVE = 1500, AXIS_RADIUS = 22;
  // a long list scrolls inside the popup, and the popup pans clear of the time bar across the map's top
  var POPUP = {maxWidth: 400, maxHeight: 320, autoPanPaddingTopLeft: [10, 64], autoPanPaddingBottomRight: [10, 10]};

  function iso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function el(tag, text, css, parent) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (css) { node.style.cssText = css; }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  var T = window.FrontlineTime = {
    map: null, groups: {}, cfg: null, data: null, url: null, zones: null, zonesUrl: null,
    day: null, playing: false, timer: null, speed: 5, loop: false, ui: null, pass: null,
    spotLayers: [], labelLayers: {}, roadLayers: [], zoneLayer: null, zoneDay: null,
    reportTimer: null, pending: false
  };

  T.attach = function (map, kind, group, cfg) {
    if (!T.pending) { T.groups = {}; }  // the first group of a new render: the old groups are gone
    T.map = map;
    T.groups[kind] = group;
    T.cfg = cfg;
    if (!T.pending) {  // every group of one render is attached before the controller draws
      T.pending = true;
      setTimeout(function () { T.pending = false; T.load(); }, 0);
    }
  };

  function getJSON(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
  }

  T.load = function () {
    var cfg = T.cfg, failed = function (err) {
      T.message("The map's data could not be loaded (" + err.message + "); reload the page.");
    };
    var zones = function () {  // the zone follows the events' first paint: they never wait for it
      if (!cfg.zones || cfg.zones === T.zonesUrl) { return; }
      T.zonesUrl = cfg.zones;
      getJSON(cfg.zones).then(function (z) {
        if (T.zonesUrl !== cfg.zones) { return; }
        T.zones = z; T.zoneDay = null; T.drawZone();
        if (T.count) { T.labels(live("events"), T.count); }  // its note, among the names already placed
      }).catch(failed);
    };
    if (cfg.url === T.url) { T.start(); zones(); return; }
    getJSON(cfg.url).then(function (d) {
      T.url = cfg.url; T.data = d; T.words = null; T.prepare(); T.start();
      zones(); T.loadWords();  // then the zone and the popups' words
    }).catch(failed);
  };

  T.loadWords = function () {
    var url = T.cfg.words;
    if (!url || T.wordsUrl === url) { return T.wordsLoading; }
    T.wordsUrl = url;
    T.wordsLoading = getJSON(url).then(function (w) { if (T.wordsUrl === url) { T.words = w; } });
    return T.wordsLoading;
  };

  /* Per corpus: each place's events, newest first, and the layers drawn for places and roads. */
  T.prepare = function () {
    var d = T.data, ev = d.ev, n = ev.t.length, i;
    T.spotEvents = d.spots.map(function () { return []; });
    for (i = 0; i < n; i++) { if (ev.s[i] >= 0) { T.spotEvents[ev.s[i]].push(i); } }
    T.spotEvents.forEach(function (list) {
      list.sort(function (a, b) { return (ev.d0[b] === null ? -1e9 : ev.d0[b]) - (ev.d0[a] === null ? -1e9 : ev.d0[a]); });
    });
    T.dots = d.spots.length > CANVAS_ABOVE ? new Dots() : null;  // many places: one canvas, drawn in batches
    var renderer = L.svg({pane: "markerPane"});
    T.spotLayers = T.dots ? [] : d.spots.map(function (spot, s) {
      var layer = L.circleMarker([spot[0], spot[1]], {renderer: renderer, pane: "markerPane", radius: 6});
      layer.feature = {properties: {p: spot[2]}};  // what the page's tests and scripts look for
      layer._fmSpot = s;
      return layer;
    });
    T.spotState = d.spots.map(function () { return ""; });
    var byName = d.spots.map(function (spot, s) { return s; });  // names in order, once: the labels' tie-break
    byName.sort(function (a, b) { return d.spots[a][2] < d.spots[b][2] ? -1 : d.spots[a][2] > d.spots[b][2] ? 1 : a - b; });
    T.nameRank = new Int32Array(d.spots.length);
    byName.forEach(function (s, k) { T.nameRank[s] = k; });
    T.labelLayers = {};
    T.roadLayers = d.roads.map(function (road) {
      return road.parts.map(function (part) {
        var line = L.polyline(part, {weight: 5, opacity: 0.85, dashArray: road.approx ? "8 6" : null});
        line.bindTooltip(function () { return T.roadTooltip(road); });
        return line;
      });
    });
  };

  T.passes = function () {  /* the filters (not time) of the current render, once per render */
    var f = T.cfg.filters, ev = T.data.ev, n = ev.t.length, out = new Uint8Array(n), i, k;
    var types = new Set(f.types), actors = new Set(f.actors), statuses = new Set(f.statuses);
    var sources = new Set((f.sources || []).map(function (s) { return T.data.sources.indexOf(s); }));
    for (i = 0; i < n; i++) {
      if (!types.has(ev.t[i]) || !actors.has(ev.a[i]) || !statuses.has(ev.st[i])) { continue; }
      if (sources.size) {
        var any = false;
        for (k = 0; k < ev.src[i].length; k++) { if (sources.has(ev.src[i][k])) { any = true; break; } }
        if (!any) { continue; }
      }
      out[i] = 1;
    }
    return out;
  };

  T.inTime = function (i, day) {
    var ev = T.data.ev, a = ev.d0[i], b = ev.d1[i];
    if (T.cfg.mode === "window") { return a !== null && a <= day && b >= day - T.cfg.days + 1; }
    return a === null || a <= day;
  };

  T.start = function () {
    var cfg = T.cfg;
    T.pass = T.passes();
    if (T.day === null || T.day < cfg.first || T.day > cfg.last) { T.day = Math.min(cfg.last, Math.max(cfg.first, cfg.start)); }
    T.buildUI();
    var events = T.groups.events;
    if (events && !events._fmBound) {  // one popup and tooltip for all places, built when opened (streamlit-folium
      // hears the clicks through the group, which it hooked when the group was evaluated)
      events.bindTooltip(function (layer) { return T.tooltip(layer._fmSpot); });
      events.bindPopup(function (layer) { return T.popup(layer._fmSpot); }, POPUP);
      events._fmBound = true;
    }
    T.spotState = T.spotState.map(function () { return ""; });  // new groups: every place is drawn again
    T.labelLayers = {};
    T.zoneDay = null;
    T.apply();
  };

  function live(kind) { return T.groups[kind] || null; }  // switched off in the layer control: still kept up to date

  /* Draw the current day: the one function every slider step and Play tick calls. */
  T.apply = function () {
    if (!T.data) { return; }
    var ev = T.data.ev, n = ev.t.length, day = T.day, i, s;
    var count = new Int32Array(T.data.spots.length), newest = new Int32Array(T.data.spots.length).fill(-1);
    var roads = {}, shown = 0, onRoads = 0, placed = 0;
    for (i = 0; i < n; i++) {
      if (ev.s[i] >= 0) { placed++; }
      if (!T.pass[i] || !T.inTime(i, day)) { continue; }
      if (ev.road[i] !== null) {
        if (roads[ev.road[i]] !== "cut") { roads[ev.road[i]] = ev.cut[i] ? "cut" : "threatened"; }
      }
      s = ev.s[i];
      if (s < 0) { onRoads++; continue; }  // told of a road: drawn as the road's state, not as a circle
      shown++;
      count[s]++;
      if (newest[s] < 0 || (ev.d0[i] !== null && (ev.d0[newest[s]] === null || ev.d0[i] >= ev.d0[newest[s]]))) { newest[s] = i; }
    }
    T.count = count; T.newest = newest; T.roadStatus = roads;
    var events = live("events");
    if (T.dots) {
      T.dots.show(events, count, newest);
    }
    for (s = 0; s < (T.dots ? 0 : count.length); s++) {
      var state = events && count[s] ? count[s] + ":" + newest[s] : "";
      if (state === T.spotState[s]) { continue; }
      T.spotState[s] = state;
      var layer = T.spotLayers[s];
      if (!state) { if (layer._fmIn) { layer._fmIn.removeLayer(layer); layer._fmIn = null; } continue; }
      if (layer._fmIn !== events) { if (layer._fmIn) { layer._fmIn.removeLayer(layer); } events.addLayer(layer); layer._fmIn = events; }
      layer.setStyle(T.style(newest[s]));
      layer.setRadius(T.spotRadius(count, newest, s));
      if (T.data.ev.t[newest[s]] === "axis") { layer.bringToBack(); }  // under the towns' dots: they stay clickable
    }
    T.drawZone();
    placeLegend(count);  // before the names: they keep clear of it wherever it is
    T.labels(events, count);  // after the zone: its note is placed among the names
    T.drawRoads();
    T.shown = events ? shown : 0;
    T.onRoads = onRoads; T.placed = placed;
    var box = T.map.getContainer(), first = !box.hasAttribute("data-events-shown");
    box.setAttribute("data-events-shown", String(T.shown));
    if (first) { box.dispatchEvent(new CustomEvent("fm:events-drawn")); }  // the offline base draws after this
    T.updateUI();
  };

  T.radius = function (n) { return Math.min(18, 6 + 3 * Math.sqrt(n - 1)); };
  // an axis ("Lyman direction") is a wide, faint, long-dashed ring: a line of advance, not a town's dot
  T.spotRadius = function (count, newest, s) { return T.data.ev.t[newest[s]] === "axis" ? AXIS_RADIUS : T.radius(count[s]); };

  /* Tens of thousands of places: one canvas in the marker pane, each circle a copy of its look's image
   * (Leaflet's own canvas draws them one by one: 0.7 s for 70,000); clicks found by distance. */
  var Dots = L.Layer.extend({
    options: {pane: "markerPane"},
    show: function (group, count, newest) {
      var items = [];
      for (var s = 0; s < count.length; s++) { if (count[s]) { items.push(s); } }
      this._items = items; this._count = count; this._newest = newest;
      if (this._fmIn !== group) {
        if (this._fmIn) { this._fmIn.removeLayer(this); }
        if (group) { group.addLayer(this); }
        this._fmIn = group;
      }
      if (this._map) { this._draw(); }
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "fm-dots leaflet-zoom-hide");
      this._canvas.style.pointerEvents = "none";
      this.getPane().appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this._reset, this);
      map.on("click", this._click, this);
      map.on("mousemove", this._hover, this);
      this._reset();
    },
    _hover: function (e) {  // a hand over a place, as over any clickable marker
      if (this._busy) { return; }
      this._busy = true;
      var self = this;
      requestAnimationFrame(function () {
        self._busy = false;
        if (self._map) { self._map.getContainer().style.cursor = self.nearest(e.containerPoint) >= 0 ? "pointer" : ""; }
      });
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._reset, this);
      map.off("click", this._click, this);
      map.off("mousemove", this._hover, this);
    },
    _reset: function () {
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(this._canvas, map.containerPointToLayerPoint([0, 0]));
      this._canvas.width = size.x * ratio; this._canvas.height = size.y * ratio;
      this._canvas.style.width = size.x + "px"; this._canvas.style.height = size.y + "px";
      this._ratio = ratio;
      this._draw();
    },
    _points: function () {  // every place projected once per zoom; a pan only shifts them
      var z = this._map.getZoom();
      if (this._zoom !== z) {
        var spots = T.data.spots, xy = new Float64Array(spots.length * 2);
        for (var s = 0; s < spots.length; s++) {
          var p = this._map.project([spots[s][0], spots[s][1]], z); xy[2 * s] = p.x; xy[2 * s + 1] = p.y;
        }
        this._xy = xy; this._zoom = z;
      }
      var origin = this._map.containerPointToLayerPoint([0, 0]).add(this._map.getPixelOrigin());
      return {xy: this._xy, ox: origin.x, oy: origin.y};
    },
    /* One small canvas per look and radius, drawn once; each place is then one image copy. (One path per
     * look for ~15,000 circles in all, filled and stroked with dashes, kept the software rasteriser ~0.2 s per day
     * step at 100,000 events; with copies the whole step painted in ~0.07 s.) Places on one device pixel
     * with one look are drawn once. */
    _sprite: function (look, r) {
      var q = this._ratio, key = [look.color, look.fillColor, look.fillOpacity, look.weight, look.opacity, look.dashArray, r, q].join("|");
      var sprites = this._sprites = this._sprites || {}, sprite = sprites[key];
      if (sprite) { return sprite; }
      var half = Math.ceil(r + look.weight / 2 + 1), canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
      canvas.width = canvas.height = 2 * half * q;
      ctx.setTransform(q, 0, 0, q, 0, 0);
      ctx.beginPath(); ctx.arc(half, half, r, 0, 2 * Math.PI);
      if (look.fillOpacity > 0) { ctx.globalAlpha = look.fillOpacity; ctx.fillStyle = look.fillColor; ctx.fill(); }
      ctx.globalAlpha = look.opacity; ctx.strokeStyle = look.color; ctx.lineWidth = look.weight;
      ctx.setLineDash(look.dashArray ? look.dashArray.split(" ").map(Number) : []);
      ctx.stroke();
      return (sprites[key] = {canvas: canvas, half: half});
    },
    _draw: function () {
      if (!this._map || !this._items) { return; }
      var ctx = this._canvas.getContext("2d"), size = this._map.getSize(), pts = this._points(), q = this._ratio;
      var ev = T.data.ev, count = this._count, newest = this._newest, looks = {}, seen = new Set();
      ctx.setTransform(q, 0, 0, q, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      this._items.forEach(function (s) {
        var x = pts.xy[2 * s] - pts.ox, y = pts.xy[2 * s + 1] - pts.oy, r = T.spotRadius(count, newest, s);
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) { return; }
        var i = newest[s], key = ev.t[i] + "|" + ev.st[i], look = looks[key];
        if (!look) { look = looks[key] = {id: Object.keys(looks).length, first: i, at: []}; }
        var px = Math.round(x * q), py = Math.round(y * q), r4 = Math.round(r * 4);
        var cell = ((py * 16384 + px) * 128 + r4) * 64 + look.id;  // exact: px < 16384, r4 < 128, looks < 64
        if (seen.has(cell)) { return; }
        seen.add(cell); look.at.push(px / q, py / q, r4 / 4);
      });
      Object.keys(looks).sort(function (a, b) { return lookRank(a) - lookRank(b) || (a < b ? -1 : 1); }).forEach(function (key) {
        var look = T.style(looks[key].first), at = looks[key].at;
        for (var j = 0; j < at.length; j += 3) {
          var sprite = this._sprite(look, at[j + 2]), side = 2 * sprite.half;
          ctx.drawImage(sprite.canvas, at[j] - sprite.half, at[j + 1] - sprite.half, side, side);
        }
      }, this);
    },
    nearest: function (point) {  // the place drawn under a container point, if any
      var pts = this._points(), best = -1, bestD = Infinity;
      (this._items || []).forEach(function (s) {
        var dx = pts.xy[2 * s] - pts.ox - point.x, dy = pts.xy[2 * s + 1] - pts.oy - point.y, d = dx * dx + dy * dy;
        var r = T.spotRadius(this._count, this._newest, s) + 3;
        if (d <= r * r && d < bestD) { best = s; bestD = d; }
      }, this);
      return best;
    },
    _click: function (e) {
      var s = this.nearest(e.containerPoint);
      if (s < 0) { return; }
      var spot = T.data.spots[s], ll = L.latLng(spot[0], spot[1]), g = window.__GLOBAL_DATA__;
      if (g) { g.last_object_clicked = ll; g.last_object_clicked_count += 1; g.last_object_clicked_tooltip = spot[2]; }
      this._map.openPopup(L.popup(POPUP).setLatLng(ll).setContent(T.popup(s)));
      this._popupSpot = s;
    }
  });

  // lines of advance under everything, then denied, claimed, reported, and contested on top
  var LOOK_RANK = {denied: 1, claimed: 2, reported: 3, contested: 4};
  function lookRank(key) { var parts = key.split("|"); return parts[0] === "axis" ? 0 : (LOOK_RANK[parts[1]] || 3); }

  T.style = function (i) {
    var ev = T.data.ev, c = T.data.colours[ev.t[i]] || "#7f7f7f", st = ev.st[i];
    var look = {color: c, fillColor: c, fill: true, fillOpacity: 0.75, weight: 2, opacity: 1, dashArray: null};
    if (ev.t[i] === "axis") { look.fillOpacity = 0.06; look.dashArray = "8 5"; }
    if (st === "claimed") { look.fillOpacity = 0; look.weight = 3; }
    else if (st === "denied") { look.fillOpacity = 0.1; look.dashArray = "3 4"; look.opacity = 0.7; }
    else if (st === "contested") { look.color = "#000000"; look.weight = 4; }
    return look;
  };

  /* The legend starts in the lower-left corner. When events lie under it there and fewer under the same
   * box in the lower-right, it moves there — once, at the first draw: a legend that hops about while the
   * reader pans or plays is worse than one over a corner (which they can fold). A first draw before the
   * page's styles apply finds the legend unplaced (below the map, as wide as it): it is measured again a
   * moment later, and the names placed again after it (CI saw it left over the events in its corner so). */
  function placeLegend(count) {
    var map = T.map, box = map.getContainer(), legend = box.querySelector(".frontline-legend");
    if (!legend || legend._fmPlaced || !map._controlCorners) { return; }  // once per legend element
    var frame = box.getBoundingClientRect(), r = legend.getBoundingClientRect(), size = map.getSize();
    legend._fmTries = (legend._fmTries || 0) + 1;
    if ((!r.width || r.bottom > frame.bottom + 1 || r.right > frame.right + 1) && legend._fmTries <= 50) {
      setTimeout(function () { if (T.count) { placeLegend(T.count); T.relabel(); } }, 100);
      return;
    }
    legend._fmPlaced = true;
    var credit = box.querySelector(".leaflet-control-attribution");
    var lift = 10 + (credit ? credit.getBoundingClientRect().height : 0), w = r.width, h = r.height;
    var left = [r.left - frame.left, r.top - frame.top, r.right - frame.left, r.bottom - frame.top];
    var right = [size.x - 10 - w, size.y - lift - h, size.x - 10, size.y - lift];
    var xy = [], s, pts = T.dots && T.dots._map ? T.dots._points() : null;  // the canvas has them projected
    for (s = 0; s < count.length; s++) {
      if (!count[s]) { continue; }
      if (pts) { xy.push(pts.xy[2 * s] - pts.ox, pts.xy[2 * s + 1] - pts.oy); continue; }
      var p = map.latLngToContainerPoint([T.data.spots[s][0], T.data.spots[s][1]]);
      xy.push(p.x, p.y);
    }
    function under(b) {  // places with events drawn inside a box (their circle's middle within 6 px of it)
      var n = 0;
      for (var k = 0; k < xy.length; k += 2) {
        if (xy[k] > b[0] - 6 && xy[k] < b[2] + 6 && xy[k + 1] > b[1] - 6 && xy[k + 1] < b[3] + 6) { n++; }
      }
      return n;
    }
    var here = under(left);
    if (here && under(right) < here) {
      var corner = map._controlCorners.bottomright;
      corner.insertBefore(legend, corner.firstChild);  // above the credit line
      box.setAttribute("data-legend", "bottomright");
    }
  }

  // the time bar, the legend and the other controls: a name under them could not be read
  function controlBoxes() {
    var frame = T.map.getContainer().getBoundingClientRect(), out = [];
    T.map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
      var r = c.getBoundingClientRect();
      if (r.width) { out.push([r.left - frame.left, r.top - frame.top, r.right - frame.left, r.bottom - frame.top]); }
    });
    return out;
  }

  function textWidth(text) {  // a name's width as the labels' font draws it, measured once per text
    var widths = T.textWidths = T.textWidths || {};
    if (!(text in widths)) {
      var ctx = (T.measure = T.measure || document.createElement("canvas").getContext("2d"));
      ctx.font = "600 12px sans-serif";
      widths[text] = ctx.measureText(text).width;
    }
    return widths[text];
  }

  /* "Bakhmut · 3"; "≈ Predtechyne" for a village placed by its article's locator (its popup says how) */
  function labelText(spot, n) {
    var approx = spot[3] === 1 ? "≈ " : "";
    return approx + spot[2] + (n > 1 ? " · " + n : "");
  }

  function overlaps(b, boxes) {
    return boxes.some(function (o) { return b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]; });
  }

  /* The busiest places in view get their name, greedily: a name that would cover another is left to
   * the tooltip and popup (a pile of names around Bakhmut reads as none). */
  T.labels = function (events, count) {
    var order = [], s, want = {}, boxes = controlBoxes(), size = T.map.getSize();
    if (events) {
      var view = T.map.getBounds().pad(0.05), south = view.getSouth(), north = view.getNorth();
      var west = view.getWest(), east = view.getEast(), spots = T.data.spots;
      for (s = 0; s < count.length; s++) {  // only what is in view is sorted: 70,000 places took 40 ms
        if (count[s] && spots[s][0] >= south && spots[s][0] <= north && spots[s][1] >= west && spots[s][1] <= east) { order.push(s); }
      }
      var rank = T.nameRank;
      order.sort(function (a, b) { return count[b] - count[a] || rank[a] - rank[b]; });
      for (var j = 0; j < order.length && boxes.length < MAX_LABELS; j++) {
        var k = order[j], spot = T.data.spots[k], p = T.map.latLngToContainerPoint([spot[0], spot[1]]);
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { continue; }
        var width = textWidth(labelText(spot, count[k])), r = T.spotRadius(count, T.newest, k);
        var right = [p.x + 9, p.y - 8, p.x + 13 + width, p.y + 8], left = [p.x - 13 - width, p.y - 8, p.x - 9, p.y + 8];
        var half = width / 2 + 2, above = [p.x - half, p.y - r - 18, p.x + half, p.y - r - 2];
        var below = [p.x - half, p.y + r + 2, p.x + half, p.y + r + 18];
        var sides = {right: right, left: left, above: above, below: below};
        var side = ["right", "left", "above", "below"].filter(function (name) {  // right of its circle, else left,
          var b = sides[name];  // above or below (a crowded front names more of its villages); inside the frame
          return b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y && !overlaps(b, boxes);
        })[0];
        if (!side) { continue; }
        boxes.push(sides[side], [p.x - r, p.y - r, p.x + r, p.y + r]);  // its name and its own circle stay clear
        want[k] = side + ":" + r;
      }
    }
    placeZoneNote(boxes);
    T.labelBoxes = boxes;
    Object.keys(T.labelLayers).forEach(function (k) {
      var lab = T.labelLayers[k];
      if (!want[k] || lab._fmIn !== events) { if (lab._fmIn) { lab._fmIn.removeLayer(lab); } delete T.labelLayers[k]; }
    });
    var names = {};
    Object.keys(want).forEach(function (k) { names[T.data.spots[k][2]] = true; });
    T.labelled = names;  // the base layer leaves these towns, and these boxes, to the event labels
    var sig = boxes.map(function (b) { return b.map(Math.round).join(","); }).join(";");
    if (sig !== T.labelSig && window.FrontlineBase) { window.FrontlineBase.relabel(); }  // only when they moved
    T.labelSig = sig;
    Object.keys(want).forEach(function (k) {
      var spot = T.data.spots[k], text = labelText(spot, count[k]), where = want[k];
      var side = where.split(":")[0], r = +where.split(":")[1];
      var lab = T.labelLayers[k];
      if (lab && lab._fmText === text + where) { return; }
      if (lab) { lab._fmIn.removeLayer(lab); }
      // a name right of its circle starts at it, one left ends at it, one above or below is centred on it
      var align = {right: "left", left: "right", above: "center", below: "center"}[side];
      var anchor = {right: [-11, 8], left: [191, 8], above: [90, r + 18], below: [90, -r - 2]}[side];
      var box = el("div", text, "font:600 12px sans-serif;color:#1f2937;white-space:nowrap;text-align:" + align + ";" +
                   "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff");
      box.className = "fm-label";
      lab = L.marker([spot[0], spot[1]], {interactive: false, keyboard: false,
        icon: L.divIcon({html: box, className: "", iconSize: [180, 16], iconAnchor: anchor})});
      lab._fmText = text + where; lab._fmIn = events; events.addLayer(lab);
      T.labelLayers[k] = lab;
    });
  };

  T.drawRoads = function () {
    var group = live("roads"), over = T.cfg.overrides || {};
    if (!group) { return; }
    T.data.roads.forEach(function (road, k) {
      var status = over[road.ref] || T.roadStatus[road.ref] || "normal";
      if (road._fmStatus === status && T.roadLayers[k][0] && group.hasLayer(T.roadLayers[k][0])) { return; }
      road._fmStatus = status;
      T.roadLayers[k].forEach(function (line) {
        line.setStyle({color: T.data.roadColours[status]});
        if (!group.hasLayer(line)) { group.addLayer(line); }
      });
    });
  };

  T.drawZone = function () {
    var group = live("zone"), snaps = T.zones || [], pick = null, k;
    if (!group) { return; }
    for (k = 0; k < snaps.length && snaps[k][0] <= T.day; k++) { pick = k; }
    if (pick === T.zoneDay && T.zoneLayer && group.hasLayer(T.zoneLayer)) { return; }
    T.zoneDay = pick;
    if (T.zoneLayer) { T.zoneLayer._fmIn.removeLayer(T.zoneLayer); T.zoneLayer = null; }
    if (pick === null || !snaps[pick][1]) { return; }
    var shape = L.geoJSON(snaps[pick][1], {interactive: true, style: function () {
      return {fillColor: "#7f1d1d", color: "#7f1d1d", weight: 1.5, dashArray: "6 4", fillOpacity: 0.06};
    }});
    shape.bindTooltip("contact zone inferred from reporting — not a control map");
    T.zoneLayer = L.layerGroup([shape]);
    T.zoneLayer._fmIn = group;
    T.zoneLayer._fmShape = shape;
    group.addLayer(T.zoneLayer);
  };

  /* The zone's name, "inferred from reporting", where no event's name or circle and no control is:
   * below the band, lower, beside or above it (below it if all are taken: it must be said). */
  var NOTE_W = 210, NOTE_H = 14;
  function placeZoneNote(boxes) {
    var zone = T.zoneLayer;
    if (!zone || !T.map.hasLayer(zone)) { return; }
    if (zone._fmNote) { zone.removeLayer(zone._fmNote); zone._fmNote = null; }
    var b = zone._fmShape.getBounds(), sw = T.map.latLngToContainerPoint(b.getSouthWest());
    var ne = T.map.latLngToContainerPoint(b.getNorthEast()), cx = (sw.x + ne.x) / 2 - NOTE_W / 2;
    var mid = (sw.y + ne.y) / 2 - NOTE_H / 2, size = T.map.getSize();
    // as layers/labels.py note_spot: below, lower still (under the names just below), beside, above
    var spots = [[cx, sw.y + 4], [cx, sw.y + 20], [cx, sw.y + 36], [ne.x + 4, mid], [sw.x - 4 - NOTE_W, mid],
                 [cx, ne.y - 4 - NOTE_H], [sw.x, sw.y + 4], [ne.x - NOTE_W, sw.y + 4]];
    var pick = spots.filter(function (p) {
      var box = [p[0], p[1], p[0] + NOTE_W, p[1] + NOTE_H];
      return box[0] >= 0 && box[1] >= 0 && box[2] <= size.x && box[3] <= size.y && !overlaps(box, boxes);
    })[0] || spots[0];
    boxes.push([pick[0], pick[1], pick[0] + NOTE_W, pick[1] + NOTE_H]);  // the base's town names keep clear of it
    var note = el("div", "contact zone, inferred from reporting", "font:italic 11px sans-serif;color:#7f1d1d;" +
      "white-space:nowrap;text-align:center;text-shadow:0 0 3px #fff,0 0 3px #fff");
    note.className = "fm-zone-note";
    zone._fmNote = L.marker(T.map.containerPointToLatLng([pick[0] + NOTE_W / 2, pick[1]]), {interactive: false,
      keyboard: false, icon: L.divIcon({html: note, className: "", iconSize: [NOTE_W, NOTE_H], iconAnchor: [NOTE_W / 2, 0]})});
    zone.addLayer(zone._fmNote);
  }

  T.tooltip = function (s) {
    var n = T.count ? T.count[s] : 0;
    return el("span", T.data.spots[s][2] + (n > 1 ? ": " + n + " events" : ""));
  };

  T.roadTooltip = function (road) {
    var box = el("div");
    el("b", road.ref, null, box);
    el("span", " " + road.name, null, box);
    el("div", "status: " + (road._fmStatus || "normal") + ((T.cfg.overrides || {})[road.ref] ? " (set by an editor)" : ""), null, box);
    if (road.approx) { el("i", "approximate line through the settlements it passes", null, box); }
    return box;
  };

  T.popup = function (s) {
    var ev = T.data.ev, w = T.words, spot = T.data.spots[s], box = el("div"), list = [];
    T.spotEvents[s].forEach(function (i) { if (T.pass[i] && T.inTime(i, T.day)) { list.push(i); } });
    el("b", spot[2] + (list.length > 1 ? ": " + list.length + " events" : ""), null, box);
    if (!w) {  // the words are still on their way: say so, and fill the popup when they come
      el("div", "loading the reports…", "color:#555", box);
      var open = T.loadWords();
      if (open) { open.then(function () {
        var popup = T.map._popup;
        if (popup && (popup._source === T.spotLayers[s] || (T.dots && T.dots._popupSpot === s))) {
          popup.setContent(T.popup(s));
        } }); }
      return box;
    }
    list.slice(0, LIST_MAX).forEach(function (i) {
      var item = el("div", null, "margin-top:6px;border-left:4px solid " + (T.data.colours[ev.t[i]] || "#7f7f7f") + ";padding-left:6px", box);
      el("div", ev.t[i].replace("_", " ") + ", " + ev.st[i] + " · " + w.w[i] + " · actor: " + w.who[i], "font-weight:600", item);
      el("div", "source: " + ev.src[i].map(function (k) { return T.data.sources[k]; }).join(", ") +
         (w.den[i] ? "; denied by " + w.den[i] : ""), null, item);
      el("blockquote", w.q[i], "margin:2px 0;font-size:90%", item);
      el("small", "article: " + w.docs[i], null, item);
    });
    if (list.length > LIST_MAX) { el("div", "…and " + (list.length - LIST_MAX) + " more in the table below the map", "margin-top:4px", box); }
    if (w.alt[s]) { el("div", (w.alt[s].indexOf("position approximate") === 0 ? "" : "other places of that name: ") + w.alt[s], "font-size:85%;color:#555;margin-top:4px", box); }
    return box;
  };

  /* The time bar: a slider (role=slider, aria-valuetext = ISO date), Play/Pause, speed and loop. */
  T.buildUI = function () {
    var cfg = T.cfg, map = T.map;
    if (!T.ui || !map.getContainer().contains(T.ui.bar)) {
      var bar = L.DomUtil.create("div", "fm-time leaflet-control", map.getContainer());
      bar.style.cssText = "position:absolute;z-index:1000;top:10px;left:56px;right:56px;max-width:760px;margin:0 auto;" +
        "display:flex;align-items:center;gap:8px;background:rgba(255,255,255,.94);padding:4px 10px;border-radius:6px;" +
        "box-shadow:0 1px 4px rgba(0,0,0,.3);font:13px sans-serif;color:#111";
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.disableScrollPropagation(bar);
      L.DomEvent.on(bar, "keydown keyup keypress", L.DomEvent.stopPropagation);  // arrows step the date, not pan the map
      var play = el("button", "▶ Play", "font:600 13px sans-serif;padding:2px 10px;cursor:pointer;min-width:76px", bar);
      play.type = "button"; play.className = "fm-play";
      var slider = el("input", null, "flex:1;min-width:120px", bar);
      slider.type = "range"; slider.className = "fm-slider"; slider.step = "1";
      slider.setAttribute("aria-label", "Date");
      var date = el("b", "", "min-width:86px;font-variant-numeric:tabular-nums", bar);
      date.className = "fm-date";
      var speed = el("select", null, "font:12px sans-serif", bar);
      speed.className = "fm-speed"; speed.setAttribute("aria-label", "Play speed");
      (cfg.speeds || [1, 2, 5, 10, 20]).forEach(function (v) {
        var o = el("option", v + " days/s", null, speed); o.value = String(v);
      });
      var loopBox = el("label", null, "white-space:nowrap;font-size:12px", bar);
      var loop = el("input", null, null, loopBox); loop.type = "checkbox"; loop.className = "fm-loop";
      loopBox.appendChild(document.createTextNode(" loop"));
      var count = el("span", "", "white-space:nowrap;font-size:12px;color:#444", bar);
      count.className = "fm-count";
      T.ui = {bar: bar, play: play, slider: slider, date: date, speed: speed, loop: loop, count: count};
      slider.addEventListener("input", function () { T.day = Number(slider.value); T.stop(false); T.apply(); });
      slider.addEventListener("change", function () { T.report(); });
      play.addEventListener("click", function () { if (T.playing) { T.stop(true); } else { T.play(); } });
      speed.addEventListener("change", function () { T.speed = Number(speed.value); if (T.playing) { T.play(); } });
      loop.addEventListener("change", function () { T.loop = loop.checked; });
      T.speed = cfg.speed || 5;
      T.patchReports();
      map.on("moveend overlayadd overlayremove", T.relabel);  // a layer switched on or off: names move
    }
    T.ui.slider.min = String(cfg.first); T.ui.slider.max = String(cfg.last);
    T.ui.speed.value = String(T.speed);
  };

  T.relabel = function () {  // the view, the layers or the legend changed: names placed again
    if (T.data && T.count) { T.labels(live("events"), T.count); }
  };

  T.updateUI = function () {
    if (!T.ui) { return; }
    var s = T.ui.slider, text = iso(T.day);
    if (Number(s.value) !== T.day) { s.value = String(T.day); }
    s.setAttribute("aria-valuenow", String(T.day));
    s.setAttribute("aria-valuetext", text);
    T.ui.date.textContent = text;
    T.ui.play.textContent = T.playing ? "⏸ Pause" : "▶ Play";
    // circles count the events at places; road reports colour their roads and are counted apart
    T.ui.count.textContent = T.shown + " of " + T.placed + " events" +
      (T.onRoads ? " · " + T.onRoads + " on roads" : "") +
      (T.cfg.mode === "window" ? " (last " + T.cfg.days + " days)" : "");
  };

  T.message = function (text) {
    if (T.map) { T.map.getContainer().setAttribute("data-time-error", text); }
    if (T.ui) { T.ui.count.textContent = text; }
  };

  /* Play from any state: at the end it starts again from the first day. */
  T.play = function () {
    if (T.timer) { clearInterval(T.timer); }
    // a slide let go just before: the server hears the date when Play stops, not halfway (its rerun would
    // land on the page mid-Play and stall the steps)
    if (T.reportTimer) { clearTimeout(T.reportTimer); T.reportTimer = null; }
    if (T.day >= T.cfg.last) { T.day = T.cfg.first; }
    T.playing = true;
    var speed = Math.max(1, T.speed), step = Math.ceil(speed / 25), every = 1000 * step / speed;  // <= 25 redraws/s
    T.timer = setInterval(function () {
      if (T.day >= T.cfg.last) {
        if (T.loop) { T.day = T.cfg.first; } else { T.stop(true); return; }
      } else { T.day = Math.min(T.cfg.last, T.day + step); }
      T.apply();
    }, every);
    T.apply();
  };

  T.stop = function (tell) {
    var was = T.playing;
    if (T.timer) { clearInterval(T.timer); T.timer = null; }
    T.playing = false;
    if (T.ui) { T.updateUI(); }
    if (was && tell) { T.report(); }
  };

  /* The server hears the date when the user lets go, once for a burst of key presses. */
  T.report = function () {
    if (T.reportTimer) { clearTimeout(T.reportTimer); }
    T.reportTimer = setTimeout(function () {
      var g = window.__GLOBAL_DATA__, S = window.Streamlit;
      if (S && g) { S.setComponentValue(Object.assign({}, g.previous_data || {})); }
    }, 300);
  };

  /* Every value the map sends carries the date, so a pan after a slide does not lose it. */
  T.patchReports = function () {
    var S = window.Streamlit;
    if (!S || S._fmPatched) { return; }
    var send = S.setComponentValue;
    S.setComponentValue = function (value) {
      var out = Object.assign({}, value || {});
      if (T.day !== null) { out.fm_day = iso(T.day); }
      return send.call(S, out);
    };
    S._fmPatched = true;
  };
})();
