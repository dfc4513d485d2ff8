"""Dashboard speed in a real headless Chromium against a real `streamlit run`.

- first paint: page load -> the demo corpus's markers drawn on the map;
- slider: one day step -> the map's markers updated, at about 1,000 and 10,000 events
  (a generated corpus of our own dispatches, loaded through $FRONTLINE_CORPUS),
  checking that the map's iframe was updated in place, not reloaded.

    python bench/dashboard_speed.py [--events 1000,10000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


from browser import CHROMIUM, CHROMIUM_ARGS, map_frame, marker_count, streamlit_server  # noqa: E402

PLACES = ["Kramatorsk", "Druzhkivka", "Kurakhove", "Huliaipole", "Vovchansk", "Svatove", "Starobilsk",
          "Rubizhne", "Bilopillia", "Shostka", "Okhtyrka", "Krasnohrad", "Ocheretyne", "Myrnohrad",
          "Bakhmut", "Soledar", "Kostiantynivka", "Chasiv Yar", "Kramatorsk", "Sloviansk", "Avdiivka",
          "Kupiansk", "Kreminna", "Lyman", "Siversk", "Kherson", "Robotyne", "Orikhiv", "Vuhledar",
          "Marinka", "Pokrovsk", "Kharkiv", "Izium", "Bilohorivka", "Klishchiivka", "Toretsk", "Sumy",
          "Nikopol", "Zaporizhzhia", "Mykolaiv", "Odesa", "Dnipro", "Pavlohrad", "Selydove"]
SENTENCES = ["Russian artillery shelled {p} on {d}.", "Ukrainian troops advanced near {p} on {d}.",
             "Heavy fighting was reported in {p} on {d}.", "A missile struck {p} on {d}, officials said."]


def make_corpus(folder: Path, n_events: int, seed: int = 3) -> None:
    """Dispatches over 2023 whose sentences each tell one event at a distinct (place, type, day)."""
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    per_doc = 25
    for k in range(max(1, n_events // per_doc)):
        day = start + dt.timedelta(days=k % 330)
        lines = []
        for _ in range(per_doc):
            when = day - dt.timedelta(days=rng.randint(0, 120))  # spread, so few events coincide
            lines.append(rng.choice(SENTENCES).format(p=rng.choice(PLACES), d=when.strftime("%d %B %Y")))
        (folder / f"{day.isoformat()}_{k:05d}.txt").write_text(" ".join(lines), encoding="utf-8")


def first_paint(page, url: str) -> float:
    t0 = time.perf_counter()
    page.goto(url)
    map_frame(page, timeout_s=120)
    return time.perf_counter() - t0


def slider_step(page, frame) -> tuple[float, bool]:
    """Press → on the date slider; time until the marker count changes; was the iframe kept?"""
    frame.evaluate("() => { window.__kept = true; }")
    before = marker_count(frame)
    slider = page.get_by_role("slider").first
    t0 = time.perf_counter()
    slider.press("ArrowLeft")
    while time.perf_counter() - t0 < 30:
        try:
            if marker_count(frame) != before:
                break
        except Exception:  # noqa: BLE001 - the frame was replaced: that is a reload
            return time.perf_counter() - t0, False
        page.wait_for_timeout(10)
    elapsed = time.perf_counter() - t0
    return elapsed, bool(frame.evaluate("() => window.__kept === true"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", default="1000,10000")
    ap.add_argument("--steps", type=int, default=5)
    args = ap.parse_args()
    if not os.path.exists(CHROMIUM):
        print(f"skipped: no Chromium at {CHROMIUM} (sh tests/install_chromium.sh)")
        return 0
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        with streamlit_server() as url:
            first_paint(page, url)  # warm the server's caches once
            paints = [first_paint(browser.new_page(), url) for _ in range(3)]
        print(f"first paint (demo corpus, warm server): median {statistics.median(paints):.2f} s")
        for n in (int(x) for x in args.events.split(",")):
            with tempfile.TemporaryDirectory() as tmp:
                make_corpus(Path(tmp), n)
                os.environ["FRONTLINE_CORPUS"] = tmp
                with streamlit_server(timeout_s=600) as url:
                    t0 = time.perf_counter()
                    page.goto(url + "?mode=last+N+days&days=30")
                    frame = map_frame(page, timeout_s=900)
                    load = time.perf_counter() - t0
                    total = page.get_by_text("events,").first.inner_text()
                    steps = [slider_step(page, frame) for _ in range(args.steps)]
                del os.environ["FRONTLINE_CORPUS"]
            times = [t for t, _ in steps]
            kept = all(k for _, k in steps)
            print(f"{total.split('·')[1].strip().split(',')[0]}: first load (parsing) {load:.1f} s; slider step "
                  f"median {1000 * statistics.median(times):.0f} ms, max {1000 * max(times):.0f} ms; "
                  f"map updated in place: {kept}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
