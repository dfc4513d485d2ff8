import pytest
from helpers import FIXTURES, mentions_gdf

from frontline_map.geo.text.mentions import extract_mentions, split_sentences


def surfaces(text, gaz):
    return [r.surface for r in mentions_gdf(text, gaz).itertuples()]


def test_possessives_and_curly_quotes(gaz):
    text = "Ukraine’s army and Kharkiv's mayor spoke of “fortress” Bakhmut."
    gdf = mentions_gdf(text, gaz)
    assert list(gdf["surface"]) == ["Ukraine", "Kharkiv", "Bakhmut"]
    for row in gdf.itertuples():
        assert text[row.start:row.end] == row.surface


def test_hyphenated_and_multiword_names(gaz):
    found = surfaces("Shelling hit Ivano-Frankivsk and Chasiv Yar, and ships left the Sea of Azov.", gaz)
    assert found == ["Ivano-Frankivsk", "Chasiv Yar", "Sea of Azov"]


def test_people_organisations_and_common_words_are_not_places(gaz):
    text = ("Volodymyr Zelensky met Ihor Terekhov. The Wagner group and Nato were blamed. "
            "Reznikov spoke of a wish list to Santa. (© Telegraph Media Group Ltd 2023) "
            "In March, May said the Police would act.")
    assert surfaces(text, gaz) == []


def test_learned_surname_is_not_a_place_later(gaz):
    text = "Defence minister Oleksii Reznikov visited. Later, Reznikov said more."
    assert surfaces(text, gaz) == []


@pytest.mark.parametrize("text", [
    "“No one told me about the case,” said Noma. Noma said she had been at home. It matters in Noma’s case.",
    "According to police, Gino D. Bassett, Sr., 56, was charged. Police say Bassett approached the man.",
    "Security was provided to then-Mayor L. Douglas Wilder. Wilder lived there before.",
    "Congressman Mario Diaz-Balart spoke on Monday. Diaz-Balart is the chairman.",
    "Colin Turkington and Andrew Jordan have both won the championship.",
])
def test_people_named_like_places_are_not_places(gaz, text):
    """A quote given to a name, a middle initial, a hyphenated surname, a given name before a country."""
    assert surfaces(text, gaz) == []


def test_places_beside_people_and_speech_stay_places(gaz):
    assert surfaces("The mayor of Bakhmut said the town was shelled again.", gaz) == ["Bakhmut"]
    assert surfaces("Fighting continued on the Kupiansk-Svatove road.", gaz) == ["Kupiansk", "Svatove"]
    assert surfaces("King Abdullah of Jordan met the president.", gaz) == ["Jordan"]


def test_roads_in_latin_and_cyrillic(gaz):
    text = "In Bakhmut the M03 and the Н-32 (formerly T-05-04) are under fire; the 0506 too."
    gdf = mentions_gdf(text, gaz)
    routes = gdf[gdf["kind"] == "route"]
    assert list(routes["name"]) == ["M03", "H32", "H32", "0506"]
    assert routes.geometry.isna().all()


@pytest.mark.parametrize(("text", "refs"), [
    ("Convoys use route 0506 past Bakhmut, Highway 506 too.", ["0506", "0506"]),
    ("Trucks left Bakhmut by the 506 road, then the 0506.", ["0506", "0506"]),
    ("Shelling near Bakhmut hit the Chasiv Yar road and the Kostiantynivka–Bakhmut highway.", ["0506", "H32"]),
    ("the road of life into Bakhmut", ["H32"]),
    # numbers that name no road: a year, a count, a number inside a word or longer than five digits
    ("In Bakhmut the 2023 road budget, the 506 soldiers, route 5060, road 123456 and X506 road.", []),
])
def test_roads_by_number_alone_and_by_name(gaz, text, refs):
    gdf = mentions_gdf(text, gaz)
    assert list(gdf[gdf["kind"] == "route"]["name"]) == refs


def test_cyrillic_text_finds_cyrillic_names(gaz):
    text = (FIXTURES / "cyrillic_uk.txt").read_text("utf-8")
    names = set(mentions_gdf(text, gaz)["name"])
    assert {"Ukraine", "Bakhmut", "Soledar", "Chasiv Yar", "H32"} <= names


def test_sentences_do_not_split_after_titles():
    text = "Mr. Smith went to Kyiv. Then he left."
    assert len(split_sentences(text)) == 2


