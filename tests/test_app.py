"""Smoke tests of the Streamlit script, headless (st_folium returns its defaults here)."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).parent.parent / "app.py")


def run() -> AppTest:
    return AppTest.from_file(APP, default_timeout=120).run()


def test_app_opens_on_the_demo_corpus():
    at = run()
    assert not at.exception
    assert any(c.value.startswith("6 articles") for c in at.caption)
    table = at.dataframe[0].value
    assert "Bakhmut" in set(table["place"]) and {"date", "type", "status", "source"} <= set(table.columns)
    assert [str(s.value) for s in at.slider] == ["2023-05-21"]


def test_slider_and_filters_change_the_table():
    at = run()
    everything = len(at.dataframe[0].value)
    at.slider(key="date").set_value(__import__("datetime").date(2023, 1, 13)).run()
    assert 0 < len(at.dataframe[0].value) < everything
    at.sidebar.multiselect(key="types").set_value(["capture"]).run()
    assert set(at.dataframe[0].value["type"]) <= {"capture"}


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
