"""Events: what happened at each place, when, who did it, and according to whom.

For every place mention, the clause around it is read for an event trigger
(fighting, strike, capture, advance, withdrawal, route_threat, casualties),
the side that acted (fighting "in the Lyman direction" is an axis event, named "Lyman direction":
a line of advance, drawn apart from the town's own events), the unit when named, the time expression that dates it,
and the attribution that says whether it is reported, claimed or denied.
A clause with a trigger but no place ("Fighting was said to be ferocious
yesterday.") tells about the places of the sentence before it.  Within an
article one place keeps one event per type; across articles the same event
told twice becomes one event with two sources.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from frontline_map.geo.events.claims import (
    ARTICLE,
    Attribution,
    InlineDenial,
    anaphoric_denial,
    find_attribution,
    has_attribution_cue,
    holding_denial,
    inline_denial,
    is_negated,
    normalise_source,
    reported_by,
    side_of,
)
from frontline_map.geo.events.dates import TimeExpression, find_time_expressions
from frontline_map.geo.lexicon import triggers, words
from frontline_map.geo.names import fold_name
from frontline_map.geo.resources import table
from frontline_map.geo.text.mentions import CALENDAR as _CALENDAR
from frontline_map.geo.text.mentions import INSTITUTIONS, sentence_of

EVENT_TYPES = ("capture", "withdrawal", "advance", "route_threat", "strike", "casualties", "fighting", "axis")
STATUSES = ("reported", "claimed", "denied", "contested")
CORRECTION_FIELDS = ("status", "type", "date", "date_precision", "actor", "source")
EVENT_KEYS = ("doc", "place", "kind", "lat", "lon", "type", "date", "date_precision", "actor", "source",
              "status", "sentence", "start", "end")

_TRIGGERS = triggers("event_triggers")
_TRIGGER_RX = {t: re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for t, p in _TRIGGERS.items()}
_ROUTE_THREAT = re.compile(r"\b(?:fire|firing|shell\w*|range|cut|threat\w*|under control|interdict\w*|"
                           r"closed|blocked|destroyed|severed|isolat\w*)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:could|would|will|might|may have|may be|plans? to|predicted|expected to|prepar\w+|avoid\w*|"
                    r"if|unless|threaten(?:s|ed)? to|weighs?|consider\w*|mulls?|debat\w+)\b", re.IGNORECASE)
# The place only locates something else: "north-east of Bakhmut", "the road to Sloviansk", "30 km from X".
# "west of the fallen town of Avdiivka": the compass may name what kind of place it measures from
_COMPASS = (r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of"
            r"(?:\s+the(?:\s+[\w-]+){0,2}\s+(?:town|city|village|capital|port|hub|cent(?:re|er)|stronghold)\s+of)?")
_SETTLEMENT_NOUNS = r"(?:towns?|villages?|cit(?:y|ies)|settlements?|hamlets?|resorts?)"
_REFERENCE = re.compile(r"(?:(?:\b(?:" + _SETTLEMENT_NOUNS + r"|lies|located|situated|just|km|kilometres|"
                        r"reservoir|river|shore|bank|lake|coast|"
                        r"kilometers|miles|road|highway|route|bridge|railway)(?:\s*\([^()]{0,30}\))?\s+(?:\w+\s+)?|"
                        r",\s*(?:just\s+)?|"  # "50 kilometers (30 miles) southwest of Odesa"
                        r"\(\s*(?:(?:both|all|each|just)\s+)?)"  # ISW's "Khotin (both north of Sumy City)"
                        + _COMPASS + r"|"
                        r"\b" + _SETTLEMENT_NOUNS + r"\s+of\s+(?-i:[A-Z])[\w’'-]+\s+" + _COMPASS + r"|"  # "village of Tonenke west of"
                        r"\b" + _SETTLEMENT_NOUNS + r"\s+(?:just\s+)?(?:near|outside)\s+the(?:\s+[\w-]+){0,2}\s+"
                        r"(?:town|city|village|capital|port)\s+of|"  # "a resort town near the port city of Odesa"

                        r"\b(?:road|highway|route|way|corridor)\s+(?:to|from|towards)|\b(?:linking|connecting)|"
                        r"\b\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:from|of)|"
                        r"\bbetween(?:\s+[\w’'-]+){0,3}\s+and|\bbetween)\s*$", re.IGNORECASE)
_REFERENCE_LAST = words("events_reference_last")
_CLAUSE_SPLIT = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\b(?:after|before|until)\b|,\s+and\b"
                           # not the serial comma before a list's last name: "near Bakhmut, Klishchiivka, and Andriivka."
                           r"(?!\s+(?-i:[A-Z][\w'’-]+)(?:[\s-]+(?-i:[A-Z][\w'’-]+)){0,2}\s*(?:[.,;:)]|$|\s+(?:on|in|near|"
                           r"over|during|overnight|earlier|yesterday|today)\b))|"
                           r",(?=\s+(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,2}\s+(?:says|claims|denies)\b)|"  # ", Kyiv says"
                           r"\band (?:have|has|had) (?:also )?(?=said|claimed)|"
                           r"\band that\b(?=\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]+\s+(?:forces|troops|units|army)\b)")  # a second report
# "Moscow had captured", "Ukraine shelled": a place followed by a transitive trigger is the agent.
# (not "Kharkiv was hit", "Izium was liberated": a passive's subject is where it happened)
_AGENT = re.compile(r"^\s*(?:(?:had|has|have|also|then|now|again|reportedly|did not|does not|do not|didn['’]t|"
                    r"doesn['’]t)\s+){0,2}"
                    r"(?:captur\w*|took|seized|shelled|attacked|struck|hit|bombed|advanced|pushed|launched|fired|"
                    r"retook|recaptured|liberated|pulled|withdrew|sent|deployed|ordered|"
                    # a government's will: "as Kyiv presses its campaign", "showed that Moscow did not want peace"
                    r"press(?:es|ed)?|wants?|wanted|seeks?|sought|plans?|planned|hopes?|hoped|intends?|intended|"
                    r"vow(?:s|ed)|pledged?|pledges|demand(?:s|ed)?|refused?|refuses|retaliat\w+|aims?|aimed|"
                    r"keeps? up|kept up|steps? up|stepped up)\b",
                    re.IGNORECASE)
# "told the Kyiv Independent": the place names a newspaper
_TITLE_AFTER = re.compile(r"^\s+(?:Independent|Post|Times|Pravda|Herald|Telegraph|Journal|Gazette|Tribune|Insider)\b")
# "blamed Kyiv for", "urged Moscow to": a government spoken of, not a scene
# "Kharkiv Gov. Oleh Syniehubov said", "Volgograd Governor Andrei Bocharov": the place is part of an official's title
# A Ukrainian administration named for its region or town: "Zhytomyr Regional Military Administration", "the Poltava RMA"
_ADMINISTRATION = r"(?:(?:Regional|Oblast|City|District)\s+(?:State\s+|Military\s+)*Administration|RMA|OVA|MVA)\b"
_OFFICE_AFTER = re.compile(r"\s+(?:(?:Gov\.|Governor|Mayor|Lt\.\s+Gov\.)\s+(?-i:[A-Z])|"
                           # "the Zhytomyr Regional Military Administration": the office speaks; the region is its name
                           + _ADMINISTRATION + ")")
_OBJECT_BEFORE = re.compile(r"\b(?:blamed|blaming|accused|accusing|urged|warned|called on|pressed)\s*$", re.IGNORECASE)
# "from Oleshky and Hola Prystan": every town of the list the fire came from
# "fire from the temporarily occupied Kinburn Spit", "from neighbouring Donetsk": where it came from, however described
_FROM_DESCRIBED = re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:temporarily|occupied|neighbou?ring|nearby|Russian-\w+|"
                             r"Ukrainian-\w+|annexed|left-bank|right-bank)\s+){1,3}$", re.IGNORECASE)
_FROM_LIST = re.compile(r"\bfrom\s+(?:[A-Z][\w’'-]+\s+){1,3}(?:and|or)\s*$|\bfrom\s+(?:[A-Z][\w’'-]+\s*,\s*)+$")
# "Staromaiorske, which Ukraine said it retook": a relative clause tells the place's own event
_WHICH_AFTER = re.compile(r"\s*,\s*(?:which|where)\b[^.;]*")
# "Speaking in Kyiv", "told a news conference in Kyiv": where words were said, not where things happened.
_SPEECH_PLACE = re.compile(r"\b(?:speaking|spoke|said|says|told|conference|briefing|interview|visit\w*|met|meeting|"
                           r"summit|talks|address\w*)\b(?:\s+[\w’'-]+){0,3}\s+(?:in|at)\s*$", re.IGNORECASE)
# "Kyiv denied", "Moscow has claimed", "a claim Kyiv denied", "officials in Kyiv said", "Moscow's offensive":
# a capital (or any place) standing for its government speaks or acts; nothing happens there.
_SPEAKER_AFTER = re.compile(r"^\s*(?:(?:has|have|had|also|later|quickly|swiftly|officially|again|since|"
                            r"immediately|promptly|did not|does not|has not|have not|would not|didn['’]t|"
                            r"doesn['’]t)\s+){0,2}(?:said|says|reported|reports|claimed|claims|denied|confirm|comment|"
                            r"denies|announced|announces|insisted|insists|stated|states|confirmed|confirms|accused|"
                            r"accuses|rejected|rejects|dismissed|dismisses|acknowledged|acknowledges|admitted|"
                            r"admits|warned|warns|blamed|blames)\b", re.IGNORECASE)
_GOVERNMENT_BEFORE = re.compile(r"(?:\b(?:officials?|authorities|government|leadership|diplomats?|spokesm[ae]n|"
                                r"sources)\s+in|\ba\s+claim(?:\s+that)?|\bclaims?\s+by)\s*$", re.IGNORECASE)
_POSSESSIVE_AGENT = re.compile(r"^['’]s\s+(?:\w+\s+)?(?:offensive|forces|troops|army|military|soldiers|invasion|"
                               r"war|units|assault|attacks?|push|campaign|government|claims?|denials?|"
                               r"defen[cs]e ministry|ministry|allies|partners|backers|leaders?|officials|"
                               r"position|strategy|response|counteroffensive)\b", re.IGNORECASE)
# "the Lyman direction", "the Kupiansk axis": a line of advance named for its town, not an event at the town
_AXIS_AFTER = re.compile(r"^(?:\s*(?:[-–]|,|,?\s+and)\s*[A-Z][\w’'-]+)*\s+(?:directions?|axis|axes|sectors?|fronts?)\b(?!\s+lines?)",
                         re.IGNORECASE)  # "the Lyman direction", "the Berdiansk and Melitopol directions"
# Water the fighting is near or across ("on the Danube River", "across the Kakhovka reservoir"): where, not what
_WATER_NOTE = re.compile(r"\b(?:river|sea|reservoir|lake|lagoon|estuary|bay|gulf|strait)\b", re.IGNORECASE)
_UNIT = re.compile(r"\b(?:Wagner(?: group| mercenar\w+| fighters)?|Azov|Akhmat|Storm-Z|Kraken|"
                   r"\d+(?:st|nd|rd|th) (?:[A-Z][\w-]+ )*(?:Brigade|Division|Regiment|Battalion|Army))\b")
_START = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"  # also "confirmedRussian": a missing space is common
_RUSSIAN_SIDE = re.compile(_START + r"(?:russian|russia'?s?|moscow|kremlin|wagner|mercenar\w+|chechen|kadyrov\w*|"
                           r"occupiers?|enemy|invaders?|separatists?|the russians|"
                           # Russia's battlegroups as TASS names them: "units of the Zapad battlegroup", "Zapad units"
                           r"(?-i:Zapad|Sever|Yug|Tsentr|Vostok|Dnepr)(?=\s+(?:battlegroup|group|units|troops|forces)))\b", re.I)
_UKRAINIAN_SIDE = re.compile(_START + r"(?:ukrainian|ukraine'?s?|kyiv'?s?|our troops|our forces|defenders|"
                             r"armed forces of ukraine|zsu|the ukrainians)\b", re.I)
# "KYIV, Ukraine (AP) —", "KYIV, Oct 2 (Reuters) -", "Odesa (AFP) -", "MOSCOW, October 3. /TASS/.", "ZAPORIZHZHIA:":
# where the story was filed, not where anything happened.  Used with .match(text, pos), so no "^" (which
# would only ever match at the start of the whole text).
_DATELINE = re.compile(r"\s*(?:(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*|[A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+)?)"
                       r"(?:,\s*[^—–\n()/]{1,40}?)?\s*(?:\([A-Z][\w .]{1,24}\)\s*[—–-]|/[A-Z]{2,}/\.?|[—–])"
                       r"|[A-Z]{3,}(?: [A-Z]{2,})*:\s)")
# "in Ukraine's east", "in eastern Ukraine", "across Russia": where, not who
_PLACE_POSSESSIVE = re.compile(r"\b(?:in|of|across|into)\s+(?:Ukraine|Russia)['’]s\b|\b(?:in|across|into)\s+"
                               r"(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+|central\s+)?(?:Ukraine|Russia)\b(?!['’])")
# Side words that say where, not who: "the Russian town of Shebekino", "Russia's Belgorod region",
# "Russian-occupied Melitopol", "the Ukrainian city of Dnipro" (struck by the other side as often as not)
_SIDE_AS_PLACE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:Moscow|Kyiv)\b|"  # where
                            r"\b(?:Russian|Ukrainian)\s+(?:(?:military|navy|naval)\s+)?(?:city|town|village|port|capital|"
                            r"region|oblast|province|border|settlement|territory|air\s*bases?|airfields?|bases?|airports?|"
                            r"warships?|ships?|refiner(?:y|ies)|depots?|arsenals?|positions)\b|\b(?:Russian|Ukrainian)-(?:held|occupied|controlled|annexed)\b"
                            r"|\b(?:Russia|Ukraine)['’]s\s+(?:(?:[A-Z][\w-]+|southern|northern|eastern|western)\s+){0,2}"
                            r"(?:(?:oil\s+)?(?:region|oblast|province|border|capital|cit(?:y|ies)|towns?|villages?|ports?|"
                            r"refiner(?:y|ies)|airfields?|air\s*bases?|bases?|plants?|depots?|airports?|territory|"
                            r"republic|soil))\b")
# The speaker is no evidence of who acted ("drones hit two Russian air bases, Russia's defence ministry said"):
# a side's office with its verb of saying is left out; "Russia said it had struck ..." is the pronoun rule's
_SPEAKER = (r"(?:(?:Russia|Ukraine)['’]s|(?:the\s+)?(?:Russian|Ukrainian))\s+(?i:defen[cs]e\s+ministry|ministry\s+of\s+"
            r"defen[cs]e|military|army|air\s+force|general\s+staff|navy|officials?|authorities|governor)")
_SPEECH = r"(?:said|says|claimed|claims|reported|reports|announced|stated|told)"
_SPEAKER_SIDE = re.compile(rf"{_SPEAKER}(?=\s+(?:on\s+\w+\s+)?{_SPEECH}\b)|\b{_SPEECH}\s+{_SPEAKER}"
                           rf"|\b(?:Russia|Ukraine|Moscow|Kyiv)(?=\s+(?:says|said|claims|claimed)\s+(?:that\s+)?(?:it|its)\b)")
# "Russia says it shot down 12 Ukrainian drones": the speaker defended; the side named with the weapons struck
_DEFENDED = re.compile(r"\b(?:shot down|shoots down|intercepted|downed|destroyed|repelled)\b", re.IGNORECASE)
# A headline's running label ("Ukraine war: Volnovakha 'almost destroyed'"): the story's name, not who acted
_STORY_LABEL = re.compile(r"^\W*(?:(?:Russia|Ukraine)(?:[-–](?:Russia|Ukraine))?\s+(?:war|conflict|crisis)|War in Ukraine)\s*:",
                          re.IGNORECASE)
# "liberated": each side's word for its own gains, so the speaker's side took the place
_LIBERATED = re.compile(r"liberat", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"\b(?:said|says|claimed|claims|announced|declared)\s+(?:on \w+\s+|\w+day\s+)?(?:(?:that\s+)?"
                              r"(?:it|they|we)\b|to\s+have\b)", re.I)  # "claimed to have taken": the speaker did
_OWN_TROOPS = re.compile(r"\b(?:its|our|his|their)\s+(?:(?:special|armed|air|naval|ground|own|elite|assault|defence|"
                         r"defense)\s+)?(?:troops|forces|fighters|units|soldiers|army|drones|navy)\b", re.I)
EVENT_KINDS = ("settlement", "region", "route", "other")
# Seats of government stand for governments ("provoke the Kremlin"): never the scene of an event.
_INSTITUTIONS = INSTITUTIONS  # data/lexicon/mentions_institutions.txt, folded


@dataclass
class Event:
    """One event at one place: the row of the events table before geometry."""

    doc: str
    place: str
    kind: str
    lat: float | None
    lon: float | None
    type: str
    date: str | None
    date_precision: str
    actor: str
    source: str
    status: str
    sentence: str
    start: int
    end: int
    unit: str = ""
    denied_by: str = ""
    date_from: str = "text"  # text | speech (the day it was said) | published | none
    sources: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    alternatives: str = "[]"  # the place's runner-up geocodes (JSON), for editors
    id: str = ""  # stable: article hash + span + type (see geo.text.parse.event_id)
    ids: list[str] = field(default_factory=list)  # after a corpus merge: every merged event's id

    def as_row(self) -> dict[str, Any]:
        """The contract's keys first, then provenance."""
        row = {k: getattr(self, k) for k in EVENT_KEYS}
        row.update(unit=self.unit, denied_by=self.denied_by, date_from=self.date_from,
                   sources=self.sources or [self.source], docs=self.docs or [self.doc],
                   alternatives=self.alternatives, id=self.id, ids=self.ids or [self.id])
        return row


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    text: str


