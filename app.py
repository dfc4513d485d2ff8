"""Frontline Map dashboard: `streamlit run app.py`.

A thin script: it reads the demo corpus and the user's articles, calls geo/
to parse them and layers/ to draw them, keeps the view in the URL, and shows
errors as messages.  The map's base is built from stable inputs; what the
slider and filters change travels as feature groups, so the map is updated in
place instead of reloading (streamlit-folium #77, #91, #244).
"""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from urllib.parse import urlencode

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.control import DEEPSTATE_OCCUPIED, latest_on_or_before, load_control_series
from geo.documents import Document, read_bytes, read_document
from geo.errors import FrontlineError, InputError
from geo.events import EVENT_TYPES, STATUSES, Event, merge_corpus_events
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.pipeline import events_to_gdf, parse_events, records_to_gdf
from geo import overpass
from geo.routes import combine_routes, load_route_file, route_lines
from geo.store import apply_aliases, apply_corrections, route_overrides
from geo.threat import RANGE_PRESETS_KM, analyse, disagreement, fire_band, segments
from layers import events as events_layer
from layers import export
from layers import frontline, places, routes
from layers.assets import install_static
from layers.mapview import BASEMAPS, MapView, build_map
from layers.scene import SIZE_PRESETS, Scene
from layers.timefilter import corpus_dates, filter_by_date, window
from newsroom import (User, correction_form, current_user, history, place_form, require_editor, route_form,
                      shared_store, store_target)

ROOT = Path(__file__).resolve().parent
DEMO = ROOT / "data" / "demo"
LAYERS = ("Events", "Supply routes", "Control areas", "Places")
ACTORS = ("russia", "ukraine", "other", "unknown")
TABLE = ["date", "place", "type", "status", "actor", "source", "sentence", "docs"]
PLAY_STEP_S = 0.8
RANGE_CHOICES = {f"{name} ({km:g} km)": km for name, km in RANGE_PRESETS_KM.items()}
MODE_LABELS = {"everything so far": "cumulative", "last N days": "window"}  # the URL carries the label


@st.cache_resource(show_spinner="Loading the offline gazetteer (the first start builds it, ~15 s)…")
def gazetteer() -> Gazetteer:
    install_static(ROOT / "static")
    return load_gazetteer()


@st.cache_data(show_spinner=False)
def parse_article(name: str, text: str, published: str | None) -> tuple[list[Event], list[dict]]:
    day = dt.date.fromisoformat(published) if published else None
    return parse_events(text, gazetteer(), doc=name, published=day)


@st.cache_data(show_spinner=False, max_entries=8)
def corpus_events(keys: tuple[tuple[str, str, str | None], ...], corrections: tuple):
    """The merged, corrected events of a set of articles, cached across reruns (a slider
    move must not merge thousands of events again)."""
    found = [e for name, text, day in keys for e in parse_article(name, text, day)[0]]
    return events_to_gdf(apply_corrections(merge_corpus_events(found), [dict(c) for c in corrections]))


@st.cache_data(show_spinner=False, max_entries=4)
def shared_documents(_store, url: str, count: int) -> list[Document]:  # noqa: ANN001 - a Store is not hashable
    """The shared corpus's articles, read again only when their number changes (not on every slider move)."""
    return _store.documents()


@st.cache_data(show_spinner=False)
def corpus_documents(folder: str) -> list[Document]:
    """The articles of a folder (the demo corpus, or $FRONTLINE_CORPUS for a newsroom's own)."""
    docs = []
    for p in sorted(Path(folder).glob("*")):
        if p.suffix.lower() in (".txt", ".md", ".html", ".htm"):
            try:
                docs.append(read_document(str(p)))
            except InputError:
                continue  # listed in the sidebar by user_documents for uploads; a corpus skips bad files
    return docs


