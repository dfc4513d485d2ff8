"""Resolution: decide which mentions are places and which place each one names.

Candidates are ranked by kind (country > region > settlement), population,
whether the name is the place's main name or only an alternate, the document's
country focus, distance to the other places the article names, and explicit
context ("the governor of Luhansk" is the oblast, "the town of" a settlement).
One name keeps one reading per document ("one sense per discourse"), which is
how a desk editor reads a dispatch too.
"""
from __future__ import annotations

import bisect
import dataclasses
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from frontline_map.geo.gazetteer import Gazetteer, Place
from frontline_map.geo.lexicon import words
from frontline_map.geo.names import fold_name
from frontline_map.geo.text.locate import CONFIDENCE, direction_words, locate
from frontline_map.geo.text.mentions import Mention
from frontline_map.geo.text.rules import ACCEPT, WEIGHTS

if TYPE_CHECKING:
    import numpy as np

_REGION_CUES = words("resolve_region_cues")
# Right after the name these leave no doubt: "the Odesa regional administration", "the Kharkiv governor"
_REGION_AFTER = frozenset({"oblast", "oblast's", "region", "regional", "province", "governor", "governor's", "gov"})
_SETTLEMENT_CUES = words("resolve_settlement_cues")
_NEWSPAPER_AFTER = words("resolve_newspaper_after")
# "the village of X": found from "of" and a capital (the engine skips to the letters "of"), then the noun is
# looked for before it; a pattern opening with the nouns tried every t, v, c, s and h of the text.
_OF_NAME = re.compile(r"of\s+([A-ZА-ЯІЇЄҐ][\w'’\-]+(?:[ \-][A-ZА-ЯІЇЄҐ][\w'’\-]+)?)")
_UNRESOLVED_NOUN = re.compile(r"(?:town|village|city|settlement|hamlet)\s+\Z")
_NOUN_ENDS = frozenset("neyt")  # the nouns' last letters

Geocoder = Callable[[str], "Place | None"]
_JSON = json.JSONEncoder(ensure_ascii=False)  # built once: json.dumps with options builds an encoder per call


class Resolution(NamedTuple):
    """One accepted mention and the place chosen for it (a named tuple: made for every mention of every parse,
    where a frozen dataclass's checked field-by-field set-up cost more than the tuple)."""

    mention: Mention
    place: Place | None
    route: str | None
    confidence: float
    alternatives: str  # the runner-up candidates as JSON (made once per name, shared by its mentions)


@dataclass
class Resolved:
    """What resolution found: accepted mentions, plus names it could not place."""

    resolutions: list[Resolution] = field(default_factory=list)
    unresolved: list[Mention] = field(default_factory=list)


@dataclass
class _Key:
    """All occurrences of one folded name in a document, judged together."""

    key: str
    occurrences: list[Mention]
    region_cue: bool = False
    region_list: bool = False  # every use is in a list of regions ("Sumy and Kharkiv oblasts") or before "regional"
    definite_cue: bool = False
    settlement_cue: bool = False
    village_cue: bool = False
    contained: bool = False  # "Charleston, W.Va.": its region follows it
    misplaced: bool = False  # "Piatykhatky in Zaporizhzhia region", and no candidate of that name is in it
    region_group: bool = False  # the uses beside a region's word, judged apart from the name's others
    chosen: int = -1  # the winner, once the scores are final (``settle``)
    scores: dict[int, float] = field(default_factory=dict)
    nearest: dict[int, float] = field(default_factory=dict)  # km from each candidate to the story's nearest place

    @property
    def dateline(self) -> bool:
        """Where the story was filed ("WASHINGTON (AP) —"): a capital of that name is meant, not a namesake."""
        return any(m.dateline for m in self.occurrences)

    @property
    def candidates(self) -> list[tuple[int, bool]]:
        return self.occurrences[0].candidates

    def best(self) -> int:
        if self.chosen >= 0:
            return self.chosen
        scores = self.scores
        if len(scores) == 1:  # most names have one candidate: asked often, answered without max()
            return next(iter(scores))
        return max(scores, key=scores.__getitem__)

    def settle(self) -> None:
        """The scores are final: remember the winner, asked for several times more."""
        self.chosen = self.best()


VILLAGE_POP = 5_000  # "the village of X": namesakes bigger than a village count as no bigger than one