def test_sentences_end_at_stops_quotes_blank_lines_lists_and_headings():
    text = ('Kyiv said so. "Is Bakhmut held?" he asked!\tShelling went on…  Siversk (north) was hit.) Then quiet\n\n'
            "A new paragraph\nruns on\n- a listed line\n  12 villages\n# Heading\nlast?no space. end")
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Kyiv said so. ", '"Is Bakhmut held?" ', "he asked!\t", "Shelling went on…  ", "Siversk (north) was hit.) ",
        "Then quiet\n\n", "A new paragraph\nruns on\n", "- a listed line\n", "  12 villages\n",
        "# Heading\nlast?no space. ", "end"]


def test_extract_mentions_reports_context(gaz):
    mentions, _ = extract_mentions("Russian forces captured the village of Bilohorivka.", gaz)
    (m,) = [m for m in mentions if m.surface == "Bilohorivka"]
    assert m.strong_context and not m.person and not m.sentence_initial


def test_acronyms_only_when_the_gazetteer_writes_them_in_capitals(gaz):
    found = surfaces("The EU and NATO met; US troops and APC units moved. The UK agreed.", gaz)
    assert found == ["EU", "US", "UK"]


def test_ap_state_abbreviations_need_their_dot(gaz):
    gdf = mentions_gdf("Floods hit Charleston, W.Va., and Columbia, S.C., on Friday.", gaz)
    assert {"West Virginia", "South Carolina"} <= set(gdf["name"])
    charleston = gdf[gdf["surface"] == "Charleston"].iloc[0]
    assert charleston.admin1 == "West Virginia"


def test_given_name_runs_are_people_but_multiword_places_are_not(gaz):
    text = ("Floods hit San Antonio and Santa Monica. Ashley Sutton won; later Sutton said more. "
            "Jordan Peterson spoke in Kyiv. The Israel Defense Forces struck Gaza.")
    assert surfaces(text, gaz) == ["San Antonio", "Santa Monica", "Kyiv", "Israel", "Gaza"]


def test_cyrillic_names_in_other_cases(gaz):
    uk = "Бої тривають у Донецькій області, зокрема біля Покровська; обстріляли Харків."
    ru = "Бои продолжаются у Покровска."
    names = [(r.surface, r.name) for r in mentions_gdf(uk, gaz).itertuples()]
    assert names == [("Донецькій області", "Donetsk Oblast"), ("Покровська", "Pokrovsk"), ("Харків", "Kharkiv")]
    assert list(mentions_gdf(ru, gaz)["name"]) == ["Pokrovsk"]


def test_a_runaway_sentence_is_cut_at_clause_breaks(gaz):
    from frontline_map.geo.text.mentions import MAX_SENTENCE_CHARS, split_sentences

    text = "Russian forces shelled Bakhmut near Soledar, " * 2000  # 90 KB, one 'sentence'
    spans = split_sentences(text)
    assert len(spans) > 80 and all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))  # nothing lost between pieces
    assert all(text[e - 2:e] == ", " for _, e in spans[:-1])  # cut after a comma, not inside a name
    gdf = mentions_gdf(text, gaz)
    assert len(gdf) == 4000 and gdf["sentence"].str.len().max() <= MAX_SENTENCE_CHARS


@pytest.mark.parametrize(("text", "found"), [
    ("Росіяни знову обстріляли Херсон; у Харкові загинули двоє.", {("Херсон", "Kherson"), ("Харкові", "Kharkiv")}),
    ("Бої точаться біля Покровська та Часового Яру.", {("Покровська", "Pokrovsk"), ("Часового Яру", "Chasiv Yar")}),
    ("Российские войска обстреляли Никополь, бои идут под Авдеевкой и в Артемовске.",
     {("Никополь", "Nikopol"), ("Авдеевкой", "Avdiivka"), ("Артемовске", "Bakhmut")}),  # the old name, Russian case
    ("Українські військові звільнили Кліщіївку під Бахмутом.", {("Кліщіївку", "Klishchiivka"), ("Бахмутом", "Bakhmut")}),
    ("Українські сили утримують позиції.", set()),  # "Ukrainian" is not the town of Ukrainsk
], ids=["locative-vowel-change", "two-word-genitive", "russian-cases-old-name", "village-accusative", "adjective"])
def test_inflected_ukrainian_and_russian_names_by_morphology(gaz, text, found):
    rows = mentions_gdf(text, gaz)
    assert {(r.surface, r.name) for r in rows.itertuples()} == found


