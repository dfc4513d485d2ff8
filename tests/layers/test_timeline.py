import datetime as dt
import json

import folium
from helpers import events_and_rows

from frontline_map.geo.analysis.routes import route_lines
from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import timeline
from frontline_map.layers.mapview import build_map
from frontline_map.layers.registry import LayerInputs, browser_groups

TEXT = ("Russian forces captured Soledar on 12 January 2023. Heavy fighting was reported in Bakhmut on 20 January. "
        "Russian artillery shelled Bakhmut on 3 February. The M03 highway was cut on 5 February. "
        'Shelling hit Kramatorsk <img src=x onerror="alert(1)"> last month.')


def corpus(gaz):
    return events_to_gdf(events_and_rows(TEXT, gaz, doc="t", published=dt.date(2023, 2, 6))[0])


def test_payload_has_one_spot_per_place_day_spans_and_the_road_a_threat_names(gaz):
    gdf = corpus(gaz)
    data, words = timeline.payload(gdf, route_lines(gaz))
    ev = data["ev"]
    places = [s[2] for s in data["spots"]]
    assert sorted(places) == ["Bakhmut", "Kramatorsk", "Soledar"]  # two Bakhmut events, one circle
    bakhmut = places.index("Bakhmut")
    assert sorted(d for d, s in zip(ev["d0"], ev["s"], strict=True) if s == bakhmut) == [
        timeline.day_number(dt.date(2023, 1, 20)), timeline.day_number(dt.date(2023, 2, 3))]
    month = ev["s"].index(places.index("Kramatorsk"))  # "last month": every day of January
    assert (timeline.day_of(ev["d0"][month]), timeline.day_of(ev["d1"][month])) == (dt.date(2023, 1, 1),
                                                                                      dt.date(2023, 1, 31))
    road = ev["road"].index("M03")
    assert ev["s"][road] == -1 and ev["cut"][road] == 1  # drawn as the road's status, not as a dot
    assert {r["ref"] for r in data["roads"]} >= {"M03", "H32"}
    assert "<img" in words["q"][month] and words["w"][month] == "2023-01 (month)"  # the words come apart
    assert len(words["alt"]) == len(data["spots"]) and "sentence" not in json.dumps(data)
    json.dumps([data, words], allow_nan=False)  # plain JSON, no NaN


def test_zone_snapshots_follow_the_fighting_and_a_window_lets_it_go(gaz):
    gdf = corpus(gaz)
    grows = timeline.zone_snapshots(gdf, mode="cumulative", days=7)
    assert [timeline.day_of(d) for d, _ in grows] == [dt.date(2023, 1, 12), dt.date(2023, 1, 20)]
    assert all(z["features"] for _, z in grows)
    window = timeline.zone_snapshots(gdf, mode="window", days=7)
    days = [timeline.day_of(d) for d, z in window if z is None]
    assert dt.date(2023, 1, 19) in days  # Soledar's capture left the 7-day window and nothing else was there


def test_change_days_are_thinned_evenly_past_the_limit():
    assert timeline._thinned(list(range(10)), 20) == list(range(10))
    picked = timeline._thinned(list(range(1000)), 5)
    assert picked == [0, 250, 500, 749, 999]


def test_the_browser_groups_carry_only_a_small_config_and_the_map_carries_the_script(gaz):
    gdf = corpus(gaz)
    config = {"url": "/app/static/timeline/x.json", "zones": None, "first": 19358, "last": 19400, "start": 19400,
              "mode": "cumulative", "days": 7, "filters": {"types": ["capture"], "actors": [], "statuses": [],
                                                            "sources": []}, "overrides": {}}
    groups = browser_groups(LayerInputs(gdf, route_lines(gaz)), ["Events", "Supply routes", "Control areas"], config)
    assert [g.layer_name for g in groups] == ["Contact zone (inferred from reporting)", "Supply routes", "Events"]
    m = build_map(groups, time_in_browser=True)
    html = m.get_root().render()
    assert "FrontlineTime.attach" in html and "window.FrontlineTime = {" in html
    assert len(html) < 200_000 and "Soledar" not in html  # the events travel in the fetched file, not the page
    assert isinstance(groups[-1], folium.FeatureGroup)


def test_the_script_puts_article_text_in_with_textcontent_only():
    code = timeline.script()
    assert "textContent" in code and "innerHTML" not in code and "insertAdjacentHTML" not in code


def test_a_village_placed_by_its_locator_is_flagged_for_its_label(gaz):
    found, _ = events_and_rows("Russian forces advanced near Zorianyi Hai (southeast of Chasiv Yar) on Monday. "
                               "A missile hit Kostiantynivka on Monday.", gaz)
    draw, _words = timeline.payload(events_to_gdf(found), route_lines(gaz))
    flags = {spot[2]: spot[3:] for spot in draw["spots"]}
    assert flags["Zorianyi Hai"] == [1] and flags["Kostiantynivka"] == []
