"""The dashboard in a real headless Chromium against a real `streamlit run`, offline."""
from __future__ import annotations

import contextlib
import os
import sys
import time

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, events_shown, line_count, map_frame, marker_count, streamlit_server, zoom
from helpers import ROOT, events_and_rows

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}; apt-get install chromium"),
]


def demo_places(gaz) -> int:
    """How many distinct places the demo's events happened at: one circle each on the map."""
    return len({(e.place, e.lat, e.lon) for e in _demo_events(gaz) if e.lat is not None})


def demo_point_events(gaz) -> int:
    """How many demo events have a point: what the map must show with every filter open."""
    return sum(e.lat is not None for e in _demo_events(gaz))


def _demo_events(gaz) -> list:

    from frontline_map.geo.events.extract import merge_corpus_events
    from frontline_map.geo.io.documents import read_document

    found = []
    for path in sorted((ROOT / "data" / "demo").glob("*.txt")):
        doc = read_document(str(path))
        found += events_and_rows(doc.text, gaz, doc=doc.name, published=doc.date)[0]
    return merge_corpus_events(found)


def settled_count(page, frame, count) -> int:
    """The count once it stops changing (the map draws its layers in a few steps)."""
    last, same = -1, 0
    for _ in range(50):
        n = count(frame)
        same = same + 1 if n == last else 0
        if same >= 3:
            return n
        last = n
        page.wait_for_timeout(150)
    return last


