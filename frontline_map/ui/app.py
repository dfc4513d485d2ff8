"""Frontline Map dashboard (``streamlit run app.py``): widgets wired to services, layers and geo.

The dashboard never parses to draw: the corpus folder is stored once (each
article parsed once, ever), uploads and pastes are parsed once each, and every
rerun reads the store's stored events, cached on the store's revision.  Time
runs in the browser: the corpus goes to the page once (a JSON file in the static
folder, layers/timeline.py) and the map's own time bar filters it; the server hears
the date when the user lets go, for the caption, table, exports and the link.  The
map's base is built from stable inputs and the filters travel as small feature
groups, so the map is updated in place and never reloaded.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline_map.geo.analysis.control import latest_on_or_before
from frontline_map.geo.analysis.threat import disagreement
from frontline_map.geo.errors import StoreError
from frontline_map.geo.events.corrections import route_overrides
from frontline_map.geo.gazetteer import Gazetteer
from frontline_map.geo.settings import Settings
from frontline_map.geo.store.sql import Store
from frontline_map.geo.text.parse import Parsed, parser_version
from frontline_map.layers import export, routes, timeline
from frontline_map.layers.mapview import BASEMAPS, FOLD_LEGEND_BELOW_PX, NEWSROOM, MapView, build_map
from frontline_map.layers.registry import LayerInputs, browser_groups
from frontline_map.layers.scene import Scene
from frontline_map.layers.timefilter import corpus_dates, filter_by_date, window
from frontline_map.ui import archive, panels, resources, sidebar
from frontline_map.ui.newsroom import VIEWER, correction_form, current_user, history, place_form, route_form
from frontline_map.ui.text import plain

MAP_HEIGHT = 500  # px: with the title, time controls and caption above it, the map ends above 720 px
COMPACT_CSS = """<style>
.block-container { padding-top: 1.2rem; padding-bottom: 1rem; }
.block-container h4 { padding: 0 0 0.2rem 0; }
[data-testid=stHeader] { height: 2rem; background: transparent; }
</style>"""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Corpus:
    """What this run shows: the events GeoDataFrame and mention rows (read from the store)."""

    events: Any
    mentions: list[dict[str, Any]]
    articles: int
    key: tuple[object, ...]  # store, revision, collections, pending articles: what the data depends on


def select_events(events: pd.DataFrame, f: dict[str, Any]) -> pd.DataFrame:
    """The events the filters keep for the slider's window."""
    start, end = window(f["day"], mode=f["mode"], days=f["days"])
    shown = filter_by_date(events, start, end)
    shown = shown[shown["type"].isin(f["types"]) & shown["actor"].isin(f["actors"])
                  & shown["status"].isin(f["statuses"])]
    if f["sources"]:
        shown = shown[[bool(set(s) & set(f["sources"])) for s in shown["sources"]]]
    return shown


def _url_view() -> tuple[float, float, int]:
    """The link's centre and zoom, checked: numbers inside the map, else the default view and a note."""
    qp, default = st.query_params, MapView()
    try:
        lat, lon = float(qp.get("lat", default.lat)), float(qp.get("lon", default.lon))
        zoom = float(qp.get("zoom", default.zoom))
    except ValueError:
        lat = lon = zoom = math.nan
    if not all(math.isfinite(v) for v in (lat, lon, zoom)) or not (-85 <= lat <= 85 and -180 <= lon <= 180):
        st.session_state["_bad_link"] = True  # said on every run of this session, not just the first
        return default.lat, default.lon, default.zoom
    return lat, lon, int(min(18, max(2, zoom)))


