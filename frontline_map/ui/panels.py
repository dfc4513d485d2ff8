"""The panels under the map: the events table, km under threat, exports, and the share link."""
from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import pyarrow as pa
import streamlit as st

from frontline_map.geo.analysis.threat import analyse
from frontline_map.geo.errors import FrontlineError
from frontline_map.layers import export
from frontline_map.layers.events import APPROXIMATE, runner_ups
from frontline_map.layers.scene import SIZE_PRESETS, Scene
from frontline_map.ui.text import plain

TABLE = ["date", "place", "type", "status", "actor", "source", "sentence", "docs"]
TABLE_ROWS = 1_000  # a table is for reading; the exports carry every row
FORMATS = ["png", "pdf", "svg", "html", "geojson", "gpkg", "kml", "csv", "gif", "mp4"]
VIEWER_FORMATS = FORMATS[:-2]  # a time-lapse costs a minute of the server's time: editors only
VIEWER_SIZES = ("social", "1600x900")
DASHBOARD_FRAMES = 120


def events_table(shown: Any, clicked: dict[str, Any]) -> None:
    """The view's events, newest first (at most TABLE_ROWS); the one clicked on the map comes first."""
    table = pd.DataFrame(shown.drop(columns="geometry")).sort_values("date", ascending=False, na_position="last")
    if clicked.get("lat") is not None and not table.empty:
        near = ((table["lat"] - clicked["lat"]) ** 2 + (table["lon"] - clicked["lng"]) ** 2).idxmin()
        table = pd.concat([table.loc[[near]], table.drop(index=near)])
        st.caption(f"Selected on the map: {plain(table.iloc[0]['place'])} (first row)")
    if len(table) > TABLE_ROWS:
        st.caption(f"The newest {TABLE_ROWS:,} of {len(table):,} events; export CSV or GeoPackage for every row.")
        table = table.iloc[:TABLE_ROWS]
    table = table.assign(docs=[", ".join(d) for d in table["docs"]])
    st.session_state["_table_points"] = list(zip(table["lat"], table["lon"], strict=True))
    # Handed over as an Arrow table: Streamlit's own pandas conversion costs seconds at 1,000 rows.
    arrow = pa.table({c: pa.array(table[c].astype(object).where(table[c].notna(), None).tolist(), pa.string())
                      for c in TABLE})
    st.dataframe(arrow, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="table")


DETAIL_EVENTS = 20


def detail_panel(shown: Any, clicked: dict[str, Any], corrections: list[dict[str, Any]]) -> None:
    """The place clicked on the map, in full: every event shown there with its quote, source and article,
    the other places of that name, and the corrections made to it.  Article text is shown as plain text."""
    located = shown[shown["lat"].notna()] if len(shown) else shown
    if clicked.get("lat") is None or located.empty:
        return
    near = ((located["lat"] - clicked["lat"]) ** 2 + (located["lon"] - clicked["lng"]) ** 2).idxmin()
    place = located.loc[near, "place"]
    here = located[located["place"] == place].sort_values("date", ascending=False, na_position="last")
    with st.expander(f"Selected: {plain(place)} — {len(here)} event{'s' if len(here) != 1 else ''}", expanded=True):
        lines = []
        for row in here.head(DETAIL_EVENTS).itertuples():
            denied = f"; denied by {row.denied_by}" if getattr(row, "denied_by", "") else ""
            lines += [f"{row.date or 'date unknown'} · {row.type.replace('_', ' ')}, {row.status} · actor "
                      f"{row.actor} · source {row.source}{denied}", f"    “{row.sentence}”",
                      f"    article: {', '.join(row.docs) if isinstance(row.docs, list) else row.docs}"]
        if len(here) > DETAIL_EVENTS:
            lines.append(f"…and {len(here) - DETAIL_EVENTS} more in the table")
        others = runner_ups(here["alternatives"].iloc[0] if "alternatives" in here else None)
        if others:
            lines.append(others if others.startswith(APPROXIMATE) else f"other places of that name: {others}")
        ids = set(here["id"]) if "id" in here else set()
        fixed = [c for c in corrections if c.get("place") == place or str(c.get("key", "")).split("|")[0] == place
                 or c.get("key") in ids]
        lines += [f"correction: {c['field']} {c['old'] or ''} -> {c['new']} — {c['who']}, {str(c['at'])[:16]}: "
                  f"{c['why']}" for c in fixed] or ["no corrections to this place"]
        st.text("\n".join(lines))  # plain text: never rendered as Markdown or HTML