@pytest.fixture(scope="module")
def server(gaz):  # the gazetteer fixture builds the index cache first, so the app starts fast
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def new_page(browser):
    """Pages in browser contexts of their own, all closed after the test (a failing one's too): pages left
    open keep polling their dead servers and slow every later test."""
    contexts = []

    def make(**viewport):
        contexts.append(browser.new_context(viewport=viewport or {"width": 1400, "height": 1000}))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def test_map_renders_offline_with_demo_markers_and_routes(server, page, gaz):
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(server)
            and "tile" not in r.url and "arcgisonline" not in r.url else None)
    page.goto(server)
    frame = map_frame(page)
    assert settled_count(page, frame, events_shown) == demo_point_events(gaz)  # the map's own count
    points, roads = demo_point_events(gaz), len(_demo_events(gaz)) - demo_point_events(gaz)
    assert frame.inner_text(".fm-count") == f"{points} of {points} events · {roads} on roads"  # all, on the last day
    assert marker_count(frame) == demo_places(gaz) < demo_point_events(gaz)  # one circle per place
    assert line_count(frame) >= 5  # M03, H32, 0506, T1302, H20 (+ the inferred contact zone)
    assert external == []  # no CDN: scripts and styles come from this server
    assert frame.query_selector(".frontline-legend") is not None
    overlap = frame.evaluate("""() => { const a = document.querySelector('.frontline-legend').getBoundingClientRect(),
        b = document.querySelector('.leaflet-control-scale').getBoundingClientRect();
        return !(a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left); }""")
    assert not overlap  # the legend never covers the scale bar
    tall = frame.evaluate("() => document.querySelector('.frontline-legend').getBoundingClientRect().height")
    frame.click(".frontline-legend summary")  # folded away by its reader
    assert frame.evaluate("() => document.querySelector('.frontline-legend').getBoundingClientRect().height") < tall / 3
    names = {e.inner_text().split(" · ")[0] for e in frame.query_selector_all(".fm-label")}  # "Bakhmut · 4"
    assert {"Bakhmut", "Soledar"} <= names  # place names drawn with no network at all
    axis = frame.evaluate("""() => { let a = null; window.map.eachLayer(l => { if (l instanceof L.CircleMarker &&
        l.feature && l.feature.properties.p === 'Lyman direction') a = [l.getRadius(), l.options.dashArray]; });
        return a; }""")
    assert axis == [22, "8 5"] and "Lyman direction" in names  # an axis: a wide dashed ring, named, not a town dot
    container = frame.locator(".leaflet-container")
    deadline = time.monotonic() + 20  # no tile loads here: the offline base takes over
    while time.monotonic() < deadline and container.get_attribute("data-offline-base") != "drawn":
        page.wait_for_timeout(100)
    assert container.get_attribute("data-offline-base") == "drawn"
    credit = frame.locator(".leaflet-control-attribution").inner_text()
    assert "Natural Earth" in credit and "OpenStreetMap" not in credit  # credit only for what is drawn
    assert "Мінрегіон" in credit  # the oblast borders' owners, as their licence asks
    clash = frame.evaluate("""() => { const a = document.querySelector('.leaflet-control-attribution').getBoundingClientRect(),
        b = document.querySelector('.leaflet-control-scale').getBoundingClientRect();
        return [a.height, !(a.bottom <= b.top || b.bottom <= a.top || a.right <= b.left || b.right <= a.left)]; }""")
    assert clash[0] < 20 and not clash[1]  # the credit is one line, clear of the scale bar
    regions = {e.inner_text() for e in frame.query_selector_all(".fm-region")}
    assert "DONETSK OBLAST" in regions or "LUHANSK OBLAST" in regions
    covered = frame.evaluate("""() => { const over = (a, b) => !(a.right <= b.left || b.right <= a.left ||
            a.bottom <= b.top || b.bottom <= a.top);
        const controls = [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect());
        const names = [...document.querySelectorAll('.leaflet-fmBaseLabels-pane .leaflet-marker-icon div, .fm-label')];
        const ink = t => { const r = document.createRange(); r.selectNodeContents(t); return r.getBoundingClientRect(); };
        return {n: names.length, covered: names.filter(t => controls.some(c => over(ink(t), c)))
                                              .map(t => t.textContent),
                above: +getComputedStyle(document.querySelector('.leaflet-fmBaseLabels-pane')).zIndex >
                       +getComputedStyle(document.querySelector('.leaflet-overlay-pane')).zIndex}; }""")
    assert covered["n"] > 0 and covered["covered"] == [] and covered["above"]  # names clear of controls, over roads
    note = frame.evaluate("""() => { const over = (a, b) => !(a.right <= b.left || b.right <= a.left ||
            a.bottom <= b.top || b.bottom <= a.top);
        const ink = t => { const r = document.createRange(); r.selectNodeContents(t); return r.getBoundingClientRect(); };
        const n = [...document.querySelectorAll('.leaflet-marker-icon div')]
            .find(d => d.textContent === 'contact zone, inferred from reporting');
        return n && [...document.querySelectorAll('.fm-label')].filter(t => over(ink(t), ink(n))).map(t => t.textContent); }""")
    assert note == []  # the zone is named "inferred from reporting", over no event's name


def test_moving_the_date_changes_what_is_shown(server, page):
    page.goto(server)
    everything = settled_count(page, map_frame(page), events_shown)
    page.goto(server + "?date=2023-01-13")
    early = settled_count(page, map_frame(page), events_shown)
    assert 0 < early < everything


def _date(frame) -> str:
    return frame.get_by_role("slider").get_attribute("aria-valuetext")


def test_the_time_bar_moves_the_map_in_the_page_and_the_server_hears_the_date_on_release(server, page):
    page.goto(server)
    frame = map_frame(page)
    _idle(page)
    everything = settled_count(page, frame, events_shown)
    assert _date(frame) == "2023-05-21"
    frame.evaluate("() => { window.__kept = true; }")  # gone if the map's page were loaded again
    slider = frame.get_by_role("slider")
    slider.focus()
    for _ in range(20):  # quick key presses: each one drawn at once by the page
        slider.press("ArrowLeft")
    assert _date(frame) == "2023-05-01"
    slider.fill(str(frame.evaluate("() => Date.UTC(2023, 0, 13) / 86400000")))  # a drag let go on 13 January
    assert _date(frame) == "2023-01-13"
    early = events_shown(frame)
    assert 0 < early < everything
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "date=2023-01-13" not in page.url:
        page.wait_for_timeout(100)
    assert "date=2023-01-13" in page.url  # the server heard the date: the link and the table follow it
    page.get_by_text(f"{early} shown for 2023-01-13").wait_for(timeout=20_000)  # the caption follows the run
    assert frame.evaluate("() => window.__kept === true")  # and the map was never reloaded for it


