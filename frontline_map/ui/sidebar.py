"""The sidebar: articles to add, map data (control layers, road geometry), and the view's filters."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from frontline_map import services
from frontline_map.geo.analysis.control import load_control_series
from frontline_map.geo.analysis.routes import combine_routes, load_route_file, route_lines
from frontline_map.geo.analysis.threat import RANGE_PRESETS_KM
from frontline_map.geo.errors import FrontlineError, InputError
from frontline_map.geo.events.extract import EVENT_TYPES, STATUSES
from frontline_map.geo.gazetteer import Gazetteer
from frontline_map.geo.io.documents import Document, document_from_text, read_bytes
from frontline_map.geo.io.geofiles import Upload
from frontline_map.geo.net import overpass
from frontline_map.geo.settings import Settings
from frontline_map.geo.store.sql import Store
from frontline_map.geo.text.parse import Parsed
from frontline_map.layers.mapview import BASEMAPS
from frontline_map.layers.registry import DEFAULT_ON
from frontline_map.ui import resources
from frontline_map.ui.newsroom import User, require_editor
from frontline_map.ui.text import plain

LAYERS = ("Events", "Supply routes", "Control areas", "Places")  # as listed; drawn in registry order
ACTORS = ("russia", "ukraine", "other", "unknown")
RANGE_CHOICES = {f"{name} ({km:g} km)": km for name, km in RANGE_PRESETS_KM.items()}
MODE_LABELS = {"everything so far": "cumulative", "last N days": "window"}  # the URL carries the label
MAX_ARTICLE_FILES = 50
MAX_PASTE_CHARS = 200_000
MAX_LAYER_FILES = 400  # a year of daily control layers


def add_articles(user: User, db: Store, gaz: Gazetteer, *, deferred: bool = False) -> tuple[list[Parsed], list[str]]:
    """Uploaded and pasted articles (editors only), parsed once; 'Add' stores that same parse.

    ``deferred``: the session's first run, which draws the map first; the boxes (empty on a first run
    anyway) come with the next run, in a container kept at their place so nothing below them moves.
    """
    box = st.sidebar.container()
    if not user.editor or deferred:
        return [], []
    box.subheader("Add articles")
    published = box.date_input("Publication date of new articles", value=None, key="pubdate")
    files = box.file_uploader("Upload .txt, .md or .html", type=["txt", "md", "html", "htm"],
                              accept_multiple_files=True, key="articles")
    docs: list[Document] = []
    errors: list[str] = []
    if len(files or []) > MAX_ARTICLE_FILES:
        errors.append(f"{len(files)} files at once: the first {MAX_ARTICLE_FILES} are read; add the rest after")
        files = files[:MAX_ARTICLE_FILES]
    for f in files or []:
        try:
            docs.append(read_bytes(f.getvalue(), name=Path(f.name).stem, path=Path(f.name), date=published))
        except InputError as exc:
            errors.append(str(exc))
    pasted = box.text_area("…or paste an article", key="pasted", max_chars=MAX_PASTE_CHARS)
    if pasted.strip():
        try:  # the same checks and cleaning as a file: one article, one hash, whichever way it came
            docs.append(document_from_text(pasted, name="pasted", date=published))
        except InputError as exc:
            errors.append(str(exc))
    if any(d.date is None for d in docs):
        box.warning("Some articles have no publication date: their relative dates "
                    "('yesterday', 'last month') stay unknown. Set the date above.")
    parsed = [resources.parse_pending(d.name, d.text, d.date, gaz, gaz.version) for d in docs]
    if parsed and box.button("Add to the shared corpus", key="ingest"):
        require_editor(user, "add articles")
        done = services.ingest(db, docs, gaz, who=user.name, parsed={p.doc.sha: p for p in parsed})
        for result in done:
            box.caption(f"{'added' if result.added else 'already there'}: {plain(result.name)}")
    return parsed, errors


def control_layers(label: str, key: str, folder: Path | None, user: User, where: Any = None, *,
                   deferred: bool = False) -> dict[dt.date, Any]:
    """Dated control-area layers from the server's folder and (editors) this session's uploads, read in memory;
    the upload box waits for the next run when ``deferred`` (see :func:`add_articles`)."""
    slot = (where or st.sidebar).container()
    files = slot.file_uploader(label, type=["geojson", "json", "kml", "kmz", "gpkg"],
                               accept_multiple_files=True, key=key) if user.editor and not deferred else []
    sources: list[Path | Upload] = [folder] if folder else []
    if len(files or []) > MAX_LAYER_FILES:
        st.sidebar.warning(f"{len(files)} files: the first {MAX_LAYER_FILES} are read.")
    sources += [Upload(f.name, f.getvalue()) for f in (files or [])[:MAX_LAYER_FILES]]
    series: dict[dt.date, Any] = {}
    rules: list[str] = []
    for source in sources:
        try:  # DeepStateMap's raw exports are recognised and read for their occupied areas only
            series.update(load_control_series([source], on_rule=rules.append))
        except FrontlineError as exc:
            st.sidebar.error(plain(exc))
    if rules:
        with st.sidebar.expander(f"How {len(rules)} control file{'s were' if len(rules) > 1 else ' was'} read"):
            for rule in rules:
                st.caption(plain(rule))
    return series


def route_geometry(gaz: Gazetteer, user: User, config: Settings, where: Any = None, *, deferred: bool = False) -> Any:
    """Approximate lines, replaced (editors) by an uploaded file or by OpenStreetMap geometry fetched on request;
    the editor's boxes wait for the next run when ``deferred`` (see :func:`add_articles`)."""
    lines = route_lines(gaz)
    slot = (where or st.sidebar).container()
    osm = st.sidebar.container()
    if not user.editor or deferred:  # uploads and outbound requests are editors' work
        return lines
    f = slot.file_uploader("Exact road geometry (GeoJSON/KML/GPX/GPKG)", type=["geojson", "json", "kml", "gpx", "gpkg"],
                           key="roadfile")
    if f is not None:
        try:
            lines = combine_routes(lines, load_route_file(Upload(f.name, f.getvalue()), gaz))
        except FrontlineError as exc:
            st.sidebar.error(plain(exc))
    fetched: list[str] = st.session_state.setdefault("_osm_refs", [])  # plain data: refs only
    with osm.expander("Exact geometry from OpenStreetMap (online)"):
        ref = st.selectbox("Road", sorted(gaz.routes), key="osm_ref")
        url = st.text_input("Overpass server", value=config.overpass_url, key="osm_url")
        asked = st.button("Fetch", key="osm_fetch")
        if asked and ref not in fetched:
            fetched.append(ref)
        client = resources.overpass(url, str(config.cache_dir))
        for road in list(fetched):
            bounds = tuple(lines.set_index("ref").loc[[road]].total_bounds + [-0.1, -0.1, 0.1, 0.1])
            try:  # a fetched road is served from the HTTP cache on later reruns
                lines = combine_routes(lines, overpass.fetch_route(gaz.routes[road], bounds, client=client, url=url))
                if asked and road == ref:
                    st.success(f"{ref}: OpenStreetMap geometry loaded")
            except FrontlineError as exc:
                fetched.remove(road)
                st.error(plain(exc))
    return lines