def _clauses(text: str, span: tuple[int, int]) -> list[_Clause]:
    out, pos = [], span[0]
    for m in _CLAUSE_SPLIT.finditer(text, span[0], span[1]):
        out.append(_Clause(pos, m.start(), text[pos:m.start()]))
        pos = m.start()
    out.append(_Clause(pos, span[1], text[pos:span[1]]))
    return out


_UNIT_CUE = re.compile(r"Wagner|Azov|Akhmat|Storm|Kraken|Brigade|Division|Regiment|Battalion|Army")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# First words of the multi-word triggers: only these need a look at the words after.
_PHRASE_STARTS = words("events_phrase_starts")


@lru_cache(maxsize=65_536)
def _phrase_type(phrase: str) -> str | None:
    """The event type a word or short phrase triggers (cached: vocabularies are small)."""
    for t, rx in _TRIGGER_RX.items():
        if rx.fullmatch(phrase):
            return t
    return None


def _triggers(clause: str) -> list[tuple[int, str, int]]:
    """Every event trigger in a clause as (offset, type, end offset).

    Words and their two- and three-word runs are looked up in a cache of the
    trigger patterns, which is several times faster than scanning each clause
    with one large alternation.
    """
    matches = list(_WORD.finditer(clause.lower()))
    found = []
    i, means = 0, False  # means: the last trigger told how another event was done ("using artillery and air strikes")
    while i < len(matches):
        m, span, t = matches[i], 1, None
        if m.group() in _PHRASE_STARTS:
            for n in (4, 3, 2):  # "improved their tactical positions", "pushed Russian troops back"
                if i + n <= len(matches):
                    t = _phrase_type(" ".join(x.group() for x in matches[i:i + n]))
                    if t:
                        span = n
                        break
        t = t or _phrase_type(m.group())
        before = matches[i - 1].group() if i else ""
        if t is not None:  # "under the cover of artillery and guided bombs": how, not what
            means = before == "using" or (before == "of" and i > 1 and matches[i - 2].group() == "cover") \
                or (means and before in ("and", "or"))
        elif m.group() not in ("and", "or"):
            means = False
        after = matches[i + span].group() if i + span < len(matches) else ""
        if t and t != "none" and not means and not _describes(m.group(), before, after):
            found.append((m.start(), t, matches[i + span - 1].end()))
        i += span  # "glide bomb attack" is one strike, not a strike and an attack
    # An attack is a strike where it kills and names no fighting on the ground ("Russian attack on Bohodukhiv kills
    # 2"), or where it is on a building or a plant ("attacked an energy infrastructure facility")
    kills = any(t == "casualties" for _, t, _ in found) and not _GROUND.search(clause)
    found = [(f[0], "strike", f[2]) if f[1] == "fighting" and clause[f[0]:f[2]].lower() in _ATTACK_NOUNS
             and (kills or _FACILITY_AFTER.match(clause, f[2])) else f for f in found
             if not (f[1] == "capture" and _TO_HOSPITAL.match(clause, f[2]))]  # "was taken to hospital": no capture
    if any(t == "strike" for _, t, _ in found):  # "missiles ... in one of the largest attacks of the war": the strike
        # ("a drone attack ... repelled": air defence, not fighting on the ground)
        found = [f for f in found if not (f[1] == "fighting" and (clause[f[0]:f[2]].lower() in _ATTACK_NOUNS
                                                                  or clause[f[0]:f[0] + 5].lower() == "repel"))]
        falling = _FALLING.search(clause)  # "debris from a drone shot down overnight fell in the town": no capture
        if falling:
            found = [f for f in found if not (f[1] == "capture" and f[0] > falling.start() and clause[f[0]:f[2]].lower() == "fell")]
    return found