def test_play_from_a_fresh_page_runs_to_the_end_stops_and_plays_again(server, page):
    page.goto(server)  # a fresh page: the date is already the last day
    frame = map_frame(page)
    _idle(page)
    frame.select_option(".fm-speed", "30")
    frame.click(".fm-play")
    assert frame.locator(".fm-play").inner_text() == "⏸ Pause"
    seen = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and frame.locator(".fm-play").inner_text() != "▶ Play":
        seen.add((_date(frame), events_shown(frame)))
        page.wait_for_timeout(50)
    assert frame.locator(".fm-play").inner_text() == "▶ Play" and _date(frame) == "2023-05-21"  # stopped at the end
    assert len({d for d, _ in seen}) > 5 and len({n for _, n in seen}) > 3  # it ran from the start, drawing as it went
    assert page.locator("text=Traceback").count() == 0 and page.locator("[data-testid=stException]").count() == 0
    frame.click(".fm-play")  # at the end: starts over
    page.wait_for_timeout(300)
    assert _date(frame) < "2023-02-01"
    frame.click(".fm-play")
    assert frame.locator(".fm-play").inner_text() == "▶ Play"


def test_the_server_hears_the_date_once_play_stops_not_from_a_slide_just_before(server, page):
    page.goto(server)
    frame = map_frame(page)
    _idle(page)
    frame.evaluate("""() => { window.__sent = 0; const S = window.Streamlit, send = S.setComponentValue;
        S.setComponentValue = function (v) { window.__sent++; return send.call(S, v); }; }""")
    frame.locator(".fm-slider").press("Home")  # a slide to the first day, let go: heard 0.3 s later...
    frame.click(".fm-play")  # ...unless Play starts first (at 5 days/s it runs for half a minute)
    page.wait_for_timeout(800)
    assert frame.evaluate("() => window.__sent") == 0  # not while Play runs: its rerun would stall the steps
    frame.click(".fm-play")  # Pause
    page.wait_for_timeout(800)
    assert frame.evaluate("() => window.__sent") == 1


def test_a_shared_link_restores_the_view(server, page):
    page.goto(server + "?date=2023-02-13&mode=last+N+days&days=3&lat=48.6&lon=38.0&zoom=11&types=capture&types=advance")
    frame = map_frame(page)
    assert page.get_by_text("2023-02-13").first.is_visible()
    assert page.get_by_text("last 3 days").first.is_visible()
    assert zoom(frame) == 11
    center = frame.evaluate("() => window.map.getCenter()")
    assert abs(center["lat"] - 48.6) < 0.01 and abs(center["lng"] - 38.0) < 0.01
    shown = page.get_by_text("shown for 2023-02-13").first.inner_text()
    assert "(last 3 days)" in shown


def test_article_html_is_shown_as_text(server, page):
    page.goto(server)
    map_frame(page)
    page.get_by_text("Demo corpus: Bakhmut").click()
    box = page.get_by_label("…or paste an article")
    box.fill('Russian missiles struck Kherson <script>alert("x")</script> and '
             '<img src=x onerror="alert(\'y\')"> overnight.')
    box.press("Control+Enter")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not page.get_by_text("1 articles").count():
        page.wait_for_timeout(200)
    frame = map_frame(page)
    _idle(page)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and events_shown(frame) != 1:
        page.wait_for_timeout(200)
    frame.evaluate("""() => window.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.feature)
                          l.fire('click', {latlng: l.getLatLng()}, true); })""")  # its click, as a mouse's bubbles
    popup = frame.wait_for_selector(".leaflet-popup-content", timeout=10_000).inner_text()
    assert '<script>alert("x")</script>' in popup and "onerror" in popup
    assert frame.query_selector("img[onerror]") is None
    assert page.dialogs == []


