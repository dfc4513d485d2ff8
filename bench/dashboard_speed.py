"""Dashboard speed in a real headless Chromium against a real `streamlit run`.

- first paint: page load in a fresh browser context -> the demo corpus's events drawn on the map (the
  ``data-events-shown`` contract, polled every 20 ms), the median of ``--paints`` on a warm server;
- first paint with a shared store of N articles (``--store-articles 2000``), on a fresh server process
  and on a warm one, side by side with a baseline revision (``--baseline REV``, run from a git
  worktree of that revision: its own ``frontline ingest`` fills its own store);
- slider: one day step -> the map's markers updated, at about 1,000 and 10,000 events
  (a generated corpus of our own dispatches, loaded through $FRONTLINE_CORPUS),
  checking that the map's iframe was updated in place, not reloaded.

- archive (``--archive-events 1000000``): a store of synthetic events written straight into SQLite
  (bench/synthetic_store.py); first paint on a fresh and a warm server, zoom in (Leaflet's + button)
  and a slider step, each until the app has answered and the caption changed, and the resident
  memory of the Streamlit server process.

    python bench/dashboard_speed.py [--events 1000,10000] [--store-articles 2000 --baseline ca3b91c]
                                    [--archive-events 1000000] [--demo-baseline REV [--paints 7]]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))


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


def make_articles(folder: Path, n: int, seed: int = 5) -> list[Path]:
    """``n`` short dated dispatches of ours, each telling a few events."""
    rng = random.Random(seed)
    paths = []
    for k in range(n):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=k % 300)
        text = " ".join(rng.choice(SENTENCES).format(p=rng.choice(PLACES), d=(day - dt.timedelta(days=j)).strftime(
            "%d %B %Y")) for j in range(6))
        path = folder / f"{day.isoformat()}_{k:05d}.txt"
        path.write_text(f"Dispatch {k}. {text}", encoding="utf-8")
        paths.append(path)
    return paths


def store_first_paint(browser, root: Path, ingest: list[str], paths: list[Path], data: Path) -> tuple[float, float]:
    """Fill a store with ``ingest`` (the revision's own CLI), then time the map on a fresh and a warm server."""
    env = {"FRONTLINE_DATA": str(data), "FRONTLINE_DB": ""}
    for start in range(0, len(paths), 500):
        subprocess.run([*ingest, *map(str, paths[start:start + 500]), "--db", str(data)], cwd=root, check=True,
                       env={**os.environ, **env}, stdout=subprocess.DEVNULL)
    with streamlit_server(timeout_s=600, env=env, root=root) as url:
        cold = first_paint(browser.new_page(), url, timeout_s=900)
        warm = statistics.median(first_paint(browser.new_page(), url) for _ in range(3))
    return cold, warm


def events_paint(browser, url: str) -> float:
    """A fresh browser context: page load -> the map's ``data-events-shown`` set (polled every 20 ms)."""
    page = browser.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    _events_drawn(page)
    elapsed = time.perf_counter() - t0
    page.context.close()
    return elapsed


def compare_demo(browser, baseline: str, paints: int) -> None:
    """The demo's first paint, this checkout against ``baseline`` (a git worktree): both servers up at once,
    each warmed, then one paint of each in turn, so a busy moment of the machine falls on both."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(base), baseline], cwd=ROOT, check=True)
        try:
            with streamlit_server(timeout_s=300, root=base) as base_url, streamlit_server(timeout_s=300) as url:
                times: dict[str, list[float]] = {"baseline " + baseline: [], "this checkout": []}
                for u in (base_url, url):
                    events_paint(browser, u)  # warm each server's caches once
                for _ in range(paints):
                    times["baseline " + baseline].append(events_paint(browser, base_url))
                    times["this checkout"].append(events_paint(browser, url))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
    for name, values in times.items():
        print(f"first paint (demo corpus, warm server, events drawn), {name}: median {statistics.median(values):.2f} s, "
              f"min {min(values):.2f}, max {max(values):.2f} ({len(values)} paints)")


def compare_store(browser, n: int, baseline: str) -> None:
    """First paint with ``n`` stored articles: this checkout against ``baseline``, in one run."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_articles(folder, n)
        base = folder / "baseline"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(base), baseline], cwd=ROOT, check=True)
        try:
            rows = [("baseline " + baseline, *store_first_paint(browser, base, [sys.executable, "frontline.py", "ingest"],
                                                                paths, folder / "data-base")),
                    ("this checkout", *store_first_paint(browser, ROOT, [sys.executable, "-m", "frontline_map", "ingest"],
                                                         paths, folder / "data-new"))]
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=False)
    for name, cold, warm in rows:
        print(f"first paint, {n} stored articles, {name}: fresh server {cold:.2f} s, warm server {warm:.2f} s")