def _region_words(m: Mention) -> bool:
    """A region's word beside the name ("Kharkiv regional council", "the governor of Kharkiv") and no town's
    ("the regional capital Kharkiv")."""
    near = {*m.prev_words[-2:], m.next_word}
    return not near.isdisjoint(_REGION_CUES) and near.isdisjoint(_SETTLEMENT_CUES)


def _with_region_of(gaz: Gazetteer, m: Mention) -> list[tuple[int, bool]]:
    """ "over the Oryol, Kaluga and Ryazan regions": a Russian oblast answers to "the Ryazan region", not to the
    bare "Ryazan" (that is the town), so a name in a list of regions also takes the region "X region" names.
    A new list: the one the mention has is shared by the document's other uses of the name."""
    if not m.region_list or not m.candidates or any(gaz.kinds[i] == "region" for i, _ in m.candidates):
        return m.candidates
    extra = [(i, True) for i, _ in gaz.lookup(f"{m.key} region") if gaz.kinds[i] == "region"]
    return m.candidates + extra if extra else m.candidates


def _region_worded(gaz: Gazetteer, m: Mention) -> bool:
    """Is this occurrence to be judged apart from the name's others?  Where a name is both a town and its
    region ("Kharkiv", "Odesa"), one use beside a region's word ("the Kharkiv regional council", "Mykolaiv,
    Odesa and Vinnytsia oblasts") says nothing of its other uses ("KHARKIV, Ukraine (AP) —", "the regional
    capital Kharkiv"): one key per name would put them all in the region."""
    if not (m.region_list or _region_words(m)):
        return False
    kinds = {gaz.kinds[i] for i, _ in m.candidates}
    return "region" in kinds and "settlement" in kinds


def _cues(key: _Key) -> None:
    """What the words around any of the name's uses say: a region's word, a town's, "the", "the village of"."""
    key.region_list = all(m.region_list or m.next_word in _REGION_AFTER for m in key.occurrences)
    region = definite = settlement = village = False
    for m in key.occurrences:
        words = {*m.prev_words[-2:], m.next_word}
        region = region or m.region_list or not words.isdisjoint(_REGION_CUES)
        definite = definite or m.definite
        settlement = settlement or m.next_word in _NEWSPAPER_AFTER or not words.isdisjoint(_SETTLEMENT_CUES)
        village = village or m.village
    key.region_cue, key.definite_cue, key.village_cue = region, definite, village
    key.settlement_cue = settlement or village


def _priors(gaz: Gazetteer, key: _Key) -> dict[int, float]:
    """Each candidate's score before the story's other places are weighed: its kind and size, whether the name is
    its own, and the cues around the name's uses (one loop per name: a call per candidate cost more than the sum)."""
    kinds, pops, capitals, w = gaz.kinds, gaz.pops, gaz.capitals, WEIGHTS
    village, region_cue, definite, settlement = key.village_cue, key.region_cue, key.definite_cue, key.settlement_cue
    region_bonus = w.region_cue + (w.region_list if key.region_list else 0.0)
    scores = {}
    for idx, primary in key.candidates:
        kind = kinds[idx]
        if kind == "country":
            score = w.country
        elif kind in ("region", "other"):
            score = w.region_primary if primary else w.region_alternate
        else:
            pop = min(pops[idx], VILLAGE_POP) if village else pops[idx]  # a village: size says nothing
            score = math.log10(pop + 10) + (w.primary_name if primary else 0.0) \
                + (w.capital if primary and idx in capitals and key.dateline else 0.0)
        if region_cue and kind == "region":
            score += region_bonus
        if definite and kind == "other":
            score += w.definite
        if settlement:
            score += w.settlement_cue if kind == "settlement" else -w.settlement_cue
        scores[idx] = score
    return scores


def _focus(gaz: Gazetteer, keys: list[_Key]) -> Counter[str]:
    """Which countries the document is about, from its unambiguous, weighty names."""
    focus: Counter[str] = Counter()
    for k in keys:
        idx = k.best()
        if gaz.kinds[idx] == "country":
            focus[gaz.countries[idx]] += 2 * len(k.occurrences)
        elif (gaz.kinds[idx] == "region" or gaz.pops[idx] >= ACCEPT.big_city or len(k.candidates) == 1) \
                and gaz.countries[idx]:
            focus[gaz.countries[idx]] += len(k.occurrences)
    return focus


