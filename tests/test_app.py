"""Smoke test of the Streamlit script, headless (st_folium returns its defaults here)."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).parent.parent / "app.py")


def test_app_opens_on_the_demo_corpus():
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert any("6 articles" in c.value for c in at.caption)
    assert len(at.dataframe) == 1 and "Bakhmut" in set(at.dataframe[0].value["name"])


def test_pasted_article_is_parsed_and_escaped():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.sidebar.checkbox[0].uncheck().run()
    assert any("add an article" in i.value for i in at.info)
    at.sidebar.text_area[0].input("Shelling hit Kherson <script>x()</script> overnight.").run()
    assert not at.exception
    assert set(at.dataframe[0].value["name"]) == {"Kherson"}
