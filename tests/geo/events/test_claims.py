"""Attribution: whose statement a clause is, which side they speak for, and denials."""
from __future__ import annotations

from frontline_map.geo.events.claims import (
    ARTICLE,
    Attribution,
    anaphoric_denial,
    find_attribution,
    inline_denial,
    is_negated,
    normalise_source,
    reported_by,
    side_of,
)


def test_sides_of_sources():
    assert side_of("Russia's defence ministry") == "russia"
    assert side_of("Ukraine's General Staff") == "ukraine"
    assert side_of("the Institute for the Study of War") == "other"
    assert side_of("the regional governor") == "ukraine"  # a role alone, as in reporting from Ukraine
    assert side_of("the Freedom of Russia Legion and the Russian Volunteer Corps") == "ukraine"  # fight for Kyiv
    # Ukraine's voices that do not say "Ukrainian": its monitors and operational groups, its ministries and state firms
    assert side_of("the DeepState monitoring group") == side_of("the Khortytsia operational-strategic group") == "ukraine"
    assert side_of("the energy ministry") == side_of("the state company that runs it") == "ukraine"


def test_known_sources_get_one_name():
    assert normalise_source("Britain's Ministry of Defence") != "" and \
        normalise_source("the UK Ministry of Defence") == normalise_source("British defence intelligence")
    assert normalise_source("  the Wagner group, who said") == "Wagner group"


def test_attribution_of_a_clause():
    plain = find_attribution("Russian forces shelled Kharkiv.", "Russian forces shelled Kharkiv.")
    assert plain == Attribution(ARTICLE, ARTICLE, False)
    sentence = "Russian forces captured Soledar, the Russian defence ministry said."
    said = find_attribution("Russian forces captured Soledar", sentence)
    assert said.side == "russia" and not said.denial
    according = find_attribution("Kyiv denied the capture, according to Serhiy Haidai",
                                 "Kyiv denied the capture, according to Serhiy Haidai.")
    assert according.source == "Serhiy Haidai" and according.denial
    pronoun = find_attribution("He said the town held", "He said the town held.",
                               previous=Attribution("Serhiy Haidai", "ukraine"))
    assert pronoun.source == "Serhiy Haidai"
    # an appositive's comma before "said" opens no postposed source: what follows is what was said
    sentence = "The governor of the region, Mykola Lukashuk, said Russian shelling had killed a man in Marhanets."
    appositive = find_attribution(sentence, sentence)
    assert appositive.source == "Mykola Lukashuk, the governor of the region" and appositive.side == "ukraine"
    # a clause before the speaker is no appositive of his ("A Russian missile attack on Odesa killed three people")
    sentence = "A Russian missile attack on Odesa killed three people and injured 10, Governor Oleh Kiper said."
    assert find_attribution(sentence, sentence).source == "Governor Oleh Kiper"
    sentence = "Shelling hit Vovchansk, the head of the local military administration, Tamaz Gambarashvili, said."
    assert find_attribution(sentence, sentence).source == ("Tamaz Gambarashvili, the head of the local military "
                                                           "administration")
    postposed = "Three people were killed, said Vitalii Kim, the governor."
    assert find_attribution(postposed, postposed).source.startswith("Vitalii Kim")
    # a speaker named again in short, or as "him", is the one named in full before
    governor = Attribution("Governor Oleh Syniehubov", "ukraine")
    for sentence in ("Two houses were damaged, Syniehubov said.", "According to him, two houses were damaged."):
        assert find_attribution(sentence, sentence, previous=governor) == governor
    other = "Two houses were damaged, Kyiv said."  # not a surname of the governor's
    assert find_attribution(other, other, previous=Attribution("the mayor of Kyiv", "ukraine")).source == "Kyiv"


def test_a_denial_after_a_semicolon_answers_the_claim_before_it():
    sentence = ("Sources said six aircraft at the airfield near Millerovo had been destroyed; Russian officials denied "
                "that the airfield had been hit.")
    found = inline_denial(sentence)
    assert found is not None and found.denier == "Russian officials" and sentence[found.start:found.end].endswith(
        "destroyed")


def test_a_sentence_that_names_the_source_of_the_one_before():
    by = reported_by("This was reported on Telegram by the head of the Sumy regional military administration.")
    assert by is not None and by.source == "head of the Sumy regional military administration" and by.side == "ukraine"
    assert reported_by("The strike was reported by residents near the port.") is None  # tells, does not attribute


def test_denials_and_negation():
    assert anaphoric_denial("This was denied by Ukraine's military.") == "Ukraine's military"
    assert anaphoric_denial("Russian forces advanced.") is None
    assert is_negated("nobody has captured") and is_negated("did not take") and not is_negated("has taken")


def test_the_group_or_the_company_is_the_source_named_before():
    before = Attribution("DeepState", "ukraine")
    said = find_attribution("The group said Russian troops had advanced near Orlivka.",
                            "The group said Russian troops had advanced near Orlivka.", previous=before)
    assert said == before


def test_an_emergency_headquarters_is_an_official_voice():
    assert side_of("the regional emergency headquarters") == "ukraine"  # as "the regional administration" is