def _two_nearest(lat: float, lon: float, anchors: list[tuple[float, float, float]], *,
                 namesakes: bool) -> tuple[float, float]:
    """km to the nearest and second-nearest of the article's other places (inf when missing).

    Stops as soon as the answer cannot change the score: for ``namesakes`` once two lie inside the
    closest tier, otherwise once one lies inside the next tier. An equirectangular distance is accurate
    to a few per cent at these ranges and ten
    times cheaper than the haversine, which matters on the hot path.
    """
    first = second = math.inf
    close, next_tier = WEIGHTS.near_km[0], WEIGHTS.near_km[1]
    for a_lat, a_lon, a_cos in anchors:
        dx = (lon - a_lon) * a_cos
        d = 111.2 * math.sqrt(dx * dx + (lat - a_lat) ** 2)
        if d < first:
            first, second = d, first
        elif d < second:
            second = d
        if second < close or (not namesakes and first < next_tier):
            break
    return first, second


def _nearest_two(gaz: Gazetteer, jobs: list[tuple[list[int], int, bool]], grid: np.ndarray
                 ) -> list[dict[int, tuple[float, float]]]:
    """For every name, each of its candidates' km to the nearest of the story's places (the rows of ``grid``, but
    the column each job leaves out: the name's own place; equirectangular as :func:`_two_nearest`) and its bonus
    for lying near them (:func:`_near_bonus`; a job's third item says its candidates are namesakes).  Every name
    of the document in one array operation: per name, numpy's fixed cost came to more than the arithmetic."""
    idxs = [i for cands, _, _ in jobs for i in cands]
    if not idxs:
        return [{} for _ in jobs]
    import numpy as np  # here, not at the top: a parse that needs no array pays no import (cold start)

    take = itemgetter(*idxs, idxs[0])  # (one more: a tuple even for one candidate)
    lat = np.array(take(gaz.lats), float)[:-1, None]
    lon = np.array(take(gaz.lons), float)[:-1, None]
    d = np.full((len(idxs), len(grid) + 1), np.inf)  # one column more, always far: a second nearest exists
    d[:, :-1] = 111.2 * np.sqrt(((lon - grid[:, 1]) * grid[:, 2]) ** 2 + (lat - grid[:, 0]) ** 2)
    left_out = np.fromiter((x for cands, x, _ in jobs for _ in cands), int, len(idxs))
    rows = np.flatnonzero(left_out >= 0)
    d[rows, left_out[rows]] = np.inf
    two = np.partition(d, 1, axis=1)[:, :2]
    namesakes = np.fromiter((n for cands, _, n in jobs for _ in cands), bool, len(idxs))
    firsts, bonuses = two[:, 0].tolist(), _near_bonus(two[:, 0], two[:, 1], namesakes).tolist()
    tables, at = [], 0
    for cands, _, _ in jobs:
        tables.append({i: (firsts[at + r], bonuses[at + r]) for r, i in enumerate(cands)})
        at += len(cands)
    return tables


def _near_bonus(first: np.ndarray, second: np.ndarray, namesakes: np.ndarray) -> np.ndarray:
    """``WEIGHTS.near_bonus`` for lying within ``WEIGHTS.near_km`` of another place the article names, per
    candidate (km to the story's ``first`` and ``second`` nearest places).

    The closest tier counts only between ``namesakes`` (every candidate a settlement) and only with
    two of the story's places that close (the village between Chasiv Yar and Bakhmut); see also
    :func:`_far_namesake`.  Otherwise the first tier the nearest lies within, from the second; none beyond the
    last.
    """
    import numpy as np

    near, bonus = np.asarray(WEIGHTS.near_km), np.asarray((*WEIGHTS.near_bonus, 0.0))
    tier = np.maximum(np.searchsorted(near, first, side="right"), 1)  # the first tier with first < near[tier]
    return np.where(namesakes & (second < near[0]), bonus[0], bonus[tier])


def _far_namesake(k: _Key, nearest: dict[int, float]) -> None:
    """When the leading namesake lies far from every place of the story (over ``WEIGHTS.far_km``) and
    another lies beside one of them, the one beside the story wins ("near Bohdanivka on the road to
    Chasiv Yar": not the Bohdanivka 125 km away). A leader that is itself near the story keeps its place."""
    leader = max(k.scores, key=lambda i: k.scores[i])
    if nearest.get(leader, 0.0) <= WEIGHTS.far_km:
        return
    for idx, d in nearest.items():
        if d < WEIGHTS.near_km[0]:
            k.scores[idx] += WEIGHTS.near_bonus[0]


