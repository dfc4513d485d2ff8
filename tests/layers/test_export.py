"""Exports checked by reading the files back: pixels, pages, features, frames."""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
from helpers import ROOT
from PIL import Image
from shapely.geometry import LineString, Point

from frontline_map.geo.errors import InputError
from frontline_map.layers import export, static_map
from frontline_map.layers.scene import Scene, parse_size

BAKHMUT = (37.99886, 48.59419)
BBOX = (37.0, 48.0, 39.0, 49.2)
CAPTURE = (0x8C, 0x1A, 0xFF)  # the capture colour of the events layer


def scene(**kw) -> Scene:
    events = gpd.GeoDataFrame(
        [{"doc": "t", "place": "Bakhmut", "kind": "settlement", "lat": BAKHMUT[1], "lon": BAKHMUT[0],
          "type": "capture", "date": "2023-05-20", "date_precision": "day", "actor": "russia",
          "source": "Russian Ministry of Defence", "status": "reported", "sentence": "Russia declared <b>Bakhmut</b> taken.",
          "start": 0, "end": 7, "unit": "Wagner", "denied_by": "", "date_from": "text",
          "sources": ["Russian Ministry of Defence"], "docs": ["t"]}],
        geometry=[Point(*BAKHMUT)], crs=4326)
    routes = gpd.GeoDataFrame([{"ref": "H32", "name": "test road", "approximate": True, "settlements": "",
                                "geometry": LineString([(37.2, 48.2), (37.6, 48.3)])}], geometry="geometry", crs=4326)
    return Scene(events, routes, {"H32": "threatened"}, None, "Test map", dt.date(2023, 5, 21), "", BBOX, **kw)


def merc(lon, lat):
    return 6378137 * math.radians(lon), 6378137 * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def colour_centroid(png: Path, rgb, near: tuple[float, float], tol=30, box=50) -> tuple[float, float]:
    """Centre of the pixels of one colour within ``box`` px of ``near`` (the legend has that colour too)."""
    img = np.asarray(Image.open(png).convert("RGB")).astype(int)
    mask = (np.abs(img - np.array(rgb)).sum(axis=2) < tol)
    ys, xs = np.nonzero(mask)
    keep = (np.abs(xs - near[0]) < box) & (np.abs(ys - near[1]) < box)
    assert keep.sum() > 10, "no marker near the expected pixel"
    return xs[keep].mean(), ys[keep].mean()


def test_static_png_puts_bakhmut_on_its_pixel(tmp_path):
    path, engine = export.to_image(scene(), tmp_path / "m.png", (1600, 900), engine="static")
    img = Image.open(path)
    assert engine == "static" and img.size == (1600, 900)
    assert len(set(np.asarray(img.convert("L")).ravel().tolist())) > 20  # not blank
    # expected pixel, computed here from Web Mercator and the documented map frame
    left, bottom, width, height = static_map.MAP_FRAME
    w, h = 1600 * width, 900 * height
    x0, y0 = merc(BBOX[0], BBOX[1])
    x1, y1 = merc(BBOX[2], BBOX[3])
    per_px = max((x1 - x0) / w, (y1 - y0) / h)
    bx, by = merc(*BAKHMUT)
    px = 1600 * left + w / 2 + (bx - (x0 + x1) / 2) / per_px
    py = 900 - (900 * bottom + h / 2 + (by - (y0 + y1) / 2) / per_px)
    cx, cy = colour_centroid(path, CAPTURE, (px, py))
    assert abs(cx - px) < 3 and abs(cy - py) < 3


def test_scale_doubles_pixels_and_svg_pdf_are_valid(tmp_path):
    path, _ = export.to_image(scene(), tmp_path / "m2.png", (1200, 675), scale=2, engine="static")
    assert Image.open(path).size == (2400, 1350)
    svg, _ = export.to_image(scene(), tmp_path / "m.svg", (1200, 675), engine="static")
    assert ET.parse(svg).getroot().tag.endswith("svg")
    pdf, _ = export.to_image(scene(), tmp_path / "m.pdf", (1200, 675), engine="static")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 1


@pytest.mark.slow
@pytest.mark.skipif(export.find_chromium() is None, reason="no Chromium (apt-get install chromium)")
def test_browser_png_and_pdf(tmp_path):
    path, engine = export.to_image(scene(), tmp_path / "b.png", (1600, 900), engine="browser")
    assert engine == "browser" and Image.open(path).size == (1600, 900)
    # Leaflet fits the bbox (zoomSnap 0) into the map box below the 10 % title band
    top, w, h = int(900 * 0.10), 1600, int(900 * 0.84)
    x0, y0 = merc(BBOX[0], BBOX[1])
    x1, y1 = merc(BBOX[2], BBOX[3])
    k = min(w / (x1 - x0), h / (y1 - y0))
    bx, by = merc(*BAKHMUT)
    px, py = w / 2 + (bx - (x0 + x1) / 2) * k, top + h / 2 - (by - (y0 + y1) / 2) * k
    cx, cy = colour_centroid(path, CAPTURE, (px, py), tol=60)
    assert abs(cx - px) < 4 and abs(cy - py) < 4
    pdf, _ = export.to_image(scene(), tmp_path / "b.pdf", (1600, 900), engine="browser")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_data_exports_read_back(tmp_path):
    for suffix in (".geojson", ".kml", ".csv"):
        path = export.to_data(scene(), tmp_path / f"d{suffix}")
        if suffix == ".csv":
            import pandas as pd
            table = pd.read_csv(path)
            assert set(table["layer"]) == {"events", "routes"} and "wkt" in table
        else:
            back = gpd.read_file(path)
            assert len(back) == 2 and back.crs.to_epsg() == 4326
    gpkg = export.to_data(scene(), tmp_path / "d.gpkg")
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert layers == {"events", "routes"}
    events = gpd.read_file(gpkg, layer="events")
    assert json.loads(events.loc[0, "sources"]) == ["Russian Ministry of Defence"]


