from frontline_map.geo.names import fold_name, press_variants, russian_style


def test_fold_name_drops_accents_apostrophes_and_case():
    assert fold_name("Khar'kov") == fold_name("Kharkov") == "kharkov"
    assert fold_name("BIŁOHORIWKA") == "biłohoriwka"  # ł has no Unicode decomposition: kept, lower-cased
    assert fold_name("Ivano-Frankivsk") == "ivano frankivsk"
    assert fold_name("U.S.") == "u s"
    assert fold_name("  Kostiantynivka ") == "kostiantynivka"


def test_fold_name_keeps_cyrillic_letters():
    assert fold_name("Бахмут") == "бахмут"


def test_press_variants_of_a_russian_style_name():
    assert press_variants("Novoluganskoe") == ("Novoluganskoe", "Novoluganskoye")
    assert press_variants("Grayvoron") == ("Grayvoron", "Graivoron")  # "й" before a consonant
    assert press_variants("Belaya Kalitva") == ("Belaya Kalitva",)  # a "y" before a vowel stays
    assert press_variants("Kamensk-Shakhtinsky") == ("Kamensk-Shakhtinsky",)
    assert press_variants("Avdeevka") == ("Avdeevka", "Avdeyevka")  # "ее" as the press writes it


def test_russian_style_spells_as_the_english_press_does():
    # х is "kh", е opens with "ye", the apostrophe softens, -івка/-іївка/-ське take their Russian endings
    assert russian_style("Стельмахівка") == "Stelmakhovka"
    assert russian_style("Євгенівка") == "Yevgenovka"
    assert russian_style("Юр'ївка") == "Yuryevka"
    assert russian_style("Авдіївка") == "Avdeevka"
    assert russian_style("Новоторецьке") == "Novotoretskoye"
    assert russian_style("Роботине") == "Robotino"
    assert russian_style("Сєвєродонецьк") == "Severodonetsk"