def test_viewer_link_cannot_edit_and_an_editors_correction_reaches_another_session(new_page, gaz, tmp_path):
    with streamlit_server(env={"FRONTLINE_EDITOR_PASSWORD": "s3cret", "FRONTLINE_DATA": str(tmp_path)}) as url:
        viewer = new_page()
        viewer.goto(url)
        map_frame(viewer)
        assert viewer.get_by_text("(viewer)").count() == 1
        assert viewer.get_by_text("Add articles").count() == 0
        assert viewer.get_by_text("Correct an event").count() == 0
        editor = new_page()
        editor.goto(url)
        map_frame(editor)
        editor.get_by_label("Editor password").fill("s3cret")
        editor.get_by_label("Editor password").press("Enter")
        editor.get_by_text("Correct an event").click()
        editor.get_by_label("Why (kept in the history)").fill("retracted by the ministry")
        editor.get_by_label("Why (kept in the history)").press("Enter")
        editor.get_by_role("button", name="Save correction").click()
        editor.get_by_text("Saved:").wait_for(timeout=30_000)
        other = new_page()
        other.goto(url)
        map_frame(other)
        other.get_by_text("retracted by the ministry").wait_for(timeout=30_000)
        assert other.get_by_text("Correct an event").count() == 0


def _control_file(folder, lon: float) -> str:
    """A dated control layer: one square whose west edge is at ``lon``."""
    import json

    ring = [[lon, 48.5], [lon + 0.2, 48.5], [lon + 0.2, 48.7], [lon, 48.7], [lon, 48.5]]
    path = folder / f"{lon}" / "occupied_2023-05-01.geojson"  # the same file name in both sessions
    path.parent.mkdir()
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"fill": "#a52714"}, "geometry": {"type": "Polygon", "coordinates": [ring]}}]}))
    return str(path)


def _control_west_edges(page) -> set[float]:
    """West edges of the control polygons on this page's map (polling: the upload reruns the app)."""
    js = """() => { const out = []; window.map.eachLayer(l => {
        if (l instanceof L.Polygon) {
            out.push(Math.round(l.getBounds().getWest() * 100) / 100); } }); return out; }"""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                found = frame.evaluate(js)
            except Exception:  # noqa: BLE001 - frames come and go while Streamlit renders
                continue
            if 37.0 in found or 38.5 in found:
                return set(found)
        page.wait_for_timeout(250)
    return set()


def test_two_sessions_uploading_files_of_the_same_name_each_see_their_own(server, new_page, tmp_path):
    pages = []
    for lon in (37.0, 38.5):
        pg = new_page()
        pg.goto(server)
        map_frame(pg)
        _idle(pg)  # the map's own first rerun is over: the uploader will not be redrawn under the click
        buttons = pg.locator("section[data-testid='stSidebar'] [data-testid='stFileUploader'] button")
        with pg.expect_file_chooser() as chooser:
            buttons.nth(1).click()  # the second uploader: control areas
        chooser.value.set_files(_control_file(tmp_path, lon))
        _idle(pg)
        pages.append((lon, pg))
    for lon, pg in pages:
        edges = _control_west_edges(pg) & {37.0, 38.5}
        assert edges == {lon}, f"the session that uploaded the square at {lon} saw {edges}"


def test_junk_query_parameters_show_no_exception(server, page):
    page.goto(server + "?zoom=1e309&lat=nan&lon=nan&date=garbage&layers=Nope")
    map_frame(page)
    page.get_by_text("not a place on the map").first.wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in page.content()


