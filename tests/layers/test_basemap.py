import json

from shapely import unary_union
from shapely.geometry import LineString, Point, shape

from frontline_map.layers import basemap
from frontline_map.layers.mapview import MapView, build_map


def test_the_offline_base_has_borders_coast_rivers_oblasts_and_towns_by_population():
    data = json.loads(basemap.base_data())
    kinds = {f["properties"]["kind"] for f in data["lines"]["features"]}
    assert kinds == {"border", "oblast", "coast", "river", "region"}
    oblast = shape(next(f["geometry"] for f in data["lines"]["features"] if f["properties"]["kind"] == "oblast"))
    # the Donetsk-Luhansk border passes between Lysychansk and Siversk, and no inner border runs along the state border
    assert oblast.distance(LineString([(38.43, 48.90), (38.10, 48.87)])) == 0
    assert oblast.distance(Point(37.61, 48.59)) > 0.3  # Kramatorsk is well inside Donetsk oblast
    state = unary_union([shape(f["geometry"]) for f in data["lines"]["features"] if f["properties"]["kind"] == "border"
                         or f["properties"]["kind"] == "coast"])
    assert oblast.intersection(state.buffer(0.01)).length < 0.02 * oblast.length  # the state border is drawn once
    rivers = {f["properties"]["name"] for f in data["lines"]["features"] if f["properties"]["kind"] == "river"}
    assert {"Dnipro", "Siverskyi Donets"} <= rivers  # the names a reader knows, not "Dnieper"
    regions = {f["properties"]["name"] for f in data["lines"]["features"] if f["properties"]["kind"] == "region"}
    assert {"Donetsk Oblast", "Kharkiv Oblast", "Kherson Oblast"} <= regions
    towns = {t[2]: t[3] for t in data["towns"]}
    assert towns["Bakhmut"] > 50_000 and "Soledar" in towns and min(towns.values()) >= basemap.MIN_POPULATION
    assert [t[3] for t in data["towns"]] == sorted((t[3] for t in data["towns"]), reverse=True)  # biggest first


def test_plain_draws_the_base_at_once_tiles_only_when_they_fail_and_a_file_carries_it_inline():
    plain = build_map([], MapView(basemap="Plain")).get_root().render()
    assert 'always = true' in plain and "basemap_ua.json" in plain and "Dnipro" not in plain  # fetched
    osm = build_map([], MapView(basemap="OpenStreetMap")).get_root().render()
    assert "always = false" in osm and "tileerror" in osm
    standalone = build_map([], MapView(basemap="Plain"), inline_base=True).get_root().render()
    assert "Dnipro" in standalone and "Natural Earth; oblasts" in standalone
