"""Which place a name means: context, namesakes, villages, and names the gazetteer lacks."""
import pytest
from helpers import FIXTURES, SHARED, mentions_gdf, needs_shared, read


def resolved(text, gaz):
    return {r.surface: r for r in mentions_gdf(text, gaz).itertuples()}


def test_governor_of_luhansk_is_the_oblast(gaz):
    r = resolved("This was denied by Serhiy Haidai, the Ukrainian governor of Luhansk.", gaz)
    assert r["Luhansk"].name == "Luhansk Oblast" and r["Luhansk"].kind == "region"


def test_luhansk_city_without_context(gaz):
    r = resolved("Explosions were heard in Luhansk, the occupied city, on Monday.", gaz)
    assert r["Luhansk"].kind == "settlement"


def test_kostiantynivka_is_the_donetsk_one(gaz):
    r = resolved((FIXTURES / "kostiantynivka.txt").read_text("utf-8"), gaz)
    k = r["Kostiantynivka"]
    assert k.admin1 == "Donetsk Oblast"
    assert abs(k.lat - 48.53) < 0.1 and abs(k.lon - 37.71) < 0.1
    assert len(__import__("json").loads(k.alternatives)) >= 1  # runner-ups kept for editors


def test_fixture_article(gaz):
    gdf = mentions_gdf((FIXTURES / "avdiivka.txt").read_text("utf-8"), gaz)
    names = set(gdf["name"])
    assert {"Avdiivka", "Donetsk", "Robotyne", "Zaporizhzhia Oblast", "Kherson", "Kyiv",
            "Luhansk Oblast", "Kreminna"} <= names
    assert not {"Volodymyr", "Oleksandr", "Prokudin", "Haidai"} & set(gdf["surface"])
    assert (gdf["confidence"].between(0, 1)).all()


def test_countries_and_continents_are_located(gaz):
    r = resolved("Poland and Georgia sent aid to Ukraine from Europe.", gaz)
    assert r["Poland"].kind == "country" and r["Georgia"].country == "GE"
    assert r["Europe"].kind == "other"


def test_georgia_in_a_us_story_is_the_state(gaz):
    text = "Storms hit Atlanta, Georgia, and Savannah on Monday; Florida and Alabama braced."
    r = resolved(text, gaz)
    assert r["Georgia"].country == "US" and r["Georgia"].kind == "region"


def test_one_sense_per_discourse(gaz):
    text = "Shelling hit the village of Bilohorivka. Later Bilohorivka was quiet."
    gdf = mentions_gdf(text, gaz)
    assert list(gdf["surface"]) == ["Bilohorivka", "Bilohorivka"]
    assert gdf["name"].nunique() == 1


def test_output_schema_is_geodataframe_in_4326(gaz):
    gdf = mentions_gdf("Fighting near Bakhmut.", gaz)
    assert gdf.crs.to_epsg() == 4326
    for col in ("doc", "start", "end", "surface", "name", "kind", "geonameid", "country",
                "admin1", "confidence", "sentence", "geometry"):
        assert col in gdf.columns
    row = gdf.iloc[0]
    assert row.geometry.x == row.lon and row.geometry.y == row.lat and row.geonameid == 713174


def _where(text, gaz, surface):
    (row,) = [r for r in read(text, gaz).mentions if r["surface"] == surface]
    return row


@pytest.mark.parametrize("text", ["Fighting near Bohdanivka on the road to Chasiv Yar.",
                                  "Fighting near Bohdanivka, between Chasiv Yar and Bakhmut.",
                                  "Russian troops pushed towards Bogdanovka near Chasov Yar."])
def test_a_namesake_beside_the_story_beats_a_bigger_one_far_away(gaz, text):
    surface = "Bogdanovka" if "Bogdanovka" in text else "Bohdanivka"
    row = _where(text, gaz, surface)
    assert row["admin1"] == "Donetsk Oblast" and abs(row["lat"] - 48.618) < 0.01 and abs(row["lon"] - 37.898) < 0.01