def initial_view(f: dict[str, Any], gaz: Gazetteer, own_tiles: tuple[str, str, int] | None = None,
                 where: Any = None, *, search: bool = True) -> MapView:
    """Centre and zoom: from the URL on first load (a shared link), then only from a search (its box drawn
    when ``search``) or a table row; never from the map's own reports, which would loop."""
    if "view" not in st.session_state:
        st.session_state["view"] = _url_view()
    if st.session_state.get("_bad_link"):
        st.warning("The link's lat/lon/zoom are not a place on the map; showing the default view.")
    query = (where or st.sidebar).text_input("Fly to a place", key="q", placeholder="e.g. Chasiv Yar") if search else ""
    if query.strip() and query != st.session_state.get("_last_q"):
        st.session_state["_last_q"] = query
        found = gaz.search(query.strip(), limit=1)
        if found:
            st.session_state["view"] = (found[0].lat, found[0].lon, 12)
        else:
            st.sidebar.warning(f"No place called {plain(repr(query.strip()))} in the gazetteer.")
    picked = st.session_state.get("table")
    rows = list(getattr(getattr(picked, "selection", None), "rows", []) or []) if picked else []
    shown = st.session_state.get("_table_points", [])
    if rows and rows[0] < len(shown) and shown[rows[0]] != st.session_state.get("_last_pick"):
        st.session_state["_last_pick"] = shown[rows[0]]
        lat, lon = shown[rows[0]]
        if lat is not None and not pd.isna(lat):
            st.session_state["view"] = (lat, lon, 12)
    lat, lon, zoom = st.session_state["view"]
    return MapView(lat, lon, zoom, f["basemap"], own_tiles)


def read_corpus(db: Store, config: Settings, collections: tuple[str, ...], pending: list[Parsed],
                corrections: list[dict[str, Any]], *, revision: str, with_mentions: bool) -> Corpus:
    """The stored corpus plus this session's not-yet-added articles, merged and corrected."""
    pending_events = [e for p in pending for e in p.events]
    key = (config.store_target, revision, collections, tuple(p.doc.sha for p in pending))
    events = resources.view_events(db, pending_events, corrections, key)
    mentions: list[dict[str, Any]] = []
    if with_mentions:  # only the Places layer draws every mention
        mentions = [*resources.stored_mentions(db, config.store_target, revision, collections),
                    *(r for p in pending for r in p.mentions)]
    stored_count = sum(n for name, n in db.collections().items() if name in collections)
    return Corpus(events, mentions, stored_count + len(pending), (*key, len(corrections)))


def layer_inputs(f: dict[str, Any], shown: Any, corpus: Corpus, roads: Any, series: dict[dt.date, Any],
                 compare: dict[dt.date, Any], range_km: float, statuses: dict[str, str]) -> LayerInputs:
    """What the server still draws for the released date (control areas, measured roads, mentions); the
    events themselves go to the page through the timeline.  Says where two control maps disagree."""
    latest = latest_on_or_before(series, f["day"]) if series else None
    other = latest_on_or_before(compare, f["day"]) if (compare and latest) else None
    diff = disagreement(latest[1], other[1]) if (latest and other) else None
    if latest and other and diff:
        st.caption(f"Control maps {latest[0]} and {other[0]} disagree over {diff[1]:,.1f} km² (purple).")
    return LayerInputs(shown, roads, statuses, latest[1] if latest else None, latest[0] if latest else None,
                       range_km, diff, corpus.mentions if "Places" in f["layers"] else [])


def time_config(f: dict[str, Any], span: tuple[dt.date, dt.date], corpus: Corpus, road_lines: Any,
                static_dir: Path, overrides: dict[str, str]) -> dict[str, Any]:
    """What the map's time bar needs: where its data is, the span, the start, the mode and the filters.

    Nothing in it changes with the date, so sliding and playing never redraw the map from the server.
    """
    roads = hashlib.sha1(b"".join(road_lines.geometry.to_wkb()), usedforsecurity=False).hexdigest()
    draw, words = resources.timeline_json(corpus.events, road_lines, (corpus.key, roads))
    url, words_url = resources.publish(static_dir, draw), resources.publish(static_dir, words)
    zones = None
    if "Control areas" in f["layers"]:
        zones = resources.publish(static_dir, resources.zones_json(corpus.events, corpus.key, f["mode"],
                                                                   f["days"]))
    return {"url": url, "words": words_url, "zones": zones, "first": timeline.day_number(span[0]),
            "last": timeline.day_number(span[1]), "start": timeline.day_number(f["start"]), "mode": f["mode"], "days": f["days"],
            "filters": {k: list(f[k]) for k in ("types", "actors", "statuses", "sources")},
            "overrides": overrides, "speeds": list(timeline.SPEEDS), "speed": 5}


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 5)


