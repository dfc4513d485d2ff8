"""The static export engine: matplotlib draws the scene, no browser needed.

The map is drawn in Web Mercator (EPSG:3857), the projection of the dashboard's
tiles, inside a fixed frame: a title band on top, the map, a credit line at the
bottom.  The map's extent is widened on its short side to fill the frame, so a
place's pixel is a plain linear function of its Mercator coordinates (the tests
rely on that).  No tiles: the offline base (Natural Earth, GeoNames towns) is drawn underneath.
"""
from __future__ import annotations

import io
import json
import math
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from frontline_map.geo.analysis.contact import contact_zone
from frontline_map.layers import labels
from frontline_map.layers.basemap import SOURCES as BASE_CREDIT
from frontline_map.layers.basemap import base_data
from frontline_map.layers.events import TYPE_COLOURS
from frontline_map.layers.labels import MAX_LABELS
from frontline_map.layers.mapview import PLAIN_BACKGROUND
from frontline_map.layers.routes import STATUS_COLOURS
from frontline_map.layers.scene import Scene

# The map frame, as fractions of the figure: left, bottom, width, height.
MAP_FRAME = (0.0, 0.06, 1.0, 0.84)
_R = 6378137.0


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """EPSG:3857 metres of a lon/lat point."""
    return _R * math.radians(lon), _R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def lonlat(x: float, y: float) -> tuple[float, float]:
    """lon, lat of an EPSG:3857 point (the inverse of :func:`mercator`)."""
    return math.degrees(x / _R), math.degrees(2 * math.atan(math.exp(y / _R)) - math.pi / 2)


def frame_extent(bbox: tuple[float, float, float, float], size: tuple[int, int]) -> tuple[float, float, float, float]:
    """Mercator extent (x0, y0, x1, y1) of a lon/lat bbox, widened to the map frame's aspect."""
    x0, y0 = mercator(bbox[0], bbox[1])
    x1, y1 = mercator(bbox[2], bbox[3])
    w_px, h_px = size[0] * MAP_FRAME[2], size[1] * MAP_FRAME[3]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    per_px = max((x1 - x0) / w_px, (y1 - y0) / h_px)
    return cx - per_px * w_px / 2, cy - per_px * h_px / 2, cx + per_px * w_px / 2, cy + per_px * h_px / 2


def _scale_bar(ax: Axes, extent: tuple[float, float, float, float], lat: float) -> None:
    ground_per_unit = math.cos(math.radians(lat))  # Mercator metres -> ground metres
    width_km = (extent[2] - extent[0]) * ground_per_unit / 1000
    nice = max(1, min((1, 2, 5, 10, 20, 50, 100, 200, 500, 1000), key=lambda k: abs(k - width_km / 5)))
    length = nice * 1000 / ground_per_unit
    x = extent[0] + (extent[2] - extent[0]) * 0.03
    y = extent[1] + (extent[3] - extent[1]) * 0.04
    ax.plot([x, x + length], [y, y], color="black", linewidth=3, solid_capstyle="butt", zorder=10)
    ax.text(x + length / 2, y + (extent[3] - extent[1]) * 0.015, f"{nice} km", ha="center", fontsize=9, zorder=10)


def _legend(ax: Axes, scene: Scene) -> None:
    types = sorted(set(scene.events["type"])) if len(scene.events) else []
    handles: list[Artist] = [Line2D([], [], marker="o", linestyle="", color=TYPE_COLOURS.get(t, "#777"),
                                    label=t.replace("_", " ")) for t in types if t != "axis"]
    if "axis" in types:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=12, markerfacecolor="none",
                              color=TYPE_COLOURS["axis"], label="axis (“X direction”)"))
    handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor="none", color="#555", label="claimed"),
                Line2D([], [], marker="o", linestyle="", markeredgecolor="black", markeredgewidth=2,
                       color="#bbb", label="contested")]
    handles += [Line2D([], [], color=c, linewidth=3, label=f"road {s}") for s, c in STATUS_COLOURS.items()]
    if scene.control is None or not len(scene.control):
        handles.append(Patch(facecolor="#7f1d1d", alpha=0.3, edgecolor="#7f1d1d", linestyle="--",
                             label="contact zone (inferred)"))
    ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.9)