def test_villages_below_cities500_are_found_and_a_far_hamlet_is_not_guessed(gaz):
    row = _where("Russian forces shelled Krokhmalne and Synkivka near Kupiansk.", gaz, "Synkivka")
    assert row["admin1"] == "Kharkiv Oblast" and abs(row["lat"] - 49.7) < 0.2

    spirne = read("Russian troops entered the village of Spirne near Siversk.", gaz)
    assert "Spirne" not in {r["surface"] for r in spirne.mentions}  # its only namesakes are 180 km off
    assert [m.surface for m in spirne.unresolved] == ["Spirne"]  # reported, for an editor or --online


@pytest.mark.parametrize("noun", ["village", "town", "city", "settlement", "hamlet", "settlement  "])
def test_a_name_no_table_has_after_any_small_places_noun_is_reported(gaz, noun):
    parsed = read(f"Russian troops entered the {noun} of Zvirokhatka near Siversk.", gaz)
    assert [m.surface for m in parsed.unresolved] == ["Zvirokhatka"]
    assert read("Russian troops entered the outskirts of Zvirokhatka.", gaz).unresolved == []  # no such noun
    assert read("Russian troops entered the subvillage of Zvirokhatka.", gaz).unresolved == []  # not a whole word


def test_a_village_is_not_its_famous_namesake(gaz):
    from helpers import mentions_gdf

    for text in ("Russian forces attacked near New York, a village near Toretsk, and shelled Kostiantynivka.",
                 "Fighting raged in the village of New York near Toretsk."):
        rows = mentions_gdf(text, gaz)
        assert rows.loc[rows["surface"] == "New York", "name"].tolist() == ["Niu-York"], text
    rows = mentions_gdf("Protests spread in New York on Monday.", gaz)
    assert rows["name"].tolist() == ["New York City"]


def test_front_villages_that_open_their_sentences_are_places_beside_the_story(gaz):
    """No word before them says "place", but a war report's village lies beside the places it names."""
    r = resolved("Synkivka came under attack again on Tuesday, the General Staff said. Kupiansk was shelled.", gaz)
    assert r["Synkivka"].admin1 == r["Kupiansk"].admin1 and abs(r["Synkivka"].lat - 49.85) < 0.1
    r = resolved("Robotyne has been liberated, the ministry said. Troops pushed on towards Tokmak.", gaz)
    assert "Robotyne" in r
    # a capitalised word far from the story, or no war at all, stays no place
    assert "Robotyne" not in resolved("Robotyne has been liberated. Fighting continued near Kupiansk.", gaz)
    assert "Synkivka" not in resolved("Synkivka came up in the meeting. Officials met in Paris.", gaz)


GWN = SHARED / "bench" / "geowebnews" / "geowebnews.jsonl"


@needs_shared(GWN)
def test_a_dateline_is_the_capital_it_names(gaz):
    """GeoWebNews' AP story on the White House chief of staff: its dateline was the Washington in Missouri."""
    story = _gwn_story("WASHINGTON (AP) - When President Donald")
    assert resolved(story, gaz)["WASHINGTON"].admin1 == "District of Columbia"


def test_american_is_the_united_states(gaz):
    from frontline_map.geo.io.documents import Document
    from frontline_map.geo.text.parse import parse_document

    rows = parse_document(Document("x", "The American team won in Tokyo."), gaz, demonyms=True, with_events=False).mentions
    assert {r["surface"]: r["name"] for r in rows}["American"] == "United States"  # not American Samoa


def _gwn_story(opening: str) -> str:
    import json

    return next(d["text"] for d in map(json.loads, GWN.read_text("utf-8").splitlines()) if opening in d["text"])


@needs_shared(GWN)
def test_a_county_of_a_state_the_story_names_is_that_states(gaz):
    """GeoWebNews' story on Orange County's wealth names California five times; the county was Florida's."""
    assert resolved(_gwn_story("Orange County is one of the richest"), gaz)["Orange County"].admin1 == "California"
    r = resolved("Orange County deputies searched the lake. Officials in Florida said more rain is due.", gaz)
    assert r["Orange County"].admin1 == "Florida"


