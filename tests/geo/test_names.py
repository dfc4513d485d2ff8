from frontline_map.geo.names import fold_name, press_variants


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
