"""PNG, PDF and SVG: the dashboard's own map in headless Chromium, or the static matplotlib engine."""
from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

from frontline_map.geo.errors import ExportError
from frontline_map.geo.io.atomic import atomic_write
from frontline_map.layers.scene import Scene

IMAGE_FORMATS = (".png", ".pdf", ".svg")

from frontline_map.layers.export.html import page_html  # noqa: E402


def find_chromium(preferred: str | None = None) -> str | None:
    """``preferred`` (``Settings.chromium``: $FRONTLINE_CHROMIUM), Debian's chromium, or None."""
    for candidate in (preferred, shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser_image(scene: Scene, path: Path, size: tuple[int, int], *, scale: float = 1.0,
                  chromium: str | None = None) -> Path:
    """PNG or PDF of the folium map in headless Chromium (tiles off: the file must not need the net)."""
    chromium = find_chromium(chromium)
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
             engine: str = "auto", chromium: str | None = None) -> tuple[Path, str]:
    """PNG/PDF/SVG with the chosen engine; 'auto' uses Chromium when present, else matplotlib."""
    from frontline_map.layers import static_map

    suffix = path.suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise ExportError(f"{path}: unknown image format; use one of {', '.join(IMAGE_FORMATS)}")
    if engine not in ("auto", "browser", "static"):
        raise ExportError(f"unknown engine {engine!r}; use auto, browser or static")
    use_browser = engine == "browser" or (engine == "auto" and suffix != ".svg" and find_chromium(chromium) is not None
                                           and importlib.util.find_spec("playwright") is not None)
    if use_browser:
        if suffix == ".svg":
            raise ExportError("the browser engine makes PNG and PDF; use --engine static for SVG")
        return browser_image(scene, path, size, scale=scale, chromium=chromium), "browser"
    atomic_write(path, lambda tmp: static_map.render(scene, tmp, size, scale=scale))
    return path, "static"


