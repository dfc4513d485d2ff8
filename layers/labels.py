"""Place names on the map: a reader must tell which dot is Bakhmut without hovering."""
from __future__ import annotations

import html
from collections.abc import Callable

import folium
import geopandas as gpd

MAX_LABELS = 30  # the places with most events; more labels than this cover the map they name


def build(events: gpd.GeoDataFrame, *, limit: int = MAX_LABELS, name: str = "Place names",
          pixel: Callable[[float, float], tuple[float, float]] | None = None) -> folium.FeatureGroup:
    """A name beside each of the ``limit`` places with most events (names from articles, escaped).

    With ``pixel`` (lon, lat -> screen pixel of the page being made) a name that would cover one
    already placed is left out, the way the dashboard places them.
    """
    group = folium.FeatureGroup(name=name, control=False)
    located = events[events["lat"].notna() & events["lon"].notna()] if not events.empty else events
    if located.empty:
        return group
    places = (located.groupby("place").agg(lat=("lat", "first"), lon=("lon", "first"), n=("lat", "size"))
              .sort_values("n", ascending=False))
    taken: list[tuple[float, float, float, float]] = []
    for place, row in places.iterrows():
        if len(taken) >= limit:
            break
        if pixel is not None:
            x, y = pixel(row["lon"], row["lat"])
            box = (x + 9, y - 8, x + 11 + 7 * len(str(place)), y + 8)
            if any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken):
                continue
            taken.append(box)
        else:
            taken.append((0.0, 0.0, 0.0, 0.0))
        folium.Marker([row["lat"], row["lon"]], interactive=False, icon=folium.DivIcon(
            html=f'<div class="fm-label" style="font:600 12px sans-serif;color:#1f2937;white-space:nowrap;'
                 f'text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff">{html.escape(str(place))}</div>',
            icon_size=(160, 16), icon_anchor=(-9, 8))).add_to(group)
    return group