_BASE_LOOK = {"oblast": {"color": "#9ca3af", "linewidth": 0.7, "linestyle": (0, (4, 3))},
              "border": {"color": "#6b7280", "linewidth": 1.0, "linestyle": (0, (6, 2, 1.5, 2))},
              "coast": {"color": "#7fa7c9", "linewidth": 0.9}, "river": {"color": "#8fbfe0", "linewidth": 1.0}}


def _box(ax: Axes, x: float, y: float, text: str, size: float, dx: float) -> tuple[float, float, float, float]:
    """The display-pixel box a label of ``size`` points at (x, y) + ``dx`` points will take (estimated);
    a negative ``dx`` is a label ending that far left of the point."""
    px, py = ax.transData.transform((x, y))
    per_pt, width = ax.figure.dpi / 72, 0.62 * size * len(text)
    left = dx if dx >= 0 else dx - width
    return px + left * per_pt, py - size * per_pt * 0.6, px + (left + width) * per_pt, py + size * per_pt * 0.6


def _inside(ax: Axes, box: tuple[float, float, float, float]) -> bool:
    """Whether a label's box lies wholly inside the map frame (a name cut by the edge reads as none)."""
    frame = ax.bbox
    return bool(frame.x0 <= box[0] and box[2] <= frame.x1 and frame.y0 <= box[1] and box[3] <= frame.y1)


@cache
def _base_in_mercator() -> tuple[tuple[str, str, Any], ...]:
    """The base's (kind, name, shapely geometry in EPSG:3857), projected once per process: every frame of a
    time-lapse draws the same base.  Immutable (a tuple of shapely geometries), so sharing it is safe."""
    data = json.loads(base_data())
    lines = gpd.GeoDataFrame.from_features(data["lines"]["features"], crs=4326).to_crs(3857)
    return tuple((str(r.kind), str(r.name or ""), r.geometry) for r in lines.itertuples())


@cache
def _towns() -> tuple[tuple[float, float, str, int], ...]:
    return tuple(tuple(t) for t in json.loads(base_data())["towns"])


def _offline_base(ax: Axes, extent: tuple[float, float, float, float],
                  taken: list[tuple[float, float, float, float]]) -> None:
    """Borders, coast, rivers, oblast and town names under everything, as in the dashboard offline."""
    base = _base_in_mercator()
    for kind, look in _BASE_LOOK.items():
        parts = [np.asarray(part.coords) for k, _, geom in base if k == kind
                 for part in getattr(geom, "geoms", [geom])]
        if parts:
            ax.add_collection(LineCollection(parts, colors=look["color"], linewidths=look["linewidth"],
                                             linestyles=look.get("linestyle", "solid"), zorder=1))
    per_pt = ax.figure.dpi / 72
    for kind, name, geom in base:
        if kind != "region" or not (extent[0] <= geom.x <= extent[2] and extent[1] <= geom.y <= extent[3]):
            continue
        px, py = ax.transData.transform((geom.x, geom.y))
        half_w, half_h = 0.4 * 8 * len(name) * per_pt, 0.7 * 8 * per_pt  # 8-pt italic capitals, spaced
        for dy in (0, -16, 16, -32, 32):  # at its middle, else a line or two below or above: never under a name
            box = (px - half_w, py + dy * per_pt - half_h, px + half_w, py + dy * per_pt + half_h)
            if _inside(ax, box) and not labels.overlaps(box, taken):
                taken.append(box)
                ax.annotate(name.upper(), (geom.x, geom.y), xytext=(0, dy), textcoords="offset points", ha="center",
                            va="center", fontsize=8, style="italic", color="#9ca3af", zorder=2)
                break
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    width_km = (extent[2] - extent[0]) / 1000 * 0.66  # ~ground km across at these latitudes
    least = 200_000 if width_km > 800 else 50_000 if width_km > 300 else 15_000 if width_km > 120 else 5_000
    shown = 0
    for lat, lon, name, pop in _towns():
        x, y = mercator(lon, lat)
        if pop < least or not (extent[0] <= x <= extent[2] and extent[1] <= y <= extent[3]) or shown >= 60:
            continue
        box = _box(ax, x, y, name, 7.5, 4)
        if labels.overlaps(box, taken) or not _inside(ax, box):
            continue  # an event's name, or a bigger town's, is there, or the frame's edge
        taken.append(box)
        shown += 1
        ax.plot([x], [y], marker="o", markersize=3, color="white", markeredgecolor="#6b7280", zorder=2)
        ax.annotate(name, (x, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5,
                    color="#4b5563", zorder=2, path_effects=halo)


def _zone(ax: Axes, events: gpd.GeoDataFrame) -> tuple[float, float, float, float] | None:
    """The contact zone inferred from reporting: a dashed outline and a faint tint (no control map).
    Its bounds in EPSG:3857, for its note, which is placed once the events' names are."""
    zone = contact_zone(events) if len(events) else None
    if zone is None or zone.empty or zone.geometry.iloc[0].is_empty:
        return None
    metric = zone.to_crs(3857)
    metric.plot(ax=ax, facecolor="#7f1d1d", alpha=0.06, edgecolor="none", zorder=3)
    metric.boundary.plot(ax=ax, color="#7f1d1d", linewidth=1.2, linestyle=(0, (5, 3)), zorder=3)
    minx, miny, maxx, maxy = metric.total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)