def first_paint(page, url: str, timeout_s: float = 120) -> float:
    t0 = time.perf_counter()
    page.goto(url, timeout=timeout_s * 1000)
    map_frame(page, timeout_s=timeout_s)
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


def _server_rss_mib(port: str) -> float:
    """Resident memory of the `streamlit run` process listening on ``port``."""
    import psutil

    for proc in psutil.process_iter(["cmdline"]):
        cmd = proc.info["cmdline"] or []
        if "streamlit" in " ".join(cmd) and port in cmd:
            return proc.memory_info().rss / 2**20
    return float("nan")


def _archive_caption(page) -> str:
    return page.get_by_text("Archive:").first.inner_text()


def _until_caption_changes(page, before: str, t0: float, timeout_s: float = 60) -> float:
    while time.perf_counter() - t0 < timeout_s:
        try:
            if _archive_caption(page) != before and page.locator(
                    "[data-testid=stApp][data-test-script-state=notRunning]").count():
                return time.perf_counter() - t0
        except Exception:  # noqa: BLE001 - the element is being redrawn
            pass
        page.wait_for_timeout(10)
    return float("nan")


def archive_dashboard(browser, n: int, steps: int) -> None:
    """First paint, zoom and slider over ``n`` synthetic stored events."""
    from synthetic_store import write

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write(Path(tmp) / "data", n)
        print(f"archive: {n:,} synthetic events written in {time.perf_counter() - t0:.0f} s")
        env = {"FRONTLINE_DATA": str(Path(tmp) / "data"), "FRONTLINE_DB": ""}
        with streamlit_server(timeout_s=600, env=env) as url:
            port = url.rsplit(":", 1)[1].strip("/")
            cold = first_paint(browser.new_page(viewport={"width": 1440, "height": 900}), url, timeout_s=600)
            warm = [first_paint(browser.new_page(viewport={"width": 1440, "height": 900}), url) for _ in range(3)]
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            first_paint(page, url)
            page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
            frame = map_frame(page)
            zooms, slides = [], []
            for _ in range(steps):
                before = _archive_caption(page)
                t0 = time.perf_counter()
                frame.click(".leaflet-control-zoom-in")
                zooms.append(_until_caption_changes(page, before, t0))
            for _ in range(steps):
                before = _archive_caption(page)
                t0 = time.perf_counter()
                page.get_by_role("slider").first.press("ArrowLeft")
                slides.append(_until_caption_changes(page, before, t0))
            caption = _archive_caption(page)
            rss = _server_rss_mib(port)
    print(f"archive first paint: fresh server {cold:.2f} s, warm server median {statistics.median(warm):.2f} s")
    print(f"archive zoom in: median {statistics.median(zooms):.2f} s, max {max(zooms):.2f} s; slider step: median "
          f"{statistics.median(slides):.2f} s, max {max(slides):.2f} s")
    print(f"archive: Streamlit server resident memory {rss:.0f} MiB; last caption: {caption}")