def _rescore(gaz: Gazetteer, keys: list[_Key], focus: Counter[str]) -> None:
    total = sum(focus.values()) or 1
    kinds, admin1s, names, pops, admin1_names = gaz.kinds, gaz.admin1s, gaz.names, gaz.pops, gaz.admin1_names
    anchors = {id(k): best for k in keys if kinds[best := k.best()] in ("settlement", "region")}
    regions = Counter(admin1s[i] for i in anchors.values() if kinds[i] == "region")
    owners = Counter(anchors.values())
    ordered = sorted(owners)  # the story's other places, the same for every name but its own: built once
    every = [(gaz.lats[a], gaz.lons[a], math.cos(math.radians(gaz.lats[a]))) for a in ordered[:61]]
    choices = [k for k in keys if len(k.candidates) > 1]  # one candidate: nothing to choose, the prior stands
    jobs, namesakes = [], [all(kinds[i] == "settlement" for i, _ in k.candidates) for k in choices]
    for k, alike in zip(choices, namesakes, strict=True):
        mine = anchors.get(id(k))
        at = bisect.bisect_left(ordered, mine) if mine is not None and owners[mine] == 1 else len(ordered)
        inside = at < len(every)  # its own place is among the first 61: leave it out, else the 61st
        others = len(every) - inside
        placed = [i for i, _ in k.candidates if kinds[i] in ("settlement", "region")] if others else []
        jobs.append((placed, at if inside else 60 if len(every) == 61 else -1, alike))
    import numpy as np

    tables = _nearest_two(gaz, jobs, np.asarray(every, dtype=float).reshape(-1, 3)) if choices else []
    share = {cc: WEIGHTS.focus * n / total for cc, n in focus.items()}  # the same sum as per candidate, made once
    for k, table, alike in zip(choices, tables, namesakes, strict=True):
        mine = anchors.get(id(k))
        own = admin1s[mine] if mine is not None and kinds[mine] == "region" else None  # not its own region
        nearest: dict[int, float] = {}
        # "California", "Mexico", "Jordan": a small town named after a state or a country wins on evidence
        # ("California, Md.", "the town of Mexico"), not for lying near the story's other places
        unit = any(p and kinds[i] in ("country", "region") and names[i] == admin1_names.get(admin1s[i], names[i])
                   for i, p in k.candidates)
        priors = k.scores.copy()  # each candidate's prior, made by resolve_mentions
        for idx, _ in k.candidates:
            kind, admin1 = kinds[idx], admin1s[idx]
            score = priors[idx] + share.get(gaz.countries[idx], 0.0)
            two = table.get(idx)
            if two is not None:
                nearest[idx] = two[0]
                if not (unit and kind == "settlement" and pops[idx] < ACCEPT.big_city):
                    score += two[1]
            named = regions.get(admin1, 0)  # (a Counter's missing key costs a Python call: asked per candidate)
            if (kind == "settlement" and named) or (  # "New York": the city of New York
                    kind == "region" and named > (admin1 == own) and names[idx] != admin1_names.get(admin1)):
                score += WEIGHTS.same_region  # a town or a county of a region the story names ("Orange County", California)
            k.scores[idx] = score
        k.nearest = nearest
        if alike and nearest:
            _far_namesake(k, nearest)


def _contains(gaz: Gazetteer, outer: int, inner: int) -> bool:
    kind = gaz.kinds[outer]
    if kind == "region":
        return bool(gaz.admin1s[outer]) and gaz.admin1s[outer] == gaz.admin1s[inner]
    return kind == "country" and gaz.countries[outer] == gaz.countries[inner] and outer != inner


def _containment(gaz: Gazetteer, mentions: list[Mention], keys: dict[str, _Key], text: str) -> None:
    """"Atlanta, Georgia", "Paris, Texas", "the town of New York in Donetsk Oblast": a place followed by its
    region or country."""
    done: set[tuple[str, str]] = set()
    for a, b in zip(mentions, mentions[1:], strict=False):
        if text[a.end:b.start] not in (", ", " in ") or a.key not in keys or b.key not in keys or (a.key, b.key) in done:
            continue
        done.add((a.key, b.key))
        ka, kb = keys[a.key], keys[b.key]
        for ca in list(ka.scores):
            for cb in list(kb.scores):
                if _contains(gaz, cb, ca):
                    ka.scores[ca] += WEIGHTS.containment
                    kb.scores[cb] += WEIGHTS.containment
                    ka.contained = True
        if text[a.end:b.start] == " in " and not ka.contained and kb.scores \
                and all(gaz.kinds[c] == "region" and gaz.countries[c] == "UA" for c in kb.scores) \
                and all(gaz.kinds[c] == "settlement" and gaz.countries[c] == "UA" for c in ka.scores):
            ka.misplaced = True  # a village the gazetteer lacks, whose namesake elsewhere is no answer