def test_a_town_named_after_a_state_wins_on_evidence_not_for_lying_near_the_story(gaz):
    r = resolved("Officials in Washington, Baltimore and Annapolis said that California would sue.", gaz)
    assert r["California"].kind == "region"  # the state, not California, Maryland, 60 km from Washington
    r = resolved("The town of California, Md., lies near the bay.", gaz)
    assert r["California"].kind == "settlement" and r["California"].admin1 == "Maryland"


def test_countries_stand_at_geonames_own_points(gaz):
    r = resolved("Pension assets in Canada and India rose, Japan said.", gaz)
    assert (round(r["Canada"].lat, 2), round(r["Canada"].lon, 2)) == (60.11, -113.64)  # GeoNames' point
    assert (r["India"].lat, r["India"].lon) == (22.0, 79.0)


def test_wider_regions_are_places_of_their_own(gaz):
    r = resolved("Instability in North Africa and Latin America worried officials from Eastern Europe.", gaz)
    assert {"North Africa", "Latin America", "Eastern Europe"} <= set(r)  # not "Africa" or America alone
    assert r["Latin America"].lat < 0  # not the United States' point


def test_a_town_inside_a_name_counts_where_the_story_names_the_town_too(gaz):
    r = mentions_gdf("Flooding closed roads in Glenrock, Wyoming. According to the Glenrock Public Works department, "
                     "the creek rose.", gaz)
    assert list(r["surface"]) == ["Glenrock", "Wyoming", "Glenrock"]  # the town, and the town in the department's name
    alone = mentions_gdf("Officers of the Glenrock Gold Dome Lions Club met on Monday.", gaz)
    assert "Glenrock" not in set(alone["surface"])  # a club's name alone is no place


@needs_shared(GWN)
def test_a_newspaper_named_for_its_city_is_the_city(gaz):
    """GeoWebNews' Washington Post credit lines were read as Washington state."""
    story = _gwn_story("Cleve R. Wootson Jr., The Washington Post")
    assert resolved(story, gaz)["Washington"].admin1 == "District of Columbia"


@needs_shared(GWN)
def test_a_congressman_is_a_person_throughout_his_story(gaz):
    """GeoWebNews' TIGER-grant story: "Congressman Mario Diaz-Balart" put eight dots at a Diaz."""
    assert "Diaz" not in resolved(_gwn_story("Diaz-Balart Speaks at Immokalee"), gaz)


def test_a_street_the_gazetteer_lacks_is_placed_at_its_storys_town(gaz):
    r = resolved("Shelling hit Chaikovskoho Street on Monday. The western districts of Bakhmut burned.", gaz)
    street, town = r["Chaikovskoho Street"], r["Bakhmut"]
    assert street.kind == "street" and (street.lat, street.lon) == (town.lat, town.lon)
    assert street.confidence < town.confidence  # the town's point: approximate, and said so
    r = resolved("In Kharkiv, a drone hit Peace Avenue. Later Odesa and Martin Luther King Drive, Dallas, were named.", gaz)
    assert r["Peace Avenue"].lat == r["Kharkiv"].lat  # the same sentence's town, not the last before
    assert r["Martin Luther King Drive"].lat == r["Dallas"].lat


@pytest.mark.parametrize("text", [
    "The Wall Street Journal said Kharkiv was hit.",  # a name that goes on after the street noun
    "Main Street Bank opened a branch in Dallas.",
    "Crowds filled Independence Square.",  # no town in the story: nowhere to put it
])
def test_no_street_where_the_name_goes_on_or_no_town_is_named(gaz, text):
    assert "street" not in set(mentions_gdf(text, gaz)["kind"])


def test_a_possessive_ends_a_name_so_the_town_before_a_street_stands_alone(gaz):
    r = resolved("Russian troops shelled Bakhmut's Chaikovskoho Street overnight.", gaz)
    assert r["Bakhmut"].kind == "settlement"  # not a small town inside a longer name
    assert r["Chaikovskoho Street"].lat == r["Bakhmut"].lat
    r = resolved("Harare’s Third Street will soon be renamed, officials in Harare said.", gaz)
    assert "Third Street" in r and "Harare’s Third Street" not in r


