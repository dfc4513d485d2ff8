"""Exports: standalone HTML, data (GeoJSON, GeoPackage, KML, CSV), PNG/PDF, time-lapse.

Everything that leaves the dashboard as a file is made here, so each method
changes in one place.  Files are written under a temporary name and renamed:
no half-written file is ever left behind.  The PNG comes from one of two
engines: headless Chromium screenshots the same folium map the dashboard
shows ("browser"), or matplotlib draws the same layers ("static", no browser
needed, used automatically when no Chromium is found).
"""
from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from frontline_map.geo.errors import ExportError
from frontline_map.geo.io.atomic import atomic_write, atomic_write_text
from frontline_map.layers import events as events_layer
from frontline_map.layers import frontline, routes
from frontline_map.layers.assets import CSS, JS, asset_path
from frontline_map.layers.mapview import MapView, build_map
from frontline_map.layers.scene import Scene

DATA_FORMATS = {".geojson": "GeoJSON", ".gpkg": "GPKG", ".kml": "KML", ".csv": "CSV"}
IMAGE_FORMATS = (".png", ".pdf", ".svg")
_PLACEHOLDER = "__FRONTLINE_ASSETS__"


# --- data --------------------------------------------------------------------------------------------

def _flat(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gdf.copy()
    for col in out.columns:
        if col != out.geometry.name and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
    return out


def scene_tables(scene: Scene) -> dict[str, gpd.GeoDataFrame]:
    """The scene's layers as tables: events, routes (with their status), control areas."""
    road = scene.routes.assign(status=[scene.route_status.get(r, "normal") for r in scene.routes["ref"]])
    tables = {"events": _flat(scene.events), "routes": _flat(road)}
    if scene.control is not None and len(scene.control):
        tables["control"] = gpd.GeoDataFrame(geometry=scene.control.geometry.values, crs=scene.control.crs)
    return tables


def to_data(scene: Scene, path: Path) -> Path:
    """GeoJSON / KML / CSV (one table, a 'layer' column) or GeoPackage (one layer per table)."""
    suffix = path.suffix.lower()
    if suffix not in DATA_FORMATS:
        raise ExportError(f"{path}: unknown data format; use one of {', '.join(DATA_FORMATS)}")
    tables = scene_tables(scene)

    def write(tmp: Path) -> None:
        if suffix == ".gpkg":
            for name, table in tables.items():
                table.to_file(tmp, driver="GPKG", layer=name, engine="pyogrio")
            return
        merged = pd.concat([t.assign(layer=name) for name, t in tables.items()], ignore_index=True)
        merged = gpd.GeoDataFrame(merged, geometry="geometry", crs="EPSG:4326")
        merged = merged[merged.geometry.notna()] if suffix == ".kml" else merged
        if suffix == ".csv":
            merged.assign(wkt=merged.geometry.to_wkt()).drop(columns="geometry").to_csv(tmp, index=False)
        else:
            merged.to_file(tmp, driver=DATA_FORMATS[suffix], engine="pyogrio")

    return atomic_write(path, write)


# --- HTML --------------------------------------------------------------------------------------------

def scene_map(scene: Scene, *, assets_url: str) -> Any:
    """The folium map of a scene, as the dashboard draws it."""
    groups = [events_layer.build(scene.events, cluster_above=10**9),
              routes.build(scene.routes, scene.route_status)]
    if scene.control is not None and len(scene.control):
        groups.insert(0, frontline.build(scene.control, scene.date))
    bbox = scene.extent()
    view = MapView((bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2, 9, "Plain")
    fmap = build_map(groups, view, assets_url=assets_url)
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


def page_html(scene: Scene, size: tuple[int, int] | None = None, *, basemap: str = "none (offline)") -> str:
    """A standalone page: title, date, the map (fixed size when ``size`` is given), credits."""
    import html as html_lib

    fmap = scene_map(scene, assets_url=_PLACEHOLDER)
    if size is not None:
        w, h = size
        fmap.get_root().header.add_child(__import__("folium").Element(
            f"<style>html,body{{margin:0;width:{w}px;height:{h}px;font-family:sans-serif}}"
            f".frontline-head{{height:{int(h * 0.10)}px;padding:0 12px;box-sizing:border-box}}"
            f".folium-map{{position:relative!important;width:{w}px!important;height:{int(h * 0.84)}px!important}}"
            f".frontline-foot{{height:{h - int(h * 0.10) - int(h * 0.84)}px;font-size:11px;color:#444;"
            f"padding:4px 12px;box-sizing:border-box}}"
            f".leaflet-control-zoom,.leaflet-control-layers{{display:none}}</style>"))
    rendered = fmap.get_root().render()
    head = (f"<div class='frontline-head'><div style='font-size:24px;font-weight:bold;padding-top:6px'>"
            f"{html_lib.escape(scene.title)}</div><div style='font-size:14px;color:#333'>"
            f"{html_lib.escape(scene.subtitle)}</div></div>")
    foot = f"<div class='frontline-foot'>{html_lib.escape(scene.credits(basemap))}</div>"
    rendered = rendered.replace("<body>", "<body>" + head, 1).replace("</body>", foot + "</body>", 1)
    return _inline_assets(rendered)


def to_html(scene: Scene, path: Path) -> Path:
    """A standalone HTML map that opens offline."""
    text = page_html(scene)
    return atomic_write_text(path, text)


# --- images ------------------------------------------------------------------------------------------

def find_chromium() -> str | None:
    """$FRONTLINE_CHROMIUM, Debian's chromium, or None."""
    for candidate in (os.environ.get("FRONTLINE_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser_image(scene: Scene, path: Path, size: tuple[int, int], *, scale: float = 1.0) -> Path:
    """PNG or PDF of the folium map in headless Chromium (tiles off: the file must not need the net)."""
    chromium = find_chromium()
    if chromium is None:
        raise ExportError("no Chromium found; install it (apt-get install chromium) or use --engine static")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ExportError("playwright is not installed (pip install playwright) ; or use --engine static") from None
    html = page_html(scene, size)
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "map.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
            try:
                page = browser.new_page(viewport={"width": size[0], "height": size[1]}, device_scale_factor=scale)
                page.goto(page_file.as_uri())
                page.wait_for_function("() => document.querySelectorAll('.leaflet-interactive').length > 0 "
                                       "|| document.querySelector('.leaflet-container')", timeout=20_000)
                page.wait_for_timeout(300)
                if path.suffix.lower() == ".pdf":
                    atomic_write(path, lambda t: page.pdf(path=str(t), width=f"{size[0]}px", height=f"{size[1]}px",
                                                          print_background=True, page_ranges="1"))
                else:
                    atomic_write(path, lambda t: page.screenshot(path=str(t), type="png"))
            finally:
                browser.close()
    return path


def to_image(scene: Scene, path: Path, size: tuple[int, int], *, scale: float = 1.0,
             engine: str = "auto") -> tuple[Path, str]:
    """PNG/PDF/SVG with the chosen engine; 'auto' uses Chromium when present, else matplotlib."""
    from frontline_map.layers import static_map

    suffix = path.suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise ExportError(f"{path}: unknown image format; use one of {', '.join(IMAGE_FORMATS)}")
    if engine not in ("auto", "browser", "static"):
        raise ExportError(f"unknown engine {engine!r}; use auto, browser or static")
    use_browser = engine == "browser" or (engine == "auto" and suffix != ".svg" and find_chromium() is not None)
    if use_browser:
        if suffix == ".svg":
            raise ExportError("the browser engine makes PNG and PDF; use --engine static for SVG")
        return browser_image(scene, path, size, scale=scale), "browser"
    atomic_write(path, lambda tmp: static_map.render(scene, tmp, size, scale=scale))
    return path, "static"


# --- time-lapse --------------------------------------------------------------------------------------

def timelapse(scenes: list[Scene], path: Path, size: tuple[int, int], *, seconds_per_frame: float = 0.6) -> Path:
    """An animated GIF or MP4, one static-engine frame per scene (each stamped with its date)."""
    from PIL import Image

    from frontline_map.layers import static_map

    if not scenes:
        raise ExportError("no dates to animate; check --from, --to and --step-days")
    suffix = path.suffix.lower()
    if suffix not in (".gif", ".mp4"):
        raise ExportError(f"{path}: a time-lapse is .gif or .mp4")
    frames = [Image.open(io.BytesIO(static_map.png_bytes(s, size))).convert("RGB") for s in scenes]

    def write(tmp: Path) -> None:
        if suffix == ".gif":
            frames[0].save(tmp, format="GIF", save_all=True, append_images=frames[1:], loop=0,
                           duration=int(seconds_per_frame * 1000))
            return
        import imageio.v2 as imageio
        import numpy as np

        writer: Any
        with imageio.get_writer(tmp, format="FFMPEG", fps=1 / seconds_per_frame, codec="libx264",
                                macro_block_size=8, ffmpeg_log_level="error") as writer:
            for frame in frames:
                w, h = frame.size
                writer.append_data(np.asarray(frame.crop((0, 0, w - w % 8, h - h % 8))))

    return atomic_write(path, write)


def frame_dates(start: dt.date, end: dt.date, step_days: int) -> list[dt.date]:
    """start, start + N days, ... up to end (end always included)."""
    if end < start or step_days < 1:
        raise ExportError("--from must not be after --to, and --step-days must be at least 1")
    days = [start + dt.timedelta(days=k) for k in range(0, (end - start).days + 1, step_days)]
    return days if days[-1] == end else [*days, end]