def _idle(page, timeout_s: float = 60) -> None:
    """Until the page is whole (a session's first run draws only the map; the table comes with the rerun the
    map's first report makes) and the app's script has not been running for a second (five polls in a row)."""
    js = "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')"
    whole = "() => !!document.querySelector('[data-testid=stDataFrame], [data-testid=stCode]')"
    with contextlib.suppress(Exception):  # a page with no table (an archive, an empty corpus) waits no longer
        page.wait_for_function(whole, timeout=10_000)
    calm, deadline = 0, time.monotonic() + timeout_s
    while calm < 5 and time.monotonic() < deadline:
        calm = calm + 1 if page.evaluate(js) == "notRunning" else 0
        page.wait_for_timeout(200)


def test_a_viewer_gets_no_uploads_fetches_or_costly_exports_and_guessing_locks_out(new_page, tmp_path):
    with streamlit_server(env={"FRONTLINE_EDITOR_PASSWORD": "s3cret", "FRONTLINE_DATA": str(tmp_path)}) as url:
        viewer = new_page()
        viewer.goto(url)
        map_frame(viewer)
        assert viewer.locator("[data-testid='stFileUploader']").count() == 0
        assert viewer.get_by_text("Exact geometry from OpenStreetMap").count() == 0
        viewer.get_by_text("Export this view").click()
        viewer.get_by_text("Format").first.wait_for()
        assert viewer.get_by_text("gif", exact=True).count() == 0 and viewer.get_by_text("mp4", exact=True).count() == 0
        box = viewer.get_by_label("Editor password")
        for k in range(5):
            box.fill(f"guess{k}")
            box.press("Enter")
            _idle(viewer)  # each try is its own run of the script, as a person's would be
            viewer.get_by_text("Wrong password").first.wait_for(timeout=30_000)
        box.fill("s3cret")  # the sixth try within a minute, and the right one
        box.press("Enter")
        viewer.get_by_text("Too many wrong passwords").wait_for(timeout=30_000)
        assert viewer.get_by_text("Correct an event").count() == 0


def test_an_archive_is_counts_until_zoomed_in_and_the_map_asks_per_view(new_page, gaz, data_dir):
    def caption(page) -> str:
        return page.get_by_text("Archive:").first.inner_text()

    with streamlit_server(env={"FRONTLINE_ARCHIVE_ABOVE": "10", "FRONTLINE_DATA": data_dir}) as url:
        page = new_page(width=1440, height=900)
        page.goto(url)
        frame = map_frame(page)
        _idle(page)
        overview = caption(page)
        assert "counts in" in overview and frame.query_selector(".fm-count") is not None  # labelled cells
        frame.click(".leaflet-control-zoom-in")  # the browser reports the new box; the server counts it
        deadline = time.monotonic() + 30
        while caption(page) == overview and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert caption(page) != overview
        page.goto(url + "?lat=48.14&lon=37.75&zoom=13")  # Avdiivka: one report in view
        map_frame(page)
        _idle(page)
        assert "· 1 in view · 1 event drawn" in caption(page)
        assert marker_count(map_frame(page)) == 1


def test_the_copied_link_keeps_every_value_of_a_filter(server, new_page):
    first = new_page()
    first.goto(server + "?statuses=reported&statuses=denied&statuses=contested&types=fighting&types=capture"
                        "&types=strike")
    map_frame(first)
    _idle(first)
    shown = first.get_by_text("shown for").first.inner_text()
    link = first.locator("[data-testid=stCode]").last.inner_text().strip()
    assert link.count("statuses=") == 3 and link.count("types=") == 3
    fresh = new_page()  # a colleague's browser
    fresh.goto(link)
    map_frame(fresh)
    _idle(fresh)
    assert fresh.get_by_text("shown for").first.inner_text() == shown