_GROUND = re.compile(r"\b(?:positions?|troops|soldiers|servicemen|infantry|assault\w*|storm\w*|units?)\b",
                     re.IGNORECASE)
_TO_HOSPITAL = re.compile(r"(?:\s+[\w-]+){0,3}\s+to\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:hospital|clinic)", re.IGNORECASE)
_FACILITY_AFTER = re.compile(r"\s+(?:on\s+)?(?:an?\s+|the\s+|one\s+of\s+the\s+)?(?:[\w-]+\s+){0,3}(?:facilit(?:y|ies)|"
                             r"infrastructure|substations?|plants?|refiner(?:y|ies)|depots?|warehouses?|buildings?|"
                             r"houses?|ports?|bridges?|airfields?|(?:radar\s+)?stations?|radars?|minibus(?:es)?|bus(?:es)?|"
                             r"cars?|vehicles?|trains?|ambulances?|trucks?|communit(?:y|ies)|hromadas?)\b", re.IGNORECASE)
_FALLING = re.compile(r"\b(?:debris|fragments|wreckage|parts)\b", re.IGNORECASE)


# "the enemy attacked the city with Shahed drones", "repelled the attack": a strike's attack, not fighting on the ground
_ATTACK_NOUNS = frozenset({"attack", "attacks", "attacked", "attacking"})


_ADJECTIVE_BEFORE = frozenset({"in", "the", "of", "into", "across", "from", "temporarily", "still", "now", "on", "over",
                               "near", "at", "to", "for", "against", "a", "an", "russian", "ukrainian", "partially"})


def _describes(word: str, before: str, after: str = "") -> bool:
    """A trigger's word that describes rather than tells: "in occupied Donetsk Oblast", "the occupied south",
    "strikes hit occupied towns" (a state, not a capture)."""
    return word == "occupied" and (before in _ADJECTIVE_BEFORE or after in _OCCUPIED_NOUNS)


_OCCUPIED_NOUNS = frozenset({"towns", "town", "cities", "city", "villages", "village", "territory", "territories", "areas",
                             "area", "part", "parts", "regions", "region", "south", "east", "land", "lands", "zone",
                             "peninsula", "port", "settlements", "coast", "bank"})


_IRREGULAR_PASTS = frozenset({"fought", "took", "struck", "hit", "shot", "broke", "withdrew", "retook", "held", "blew",
                              "overran", "drove", "won", "lost"})


def _past_tense(word: str) -> bool:
    word = word.lower()
    return word.endswith("ed") or word in _IRREGULAR_PASTS


def _event_type(clause: str, kind: str, lo: int, hi: int, triggers: list[tuple[int, str, int]]) -> tuple[str, int] | None:
    """The event type of the trigger nearest the place or its list (clause offsets ``lo``..``hi``), measured
    between the two words' edges (ties go to the weightier type)."""
    if kind == "route":
        m = _ROUTE_THREAT.search(clause)
        return ("route_threat", m.start()) if m else None
    best: tuple[int, int, str, int] | None = None
    for pos, t, end in triggers:
        gap = lo - end if end <= lo else pos - hi if pos >= hi else 0
        if pos >= hi and _NEW_PREDICATE.fullmatch(clause, hi, pos) and _past_tense(clause[pos:end].split()[0]):
            gap += 30  # "improved their position near A and B and inflicted losses": the verb before the objects
        # Casualties are the consequence of another event when one is told too.
        cand = (gap + (10_000 if t == "casualties" else 0), EVENT_TYPES.index(t), t, pos)
        if best is None or cand < best:
            best = cand
    return (best[2], best[3]) if best else None


_NEW_PREDICATE = re.compile(r"\s*,?\s*and\s+(?:then\s+|also\s+)?")
# A name that qualifies the next one ("the Kyiv suburb of Irpin", "the Black Sea port of Odesa")
_QUALIFIES = re.compile(r"\s+(?:suburbs?|outskirts|port|town|city|village|district)\s+of\s+[A-ZА-ЯІЇЄҐ]")
_CITY_DISTRICT = re.compile(r"\s+(?:district|neighbou?rhood|microdistrict)\b(?!\s+of\b)")


def _a_reference(text: str, span: tuple[int, int], places: list[dict[str, Any]], k: int, before: str) -> bool:
    """A place named to say where another is ("Robotyne, a village south of Orikhiv", "the road to Kramatorsk"),
    not where something happened.  "South of X" locates another place only when one comes before it in the
    sentence: "Ukrainian forces advanced along the railway line east of Andriivka" is an advance at Andriivka."""
    stripped = re.sub(r"\s+(?:the|a)\s*$", " ", before)
    if not _REFERENCE.search(stripped) or _own_relative_clause(text, places[k]["end"]):
        return False
    compass = _COMPASS_OF.search(stripped)  # "a village south of Orikhiv" locates a place the story may not name
    return not compass or bool(_SETTLEMENT_NOUN_END.search(stripped, 0, compass.start())) \
        or _LIES.search(stripped, 0, compass.start()) is not None \
        or stripped[:compass.start()].rstrip().endswith(("(", "(both", "(all", "(each", "(just")) \
        or any(q["start"] >= span[0] for q in places[:k])  # ISW's "Predtechyne (southeast of Chasiv Yar)" always


