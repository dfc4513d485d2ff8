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