def _accept(gaz: Gazetteer, k: _Key, focus_set: set[str], theatre: str | None = None) -> bool:
    """Is this name a place here at all? Weighs kind, size, context and common words."""
    occ = [m for m in k.occurrences if not m.person]
    if not occ:
        return False
    idx = k.best()
    kind, pop = gaz.kinds[idx], gaz.pops[idx]
    primary = dict(k.candidates).get(idx, False)
    big = kind in ("country", "region", "other") or (pop >= ACCEPT.big_city and primary)
    strong = k.contained or any(m.dateline or (not m.sentence_initial and m.strong_context) for m in occ)
    single = " " not in k.key
    if single and k.key in gaz.very_common_words and kind not in ("country", "region", "other"):
        return pop >= ACCEPT.very_common_min_pop and strong  # "We", "Man", "Most": never without real evidence
    local = gaz.countries[idx] in focus_set
    if single and k.key in gaz.first_names and kind not in ("country", "region") and pop < ACCEPT.first_name_max_pop:
        # "Mary", "George", "Madison" alone are usually people; "from Lyman" in a war report is not.
        return strong or (any(m.weak_context for m in occ) and gaz.countries[idx] == theatre and theatre in focus_set)
    if single and k.key in gaz.common_words:
        if kind in ("country", "region"):
            return True  # "Turkey", "Georgia", "Jordan": the place reading wins when capitalised
        if big:
            return strong or any(not m.sentence_initial for m in occ)
        return strong and not all(m.embedded for m in occ)
    if not big and all(m.embedded or m.bare_speaker for m in occ):
        return False
    if not big and not k.contained and any(m.bare_speaker for m in occ) and not any(
            (m.strong_context and not m.possessive and not m.sentence_initial) or m.dateline for m in occ):
        return False  # "Noma said", "…,” said Noma": a person, and so are the name's other uses
    if kind == "settlement" and pop == 0 and k.nearest.get(idx, 0.0) > WEIGHTS.far_km and not k.contained:
        return False  # a hamlet far from every place the story names is likelier another of that name
    if big or strong:
        return True
    weak = any(m.weak_context for m in occ)
    return (local and (weak or (primary and pop >= ACCEPT.local_min_pop))) \
        or (weak and primary and pop >= ACCEPT.weak_context_min_pop) or (primary and pop >= ACCEPT.alone_min_pop)


def _front_openers(gaz: Gazetteer, rejected: list[_Key], accepted: list[_Key], focus_set: set[str],
                   theatre: str | None) -> list[_Key]:
    """Front-line villages that open their sentences ("Synkivka came under attack again", "Robotyne has been
    liberated"): no word before them says "place", but in a war report they lie within a few km of a place
    the story names for sure.  Only names of the theatre that are no English word, and never a person."""
    if not theatre or theatre not in focus_set:
        return []
    sure = [(gaz.lats[i], gaz.lons[i], math.cos(math.radians(gaz.lats[i])))
            for i in (k.best() for k in accepted) if gaz.kinds[i] == "settlement" and gaz.countries[i] == theatre]
    if not sure:
        return []
    found = []
    for k in rejected:
        occ = [m for m in k.occurrences if not m.person]
        idx = k.best()
        if not occ or " " in k.key or k.key in gaz.common_words or k.key in gaz.first_names \
                or gaz.kinds[idx] != "settlement" or gaz.countries[idx] != theatre \
                or not all(m.sentence_initial and not m.embedded and not m.speaker for m in occ):
            continue
        if _two_nearest(gaz.lats[idx], gaz.lons[idx], sure, namesakes=False)[0] <= WEIGHTS.front_opener_km:
            found.append(k)
    return found