# "the town, which lies about 30 kilometers north of Zaporizhzhia": a verb of where, then the measure
_LIES = re.compile(r"\b(?:lies|lie|lying|located|situated|sits)\b(?:\s+[\w(),-]+){0,6}\s*$", re.IGNORECASE)
_MOVED_TO = re.compile(r"\b(?:mov(?:e|ed|es|ing)|relocat\w+|transferr?\w*|redeploy\w*|evacuat\w+|fle[de]\w*|shift\w*)\b"
                       r"[^.;]{0,60}\bto\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_HOME = {"ukraine": "UA", "russia": "RU"}
_SIDE_OF_COUNTRY = {cc: side for side, cc in _HOME.items()}
_AIR_DEFENCE = re.compile(r"\bair[ -]defen[cs]es?\b(?:\s+\w+){0,3}\s+(?:repell?\w*|shot down|intercepted|destroyed|downed)",
                          re.IGNORECASE)
_OTHER_SIDE = {"ukraine": "russia", "russia": "ukraine"}
# "its capture would have opened", "an assault could": the trigger word, then a modal
_MODAL_AFTER = re.compile(r"\w+\s+(?:would|could|might|may)\b", re.IGNORECASE)
_HABITUAL = re.compile(r"\b(?:regularly|routinely|frequently|often|constantly|daily|near-daily|nightly|every (?:day|night))\b",
                       re.IGNORECASE)
_PRESENT = re.compile(r"\b(?:is|are|comes?|remains?|has|have)\b", re.IGNORECASE)
# "Lgov lies some 30 km northeast of Sudzha, the largest town Ukrainian forces have taken", "Both towns lie within
# range of artillery": where a place is, not what happened there
_DESCRIBED = re.compile(r"(?:\s*,[^,.;]{1,60},)?\s+(?:(?:also|still)\s+)?(?:lies|lie|lay|is located|are located|is situated|sits)\b"
                        r"|[^.;]{0,40}\b(?:within|in|out of)\s+(?:the\s+)?range\s+of\b", re.IGNORECASE)
_LIES_BEFORE = re.compile(r"\b(?:lies|lie|is|are)\s+(?:well\s+)?(?:within|in|out of)\s+(?:the\s+)?range\s+of\b", re.IGNORECASE)
_UNNAMED_NEAR = re.compile(r"\b" + _SETTLEMENT_NOUNS + r"\s+(?:just\s+)?(?:near|outside|around)\s+(?:the\s+(?:town|city)\s+of\s+)?$",
                           re.IGNORECASE)
_NAME_IN = re.compile(r"(?-i:[A-Z][\w’'-]+)(?:\s+(?:air\s?base|airfield|base|airport|plant|refinery|depot|port|bridge))?"
                      r"\s+in\s+(?:the\s+)?(?:(?:Russian-)?(?:occupied|annexed)\s+)?$")
# "the Chornobaivka airfield outside Kherson", "the Kredmash plant near Kremenchuk", "Pivdenne near Toretsk", "the village
# of Razumnoye near the Russian city of Belgorod": the second place says where the first is (not "the Kurakhove
# direction near Andriivka", "east of Siversk near X")
_LOCATOR_GAP = re.compile(r"(?:(?:\s+[a-z][\w-]*)?\s+(?:airfield|air\s+base|base|airport|plant|depot|station|bridge|dam|port|"
                          r"refinery|arsenal|prison|facility|warehouse|village|settlement)s?,?)?\s+(?:just\s+)?(?:outside|near)"
                          r"\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:town|city|village|capital|port)\s+of\s+)?")


# "Bataysk, a town near Rostov-on-Don": an apposition that says where the place before it is
_APPOSITION_NEAR = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}" + _SETTLEMENT_NOUNS +
                              r"\s+(?:just\s+|some\s+|about\s+)?(?:near|outside|close\s+to|not\s+far\s+from)\s+"
                              r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _locates_the_one_before(text: str, span: tuple[int, int], places: list[dict[str, Any]], k: int) -> bool:
    """A place named right after another, "outside" or "near" it, only to say where that one is.  Not when the
    one before is itself a compass point's anchor: in "attacks northeast of Kupiansk near Kruhlyakivka" the
    village is the scene and the town measures where it is."""
    if k == 0 or places[k - 1]["start"] < span[0] or places[k - 1]["kind"] == "region":
        return False
    return (_LOCATOR_GAP.fullmatch(text, places[k - 1]["end"], places[k]["start"]) is not None
            and not _after_compass(text, places[k - 1])) \
        or _APPOSITION_NEAR.fullmatch(text, places[k - 1]["end"], places[k]["start"]) is not None


def _after_compass(text: str, p: dict[str, Any]) -> bool:
    return _COMPASS_OF.search(text, max(0, p["start"] - 60), p["start"]) is not None


def _anchors_the_one_after(text: str, places: list[dict[str, Any]], k: int) -> bool:
    """ "northeast of Kupiansk near Kruhlyakivka and Pishchane": the town after a compass point, with the
    scene named right after it, only measures where the scene is."""
    if not _after_compass(text, places[k]):
        return False
    if k + 1 < len(places) and _NEAR_NEXT.fullmatch(text, places[k]["end"], places[k + 1]["start"]) is not None:
        return True
    near = _NEAR_NEXT.match(text, places[k]["end"])  # a village no table has: "near Dyliivka" (not "in Donetsk Oblast")
    return near is not None and near.group().split()[0] in ("near", "around") and text[near.end():near.end() + 1].isupper()


_NEAR_NEXT = re.compile(r",?\s+(?:near|around|at|in)\s+(?:the\s+)?(?:(?:village|town|settlement)s?\s+of\s+)?")


def _a_citys_district(text: str, places: list[dict[str, Any]], k: int) -> bool:
    """ "Odesa: debris fell on a warehouse in the Peresyp district": a district of the city named before it in
    the sentence, not a namesake village (nor a raion: "the Nikopol district" alone is the raion's event)."""
    return bool(_CITY_DISTRICT.match(text, places[k]["end"])) and any(q["kind"] == "settlement" for q in places[:k])


_BACK_FROM = re.compile(r"\bback\s+from\s+(?:the\s+)?$", re.IGNORECASE)
_COMPASS_OF = re.compile(_COMPASS + r"\s*$", re.IGNORECASE)
_SETTLEMENT_NOUN_END = re.compile(r"\b" + _SETTLEMENT_NOUNS + r"\s+(?:\w+\s+|of\s+(?-i:[A-Z])[\w’'-]+\s+)?$", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|/)")
_OBJECT_GAP = re.compile(r"\s+(?:the\s+)?(?:(?:village|town|city|settlement|hamlet)s?\s+of\s+)?")


def _list_span(text: str, places: list[dict[str, Any]], k: int) -> tuple[int, int]:
    """The span of the list place ``k`` is in ("Yampil, Drobysheve, Shandryholove and Novoselivka had been
    liberated"): the members share the event their list is told with, however far the first is from the verb."""
    lo = k
    while lo > 0 and _LIST_GAP.fullmatch(text, places[lo - 1]["end"], places[lo]["start"]):
        lo -= 1
    hi = k
    while hi + 1 < len(places) and _LIST_GAP.fullmatch(text, places[hi]["end"], places[hi + 1]["start"]):
        hi += 1
    return places[lo]["start"], places[hi]["end"]