def test_every_event_marker_takes_its_own_click(server, page):
    page.goto(server + "?layers=Control+areas&layers=Supply+routes&layers=Events")  # the zone covers markers
    frame = map_frame(page)
    _idle(page)
    where = """ll => { const p = window.map.latLngToContainerPoint(ll); return [p.x, p.y]; }"""
    spots = frame.evaluate("""() => { const out = [];
        window.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.feature && l.feature.properties) {
            const p = window.map.latLngToContainerPoint(l.getLatLng()); out.push([p.x, p.y, l.getLatLng()]); } });
        return out; }""")
    # what the layer control does when a user turns areas or roads back on: they come to the front
    frame.evaluate("() => window.map.eachLayer(l => { if (l.bringToFront && !(l instanceof L.CircleMarker)) "
                   "l.bringToFront(); })")
    box = frame.locator(".leaflet-container").bounding_box()
    targets = list({(round(x / 8), round(y / 8)): ll for x, y, ll in spots  # markers on one spot: one target
                    if 40 < x < box["width"] - 60 and 40 < y < box["height"] - 40}.values())
    assert len(targets) >= 5
    missed = []
    for ll in targets:  # each marker brought to the middle first: no popup's pan or corner control hides it
        # map.stop() ends the last popup's auto-pan (a 0.25 s animation that would carry on after the jump below
        # and move the marker away from the pixel clicked)
        frame.evaluate(f"() => {{ window.map.stop(); window.map.closePopup(); "
                       f"window.map.panTo(L.latLng({ll['lat']}, {ll['lng']}), {{animate: false}}); }}")
        x, y = frame.evaluate(f"() => ({where})(L.latLng({ll['lat']}, {ll['lng']}))")
        page.mouse.click(box["x"] + x, box["y"] + y)  # a real click at the marker's pixel
        try:
            frame.wait_for_selector(".leaflet-popup-content", timeout=2000)
            # the click reports the marker to the server, whose rerun redraws the map's groups: the next click
            # waits for it, as a reader's next click comes after the page has answered (a click landing in the
            # middle of that redraw can be lost: see the closing note of 2026-12-03)
            _idle(page)
        except Exception:  # noqa: BLE001 - no popup: say what took the click
            hit = frame.evaluate(f"() => {{ const e = document.elementFromPoint({x}, {y}); "
                                 "return e ? e.tagName + '.' + e.getAttribute('class') : 'nothing'; }")
            missed.append((ll, hit))
    assert not missed, f"{len(missed)} of {len(targets)} markers took no click: {missed}"


def test_a_place_lands_on_the_same_relative_spot_in_the_export_as_on_screen(server, page):
    from frontline_map.layers.static_map import MAP_FRAME, frame_extent, mercator

    page.goto(server + "?lat=48.62&lon=37.9&zoom=10")
    frame = map_frame(page)
    _idle(page)
    seen = frame.evaluate("""() => { let ll = null; window.map.eachLayer(l => {
            if (l instanceof L.CircleMarker && l.feature && l.feature.properties.p === 'Bakhmut') ll = l.getLatLng(); });
        const p = window.map.latLngToContainerPoint(ll), s = window.map.getSize(), b = window.map.getBounds();
        return {x: p.x / s.x, y: p.y / s.y, w: s.x, h: s.y, lat: ll.lat, lng: ll.lng,
                box: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]}; }""")
    size = (round(seen["w"] / MAP_FRAME[2]), round(seen["h"] / MAP_FRAME[3]))  # an export whose map is the screen's
    x0, y0, x1, y1 = frame_extent(tuple(seen["box"]), size)  # what "Export this view" frames
    mx, my = mercator(seen["lng"], seen["lat"])
    assert abs((mx - x0) / (x1 - x0) - seen["x"]) < 0.01
    assert abs((y1 - my) / (y1 - y0) - seen["y"]) < 0.01