def user_documents(user: User, store) -> tuple[list[Document], list[str]]:  # noqa: ANN001
    """Uploaded and pasted articles (editors only), added to the shared store; a bad file becomes a
    message, the rest still load."""
    docs, errors = [], []
    if not user.editor:
        return docs, errors
    st.sidebar.subheader("Add articles")
    published = st.sidebar.date_input("Publication date of new articles", value=None, key="pubdate")
    files = st.sidebar.file_uploader("Upload .txt, .md or .html", type=["txt", "md", "html", "htm"],
                                     accept_multiple_files=True)
    for f in files or []:
        try:
            docs.append(read_bytes(f.getvalue(), name=Path(f.name).stem, path=Path(f.name), date=published))
        except InputError as exc:
            errors.append(str(exc))
    pasted = st.sidebar.text_area("…or paste an article", key="pasted")
    if pasted.strip():
        docs.append(Document("pasted", pasted, published))
    if docs and any(d.date is None for d in docs):
        st.sidebar.warning("Some articles have no publication date: their relative dates "
                           "('yesterday', 'last month') stay unknown. Set the date above.")
    if docs and st.sidebar.button("Add to the shared corpus", key="ingest"):
        require_editor(user)
        for d in docs:
            result = store.ingest(d, gazetteer(), who=user.name)
            st.sidebar.caption(f"{'added' if result.added else 'already there'}: {d.name}")
    return docs, errors


def control_layers(label: str, key: str) -> dict[dt.date, object]:
    """Dated control-area layers from uploads (DeepState's raw exports are recognised by their colours)."""
    files = st.sidebar.file_uploader(label, type=["geojson", "json", "kml", "kmz", "gpkg"],
                                     accept_multiple_files=True, key=key)
    series: dict = {}
    folder = os.environ.get("FRONTLINE_CONTROL") if key == "control" else None
    if folder:  # a newsroom's own series, set when the server starts
        try:
            series.update(load_control_series([folder], where={"fill": DEEPSTATE_OCCUPIED}))
        except FrontlineError as exc:
            st.sidebar.error(str(exc))
    for f in files or []:
        path = _saved(f)
        try:
            series.update(load_control_series([path], where={"fill": DEEPSTATE_OCCUPIED}))
        except FrontlineError as exc:
            st.sidebar.error(str(exc))
    return series


@st.cache_data(show_spinner="Measuring the roads against the control layers…")
def threat_table(_routes, _series, range_km: float, key: tuple) -> pd.DataFrame:
    """km under threat per route and layer date (cached on the inputs' identity in ``key``)."""
    return pd.DataFrame([r.as_row() for r in analyse(_routes, _series, range_km=range_km)])


def route_geometry(gaz: Gazetteer):
    """Approximate lines, replaced by an uploaded file or by OpenStreetMap geometry fetched on request."""
    lines = route_lines(gaz)
    f = st.sidebar.file_uploader("Exact road geometry (GeoJSON/KML/GPX/GPKG)",
                                 type=["geojson", "json", "kml", "gpx", "gpkg"])
    if f is not None:
        try:
            lines = combine_routes(lines, load_route_file(_saved(f), gaz))
        except FrontlineError as exc:
            st.sidebar.error(str(exc))
    fetched = st.session_state.setdefault("_osm_roads", {})
    with st.sidebar.expander("Exact geometry from OpenStreetMap (online)"):
        ref = st.selectbox("Road", sorted(gaz.routes), key="osm_ref")
        url = st.text_input("Overpass server", value=overpass.DEFAULT_URL, key="osm_url")
        if st.button("Fetch", key="osm_fetch"):
            bounds = tuple(lines.set_index("ref").loc[[ref]].total_bounds + [-0.1, -0.1, 0.1, 0.1])
            try:
                fetched[ref] = overpass.fetch_route(gaz.routes[ref], bounds,
                                                    settings=overpass.OverpassSettings(url=url))
                st.success(f"{ref}: OpenStreetMap geometry loaded")
            except FrontlineError as exc:
                st.error(str(exc))
    for road in fetched.values():
        lines = combine_routes(lines, road)
    return lines