def _open_store(config: Settings) -> Store:
    try:
        return resources.store(config.store_target)
    except StoreError as exc:
        log.error("store not writable: %s", exc)  # the detail (host, port, path) is for the server's log
    try:
        db = resources.store(config.store_target, read_only=True)
        st.warning("Read-only mode: the shared corpus can be read but not changed right now.")
        return db
    except StoreError as exc:
        log.error("store unavailable: %s", exc)
        st.error("The shared corpus is unavailable right now; please try again later. (The server's log says why.)")
        st.stop()
        raise


def _stale_notice(db: Store, gaz: Gazetteer) -> None:
    stale = db.stale_count(parser_version(gaz))
    if stale:
        st.sidebar.warning(f"{stale} stored articles were read by another parser version; run "
                           "`frontline db reparse` to bring them up to date (corrections are kept).")


def main(*, static_dir: Path) -> None:
    """One run of the dashboard script."""
    st.set_page_config(page_title="Frontline Map", layout="wide")
    dashboard(static_dir=static_dir)
    # The map above the fold at 1280x720: less padding, a one-line title.  Sent last: style-only HTML takes no
    # place on the page, and its code would load in the browser before the map's (see sidebar.link_filters).
    st.html(COMPACT_CSS)


def dashboard(*, static_dir: Path) -> None:
    """The page: head, sidebar, map, then (after the session's first run) the panels."""
    st.markdown("#### Frontline Map")
    config = resources.settings()
    resources.static_assets(str(static_dir))
    base = resources.gazetteer(str(config.cache_dir))
    user = current_user(config)
    db = _open_store(config)
    if db.read_only:
        user = VIEWER  # nobody edits a store that cannot be written
    gaz = resources.reading_gazetteer(base, base.version, tuple(sorted(db.aliases().items())))
    corpus_collection, corpus_errors = resources.load_corpus(db, gaz, config)
    st.sidebar.caption(f"Signed in as {plain(user.name)} ({user.role})")
    # A session's first run draws the head and the map, and no widget: each kind of widget loads its code in the
    # browser before the map's would (the map's code waited behind eight of them: see sidebar.link_filters).
    # The map's first report reruns the script at once; the controls and panels come then, in place.
    whole = bool(st.session_state.get("_page_drawn"))
    st.session_state["_page_drawn"] = True
    pending, errors = sidebar.add_articles(user, db, gaz, deferred=not whole)
    for msg in [*errors, *corpus_errors]:
        st.error(plain(msg))
    label = "Demo corpus: Bakhmut, January-May 2023" if config.demo else f"Corpus: {config.corpus.name}"
    use_corpus = st.sidebar.checkbox(label, value=True, key="demo") if whole else True
    st.sidebar.subheader("Map data")
    series = sidebar.control_layers("Control areas (GeoJSON/KML/GPKG, date in the name)", "control", config.control,
                                    user, deferred=not whole)
    ranges = list(sidebar.RANGE_CHOICES)
    range_name = st.sidebar.selectbox("Fire range", ranges, index=1, key="range", bind="query-params") if whole \
        else sidebar.link_choice("range", ranges, ranges[1])
    more = st.sidebar.expander("More map data: a second source, exact roads") if user.editor else None
    compare = sidebar.control_layers("A second source's control areas, to compare", "control2", None, user,
                                     where=more, deferred=not whole)
    road_lines = sidebar.route_geometry(gaz, user, config, where=more, deferred=not whole)
    corrections = db.corrections()  # read once per run; every layer applies the same list
    collections = ("shared", corpus_collection) if use_corpus else ("shared",)
    revision = db.revision()  # read once per run: the archive check and the corpus both key on it
    key = (config.store_target, revision, len(corrections))
    total = resources.stored_events(db, key, collections)
    if total > config.archive_above and not pending:  # an archive: asked per view, never loaded whole
        archive.show_archive(db, key, collections, total, lambda f: initial_view(f, gaz), corrections, road_lines,
                             route_overrides(corrections), archive_above=config.archive_above)
        return
    corpus = read_corpus(db, config, collections, pending, corrections, revision=revision,
                         with_mentions="Places" in (st.session_state.get("layers") or st.query_params.get_all("layers")))
    _stale_notice(db, base)
    if not corpus.articles:
        st.info("No places yet: add an article in the sidebar, or switch the demo corpus on.")
        return
    show(config, user, db, gaz, corpus, corrections, series, compare, sidebar.RANGE_CHOICES[range_name], road_lines,
         static_dir=static_dir, whole=whole)


