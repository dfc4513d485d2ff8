"""The map's time bar over thousands of places (its batched canvas), in a real headless Chromium."""
from __future__ import annotations

import os
import sys
import time

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, events_shown, streamlit_server
from helpers import ROOT

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}; apt-get install chromium"),
]


def _drawn(page, timeout_s: float = 120):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => Number(document.querySelector('.leaflet-container')"
                                  "?.getAttribute('data-events-shown') || 0)"):
                    return frame
            except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                continue
        page.wait_for_timeout(100)
    raise AssertionError("the events were never drawn")


def test_thousands_of_places_are_drawn_on_one_canvas_filtered_by_the_slider_and_clickable(gaz, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_store import write  # 3,000 events, each at its own point: more places than SVG can carry

    write(tmp_path / "data", 3000)
    env = {"FRONTLINE_DATA": str(tmp_path / "data"), "FRONTLINE_DB": ""}
    with streamlit_server(env=env) as url, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url + "?zoom=7&lat=48.5&lon=36.5")
        frame = _drawn(page)
        assert frame.evaluate("() => !!window.FrontlineTime.dots && !!document.querySelector('canvas.fm-dots')")
        assert frame.evaluate("() => window.FrontlineTime.data.spots.length") > 1500
        everything = events_shown(frame)
        assert everything > 2500  # the stored events (a few merged) and the demo corpus's
        slider = frame.get_by_role("slider")
        slider.fill(str(frame.evaluate("() => Date.UTC(2023, 0, 1) / 86400000")))
        assert 0 < events_shown(frame) < everything
        painted = frame.evaluate("""() => { const c = document.querySelector('canvas.fm-dots'),
            d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let k = 3; k < d.length; k += 4) if (d[k]) n++; return n; }""")
        assert painted > 1000  # circles really drawn on it
        spot = frame.evaluate("""() => { const T = window.FrontlineTime, s = T.dots._items[0], m = window.map;
            const p = m.latLngToContainerPoint([T.data.spots[s][0], T.data.spots[s][1]]);
            m.panBy([p.x - m.getSize().x / 2, p.y - m.getSize().y / 2], {animate: false});
            return T.data.spots[s][2]; }""")
        box = frame.locator(".leaflet-container").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a real click on that place
        popup = frame.wait_for_selector(".leaflet-popup-content", timeout=5000).inner_text()
        assert popup.startswith(spot)
        browser.close()
