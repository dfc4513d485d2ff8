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


def build(cells: Sequence[Cell], *, note: str = "") -> folium.FeatureGroup:
    """One circle per cell, sized by its count, labelled with the count and its most named place."""
    group = folium.FeatureGroup(name=NAME)
    biggest = max((c.count for c in cells), default=1)
    for c in cells:
        label = f"{c.count:,} reports · mostly {html.escape(c.place)}" + (f" · {html.escape(note)}" if note else "")
        folium.CircleMarker([c.lat, c.lon], radius=radius(c.count, biggest), color="white", weight=1,
                            fill=True, fill_color=COLOUR, fill_opacity=0.75, tooltip=label).add_to(group)
    return group