def _zone_note(ax: Axes, bounds: tuple[float, float, float, float], pts: gpd.GeoDataFrame,
               taken: list[tuple[float, float, float, float]]) -> None:
    """The zone's note where no event's name or marker is (labels.note_spot, as on the page)."""
    per_pt = ax.figure.dpi / 72
    frame = ax.get_window_extent()
    top = frame.y1

    def down(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """Display pixels (y up, matplotlib's) -> the map frame's pixels (y down, the page's)."""
        return box[0] - frame.x0, top - box[3], box[2] - frame.x0, top - box[1]

    def up(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return box[0] + frame.x0, top - box[3], box[2] + frame.x0, top - box[1]

    (x0, y0), (x1, y1) = ax.transData.transform((bounds[0], bounds[1])), ax.transData.transform((bounds[2], bounds[3]))
    marks = [(x - 6 * per_pt, y - 6 * per_pt, x + 6 * per_pt, y + 6 * per_pt) for x, y in
             (ax.transData.transform(mercator(lon, lat)) for lon, lat in zip(pts["lon"], pts["lat"], strict=True))]
    note = (0.5 * 8 * len(labels.ZONE_NOTE) * per_pt, 8 * 1.4 * per_pt)  # 8-pt italic
    spot = up(labels.note_spot(down((x0, y0, x1, y1)), (frame.width, frame.height), note,
                                 [down(b) for b in taken + marks]))
    taken.append(spot)  # the base's town names keep clear of it
    x, y = ax.transData.inverted().transform(((spot[0] + spot[2]) / 2, (spot[1] + spot[3]) / 2))
    ax.annotate(labels.ZONE_NOTE, (x, y), ha="center", va="center", fontsize=8, style="italic", color="#7f1d1d", zorder=6,
                path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])


def draw(scene: Scene, size: tuple[int, int], *, scale: float = 1.0, basemap: str = BASE_CREDIT) -> Figure:
    """The figure for a scene at ``size`` CSS pixels (times ``scale``)."""
    fig = Figure(figsize=(size[0] / 100, size[1] / 100), dpi=100 * scale, facecolor="white")  # no pyplot: thread-safe
    ax = fig.add_axes(MAP_FRAME)
    extent = frame_extent(scene.extent(), size)
    ax.set_xlim(extent[0], extent[2])
    ax.set_ylim(extent[1], extent[3])
    ax.set_facecolor(PLAIN_BACKGROUND)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    zone = None
    if scene.control is not None and len(scene.control):
        scene.control.to_crs(3857).plot(ax=ax, color="#a50f15", alpha=0.25, edgecolor="#67000d", linewidth=0.5)
    else:
        zone = _zone(ax, scene.events)
    for row in scene.routes.to_crs(3857).itertuples():
        colour = STATUS_COLOURS.get(scene.route_status.get(row.ref, "normal"), STATUS_COLOURS["normal"])
        gpd.GeoSeries([row.geometry]).plot(ax=ax, color=colour, linewidth=3,
                                           linestyle="--" if row.approximate else "-")
    pts = scene.events[scene.events.geometry.notna()]
    axes = pts[pts["type"] == "axis"].to_crs(3857)
    if len(axes):  # "Lyman direction": a wide long-dashed ring under the towns' dots, as on the page
        ax.scatter(axes.geometry.x, axes.geometry.y, s=900, zorder=4, facecolors=TYPE_COLOURS["axis"], alpha=0.08)
        ax.scatter(axes.geometry.x, axes.geometry.y, s=900, zorder=4, facecolors="none", linestyles="--",
                   edgecolors=TYPE_COLOURS["axis"], linewidths=1.5)
    for status, face in (("reported", True), ("denied", True), ("claimed", False), ("contested", True)):
        part = pts[(pts["status"] == status) & (pts["type"] != "axis")]
        if not len(part):
            continue
        xy = part.to_crs(3857)
        colours = [TYPE_COLOURS.get(t, "#777") for t in part["type"]]
        ax.scatter(xy.geometry.x, xy.geometry.y, s=70, zorder=5, linewidths=2.5 if status == "contested" else 1.5,
                   facecolors=colours if face else "none", edgecolors="black" if status == "contested" else colours,
                   alpha=0.45 if status == "denied" else 0.9)
    taken = _place_names(ax, pts, extent)
    if zone is not None:
        _zone_note(ax, zone, pts, taken)
    ax.set_xlabel("")
    ax.set_ylabel("")
    bbox = scene.extent()
    _scale_bar(ax, extent, (bbox[1] + bbox[3]) / 2)
    _legend(ax, scene)
    legend = ax.get_legend()
    if legend is not None:  # the base's towns keep clear of the legend too (a name half under it reads as none)
        box = legend.get_window_extent(FigureCanvasAgg(fig).get_renderer())
        taken.append((box.x0, box.y0, box.x1, box.y1))
    _offline_base(ax, extent, taken)  # the base's towns yield to the events' names, the zone's note, the legend
    fig.text(0.01, 0.955, scene.title, fontsize=18, fontweight="bold", va="center")
    fig.text(0.01, 0.915, scene.subtitle, fontsize=11, va="center", color="#333")
    credits = textwrap.fill(scene.credits(basemap), width=max(60, int(size[0] / 6.2)))  # ~6 px a character at 8 pt
    fig.text(0.01, 0.03, credits, fontsize=8, va="center", color="#444", linespacing=1.2)
    return fig


def _place_names(ax: Axes, pts: gpd.GeoDataFrame, extent: tuple[float, float, float, float]
                 ) -> list[tuple[float, float, float, float]]:
    """The names of the busiest places inside the frame, beside their markers, with a white halo; a name
    that would cover one already written is left out (as on the dashboard).  The boxes written, for the base."""
    taken: list[tuple[float, float, float, float]] = []
    if not len(pts):
        return taken
    busiest = pts.groupby("place").agg(lon=("lon", "first"), lat=("lat", "first"), n=("lat", "size"))
    for place, row in busiest.sort_values("n", ascending=False).iterrows():
        x, y = mercator(row["lon"], row["lat"])
        if len(taken) >= MAX_LABELS or not (extent[0] <= x <= extent[2] and extent[1] <= y <= extent[3]):
            continue
        for dx in (7, -7):  # right of the marker, else left of it (as on the dashboard)
            box = _box(ax, x, y, str(place), 9, dx)
            if _inside(ax, box) and not labels.overlaps(box, taken):
                taken.append(box)
                ax.annotate(str(place), (x, y), xytext=(dx, 0), textcoords="offset points", va="center",
                            ha="left" if dx > 0 else "right", fontsize=9, fontweight="bold", color="#1f2937",
                            zorder=6, path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])
                break
    return taken


def render(scene: Scene, path: Path, size: tuple[int, int], *, scale: float = 1.0) -> Path:
    """PNG, SVG or PDF by the file's suffix (the caller writes atomically: layers.export)."""
    draw(scene, size, scale=scale).savefig(path, format=path.suffix.lower().lstrip("."), dpi=100 * scale)
    return path


def png_bytes(scene: Scene, size: tuple[int, int], *, scale: float = 1.0) -> bytes:
    """The PNG as bytes (time-lapse frames, dashboard downloads)."""
    buf = io.BytesIO()
    draw(scene, size, scale=scale).savefig(buf, format="png", dpi=100 * scale)
    return buf.getvalue()
