import subprocess
import sys


def names(gaz, surface):
    return {(gaz.names[i], gaz.kinds[i], gaz.countries[i]) for i, _ in gaz.lookup(surface)}


def test_former_names_and_transliterations_reach_the_same_place(gaz):
    bakhmut = {i for i, _ in gaz.lookup("Bakhmut") if gaz.names[i] == "Bakhmut"}
    for spelling in ("Artemivsk", "Artemovsk", "Бахмут"):
        assert bakhmut & {i for i, _ in gaz.lookup(spelling)}, spelling
    for spelling in ("Kostyantynivka", "Konstantinovka", "Kostiantynivka"):
        assert ("Kostiantynivka", "settlement", "UA") in names(gaz, spelling)
    assert ("Sloviansk", "settlement", "UA") in names(gaz, "Slavyansk")
    assert ("Kharkiv", "settlement", "UA") in names(gaz, "Kharkov")


def test_countries_regions_and_features(gaz):
    assert ("Ukraine", "country", "UA") in names(gaz, "Україна")
    assert ("United States", "country", "US") in names(gaz, "U.S.")
    assert ("Luhansk Oblast", "region", "UA") in names(gaz, "Luhansk")
    assert ("Donbas", "region", "UA") in names(gaz, "Donbass")
    assert ("Black Sea", "other", "") in names(gaz, "Black Sea")
    assert ("Europe", "other", "") in names(gaz, "Europe")


def test_oblast_points_lie_inside_ukraine(gaz):
    for name in ("Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast"):
        (idx,) = [i for i, _ in gaz.lookup(name) if gaz.kinds[i] == "region"]
        assert 44 < gaz.lats[idx] < 53 and 22 < gaz.lons[idx] < 41, name


def test_settlements_know_their_oblast(gaz):
    oblasts = {gaz.admin1_name(i) for i, _ in gaz.lookup("Bilohorivka") if gaz.countries[i] == "UA"}
    assert {"Luhansk Oblast", "Donetsk Oblast"} <= oblasts  # the town of the 2022-23 fighting, and a namesake


def test_routes_have_all_spellings(gaz):
    for spelling, ref in (("М-03", "M03"), ("E40", "M03"), ("T0504", "H32"), ("Т-05-04", "H32"),
                          ("Н-32", "H32"), ("T-13-02", "T1302"), ("Н-20", "H20"), ("0506", "0506")):
        from frontline_map.geo.names import fold_name
        key = fold_name(spelling.translate(str.maketrans("МНТРЕ", "MHTPE")))
        assert gaz.route_aliases.get(key) == ref, spelling
    assert "Bakhmut" in gaz.routes["H32"].settlements


def test_a_fresh_process_loads_the_cached_index_without_building_it(gaz):
    code = ("import frontline_map.geo.gazetteer.index as ix\n"
            "def refuse():\n    raise SystemExit('rebuilt')\n"
            "ix.build_gazetteer = refuse\n"
            "print(ix.load_gazetteer().version)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == gaz.version and len(gaz.version) == 16


def test_a_wheel_reads_its_data_from_the_package():
    from frontline_map.geo.resources import DATA_DIR

    assert (DATA_DIR / "routes.csv").is_file() and (DATA_DIR / "demo").is_dir()


def test_demonyms_countryinfo_lacks_and_the_white_house(gaz):
    import datetime as dt

    from frontline_map.geo.io.documents import Document
    from frontline_map.geo.text.parse import parse_document

    assert {w: gaz.names[gaz.demonyms[w]] for w in ("british", "korean", "saudis")} == {
        "british": "United Kingdom", "korean": "South Korea", "saudis": "Saudi Arabia"}
    parsed = parse_document(Document("d", "British officials met Saudi envoys; the White House said it was "
                                     "watching Bakhmut.", dt.date(2023, 2, 6)), gaz, demonyms=True)
    names = {r["surface"]: (r["name"], r["country"]) for r in parsed.mentions}
    assert names["British"][0] == "United Kingdom" and names["Saudi"][0] == "Saudi Arabia"
    assert "White House" not in names  # a government speaking is no place on the map
    assert "White House" not in {e.place for e in parsed.events}  # an institution speaks; nothing happens there
    literal = parse_document(Document("d", "Protesters gathered outside the White House."), gaz, with_events=False)
    assert [(r["name"], r["country"]) for r in literal.mentions] == [("White House", "US")]  # not Casablanca


def test_ukraines_towns_are_shown_in_ukraines_own_spelling():
    from frontline_map.geo.gazetteer.index import official_spelling

    assert official_spelling("Makiyivka", ["Makeevka", "Макеевка", "Макіївка"]) == "Makiivka"
    assert official_spelling("Bakhmut", ["Artemivsk", "Артемівськ", "Бахмут"]) == "Bakhmut"  # a former name is no spelling
    assert official_spelling("Saki", ["Саки", "Саки́"]) == "Saky"  # letters both languages share, a stress mark
    # a Belarusian or a Russian form is nobody's Ukrainian spelling: GeoNames' name stays
    assert official_spelling("Kadiyivka", ["Кадзііўка", "Кадиевка", "Стаханов"]) == "Kadiyivka"
    assert official_spelling("Dmitriyevka", ["Дмитриевка"]) == "Dmitriyevka"