def test_clicking_a_place_puts_its_events_first_in_the_table(server, page):
    page.goto(server)
    frame = map_frame(page)
    _idle(page)
    frame.evaluate("""() => { let ll = null; window.map.eachLayer(l => {
        if (l instanceof L.CircleMarker && l.feature && l.feature.properties.p === 'Bakhmut') ll = l.getLatLng(); });
        window.map.panTo(ll, {animate: false}); }""")
    box = frame.locator(".leaflet-container").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # Bakhmut is in the middle now
    popup = frame.wait_for_selector(".leaflet-popup-content", timeout=5000).inner_text()
    assert popup.startswith("Bakhmut: ") and "events" in popup  # one circle, every event there listed
    page.get_by_text("Selected on the map: Bakhmut").wait_for(timeout=20_000)
    panel = page.get_by_text("Selected: Bakhmut —").first
    assert panel.is_visible()  # the detail panel: every event there, quoted, with its source and article
    details = page.locator("[data-testid=stExpanderDetails]").filter(has_text="article:").first.inner_text()
    assert "source " in details and "“" in details and "correction" in details


@pytest.mark.parametrize("kind", ["mbtiles", "pmtiles"])
def test_a_newsrooms_own_tile_file_is_the_base_map_with_its_credit(new_page, gaz, tmp_path, kind):
    sys.path.insert(0, str(ROOT / "tests" / "geo" / "io"))
    from test_mbtiles import write_mbtiles, write_pmtiles

    tiles = [(9, x, y, "#d8e4c8") for x in range(303, 317) for y in range(173, 183)]  # around Bakhmut at zoom 9
    write = write_mbtiles if kind == "mbtiles" else write_pmtiles
    src = write(tmp_path / f"newsroom.{kind}", tiles, attribution="© Our Newsroom cartography")
    with streamlit_server(env={"FRONTLINE_TILES": str(src), "FRONTLINE_DATA": str(tmp_path / "data")}) as url:
        page = new_page()
        page.goto(url)
        frame = map_frame(page, timeout_s=150)  # a fresh store: the demo corpus is stored on this first visit
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not frame.query_selector_all("img.leaflet-tile-loaded"):
            page.wait_for_timeout(200)
        loaded = [i.get_attribute("src") for i in frame.query_selector_all("img.leaflet-tile-loaded")]
        assert loaded and all("/app/static/tiles/" in s for s in loaded)  # served by this server, from the file
        assert "Our Newsroom cartography" in frame.locator(".leaflet-control-attribution").inner_text()


def test_event_names_are_never_drawn_under_the_time_bar_or_the_legend(server, page):
    page.goto(server + "?lat=48.6&lon=37.9&zoom=9")  # Lyman's axis ring sits right under the time bar here
    frame = map_frame(page)
    _idle(page)
    hidden = frame.evaluate("""() => { const over = (a, b) => !(a.right <= b.left || b.right <= a.left ||
            a.bottom <= b.top || b.bottom <= a.top);
        const controls = [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect());
        const ink = t => { const r = document.createRange(); r.selectNodeContents(t); return r.getBoundingClientRect(); };
        const names = [...document.querySelectorAll('.fm-label')];
        return {n: names.length, hidden: names.filter(t => controls.some(c => over(ink(t), c))).map(t => t.textContent)}; }""")
    assert hidden["n"] >= 5 and hidden["hidden"] == []


def test_a_first_start_builds_the_gazetteer_under_a_progress_bar_with_the_time_left(new_page, tmp_path):
    """No built index (a fresh machine started without `frontline gazetteer build`): the first page builds
    it and says how long is left, measured as it goes; a second page opened meanwhile shows the same."""
    with streamlit_server(env={"FRONTLINE_CACHE": str(tmp_path / "cache")}) as url:
        first, second = new_page(), new_page()
        first.goto(url)
        seen: list[str] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any("s left" in t for t in seen):
            seen.append(first.locator("[data-testid=stProgress]").all_inner_texts()[-1:][0]
                        if first.locator("[data-testid=stProgress]").count() else "")
            first.wait_for_timeout(100)
        assert any("Building the offline gazetteer" in t and "s left" in t for t in seen), seen[-5:]
        second.goto(url)
        second.wait_for_selector("[data-testid=stProgress]", timeout=60_000)  # the builder's progress, followed
        assert "Building the offline gazetteer" in second.locator("[data-testid=stProgress]").inner_text()
        for pg in (first, second):
            assert settled_count(pg, map_frame(pg, timeout_s=120), events_shown) > 0  # then the map, as usual
            assert pg.locator("[data-testid=stProgress]").count() == 0
    assert list((tmp_path / "cache").glob("gazetteer-*.pkl")) and not (tmp_path / "cache" / "gazetteer-build.json").exists()


