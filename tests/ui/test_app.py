"""Smoke tests of the Streamlit script, headless (st_folium returns its defaults here)."""

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

APP = str(ROOT / "app.py")


def opened(at: AppTest) -> AppTest:
    """What a browser's first visit runs: the first run draws the map, whose first report reruns the script."""
    return at.run().run()


def run() -> AppTest:
    return opened(AppTest.from_file(APP, default_timeout=120))


def test_the_first_run_draws_the_map_and_the_rerun_the_controls_and_the_rest():
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception and not at.dataframe and not at.sidebar.text_area  # no table, no upload boxes yet
    assert not at.sidebar.multiselect and not at.sidebar.selectbox and not at.sidebar.checkbox  # no widget yet
    assert any(c.value.startswith("6 articles") for c in at.caption)
    at.run()
    assert at.dataframe and at.sidebar.text_area(key="pasted") and at.sidebar.multiselect(key="layers")


def _both_readings() -> None:
    """A script: the view's filters read from the link alone (a first run) and by the widgets (the rerun)."""
    import datetime as dt

    import pandas as pd
    import streamlit as st

    from frontline_map.ui import sidebar
    events = pd.DataFrame({"sources": [["UK Ministry of Defence"], ["General Staff of Ukraine"]]})
    span = (dt.date(2023, 1, 1), dt.date(2023, 5, 21))
    first = sidebar.link_filters(events, *span, basemaps=sidebar.BASEMAPS)
    widgets = sidebar.filters(events, *span, in_browser=True, basemaps=sidebar.BASEMAPS, heading=False)
    st.text(repr(first))
    st.text(repr(widgets))


@pytest.mark.parametrize("link", [
    {},
    {"statuses": ["claimed", "contested"], "types": ["capture", "strike"], "layers": ["Events", "Places"]},
    {"mode": "last N days", "days": "30", "date": "2023-02-10", "basemap": "Plain", "range": "x"},
    {"sources": ["UK Ministry of Defence"], "actors": ["russia", "nonsense"], "days": "0", "mode": "all"},
    {"sources": "", "types": ["nonsense"], "basemap": "Google", "days": "many"},
])
def test_the_first_run_reads_the_link_as_the_widgets_then_do(link):
    """The first run draws no widget but must show what the widgets will, or the map redraws at once."""
    at = AppTest.from_function(_both_readings, default_timeout=60)
    for key, value in link.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    first, widgets = (t.value for t in at.text)
    assert first == widgets


def test_app_opens_on_the_demo_corpus():
    at = run()
    assert not at.exception
    assert any(c.value.startswith("6 articles") for c in at.caption)
    table = at.dataframe[0].value
    assert "Bakhmut" in set(table["place"]) and {"date", "type", "status", "source"} <= set(table.columns)
    assert not at.slider  # the date is the map's own time bar (layers/timeline.js), not a server widget
    assert at.query_params["date"] == "2023-05-21" and "25 shown for 2023-05-21" in at.caption[0].value


def test_the_date_the_map_reports_and_the_filters_change_the_table():
    at = run()
    everything = len(at.dataframe[0].value)
    at.session_state["map"] = {"fm_day": "2023-01-13"}  # what the time bar sends when the user lets go
    at.run()
    assert 0 < len(at.dataframe[0].value) < everything
    assert at.query_params["date"] == "2023-01-13" and "shown for 2023-01-13" in at.caption[0].value
    at.sidebar.multiselect(key="types").set_value(["capture"]).run()
    assert set(at.dataframe[0].value["type"]) <= {"capture"}


def test_a_link_with_a_date_opens_on_it_and_a_date_outside_the_corpus_is_clamped():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["date"] = "2023-02-10"
    opened(at)
    assert "shown for 2023-02-10" in at.caption[0].value
    late = AppTest.from_file(APP, default_timeout=120)
    late.query_params["date"] = "2031-01-01"
    opened(late)
    assert not late.exception and "shown for 2023-05-21" in late.caption[0].value


def test_pasted_article_is_parsed_and_a_bad_upload_is_a_message():
    at = run()
    at.sidebar.checkbox(key="demo").uncheck().run()
    assert any("add an article" in i.value for i in at.info)
    at.sidebar.text_area(key="pasted").input("Russian missiles struck Kherson <script>x()</script> overnight.").run()
    assert not at.exception
    assert list(at.dataframe[0].value["place"]) == ["Kherson"]
    assert any("no publication date" in w.value for w in at.sidebar.warning)