@st.cache_data(show_spinner="Measuring the roads against the control layers…", max_entries=8)
def _threat_table(_routes: Any, _series: Any, range_km: float, key: tuple[object, ...]) -> pd.DataFrame:
    """km under threat per route and layer date (cached on the inputs' identity in ``key``)."""
    return pd.DataFrame([r.as_row() for r in analyse(_routes, _series, range_km=range_km)])


def threat_panel(road_lines: Any, series: dict[dt.date, Any], range_km: float, day: dt.date,
                 approximate: set[str]) -> None:
    """Chart and table of km under threat per route over time, following the slider."""
    key = (tuple(sorted(series)), tuple(road_lines["ref"]), range_km)
    table = _threat_table(road_lines, series, range_km, key)
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


def _make_file(scene: Scene, fmt: str, size: tuple[int, int], scale: float, engine: str,
               chromium: str | None) -> tuple[bytes, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export.{fmt}"
        used = ""
        if fmt in ("png", "pdf", "svg"):
            _, used = export.to_image(scene, path, size, scale=scale, engine=engine, chromium=chromium)
        elif fmt == "html":
            export.to_html(scene, path)
        else:
            export.to_data(scene, path)
        return path.read_bytes(), used


def _make_timelapse(frames: tuple[int, Iterator[Scene]], fmt: str, size: tuple[int, int]) -> bytes:
    total, scenes = frames
    bar = st.progress(0.0, text=f"Drawing {total} frames…")

    def advance(k: int) -> None:
        bar.progress(k / total, text=f"Drawing frame {k} of {total}…")

    try:
        with tempfile.TemporaryDirectory() as tmp:
            return export.timelapse(scenes, Path(tmp) / f"timelapse.{fmt}", size, on_frame=advance).read_bytes()
    finally:
        bar.empty()


def export_panel(scene: Scene, timelapse_scenes: Callable[[int], tuple[int, Iterator[Scene]]], *, chromium: str | None = None,
                 editor: bool = False) -> None:
    """Downloads of the current view: the map as PNG (two engines), PDF, HTML, and its data.

    Viewers get the cheap ones: the static engine, at most 1600x900, no time-lapse; the server checks
    the choices again when the button is pressed, whatever the browser sent.
    """
    with st.expander("Export this view"):
        cols = st.columns(3)
        sizes = list(SIZE_PRESETS) if editor else [s for s in SIZE_PRESETS if s in VIEWER_SIZES]
        size_name = cols[0].selectbox("Size", sizes, index=min(1, len(sizes) - 1), key="export_size")
        scale = cols[1].selectbox("Scale", [1, 2] if editor else [1], key="export_scale")
        engines = ["auto", "browser", "static"] if editor else ["static"]
        engine = cols[2].selectbox("Engine", engines, key="export_engine",
                                   help="browser = the dashboard's own map in headless Chromium; "
                                        "static = matplotlib, no browser needed")
        fmt = st.radio("Format", FORMATS if editor else VIEWER_FORMATS, horizontal=True, key="export_fmt",
                       help="gif and mp4: a time-lapse from the first date to the slider's, one frame per N days")
        step = st.number_input("Time-lapse: days per frame", min_value=1, max_value=60, value=7, key="export_step")
        if not st.button("Prepare file", key="export_go"):
            return
        size = SIZE_PRESETS[size_name]
        if not editor and (fmt not in VIEWER_FORMATS or engine != "static" or scale != 1 or size_name not in VIEWER_SIZES):
            st.error("Viewers can export the static map and the data; sign in as an editor for more.")
            return
        try:
            if fmt in ("gif", "mp4"):
                data, used = _make_timelapse(timelapse_scenes(int(step)), fmt, size), "static"
            else:
                data, used = _make_file(scene, fmt, size, float(scale), engine, chromium)
        except FrontlineError as exc:
            st.error(plain(exc))
            return
        name = f"frontline-{scene.date.isoformat() if scene.date else 'all'}.{fmt}"
        st.download_button(f"Download {name}", data, file_name=name, key="export_dl")
        if used:
            st.caption(f"made with the {used} engine")


def share_link(view_state: dict[str, Any]) -> None:
    """Write the map's centre and zoom into the URL and offer the whole link for copying."""
    for k in ("lat", "lon", "zoom"):
        if view_state.get(k) is not None:
            st.query_params[k] = str(view_state[k])
    base = str(st.context.url or "").split("?")[0]
    st.caption("Link to this view (copy with the button on the right):")
    params = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]  # every value of a filter
    st.code(f"{base}?{urlencode(params)}", language=None)