def _under_legend(frame) -> list[str]:
    return frame.evaluate("""() => { const T = window.FrontlineTime, m = T.map, f = m.getContainer().getBoundingClientRect(),
            r = document.querySelector('.frontline-legend').getBoundingClientRect(), out = [];
        T.count.forEach((n, s) => { if (!n) return; const p = m.latLngToContainerPoint([T.data.spots[s][0], T.data.spots[s][1]]);
            const x = p.x + f.left, y = p.y + f.top;
            if (x > r.left && x < r.right && y > r.top && y < r.bottom) out.push(T.data.spots[s][2]); });
        return out; }""")


def test_the_legend_moves_off_events_in_the_lower_left_corner(server, page):
    page.goto(server + "?lat=48.9&lon=38.75&zoom=9")  # Bakhmut and Soledar in the lower-left, the right side empty
    frame = map_frame(page)
    _idle(page)
    assert frame.locator(".leaflet-container").get_attribute("data-legend") == "bottomright"
    assert _under_legend(frame) == []
    page.goto(server + "?lat=48.6&lon=37.9&zoom=9")  # nothing under it in its own corner: it stays there
    frame = map_frame(page)
    _idle(page)
    assert frame.locator(".leaflet-container").get_attribute("data-legend") is None and _under_legend(frame) == []


_NAMES_UNDER_LEGEND = """() => { const l = document.querySelector('.frontline-legend').getBoundingClientRect(), out = [];
    const ink = t => { const r = document.createRange(); r.selectNodeContents(t); return r.getBoundingClientRect(); };
    document.querySelectorAll('.leaflet-marker-pane div, .leaflet-fmBaseLabels-pane div, .fm-label').forEach(t => {
        const r = ink(t);  // the names' own text, not the boxes that hold them
        if (!t.children.length && t.textContent && r.width
                && r.left < l.right && l.left < r.right && r.top < l.bottom && l.top < r.bottom)
            out.push(t.textContent); });
    return out; }"""


def test_on_a_small_screen_the_legend_starts_folded_and_names_move_when_it_opens(new_page):
    """At 1280x720 the open legend covered a third of the map (Kostiantynivka's and Druzhkivka's names): there
    it starts folded; opened, the names under it move; at 1440x900 it starts open. Its own server: the shared
    one holds other tests' articles, whose names would change what lies in that corner."""
    legend_open = "() => document.querySelector('.frontline-legend details').open"
    with streamlit_server() as url:
        small = new_page(width=1280, height=720)
        small.goto(url)
        frame = map_frame(small)
        _idle(small)
        assert frame.evaluate(legend_open) is False
        names = {e.inner_text().split(" · ")[0] for e in frame.query_selector_all(".fm-label")}
        assert "Kostiantynivka" in names and frame.evaluate(_NAMES_UNDER_LEGEND) == []
        frame.click(".frontline-legend summary")  # the reader opens it: it stays open, and names keep clear
        small.wait_for_timeout(300)
        assert frame.evaluate(legend_open) is True
        assert frame.evaluate("() => document.querySelector('.frontline-legend').getBoundingClientRect().height") > 150
        assert frame.evaluate(_NAMES_UNDER_LEGEND) == []
        large = new_page(width=1440, height=900)
        large.goto(url)
        frame = map_frame(large)
        _idle(large)
        assert frame.evaluate(legend_open) is True and frame.evaluate(_NAMES_UNDER_LEGEND) == []
