"""A standalone page of the map that opens offline (Leaflet inlined), shared by the browser engine."""
from __future__ import annotations

import base64
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from frontline_map.geo.analysis.contact import contact_zone
from frontline_map.geo.io.atomic import atomic_write_text
from frontline_map.layers import frontline, labels
from frontline_map.layers.assets import CSS, JS, asset_path
from frontline_map.layers.basemap import SOURCES as BASE_CREDIT
from frontline_map.layers.mapview import MapView, build_map
from frontline_map.layers.registry import LayerInputs, build_groups
from frontline_map.layers.scene import Scene

_PLACEHOLDER = "__FRONTLINE_ASSETS__"


def _pixels(scene: Scene, size: tuple[int, int]) -> Callable[[float, float], tuple[float, float]]:
    """lon, lat -> the pixel of the page's map frame (the frame shows exactly the static engine's extent)."""
    from frontline_map.layers.static_map import MAP_FRAME, frame_extent, mercator

    w, h = size[0] * MAP_FRAME[2], size[1] * MAP_FRAME[3]
    x0, y0, x1, y1 = frame_extent(scene.extent(), size)

    def pixel(lon: float, lat: float) -> tuple[float, float]:
        x, y = mercator(lon, lat)
        return (x - x0) / (x1 - x0) * w, (y1 - y) / (y1 - y0) * h

    return pixel


def _zone_note(scene: Scene, zone: Any, size: tuple[int, int]) -> tuple[float, float]:
    """lat, lon of the zone note's top centre, clear of the events' names and markers on this page."""
    from frontline_map.layers.static_map import MAP_FRAME, frame_extent, lonlat

    pixel = _pixels(scene, size)
    w, h = size[0] * MAP_FRAME[2], size[1] * MAP_FRAME[3]
    x0, y0, x1, y1 = frame_extent(scene.extent(), size)
    pts = scene.events[scene.events["lat"].notna() & scene.events["lon"].notna()]
    taken = [box for *_, box in labels.placed(pts, pixel=pixel, frame=(w, h))]
    taken += [(x - 7, y - 7, x + 7, y + 7) for x, y in (pixel(lon, lat) for lon, lat in
                                                                  zip(pts["lon"], pts["lat"], strict=True))]
    minx, miny, maxx, maxy = zone.total_bounds
    (left, bottom), (right, top) = pixel(minx, miny), pixel(maxx, maxy)
    box = labels.note_spot((left, top, right, bottom), (w, h), frontline.NOTE_SIZE, taken)
    mx = x0 + (box[0] + box[2]) / 2 / w * (x1 - x0)  # back to mercator metres, then to lon/lat
    my = y1 - box[1] / h * (y1 - y0)
    lon, lat = lonlat(mx, my)
    return lat, lon


def scene_map(scene: Scene, *, assets_url: str, size: tuple[int, int] | None = None) -> Any:
    """The folium map of a scene, as the dashboard draws it (names placed clear of each other when the
    page's ``size`` is known)."""
    from frontline_map.layers.static_map import MAP_FRAME

    frame = (size[0] * MAP_FRAME[2], size[1] * MAP_FRAME[3]) if size else None
    inputs = LayerInputs(scene.events, scene.routes, scene.route_status, cluster_above=10**9,
                         pixel=_pixels(scene, size) if size else None, frame=frame)
    groups = build_groups(inputs, ["Events", "Supply routes"], export=True)
    if scene.control is not None and len(scene.control):  # the control layer as of the scene's date, beneath
        groups.insert(0, frontline.build(scene.control, scene.date))
    elif len(scene.events):  # none loaded: the zone the reporting implies, outlined and labelled as such
        zone = contact_zone(scene.events)
        note = _zone_note(scene, zone, size) if size and zone is not None and not zone.empty else None
        groups.insert(0, frontline.build_contact_zone(zone, note_at=note))
    bbox = scene.extent()
    view = MapView((bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2, 9, "Plain")
    fmap = build_map(groups, view, assets_url=assets_url, inline_base=True)  # the file opens anywhere, offline
    fmap.options["zoomSnap"] = 0
    fmap.fit_bounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], padding=(0, 0))
    return fmap


def _inline_assets(html: str) -> str:
    """Put Leaflet & co. into the page itself, so the file opens anywhere, offline."""
    for package, filename in JS.values():
        code = asset_path(package, filename).read_text(encoding="utf-8")
        html = html.replace(f'<script src="{_PLACEHOLDER}/{filename}"></script>', f"<script>{code}</script>")
    for package, filename in CSS.values():
        css = asset_path(package, filename).read_text(encoding="utf-8")
        css = re.sub(r"url\((images/[\w.-]+\.png)\)", partial(_image_url, package), css)
        html = re.sub(rf'<link rel="stylesheet" href="{_PLACEHOLDER}/{re.escape(filename)}"\s*/>',
                      partial(_style_tag, css), html)
    return html


def _image_url(package: str, m: re.Match[str]) -> str:
    return f"url({_data_uri(package, m.group(1))})"


def _style_tag(css: str, _m: re.Match[str]) -> str:
    return f"<style>{css}</style>"


def _data_uri(package: str, rel: str) -> str:
    data = asset_path(package, rel).read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode()


def page_html(scene: Scene, size: tuple[int, int] | None = None, *, basemap: str = BASE_CREDIT) -> str:
    """A standalone page: title, date, the map (fixed size when ``size`` is given), credits."""
    import html as html_lib

    fmap = scene_map(scene, assets_url=_PLACEHOLDER, size=size)
    if size is not None:
        w, h = size
        fmap.get_root().header.add_child(__import__("folium").Element(
            f"<style>html,body{{margin:0;width:{w}px;height:{h}px;font-family:sans-serif}}"
            f".frontline-head{{height:{int(h * 0.10)}px;padding:0 12px;box-sizing:border-box;display:flex;"
            f"flex-direction:column;justify-content:center;gap:2px}}"  # centred in its band: no gap over the map
            f".folium-map{{position:relative!important;width:{w}px!important;height:{int(h * 0.84)}px!important}}"
            f".frontline-foot{{height:{h - int(h * 0.10) - int(h * 0.84)}px;font-size:11px;color:#444;"
            f"padding:4px 12px;box-sizing:border-box}}"
            f".leaflet-control-zoom,.leaflet-control-layers{{display:none}}</style>"))
    rendered = fmap.get_root().render()
    head = (f"<div class='frontline-head'><div style='font-size:24px;font-weight:bold;line-height:1.15'>"
            f"{html_lib.escape(scene.title)}</div><div style='font-size:14px;color:#333'>"
            f"{html_lib.escape(scene.subtitle)}</div></div>")
    foot = f"<div class='frontline-foot'>{html_lib.escape(scene.credits(basemap))}</div>"
    rendered = rendered.replace("<body>", "<body>" + head, 1).replace("</body>", foot + "</body>", 1)
    return _inline_assets(rendered)


def to_html(scene: Scene, path: Path) -> Path:
    """A standalone HTML map that opens offline."""
    text = page_html(scene)
    return atomic_write_text(path, text)