def test_a_saints_or_persons_possessive_stays_inside_the_longer_name(gaz):
    r = resolved("The Pope led the vigil in St. Peter's Basilica in Rome, then visited Eva's Village.", gaz)
    assert "St. Peter" not in r and "Eva" not in r  # no towns called St. Peter or Eva here
    assert "Rome" in r


def test_a_region_word_beside_one_use_leaves_the_names_other_uses_the_city(gaz):
    text = ("ODESA, Ukraine (AP) — The head of the Odesa regional administration said drones hit the port. "
            "Later the regional capital Odesa lost power.")
    rows = read(text, gaz).mentions
    assert [(r["surface"], r["kind"]) for r in rows if r["name"].startswith("Odesa")] == [
        ("ODESA", "settlement"), ("Odesa", "region"), ("Odesa", "settlement")]


def test_a_list_of_oblasts_names_regions_even_a_city_of_a_million(gaz):
    text = "Drones were shot down over Kharkiv, Odesa and Poltava oblasts. In Odesa, a warehouse burned."
    rows = read(text, gaz).mentions
    assert [r["name"] for r in rows] == ["Kharkiv Oblast", "Odesa Oblast", "Poltava Oblast", "Odesa"]


@pytest.mark.parametrize(("text", "river"), [
    ("Ukrainian jets struck a bridge over the Seym River near Glushkovo.", "Seym River"),
    ("Ukrainian jets struck the last bridge over the Seym.", "Seym River"),
    ("Russian troops tried to cross the Dnister near the border.", "Dniester River"),
])
def test_rivers_the_front_line_reporting_names(gaz, text, river):
    assert river in [r["name"] for r in read(text, gaz).mentions]


def test_the_caspian_is_the_sea(gaz):
    (row,) = read("Bombers launched cruise missiles over the Caspian overnight.", gaz).mentions
    assert row["name"] == "Caspian Sea"


@pytest.mark.parametrize(("text", "surface", "town"), [
    ("Kursk governor Alexei Smirnov ordered the evacuation of the Glushkovsky district.", "Glushkovsky district",
     "Glushkovo"),
    ("Shelling hit the Rylsky district on Monday.", "Rylsky district", "Ryl’sk"),
    ("Fighting in the Sudzhansky district continued.", "Sudzhansky district", "Sudzha"),
    # every town the adjective may be made from is a candidate, and the story's region decides (not a Ukrainian
    # "Morozov" 1,000 km west)
    ("Drones attacked Russia's Rostov region; air defences repelled them in the Morozovsky district.",
     "Morozovsky district", "Morozovsk"),
])
def test_a_district_no_table_lists_is_placed_at_the_town_its_adjective_names(gaz, text, surface, town):
    row = _where(text, gaz, surface)
    points = {(p.lat, p.lon) for p in gaz.search(town) if p.name == town}
    assert (row["name"], row["kind"]) == (surface, "region") and (row["lat"], row["lon"]) in points


@pytest.mark.parametrize(("text", "surface", "name", "admin1"), [
    # a place followed by " in " its region is contained in it, as after a comma
    ("Russia claimed its troops had captured the town of New York in Donetsk Oblast.", "New York", "Niu-York",
     "Donetsk Oblast"),
    # Russia's oblasts as English copy names them, after their centre town (GeoNames: "Saratovskaya Oblast")
    ("Drones damaged two aircraft at Engels in the Saratov region.", "Saratov region", "Saratov Oblast",
     "Saratov Oblast"),
    ("Drones attacked the town of Toropets in Russia's Tver region.", "Tver region", "Tver Oblast", "Tver Oblast"),
    # who holds a place is no word of its name
    ("Ukrainian forces struck the Russian-held Chornobaivka airfield again.", "Chornobaivka", "Chornobaivka",
     "Kherson Oblast"),
    # a Russian-style spelling made by rule from the Ukrainian name GeoNames has ("Новолуганське")
    ("Fighting is continuing in Novoluganskoye, Pushilin said.", "Novoluganskoye", "Novoluhanske", "Donetsk Oblast"),
    # Ukraine's official romanisation of a Crimean town GeoNames lists under its Russian-style name ("Saki"), which
    # is also the name it is shown by
    ("Explosions were heard in Saky, in western Crimea.", "Saky", "Saky", "Autonomous Republic of Crimea"),
    ("Explosions rocked the Saky airbase in Crimea.", "Saky airbase", "Saky Air Base", ""),
    # the rivers of the front line, in either spelling, are rivers, never a village once named so
    ("Ukrainian troops hold the west bank of the Oskol River.", "Oskol River", "Oskil River", ""),
    ("Russian troops pushed toward the Zherebets River east of Lyman.", "Zherebets River", "Zherebets River", ""),
    # a Russian town's "й" as English copy writes it, where GeoNames has the BGN form ("Grayvoron")
    ("Shelling damaged houses in Graivoron on Sunday, Gladkov said.", "Graivoron", "Grayvoron", "Belgorod Oblast"),
])
def test_places_as_war_reporting_writes_them(gaz, text, surface, name, admin1):
    rows = {r["surface"]: r for r in read(text, gaz).mentions}
    assert (rows[surface]["name"], rows[surface]["admin1"]) == (name, admin1), rows