def _alternatives(gaz: Gazetteer, k: _Key, best: int) -> str:
    """The runner-up candidates (up to three, best first) as a JSON list of objects: name, kind, country, admin1,
    lat, lon, geonameid and score, what "Correct a place" offers.

    Written field by field, strings by the json module's own escaping and numbers by their ``repr`` (what the
    module writes for them): its encoder, set up anew for every call, came to 4 % of a parse.  The same text as
    ``json.dumps(..., ensure_ascii=False)`` (tests/geo/text/test_resolve.py holds the two together)."""
    scores, string = k.scores, _JSON.encode
    ranked = sorted((i for i in scores if i != best), key=scores.__getitem__, reverse=True)[:3]
    return "[" + ", ".join(
        f'{{"name": {string(gaz.names[i])}, "kind": {string(gaz.kinds[i])}, "country": {string(gaz.countries[i])}, '
        f'"admin1": {string(gaz.admin1_name(i))}, "lat": {gaz.lats[i]!r}, "lon": {gaz.lons[i]!r}, '
        f'"geonameid": {"null" if gaz.gids[i] is None else gaz.gids[i]}, "score": {round(scores[i], 2)!r}}}'
        for i in ranked) + "]"


def _confidence(k: _Key, best: int) -> float:
    """The winner's share of the candidates' softmax: 1.0 for a name with one candidate (most)."""
    if len(k.scores) == 1:
        return 1.0
    top = k.scores[best]
    total = sum([math.exp(s - top) for s in k.scores.values()])
    return round(1.0 / total, 3)


_WAR_CUES = re.compile(r"\b(?:troops|forces|shelling|shelled|missiles?|drones?|front ?line|offensive|artillery|withdr\w+|encircl\w+|"
                       r"brigade|battalion|occupied|invasion|mercenar\w+|Wagner|Zelensky\w*|Kremlin)\b", re.I)


def _keys(gaz: Gazetteer, mentions: list[Mention], *, demonyms: bool) -> list[_Key]:
    """The document's names, each with all its uses (those beside a region's word apart, see
    :func:`_region_worded`), its cues and each candidate's prior score."""
    grouped: dict[tuple[str, bool], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.region_list:
            m.candidates = _with_region_of(gaz, m)
        if m.demonym and not demonyms:
            continue
        if m.route is None and m.candidates:
            grouped[m.key, _region_worded(gaz, m)].append(m)
    keys = [_Key(key, occ, region_group=apart and (key, False) in grouped) for (key, apart), occ in grouped.items()]
    for k in keys:
        _cues(k)
        k.scores = _priors(gaz, k)
    return keys


def resolve_mentions(mentions: list[Mention], gaz: Gazetteer, *, text: str = "",
                     geocode: Geocoder | None = None, demonyms: bool = False,
                     theatre: str | None = "UA") -> Resolved:
    """Choose a place for every mention that is one; roads keep their ref.

    Parameters
    ----------
    mentions
        Output of :func:`geo.mentions.extract_mentions`.
    gaz
        The loaded gazetteer.
    text
        The document, used to find "the village of X" names the gazetteer lacks.
    geocode
        Optional fallback for those names (see :mod:`geo.geocoder`); never required.
    demonyms
        Also report "Ukrainian" or "Russians" as their country (GeoWebNews counts them
        as toponyms; a front-line map does not, so the default is off).
    theatre
        The country of the war this tool reports on: in a text about fighting
        (troops, shelling, front line...) its places count as the text's focus even
        when the country is never named.  ``None`` turns that prior off.
    """
    keys = _keys(gaz, mentions, demonyms=demonyms)
    focus = _focus(gaz, keys)
    _rescore(gaz, keys, focus)
    _containment(gaz, [m for m in mentions if m.route is None], {k.key: k for k in keys if not k.region_group}, text)
    for k in keys:
        k.settle()
    total = sum(focus.values()) or 1
    focus_set = {cc for cc, n in focus.items() if n / total >= ACCEPT.focus_share}
    if theatre and _WAR_CUES.search(text):
        focus_set.add(theatre)
    out = Resolved()
    accepted = [k for k in keys if not k.misplaced and _accept(gaz, k, focus_set, theatre)]
    taken = {id(k) for k in accepted}  # by identity: comparing keys field by field costs more than the parse
    accepted += _front_openers(gaz, [k for k in keys if id(k) not in taken], accepted, focus_set, theatre)
    for k in sorted(accepted, key=lambda k: k.occurrences[0].start):
        best = k.best()
        place, conf = gaz.place(best), _confidence(k, best)
        alts = _alternatives(gaz, k, best) if len(k.scores) > 1 else "[]"
        small = place.kind == "settlement" and place.population < ACCEPT.big_city
        # A small town inside a name ("the Gainesville Public Utilities department") counts where the story
        # also names the town on its own; alone, such a name is a firm's or a club's, not a place.
        alone = not small or any(not (m.embedded or m.person or m.bare_speaker) for m in k.occurrences)
        for m in k.occurrences:
            if not m.person and not (m.bare_speaker and small) and not (m.embedded and small and not alone):
                out.resolutions.append(Resolution(*_district_of(m, _governed_region(gaz, m, place), text), None, conf, alts)
                                       if m.next_word in _RENAMING_WORDS else Resolution(m, place, None, conf, alts))
    out.resolutions += _streets(mentions, out.resolutions)
    accepted_countries = {r.place.country for r in out.resolutions if r.place}
    for m in mentions:
        if m.route is not None and ("UA" in accepted_countries or m.route in gaz.routes):
            out.resolutions.append(Resolution(m, None, m.route, 0.9 if m.route in gaz.routes else 0.6, "[]"))
    _located(gaz, text, out, mentions)
    _unresolved(text, out, geocode)
    out.resolutions.sort(key=lambda r: r.mention.start)
    return out


def _located(gaz: Gazetteer, text: str, out: Resolved, mentions: list[Mention]) -> None:
    """Villages the gazetteer lacks that the article locates ("Stupochky (south of Chasiv Yar)"): see
    :mod:`geo.text.locate`.  Only in a story whose places are in the war's country."""
    directions = direction_words(text)  # "south of", "10 km northwest of": most texts have none
    if not directions:
        return
    towns = {r.mention.key: r.place for r in out.resolutions
             if r.place is not None and r.place.kind == "settlement" and r.place.country == "UA"}
    if not towns:
        return
    def namesake(name: str, lat: float, lon: float, km: float) -> Place | None:
        near = [(math.hypot(gaz.lats[i] - lat, (gaz.lons[i] - lon) * math.cos(math.radians(lat))) * 111.2, i)
                for i, _ in gaz.lookup(name) if gaz.kinds[i] == "settlement"]
        best = min(near, default=None)
        return gaz.place(best[1]) if best is not None and best[0] <= km else None

    taken = {r.mention.start: r.place for r in out.resolutions}
    placed: dict[str, Place] = {}
    for x in locate(text, directions, towns, taken, namesake):
        placed.setdefault(x.name, x.place)  # one name, one place: its first locator's
    if not placed:
        return
    moved = {fold_name(name) for name in placed}  # resolved to a namesake far from where the article puts it
    out.resolutions[:] = [r for r in out.resolutions if r.mention.key not in moved or r.place is None]
    taken = {r.mention.start: r.place for r in out.resolutions}
    sentences = {m.start: m.sentence_idx for m in mentions}
    for name, place in placed.items():  # and every use of the name, not only the one with the locator
        for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text):
            if m.start() not in taken:
                mention = Mention(m.start(), m.end(), name, fold_name(name), sentences.get(m.start(), -1),
                                  village=True)
                approximate = place.idx < 0  # said where a reader looks for a place's other readings
                out.resolutions.append(Resolution(mention, place, None, CONFIDENCE if approximate else 0.6,
                                                  _JSON.encode([{"approximate": place.source}]) if approximate else "[]"))