def test_control_layers_drive_the_route_panel(tmp_path, monkeypatch):
    import json

    ring = [[37.95, 48.55], [38.1, 48.55], [38.1, 48.7], [37.95, 48.7], [37.95, 48.55]]
    for day in ("2023-02-01", "2023-03-01"):
        feature = {"type": "Feature", "properties": {"fill": "#a52714"}, "geometry": {"type": "Polygon",
                                                                                      "coordinates": [ring]}}
        (tmp_path / f"occupied_{day}.geojson").write_text(json.dumps({"type": "FeatureCollection",
                                                                      "features": [feature]}))
    monkeypatch.setenv("FRONTLINE_CONTROL", str(tmp_path))
    at = run()
    assert not at.exception
    assert any("within 15 km of enemy-held area" in h.value for h in at.subheader)
    table = at.dataframe[-1].value
    assert set(table["route"]) >= {"M03", "H32"} and (table["km_cut"] >= 0).all()
    assert any("Approximate geometry" in c.value for c in at.caption)


def test_export_panel_prepares_a_download():
    at = run()
    at.radio(key="export_fmt").set_value("geojson").run()
    at.button(key="export_go").click().run()
    assert not at.exception and not at.error


def test_viewer_cannot_edit_and_editor_correction_is_recorded(monkeypatch):
    monkeypatch.setenv("FRONTLINE_EDITOR_PASSWORD", "s3cret")
    viewer = run()
    assert not viewer.exception
    assert not [b for b in viewer.button if b.key in ("fix_save", "ingest")]
    assert not [t for t in viewer.sidebar.text_area if t.key == "pasted"]
    assert any("viewer" in c.value for c in viewer.sidebar.caption)
    editor = run()
    editor.sidebar.text_input(key="pw").input("wrong").run()
    assert any("Wrong password" in e.value for e in editor.sidebar.error)
    editor.sidebar.text_input(key="pw").input("s3cret").run()
    editor.sidebar.text_input(key="editor_name").input("Ana").run()
    editor.selectbox(key="fix_field").set_value("status").run()
    editor.selectbox(key="fix_value").set_value("denied").run()
    editor.text_input(key="fix_why").input("the ministry retracted it").run()
    editor.button(key="fix_save").click().run()
    assert any("Saved" in s.value for s in editor.success)
    again = run()  # a second, independent session sees the correction and its history
    assert any("retracted" in t.value and "Ana" in t.value for t in again.text)
    assert "denied" in set(again.dataframe[0].value["status"])


def test_editor_moves_a_place_and_sets_a_road_status(monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTLINE_DB", str(tmp_path / "store"))
    at = run()
    at.selectbox(key="place_pick").set_value("Kostiantynivka").run()
    options = at.selectbox(key="place_new").options
    assert any(o.startswith("runner-up: Kostiantynivka") for o in options)
    at.text_input(key="place_why").input("wrong namesake").run()
    at.button(key="place_save").click().run()
    assert any("Saved: Kostiantynivka" in s.value for s in at.success)
    at.selectbox(key="route_pick").set_value("T1302").run()
    at.selectbox(key="route_status").set_value("cut").run()
    at.text_input(key="route_why").input("bridge down").run()
    at.button(key="route_save").click().run()
    again = run()
    notes = " ".join(t.value for t in again.text)
    assert "place Kostiantynivka" in notes and "route T1302" in notes and "bridge down" in notes
    # every event there moved to the chosen namesake: a Kostiantynivka too (GeoNames' "Kostyantynivka" is shown in
    # Ukraine's own spelling), so the store's correction says where they went, far from the Donetsk town
    import json

    from frontline_map.geo.store.sql import Store

    (fix,) = [c for c in Store(tmp_path / "store").corrections() if c["target"] == "place"]
    new = json.loads(fix["new"])
    assert (fix["key"], fix["old"], new["name"]) == ("Kostiantynivka", "48.5273, 37.7059", "Kostiantynivka")
    assert abs(new["lat"] - 48.5273) + abs(new["lon"] - 37.7059) > 1  # another oblast's, not the town's own point


def test_osm_fetch_failure_is_a_message_not_a_crash():
    at = run()
    at.sidebar.text_input(key="osm_url").input("http://127.0.0.1:9/api/interpreter").run()
    at.sidebar.button(key="osm_fetch").click().run()
    assert not at.exception
    assert any("could not be reached" in e.value for e in at.sidebar.error)


def test_osm_fetch_from_a_local_overpass_replaces_the_line():
    import threading
    from http.server import ThreadingHTTPServer

    from fakes import WAYS, _Overpass

    _Overpass.answer = WAYS
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Overpass)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        at = run()
        at.sidebar.selectbox(key="osm_ref").set_value("H32").run()
        at.sidebar.text_input(key="osm_url").input(f"http://127.0.0.1:{httpd.server_address[1]}/api").run()
        at.sidebar.button(key="osm_fetch").click().run()
        assert any("H32: OpenStreetMap geometry loaded" in s.value for s in at.sidebar.success)
    finally:
        httpd.shutdown()


