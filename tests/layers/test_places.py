import folium
from helpers import mentions_gdf

from frontline_map.layers import places
from frontline_map.layers.assets import install_static
from frontline_map.layers.mapview import build_map


def test_popups_escape_article_text(gaz):
    text = 'Shelling hit Kharkiv <script>alert(1)</script> and <img src=x onerror="alert(2)"> Sumy.'
    gdf = mentions_gdf(text, gaz)
    data = places.to_geojson(gdf)
    assert sorted(f["properties"]["place"] for f in data["features"]) == ["Kharkiv", "Sumy"]
    popups = " ".join(f["properties"]["popup"] for f in data["features"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popups and "<script>" not in popups
    html = build_map([places.build(gdf)]).get_root().render()
    assert "<script>alert(1)</script>" not in html and 'onerror="alert(2)"' not in html


def test_places_are_summarised_with_counts(gaz):
    gdf = mentions_gdf("Bakhmut held. Bakhmut was shelled. Soledar fell.", gaz)
    summary = places.summarise_places(gdf).set_index("name")
    assert summary.loc["Bakhmut", "mentions"] == 2 and summary.loc["Soledar", "mentions"] == 1
    sizes = {f["properties"]["place"]: f["properties"]["style"]["radius"] for f in places.to_geojson(gdf)["features"]}
    assert sizes["Bakhmut"] > sizes["Soledar"]


def test_map_uses_no_cdn(gaz, tmp_path):
    gdf = mentions_gdf("Fighting near Bakhmut.", gaz)
    group = places.build(gdf)
    assert any(isinstance(c, folium.GeoJson) for c in group._children.values())
    html = build_map([group]).get_root().render()
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "code.jquery" not in html
    assert "/app/static/vendor/leaflet.js" in html
    vendor = install_static(tmp_path)
    assert (vendor / "leaflet.js").stat().st_size > 100_000
    assert ".leaflet-container" in (vendor / "leaflet.css").read_text(encoding="utf-8")
