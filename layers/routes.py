"""The supply-routes layer: numbered roads as lines, coloured by their status on a date.

A road is *threatened* when a route_threat event about it falls in the time
window, and *cut* when such an event says the road was cut, severed, blocked
or its bridge destroyed.  Approximate lines (built from the settlements a road
passes) are drawn dashed and say so in their tooltip.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd

STATUS_COLOURS = {"normal": "#2b8cbe", "threatened": "#fd8d3c", "cut": "#bd0026"}
_CUT = re.compile(r"\b(?:cut|severed|blocked|destroyed|blown up|blew up|closed|impassable)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RoutesStyle:
    """Line widths and dash pattern for approximate geometry."""

    weight: float = 5.0
    approximate_dash: str = "8 6"
    opacity: float = 0.85


def route_status(events: pd.DataFrame) -> dict[str, str]:
    """ref -> threatened | cut from the route_threat events already filtered to a time window."""
    status: dict[str, str] = {}
    if events.empty:
        return status
    for row in events[events["type"] == "route_threat"].itertuples():
        new = "cut" if _CUT.search(row.sentence or "") and row.status != "denied" else "threatened"
        if status.get(row.place) != "cut":
            status[row.place] = new
    return status


SEGMENT_COLOURS = {"clear": STATUS_COLOURS["normal"], "threatened": STATUS_COLOURS["threatened"],
                   "cut": STATUS_COLOURS["cut"]}


def build_segments(parts: gpd.GeoDataFrame, approximate: set[str], *, style: RoutesStyle | None = None,
                   name: str = "Supply routes") -> folium.FeatureGroup:
    """Route pieces coloured cut / threatened / clear (from geo.threat.segments)."""
    style = style or RoutesStyle()
    group = folium.FeatureGroup(name=name)
    for row in parts.itertuples():
        label = (f"<b>{html.escape(row.route)}</b>: {row.status}, {row.km:.1f} km"
                 + ("<br><i>approximate line</i>" if row.route in approximate else ""))
        for part in getattr(row.geometry, "geoms", [row.geometry]):
            if part.geom_type != "LineString":
                continue
            folium.PolyLine([(lat, lon) for lon, lat in part.coords], color=SEGMENT_COLOURS[row.status],
                            weight=style.weight, opacity=style.opacity,
                            dash_array=style.approximate_dash if row.route in approximate else None,
                            tooltip=label).add_to(group)
    return group


def build(routes: gpd.GeoDataFrame, statuses: dict[str, str], *, style: RoutesStyle | None = None,
          name: str = "Supply routes") -> folium.FeatureGroup:
    """Polylines (Leaflet wants lat, lon) with ref, name, status and an 'approximate' label."""
    style = style or RoutesStyle()
    group = folium.FeatureGroup(name=name)
    for row in routes.itertuples():
        status = statuses.get(row.ref, "normal")
        label = (f"<b>{html.escape(row.ref)}</b> {html.escape(row.name)}<br>status: {status}"
                 + ("<br><i>approximate line through the settlements it passes</i>" if row.approximate else ""))
        for part in getattr(row.geometry, "geoms", [row.geometry]):
            folium.PolyLine([(lat, lon) for lon, lat in part.coords], color=STATUS_COLOURS[status],
                            weight=style.weight, opacity=style.opacity,
                            dash_array=style.approximate_dash if row.approximate else None,
                            tooltip=label).add_to(group)
    return group