def test_an_abbreviated_saint_is_one_name_and_the_same_place_as_saint(gaz):
    rows = mentions_gdf("He studied in St. Louis. Drones hit an airfield near St. Petersburg, officials said.", gaz)
    found = {r.surface: (r.name, r.country) for r in rows.itertuples()}
    assert found["St. Louis"][1] == "US" and found["St. Petersburg"] == ("Saint Petersburg", "RU")


@pytest.mark.parametrize("text", ["NEW YORK (AP) — Stocks fell.", "(NEW YORK) — Police found him.",
                                  "Marinka (AFP) - The town fell."])
def test_a_dateline_is_a_place_even_as_a_sentences_first_word(gaz, text):
    assert len(mentions_gdf(text, gaz)) == 1


def test_parliaments_parties_and_governments_are_not_the_towns_of_their_names(gaz):
    text = ("The State Duma approved the annexation, United Russia said. Hamas and Israel exchanged fire. "
            "The Kremlin denied it; a White House aide said the Duma had no say.")
    assert surfaces(text, gaz) == ["Israel"]  # not Douma in Syria, Hamm in Germany, the Kremlin in Moscow
    assert surfaces("Officials met at the Kremlin and outside the White House.", gaz) == ["Kremlin", "White House"]


def test_a_demonym_that_is_also_a_small_towns_name_is_the_demonym(gaz):
    from frontline_map.geo.io.documents import Document
    from frontline_map.geo.text.parse import parse_document

    text = "Like many Canadian jurisdictions, Alberta is cold; pila means battery in English."
    rows = parse_document(Document("x", text), gaz, demonyms=True, with_events=False).mentions
    assert {r["surface"]: r["name"] for r in rows} == {"Canadian": "Canada", "Alberta": "Alberta", "English": "England"}
    assert surfaces(text, gaz) == ["Alberta"]  # without demonyms: neither Canadian, Texas nor English, Indiana


def test_two_word_and_derived_demonyms_name_their_own_place(gaz):
    """Before: "South Korean" was "Korean", "North American" the United States' "American", and "Iowans",
    "Londoners" nothing. A derived word names a country, a region or a city, by its own name."""
    from frontline_map.geo.io.documents import Document
    from frontline_map.geo.text.parse import parse_document

    text = ("South Korean officials met North American and Central American envoys. Iowans, Ontarians and "
            "Londoners watched. New Yorkers cheered; the Islanders won. South Korea said so.")
    rows = parse_document(Document("x", text), gaz, demonyms=True, with_events=False).mentions
    assert [(r["surface"], r["name"]) for r in rows] == [
        ("South Korean", "South Korea"), ("North American", "North America"), ("Central American", "Central America"),
        ("Iowans", "Iowa"), ("Ontarians", "Ontario"), ("Londoners", "London"), ("New Yorkers", "New York"),
        ("South Korea", "South Korea")]
    assert next(r for r in rows if r["surface"] == "Londoners")["country"] == "GB"  # the biggest London
    assert next(r for r in rows if r["surface"] == "Ontarians")["country"] == "CA"  # the province, not the city


def test_a_feature_named_after_a_place_is_one_mention_an_institution_is_not(gaz):
    # "the Dnipro Delta" is the river's delta: placed at the river, as "the Dnipro" alone is
    gdf = mentions_gdf("Boats crossed the Dnipro Delta; students of Kharkiv University fled.", gaz)
    assert [(r.surface, r.name) for r in gdf.itertuples()] == [("Dnipro Delta", "Dnipro River"), ("Kharkiv", "Kharkiv")]


def test_a_facility_or_feature_named_after_a_town_is_placed_at_the_town_even_alone(gaz):
    # a town of 280,000 only inside longer names: once dropped as a firm's name ("Kherson Airport": nothing)
    gdf = mentions_gdf("Drones hit Kherson Airport and Saky Air Base; a missile hit Kramatorsk Station.", gaz)
    assert [(r.surface, r.name) for r in gdf.itertuples()] == [
        ("Kherson Airport", "Kherson"), ("Saky Air Base", "Saky Air Base"), ("Kramatorsk Station", "Kramatorsk")]


def test_a_compass_word_opens_a_feature_named_after_a_place(gaz):
    gdf = mentions_gdf("He was stabbed on the South Kilburn Estate in London.", gaz)
    assert [(r.surface, r.name) for r in gdf.itertuples()] == [("South Kilburn Estate", "Kilburn"), ("London", "London")]