def _time_controls(first: dt.date, last: dt.date) -> tuple[dt.date, str, int]:
    current = st.session_state.get("date")
    if current is not None and not first <= current <= last:
        st.session_state["date"] = last  # the corpus changed under the slider
    elif st.session_state.get("playing") and current is not None:
        st.session_state["date"] = min(last, current + dt.timedelta(days=1))
    start: dict[str, Any] = {} if "date" in st.session_state else {"value": last}  # no double default
    cols = st.columns([6, 2.2, 1.3, 1], vertical_alignment="bottom")  # one row: the map stays above the fold
    day: dt.date = cols[0].slider("Date", min_value=first, max_value=last, step=dt.timedelta(days=1),
                                  format="YYYY-MM-DD", key="date", bind="query-params", **start)
    shown_as = cols[1].radio("Show", list(MODE_LABELS), key="mode", bind="query-params")
    days = cols[2].number_input("N days", min_value=1, max_value=365, value=7, key="days", bind="query-params")
    playing = st.session_state.get("playing", False)
    if cols[3].button("⏸ Pause" if playing else "▶ Play", key="play"):
        st.session_state["playing"] = not playing
        if not playing and day >= last:
            st.session_state["date"] = first
        st.rerun()
    return day, MODE_LABELS[shown_as], int(days)