BASELINE_APP = """
import datetime as dt, json, sqlite3, sys
import folium, streamlit as st
from streamlit_folium import st_folium
from frontline_map.layers.assets import use_local_assets  # Leaflet from this server: there is no CDN here

@st.cache_data
def rows(path):
    with sqlite3.connect(path) as c:
        return c.execute("SELECT lat, lon, date, type, sentence FROM events WHERE lat IS NOT NULL").fetchall()

data = rows(sys.argv[1])
days = [dt.date.fromisoformat(r[2]) for r in data]
day = st.slider("Date", min(days), max(days), value=max(days), step=dt.timedelta(days=1))
keep = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r[1], r[0]]},
         "properties": {"t": r[3], "q": r[4]}} for r, d in zip(data, days) if d <= day]  # everything so far
m = use_local_assets(folium.Map(location=(48.6, 37.9), zoom_start=6, tiles=None))
group = folium.FeatureGroup(name="Events")
folium.GeoJson({"type": "FeatureCollection", "features": keep}, marker=folium.CircleMarker(radius=4),
               popup=folium.GeoJsonPopup(["q"])).add_to(group)
st_folium(m, key="map", height=500, use_container_width=True, feature_group_to_add=group, returned_objects=[])
"""
STEP_IN_PAGE = """() => new Promise(done => {
    const s = document.querySelector('.fm-slider'), t0 = performance.now();
    s.value = String(Number(s.value) - 1); s.dispatchEvent(new Event('input'));
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0))); })"""
PLAY_TRACE = """ms => new Promise(done => {
    const T = window.FrontlineTime, apply = T.apply, ticks = [], costs = [];
    T.apply = function () { const t0 = performance.now(); apply(); costs.push(performance.now() - t0); ticks.push(t0); };
    document.querySelector('.fm-speed').value = '10'; document.querySelector('.fm-speed').dispatchEvent(new Event('change'));
    const s = document.querySelector('.fm-slider'); s.value = s.min; s.dispatchEvent(new Event('input'));
    document.querySelector('.fm-play').click();
    setTimeout(() => { T.stop(false); T.apply = apply; done({ticks, costs}); }, ms); })"""


def _events_drawn(page, timeout_s: float = 600):
    """The map's frame once the time bar has drawn the events (``data-events-shown`` set and > 0)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                n = frame.evaluate("() => document.querySelector('.leaflet-container')?.getAttribute('data-events-shown')")
            except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                continue
            if n and int(n) > 0:
                return frame
        page.wait_for_timeout(20)
    raise AssertionError("the events were never drawn")


def _baseline_step(page, frame) -> float:
    """Baseline: → on Streamlit's slider until streamlit-folium has swapped in the new feature group."""
    frame.evaluate("() => { window.feature_group.forEach(g => { g._old = true; }); }")  # streamlit-folium appends
    t0 = time.perf_counter()
    page.get_by_role("slider").first.press("ArrowLeft")
    while time.perf_counter() - t0 < 60:
        if frame.evaluate("() => !!(window.feature_group && window.feature_group.length && "
                          "!window.feature_group[window.feature_group.length - 1]._old)"):
            break
        page.wait_for_timeout(5)
    return time.perf_counter() - t0


def _our_step(page, frame) -> float:
    """This build: → on the map's time bar until its date and count are drawn (same polling as the baseline)."""
    slider = frame.locator(".fm-slider")
    before = slider.get_attribute("aria-valuetext")
    t0 = time.perf_counter()
    slider.press("ArrowLeft")
    while time.perf_counter() - t0 < 60 and slider.get_attribute("aria-valuetext") == before:
        page.wait_for_timeout(5)
    return time.perf_counter() - t0


def _ms(values: list[float]) -> str:
    return f"median {1000 * statistics.median(values):.0f} ms, max {1000 * max(values):.0f} ms"