def show(config: Settings, user: Any, db: Store, gaz: Gazetteer, corpus: Corpus, corrections: list[dict[str, Any]],
         series: dict[dt.date, Any], compare: dict[dt.date, Any], range_km: float, road_lines: Any, *,
         static_dir: Path, whole: bool = True) -> None:
    """The map, table and panels of the corpus for the chosen view (the map only unless ``whole``)."""
    events = corpus.events
    first, last = corpus_dates(events) or (dt.date.today(), dt.date.today())
    span = (min(first, last - dt.timedelta(days=1)), last)  # a slider needs two distinct ends
    own = resources.own_tiles(config, str(static_dir))
    st.sidebar.subheader("View")
    fly = st.sidebar.container()  # the search first: what a reader reaches for
    basemaps = (NEWSROOM, *BASEMAPS) if own else BASEMAPS
    f = sidebar.filters(events, *span, in_browser=True, basemaps=basemaps, heading=False) if whole \
        else sidebar.link_filters(events, *span, basemaps=basemaps)
    shown = select_events(events, f)
    view = initial_view(f, gaz, own, where=fly, search=whole)
    overrides = route_overrides(corrections)
    statuses = {**routes.route_status(shown), **overrides}  # told by the reporting, unless an editor set it
    inputs = layer_inputs(f, shown, corpus, road_lines, series, compare, range_km, statuses)
    groups = browser_groups(inputs, f["layers"], time_config(f, span, corpus, road_lines, static_dir, overrides))
    period = "everything so far" if f["mode"] == "cumulative" else f"last {f['days']} days"
    st.caption(f"{corpus.articles} articles · {len(events)} events, {len(shown)} shown for "
               f"{f['day'].isoformat()} ({period})"
               + (" · control areas: none loaded, showing the contact zone inferred from reporting"
                  if "Control areas" in f["layers"] and not series else ""))
    fmap = build_map([], view, legend=True, legend_fold_below=FOLD_LEGEND_BELOW_PX, layer_control=False, time_in_browser=True)
    state = st_folium(fmap, key="map", height=MAP_HEIGHT, use_container_width=True, center=(view.lat, view.lon),
                      zoom=view.zoom, feature_group_to_add=groups,
                      layer_control=folium.LayerControl(collapsed=True),
                      returned_objects=["last_object_clicked", "last_clicked", "center", "zoom", "bounds"]) or {}
    if not whole:
        return  # the panels come with the rerun the map's first report makes
    panels.detail_panel(shown, state.get("last_object_clicked") or {}, corrections)
    panels.events_table(shown, state.get("last_object_clicked") or {})
    approximate = set(road_lines.loc[road_lines["approximate"].astype(bool), "ref"])
    if series and "Supply routes" in f["layers"]:
        panels.threat_panel(road_lines, series, range_km, f["day"], approximate)
    history(corrections)
    if user.editor:
        correction_form(user, db, shown)
        place_form(user, db, shown, gaz, state.get("last_clicked"))
        route_form(user, db, sorted(road_lines["ref"]))
    latest = latest_on_or_before(series, f["day"]) if series else None
    view_bbox = archive.screen_box(state, view)  # exports frame the view on screen; one box for every frame

    def scenes_for(step: int) -> tuple[int, Iterator[Scene]]:
        days = export.frame_dates(span[0], f["day"], step, max_frames=panels.DASHBOARD_FRAMES)

        def frames() -> Iterator[Scene]:  # drawn one at a time by the time-lapse writer
            for day in days:
                part = select_events(events, {**f, "day": day})
                layer = latest_on_or_before(series, day) if series else None
                yield Scene(part, road_lines, {**routes.route_status(part), **overrides},
                            layer[1] if layer else None, "Frontline Map", day, period, view_bbox)

        return len(days), frames()

    panels.export_panel(Scene(shown, road_lines, statuses, latest[1] if latest else None, "Frontline Map",
                              f["day"], period, view_bbox), scenes_for, chromium=config.chromium, editor=user.editor)
    center = state.get("center") or {}
    panels.share_link({"lat": _round(center.get("lat")), "lon": _round(center.get("lng")), "zoom": state.get("zoom")})
