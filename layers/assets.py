"""Offline map assets: Leaflet and its plugins from installed XStatic packages.

folium asks CDNs for its scripts and stylesheets; with no network the map stays
blank.  Every CDN link is overridden here, in one place: the dashboard serves
the files through Streamlit's static file serving (``/app/static/vendor/...``),
and standalone HTML gets them inlined.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def _xstatic_dir(module: str) -> Path:
    import importlib

    return Path(importlib.import_module(f"xstatic.pkg.{module}").BASE_DIR)


# name -> (xstatic package, file inside it); names match folium's own asset names. jQuery is not here: only
# Bootstrap's scripts needed it, and the map loads its scripts one after another, so each one costs first paint.
JS = {
    "leaflet": ("leaflet", "leaflet.js"),
    "markerclusterjs": ("leaflet_markercluster", "leaflet.markercluster.js"),
}
CSS = {
    "leaflet_css": ("leaflet", "leaflet.css"),
    "markerclustercss": ("leaflet_markercluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": ("leaflet_markercluster", "MarkerCluster.Default.css"),
}
STATIC_URL = "/app/static/vendor"


def asset_path(package: str, filename: str) -> Path:
    """Where an XStatic package keeps one of its files."""
    return _xstatic_dir(package) / filename


def install_static(folder: Path) -> Path:
    """Copy the map's assets (and Leaflet's images) into ``folder/vendor``; idempotent."""
    vendor = folder / "vendor"
    (vendor / "images").mkdir(parents=True, exist_ok=True)
    for package, filename in (*JS.values(), *CSS.values()):
        src, dst = asset_path(package, filename), vendor / filename
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
    for img in (_xstatic_dir("leaflet") / "images").iterdir():
        if not (vendor / "images" / img.name).exists():
            shutil.copyfile(img, vendor / "images" / img.name)
    from frontline_map.layers.basemap import FILE, base_data

    text = base_data()  # the offline base layer, fetched by the page when no tiles load
    if not (vendor / FILE).exists() or (vendor / FILE).read_text(encoding="utf-8") != text:
        tmp = vendor / f".{FILE}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(vendor / FILE)
    return vendor


def use_local_assets(element: Any, *, base_url: str = STATIC_URL) -> Any:
    """Point an element's scripts and stylesheets at ``base_url``; drop the ones the map does not use.

    Bootstrap, glyphicons and awesome-markers are only needed for folium's
    ``Icon`` markers, which these layers never use; jQuery only for Bootstrap's scripts.
    """
    js = [(n, f"{base_url}/{JS[n][1]}") for n, _ in getattr(element, "default_js", []) if n in JS]
    css = [(n, f"{base_url}/{CSS[n][1]}") for n, _ in getattr(element, "default_css", []) if n in CSS]
    element.default_js = js
    element.default_css = css
    return element