def test_the_article_makes_a_name_a_sea_not_a_town_even_in_a_story_about_that_country(gaz):
    # towns named Atlantic (Iowa) and Pacific (Missouri) outscored the oceans in a US story, and "The Atlantic"
    # opening a headline read as a person ("The" is in the name lists), clearing every later "Atlantic"
    text = ("Forecasters at Colorado State in Fort Collins, Colorado, expect a busy season The Atlantic hurricane "
            "season lasts from June. Waters in the tropical Atlantic are warm, and the eastern Pacific is cool.")
    gdf = mentions_gdf(text, gaz)
    oceans = [(r.surface, r.name) for r in gdf.itertuples() if r.surface in ("Atlantic", "Pacific")]
    assert oceans == [("Atlantic", "Atlantic Ocean"), ("Atlantic", "Atlantic Ocean"), ("Pacific", "Pacific Ocean")]


def test_an_ampersand_abbreviation_is_one_word(gaz):
    gdf = mentions_gdf("The minister said T&T would object; AT&T shares fell in Port of Spain.", gaz)
    assert [(r.surface, r.name) for r in gdf.itertuples()][0] == ("T&T", "Trinidad and Tobago")
    assert "AT" not in set(gdf.surface) and "T" not in set(gdf.surface)


def test_a_name_after_a_title_inside_a_capitalised_run_is_a_person(gaz):
    assert surfaces("Canadian Foreign Minister Chrystia Freeland left for Washington.", gaz) == ["Washington"]


def test_an_ap_state_abbreviation_after_a_town_is_the_state_even_when_the_word_is_a_place(gaz):
    gdf = mentions_gdf("WICHITA, Kan. (AP) — Officials in Topeka, Kan., said so.", gaz)
    assert [(r.surface, r.name) for r in gdf.itertuples()] == [
        ("WICHITA", "Wichita"), ("Kan.", "Kansas"), ("Topeka", "Topeka"), ("Kan.", "Kansas")]  # not Ganzhou ("Kan")


def test_currencies_are_not_their_countries(gaz):
    text = "Associates stole $US4.5 billion, about 40 US dollars a head, the US Justice Department said."
    assert surfaces(text, gaz) == ["US"]  # the department's country; not the currency twice


def test_a_months_abbreviation_before_a_day_does_not_end_the_sentence():
    from frontline_map.geo.text.mentions import split_sentences

    text = "Russia claimed on Aug. 18 that its troops had taken the town. Kyiv denied it. Fighting went on in Jan."
    assert [text[a:b].strip() for a, b in split_sentences(text)] == [
        "Russia claimed on Aug. 18 that its troops had taken the town.", "Kyiv denied it.", "Fighting went on in Jan."]


def test_a_ship_named_for_a_town_is_no_place(gaz):
    text = ("Ukraine hit the landing ship, the Kerch, in Sevastopol; the cruiser Moskva sank near Odesa, and the "
            "frigate Makarov left Novorossiysk.")
    assert surfaces(text, gaz) == ["Ukraine", "Sevastopol", "Odesa", "Novorossiysk"]


@pytest.mark.parametrize("text", [
    "Russian forces shelled Bakhmut's outskirts and the Kupiansk-Svatove road, the U.S. and AT&T said.\n\n"
    "KYIV, Ukraine (AP) — Zelensky visited Chasiv Yar. Mr. Reznikov said so.",
    "Українські війська звільнили Кліщіївку. Kyiv’s mayor said the Café Müller on Peace Avenue was hit.",
    # the ASCII pattern's own letters ([A-Za-z]) against the Unicode one's, on the words' odd shapes
    "The U.S. and AT&T said A.B.C was R&D's, don't-stop x--y re-entry; O'Brien's U.S.A.B and T&T& x_y9z.",
])
def test_a_sentence_has_the_words_it_would_have_alone(text):
    """The words are split once per document (in ASCII mode for an ASCII text) and sliced per sentence: each
    sentence must get the words, offsets and capitals a split of that sentence alone gives."""
    import re

    from frontline_map.geo.text.mentions import _TOKEN, _tokens, _words

    tokens = _tokens(text)
    for start, end in split_sentences(text):
        w = _words(tokens, text, start, end)
        alone = [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(_TOKEN.pattern, text[start:end])]
        assert [(a, b, t) for a, b, t in zip(w.start, w.raw_end, w.text, strict=True)] == [
            (a, b, t.removesuffix("'s").removesuffix("’s")) for a, b, t in alone]
        assert w.caps == [k for k, t in enumerate(w.text) if t[0].isupper()]