def _iso_day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def browser_day(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """(the day the map's time bar last reported, the day it starts at in this session).

    The page owns the date while the user slides or plays; the server hears it when the
    user lets go (the map's ``fm_day``).  The start is fixed per session (from the link, else
    the last day), so the map's own data never changes with the date and is never redrawn for it.
    """
    if "_fm_start" not in st.session_state:
        st.session_state["_fm_start"] = _iso_day(st.query_params.get("date")) or last
    start = min(last, max(first, st.session_state["_fm_start"]))
    reported = _iso_day((st.session_state.get("map") or {}).get("fm_day"))
    day = min(last, max(first, reported or start))
    if st.query_params.get("date") != day.isoformat():
        st.query_params["date"] = day.isoformat()  # ISO in the link, always
    return day, start


def _mode_controls() -> tuple[str, int]:
    shown_as = st.sidebar.radio("Show on the map", list(MODE_LABELS), key="mode", bind="query-params", horizontal=True)
    days = st.sidebar.number_input("N days", min_value=1, max_value=365, value=7, key="days", bind="query-params",
                                   disabled=MODE_LABELS[shown_as] != "window")
    return MODE_LABELS[shown_as], int(days)


def _filtered(key: str, default: list[str]) -> bool:
    """Does the session (or the link it opened) narrow this filter?"""
    value = st.session_state.get(key)
    if value is None:
        value = st.query_params.get_all(key) or default
    return sorted(value) != sorted(default)


def link_choice(key: str, options: list[str] | tuple[str, ...], default: str) -> str:
    """A one-of widget's value on a session's first run, read from the link as its bound widget will read it."""
    value = st.query_params.get(key)
    return value if value is not None and value in options else default


def _link_choices(key: str, options: list[str] | tuple[str, ...], default: list[str]) -> list[str]:
    if key not in st.query_params:
        return list(default)
    values = st.query_params.get_all(key)
    if all(v == "" for v in values):
        return []  # "?sources=": emptied on purpose
    return [v for v in values if v in options] or list(default)  # unknown values fall back, as the widget does


def link_filters(events: pd.DataFrame, first: dt.date, last: dt.date, *,
                 basemaps: tuple[str, ...] = BASEMAPS) -> dict[str, Any]:
    """What :func:`filters` (``in_browser``) returns, read from the link alone, drawing no widget.

    A session's first run draws the map before any control: the browser loads each kind of widget's
    code as it first meets one, and the map's code waited behind eight of them (the demo's first paint is
    0.05-0.3 s faster without them, side by side in bench/dashboard_speed.py --demo-baseline). The widgets
    come with the next run and read the same link.
    """
    day, start = browser_day(first, last)
    try:
        days = int(st.query_params.get("days", 7))
    except ValueError:
        days = 7
    sources = sorted({s for srcs in events["sources"] for s in srcs}) if not events.empty else []
    return {
        "day": day, "start": start, "mode": MODE_LABELS[link_choice("mode", list(MODE_LABELS), next(iter(MODE_LABELS)))],
        "days": days if 1 <= days <= 365 else 7,
        "types": _link_choices("types", EVENT_TYPES, list(EVENT_TYPES)),
        "actors": _link_choices("actors", ACTORS, list(ACTORS)),
        "statuses": _link_choices("statuses", STATUSES, list(STATUSES)),
        "sources": _link_choices("sources", sources, []),
        "layers": _link_choices("layers", LAYERS, [n for n in LAYERS if n in DEFAULT_ON]),
        "basemap": link_choice("basemap", basemaps, basemaps[0]),
    }


def filters(events: pd.DataFrame, first: dt.date, last: dt.date, *, in_browser: bool = False,
            basemaps: tuple[str, ...] = BASEMAPS, heading: bool = True) -> dict[str, Any]:
    """The widgets that choose what the map shows; each is bound to a URL query parameter.

    ``in_browser``: the date comes from the map's own time bar (see layers/timeline.js), not a
    server-side slider.
    """
    if heading:
        st.sidebar.subheader("View")
    if in_browser:
        (day, start), (mode, days) = browser_day(first, last), _mode_controls()
    else:
        day, mode, days = _time_controls(first, last)
        start = day
    sources = sorted({s for srcs in events["sources"] for s in srcs}) if not events.empty else []
    narrowed = any(_filtered(k, list(d)) for k, d in (("types", EVENT_TYPES), ("actors", ACTORS),
                                                       ("statuses", STATUSES), ("sources", [])))
    box = st.sidebar.expander("Filters: type, actor, status, source" + (" (narrowed)" if narrowed else ""),
                              expanded=narrowed)  # folded until used; a link that narrows them opens it
    return {
        "day": day, "start": start, "mode": mode, "days": days,
        "types": box.multiselect("Event types", EVENT_TYPES, default=list(EVENT_TYPES), key="types",
                                 bind="query-params"),
        "actors": box.multiselect("Actors", ACTORS, default=list(ACTORS), key="actors", bind="query-params"),
        "statuses": box.multiselect("Status", STATUSES, default=list(STATUSES), key="statuses",
                                    bind="query-params"),
        "sources": box.multiselect("Sources (empty = all)", sources, default=[], key="sources", bind="query-params"),
        "layers": st.sidebar.multiselect("Layers", LAYERS, default=[n for n in LAYERS if n in DEFAULT_ON], key="layers",
                                         bind="query-params"),
        "basemap": st.sidebar.selectbox("Base map", basemaps, key="basemap", bind="query-params"),
    }