def test_a_village_the_gazetteer_lacks_is_not_placed_at_its_namesake_in_another_oblast(gaz):
    """The Piatykhatky "in Zaporizhzhia region" is in no table; the town of Pyatykhatky is 200 km off."""
    text = "Ukraine's forces have liberated the village of Piatykhatky in Zaporizhzhia region, Maliar said."
    assert [r["name"] for r in read(text, gaz).mentions if r["kind"] != "country"] == ["Zaporizhzhia Oblast"]


def test_a_military_airfield_is_the_airfield_not_its_town(gaz):
    r = resolved("Ukraine's military said it had struck the Shaykovka airfield in Russia's Kaluga region overnight.", gaz)
    base = r["Shaykovka airfield"]
    assert base.kind == "other" and abs(base.lat - 54.23) < 0.1 and abs(base.lon - 34.37) < 0.1


@pytest.mark.parametrize(("text", "surface", "name", "kind"), [
    # a Russian district no table lists, named by its town: a district at the town's point, not the town
    ("Drone debris fell in the Millerovo district of the Rostov region overnight.", "Millerovo district",
     "Millerovo district", "region"),
    # "the X district" of an American story is a school's or a vote's: the town stays the town
    ("Teachers in the Gainesville district, Florida, voted to strike.", "Gainesville", "Gainesville", "settlement"),
    # the English copy's "-on-Don"/"-on-Amur" for GeoNames' "-na-Donu", and one name, not a list of two places
    ("A drone hit a fuel depot in Kalach-on-Don.", "Kalach-on-Don", "Kalach-na-Donu", "settlement"),
    # "regions, including X and Y" names regions
    ("Russia attacked four regions overnight, including Sumy and Poltava.", "Poltava", "Poltava Oblast", "region"),
    # ISW's "X City" is the town, not a longer name that hides it
    ("Russian forces shelled Sumy City on Tuesday.", "Sumy", "Sumy", "settlement"),
    # TASS's and RIA's "Territory" for a krai
    ("Drones attacked a depot in the Krasnodar Territory overnight.", "Krasnodar Territory", "Krasnodar Krai", "region"),
    # "the Dnipro" is the river; the city after "of" or before "city" stays the city
    ("Russian troops tried to land on the Dnipro islands.", "Dnipro", "Dnipro River", "other"),
    ("Missiles hit the cities of Dnipro and Poltava.", "Dnipro", "Dnipro", "settlement"),
    ("Explosions were heard in the Dnipro city centre.", "Dnipro", "Dnipro", "settlement"),
    # a Russian town's name before a governor's title is his region
    ("Belgorod Gov. Vyacheslav Gladkov said a drone hit a car.", "Belgorod", "Belgorod Oblast", "region"),
    ("Ukraine presses its Kursk incursion.", "Kursk", "Kursk Oblast", "region"),
    # GeoNames' "Voronezj Oblast" answers to the press's "the Voronezh region" and is shown so
    ("Drones attacked an oil depot in the Voronezh region overnight.", "Voronezh region", "Voronezh Oblast", "region"),
    # a list of regions: "Ryazan" alone is the town, but not in "the Kaluga and Ryazan regions"; Orël is "Oryol" in
    # English copy; a republic answers to its bare name
    ("Drones were shot down over the Kaluga and Ryazan regions.", "Ryazan", "Ryazan’ Oblast", "region"),
    ("Drones were shot down over the Oryol region.", "Oryol region", "Oryol Oblast", "region"),
    ("Drones hit an oil refinery in Tatarstan.", "Tatarstan", "Tatarstan Republic", "region"),
    # "the Donetsk side of the administrative line": the oblast's side
    ("Fighting continued on the Donetsk side of the administrative line.", "Donetsk", "Donetsk Oblast", "region"),
    # and a Ukrainian one: AP's "Donetsk Gov." is the oblast's governor
    ("Two people were killed in Kramatorsk, Donetsk Gov. Vadym Filashkin said.", "Donetsk", "Donetsk Oblast", "region"),
])
def test_districts_joined_names_regions_and_the_dnipro_as_war_reporting_writes_them(gaz, text, surface, name, kind):
    rows = {r["surface"]: r for r in read(text, gaz).mentions}
    assert (rows[surface]["name"], rows[surface]["kind"]) == (name, kind), rows
    assert "Don" not in rows and "City" not in rows  # no part of "Kalach-on-Don" or "Sumy City" read alone


