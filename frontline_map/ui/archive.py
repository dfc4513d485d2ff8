"""The dashboard over an archive too big to read whole (beyond ``Settings.archive_above`` events).

Nothing here loads the archive: every run asks the store about the view on screen
(its box, time window and filters). Until the view holds at most ``INDIVIDUAL`` events
the map shows counts on a grid that follows the zoom; then the events themselves,
merged and corrected like the ordinary dashboard's, with their popups.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from frontline_map.geo.events.corrections import apply_corrections
from frontline_map.geo.events.extract import merge_corpus_events
from frontline_map.geo.store import aggregate
from frontline_map.geo.store.sql import Store
from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import aggregate as counts_layer
from frontline_map.layers.mapview import FOLD_LEGEND_BELOW_PX, MapView, build_map
from frontline_map.layers.registry import LayerInputs, build_groups
from frontline_map.layers.scene import view_box
from frontline_map.layers.timefilter import window
from frontline_map.ui import sidebar

INDIVIDUAL = 5_000  # events in view at or below which they are drawn one by one (at most)
MAP_PX = (1200, 500)  # the map's size on screen, for the box of a view not yet reported by the browser


def screen_box(state: dict[str, Any], view: MapView) -> aggregate.Box:
    """The box on screen as the browser last reported it, else the one the centre and zoom imply."""
    bounds = state.get("bounds") or {}
    sw, ne = bounds.get("_southWest") or {}, bounds.get("_northEast") or {}
    try:
        box = (float(sw["lng"]), float(sw["lat"]), float(ne["lng"]), float(ne["lat"]))
        if all(math.isfinite(v) for v in box) and -180 <= box[0] < box[2] <= 180 and -90 <= box[1] < box[3] <= 90:
            return box
    except (KeyError, TypeError, ValueError):
        pass
    return view_box(view.lat, view.lon, view.zoom, MAP_PX)


def _grown(box: aggregate.Box, by: float = 0.5) -> aggregate.Box:
    """The box with a margin on every side, so a short pan still finds its counts drawn."""
    w, h = box[2] - box[0], box[3] - box[1]
    return (max(-180.0, box[0] - by * w), max(-90.0, box[1] - by * h), min(180.0, box[2] + by * w),
            min(90.0, box[3] + by * h))


@st.cache_resource(show_spinner="Indexing the archive's events (once per change of the store)…", max_entries=2)
def archive_index(_store: Store, key: tuple[object, ...]) -> aggregate.ArchiveIndex:
    """The archive's columns, read once per store revision (``key``) and shared read-only by every viewer."""
    return aggregate.ArchiveIndex.build(_store)


def show_archive(db: Store, key: tuple[object, ...], collections: tuple[str, ...], total: int, view_of: Any,
                 corrections: list[dict[str, Any]], road_lines: Any, statuses: dict[str, str], *,
                 archive_above: int) -> None:
    """Map and table of an archive: counts until zoomed in, then the events; the slider works throughout.

    Single events are drawn once the view holds at most a tenth of the archive threshold
    (``INDIVIDUAL`` at the default threshold of 50,000).
    """
    individual = min(INDIVIDUAL, max(1, archive_above // 10))
    index = archive_index(db, key[:2])  # corrections do not move events: store and revision suffice
    span = index.date_span(collections) or (dt.date.today() - dt.timedelta(days=1), dt.date.today())
    f = sidebar.filters(events_to_gdf([]), *span)
    view = view_of(f)
    state = st.session_state.get("archive_map") or {}
    zoom = int(state.get("zoom") or view.zoom)
    box = screen_box(state, view)
    start, end = window(f["day"], mode=f["mode"], days=f["days"])
    v = aggregate.View(collections, start, end, tuple(f["types"]), tuple(f["actors"]), tuple(f["statuses"]), box)
    in_window = index.count(replace(v, bbox=None))
    in_view = index.count(v)
    period = "everything so far" if f["mode"] == "cumulative" else f"last {f['days']} days"
    if in_view <= individual:
        events = events_to_gdf(apply_corrections(merge_corpus_events(
            aggregate.events_by_id(db, index.ids_in(v, limit=individual))),
                                                 corrections))
        groups = build_groups(LayerInputs(events, road_lines, statuses), f["layers"])
        drawn = f"{len(events):,} event{'' if len(events) == 1 else 's'} drawn"
    else:
        cells = index.grid(replace(v, bbox=_grown(box)), aggregate.cell_degrees(zoom))
        groups = [counts_layer.build(cells), *build_groups(LayerInputs(events_to_gdf([]), road_lines, statuses),
                                                             [n for n in f["layers"] if n != "Events"])]
        drawn = f"counts in {len(cells):,} cells (zoom in to {individual:,} events or fewer for single events)"
    st.caption(f"Archive: {total:,} stored reports · {in_window:,} for {f['day'].isoformat()} ({period}) · "
               f"{in_view:,} in view · {drawn}")
    fmap = build_map([], view, legend=True, legend_fold_below=FOLD_LEGEND_BELOW_PX, layer_control=False)
    st_folium(fmap, key="archive_map", height=500, use_container_width=True, center=(view.lat, view.lon),
              zoom=view.zoom, feature_group_to_add=groups, layer_control=folium.LayerControl(collapsed=True),
              returned_objects=["bounds", "zoom", "center"])
    st.subheader("Places with most reports in view")
    st.dataframe(pd.DataFrame(index.top_places(v, limit=50), columns=["place", "reports"]), hide_index=True,
                 width="stretch")