def _saved(upload) -> Path:
    folder = Path(st.session_state.setdefault("_upload_dir", str(Path.home() / ".cache" / "frontline-map" / "uploads")))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(upload.name).name
    path.write_bytes(upload.getvalue())
    return path


def filters(events: pd.DataFrame, first: dt.date, last: dt.date) -> dict:
    """The widgets that choose what the map shows; each is bound to a URL query parameter."""
    st.sidebar.subheader("View")
    current = st.session_state.get("date")
    if current is not None and not first <= current <= last:
        st.session_state["date"] = last  # the corpus changed under the slider
    elif st.session_state.get("playing") and current is not None:
        st.session_state["date"] = min(last, current + dt.timedelta(days=1))
    start = {} if "date" in st.session_state else {"value": last}  # no double default (Streamlit warns)
    day = st.slider("Date", min_value=first, max_value=last, step=dt.timedelta(days=1),
                    format="YYYY-MM-DD", key="date", bind="query-params", **start)
    cols = st.columns([1, 1, 1, 3])
    shown_as = cols[0].radio("Show", list(MODE_LABELS), key="mode", bind="query-params")
    mode = MODE_LABELS[shown_as]
    days = cols[1].number_input("N days", min_value=1, max_value=365, value=7, key="days", bind="query-params")
    playing = st.session_state.get("playing", False)
    if cols[2].button("⏸ Pause" if playing else "▶ Play", key="play"):
        st.session_state["playing"] = not playing
        if not playing and day >= last:
            st.session_state["date"] = first
        st.rerun()
    sources = sorted(set(s for srcs in events["sources"] for s in srcs)) if not events.empty else []
    return {
        "day": day, "mode": mode, "days": int(days),
        "types": st.sidebar.multiselect("Event types", EVENT_TYPES, default=list(EVENT_TYPES), key="types",
                                        bind="query-params"),
        "actors": st.sidebar.multiselect("Actors", ACTORS, default=list(ACTORS), key="actors",
                                         bind="query-params"),
        "statuses": st.sidebar.multiselect("Status", STATUSES, default=list(STATUSES), key="statuses",
                                           bind="query-params"),
        "sources": st.sidebar.multiselect("Sources (empty = all)", sources, default=[], key="sources"),
        "layers": st.sidebar.multiselect("Layers", LAYERS, default=list(LAYERS[:3]), key="layers",
                                         bind="query-params"),
        "basemap": st.sidebar.selectbox("Base map", BASEMAPS, key="basemap", bind="query-params"),
    }


def select_events(events: pd.DataFrame, f: dict) -> pd.DataFrame:
    start, end = window(f["day"], mode=f["mode"], days=f["days"])
    shown = filter_by_date(events, start, end)
    shown = shown[shown["type"].isin(f["types"]) & shown["actor"].isin(f["actors"])
                  & shown["status"].isin(f["statuses"])]
    if f["sources"]:
        shown = shown[[bool(set(s) & set(f["sources"])) for s in shown["sources"]]]
    return shown


