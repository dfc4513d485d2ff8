"""Place names beside the markers: the busiest places first, article text escaped."""
from __future__ import annotations

import folium
from helpers import events_and_rows

from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import labels


def test_the_busiest_places_are_named_and_names_are_escaped(gaz):
    events, _ = events_and_rows("Russian forces captured Soledar. Fighting raged in Bakhmut. Shelling hit Bakhmut "
                                "again, and Kupiansk was struck.", gaz)
    gdf = events_to_gdf(events)
    fmap = folium.Map()
    labels.build(gdf, limit=2).add_to(fmap)
    html = fmap.get_root().render()
    assert "\\u003eBakhmut\\u003c/div" in html and html.count('class=\\"fm-label\\"') == 2
    hostile = gdf.assign(place=["<img src=x onerror=alert(1)>"] * len(gdf))
    rendered = folium.Map()
    labels.build(hostile).add_to(rendered)
    page = rendered.get_root().render()
    assert "lt;img src=x onerror=alert(1)" in page and "\\u003cimg" not in page  # escaped, then JSON-quoted
    assert not labels.build(gdf.iloc[0:0])._children


def test_names_that_would_cover_each_other_move_or_are_left_out_when_the_page_is_known(gaz):
    text = ("Heavy fighting was reported in Bakhmut. Russian artillery shelled Bakhmut again. Russian forces "
            "attacked Soledar. A missile struck Kramatorsk.")
    gdf = events_to_gdf(events_and_rows(text, gaz)[0])
    at = {(round(r.lon, 5), round(r.lat, 5)): r.place for r in gdf.itertuples()}
    screen = {"Bakhmut": (100.0, 100.0), "Soledar": (104.0, 104.0), "Kramatorsk": (10.0, 10.0)}  # Soledar under it
    every = [m for m in labels.build(gdf)._children.values() if isinstance(m, folium.Marker)]
    pixel = lambda lon, lat: screen[at[(round(lon, 5), round(lat, 5))]]  # noqa: E731
    spaced = labels.build(gdf, pixel=pixel)
    kept = [m.location for m in spaced._children.values() if isinstance(m, folium.Marker)]
    assert len(every) == 3
    assert [round(v, 3) for v in kept[0]] == [round(v, 3) for v in gdf.loc[gdf["place"] == "Bakhmut",
                                                                            ["lat", "lon"]].iloc[0]]  # busiest first
    boxes = {place: box for place, *_, box in labels.placed(gdf, pixel=pixel)}
    assert boxes["Bakhmut"][0] > 100  # right of its marker, where names go first
    # Soledar's name, right or left of its marker covered Bakhmut's: it goes below, clear of both
    assert boxes["Soledar"][1] > 104 and not labels.overlaps(boxes["Soledar"], [boxes["Bakhmut"], (93, 93, 107, 107)])
    every_box = list(boxes.values())
    assert not any(labels.overlaps(b, every_box[:k] + every_box[k + 1:]) for k, b in enumerate(every_box))


def test_the_zone_note_goes_below_the_zone_unless_a_name_is_there_and_stays_in_the_frame():
    zone, frame, note = (400.0, 200.0, 600.0, 300.0), (1000.0, 600.0), (210.0, 14.0)
    assert labels.note_spot(zone, frame, note, []) == (395.0, 304.0, 605.0, 318.0)  # centred below it
    under = [(450.0, 300.0, 560.0, 316.0)]  # a town's name just below the zone
    spot = labels.note_spot(zone, frame, note, under)
    assert not labels.overlaps(spot, under) and spot[1] > 300  # lower still, not over the name
    low = (400.0, 200.0, 600.0, 590.0)  # the zone reaches the bottom of the frame
    spot = labels.note_spot(low, frame, note, [])
    assert spot[2] <= 1000 and spot[3] <= 600 and spot[0] >= 600  # beside it, inside the frame
    everywhere = [(0.0, 0.0, 1000.0, 600.0)]
    assert labels.note_spot(zone, frame, note, everywhere) == (395.0, 304.0, 605.0, 318.0)  # still said


def test_an_export_page_keeps_names_out_of_its_legends_corner(gaz):
    """An 800x600 export had Kostiantynivka's name half under the open legend in the lower-left corner."""
    gdf = events_to_gdf(events_and_rows("A missile struck Kramatorsk. Russian forces attacked Soledar.", gaz)[0])
    frame = (800.0, 600.0)
    corner = labels.legend_box(frame)
    spots = {"Kramatorsk": (100.0, 500.0), "Soledar": (500.0, 200.0)}  # Kramatorsk's dot in the legend's corner

    def pixel(lon: float, lat: float) -> tuple[float, float]:
        near = gdf.loc[(gdf["lon"] - lon).abs().idxmin(), "place"]
        return spots[near]

    named = {place: box for place, _lat, _lon, box in labels.placed(gdf, pixel=pixel, frame=frame)}
    assert set(named) == {"Soledar"} and not labels.overlaps(named["Soledar"], [corner])


def test_a_village_placed_by_its_locator_is_named_as_approximate(gaz):
    text = "Russian forces advanced to the outskirts of Zorianyi Hai (southeast of Chasiv Yar) on Monday."
    gdf = events_to_gdf(events_and_rows(text, gaz)[0])
    assert [p for p, *_ in labels.placed(gdf)] == ["≈ Zorianyi Hai"]