def time_in_browser(browser, sizes: list[int], steps: int) -> None:
    """Slider steps and Play over N synthetic stored events, side by side with the server-filtering baseline."""
    from synthetic_store import write

    from frontline_map.layers.assets import install_static

    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = write(Path(tmp) / "data", n)
            env = {"FRONTLINE_DATA": str(Path(tmp) / "data"), "FRONTLINE_DB": "",
                   "FRONTLINE_ARCHIVE_ABOVE": str(10 * n)}
            if n <= 20_000:
                app = Path(tmp) / "baseline" / "app.py"
                app.parent.mkdir()
                app.write_text(BASELINE_APP, encoding="utf-8")
                install_static(app.parent / "static")
                with _plain_streamlit(app, db) as url:
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    page.goto(url)
                    frame = map_frame(page, timeout_s=600)
                    page.wait_for_timeout(1000)
                    base = [_baseline_step(page, frame) for _ in range(steps)]
                print(f"{n:,} events, baseline (one GeoJson layer via feature_group_to_add, server re-filters): "
                      f"slider step {_ms(base)}")
            with streamlit_server(timeout_s=600, env=env) as url:
                t0 = time.perf_counter()
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(url, timeout=900_000)  # the default view: everything so far, on the last day
                _events_drawn(page)
                cold = time.perf_counter() - t0
                warm = []
                for _ in range(3):
                    page.context.close()  # one open page at a time: a left-open map would share the CPU
                    t0 = time.perf_counter()
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    page.goto(url)
                    frame = _events_drawn(page)
                    warm.append(time.perf_counter() - t0)
                page.wait_for_timeout(1500)
                ours = [_our_step(page, frame) for _ in range(steps)]
                painted = [frame.evaluate(STEP_IN_PAGE) / 1000 for _ in range(steps)]
                trace = frame.evaluate(PLAY_TRACE, 5000)
                spots = frame.evaluate("() => window.FrontlineTime.data.spots.length")
            gaps = [b - a for a, b in zip(trace["ticks"], trace["ticks"][1:], strict=False)]
            print(f"{n:,} events ({spots:,} distinct points), this build: first paint fresh server {cold:.2f} s, "
                  f"warm median {statistics.median(warm):.2f} s; slider step {_ms(ours)} (key press to drawn, "
                  f"polled like the baseline); in the page, input to painted {_ms(painted)}")
            print(f"{n:,} events, Play at 10 days/s for 5 s: {len(trace['ticks'])} steps, gap between steps median "
                  f"{statistics.median(gaps):.0f} ms, max {max(gaps):.0f} ms, stalls over 200 ms: "
                  f"{sum(g > 200 for g in gaps)}; redraw median {statistics.median(trace['costs']):.1f} ms, "
                  f"max {max(trace['costs']):.1f} ms")


@contextmanager
def _plain_streamlit(app: Path, db: Path):
    """`streamlit run` of a one-file app (the baseline), on a free port."""
    from browser import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                             "--server.headless", "true", "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.enableStaticServing", "true",
                             "--", str(db)], cwd=app.parent, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(300):
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", default="1000,10000")
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--store-articles", type=int, default=0, help="also time first paint with N stored articles")
    ap.add_argument("--baseline", default="ca3b91c", help="the revision to compare with (default: %(default)s)")
    ap.add_argument("--demo-baseline", default="", help="time the demo's first paint against this revision, "
                    "the two servers side by side and the paints taken in turn")
    ap.add_argument("--paints", type=int, default=7, help="first paints of the demo per build")
    ap.add_argument("--archive-events", type=int, default=0, help="also time the archive view over N stored events")
    ap.add_argument("--only-archive", action="store_true", help="skip the other measurements")
    ap.add_argument("--time-events", default="", help="time the browser's time bar at N synthetic events "
                    "(e.g. 10000,100000), against the server-filtering baseline up to 20,000")
    ap.add_argument("--only-time", action="store_true", help="only the --time-events measurements")
    args = ap.parse_args()
    if not os.path.exists(CHROMIUM):
        print(f"skipped: no Chromium at {CHROMIUM} (sh tests/install_chromium.sh)")
        return 0
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if args.archive_events:
            archive_dashboard(browser, args.archive_events, args.steps)
        if args.time_events:
            time_in_browser(browser, [int(x) for x in args.time_events.split(",")], args.steps)
        if args.only_time:
            browser.close()
            return 0
        if args.only_archive:
            browser.close()
            return 0
        if args.demo_baseline:
            compare_demo(browser, args.demo_baseline, args.paints)
        else:
            with streamlit_server() as url:
                events_paint(browser, url)  # warm the server's caches once
                paints = [events_paint(browser, url) for _ in range(args.paints)]
            print(f"first paint (demo corpus, warm server, events drawn): median {statistics.median(paints):.2f} s, "
                  f"min {min(paints):.2f}, max {max(paints):.2f} ({len(paints)} paints)")
        if args.store_articles:
            compare_store(browser, args.store_articles, args.baseline)
        for n in (int(x) for x in args.events.split(",") if x):
            with tempfile.TemporaryDirectory() as tmp:
                make_corpus(Path(tmp), n)
                os.environ["FRONTLINE_CORPUS"] = tmp
                with streamlit_server(timeout_s=600) as url:
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
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
