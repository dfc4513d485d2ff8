"""Name normalisation shared by the gazetteer index and the recogniser, and dates in file names.

Both sides must fold a name the same way, or "Khar'kov" in a text would never
meet "Kharkov" in GeoNames.  Folding drops accents, apostrophes and dots,
treats hyphens as spaces and lowercases (Cyrillic included).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"['’ʼ`´‘]")
_SEPARATORS = re.compile(r"[\-‐‑–—.]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65_536)
def fold_name(name: str) -> str:
    """Return the index key of a place name: lowercase, no accents, single spaces.

    Cached: an article repeats its names, and the recogniser folds every
    candidate span, so most calls are hits.
    """
    text = name
    if not name.isascii():
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    text = _SEPARATORS.sub(" ", text)
    return _SPACES.sub(" ", text).strip().casefold()


_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")


def date_in_name(name: str) -> dt.date | None:
    """The date a file name carries: YYYY-MM-DD (or YYYYMMDD) anywhere in it, if it is a real date."""
    m = _DATE_IN_NAME.search(name) or _COMPACT_DATE_IN_NAME.search(name)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# Road references are written with Cyrillic letters that look Latin (М-03, Н-32, Т-05-04): one table for both ways.
_REF_CYRILLIC, _REF_LATIN = "МНТРЕ", "MHTPE"
CYRILLIC_REF_TO_LATIN = str.maketrans(_REF_CYRILLIC, _REF_LATIN)
LATIN_REF_TO_CYRILLIC = str.maketrans(_REF_LATIN, _REF_CYRILLIC)


_UK_TO_RU_ENDINGS = (("іївка", "еевка"), ("'ївка", "ьевка"), ("’ївка", "ьевка"), ("ʼївка", "ьевка"), ("ївка", "евка"),
                     ("івка", "овка"), ("ське", "ское"), ("цьке", "цкое"), ("ине", "ино"), ("не", "ное"))
_APOSTROPHE_VOWEL = re.compile(r"['’ʼ]([єюяї])")
_UK_ONLY = re.compile("[іїєґ]")


def russian_style(cyrillic: str) -> str:
    """A Russian-style Latin form of a Ukrainian Cyrillic name, by rule, as Russian outlets, wire copy quoting
    them and older articles write it: the name made Russian (its endings, і, ї, є, г) and romanised as the
    English press does (iuliia's Wikipedia scheme: х -> kh, е -> ye at a word's start, -ое -> -oye):
    "Новолуганське" -> "Novoluganskoye", "Стельмахівка" -> "Stelmakhovka", "Мар'їнка" -> "Mariinka"."""
    import iuliia

    word = cyrillic.lower()
    for uk, ru in _UK_TO_RU_ENDINGS:
        if word.endswith(uk):
            word = word[: -len(uk)] + ru
            break
    word = _APOSTROPHE_VOWEL.sub(lambda m: "ь" + {"є": "е", "ї": "и"}.get(m.group(1), m.group(1)), word)  # Мар'їнка: Марьинка
    word = word.replace("і", "и").replace("ї", "йи").replace("є", "е").replace("'", "").replace("’", "").replace("ʼ", "")
    latin = iuliia.WIKIPEDIA.translate(word)
    return re.sub(r"[a-z]+", lambda m: m.group().capitalize() if m.start() == 0 or latin[m.start() - 1] in " -"
                  else m.group(), latin)


def kmu(cyrillic: str) -> str:
    """Ukraine's official romanisation (KMU 2010) of a Cyrillic name: "Саки" -> "Saky", as Ukrainian and most
    English-language outlets write the places GeoNames lists under a Russian-style name ("Saki")."""
    from translitua import translit

    return translit(cyrillic)


def is_ukrainian_cyrillic(name: str) -> bool:
    """Written in Ukrainian (і, ї, є, ґ, or a Ukrainian ending: "Новолуганське"), not in Russian: the names a
    Russian-style form is made from."""
    low = name.lower()
    return _UK_ONLY.search(low) is not None or low.endswith(tuple(uk for uk, _ru in _UK_TO_RU_ENDINGS))


_OE = re.compile(r"oe\b")
_EE = re.compile(r"(?<=[a-z])ee(?=[a-z])")
_ON_RIVER = re.compile(r"-na-([A-Z][a-z]+[ue])$")  # Russian "на Дону", "на Амуре", "на Волге": the river's locative


_Y_GLIDE = re.compile(r"(?<=[aeiou])y(?=[bcdfghklmnprstvz])")


def press_variants(latin: str) -> tuple[str, ...]:
    """A Russian-style Latin name as transliterated ("Novoluganskoe", "Grayvoron", "Avdeevka") and as the press
    writes its "-ое" ending ("Novoluganskoye"), its "ее" ("Avdeyevka") and its "й" before a consonant
    ("Graivoron", "Maikop")."""
    forms = [latin, _OE.sub("oye", latin)]
    forms += [_EE.sub("eye", f) for f in forms]  # "Avdeevka" as the press writes it: "Avdeyevka"
    forms += [_Y_GLIDE.sub("i", f) for f in forms]
    river = _ON_RIVER.search(latin)  # "Kalach-na-Donu": the English copy's "Kalach-on-Don"
    if river is not None:
        stem = river.group(1)
        forms.append(f"{latin[:river.start()]}-on-{stem[:-2] + 'a' if stem.endswith('ge') else stem[:-1]}")
    return tuple(dict.fromkeys(forms))
