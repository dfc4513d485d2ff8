"""Villages the gazetteer lacks, placed roughly where the article itself says they are.

Front-line reporting names villages of a few hundred people that no open table has a point for, and says
where they lie: ISW's "advanced near Stupochky (south of Chasiv Yar)", a wire's "Zelene Pole, a village
about 10 km south of Velyka Novosilka". A desk editor would put such a village a few km off the town named,
in the direction given, and mark it as approximate; so does this.  The point is the anchor town's, moved
``km`` (the article's figure, else :data:`DEFAULT_KM`) along the bearing; confidence
:data:`CONFIDENCE` and the place's ``source`` say how it was made.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from frontline_map.geo.gazetteer import Place
from frontline_map.geo.lexicon import words
from frontline_map.geo.names import fold_name

DEFAULT_KM = 6.0
"""Where the article gives no distance: ISW's bracketed locators name the nearest town of note, usually a
few km to a dozen away."""
CONFIDENCE = 0.3

_NAME = r"[A-Z][a-z’'\-]+(?:[ \-][A-Z][a-z’'\-]+)?"
_NAMES = rf"{_NAME}(?:(?:,\s+|,?\s+and\s+){_NAME})*"
_DIRECTION = r"(?:north|south)(?:[ \-]?(?:east|west))?|east|west"
_DISTANCE = r"(?:(?:about|some|roughly|around|nearly|almost)\s+)?(?P<km>\d{1,2})\s*(?:km|kilomet(?:er|re)s?|(?P<mi>miles?))\s+"
# "south of Chasiv Yar", "6 km southwest of Toretsk", "just west of the fallen town of Avdiivka"
_LOCATOR = (rf"(?:(?:just|directly|immediately|further|farther)\s+)?(?:{_DISTANCE})?(?P<dir>{_DIRECTION})(?:ern)?\s+of\s+"
            rf"(?:the\s+(?:[a-z\-]+\s+){{0,2}}(?:town|city|village|settlement)\s+of\s+)?(?P<anchor>{_NAME})\b")
_PATTERNS = (
    # ISW's bracket: "Stupochky (south of Chasiv Yar)"
    re.compile(rf"(?P<names>{_NAME})\s+\({_LOCATOR}"),
    # an apposition: "Tonenke, a village west of the town of Avdiivka", "Zelene Pole, 10 km south of Velyka Novosilka"
    re.compile(rf"(?P<names>{_NAME}),\s+(?:(?:a|the)\s+(?:small\s+|tiny\s+|front-?line\s+)?(?:village|hamlet|settlement)\s+)?"
               rf"{_LOCATOR}"),
    # "Netailove is one of several villages west of Avdiivka", "Zelene is a small village 10 km south of Kurakhove"
    re.compile(rf"(?P<names>{_NAME})\s+(?:is|was|lies)\s+(?:one\s+of\s+(?:several|the|many|\w+)\s+)?(?:a\s+)?"
               rf"(?:small\s+|tiny\s+|front-?line\s+)?(?:villages?|hamlets?|settlements?)\s+{_LOCATOR}"),
    # "the villages of Sieverne and Stepove, west of Avdiivka", "the village of Tonenke west of Avdiivka"
    re.compile(rf"\b(?:villages?|hamlets?|settlements?)\s+of\s+(?P<names>{_NAMES}),?\s+"
               rf"(?:(?:which|that)\s+(?:is|are|lies|lie)\s+|(?:located|lying)\s+)?{_LOCATOR}"),
    # ISW's "attacked northeast of Toretsk near Dyliivka and Pivnichne": the direction first, the villages after
    re.compile(rf"{_LOCATOR}\s+near\s+(?P<names>{_NAMES})"),
)
_SPLIT = re.compile(r",\s+|,?\s+and\s+")
# Capitalised words before a locator that are no village: "On Tuesday, west of Bakhmut", "Ukrainian, ..."
CALENDAR = words("mentions_calendar")
_NOT_OPENING = frozenset({"on", "in", "at", "the", "since", "by", "from", "near", "for", "and", "but", "as", "of"})
_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
             "southwest": 225.0, "west": 270.0, "northwest": 315.0}


@dataclass(frozen=True)
class Located:
    """A name the article places relative to a town it names."""

    start: int
    end: int
    name: str
    place: Place


def locate(text: str, directions: list[int], anchors: dict[str, Place], taken: dict[int, Place | None],
           namesake: Callable[[str, float, float, float], Place | None]) -> list[Located]:
    """Names of ``text`` placed by a locator ("X (south of Y)", "X, a village 10 km south of Y").

    ``directions`` lists the offsets of the text's direction words (:func:`direction_words`: few texts have any, so the
    caller asks before it gathers the rest).
    ``anchors`` maps folded names to the settlements this document's names were resolved to (only they can
    anchor: the town of a locator is one the article names); ``taken`` maps the start offsets of mentions
    resolved already to their places: one resolved to a namesake far from where its locator puts it (a
    Kalynivka 70 km off for "Kalynivka (northeast of Chasiv Yar)") is placed again by the locator.
    ``namesake(name, lat, lon, km)`` answers a gazetteer place of that name within ``km`` of the point, if there
    is one: then the village is where the gazetteer has it, not approximate.
    """
    found: dict[int, Located] = {}
    for word_at in directions:  # few texts hold many "south of"s: look around them, not through the whole text
        for m in _around(text, word_at):
            anchor = anchors.get(fold_name(m.group("anchor").removesuffix(" City")))  # ISW's "Donetsk City"
            if anchor is None:
                continue
            km = float(m.group("km")) * (1.609 if m.group("mi") else 1.0) if m.group("km") else DEFAULT_KM
            direction = m.group("dir").lower().replace("-", "").replace(" ", "")
            at = m.start("names")
            for name in _SPLIT.split(m.group("names")):
                at = text.index(name, at)
                if not _placed_near(taken, at, anchor, km, _BEARINGS[direction]) and at not in found and _village_like(name) \
                        and (fold_name(name) not in anchors or at in taken):
                    place = namesake(name, anchor.lat, anchor.lon, km + 15.0)
                    if place is None:
                        lat, lon = _moved(anchor.lat, anchor.lon, _BEARINGS[direction], km)
                        place = Place(-1, name, "settlement", lat, lon, 0, anchor.country, anchor.admin1, None,
                                      f"placed {km:g} km {m.group('dir')} of {anchor.name}, as the article "
                                      f"locates it; no table has this village")
                    found[at] = Located(at, at + len(name), name, place)
                at += len(name)
    return sorted(found.values(), key=lambda x: x.start)


def _placed_near(taken: dict[int, Place | None], at: int, anchor: Place, km: float, bearing: float) -> bool:
    """Is the mention at ``at`` resolved already, and within reach of where its locator puts it?  Not if it lies
    the other way from the town ("northeast of Siversk" for a Petrivka 40 km southwest of it)."""
    if at not in taken:
        return False
    place = taken[at]
    if place is None or place.kind != "settlement":
        return True  # a road, a region: not a village to move
    from geographiclib.geodesic import Geodesic  # geopy's own geodesy: the distance and the bearing in one call

    line = Geodesic.WGS84.Inverse(anchor.lat, anchor.lon, place.lat, place.lon)
    azimuth, metres = float(line["azi1"]), float(line["s12"])
    off = abs((azimuth - bearing + 180.0) % 360.0 - 180.0)
    return metres / 1000.0 <= km + (REACH_KM if off <= 90.0 else _WRONG_WAY_KM)


_WRONG_WAY_KM = 15.0  # beyond its stated distance, the other way from the town: not the village the article means


REACH_KM = 50.0
"""How far beyond its stated distance a place resolved by the gazetteer may lie from its locator's town before
the locator wins: ISW locates towns, not only villages, from a bigger town a few dozen km off ("Bakhmut (north
of Horlivka)", 35 km), and the gazetteer's point, the article's round figure and the direction all err."""