def _governed_region(gaz: Gazetteer, m: Mention, place: Place) -> Place:
    """ "Bryansk Gov. Alexander Bogomaz", "Volgograd Governor Andrei Bocharov", "the Kursk incursion": a Russian
    town's name before a governor's title (or an incursion) is the region (Ukraine's regions answer to their town's
    name already)."""
    if place.kind != "settlement" or place.country != "RU" or m.next_word not in _GOVERNED_AFTER:
        return place
    region = next((i for i, _ in gaz.lookup(f"{m.key} region") if gaz.kinds[i] == "region"), None)
    return gaz.place(region) if region is not None else place


_DISTRICT_NOUNS = ("district", "raion", "rayon")
_GOVERNED_AFTER = frozenset({"gov", "governor", "incursion"})
# the words after a name that can make it another place (a region, a district): the only ones worth a call
_RENAMING_WORDS = _GOVERNED_AFTER | frozenset(_DISTRICT_NOUNS)
_RAION_COUNTRIES = frozenset({"UA", "RU", "BY", "MD"})  # where "the X district" is a raion; elsewhere a school's or a vote's


def _district_of(m: Mention, place: Place, text: str) -> tuple[Mention, Place]:
    """ "the Kstovo district", "the Morozovsky district": a district no table of ours lists (Russia's are in none),
    named by its town or the town's adjective, is a place of its own — a district, at its town's point — and not
    the town: "debris fell in the Yeysk district" says less than "in Yeysk"."""
    if place.kind != "settlement" or m.next_word not in _DISTRICT_NOUNS or place.country not in _RAION_COUNTRIES:
        return m, place
    if not m.surface.lower().endswith(_DISTRICT_NOUNS):  # "Kstovo" before "district": the mention takes the noun
        noun = re.match(r"\s+(?:district|raion|rayon)\b", text[m.end:m.end + 12], re.IGNORECASE)
        if noun is None:
            return m, place
        end = m.end + noun.end()
        m = dataclasses.replace(m, end=end, surface=text[m.start:end])
        name = f"{place.name if place.country == 'UA' else m.surface[:m.surface.lower().rfind(' ')]} district"
    else:
        name = m.surface[0].upper() + m.surface[1:]
    return m, place._replace(name=name, kind="region", population=0)


