import datetime as dt

import folium
from helpers import events_and_rows

from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import events as layer
from frontline_map.layers.mapview import build_map


def demo_events(gaz, text, day=dt.date(2023, 2, 6)):
    return events_to_gdf(events_and_rows(text, gaz, doc="t", published=day)[0])


def test_geojson_features_carry_text_fields_for_a_textcontent_popup(gaz):
    gdf = demo_events(gaz, 'Russian artillery shelled Kharkiv <img src=x onerror="alert(1)"> yesterday.')
    data = layer.to_geojson(gdf)
    (feature,) = data["features"]
    assert feature["geometry"]["coordinates"][0] == round(gdf.iloc[0]["lon"], 5)  # GeoJSON is lon, lat
    props = feature["properties"]
    assert props["w"] == "2023-02-05" and props["t"] == "strike" and "<img" in props["q"]
    js = layer.on_each_event(layer.EventsStyle()).js_code
    assert "textContent" in js and "innerHTML" not in js and "bindPopup(p." not in js


def test_layer_renders_in_a_map(gaz):
    gdf = demo_events(gaz, "Russian forces captured Soledar. Shelling hit Kramatorsk and the M03 was cut.")
    group = layer.build(gdf)
    geojson = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    assert len(geojson) == 1 and len(geojson[0].data["features"]) == 2  # the road has no point
    html = build_map([group]).get_root().render()
    assert "Soledar" in html and "cdn.jsdelivr" not in html


def test_dense_layers_cluster_with_local_assets(gaz):
    from folium.plugins import MarkerCluster

    gdf = demo_events(gaz, "Russian forces captured Soledar. Shelling hit Kramatorsk and Bakhmut.")
    group = layer.build(gdf, cluster_above=1)
    (cluster,) = [c for c in group._children.values() if isinstance(c, MarkerCluster)]
    assert all(url.startswith("/app/static/vendor/") for _, url in cluster.default_js + cluster.default_css)
    assert not [c for c in layer.build(gdf)._children.values() if isinstance(c, MarkerCluster)]


def test_popups_name_the_runner_up_places(gaz):
    gdf = demo_events(gaz, "Artillery struck Kostiantynivka on Tuesday, near Bakhmut.")
    (feature,) = [f for f in layer.to_geojson(gdf)["features"] if f["properties"]["p"] == "Kostiantynivka"]
    assert "Kostiantynivka (Zaporizhzhia Oblast)" in feature["properties"]["alt"]  # namesakes an editor may pick


def test_an_undated_event_says_date_unknown_not_nan(gaz):
    import json
    import math

    from frontline_map.layers.events import to_geojson

    events, _ = events_and_rows("Russian forces shelled Kupiansk.", gaz)  # no publication date
    gdf = events_to_gdf(events).assign(date=math.nan, unit=None, denied_by=math.nan)
    (feature,) = to_geojson(gdf)["features"]
    props = feature["properties"]
    assert props["w"] == "date unknown" and "nan" not in json.dumps(props) and "None" not in json.dumps(props)


def test_a_village_placed_by_its_locator_says_so_where_other_readings_are_shown(gaz):
    from helpers import mentions_gdf

    from frontline_map.layers.events import runner_ups

    row = mentions_gdf("Russian forces attacked near Zorianyi Hai (south of Chasiv Yar) on Monday.", gaz)
    village = row[row["name"] == "Zorianyi Hai"].iloc[0]
    assert runner_ups(village["alternatives"]) == ("position approximate: placed 6 km south of Chasiv Yar, as the article "
                                                   "locates it; no table has this village")