def _others_object(text: str, clause: _Clause, places: list[dict[str, Any]], own: tuple[int, int],
                   triggers: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """The clause's triggers less those whose object is another place ("operations south of Bakhmut and
    recaptured Klishchiivka", "taken Lysychansk, last bastion in Luhansk"): the verb right before a name is
    that name's event, not one of the places around it."""
    keep = []
    for pos, t, end in triggers:
        at = clause.start + end
        nxt = next((q for q in places if q["start"] >= at), None)
        while nxt is not None and _QUALIFIES.match(text, nxt["end"]):  # "retook the Kharkiv suburb of Tsyrkuny"
            nxt = next((q for q in places if q["start"] > nxt["end"]), None)
        taken = nxt is not None and not own[0] <= nxt["start"] < own[1] \
            and _OBJECT_GAP.fullmatch(text, at, nxt["start"]) is not None
        if not taken:
            keep.append((pos, t, end))
    return keep


def _actor(clause: str, trigger: int, attribution: Attribution) -> str:
    """The side that acted: the clause's subject side (its first side word), else the one after."""
    text = clause
    if attribution.source != ARTICLE:
        text = text.replace(attribution.source, " " * len(attribution.source))
    for where in (_PLACE_POSSESSIVE, _SIDE_AS_PLACE, _SPEAKER_SIDE, _STORY_LABEL):  # "the Russian town of X"
        text = where.sub(lambda m: " " * len(m.group()), text)
    dateline = _DATELINE.match(text)
    if dateline:  # "KYIV, Ukraine (AP) —" says where, not who
        text = " " * dateline.end() + text[dateline.end():]
    for part in (text[:trigger], text[trigger:]):
        r, u = _RUSSIAN_SIDE.search(part), _UKRAINIAN_SIDE.search(part)
        if r and (not u or r.start() < u.start()):
            return "russia"
        if u:
            return "ukraine"
    return "unknown"


def _status(attribution: Attribution, negated: bool) -> str:
    if attribution.denial or negated:
        return "denied"
    if attribution.source == ARTICLE or attribution.side == "other":
        return "reported"
    return "claimed"


def _times_for(facts: _SentenceFacts, clause: _Clause, places: list[dict[str, Any]]) -> list[TimeExpression]:
    """The clause's own time expressions, else the sentence's leading ones ("On Tuesday, ..."), else the time of a
    clause cut off at "after" that is only a time ("The strike came a minute | after midnight on New Year's Day")."""
    own = [t for t in facts.times if clause.start <= t.start < clause.end]
    if own:
        return own
    first_place = min(p["start"] for p in places)
    leading = [t for t in facts.times if t.end <= first_place]
    nxt = _TIME_CLAUSE.match(facts.text, clause.end, facts.span[1])
    return leading or [t for t in facts.times if nxt is not None and clause.end <= t.start < nxt.end()]


_TIME_CLAUSE = re.compile(r"\s*(?:after|before|until|since)\s+(?:midnight|noon|dawn|dusk|\w+\s+)?(?:on|in|at)?[^,;.]{0,30}")


# "officials said Friday", "reported on Thursday": when it was said, which is not always when it happened
_SPOKEN_AT = re.compile(r"\b(?:said|says|reported|reports|told|announced|stated|wrote|posted|added|claimed)\s+(?:on\s+)?$",
                        re.IGNORECASE)


def _date_for(times: list[TimeExpression], rel_pos: int, published: dt.date | None, *, text: str = "",
              told_from: int = 0) -> tuple[str | None, str, str]:
    """The event's date: the stated time nearest the place; a dateline's date (before ``told_from``) or the day a
    statement was made ("said Friday") only when the clause states no other ("overnight ..., officials said Friday")."""
    dated = [t for t in times if t.date is not None]
    told = [t for t in dated if t.start >= told_from and not _SPOKEN_AT.search(text, max(0, t.start - 24), t.start)]
    if told or dated:
        t = min(told or dated, key=lambda t: abs(t.start - rel_pos))
        return t.iso, t.precision, "text" if told else "speech"
    if times:
        return None, "unknown", "none"
    if published is not None:
        return published.isoformat(), "day", "published"
    return None, "unknown", "none"


@dataclass
class _SentenceFacts:
    """What a sentence says about time, triggers and attribution; attribution is worked out lazily."""

    text: str
    span: tuple[int, int]
    clauses: list[_Clause]
    triggers: list[list[tuple[int, str, int]]]
    units: list[re.Match[str] | None]
    previous: Attribution | None
    cue: bool
    published: dt.date | None = None
    _attrs: dict[int, Attribution] = field(default_factory=dict)
    _times: list[TimeExpression] | None = None
    _inline: InlineDenial | None | bool = False  # False: not looked for yet

    @property
    def times(self) -> list[TimeExpression]:
        """Time expressions, found only when an event needs a date."""
        if self._times is None:
            self._times = find_time_expressions(self.text, start=self.span[0], end=self.span[1],
                                                published=self.published)
        return self._times

    def attribution(self, ci: int) -> Attribution:
        if not self.cue:
            return _ARTICLE_VOICE
        if ci not in self._attrs:
            c, sentence = self.clauses[ci], self.text[self.span[0]:self.span[1]]
            self._attrs[ci] = find_attribution(c.text, sentence, previous=self.previous,
                                               offset=c.start - self.span[0])
        return self._attrs[ci]

    def inline_denial(self) -> InlineDenial | None:
        """The claim this sentence tells with its own denial, if it does (computed once)."""
        if not self.cue:
            return None
        if self._inline is False:
            self._inline = inline_denial(self.text[self.span[0]:self.span[1]])
        return self._inline if isinstance(self._inline, InlineDenial) else None

    def last_speaker(self) -> Attribution | None:
        """Who spoke in this sentence, for "he said" in the next one."""
        if not self.cue:
            return None
        spoken = [a for a in (self.attribution(i) for i in range(len(self.clauses))) if a.source != ARTICLE]
        return spoken[-1] if spoken else None


_ARTICLE_VOICE = Attribution(ARTICLE, ARTICLE)


def _facts(text: str, span: tuple[int, int], published: dt.date | None,
           previous: Attribution | None) -> _SentenceFacts:
    clauses = _clauses(text, span)
    sentence = text[span[0]:span[1]]
    unit = _UNIT.search(sentence) if _UNIT_CUE.search(sentence) else None
    units = [(_UNIT.search(c.text) or unit) if unit else None for c in clauses]
    return _SentenceFacts(text, span, clauses, [_triggers(c.text) for c in clauses], units, previous,
                          has_attribution_cue(sentence), published)


def extract_events(text: str, rows: list[dict[str, Any]], sentences: list[tuple[int, int]], *,
                   doc: str, published: dt.date | None = None) -> list[Event]:
    """Events told in one article, one per place and type (see module docstring)."""
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        if r["kind"] in EVENT_KINDS and not r.get("speaker") and (r["kind"] != "other" or fold_name(r["name"]) not in _INSTITUTIONS) \
                and (r["kind"] != "other" or r["country"]):
            by_sentence.setdefault(sentence_of(sentences, r["start"]), []).append(r)
    towns = sorted((r for r in rows if r["kind"] == "settlement" and not r.get("speaker")), key=lambda r: r["start"])
    starts = [t["start"] for t in towns]
    events: list[Event] = []
    previous_attr: Attribution | None = None
    striker: _Striker | None = None  # the side whose strikes the last sentences told
    by = _post_author(text)
    countries = {(r["start"], r["end"]): r.get("country") for r in rows}
    scene: dict[int, list[dict[str, Any]]] = {}
    for k, span in enumerate(sentences):
        places = by_sentence.get(k, [])
        lowered = text[span[0]:span[1]].lower()
        if "the " in lowered or "this " in lowered:
            places = _with_anaphors(text, sentences, k, places, towns, starts)
        answer = _answer_to_before(text[span[0]:span[1]], events, by_sentence, sentences, k)
        if answer is not None:
            previous_attr = answer
            if not places:
                continue
        sentence = text[span[0]:span[1]]
        # the places the sentence before told events of ("this small town", not the town it lies east of)
        before = scene.get(k - 1) or by_sentence.get(k - 1, [])
        orphan = not places and before and _opens_with_trigger(sentence)
        told = (places or orphan) and (_triggers(sentence) or any(p["kind"] == "route" for p in places))
        if not told:
            # Nothing happens here; only remember who spoke, for "he said" later, and whose strikes a list of
            # places will tell ("the occupiers shelled 20 settlements: ▪️ Zolochiv — bombs hit a farm ...").
            if has_attribution_cue(sentence):
                said = find_attribution(sentence, sentence, previous=previous_attr)
                previous_attr = said if said.source != ARTICLE else previous_attr
            if not places and k + 1 < len(sentences) and _LIST_ITEM.match(text, sentences[k + 1][0]) \
                    and any(t == "strike" for _, t, _ in _triggers(sentence)):
                striker = _carry_striker([], _facts(text, span, published, previous_attr), striker, k)
            _dated_later(sentence, events, published)
            continue
        facts = _facts(text, span, published, previous_attr)
        if not places:
            told_here = _orphan_events(text, span, facts, before, doc, published, sentences)
        else:
            told_here = _place_events(text, span, facts, places, doc, published)
            named = {e.place for e in told_here}
            scene[k] = [p for p in places if p["name"] in named]
        told_here = _not_the_strike_again(sentence, told_here, events)
        _home_fire(told_here, countries, by)
        striker = _carry_striker(told_here, facts, striker, k)
        events.extend(told_here)
        previous_attr = facts.last_speaker() or previous_attr
    if by is not None:  # a post's byline ("Oleh Syniehubov | Kharkiv Regional Military Administration") speaks for all
        _attribute_previous(events, (0, len(text)), by)
    return merge_document_events(_within_a_town(_link_denials(events, text, sentences), rows))


def _within_a_town(events: list[Event], rows: list[dict[str, Any]]) -> list[Event]:
    """A region's event that a town of that region has too ("a drone strike kills 2 in occupied Kherson region",
    then "a drone strike on the town of Skadovsk"): the story's one event, at the town, not a second at the
    region's middle."""
    region_of = {r["name"]: r.get("admin1") for r in rows if r.get("kind") == "settlement"}
    at_towns = {(region_of.get(e.place), e.type) for e in events if e.kind == "settlement"}
    return [e for e in events if e.kind != "region" or (e.place, e.type) not in at_towns]


def _not_the_strike_again(sentence: str, told: list[Event], events: list[Event]) -> list[Event]:
    """ "The governor said the army was repelling the attack": the strike just told at the place, no fighting."""
    if not _REPELLED_THE_ATTACK.search(sentence):
        return told
    struck = {e.place for e in events if e.type == "strike"}
    return [e for e in told if not (e.type == "fighting" and e.place in struck)]


_REPELLED_THE_ATTACK = re.compile(r"\brepell?\w*\s+the\s+(?:attack|raid)\b", re.IGNORECASE)
# A list item's mark ("▪️ Zolochiv — ...", "• Kupiansk: ...", "- Izium"): its lead tells whose strikes follow
_LIST_ITEM = re.compile(r"\s*(?:[▪•●■◾◼►▶🔹🔸🔺🔻✔*–—-]|\d+[.)])")
# A Telegram post's first line: who posts, a bar, the office ("Oleh Syniehubov | Kharkiv Regional Military
# Administration"); the channel's name alone is no author
_BYLINE = re.compile(r"\A\s*(?P<who>[A-ZА-ЯІЇЄҐ][\w’'.-]+(?:\s+[A-ZА-ЯІЇЄҐ][\w’'.-]+){1,3})\s*\|\s*[^\n|]{0,60}"
                     r"(?:\b(?i:administration|ministry|governor|mayor|police|forces|command|staff|council|service|office|"
                     r"brigade|group|head|spokes\w+|commander)\b|" + _ADMINISTRATION + r")[^\n|]{0,40}\n")  # not "Ukraine War | Live"


# A post's other ways of saying who wrote it: an office as its first line ("Cherkasy Regional Military Administration"),
# Ukrainska Pravda's "Source: ... on Telegram" line, a signature at its end ("Ihor Taburets, head of the Cherkasy RMA")
_OFFICE_FIRST_LINE = re.compile(r"\A\s*(?P<who>(?-i:[A-ZА-ЯІЇЄҐ])[\w’'.-]+(?:\s+[\w’'.-]+){0,3}\s+" + _ADMINISTRATION +
                                r")\s*\n", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^Source:\s*(?P<who>[^\n]{3,80}?)(?:\s+(?:on|via|in)\s+(?:Telegram|Facebook|X|Twitter))?\s*$",
                          re.MULTILINE)
_SIGNATURE = re.compile(r"\n\s*(?P<who>(?-i:[A-ZА-ЯІЇЄҐ])[\w’'.-]+(?:\s+(?-i:[A-ZА-ЯІЇЄҐ])[\w’'.-]+){1,2},\s+(?:head|chief|"
                        r"governor|mayor|spokes\w+)\s+of\s+[^\n]{3,60}?)\s*\Z", re.IGNORECASE)


def _post_author(text: str) -> Attribution | None:
    """Who speaks for a whole post or article, where it says so outside its sentences."""
    m = _BYLINE.match(text) or _OFFICE_FIRST_LINE.match(text) or _SOURCE_LINE.search(text) or _SIGNATURE.search(text)
    if m is None:
        return None
    side = side_of(m.group(0))
    return Attribution(normalise_source(m.group("who")), "ukraine" if side == "other" and _UA_OFFICE.search(m.group(0))
                       else side)


_UA_OFFICE = re.compile(r"\b" + _ADMINISTRATION + r"|\bhromada\b", re.IGNORECASE)


STRIKE_CARRY = 2  # sentences: a wave of strikes is told over a few lines, its side named once
# a sentence that goes on about the strikes just told, rather than a new incident
_STRIKES_AGAIN = re.compile(r"\b(?:also|another|a second|a third|the same|part of|(?:the|that|this|a) wave|"
                            r"the (?:strike|attack|barrage|shelling|raid|drone|missile|rocket)s?)\b",
                            re.IGNORECASE)  # "the drone hit": the one told


@dataclass(frozen=True)
class _Striker:
    side: str
    sentence: int
    launch: bool  # told as a launch with no place hit ("the enemy launched 38 drones"): what follows is its hits
    when: tuple[str | None, str] | None = None  # the date and precision its text gave the strikes ("overnight")


# "It said the strike took place on Wednesday": the time of the strike just told, in a sentence of its own
_TOOK_PLACE = re.compile(r"\b(?:the|this|that)\s+(?:strike|attack|explosion|blast|assault|shelling|raid)s?\s+"
                         r"(?:took place|happened|occurred|was carried out|came)\b", re.IGNORECASE)


def _dated_later(sentence: str, events: list[Event], published: dt.date | None) -> None:
    """The strikes told last with only the publication date take the day a later sentence gives them."""
    said = _TOOK_PLACE.search(sentence)
    if said is None or not events:
        return
    times = [t for t in find_time_expressions(sentence, start=said.end(), published=published) if t.date is not None]
    if not times:
        return
    for e in events[-3:]:  # the strikes of the story just told; no other reader holds them yet
        if e.type in ("strike", "casualties") and e.date_from == "published":
            e.date, e.date_precision, e.date_from = times[0].iso, times[0].precision, "text"


def _home_fire(told: list[Event], countries: dict[tuple[int, int], str | None], by: Attribution | None) -> None:
    """A post by one side's officials about strikes on their own country, with no side named ("Mala Tokmachka
    came under artillery shelling"): the other side's fire, as in :func:`_place_events` for a speaker."""
    side = by.side if by is not None else ""
    for e in told:  # events made for this sentence just now: no other reader holds them yet
        e.actor = _home_fire_side(e.actor, e.type, countries.get((e.start, e.end)), side)


def _carry_striker(told: list[Event], facts: _SentenceFacts, striker: _Striker | None, k: int) -> _Striker | None:
    """Strikes told with no side take the side of the strikes just told, where the sentence goes on about
    them ("a Russian missile strike on Dnipro ... The strike was part of a wave of attacks that also hit
    Kharkiv and Lviv") or follows a launch ("the enemy launched 38 drones ... Kryvyi Rih: a drone hit a
    private enterprise"); a new incident in a list of them keeps its own (unknown) side."""
    if striker and k - striker.sentence > STRIKE_CARRY:
        striker = None
    sentence = facts.text[facts.span[0]:facts.span[1]]
    if striker and (striker.launch or _STRIKES_AGAIN.search(sentence)):
        for e in told:  # events made for this sentence just now: no other reader holds them yet
            if e.type == "strike" and e.actor == "unknown":
                e.actor = striker.side
            if e.type == "strike" and e.date_from == "published" and striker.when is not None:
                e.date, e.date_precision, e.date_from = striker.when[0], striker.when[1], "text"  # "was also shelled"
    sides = {e.actor for e in told if e.type == "strike" and e.actor != "unknown"}
    if len(sides) == 1:
        when = next(((e.date, e.date_precision) for e in told if e.type == "strike" and e.date_from == "text"), None)
        return _Striker(sides.pop(), k, launch=bool(striker and striker.launch), when=when)
    if sides or told:
        return striker
    for ci, found in enumerate(facts.triggers):  # a launch told with no place hit: "the enemy launched ..."
        pos = next((at for at, t, _ in found if t == "strike"), None)
        side = _actor(facts.clauses[ci].text, pos, facts.attribution(ci)) if pos is not None else "unknown"
        if side != "unknown":
            return _Striker(side, k, launch=True)
    return striker


# "the town", "the city": the last town named before; not "the town of X", "the city council", "the city's mayor"
_ANAPHOR = re.compile(r"\b(?:the|this|that)\s+(?:(?:small|little|tiny|frontline|front-line|embattled|besieged|"
                      r"battered|eastern|southern|northern|western|border)\s+)?(?:town|city|village|settlement)\b(?!\s+(?:of|hall|council|cent(?:re|er)|"
                      r"authorities|administration|mayor|limits|residents)\b|['’]s|\s*,?\s+(?:which|where|a|an|the)\b|"
                      r"(?-i:\s+[A-ZА-ЯІЇЄҐ]))", re.IGNORECASE)
ANAPHOR_REACH = 1  # sentences back: "the town" further from its name is as likely another town or a general one


def _with_anaphors(text: str, sentences: list[tuple[int, int]], k: int, places: list[dict[str, Any]],
                   towns: list[dict[str, Any]], starts: list[int]) -> list[dict[str, Any]]:
    """The sentence's places plus "the town" standing for the last town the sentence before named ("Irpin has
    been liberated... Russian troops were still shelling the town"): where the article names it no more, the
    event is still the town's.  Not a town of the same sentence (its own name is judged there: "a bridge west
    of Bakhmut ... the last routes into the city" is no strike on Bakhmut), nor a dateline."""
    span = sentences[k]
    found = []
    for m in _ANAPHOR.finditer(text, *span):
        if m.group()[:4].lower() == "this":  # "residents of this town say": the town the reporter files from
            here = _filed_from(text, sentences, towns)
            if here is not None:
                found.append({**here, "start": m.start(), "end": m.end()})
                continue
        at = bisect.bisect_left(starts, m.start()) - 1  # the last town named before it (towns are in text order)
        if at >= 0 and starts[at] >= span[0]:
            continue  # "...west of Pokrovsk, where Ukrainian units have held the town": the town just named
        reach = ANAPHOR_REACH
        while at > 0 and (_COMPASS_OF.search(text, max(0, starts[at] - 24), starts[at])
                          or _GOVERNMENT_BEFORE.search(text, max(0, starts[at] - 30), starts[at])):
            # "The village lies north of Kupyansk": the village is not Kupyansk; nor the town "officials in Kyiv" are in
            at, reach = at - 1, reach + 1
        ante = towns[at] if at >= 0 and sentence_of(sentences, starts[at]) >= k - reach else None
        if ante is None or _is_dateline(text, sentences[sentence_of(sentences, ante["start"])], ante):
            continue
        found.append({**ante, "start": m.start(), "end": m.end()})
    return sorted(places + found, key=lambda p: p["start"]) if found else places


def _filed_from(text: str, sentences: list[tuple[int, int]], towns: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The dateline's town ("KIVSHARIVKA, Ukraine (AFP) -"), if the story has one in its first lines."""
    for q in towns[:3]:
        k = sentence_of(sentences, q["start"])
        if k <= 2 and _is_dateline(text, sentences[k], q):
            return q
    return None


_AND_THE_PLACES = re.compile(r",?\s*and\s+(?:also\s+)?(?:the\s+)?(?:(?:cities|towns|villages|regions|oblasts|city|town|"
                             r"village|region)\s+of\s+)?", re.IGNORECASE)
_CAUSAL = re.compile(r"\s*(?:after|when|because|as a result of)\b", re.IGNORECASE)
_ROAD_NOUN = re.compile(r"\s+(?:road|highway|route|motorway|line|front|axis)\b", re.IGNORECASE)


@cache
def _water_names() -> frozenset[str]:
    """Rivers, seas and reservoirs of data/features.csv (read once; immutable)."""
    return frozenset(r["name"] for r in table("features.csv") if _WATER_NOTE.search(r["note"]))


def _names_a_road(text: str, start: int, end: int) -> bool:
    """ "the Kostiantynivka-Bakhmut road": the towns only name the road."""
    lo, hi = start, end
    while lo > 0 and (text[lo - 1].isalpha() or text[lo - 1] in "-–'’"):
        lo -= 1
    while hi < len(text) and (text[hi].isalpha() or text[hi] in "-–'’"):
        hi += 1
    return ("-" in text[lo:hi] or "–" in text[lo:hi]) and bool(_ROAD_NOUN.match(text, hi))


def _axis_of(text: str, p: dict[str, Any]) -> str | None:
    """ "direction" for "the Lyman direction" (or axis, sector, front): the place names a line of advance."""
    m = _AXIS_AFTER.match(text[p["end"]:p["end"] + 60]) if p["kind"] == "settlement" else None
    return _SINGULAR.get(word, word) if m and (word := m.group().split()[-1].lower()) else None


_SINGULAR = {"directions": "direction", "axes": "axis", "sectors": "sector", "fronts": "front"}


def _own_relative_clause(text: str, end: int) -> bool:
    """ "Staromaiorske, which Ukraine said it retook", "Sudzha, the largest town Ukrainian forces have taken": the
    clause or the apposition after the place tells its own event."""
    m = _WHICH_AFTER.match(text, end) or _APPOSITION_AFTER.match(text, end)
    return bool(m and _triggers(m.group()))


_APPOSITION_AFTER = re.compile(r"\s*,\s*(?:the|a|an)\s+[^.;,]*")


def _in_anothers_relative_clause(text: str, places: list[dict[str, Any]], p: dict[str, Any], at: int) -> bool:
    for q in places:
        m = _WHICH_AFTER.match(text, q["end"]) if q is not p else None
        if m and m.start() <= at < m.end() and not m.start() <= p["start"] < m.end():
            return True
    return False


def _opens_with_trigger(sentence: str) -> bool:
    """ "Fighting continued there": an event told of the previous sentence's place.  Not when a name follows
    the trigger ("ВСУ освободили Клещеевку" with Клещеевку unknown): the sentence names its own place."""
    head = sentence.split()[:3]
    found = _triggers(" ".join(head))
    if not found:
        return False
    words = sentence.split()
    at = len(" ".join(head)[:found[-1][0]].split())  # the trigger's word index
    after = words[at + 1].strip(".,;:!?\"“”«»()") if at + 1 < len(words) else ""
    return not (after[:1].isupper() and after.lower() not in _CALENDAR)


def _not_the_scene(text: str, span: tuple[int, int], p: dict[str, Any], before: str) -> bool:
    """A place named in the sentence that is not where its event happened: where words were said, an
    agent ("Moscow had captured"), a government speaking ("Kyiv denied", "officials in Kyiv"), a road's
    or a front line's end ("the Kostiantynivka-Bakhmut road", "the Kupiansk-Svatove-Kreminna line"), a
    dateline ("KYIV, Ukraine (AP) —", "Odesa (AFP) -")."""
    after = text[p["end"]:p["end"] + 60]
    if _SPEECH_PLACE.search(before):
        return True
    if p["kind"] != "route" and (_AGENT.match(after) or _SPEAKER_AFTER.match(after) or _POSSESSIVE_AGENT.match(after)
                                 or _GOVERNMENT_BEFORE.search(before) or _names_a_road(text, p["start"], p["end"])
                                 or _TITLE_AFTER.match(after) or _OBJECT_BEFORE.search(before) or _OFFICE_AFTER.match(after)):
        return True
    return _is_dateline(text, span, p)


def _is_dateline(text: str, span: tuple[int, int], p: dict[str, Any]) -> bool:
    """The place opens its sentence as a dateline: "KYIV, Ukraine (AP) —", "Odesa (AFP) -"."""
    return not text[span[0]:p["start"]].strip() and bool(_DATELINE.match(text, p["start"]))


def _place_events(text: str, span: tuple[int, int], facts: _SentenceFacts, places: list[dict[str, Any]],
                  doc: str, published: dt.date | None) -> list[Event]:
    sentence = text[span[0]:span[1]].strip()
    has_settlement = any(p["kind"] in ("settlement", "route") for p in places)
    out = []
    for k, p in enumerate(places):
        if has_settlement and (p["kind"] == "region" or p["name"] in _water_names()):
            continue  # "Bakhmut, in the Donbas region", "Izmail on the Danube": the event is at the town
        before = text[max(span[0], p["start"] - 60):p["start"]]
        if p["kind"] == "region" and _NAME_IN.search(before):
            continue  # "the village of Piatykhatky in Zaporizhzhia region": the village's event, not the oblast's
        words = [w.lower() for w in before.split()[-2:]]
        last = words[0] if len(words) == 2 and words[1] in ("the", "a") else (words[-1] if words else "")
        if last in _REFERENCE_LAST and p["kind"] != "route" and _a_reference(text, span, places, k, before):
            continue
        if _not_the_scene(text, span, p, before) or _QUALIFIES.match(text, p["end"]) or _a_citys_district(text, places, k) \
                or _locates_the_one_before(text, span, places, k) or _anchors_the_one_after(text, places, k) \
                or (p["kind"] != "route" and (  # a road "within
                    _DESCRIBED.match(text, p["end"]) or _LIES_BEFORE.search(text, span[0], p["start"]))):  # range": threat
            continue  # "Kyiv suburb of Irpin": the event is Irpin's
        axis = _axis_of(text, p)
        ci, found = _clause_and_type(text, facts, places, k)
        clause = facts.clauses[ci]
        if found is None or _in_anothers_relative_clause(text, places, p, clause.start + found[1]):
            continue  # no event, or another's: "Urozhaine lies south of Staromaiorske, which Ukraine retook"
        etype, trig = found
        if etype in ("capture", "withdrawal") and _UNNAMED_NEAR.search(before):
            continue  # "captured two villages near Kurakhove": not Kurakhove (fighting "near" it is still its)
        etype = "axis" if axis else etype  # fighting "in the Lyman direction": along an axis, not in the town
        attr = facts.attribution(ci)
        answered = facts.inline_denial()
        if answered and not answered.start <= p["start"] - span[0] < answered.end:
            answered = None  # the place is in the denial's words ("a claim Kyiv denied"), not the claim's
        if answered:
            attr = _claimant(answered, attr)
        negated = is_negated(clause.text[max(0, trig - 30):trig])
        if _elsewhere(etype, last, before) or _not_yet_or_background(clause.text, trig, p["kind"], attr) \
                or (negated and etype == "casualties"):  # "there were no civilian casualties": nothing to map
            continue
        dateline = _DATELINE.match(text, span[0])
        date, precision, date_from = _date_for(_times_for(facts, clause, places), p["start"], published, text=text,
                                               told_from=dateline.end() if dateline else span[0])
        unit = facts.units[ci]
        actor = _event_actor(clause, span, trig, etype, attr, answered, country=p.get("country"))
        out.append(Event(doc, f"{p['name']} {axis}" if axis else p["name"], p["kind"], p.get("lat"), p.get("lon"),
                         etype, date, precision,
                         actor, attr.source, "contested" if answered else _status(attr, negated), sentence,
                         p["start"], p["end"], unit=unit.group().split()[0] if unit else "", date_from=date_from,
                         alternatives=p.get("alternatives") or "[]", denied_by=answered.denier if answered else ""))
    return out


def _elsewhere(etype: str, last: str, before: str) -> bool:
    """Where the event came from or went to, not where it was: "pushed back from Kyselivka" is Kyselivka's, but
    shelling "from Belgorod" is not, nor an attack on ships moved "from Sevastopol to Novorossiysk"."""
    if (last == "from" or _FROM_LIST.search(before) or _FROM_DESCRIBED.search(before)) and etype != "withdrawal" \
            and not _BACK_FROM.search(before):
        return True
    return etype not in ("advance", "withdrawal") and _MOVED_TO.search(before) is not None


def _not_yet_or_background(clause: str, trig: int, kind: str, attr: Attribution) -> bool:
    """ "could begin", "may have been using", "its capture would have opened": not an event yet; "the Bryansk
    region is regularly attacked": background, no place of any one attack (a town "shelled almost every day"
    is still its strikes' place)."""
    window = clause[max(0, trig - 40):trig]
    if (_HEDGE.search(window) or _MODAL_AFTER.match(clause, trig)) and not attr.denial:
        return True
    return kind == "region" and _HABITUAL.search(clause, max(0, trig - 40), trig + 40) is not None \
        and _PRESENT.search(window) is not None


def _clause_and_type(text: str, facts: _SentenceFacts, places: list[dict[str, Any]],
                     k: int) -> tuple[int, tuple[str, int] | None]:
    """The clause that tells place ``k``'s event and the event's type (with its trigger's offset)."""
    p = places[k]
    ci = next((i for i, c in enumerate(facts.clauses) if c.start <= p["start"] < c.end), 0)
    clause = facts.clauses[ci]
    lo, hi = _list_span(text, places, k)
    lo, hi = max(lo, clause.start), min(hi, clause.end)
    found = _event_type(clause.text, p["kind"], lo - clause.start, hi - clause.start,
                        _others_object(text, clause, places, (lo, hi), facts.triggers[ci]))
    if found is None and ci + 1 < len(facts.clauses) and _CAUSAL.match(facts.clauses[ci + 1].text):
        # "In Odesa, a warehouse caught fire after a missile strike": the cause tells the event
        return ci + 1, _event_type(facts.clauses[ci + 1].text, p["kind"], 0, 0, facts.triggers[ci + 1])
    if found is None and ci > 0 and facts.triggers[ci - 1] and _AND_THE_PLACES.fullmatch(text, clause.start, lo):
        # "Missiles also hit Kryvyi Rih, where 10 people were killed, and the cities of Dnipro and Pokrovsk"
        before = facts.clauses[ci - 1].text
        return ci - 1, _event_type(before, p["kind"], len(before), len(before), facts.triggers[ci - 1])
    return ci, found


def _event_actor(clause: _Clause, span: tuple[int, int], trig: int, etype: str, attr: Attribution,
                 answered: InlineDenial | None, *, country: str | None = None) -> str:
    """Who acted: the clause's side words, or the speaker's side where a party tells of its own gains, or the
    other side where it tells of strikes on its own country (a governor's "Mala Tokmachka came under shelling")."""
    actor = _actor(_claim_only(clause, span, answered) if answered else clause.text, trig, attr)
    if etype == "strike" and _AIR_DEFENCE.search(clause.text):  # "air defences repelled a drone attack on Aleksin"
        home = _SIDE_OF_COUNTRY.get(country or "") or (attr.side if attr.side in _OTHER_SIDE else None)
        if home is not None:
            return _OTHER_SIDE[home]  # the place's country defended (else the speaker's side)
    if attr.side not in ("russia", "ukraine"):
        return actor
    own = _OWN_TROOPS.search(clause.text)
    pronoun = _PRONOUN_SUBJECT.search(clause.text[:trig])
    mine = list(_OWN_TROOPS.finditer(clause.text[:trig]))
    if mine:  # "Russia's defence ministry said its forces had taken Krynky": the speaker's own side, unless a side
        # is named between them and the verb ("63 of its soldiers were killed when Ukrainian forces struck")
        named = _actor(clause.text[mine[-1].end():trig], trig - mine[-1].end(), _ARTICLE_VOICE)
        return attr.side if named == "unknown" else named
    defended = pronoun is not None and etype == "strike" and _DEFENDED.search(clause.text, pronoun.end(), trig + 1)
    if (pronoun and etype in ("capture", "advance", "withdrawal", "strike", "fighting") and not defended) \
            or (actor == "unknown" and (own or etype in ("capture", "advance"))):
        return attr.side  # "Russia said it had taken...": a party's claim of its own gains
    if etype == "capture" and _LIBERATED.match(clause.text, trig):
        return attr.side  # "the villages of X had been liberated," the Ukrainian spokesman said
    return _home_fire_side(actor, etype, country, attr.side)


def _home_fire_side(actor: str, etype: str, country: str | None, side: str) -> str:
    """A strike a side's officials tell on their own country with no side named is the other side's fire."""
    if actor == "unknown" and etype in ("strike", "casualties") and side in _HOME and country == _HOME[side]:
        return _OTHER_SIDE[side]
    return actor


def _claimant(answered: InlineDenial, attr: Attribution) -> Attribution:
    """Who made the claim a sentence also denies: named by the denial ("Russian claims"), else the
    claim's own speaker ("Moscow claimed…, a claim Kyiv denied")."""
    if answered.claimant:
        return Attribution(answered.claimant, side_of(answered.claimant))
    return Attribution(attr.source, attr.side) if attr.source not in (ARTICLE, answered.denier) else _ARTICLE_VOICE


def _claim_only(clause: _Clause, span: tuple[int, int], answered: InlineDenial) -> str:
    """The clause with the denial's words blanked, so the denier is never taken for the actor."""
    lo, hi = answered.start + span[0] - clause.start, answered.end + span[0] - clause.start
    text = clause.text
    return " " * max(0, lo) + text[max(0, lo):max(0, hi)] + " " * max(0, len(text) - max(0, hi))


def _orphan_events(text: str, span: tuple[int, int], facts: _SentenceFacts, before: list[dict[str, Any]], doc: str,
                   published: dt.date | None, sentences: list[tuple[int, int]]) -> list[Event]:
    """A sentence that opens with a trigger and names no place ("Fighting was said to be
    ferocious yesterday.") continues the sentence before: it tells about its places."""
    if not before or not _opens_with_trigger(text[span[0]:span[1]]):
        return []
    fake = [{**p, "start": span[0], "end": span[0]} for p in before if p["kind"] != "region" and not _not_the_scene(
        text, sentences[sentence_of(sentences, p["start"])], p, text[max(0, p["start"] - 60):p["start"]])]  # no dateline
    events = _place_events(text, span, facts, fake, doc, published)
    for e in events:  # point back at the place's mention in the sentence before
        src = next(b for b in before if b["name"] == e.place)
        e.start, e.end = src["start"], src["end"]
    return events


DENIAL_LOOKBACK = 50  # events: far more than an article tells before "Ukraine denied it."


def _deny_previous(events: list[Event], before: list[dict[str, Any]], denier: str,
                   types: tuple[str, ...] = EVENT_TYPES) -> None:
    """ "Ukraine denied it.": the claims (of ``types``) of the sentence before become contested."""
    names = {p["name"] for p in before}
    recent = events[-DENIAL_LOOKBACK:]  # what a denial can answer; bounded, so a long text stays linear
    told = [e for e in recent if e.place in names and e.status in ("claimed", "reported") and e.source != denier
            and e.type in types]
    claims = [e for e in told if e.status == "claimed"] or told  # a denial answers a claim first
    for e in claims:
        e.status, e.denied_by = "contested", denier


def _answer_to_before(sentence: str, events: list[Event], by_sentence: dict[int, list[dict[str, Any]]],
                      sentences: list[tuple[int, int]], k: int) -> Attribution | None:
    """A sentence that speaks of the one before: denies it, names its source or says the troops still hold the place
    just claimed.  Returns who spoke, for "he said" later (None when it does none of these)."""
    denier = anaphoric_denial(sentence)
    if denier:
        # what the sentence before told, or the one before it when that one named no place ("Russia said it
        # had taken Soledar. Wagner had made the same claim. Ukrainian officials denied that the town had fallen.")
        _deny_previous(events, by_sentence.get(k - 1) or by_sentence.get(k - 2, []), denier)
        return Attribution(denier, side_of(denier), denial=True)
    by = reported_by(sentence) if k else None
    if by is not None:  # "This was reported on Telegram by the head of the district administration."
        _attribute_previous(events, sentences[k - 1], by)
        return by
    holder = holding_denial(sentence)
    if holder:  # "... still hold positions in the village": the capture just claimed is contested
        _deny_previous(events, by_sentence.get(k - 1, []), holder, types=("capture",))
    return None


def _attribute_previous(events: list[Event], span: tuple[int, int], by: Attribution) -> None:
    """The events of the sentence before, told in the outlet's voice, are the named source's."""
    for e in events:
        if span[0] <= e.start < span[1] and e.source == ARTICLE and e.status == "reported":
            e.source, e.status = by.source, _status(by, False)


def _link_denials(events: list[Event], text: str, sentences: list[tuple[int, int]]) -> list[Event]:
    """A denial answers the claim about the same place and type told just before."""
    for i, e in enumerate(events):
        if e.status != "denied":
            continue
        for j in range(i - 1, max(-1, i - 1 - DENIAL_LOOKBACK), -1):
            prior = events[j]
            if prior.place == e.place and prior.type == e.type and prior.status in ("claimed", "reported"):
                prior.status, prior.denied_by = "contested", e.source
                e.status = "contested"
                e.denied_by = e.source
                e.source = prior.source
                break
    return events


_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_STATUS_RANK = {"contested": 3, "denied": 2, "claimed": 1, "reported": 0}


def _combine_status(a: str, b: str) -> str:
    pair = {a, b}
    if "contested" in pair or pair == {"claimed", "denied"} or pair == {"reported", "denied"}:
        return "contested"
    if pair == {"claimed", "reported"}:
        return "reported"  # a party's claim confirmed by another source
    return a


def _better_date(a: Event, b: Event) -> Event:
    """The event whose date the text states most precisely (a stated date beats the publication date)."""
    def rank(e: Event) -> tuple[int, int]:
        return ({"text": 2, "speech": 1}.get(e.date_from, 0), _PRECISION_RANK[e.date_precision])
    return b if rank(b) > rank(a) else a


def merge_document_events(events: Iterable[Event]) -> list[Event]:
    """One event per (place, type) within an article."""
    merged: dict[tuple[str, str], Event] = {}
    for e in events:
        key = (e.place, e.type)
        if key not in merged:
            merged[key] = e
            continue
        m = merged[key]
        dated = _better_date(m, e)
        status = _combine_status(m.status, e.status)
        if {m.status, e.status} == {"claimed", "reported"} and ARTICLE in (m.source, e.source):
            status = "claimed"  # a headline or lede retelling the body's claim in the outlet's voice confirms nothing
        sources = list(dict.fromkeys([*(m.sources or [m.source]), e.source]))
        source = m.source
        if status in ("claimed", "contested") and m.status not in ("claimed", "contested"):
            source = e.source  # the claimant is the source of a claim
        if source != ARTICLE and " " not in source and e.source != ARTICLE and " " in e.source \
                and side_of(e.source) in (side_of(source), "other"):
            source = e.source  # "..., London says" in the headline; "the UK Ministry of Defence said" in the body
        merged[key] = replace(m, date=dated.date, date_precision=dated.date_precision, date_from=dated.date_from,
                              status=status, source=source, denied_by=m.denied_by or e.denied_by,
                              actor=m.actor if m.actor != "unknown" or e.status == "denied" else e.actor,
                              unit=m.unit or e.unit,
                              sources=sources)
    return sorted(merged.values(), key=lambda e: e.start)


def _same_time(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return a.date == b.date
    if "day" == a.date_precision == b.date_precision:
        return abs(dt.date.fromisoformat(a.date) - dt.date.fromisoformat(b.date)) <= dt.timedelta(days=1)
    return a.date[:7] == b.date[:7]


def merge_corpus_events(events: Iterable[Event]) -> list[Event]:
    """The same event told by several articles becomes one event with all their sources."""
    out: list[Event] = []
    by_key: dict[tuple[str, str], list[Event]] = {}
    for e in sorted(events, key=lambda e: (e.date or "", e.doc, e.start)):
        same = by_key.setdefault((e.place, e.type), [])
        twin = next((o for o in reversed(same) if _same_time(o, e)), None)
        if twin is None:
            new = replace(e, sources=[e.source], docs=[e.doc], ids=[e.id])
            out.append(new)
            same.append(new)
            continue
        twin.status = _combine_status(twin.status, e.status)
        if e.source not in twin.sources:
            twin.sources.append(e.source)
        if e.doc not in twin.docs:
            twin.docs.append(e.doc)
        twin.ids.append(e.id)
        if twin.actor == "unknown":
            twin.actor = e.actor
    return out
