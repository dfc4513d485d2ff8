"""Villages the gazetteer lacks, placed where the article says they lie (geo/text/locate.py).

The village names here are made up, so that no table has them: the rule, not a lookup, places them."""
import datetime as dt

from geopy.distance import great_circle
from helpers import mentions_gdf

from frontline_map.geo.io.documents import Document
from frontline_map.geo.text.locate import CONFIDENCE
from frontline_map.geo.text.parse import parse_document


def rows(text, gaz):
    return {r.surface: r for r in mentions_gdf(text, gaz).itertuples()}


def km(a, b):
    return great_circle((a.lat, a.lon), (b.lat, b.lon)).km


def test_an_isw_bracket_places_the_village_off_its_town_in_the_direction_given(gaz):
    r = rows("Russian forces attacked near Zorianyi Hai (southwest of Kostiantynivka) on December 3.", gaz)
    village, town = r["Zorianyi Hai"], r["Kostiantynivka"]
    assert village.kind == "settlement" and village.confidence == CONFIDENCE
    assert village.lat < town.lat and village.lon < town.lon
    assert 3 < km(village, town) < 10


def test_a_distance_in_the_apposition_is_used(gaz):
    r = rows("Ukrainian troops retook Verbove Pole, a village 12 km north of Toretsk, the brigade said.", gaz)
    village, town = r["Verbove Pole"], r["Toretsk"]
    assert abs(km(village, town) - 12) < 0.5 and village.lat > town.lat


def test_every_village_of_a_list_is_placed_and_a_town_of_the_anchor(gaz):
    r = rows("Kyiv's forces withdrew from the villages of Verbove Pole and Sosnivskyi Yar, west of the "
             "fallen town of Avdiivka, to new lines.", gaz)
    assert {"Verbove Pole", "Sosnivskyi Yar"} <= set(r)
    assert r["Verbove Pole"].lon < r["Avdiivka"].lon and r["Sosnivskyi Yar"].lon < r["Avdiivka"].lon


def test_later_uses_of_the_name_share_its_place_and_carry_events(gaz):
    text = ("Russian forces attacked near Zorianyi Hai (south of Chasiv Yar) on December 3. A Russian milblogger "
            "claimed that Russian forces seized Zorianyi Hai, but ISW has not observed confirmation of this claim.")
    parsed = parse_document(Document("isw", text, dt.date(2024, 12, 4)), gaz)
    places = {(m["start"], m["name"], m["lat"]) for m in parsed.mentions if m["name"] == "Zorianyi Hai"}
    assert len(places) == 2 and len({lat for *_, lat in places}) == 1
    kinds = {(e.place, e.type) for e in parsed.events}
    assert ("Zorianyi Hai", "capture") in kinds and ("Chasiv Yar", "capture") not in kinds


def test_no_village_is_made_of_a_day_or_a_place_abroad(gaz):
    r = rows("On Tuesday, west of Bakhmut, shelling went on. Springfield (south of Chicago) is quiet.", gaz)
    assert "On Tuesday" not in r and "Tuesday" not in r
    assert "Springfield" not in r or r["Springfield"].country != "UA"


def test_a_name_the_gazetteer_has_is_resolved_as_usual_not_moved(gaz):
    r = rows("Fighting went on near Klishchiivka (south of Bakhmut) on Monday.", gaz)
    assert r["Klishchiivka"].confidence > CONFIDENCE and abs(r["Klishchiivka"].lat - 48.53) < 0.05


def test_a_village_said_to_be_one_of_those_west_of_a_town_and_isw_city_anchors(gaz):
    r = rows("Russia said it took Verbove Pole. Verbove Pole is one of several villages west of Avdiivka. Russian forces "
             "advanced near Sosnivskyi Yar (northwest of Donetsk City).", gaz)
    assert r["Verbove Pole"].lon < r["Avdiivka"].lon and r["Sosnivskyi Yar"].confidence == CONFIDENCE


def test_isws_direction_first_then_the_villages_near_it(gaz):
    r = rows("Russian forces attacked northeast of Kostiantynivka near Zorianyi Hai and Verbove Pole on July 16.", gaz)
    town = r["Kostiantynivka"]
    for name in ("Zorianyi Hai", "Verbove Pole"):
        assert r[name].lat > town.lat and r[name].lon > town.lon and 3 < km(r[name], town) < 10


def test_a_namesake_far_from_where_the_locator_puts_it_gives_way_to_the_locator(gaz):
    # Petrivka is a name of dozens of villages; the one the resolver would take is not the one near Siversk
    r = rows("Russian forces advanced near Petrivka (northeast of Siversk) on Monday.", gaz)
    assert km(r["Petrivka"], r["Siversk"]) < 10


def test_direction_words_are_found_before_of_and_nothing_else_is():
    from frontline_map.geo.text.locate import direction_words

    text = ("Stupochky (south of Chasiv Yar); North-West of Bakhmut; eastern of the town; the fall of Bakhmut; "
            "Ministry of Defence; a southwest of it; 10 km north\n of Siversk; most of it; the west of Ukraine")
    assert [text[k:text.index(" of ", k)] for k in direction_words(text)] == [
        "south", "North-West", "eastern", "southwest", "north\n", "west"]