def initial_view(f: dict, gaz: Gazetteer) -> MapView:
    """Centre and zoom: from the URL on first load (a shared link), then only from a search or a
    table row; never from the map's own reports, which would loop."""
    if "view" not in st.session_state:
        qp, default = st.query_params, MapView()
        try:
            st.session_state["view"] = (float(qp.get("lat", default.lat)), float(qp.get("lon", default.lon)),
                                        int(float(qp.get("zoom", default.zoom))))
        except ValueError:
            st.warning("The link's lat/lon/zoom are not numbers; showing the default view.")
            st.session_state["view"] = (default.lat, default.lon, default.zoom)
    query = st.sidebar.text_input("Fly to a place", key="q", placeholder="e.g. Chasiv Yar")
    if query.strip() and query != st.session_state.get("_last_q"):
        st.session_state["_last_q"] = query
        found = gaz.search(query.strip(), limit=1)
        if found:
            st.session_state["view"] = (found[0].lat, found[0].lon, 12)
        else:
            st.sidebar.warning(f"No place called {query.strip()!r} in the gazetteer.")
    picked = st.session_state.get("table")
    rows = list(getattr(getattr(picked, "selection", None), "rows", []) or []) if picked else []
    shown = st.session_state.get("_table_points", [])
    if rows and rows[0] < len(shown) and shown[rows[0]] != st.session_state.get("_last_pick"):
        st.session_state["_last_pick"] = shown[rows[0]]
        lat, lon = shown[rows[0]]
        if lat is not None and not pd.isna(lat):
            st.session_state["view"] = (lat, lon, 12)
    lat, lon, zoom = st.session_state["view"]
    return MapView(lat, lon, zoom, f["basemap"])


def share_link(view_state: dict) -> None:
    """Write the map's centre and zoom into the URL and offer the whole link for copying."""
    for k in ("lat", "lon", "zoom"):
        if view_state.get(k) is not None:
            st.query_params[k] = str(view_state[k])
    base = str(st.context.url or "").split("?")[0]
    st.caption("Link to this view (copy with the button on the right):")
    st.code(f"{base}?{urlencode(st.query_params.to_dict())}", language=None)


def threat_panel(road_lines, series, range_km: float, day: dt.date, approximate: set[str]) -> None:
    """Chart and table of km under threat per route over time, following the slider."""
    key = (tuple(sorted(series)), tuple(road_lines["ref"]), range_km)
    table = threat_table(road_lines, series, range_km, key)
    if table.empty:
        return
    table["km under threat"] = table["km_cut"] + table["km_threatened"]
    st.subheader(f"Supply routes within {range_km:g} km of enemy-held area")
    chart = table.pivot(index="date", columns="route", values="km under threat")
    st.line_chart(chart, x_label="control-layer date", y_label="km cut or within range")
    shown = table[table["date"] <= day.isoformat()]
    if not shown.empty:
        latest = shown[shown["date"] == shown["date"].max()]
        st.dataframe(latest[["route", "date", "km_cut", "km_threatened", "km_clear"]], hide_index=True)
    if approximate:
        st.caption("Approximate geometry (lines through the settlements each road passes): "
                   + ", ".join(sorted(approximate)) + ". Upload exact geometry in the sidebar to replace them.")


def make_timelapse(scenes_for, fmt: str, size: tuple[int, int], step: int) -> bytes:  # noqa: ANN001
    import tempfile

    scenes = scenes_for(step)
    with tempfile.TemporaryDirectory() as tmp:
        path = export.timelapse(scenes, Path(tmp) / f"timelapse.{fmt}", size)
        return path.read_bytes()


def export_panel(scene: Scene, timelapse_scenes) -> None:  # noqa: ANN001 - step -> [Scene]
    """Downloads of the current view: the map as PNG (two engines), PDF, HTML, and its data."""
    with st.expander("Export this view"):
        cols = st.columns(3)
        size_name = cols[0].selectbox("Size", list(SIZE_PRESETS), index=1, key="export_size")
        scale = cols[1].selectbox("Scale", [1, 2], key="export_scale")
        engine = cols[2].selectbox("Engine", ["auto", "browser", "static"], key="export_engine",
                                   help="browser = the dashboard's own map in headless Chromium; "
                                        "static = matplotlib, no browser needed")
        fmt = st.radio("Format", ["png", "pdf", "svg", "html", "geojson", "gpkg", "kml", "csv", "gif", "mp4"],
                       horizontal=True, key="export_fmt",
                       help="gif and mp4: a time-lapse from the first date to the slider's, one frame per N days")
        step = st.number_input("Time-lapse: days per frame", min_value=1, max_value=60, value=7, key="export_step")
        if st.button("Prepare file", key="export_go"):
            try:
                if fmt in ("gif", "mp4"):
                    data, used = make_timelapse(timelapse_scenes, fmt, SIZE_PRESETS[size_name], int(step)), "static"
                else:
                    data, used = make_export(scene, fmt, SIZE_PRESETS[size_name], float(scale), engine)
            except FrontlineError as exc:
                st.error(str(exc))
                return
            name = f"frontline-{scene.date.isoformat() if scene.date else 'all'}.{fmt}"
            st.download_button(f"Download {name}", data, file_name=name, key="export_dl")
            if used:
                st.caption(f"made with the {used} engine")