def test_a_names_alternatives_are_the_json_the_json_module_writes():
    """Written field by field for speed: the same text as json.dumps, for names that need escaping, a place with no
    GeoNames id, a region with no name of its own and two runners-up that tie (kept in the candidates' order)."""
    import json

    from frontline_map.geo.gazetteer import Gazetteer
    from frontline_map.geo.text.resolve import _alternatives, _Key

    gaz = Gazetteer(names=["Bakhmut", 'Ba"kh\\mut\n', "Бахмут", "Bakhmutka"], kinds=["settlement", "other", "settlement", "region"],
                    lats=[48.59441, 50.0, 47.123456789, -3.5], lons=[38.00028, 36.1, 37.0, 120.25],
                    pops=[73_212, 0, 12, 0], countries=["UA", "RU", "UA", ""], admin1s=["14", "09", "", "XX"],
                    gids=[712451, None, 3, 4], admin1_names={"14": "Donetsk Oblast", "09": "Бєлгородська"})
    k = _Key("bakhmut", [], scores={0: 5.234, 1: 3.2049, 2: 3.2049, 3: -1.0})
    expected = [{"name": gaz.names[i], "kind": gaz.kinds[i], "country": gaz.countries[i], "admin1": gaz.admin1_name(i),
                 "lat": gaz.lats[i], "lon": gaz.lons[i], "geonameid": gaz.gids[i], "score": round(k.scores[i], 2)}
                for i in (1, 2, 3)]
    assert _alternatives(gaz, k, 0) == json.dumps(expected, ensure_ascii=False)
    assert json.loads(_alternatives(gaz, k, 2))[0]["name"] == "Bakhmut"  # the best left out, whichever it is
    assert len(json.loads(_alternatives(gaz, _Key("x", [], scores=dict.fromkeys(range(4), 1.0)), 3))) == 3


def test_the_bonus_for_lying_near_the_story_goes_by_tiers_and_the_closest_only_between_namesakes():
    import math

    import numpy as np

    from frontline_map.geo.text.resolve import _near_bonus
    from frontline_map.geo.text.rules import WEIGHTS

    near, bonus = WEIGHTS.near_km, WEIGHTS.near_bonus
    first = np.array([1.0, near[0], near[1] - 0.01, near[1], near[-1] - 0.01, near[-1], math.inf, 1.0, 1.0])
    second = np.array([2.0, 30.0, 60.0, 60.0, 600.0, 600.0, math.inf, near[0] - 0.01, near[0]])
    namesakes = np.array([False, True, True, True, True, True, True, True, True])
    assert _near_bonus(first, second, namesakes).tolist() == [
        bonus[1], bonus[1], bonus[1], bonus[2], bonus[-1], 0.0, 0.0, bonus[0], bonus[1]]