def test_timelapse_from_the_dashboard():
    at = run()
    at.radio(key="export_fmt").set_value("gif").run()
    at.number_input(key="export_step").set_value(30).run()
    at.button(key="export_go").click().run()
    assert not at.exception and not at.error
    assert any("static engine" in c.value for c in at.caption)


def test_a_new_server_process_draws_the_stored_corpus_without_parsing(monkeypatch):
    import streamlit as st

    first = run()  # stores the demo corpus: each article parsed once
    assert not first.exception
    st.cache_resource.clear()  # what a fresh server process starts with
    st.cache_data.clear()

    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr("frontline_map.services.parse_document", refuse)
    monkeypatch.setattr("frontline_map.ui.resources.parse_document", refuse)
    again = run()
    assert not again.exception
    assert any(c.value.startswith("6 articles") for c in again.caption)
    assert len(again.dataframe[0].value) == len(first.dataframe[0].value)


def test_history_is_text_never_markdown(monkeypatch):
    at = run()
    at.selectbox(key="fix_field").set_value("status").run()
    at.selectbox(key="fix_value").set_value("denied").run()
    at.text_input(key="fix_why").input("see ![px](http://127.0.0.1:9/pixel.png) and **bold**").run()
    at.button(key="fix_save").click().run()
    again = run()
    assert any("![px](http://127.0.0.1:9/pixel.png)" in t.value for t in again.text)
    assert not any("pixel.png" in m.value for m in again.markdown)


@pytest.mark.parametrize("query", [{"zoom": "1e309"}, {"lat": "nan", "lon": "nan"}, {"zoom": "-1000"},
                                   {"lat": "1e308"}, {"lat": "x"}])
def test_junk_view_parameters_show_no_exception(query):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    opened(at)
    assert not at.exception
    assert at.dataframe and len(at.dataframe[0].value) > 0


def test_viewers_get_no_uploads_fetches_or_costly_exports(monkeypatch):
    monkeypatch.setenv("FRONTLINE_EDITOR_PASSWORD", "s3cret")
    at = run()
    assert not at.exception
    assert not [b for b in at.button if b.key in ("osm_fetch", "ingest")]
    assert not [t for t in at.text_input if t.key == "osm_url"]
    assert set(at.radio(key="export_fmt").options) == {"png", "pdf", "svg", "html", "geojson", "gpkg", "kml", "csv"}
    assert at.selectbox(key="export_engine").options == ["static"]


def test_the_sixth_wrong_password_in_a_minute_is_refused_even_when_right(monkeypatch):
    from frontline_map.ui.newsroom import _gate

    _gate.clear()
    monkeypatch.setenv("FRONTLINE_EDITOR_PASSWORD", "s3cret")
    at = run()
    for k in range(5):
        at.sidebar.text_input(key="pw").input(f"wrong{k}").run()
    at.sidebar.text_input(key="pw").input("s3cret").run()
    assert any("Too many wrong passwords" in e.value for e in at.sidebar.error)
    assert not [b for b in at.button if b.key == "fix_save"]  # still a viewer
    _gate.clear()


def _read_only_postgres(url: str, how: str) -> str:
    """The demo corpus in ``url``, then made read-only: the whole database, or a role that may only SELECT."""
    import sqlalchemy as sa
    from helpers import DEMO

    from frontline_map import services
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.io.documents import read_document
    from frontline_map.geo.store.sql import Store

    store = Store(url)
    services.ingest(store, [read_document(str(p)) for p in sorted(DEMO.glob("*.txt"))], load_gazetteer(), who="ana")
    store.engine.dispose()
    admin = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    name = url.rsplit("/", 1)[1]
    with admin.connect() as conn:
        if how == "database":
            conn.exec_driver_sql(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
            admin.dispose()
            return url
        reader = f"reader_{name[-10:]}"
        conn.exec_driver_sql(f"DROP ROLE IF EXISTS {reader}")
        conn.exec_driver_sql(f"CREATE ROLE {reader} LOGIN PASSWORD 'reader'")
        conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}")
    admin.dispose()
    return url.replace(url.split("://", 1)[1].split("@", 1)[0], f"{reader}:reader", 1)


