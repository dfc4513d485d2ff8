"""Counts on a grid: how an archive of a million events is drawn before the map is zoomed in."""
from __future__ import annotations

import html
import math
from collections.abc import Sequence

import folium

from frontline_map.geo.store.aggregate import Cell

COLOUR = "#34495e"  # slate: not one of the event-type colours, so a count never reads as a kind of event
NAME = "Event counts"


def radius(count: int, biggest: int) -> float:
    """Circle radius in pixels: the area grows with the count, from 4 px to 28 px."""
    return 4.0 + 24.0 * math.sqrt(count / max(1, biggest))


def short(count: int) -> str:
    """A count as a map label: 812, 4.2k, 147k, 1.3M."""
    if count < 1000:
        return str(count)
    if count < 10_000:
        return f"{count / 1000:.1f}k"
    if count < 1_000_000:
        return f"{count // 1000}k"
    return f"{count / 1_000_000:.1f}M"


def build(cells: Sequence[Cell], *, note: str = "", labelled: int = 40) -> folium.FeatureGroup:
    """One circle per cell, sized by its count, with its count and most named place on hover;
    the ``labelled`` biggest cells carry their count on the map, so the picture reads without a mouse."""
    group = folium.FeatureGroup(name=NAME)
    biggest = max((c.count for c in cells), default=1)
    for k, c in enumerate(sorted(cells, key=lambda c: -c.count)):
        label = f"{c.count:,} reports · mostly {html.escape(c.place)}" + (f" · {html.escape(note)}" if note else "")
        size = radius(c.count, biggest)
        folium.CircleMarker([c.lat, c.lon], radius=size, color="white", weight=1, pane="markerPane",
                            fill=True, fill_color=COLOUR, fill_opacity=0.75, tooltip=label).add_to(group)
        if k < labelled and size >= 9:
            text = short(c.count)
            folium.Marker([c.lat, c.lon], tooltip=label, icon=folium.DivIcon(
                html=f'<div style="font:600 11px/16px sans-serif;color:white;text-align:center;'
                     f'text-shadow:0 0 2px #000">{text}</div>',
                icon_size=(44, 16), icon_anchor=(22, 8), class_name="fm-count")).add_to(group)
    return group
