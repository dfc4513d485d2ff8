"""Exports of a scene, one module per kind: ``images`` (PNG/PDF/SVG), ``html``, ``data``, ``timelapse``.

Every file is written whole or not at all (:func:`frontline_map.geo.io.atomic.atomic_write`).
"""
from frontline_map.geo.errors import ExportError
from frontline_map.layers.export.data import DATA_FORMATS, scene_tables, to_data
from frontline_map.layers.export.html import page_html, scene_map, to_html
from frontline_map.layers.export.images import BROWSER_ARGS, IMAGE_FORMATS, browser_image, find_chromium, to_image
from frontline_map.layers.export.timelapse import frame_dates, timelapse

__all__ = ["BROWSER_ARGS", "DATA_FORMATS", "IMAGE_FORMATS", "ExportError", "browser_image", "find_chromium",
           "frame_dates", "page_html", "scene_map", "scene_tables", "timelapse", "to_data", "to_html", "to_image"]