@pytest.mark.parametrize("how", ["database", "role"])
def test_a_read_only_store_gives_read_only_mode(how, monkeypatch):
    from helpers import pg_database

    with pg_database() as url:
        monkeypatch.setenv("FRONTLINE_DB", _read_only_postgres(url, how))
        monkeypatch.setenv("FRONTLINE_ADMIN_USERS", "")
        at = run()
        assert not at.exception
        assert any("Read-only mode" in w.value for w in at.warning)
        assert any(c.value.startswith("6 articles") for c in at.caption)  # the stored corpus is shown
        assert "Bakhmut" in set(at.dataframe[0].value["place"])
        assert any("(viewer)" in c.value for c in at.sidebar.caption)  # nobody edits what cannot be written
        if how == "role":
            import sqlalchemy as sa

            with sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                                  isolation_level="AUTOCOMMIT").connect() as conn:
                conn.exec_driver_sql(f"DROP OWNED BY reader_{url.rsplit('/', 1)[1][-10:]}")
                conn.exec_driver_sql(f"DROP ROLE reader_{url.rsplit('/', 1)[1][-10:]}")


def test_an_archive_beyond_the_threshold_is_drawn_as_counts_and_the_slider_still_works(monkeypatch):
    import datetime as dt

    monkeypatch.setenv("FRONTLINE_ARCHIVE_ABOVE", "5")  # the demo's events are an "archive" here
    at = run()
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Archive:"))
    assert "stored reports" in caption and "counts in" in caption
    places = at.dataframe[0].value
    assert list(places.columns) == ["place", "reports"] and "Bakhmut" in set(places["place"])
    before = int(caption.split("·")[1].split()[0].replace(",", ""))
    at.slider(key="date").set_value(dt.date(2023, 1, 13)).run()
    assert not at.exception
    after = next(c.value for c in at.caption if c.value.startswith("Archive:"))
    assert int(after.split("·")[1].split()[0].replace(",", "")) < before  # fewer reports by that date


def test_a_store_whose_events_have_no_runner_up_geocodes_opens_with_the_place_form(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_store import places, write  # events written straight into SQLite, no runner-ups

    write(tmp_path / "data", 300)
    monkeypatch.setenv("FRONTLINE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("FRONTLINE_DB", "")
    at = run()  # with the demo corpus: its events have runner-ups, the stored ones none (NaN once merged)
    stored = sorted(set(at.selectbox(key="place_pick").options) & {p[0] for p in places()})[0]
    at.selectbox(key="place_pick").set_value(stored).run()
    assert not at.exception  # it raised TypeError on that NaN
    assert any(c.value.startswith("9 articles · 325 events") for c in at.caption)


def test_a_link_that_narrows_the_sources_keeps_them_and_opens_the_filters():
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["sources"] = "UK Ministry of Defence"
    opened(at)
    assert not at.exception
    assert at.sidebar.multiselect(key="sources").value == ["UK Ministry of Defence"]
    assert set(at.dataframe[0].value["source"]) == {"UK Ministry of Defence"}
    assert any("(narrowed)" in e.label for e in at.sidebar.expander)


def test_the_correction_pickers_list_at_most_500_and_find_the_rest_by_place(tmp_path, monkeypatch):
    """Every event in the view went to the browser as a picker option: 3.5 MB at 100,000 events.
    (Here the cap is 100, over 600 stored events at about 400 place names.)"""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_store import write

    from frontline_map.ui import newsroom

    assert newsroom.PICK_MAX == 500
    monkeypatch.setattr(newsroom, "PICK_MAX", 100)
    write(tmp_path / "data", 600)
    monkeypatch.setenv("FRONTLINE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("FRONTLINE_DB", "")
    at = run()
    assert not at.exception
    assert len(at.selectbox(key="fix_event").options) == 100
    assert len(at.selectbox(key="place_pick").options) == 100
    at.text_input(key="fix_find").input("Bakhmut").run()
    found = at.selectbox(key="fix_event").options
    assert 0 < len(found) < 100 and all(o.startswith("Bakhmut") for o in found)  # the demo's Bakhmut events
    at.text_input(key="place_find").input("bakhmut").run()
    assert at.selectbox(key="place_pick").options == ["Bakhmut"]