def make_export(scene: Scene, fmt: str, size: tuple[int, int], scale: float, engine: str) -> tuple[bytes, str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export.{fmt}"
        used = ""
        if fmt in ("png", "pdf", "svg"):
            _, used = export.to_image(scene, path, size, scale=scale, engine=engine)
        elif fmt == "html":
            export.to_html(scene, path)
        else:
            export.to_data(scene, path)
        return path.read_bytes(), used


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 5)


def main() -> None:
    st.set_page_config(page_title="Frontline Map", layout="wide")
    st.title("Frontline Map")
    gaz = gazetteer()
    user = current_user()
    store = shared_store(store_target())
    apply_aliases(gaz, store.aliases())  # spellings editors taught: idempotent, in memory
    st.sidebar.caption(f"Signed in as {user.name} ({user.role})")
    docs, errors = user_documents(user, store)
    for msg in errors:
        st.error(msg)
    corpus = os.environ.get("FRONTLINE_CORPUS") or str(DEMO)
    label = "Demo corpus: Bakhmut, January-May 2023" if corpus == str(DEMO) else f"Corpus: {Path(corpus).name}"
    use_demo = st.sidebar.checkbox(label, value=True, key="demo")
    st.sidebar.subheader("Map data")
    series = control_layers("Control areas (GeoJSON/KML/GPKG, date in the name)", "control")
    compare = control_layers("A second source's control areas, to compare", "control2")
    range_name = st.sidebar.selectbox("Fire range", list(RANGE_CHOICES), index=1, key="range",
                                      bind="query-params")
    road_lines = route_geometry(gaz)
    shared = shared_documents(store, str(store.engine.url), store.article_count())
    corrections = store.corrections()  # read once per run; every layer applies the same list
    known = {d.text for d in shared}
    all_docs = (corpus_documents(corpus) if use_demo else []) + shared + [d for d in docs if d.text not in known]
    parsed = [parse_article(d.name, d.text, d.date.isoformat() if d.date else None) for d in all_docs]
    mention_rows = [r for _, rows in parsed for r in rows]
    if not mention_rows:
        st.info("No places yet: add an article in the sidebar, or switch the demo corpus on.")
        return
    events = corpus_events(tuple((d.name, d.text, d.date.isoformat() if d.date else None) for d in all_docs),
                           tuple(tuple(sorted(c.items())) for c in corrections))
    first, last = corpus_dates(events) or (dt.date.today(), dt.date.today())
    span = (min(first, last - dt.timedelta(days=1)), last)  # a slider needs two distinct ends
    f = filters(events, *span)
    shown = select_events(events, f)
    view = initial_view(f, gaz)

    groups = []
    if "Events" in f["layers"]:
        groups.append(events_layer.build(shown))
    latest = latest_on_or_before(series, f["day"]) if series else None
    range_km = RANGE_CHOICES[range_name]
    overrides = route_overrides(corrections)
    statuses = {**routes.route_status(shown), **overrides}  # told by the reporting, unless an editor set it
    approximate = set(road_lines.loc[road_lines["approximate"].astype(bool), "ref"])
    if "Supply routes" in f["layers"]:
        if latest:  # measured against the control layer of the day
            groups.append(routes.build_segments(segments(road_lines, latest[1], range_km=range_km), approximate))
            groups.append(frontline.build_band(fire_band(latest[1], range_km=range_km, near=road_lines), range_km))
        else:
            groups.append(routes.build(road_lines, statuses))
    if "Control areas" in f["layers"]:
        if latest:
            groups.append(frontline.build(latest[1], latest[0]))
            other = latest_on_or_before(compare, f["day"]) if compare else None
            if other:
                diff, km2 = disagreement(latest[1], other[1])
                groups.append(frontline.build_disagreement(diff, km2))
                st.caption(f"Control maps {latest[0]} and {other[0]} disagree over {km2:,.1f} km² (purple).")
        else:
            zone = frontline.contact_zone(shown)
            groups.append(frontline.build(zone, None, name="Contact zone (inferred from reporting)"))
    if "Places" in f["layers"]:
        groups.append(places.build(records_to_gdf(mention_rows)))
    period = "everything so far" if f["mode"] == "cumulative" else f"last {f['days']} days"
    st.caption(f"{len(all_docs)} articles · {len(events)} events, {len(shown)} shown for "
               f"{f['day'].isoformat()} ({period})"
               + (" · control areas: none loaded, showing the contact zone inferred from reporting"
                  if "Control areas" in f["layers"] and not series else ""))
    fmap = build_map([], view, legend=True, layer_control=False)
    state = st_folium(fmap, key="map", height=560, use_container_width=True, center=(view.lat, view.lon),
                      zoom=view.zoom, feature_group_to_add=groups,
                      layer_control=folium.LayerControl(collapsed=True),
                      returned_objects=["last_object_clicked", "last_clicked", "center", "zoom"]) or {}
    clicked = (state.get("last_object_clicked") or {})
    table = pd.DataFrame(shown.drop(columns="geometry"))
    if clicked.get("lat") is not None and not table.empty:
        near = ((table["lat"] - clicked["lat"]) ** 2 + (table["lon"] - clicked["lng"]) ** 2).idxmin()
        table = pd.concat([table.loc[[near]], table.drop(index=near)])
        st.caption(f"Selected on the map: {table.iloc[0]['place']} (first row)")
    table["docs"] = [", ".join(d) for d in table["docs"]]
    st.session_state["_table_points"] = list(zip(table["lat"], table["lon"]))
    st.dataframe(table[TABLE], hide_index=True, width="stretch", on_select="rerun",
                 selection_mode="single-row", key="table")
    if series and "Supply routes" in f["layers"]:
        threat_panel(road_lines, series, range_km, f["day"], approximate)
    history(corrections)
    if user.editor:
        correction_form(user, store, shown)
        place_form(user, store, shown, gaz, state.get("last_clicked"))
        route_form(user, store, sorted(road_lines["ref"]))

    def scenes_for(step: int) -> list[Scene]:
        frames = []
        for day in export.frame_dates(span[0], f["day"], step):
            part = select_events(events, {**f, "day": day})
            layer = latest_on_or_before(series, day) if series else None
            frames.append(Scene(part, road_lines, {**routes.route_status(part), **overrides},
                                layer[1] if layer else None, "Frontline Map", day, period, view_bbox))
        return frames

    view_bbox = Scene(events, road_lines).extent()  # one extent for every frame: no jumping map
    export_panel(Scene(shown, road_lines, statuses, latest[1] if latest else None, "Frontline Map", f["day"],
                       period), scenes_for)
    center = state.get("center") or {}
    share_link({"lat": _round(center.get("lat")), "lon": _round(center.get("lng")), "zoom": state.get("zoom")})
    if st.session_state.get("playing"):
        if f["day"] >= span[1]:
            st.session_state["playing"] = False
        else:
            time.sleep(PLAY_STEP_S)
            st.rerun()


main()
