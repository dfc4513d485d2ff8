"""What an export shows: the same layers as the dashboard, for one date, extent and title.

A Scene is plain data built from GeoDataFrames; both export engines (headless
Chromium and matplotlib) and the data exports read it, so a PNG, a PDF, a
GeoPackage and the dashboard agree on what was shown.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import geopandas as gpd

SIZE_PRESETS = {"social": (1200, 675), "1600x900": (1600, 900), "a4": (1754, 1240)}  # A4 landscape, 150 dpi


@dataclass
class Scene:
    """Layers (EPSG:4326), the extent, and the words around the map."""

    events: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    route_status: dict[str, str] = field(default_factory=dict)
    control: gpd.GeoDataFrame | None = None
    title: str = "Frontline Map"
    date: dt.date | None = None
    period: str = ""
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat

    @property
    def subtitle(self) -> str:
        when = self.date.isoformat() if self.date else "all dates"
        return f"{when}{' · ' + self.period if self.period else ''}"

    def credits(self, basemap: str) -> str:
        """Sources of the events shown, and whose map data is underneath."""
        sources = sorted({s for srcs in self.events.get("sources", []) for s in (srcs or [])})
        shown = ", ".join(sources[:6]) + (f" and {len(sources) - 6} more" if len(sources) > 6 else "")
        return (f"Sources: {shown or 'none'}. Places: GeoNames (CC BY 4.0). Base map: {basemap}. "
                f"Made with Frontline Map.")

    def extent(self) -> tuple[float, float, float, float]:
        """The bbox asked for, else the shown events and roads with a margin."""
        if self.bbox is not None:
            return self.bbox
        frames = [f for f in (self.events, self.control) if f is not None and len(f)]
        pts = [f.total_bounds for f in frames if not f.geometry.isna().all()]
        if not pts:
            pts = [self.routes.total_bounds]
        minx, miny = min(p[0] for p in pts), min(p[1] for p in pts)
        maxx, maxy = max(p[2] for p in pts), max(p[3] for p in pts)
        pad_x, pad_y = max(0.05, (maxx - minx) * 0.1), max(0.05, (maxy - miny) * 0.1)
        return minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y


def view_box(lat: float, lon: float, zoom: float, size: tuple[int, int]) -> tuple[float, float, float, float]:
    """The lon/lat box a web map of ``size`` CSS pixels shows at ``zoom`` around (lat, lon).

    Web Mercator, 256-pixel tiles: what Leaflet shows, so an export of the same size and
    zoom frames exactly the view on screen.
    """
    world = 256.0 * 2.0 ** zoom
    cx = (lon + 180.0) / 360.0 * world
    cy = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * world

    def lonlat(x: float, y: float) -> tuple[float, float]:
        n = math.pi - 2 * math.pi * y / world
        return x / world * 360.0 - 180.0, math.degrees(math.atan(math.sinh(n)))

    west, north = lonlat(cx - size[0] / 2, cy - size[1] / 2)
    east, south = lonlat(cx + size[0] / 2, cy + size[1] / 2)
    return max(-180.0, west), max(-85.0, south), min(180.0, east), min(85.0, north)


def parse_size(text: str) -> tuple[int, int]:
    """ "1600x900" or a preset name ("social", "a4") -> (width, height) in CSS pixels."""
    if text.lower() in SIZE_PRESETS:
        return SIZE_PRESETS[text.lower()]
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit() or not (200 <= int(w) <= 8000 and 200 <= int(h) <= 8000):
        msg = f"{text!r} is not a size; use WIDTHxHEIGHT (200-8000 px) or one of {', '.join(SIZE_PRESETS)}"
        raise ValueError(msg)
    return int(w), int(h)