_DIRECTION_WORD = re.compile(rf"(?:{_DIRECTION})(?:ern)?$", re.IGNORECASE)


_DIRECTION_ENDS = frozenset({"th", "st", "rn"})


def direction_words(text: str) -> list[int]:
    """Offsets of the direction words before " of " ("south of", "north-east of"), found by ``str.find``: a
    regular expression with no fixed first letter tries every position of the text."""
    found, k = [], text.find(" of ")
    while k >= 0:
        # every direction word ends in "th", "st" or "rn" (north, south-west, eastern): most words before " of " don't
        # (a line break before " of " is left to the pattern, whose $ also matches before it)
        ends = text[k - 2:k].lower() in _DIRECTION_ENDS or text[k - 1:k] == "\n"
        word = _DIRECTION_WORD.search(text, max(0, k - 16), k) if ends else None
        if word is not None and (word.start() == 0 or not text[word.start() - 1].isalpha()):
            found.append(word.start())
        k = text.find(" of ", k + 4)
    return found


def _around(text: str, at: int) -> list[re.Match[str]]:
    """Locator phrases whose direction word is at ``at``: searched in a window before it (a list of names and a
    distance fit in 200 characters)."""
    head = text[max(0, at - 60):at]
    if "(" not in head and "," not in head and _VILLAGE_WORD.search(head) is None and " near " not in text[at:at + 80]:
        return []  # every locator has a bracket, a comma or a village's noun before its direction word, or "near" after
    lo, hi = max(0, at - 200), min(len(text), at + 120)
    return [m for rx in _PATTERNS for m in rx.finditer(text, lo, hi) if m.start("dir") == at]


_VILLAGE_WORD = re.compile(r"villages?|hamlets?|settlements?", re.IGNORECASE)


def _village_like(name: str) -> bool:
    words = fold_name(name).split()
    return words[0] not in _NOT_OPENING and not any(w in CALENDAR for w in words) \
        and not words[-1].endswith(("ian", "ians", "ese", "ish"))


def _moved(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along ``bearing`` degrees, by the geodesy :func:`_placed_near` measures with."""
    from geographiclib.geodesic import Geodesic

    point = Geodesic.WGS84.Direct(lat, lon, bearing, km * 1000.0)
    return round(float(point["lat2"]), 5), round(float(point["lon2"]), 5)