def test_standalone_html_needs_no_network(tmp_path):
    path = export.to_html(scene(), tmp_path / "m.html")
    text = path.read_text()
    assert "<script src=" not in text and 'rel="stylesheet" href=' not in text
    assert "Bakhmut" in text and "L.map" in text and "&lt;b&gt;Bakhmut" not in text.split("<script>")[0]


def test_timelapse_gif_and_mp4(tmp_path):
    days = export.frame_dates(dt.date(2023, 5, 1), dt.date(2023, 5, 21), 7)
    assert days == [dt.date(2023, 5, 1), dt.date(2023, 5, 8), dt.date(2023, 5, 15), dt.date(2023, 5, 21)]
    scenes = [scene() for _ in days]
    for s, d in zip(scenes, days, strict=False):
        s.date = d
    gif = export.timelapse(scenes, tmp_path / "t.gif", (600, 400))
    assert Image.open(gif).n_frames == 4
    mp4 = export.timelapse(scenes, tmp_path / "t.mp4", (600, 400))
    assert mp4.read_bytes()[4:8] == b"ftyp"


def test_sizes_and_bad_requests(tmp_path):
    assert parse_size("social") == (1200, 675) and parse_size("a4") == (1754, 1240)
    with pytest.raises(ValueError):
        parse_size("huge")
    with pytest.raises(export.ExportError):
        export.to_data(scene(), tmp_path / "d.xlsx")
    with pytest.raises(InputError, match="does not exist"):
        export.to_image(scene(), tmp_path / "nowhere" / "m.png", (800, 600), engine="static")
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        export.to_image(scene(), fifo, (800, 600), engine="static")
    fifo.unlink()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_cli_export(tmp_path):
    demo = sorted(str(p) for p in (ROOT / "data" / "demo").glob("*.txt"))
    out = subprocess.run([sys.executable, "-m", "frontline_map", "export", *demo, "--date", "2023-03-01",
                          "--engine", "static", "--out", str(tmp_path / "m.png"), "--size", "social"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    assert Image.open(tmp_path / "m.png").size == (1200, 675)
    bad = subprocess.run([sys.executable, "-m", "frontline_map", "export", *demo, "--date", "2021-01-01", "--days", "2",
                          "--out", str(tmp_path / "e.png")], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert bad.returncode == 2 and "nothing to show" in bad.stderr and not (tmp_path / "e.png").exists()
    bad = subprocess.run([sys.executable, "-m", "frontline_map", "export", *demo, "--out", str(tmp_path / "m.bmp")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert bad.returncode == 2 and "unknown format" in bad.stderr


@pytest.mark.slow
def test_the_base_names_towns_as_the_events_do_and_covers_no_event_name_or_zone_note(tmp_path):
    """The seed's view at 1280x720 (a capture at Soledar and Bilohorivka, fighting at Bakhmut): the zone's note lies
    where Kostiantynivka's name would go, so the town is named on the left of its dot, never under the note; Bakhmut
    is named once (by its event), and Kostiantynivka in the events' spelling, not GeoNames' "Kostyantynivka"."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    from frontline_map.layers.export.html import page_html
    from frontline_map.layers.scene import view_box

    spots = {"Bakhmut": (37.99886, 48.59419, "fighting"), "Soledar": (38.0896, 48.6833, "capture"),
             "Bilohorivka": (38.2458, 48.9283, "capture")}
    base = scene().events.iloc[0].to_dict()
    rows = [{**base, "place": name, "lon": lon, "lat": lat, "type": kind, "geometry": Point(lon, lat)}
            for name, (lon, lat, kind) in spots.items()]
    events = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    size = (1280, 720)
    page_file = tmp_path / "map.html"
    page_file.write_text(page_html(Scene(events, scene().routes, {}, None, "Bakhmut", dt.date(2023, 2, 6), "",
                                         view_box(48.6, 38.0, 9, size)), size), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.goto(page_file.as_uri())
        page.wait_for_selector(".leaflet-container[data-offline-base=drawn]", timeout=20_000)
        page.wait_for_timeout(300)
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            '.fm-label, .fm-zone-note, .leaflet-fmBaseLabels-pane div div')].map(n => {
              const r = n.getBoundingClientRect(); const w = document.createRange(); w.selectNodeContents(n);
              const t = w.getBoundingClientRect();  // the text's own box, not its 160-px icon
              return [n.className || 'town', n.textContent, t.left, t.top, t.right, t.bottom]; })""")
        browser.close()
    towns = [b[1] for b in boxes if b[0] == "town"]
    assert "Kostiantynivka" in towns and "Kostyantynivka" not in towns
    assert "Bakhmut" not in towns and [b[1] for b in boxes if b[0] == "fm-label"].count("Bakhmut") == 1
    assert any(b[0] == "fm-zone-note" for b in boxes)
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            assert not (a[2] < b[4] - 1 and b[2] < a[4] - 1 and a[3] < b[5] - 1 and b[3] < a[5] - 1), (a, b)