def _streets(mentions: list[Mention], placed: list[Resolution]) -> list[Resolution]:
    """Streets the gazetteer lacks ("Royal Street"), placed at the town their story names beside them: the
    town right after ("Royal Street, New Orleans", "Peace Avenue in Kharkiv"), else the nearest of the same
    sentence, else the last one before, else the first after.  Approximate (the town's point) and said so by a
    low confidence; none when the story names no town."""
    streets = [m for m in mentions if m.street]
    towns = sorted((r for r in placed if r.place is not None and r.place.kind == "settlement"),
                   key=lambda r: r.mention.start) if streets else []
    found = []
    for m in streets:
        if not towns:
            continue
        after = [r for r in towns if m.end < r.mention.start <= m.end + 4 and r.mention.sentence_idx == m.sentence_idx]
        same = after or [r for r in towns if r.mention.sentence_idx == m.sentence_idx]
        before = [r for r in towns if r.mention.start < m.start]
        town = min(same, key=lambda r: abs(r.mention.start - m.start)) if same else before[-1] if before else towns[0]
        p = town.place
        assert p is not None
        found.append(Resolution(m, Place(p.idx, m.surface, "street", p.lat, p.lon, 0, p.country, p.admin1, None,
                                         p.source), None, 0.3, "[]"))
    return found


def _unresolved(text: str, out: Resolved, geocode: Geocoder | None) -> None:
    """Names introduced as "the village of X" that the gazetteer lacks, or whose only namesakes it has
    lie far from the story: geocode or report."""
    taken: set[tuple[int, int]] | None = None
    for m in _OF_NAME.finditer(text):
        before = text[m.start() - 2:m.start() - 1]  # a noun's last letter and one space, or more spaces
        noun = _UNRESOLVED_NOUN.search(text, max(0, m.start() - 40), m.start()) \
            if before in _NOUN_ENDS or before.isspace() else None
        if noun is None or (noun.start() > 0 and (text[noun.start() - 1].isalnum() or text[noun.start() - 1] == "_")):
            continue
        if taken is None:  # (made at the first "village of": most texts have none)
            taken = {(r.mention.start, r.mention.end) for r in out.resolutions}
        name = m.group(1)
        if (m.start(1), m.end(1)) in taken or name[:1].islower():
            continue
        mention = Mention(m.start(1), m.end(1), name, name.lower(), -1)
        place = geocode(name) if geocode else None
        if place is None:
            out.unresolved.append(mention)
        else:
            out.resolutions.append(Resolution(mention, place, None, 0.5, "[]"))


def to_records(resolved: Resolved, gaz: Gazetteer, *, doc: str, text: str,
               sentences: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Flat rows (one per accepted mention) in the mentions schema, plus lat/lon."""
    rows = []
    for r in resolved.resolutions:
        m, p = r.mention, r.place
        s = sentences[m.sentence_idx] if 0 <= m.sentence_idx < len(sentences) else _around(text, m.start)
        rows.append({
            "doc": doc, "start": m.start, "end": m.end, "surface": m.surface,
            "name": p.name if p else r.route, "kind": p.kind if p else "route",
            "geonameid": p.geonameid if p else None,
            "country": p.country if p else "UA", "admin1": gaz.admin1_names.get(p.admin1, p.admin1) if p else "",
            "confidence": r.confidence, "sentence": text[s[0]:s[1]].strip(),
            "alternatives": r.alternatives,
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "speaker": m.speaker,
        })
    return rows


def _around(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind(".", 0, pos) + 1
    b = text.find(".", pos)
    return a, (len(text) if b < 0 else b + 1)
