"""Place names on the map: a reader must tell which dot is Bakhmut without hovering."""
from __future__ import annotations

import html
from collections.abc import Callable

import folium
import geopandas as gpd

MAX_LABELS = 30  # the places with most events; more labels than this cover the map they name


Box = tuple[float, float, float, float]  # left, top, right, bottom in screen pixels (y down)
ZONE_NOTE = "contact zone, inferred from reporting"


# The export page's legend (layers/mapview.Legend, open) and the scale bar under it, in the lower-left corner
# of the map frame: about 300 x 186 px drawn, 10 px from the edge, above a 35 px scale bar. Names keep clear of it.
LEGEND_CORNER = (315.0, 245.0)  # width, height from the frame's lower-left corner


def legend_box(frame: tuple[float, float]) -> Box:
    return 0.0, frame[1] - LEGEND_CORNER[1], LEGEND_CORNER[0], frame[1]


def overlaps(box: Box, boxes: list[Box]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in boxes)


def placed(events: gpd.GeoDataFrame, *, limit: int = MAX_LABELS,
           pixel: Callable[[float, float], tuple[float, float]] | None = None,
           frame: tuple[float, float] | None = None) -> list[tuple[str, float, float, Box]]:
    """The names to write, busiest place first, as (place, lat, lon, box); with ``pixel`` (lon, lat ->
    screen pixel) a name goes right of its marker, else left of it, else above or below it (a crowded front
    names more of its villages), where it covers no name or marker
    already placed, and inside ``frame`` (width, height) when given, clear of the legend in its lower-left
    corner — the way the dashboard does."""
    located = events[events["lat"].notna() & events["lon"].notna()] if not events.empty else events
    if located.empty:
        return []
    places = (located.groupby("place").agg(lat=("lat", "first"), lon=("lon", "first"), n=("lat", "size"))
              .sort_values("n", ascending=False))
    approximate = set(located.loc[located["alternatives"].astype(str).str.startswith('[{"approximate"'), "place"]) \
        if "alternatives" in located else set()  # placed by the article's own locator: "≈ Predtechyne"
    out: list[tuple[str, float, float, Box]] = []
    taken: list[Box] = [legend_box(frame)] if frame is not None else []  # an export page: its legend's corner
    for name, row in places.iterrows():
        if len(out) >= limit:
            break
        place = f"≈ {name}" if name in approximate else str(name)
        box: Box = (0.0, 0.0, 0.0, 0.0)
        if pixel is not None:
            x, y = pixel(row["lon"], row["lat"])
            width, half = 7 * len(str(place)), 7 * len(str(place)) / 2 + 2
            sides = ((x + 9, y - 8, x + 11 + width, y + 8), (x - 11 - width, y - 8, x - 9, y + 8),  # right, left,
                     (x - half, y - 25, x + half, y - 9), (x - half, y + 9, x + half, y + 25))  # above, below
            free = [b for b in sides if not overlaps(b, taken) and (frame is None or (
                b[0] >= 0 and b[1] >= 0 and b[2] <= frame[0] and b[3] <= frame[1]))]
            if not free:
                continue
            box = free[0]
            taken += [box, (x - 7, y - 7, x + 7, y + 7)]  # its name and its own marker stay clear
        out.append((str(place), float(row["lat"]), float(row["lon"]), box))
    return out


def note_spot(zone: Box, size: tuple[float, float], note: tuple[float, float], taken: list[Box]) -> Box:
    """Where a zone's note goes: below the zone, lower still (under the names just below it), beside
    it, or above it, the first place inside the frame that covers no name or marker in ``taken``
    (below it when none is free: the zone must say it is inferred).  ``note`` is its width, height."""
    (left, top, right, bottom), (w, h), gap = zone, note, 4.0
    cx, mid = (left + right - w) / 2, (top + bottom - h) / 2
    spots = [(cx, bottom + gap), (cx, bottom + gap + 16), (cx, bottom + gap + 32), (right + gap, mid),
             (left - gap - w, mid), (cx, top - gap - h), (left, bottom + gap), (right - w, bottom + gap)]
    boxes = [(x, y, x + w, y + h) for x, y in spots]
    free = [b for b in boxes if b[0] >= 0 and b[1] >= 0 and b[2] <= size[0] and b[3] <= size[1]
            and not overlaps(b, taken)]
    return (free or boxes)[0]


def build(events: gpd.GeoDataFrame, *, limit: int = MAX_LABELS, name: str = "Place names",
          pixel: Callable[[float, float], tuple[float, float]] | None = None,
          frame: tuple[float, float] | None = None) -> folium.FeatureGroup:
    """A name beside each of the ``limit`` places with most events (names from articles, escaped)."""
    group = folium.FeatureGroup(name=name, control=False)
    for place, lat, lon, box in placed(events, limit=limit, pixel=pixel, frame=frame):
        x, y = pixel(lon, lat) if pixel is not None else (box[0], 0.0)
        side = "left" if box[2] < x else "right" if box[0] > x or pixel is None else "above" if box[3] < y else "below"
        align = {"left": "right", "right": "left"}.get(side, "center")
        anchor = {"left": (169, 8), "right": (-9, 8), "above": (80, 25), "below": (80, -9)}[side]
        folium.Marker([lat, lon], interactive=False, icon=folium.DivIcon(
            html=f'<div class="fm-label" style="font:600 12px sans-serif;color:#1f2937;white-space:nowrap;'
                 f'text-align:{align};'
                 f'text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff">{html.escape(place)}</div>',
            icon_size=(160, 16), icon_anchor=anchor)).add_to(group)
    return group
