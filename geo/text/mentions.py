"""Recognition: find the spans of a text that may name a place or a road.

This step is deliberately generous with gazetteer matches and records the
evidence around each one (the words before and after, whether it sits inside
a person's name or an organisation's, whether it opens a sentence); the
resolver weighs that evidence against the candidates' kinds and populations.
Everything here is regular expressions over one pass of the text, so a
500-word article takes about a millisecond.
"""
from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from typing import Any

from frontline_map.geo.gazetteer import Gazetteer
from frontline_map.geo.lexicon import phrases, words
from frontline_map.geo.names import CYRILLIC_REF_TO_LATIN, fold_name

# Words, including hyphenated and apostrophised names; dotted abbreviations such as U.S.
# "U.S." and "T&T", "AT&T" are one word; the capital they open is tried once, not by each alternative
# (A word's letters are taken possessively, ``++``: nothing after them could ever make the engine give some back,
# so it keeps no note of where it might.)
_TOKEN = re.compile(r"[A-Z](?:(?:\.[A-Z])+\.|[A-Z]*&[A-Z]+\b)|[^\W\d_]++(?:['’\-][^\W\d_]++)*+")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # the same words, kept by re.split between their gaps
# The same again for a text of ASCII only (half the real articles), where a letter is A-Z or a-z: told by a range,
# not by asking the Unicode database for each character's category.
_TOKEN_SPLIT_ASCII = re.compile(_TOKEN_SPLIT.pattern.replace(r"[^\W\d_]", "[A-Za-z]"))
_NOT_BARE = frozenset({"of", "in", "from", "at", "near", "the", "for", "to", "outside", "around"})
_CURRENCY_WORDS = frozenset({"dollar", "dollars", "cents", "pounds", "euros"})
_QUOTE_BEFORE = re.compile(r"[”\"’,]\s*$")  # "…,” said Noma": the quote's end before the verb
_INITIAL = re.compile(r"\b[A-Z][a-z]+ [A-Z]\.$")  # "Gino D." (a given name and an initial)
# A sentence ends at . ! ? … (closing quotes or brackets, then space), a blank line, or a line opening a list or a
# heading.  The character first, the alternatives after it: so the engine skips ahead to one (twice as fast).
_SENTENCE_END = re.compile(r"[.!?…\n](?:(?<=[.!?…])[\"”’)\]]*\s+|(?<=\n)\s*\n|(?<=\n)(?=\s*[#*\-\d]))")
_ABBREVIATIONS = words("mentions_abbreviations")
# "Russian-held", "Ukrainian-controlled", "Kremlin-backed": who holds a place, not a word of its name
_HELD_BY = re.compile(r"[A-Z][a-z]+-(?:held|occupied|controlled|annexed|backed|installed|appointed|allied|led|run)$")
_MONTH_ABBREVIATIONS = frozenset({"Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"})
_DAY_AFTER = re.compile(r"\s*\d{1,2}\b")
# Road references: M03, М-03, H32, Н-32, T0504, Т-05-04, E40, and the bare "0506" after "the".
# The letter first, then the look back at the character before it: the engine skips to the letters, not
# every position of the text.
_ROAD = re.compile(r"([MHTРPEМНТРЕ])(?<![\w\-][MHTРPEМНТРЕ])[\-\s]?(\d{1,2})(?:[\-\s]?(\d{2}))?(?![\w\-])")
# A road known by its number alone: "route 0509", "highway 140", "the 0509", "the 506 road". Found from the
# number back to the word before it: numbers are rare in a text and words everywhere, so this costs a tenth
# of trying the words at every word boundary.
# (Spelt so, not \d{3,} or [0-9]{3,}: the engine then skips ahead to a digit, in half the time.)
_DIGITS = re.compile(r"[0-9][0-9][0-9]+")
_ROAD_WORD_BEFORE = re.compile(r"(?i)\b(?:route|road|highway|the)\Z")
_ROAD_WORD_AFTER = re.compile(r"(?i)\s+(?:road|route|highway|supply)")

TITLES = words("mentions_titles")
STREET_NOUNS = words("mentions_street_nouns")
FEATURE_HEADS = words("mentions_feature_heads")
COMPASS_WORDS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper",
                           "Lower"})  # may open a feature: "South Kilburn Estate"
_STREET_NOUN = re.compile("|".join(sorted(STREET_NOUNS)))
STRONG_CONTEXT = words("mentions_strong_context")
WEAK_CONTEXT = words("mentions_weak_context")
PLACE_NOUNS = words("mentions_place_nouns")
CALENDAR = words("mentions_calendar")
SPEECH = words("mentions_speech")
PLURAL_REGION_NOUNS = words("mentions_plural_region_nouns")
DISEASE_WORDS = words("mentions_disease_words")
AFTER_NOUNS = words("mentions_after_nouns")
NOT_PLACES = phrases("mentions_not_places")
INSTITUTIONS = phrases("mentions_institutions")
_NOT_PLACE_WORDS = frozenset(w for p in NOT_PLACES for w in (p, p.split()[-1]))  # "united russia" is matched at "russia"
_LITERAL_BEFORE = frozenset({"at", "outside", "near", "inside", "into", "around", "front", "lawn", "gates", "walls"})


@dataclass(slots=True)
class Mention:
    """A span that matched the gazetteer (or the road table), with the evidence around it."""

    start: int
    end: int
    surface: str
    key: str
    sentence_idx: int
    candidates: list[tuple[int, bool]] = field(default_factory=list)
    route: str | None = None
    prev_words: tuple[str, ...] = ()
    next_word: str = ""
    sentence_initial: bool = False
    embedded: bool = False
    person: bool = False
    in_list: bool = False
    region_list: bool = False
    demonym: bool = False
    inflected: bool = False  # found by morphology: a case ending says a word governs it ("звільнили Кліщіївку")
    village: bool = False  # "the village of X", "X, a village near…": a small place, whatever bigger namesakes say
    dateline: bool = False  # where the story was filed: "NEW YORK (AP) —", "(KYIV) —", "KHERSON, Ukraine (Reuters) -"
    attributed: bool = False  # the name a quote is given to: "…,” said Noma."
    possessive: bool = False  # "Noma's case", "Bakhmut's outskirts"
    governed: bool = False  # right after a preposition or article: "of Bakhmut", "the Kremlin"
    street: bool = False  # "Royal Street", "Peace Avenue": no gazetteer entry, placed at its story's town
    definite: bool = False  # "the Atlantic", "the tropical Atlantic": a sea's or a river's name takes "the"; a town's not

    @property
    def speaker(self) -> bool:
        """Followed by a verb of speech ("Bassett said"), or named after one at a quote's end ("…,” said Noma."):
        usually a person."""
        return self.next_word in SPEECH or self.attributed

    @property
    def bare_speaker(self) -> bool:
        """A speaker with nothing that makes it a place's name before it ("the mayor of Bakhmut said" is not)."""
        return self.speaker and not self.governed

    @property
    def strong_context(self) -> bool:
        """A locative word right before ("near X"), "the town of X", or "X region" after."""
        prev = self.prev_words
        return bool(prev) and (prev[-1] in STRONG_CONTEXT
                               or (len(prev) > 1 and prev[-1] == "of" and prev[-2] in PLACE_NOUNS | STRONG_CONTEXT)) \
            or self.next_word in AFTER_NOUNS

    @property
    def weak_context(self) -> bool:
        """A preposition that often, but not always, governs a place."""
        return bool(self.prev_words) and self.prev_words[-1] in WEAK_CONTEXT or self.in_list or self.inflected


@dataclass(slots=True)
class _Words:
    """A sentence's words as parallel lists: word ``k`` is ``text[k]``, from ``start[k]`` to ``end[k]``.

    Lists, not an object per word: they are made by a few C calls (the words and gaps of ``re.split``, their
    offsets summed by ``itertools.accumulate``), where building one object per word was a fifth of the
    interpreter's work on a parse.  The recogniser reads only the words around the capitalised ones."""

    text: list[str]
    start: list[int]
    end: list[int]
    raw_end: list[int]  # the end before a possessive was cut ("People's" in "Donetsk People's Republic")
    capitalised: list[bool]
    joint: list[bool]  # the second or later part of a split compound ("Svatove" in "Kupiansk-Svatove")
    caps: list[int]  # the indexes of the capitalised words: where a name may start


def _before(w: _Words, i: int) -> tuple[str, ...]:
    """The (up to) three words before word ``i``, lowercased: a mention's ``prev_words``."""
    return tuple(map(str.lower, w.text[max(0, i - 3):i]))


MAX_SENTENCE_CHARS = 1_000
"""A 'sentence' longer than this (a run-on list, a table flattened to one line, hostile input) is cut at
its last clause break before the limit: every mention keeps its sentence as context, and the event rules
look at whole sentences, so an unbounded sentence would cost time and memory with the square of its length."""
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+")


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit)]
        commas = [b for b in breaks if text[b - 2:b - 1] in ",;:" or text[b - 1:b] in ",;:"]
        cut = (commas or breaks or [limit])[-1]
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans as ``(start, end)`` character offsets; blank lines always split; none is longer than
    :data:`MAX_SENTENCE_CHARS`."""
    spans: list[tuple[int, int]] = []
    for start, end in _sentences(text):
        spans.extend(_bounded(text, start, end) if end - start > MAX_SENTENCE_CHARS else [(start, end)])
    return spans


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        k = m.start()
        word = (text[max(0, k - 4):k].split() or [""])[-1]  # any whitespace: "Gov." may open a paragraph
        if text[k] == "." and word.lstrip("(\"“") in _ABBREVIATIONS:
            continue  # "Mr. Reznikov" goes on
        if text[k] == "." and word in _MONTH_ABBREVIATIONS and _DAY_AFTER.match(text, m.end()):
            continue  # "claimed on Aug. 18 that ...": AP's and the Kyiv Independent's dates
        if text[k] == "." and k > 1 and text[k - 1].isupper() and text[k - 2] == " " \
                and _INITIAL.search(text, max(0, k - 40), k + 1):
            continue  # a middle initial: "Gino D. Bassett" is one name
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_POSSESSIVE = frozenset({"'s", "’s", "'S", "’S"})


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A document's words, their offsets and capitals, split once for all its sentences: a sentence ends after a space, a
    line break or a clause's comma, so no word spans two and a sentence's words are a slice of these.  (Only a run
    of over 500 letters with no break is cut where it stands: it stays whole, in its first sentence; no name is
    that long.)"""

    text: list[str]
    start: list[int]
    end: list[int]
    capitalised: list[bool]


def _tokens(text: str) -> _Tokens:
    """The words come from ``re.split`` with the word pattern captured (gap, word, gap, word, ...): their
    positions are the running sums of the pieces' lengths."""
    pieces = (_TOKEN_SPLIT_ASCII if text.isascii() else _TOKEN_SPLIT).split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    words = pieces[1::2]
    return _Tokens(words, offsets[1:-1:2], offsets[2::2], list(map(str.isupper, map(itemgetter(0), words))))


def _words(tokens: _Tokens, text: str, start: int, end: int, gaz: Gazetteer | None = None) -> _Words:
    """The words of the sentence from ``start`` to ``end``, with the indexes of the capitalised ones (where a
    name may start: the recogniser jumps between them rather than stepping over every lowercase word).

    A possessive is cut from its word ("Ukraine’s"), and a compound of places is split into them
    ("Kupiansk-Svatove") when ``gaz`` is given."""
    lo, hi = bisect.bisect_left(tokens.start, start), bisect.bisect_left(tokens.start, end)
    words, starts, ends = tokens.text[lo:hi], tokens.start[lo:hi], tokens.end[lo:hi]
    raw_ends = ends.copy()
    if text.find("'", start, end) >= 0 or text.find("’", start, end) >= 0:
        for k, word in enumerate(words):
            if word[-2:] in _POSSESSIVE and len(word) > 3:
                words[k], ends[k] = word[:-2], ends[k] - 2  # possessive: "Ukraine’s" -> "Ukraine"
    capitalised = tokens.capitalised[lo:hi]  # (a possessive cut leaves the first letter)
    w = _Words(words, starts, ends, raw_ends, capitalised, [False] * len(words),
               list(compress(range(len(words)), capitalised)))
    if gaz is not None and text.find("-", start, end) >= 0:
        for k in reversed([k for k in w.caps if "-" in words[k]]):  # from the last: the indexes before stay put
            _split_compound(gaz, w, k)
        w.caps = list(compress(range(len(words)), capitalised))
    return w


_NAME_JOINTS = frozenset({"on", "upon", "am", "an", "sur", "sous", "na", "nad", "pod", "de", "del", "la", "le", "en"})


def _split_compound(gaz: Gazetteer, w: _Words, k: int) -> None:
    """ "Kupiansk-Svatove-Kreminna line", "the Kostiantynivka-Bakhmut road": several places joined by
    hyphens, split (word ``k`` replaced by its parts) when the whole is no name but at least two parts are."""
    word = w.text[k]
    if fold_name(word) in gaz.index or fold_name(word) in gaz.prefixes:
        return
    if any(piece in _NAME_JOINTS for piece in word.split("-")[1:-1]):
        return  # "Kalach-on-Don", "Frankfurt-am-Main": one name with a small word inside ("Kyiv-to-Odesa" is two)
    texts, starts, capitalised, joint, pos = [], [], [], [], w.start[k]
    for n, piece in enumerate(word.split("-")):
        if piece:
            texts.append(piece)
            starts.append(pos)
            capitalised.append(piece[0].isupper())
            joint.append(n > 0)
        pos += len(piece) + 1
    if sum(1 for t, c in zip(texts, capitalised, strict=True) if c and fold_name(t) in gaz.index) < 2:
        return
    w.text[k:k + 1], w.start[k:k + 1], w.capitalised[k:k + 1], w.joint[k:k + 1] = texts, starts, capitalised, joint
    w.end[k:k + 1] = w.raw_end[k:k + 1] = [a + len(t) for a, t in zip(starts, texts, strict=True)]


# "St. Louis", "Mt. Hood", "Ft. Worth": a dot that abbreviates the name's first word, not a sentence's end
_NAME_ABBREVIATIONS = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})


def _gap_ok(text: str, w: _Words, a: int, b: int) -> bool:
    """Words ``a`` and ``b`` of one name are separated by spaces or a hyphen only."""
    gap = text[w.raw_end[a]:w.start[b]]  # "People's Republic": the possessive is inside the name
    return len(gap) <= 2 and gap.strip(" -.") == "" and (gap != ". " or w.text[a] in _NAME_ABBREVIATIONS
                                                          or (len(w.text[a]) == 1 and w.text[a].isupper()))


def _match_at(gaz: Gazetteer, text: str, w: _Words, i: int, head: str) -> int:
    """Index one past the longest gazetteer match starting at word ``i`` (``i`` when none); ``head`` is the
    word folded."""
    best = i
    limit = min(len(w.text), i + min(gaz.max_tokens, 6))
    start, starts, ends, raw_ends, index, prefixes = w.start[i], w.start, w.end, w.raw_end, gaz.index, gaz.prefixes
    j, key = i, head
    while j < limit:
        if j > i:
            if text[raw_ends[j - 1]:starts[j]] != " " and not _gap_ok(text, w, j - 1, j):  # (one space: most)
                break
            key = fold_name(text[start:ends[j]])
        if key in index:
            best = j + 1
        raw = fold_name(text[start:raw_ends[j]]) if raw_ends[j] > ends[j] else key
        if key not in prefixes and raw not in prefixes:
            break  # no longer name starts with these words
        j += 1
    return best


def _chunk_bounds(gaz: Gazetteer, text: str, w: _Words, i: int, j: int) -> tuple[int, int]:
    """Extent of the run of capitalised words around words ``i..j-1``.

    A sentence's first word is capitalised anyway: "Later Bilohorivka..." is no name run.
    """
    lo, hi = i, j
    capitalised, joint = w.capitalised, w.joint
    while lo > 0 and capitalised[lo - 1] and _gap_ok(text, w, lo - 1, lo) and not joint[lo] \
            and not _owner(gaz, w, lo - 1) \
            and not _HELD_BY.match(w.text[lo - 1]):  # "Russia's Belgorod", "Russian-held Chornobaivka": not one name
        if lo == 1 and w.text[0].lower() in gaz.common_words:
            break
        lo -= 1
    while hi < len(w.text) and capitalised[hi] and _gap_ok(text, w, hi - 1, hi) and not joint[hi] \
            and not _owner(gaz, w, hi - 1):  # "Bakhmut's Chaikovskoho Street": the town stands alone
        hi += 1
    return lo, hi


def _owner(gaz: Gazetteer, w: _Words, k: int) -> bool:
    """A possessive that ends a name ("Bakhmut's", "Russia's"), not one inside it: a saint's or a person's
    ("St. Peter's Basilica", "Eva's Village") stays part of the longer name."""
    return w.raw_end[k] > w.end[k] and w.text[k].lower() not in gaz.first_names


def _is_person(gaz: Gazetteer, w: _Words, lo: int, hi: int, i: int, *, big: bool, j: int) -> bool:
    """A title before the run, or a given name followed by a non-place surname.

    A title before a country or region ("Foreign Minister Slovenia...") is a
    headline-style run, not a name, so ``big`` matches skip the title rule.
    """
    words = w.text
    before = words[lo - 1].lower().rstrip(".") if lo > 0 else ""
    if not big and (before in TITLES or (lo < i and any(words[k].lower().rstrip(".") in TITLES for k in range(lo, i)))):
        return True  # "Minister Chrystia Freeland", "Canadian Foreign Minister Chrystia Freeland"
    if hi - lo < 2 or (j - i >= 2 and i == lo):
        return False  # one token, or a multi-word place name opening the run ("San Antonio")
    if len(words[lo]) == 1 and words[lo].isupper() and i == hi - 1 and not big:
        return True  # an initial, then the name: "L. Douglas Wilder", "C. Linwood Gregory", "J. Bassett"
    first = words[lo].lower()
    last = fold_name(words[hi - 1])
    if first not in gaz.first_names or last in gaz.very_common_words:
        return False
    if _big_key(gaz, last):  # "Andrew Jordan", "Kathy Ireland": a given name that is no common word, then a country
        return hi - lo == 2 and i == hi - 1 and first not in gaz.very_common_words
    # "Jordan Peterson" (the match opens the run) or "Ashley Sutton" (the match is the surname).
    return i == lo or (not big and i == hi - 1 and hi - lo <= 3)


_VESSELS = frozenset(w + s for w in ("ship", "vessel", "cruiser", "frigate", "corvette", "submarine", "warship", "flagship",
                                     "tanker", "destroyer", "minesweeper", "tugboat", "boat") for s in ("", "s"))
_VILLAGE_OF = frozenset({("village", "of"), ("villages", "of"), ("hamlet", "of")})
_VILLAGE_AFTER = re.compile(r",\s+(?:a|the)\s+(?:small\s+|tiny\s+|frontline\s+|front-line\s+)?(?:village|hamlet)\b")
# After a sentence's first name: the agency, the country or the date, then the dash of a dateline
_DATELINE_AFTER = re.compile(r"\)?(?:,\s*[^—–\n()]{1,40}?)?\s*(?:\([A-Z][\w .]{1,24}\)\s*)?(?:[—–]|-\s|/[A-Z]{2,}/)")


def _big_key(gaz: Gazetteer, key: str) -> bool:
    kinds = gaz.kinds
    for c in gaz.index.get(key, ()):  # noqa: SIM110 -- a loop, not any(): asked of every name, twice as fast
        if kinds[c >> 1] in ("country", "region"):
            return True
    return False


def _skip_match(gaz: Gazetteer, surface: str, key: str, single: bool, after: str, *, opens: bool = False) -> bool:
    """Months, weekdays, unknown acronyms ("NATO"), currencies ("US$") and diseases ("West Nile virus").

    A capitalised word opening a sentence before ", Place" is a dateline ("KYIV, Ukraine (AP) —").
    """
    if single and key in CALENDAR:
        return True
    follows = after.lstrip().split(" ", 1)[0].lower().rstrip(".,;")
    if after.startswith("$") or follows in DISEASE_WORDS or (single and follows in _CURRENCY_WORDS):
        return True  # "US$", "40 US dollars", "West Nile virus"
    letters = surface.replace(".", "")
    return letters.isupper() and len(letters) <= 5 and key not in gaz.acronyms \
        and not (opens and _COMMA_CAPITAL.match(after) is not None)  # (the dateline asked last: it is rare)


_COMMA_CAPITAL = re.compile(r", [A-Z]")


def _dotted_at(gaz: Gazetteer, text: str, w: _Words, i: int, s_idx: int) -> Mention | None:
    """AP-style state abbreviations, which only count with their dot: "Ind.", "W.Va.", "N.Y."."""
    for n in (2, 1):
        if i + n > len(w.text) or (n == 2 and not _gap_ok(text, w, i, i + 1)):
            continue
        start, end = w.start[i], w.end[i + n - 1]
        key = fold_name(text[start:end])
        idx = gaz.dotted.get(key)
        if idx is not None and (text[end:end + 1] == "." or text[end - 1] == "."):
            stop = end + 1 if text[end:end + 1] == "." else end
            return Mention(start, stop, text[start:stop], key, s_idx, [(idx, True)],
                           prev_words=_before(w, i), in_list=True)
    return None


_CYRILLIC_WORD = re.compile(r"^[А-ЯІЇЄҐЁ][а-яіїєґё'’ʼ-]{2,}$")


@cache
def _analyzers() -> tuple[Any, ...]:
    """pymorphy3's Ukrainian and Russian analysers (loaded on the first Cyrillic word; read-only, shared)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk"), pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65_536)
def _lemmas(word: str) -> tuple[str, ...]:
    """Every dictionary form pymorphy3 gives a word in either language ("Харковом" -> "харків",
    "Часового" -> "часів"), the word itself first."""
    ranked = []
    for analyzer in _analyzers():
        for n, p in enumerate(analyzer.parse(word)):
            # a place name's own reading first ("Артемовске" -> "артёмовск", not the adjective "артёмовский")
            rank = 0 if "Geox" in p.tag else 1 if p.tag.POS == "NOUN" else 2
            ranked.append((rank, n, p.normal_form))
    forms = [word.lower(), *(f for _, _, f in sorted(ranked))]
    return tuple(dict.fromkeys(f.replace("ё", "е") for f in forms))


_LOCAL = frozenset({"UA", "RU", "BY"})


def _primary(gaz: Gazetteer, key: str) -> list[tuple[int, bool]] | None:
    """Candidates of a name found by morphology: its primary names, where a place of the region's own script
    counts as primary ("Кліщіївка" is Klishchiivka's Ukrainian name, an alternate in the index, as the
    index makes Cyrillic names primary for cities500's towns of Cyrillic-script countries)."""
    codes = gaz.index.get(key)
    if not codes:
        return None
    found = [(c >> 1, bool(c & 1) or gaz.countries[c >> 1] in _LOCAL) for c in codes]
    return found if any(p for _, p in found) else None


def _inflected_at(gaz: Gazetteer, w: _Words, i: int, s_idx: int) -> Mention | None:
    """A Cyrillic place name in another case than the gazetteer's (nominative) form, found by morphology:
    "у Бахмуті", "під Покровськом", "біля Часового Яру", "в Авдеевке"."""
    words = w.text
    word = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else None
    prev = _before(w, i)
    after = nxt.lower() if nxt is not None else ""
    if nxt is not None and after.startswith("облас"):  # "у Донецькій області": the oblast
        for lemma in _lemmas(word):
            key = fold_name(re.sub(r"(?:ий|ій|ой)$", "а", lemma) + " область")
            found = _primary(gaz, key)
            if found:
                return Mention(w.start[i], w.end[i + 1], f"{word} {nxt}", key, s_idx, found, prev_words=prev,
                               inflected=True)
    if nxt is not None and _CYRILLIC_WORD.match(nxt):  # two words: "Часового Яру" -> "Часів Яр"
        for first in _lemmas(word):
            for second in _lemmas(nxt):
                key = fold_name(f"{first} {second}")
                found = _primary(gaz, key)
                if found:
                    return Mention(w.start[i], w.end[i + 1], f"{word} {nxt}", key, s_idx, found, prev_words=prev,
                                   next_word=words[i + 2].lower() if i + 2 < len(words) else "", inflected=True)
    for lemma in _lemmas(word)[1:]:
        found = _primary(gaz, fold_name(lemma))
        if found:
            return Mention(w.start[i], w.end[i], word, fold_name(lemma), s_idx, found, prev_words=prev,
                           next_word=after, inflected=True)
    return None


def _street_at(gaz: Gazetteer, text: str, w: _Words, i: int, s_idx: int) -> tuple[Mention, int] | None:
    """ "Royal Street", "Martin Luther King Drive": one to three capitalised words, then a street noun, the
    whole run (not "Main Street Bank") and no name the gazetteer has; with the word index after it."""
    words, capitalised = w.text, w.capitalised
    if i > 0 and capitalised[i - 1] and _gap_ok(text, w, i - 1, i) and not _owner(gaz, w, i - 1) \
            and not (i == 1 and words[0].lower() in gaz.common_words):
        return None  # inside a run of names, not at its start ("In Royal Street": the run starts at "Royal";
        # "Harare's Third Street": at "Third")
    if i == 0 and words[0].lower() in gaz.common_words:
        return None
    for k in range(i + 1, min(len(words), i + 4)):
        if not capitalised[k] or not _gap_ok(text, w, k - 1, k) or w.joint[k] or _owner(gaz, w, k - 1):
            return None  # a possessive ends the name: "Harare's" is the town, its street comes after
        if words[k] not in STREET_NOUNS:
            continue
        if k + 1 < len(words) and capitalised[k + 1] and _gap_ok(text, w, k, k + 1):
            return None  # "Wall Street Journal", "Abbey Road Studios": a name that goes on
        start, end = w.start[i], w.end[k]
        key = fold_name(text[start:end])
        if key in gaz.index or words[i].lower() in TITLES:
            return None  # the gazetteer knows it ("Fifth Avenue" as a place of its own), or "Mr Drive"
        return Mention(start, end, text[start:end], key, s_idx, [], prev_words=_before(w, i),
                       next_word=words[k + 1].lower() if k + 1 < len(words) else "", street=True), k + 1
    return None


def _unknown_word_at(gaz: Gazetteer, text: str, w: _Words, i: int, s_idx: int) -> tuple[Mention, int] | None:
    """A word the gazetteer lacks that still names a place: a district's adjective ("the Glushkovsky district")
    or an inflected Ukrainian or Russian name ("під Бахмутом"); with the word index after it."""
    word = w.text[i]
    if word[-1] in "yiY" and i + 1 < len(w.text):
        district = _district_at(gaz, text, w, i, s_idx)
        if district is not None:
            return district, i + 2
    if "\u0400" <= word[0] <= "\u04ff" and _CYRILLIC_WORD.match(word):
        inflected = _inflected_at(gaz, w, i, s_idx)
        if inflected is not None:
            return inflected, i + len(inflected.surface.split())  # "Часового Яру" is two tokens
    return None


_DISTRICT_NOUNS = frozenset({"district", "raion", "rayon"})
_DISTRICT_SUFFIX = re.compile(r"(?:sk(?:y|iy|yi|ii|i)|sk(?:aya|a))$")
# The town a district's adjective is made from: "Glushkov-sky" (Glushkovo), "Shebekin-sky" (Shebekino),
# "Ryl-sky" (Rylsk), "Sudzhan-sky" (Sudzha), "Grayvoron-sky" (Grayvoron): endings put back, in that order.
_TOWN_ENDINGS = ("", "o", "a", "e", "i", "sk", "y")


def _district_at(gaz: Gazetteer, text: str, w: _Words, i: int, s_idx: int) -> Mention | None:
    """ "the Glushkovsky district", "Belovsky raion": a district named by the adjective of its main town, where
    no table of ours lists the district (Ukraine's pre-2020 raions are in data/ua_raions.csv; Russia's are
    not): one mention of both words, placed at the town the adjective is made from, found by rule."""
    word, noun = w.text[i], w.text[i + 1]
    if noun.lower() not in _DISTRICT_NOUNS or not _gap_ok(text, w, i, i + 1) or not w.capitalised[i]:
        return None
    m = _DISTRICT_SUFFIX.search(word)
    stem = word[:m.start()] if m else ""
    if len(stem) < 3:
        return None
    # every town the adjective may be made from ("Morozovsky": a Morozov and Morozovsk): the resolver chooses by the
    # story's other places, as for any namesakes
    towns = list(dict.fromkeys((idx, True) for base in (stem, stem[:-1] if stem.endswith("n") else "") if base
                               for ending in _TOWN_ENDINGS for idx, _ in gaz.lookup(base + ending)
                               if gaz.kinds[idx] == "settlement"))
    if not towns:
        return None
    start, end = w.start[i], w.end[i + 1]
    return Mention(start, end, text[start:end], fold_name(text[start:end]), s_idx, towns,
                   prev_words=_before(w, i), next_word=noun.lower())


# A people's word made from its place's name: "Iowans", "Ontarian", "Londoners", "Crimeans", "Floridians"
# (suffix cut, ending put back); tried longest suffix first, only for words no table lists.
_DEMONYM_ENDINGS = (("ians", "a"), ("ians", ""), ("ans", "o"), ("ans", "as"), ("ans", "a"), ("ans", ""), ("ers", ""),
                    ("ites", ""), ("ian", "a"), ("ian", ""), ("an", "o"), ("ns", ""), ("er", ""), ("n", ""))
_DEMONYM_CUTS = tuple({cut for cut, _ in _DEMONYM_ENDINGS})  # one C call rules out most words: no ending fits
_DEMONYM_FROM = ("country", "region")
_DEMONYM_TOWN_POP = 100_000  # a city's people have a word ("Londoners"); a village's name + "er" is a surname


def _derived_demonym(gaz: Gazetteer, key: str) -> int | None:
    """The place a people's word (folded) not in the tables derives from, if it names a big one."""
    if len(key) < 5 or not key.endswith(_DEMONYM_CUTS) or key in gaz.common_words or key in gaz.first_names:
        return None
    for cut, put in _DEMONYM_ENDINGS:
        if not key.endswith(cut):
            continue
        stem = key[: -len(cut)] + put
        codes = gaz.index.get(stem)  # folded already: no lookup() (this runs for every unknown capitalised word)
        if not codes or stem in gaz.common_words:
            continue
        big = [(_DEMONYM_FROM.index(gaz.kinds[idx]) if gaz.kinds[idx] in _DEMONYM_FROM else 2, -gaz.pops[idx], idx)
               for idx in (code >> 1 for code in codes if code & 1) if fold_name(gaz.names[idx]) == stem and (
                   gaz.kinds[idx] in _DEMONYM_FROM or (gaz.kinds[idx] == "settlement" and gaz.pops[idx] >= _DEMONYM_TOWN_POP))]
        # (the place's own name: "Islanders" is not Iceland, whose Icelandic name is "Ísland")
        if big:  # a country, else a region (Ontario the province), else the biggest city (London, England)
            return min(big)[2]
    return None


def _demonym_at(gaz: Gazetteer, w: _Words, i: int, s_idx: int, text: str) -> Mention | None:
    """A people's word at word i: two words first ("South Korean", "North Americans": South Korea and North
    America, not Korea and the United States), then one ("Ukrainian")."""
    words, starts, ends, capitalised = w.text, w.start, w.end, w.capitalised
    if not capitalised[i]:
        return None
    for k in (i + 1, i) if words[i].lower() in gaz.demonym_firsts else (i,):  # the demonym's last word
        if k >= len(words) or not capitalised[k] or (k > i and text[ends[i]:starts[k]] != " "):
            continue
        surface = text[starts[i]:ends[k]]
        key = fold_name(surface)
        idx = gaz.demonyms.get(key)
        if idx is None and (k > i or i == 0 or not capitalised[i - 1] or text[ends[i - 1]:starts[i]] != " "):
            idx = _derived_demonym(gaz, key)  # "New Yorkers" whole; never "Yorker" out of "The New Yorker"
        if idx is not None:
            return Mention(starts[i], ends[k], surface, key, s_idx, [(idx, True)], prev_words=_before(w, i),
                           next_word=words[k + 1].lower() if k + 1 < len(words) else "", demonym=True)
    return None


def _demonym_pair(gaz: Gazetteer, w: _Words, i: int, j: int, s_idx: int, text: str) -> tuple[Mention, int] | None:
    """ "South Korean", "North Americans", "New Zealander" at word i, unless a longer place name starts there
    ("South Korea" is matched as the country, ``j`` past it)."""
    if j > i + 1 or w.text[i].lower() not in gaz.demonym_firsts:
        return None
    pair = _demonym_at(gaz, w, i, s_idx, text)
    return (pair, i + 2) if pair is not None and pair.end > w.end[i] else None


def _feature_end(w: _Words, i: int, j: int, lo: int, hi: int, *, person: bool) -> int:
    """The word after a feature named after the place at words i..j-1: the place opening a capitalised
    run that ends in a feature's word ("Nile Delta", "Washington Township", "Kherson Airport"), or after a
    compass word ("South Kilburn Estate"); else ``j``, the place's own."""
    opens = lo == i or all(t in COMPASS_WORDS for t in w.text[lo:i])
    return hi if not person and opens and hi > j and w.text[hi - 1] in FEATURE_HEADS else j


_TOWN_OR_REGION_AFTER = frozenset({"city", "town", "region", "regional", "oblast", "council", "mayor", "authorities",
                                   "administration", "governor", "residents", "district", "airport", "station"})


_NOT_ADJECTIVES = frozenset({"of", "in", "at", "on", "near", "from", "to", "and", "or", "by", "for"})


def _definite(text: str, w: _Words, i: int) -> bool:
    """ "the Atlantic", "the eastern tropical Atlantic", "The Atlantic hurricane season" opening a sentence: the
    article right before the name or before up to two lowercase words before it. Not "by The Atlantic" (a
    title mid-sentence)."""
    words = w.text
    for k in range(i - 1, max(-1, i - 4), -1):
        if text[w.end[k]:w.start[k + 1]] != " ":
            return False
        if words[k] == "the" or (words[k] == "The" and k == 0):
            return True
        if w.capitalised[k] or words[k] in _NOT_ADJECTIVES:
            return False  # "the cities of Dnipro": the article is another noun's
    return False


def _definite_feature(text: str, w: _Words, i: int, j: int) -> bool:
    """A feature's name (words ``i`` to ``j``) after "the": "the Atlantic"; not "the Dnipro city council"."""
    return _definite(text, w, i) and not (j < len(w.text) and w.text[j].lower() in _TOWN_OR_REGION_AFTER)


def _name_facts(gaz: Gazetteer, key: str) -> tuple[list[tuple[int, bool]], bool, bool]:
    """A folded name's candidates, whether one is a country or a region, and whether one is a feature (a sea, a
    river: "other"); asked once per name and document."""
    candidates = gaz.lookup(key)
    kinds = {gaz.kinds[c] for c, _ in candidates}
    return candidates, "country" in kinds or "region" in kinds, "other" in kinds


def _named_otherwise(text: str, w: _Words, lo: int, hi: int, key: str) -> bool:
    """ "The State Duma", "Hamas", "United Russia": not the town of that name; "the Kremlin said", "a White
    House aide": a government speaking, not a place.  A locative word before makes either a place again."""
    before = [t.lower() for t in w.text[max(0, lo - 2):lo] if t.lower() not in ("the", "a")]
    if key in NOT_PLACES or fold_name(text[w.start[lo]:w.end[hi - 1]]) in NOT_PLACES:
        return not (before and before[-1] in STRONG_CONTEXT)
    return key in INSTITUTIONS and not (before and before[-1] in _LITERAL_BEFORE)


def _sentence_mentions(gaz: Gazetteer, text: str, tokens: _Tokens, span: tuple[int, int], s_idx: int,
                       surnames: set[str], seen: dict[str, tuple[list[tuple[int, bool]], bool, bool]], *,
                       streets: bool = True) -> list[Mention]:
    """The sentence's mentions.  ``seen`` holds, per folded name, its :func:`_name_facts`, for this document only: an
    article repeats its names, so most are answered from it.  ``streets`` False: the document has no street's
    noun, so no sentence is looked at for one."""
    w = _words(tokens, text, *span, gaz)
    words, starts, ends, n = w.text, w.start, w.end, len(w.text)
    found: list[Mention] = []
    streets = streets and _STREET_NOUN.search(text, *span) is not None  # most sentences name no street: no look
    index, prefixes, demonym_firsts = gaz.index, gaz.prefixes, gaz.demonym_firsts
    i = 0
    for at in w.caps:
        if at < i:
            continue  # inside the name just found
        i = at
        word = words[i]
        head = fold_name(word)  # most capitalised words start no name: answered here, without the call
        j = _match_at(gaz, text, w, i, head) if head in index or head in prefixes or w.raw_end[i] > ends[i] else i
        named = (_street_at(gaz, text, w, i, s_idx) if streets else None) or (
            _demonym_pair(gaz, w, i, j, s_idx, text) if word.lower() in demonym_firsts else None)
        if named is not None:  # a street ("Royal Street"), or a two-word people's word ("South Koreans")
            found.append(named[0])
            i = named[1]
            continue
        unknown = _unknown_word_at(gaz, text, w, i, s_idx) if j == i and (
            word[-1] in "yiY" or "\u0400" <= word[0] <= "\u04ff") else None  # its two cases, asked here
        if unknown is not None:
            found.append(unknown[0])
            i = unknown[1]
            continue
        if (j == i or (j == i + 1 and text[max(0, starts[i] - 2):starts[i]] == ", ")) \
                and (text.startswith(".", ends[i]) or len(word) <= 2 or word[-1] == "."):
            # "Ind.", "W.Va.", "S.C."; after "Topeka, " even a word the gazetteer knows ("Kan.": not Ganzhou)
            dotted = _dotted_at(gaz, text, w, i, s_idx)
            if dotted is not None:
                found.append(dotted)
                i += len(dotted.key.split())
                continue
        start, end = starts[i], ends[j - 1] if j > i else ends[i]
        key = head if j == i + 1 else fold_name(text[start:end]) if j > i else ""
        opens = i == 0  # the sentence's first word (quotes and brackets are not tokens)
        if j == i or (j == i + 1 and key in gaz.demonyms) \
                or _skip_match(gaz, text[start:end], key, j - i == 1, text[end:end + 12], opens=opens) \
                or (start > 0 and text[start - 1] == "$"):  # "$US4.5 billion": a currency
            # "Canadian", "English": the people's word, not Canadian (Texas) or English (Indiana); a word that is
            # none, has no demonym's ending and opens no two-word one (most) is answered here, without the call
            demonym = _demonym_at(gaz, w, i, s_idx, text) if head in gaz.demonyms or head.endswith(_DEMONYM_CUTS) \
                or word.lower() in demonym_firsts else None
            if demonym is not None:
                found.append(demonym)
            i += len(demonym.key.split()) if demonym is not None else 1
            continue
        # the run of capitalised words around the name: most names stand alone, answered without the call
        lo, hi = _chunk_bounds(gaz, text, w, i, j) if (i and w.capitalised[i - 1]) or (j < n and w.capitalised[j]) \
            else (i, j)
        # ISW's "Kherson City", "Sumy City": the town, named so apart from its oblast; "City" is no part of the name
        city = hi == j + 1 and words[j] == "City" and fold_name(text[start:ends[j]]) not in gaz.index
        hi = j if city else hi
        if (key in _NOT_PLACE_WORDS or key in INSTITUTIONS) and _named_otherwise(text, w, lo, hi, key):
            i = max(j, hi)
            continue
        candidates, big, other = seen.get(key) or seen.setdefault(key, _name_facts(gaz, key))
        person = _is_person(gaz, w, lo, hi, i, big=big, j=j)
        if person and not _big_key(gaz, fold_name(words[hi - 1])):
            surnames.add(fold_name(words[hi - 1]))
        joined = j < n and w.joint[j] and w.capitalised[j] and text[end:end + 1] == "-" \
            and not gaz.lookup(words[j])  # "Diaz-Balart": part of a name that is no place
        prev = _before(w, i)
        if prev and (prev[-1] in _VESSELS or (prev[-1] == "the" and prev[-2:-1] and prev[-2] in _VESSELS)):
            i = max(j, hi)
            continue  # "the landing ship, the Novocherkassk", "the cruiser Moskva": a ship named for a town
        past = _feature_end(w, i, j, lo, hi, person=person) if hi > j else j  # "Nile Delta": the whole name, at the Nile
        feature = past > j  # a feature is where its place is: not a firm's name that only borrows the town's
        start, end = starts[lo if feature else i], ends[past - 1]
        found.append(Mention(
            start, end, text[start:end], key, s_idx, candidates,
            prev_words=prev,
            next_word=words[j].lower() if j < n else "",
            sentence_initial=opens,
            dateline=opens and _DATELINE_AFTER.match(text, end) is not None,
            village=(text.startswith(",", end) and _VILLAGE_AFTER.match(text, end) is not None)
            or prev[-2:] in _VILLAGE_OF,
            embedded=(lo < i or hi > j or joined) and not (person or feature),
            person=person or (j - i == 1 and key in surnames and not big),
            attributed=j == n and i > 0 and words[i - 1].lower() in SPEECH
            and _QUOTE_BEFORE.search(text, span[0], starts[i - 1]) is not None,
            possessive=text.startswith(("'s", "’s"), end),
            governed=i > 0 and prev[-1] in _NOT_BARE and not text[ends[i - 1]:start].strip(),
            definite=other and _definite_feature(text, w, i, j),
        ))
        i = max(j, hi) if person else past + city
    return found


def _mark_lists(mentions: list[Mention], text: str) -> None:
    """Places in a list ("Kyiv, Kharkiv and Odesa") lend each other context; a list that ends in
    "oblasts" or "regions" ("Sumy, Poltava and Kyiv oblasts") names regions, every one of them."""
    run: list[Mention] = []
    for a, b in zip(mentions, [*mentions[1:], None], strict=False):
        joined = b is not None and a.sentence_idx == b.sentence_idx \
            and text[a.end:b.start].strip() in {",", "and", ", and", "or", ", or", "/"}
        run.append(a)
        if joined and b is not None:
            a.in_list = b.in_list = True
            continue
        if len(run) > 1 and (a.next_word in PLURAL_REGION_NOUNS or _regions_before(run[0].prev_words)):
            for m in run:
                m.region_list = True
        run = []


def _regions_before(prev: tuple[str, ...]) -> bool:
    """ "over five regions overnight, including Oryol and Bryansk", "the regions of Sumy and Kharkiv": the list
    that follows names regions."""
    return (prev[-1:] == ("including",) and any(w in PLURAL_REGION_NOUNS for w in prev[:-1])) \
        or (prev[-1:] == ("of",) and prev[-2:-1] != () and prev[-2] in PLURAL_REGION_NOUNS)


def _road_mentions(gaz: Gazetteer, text: str, sentences: list[tuple[int, int]]) -> list[Mention]:
    found = []
    for m in _ROAD.finditer(text):
        ref = fold_name(m.group().translate(CYRILLIC_REF_TO_LATIN).upper())
        route = gaz.route_aliases.get(ref) or gaz.route_aliases.get(ref.replace(" ", ""))
        if route is None and re.fullmatch(r"[mh] ?\d{2}|t ?\d{4}", ref.replace(" ", "")) is None:
            continue
        found.append(Mention(m.start(), m.end(), m.group(), ref, sentence_of(sentences, m.start()),
                             route=route or ref.replace(" ", "").upper()))
    for start, end in _bare_road_numbers(text):
        number = text[start:end]
        route = gaz.route_aliases.get(number.lstrip("0").zfill(4)) or gaz.route_aliases.get(number)
        if route:
            found.append(Mention(start, end, number, number, sentence_of(sentences, start), route=route))
    return found


def _bare_road_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of numbers that name a road: after "route", "road" or "highway" (three or four digits, or
    five with a leading zero); after "the", four digits with a leading zero or three or four before
    "road", "route", "highway" or "supply"."""
    spans = []
    for m in _DIGITS.finditer(text):
        start, end = m.span()
        if end - start > 5 or (start and _word_char(text[start - 1])) or (end < len(text) and _word_char(text[end])):
            continue  # not a number of three to five digits standing alone
        k = start
        while k > 0 and text[k - 1].isspace():
            k -= 1
        word = _ROAD_WORD_BEFORE.search(text, max(0, k - 7), k) if k < start else None
        if word is None:
            continue
        digits = end - start
        if word.group().lower() != "the":
            ok = digits <= 4 or text[start] == "0"
        else:
            ok = (digits == 4 and text[start] == "0") or (digits <= 4 and _ROAD_WORD_AFTER.match(text, end) is not None)
        if ok:
            spans.append((start, end))
    return spans


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \\w matches in a regular expression


def _phrase_words(phrase: str) -> tuple[str, ...]:
    """A road phrase's words, lowercased (asked once per phrase: :func:`_road_phrases` is cached)."""
    return tuple(w for w in re.split(r"[-–‑ ]+", phrase.lower()) if w)


def _named_road_mentions(gaz: Gazetteer, text: str, sentences: list[tuple[int, int]]) -> list[Mention]:
    """Roads known by a name ("the Chasiv Yar road", "the road of life")."""
    if not gaz.route_phrases:
        return []
    rx, firsts, folded = _road_phrases(tuple(gaz.route_phrases.items()))
    return [Mention(m.start(), m.end(), m.group(), fold_name(m.group()), sentence_of(sentences, m.start()),
                    route=folded.get(fold_name(m.group())))
            for m in _phrase_matches(rx, text, text.lower(), firsts) if folded.get(fold_name(m.group()))]


@lru_cache(maxsize=8)
def _road_phrases(phrases: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], frozenset[str], Mapping[str, str]]:
    """The gazetteer's road names as one pattern, their first words (where a match may start) and their refs by
    folded name: the same for every document, made once (read only)."""
    alts = "|".join(re.escape(p).replace("\\-", "[-–‑ ]").replace("\\–", "[-–‑ ]") for p in
                    sorted((p for p, _ in phrases), key=len, reverse=True))
    rx = re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)
    return rx, frozenset(_phrase_words(p)[0] for p, _ in phrases), {fold_name(p): ref for p, ref in phrases}


def _phrase_matches(rx: re.Pattern[str], text: str, lowered: str, firsts: frozenset[str]) -> list[re.Match[str]]:
    """``rx.finditer(text)``, tried only where one of the phrases' first words stands (found by ``str.find``)
    rather than at every position: an alternation of phrases cannot skip ahead by itself."""
    if len(lowered) != len(text):  # a letter whose lowercase is two characters: positions differ
        return list(rx.finditer(text))
    starts = set()
    for word in firsts:
        k = lowered.find(word)
        while k >= 0:
            starts.add(k)
            k = lowered.find(word, k + 1)
    found, reach = [], 0
    for k in sorted(starts):
        m = rx.match(text, k) if k >= reach else None
        if m is not None:
            found.append(m)
            reach = m.end()
    return found


def sentence_of(sentences: list[tuple[int, int]], pos: int) -> int:
    """The index of the sentence (sorted spans) that holds ``pos``: a binary search, not a scan."""
    k = bisect.bisect_right(sentences, (pos, sys.maxsize)) - 1
    return min(max(k, 0), max(0, len(sentences) - 1))


def extract_mentions(text: str, gaz: Gazetteer) -> tuple[list[Mention], list[tuple[int, int]]]:
    """All candidate place and road mentions of ``text``, in order, plus its sentence spans."""
    sentences = split_sentences(text)
    surnames: set[str] = set()
    seen: dict[str, tuple[list[tuple[int, bool]], bool, bool]] = {}
    mentions: list[Mention] = []
    tokens = _tokens(text)
    streets = any(noun in text for noun in STREET_NOUNS)  # most articles name no street ("Road", "Square"...)
    for k, span in enumerate(sentences):
        mentions.extend(_sentence_mentions(gaz, text, tokens, span, k, surnames, seen, streets=streets))
    # A surname learnt late ("Mr Reznikov") also clears earlier bare uses.
    for m in mentions:
        if m.key in surnames and len(m.key.split()) == 1 and not m.demonym:
            m.person = True
    _mark_lists(mentions, text)
    roads = _road_mentions(gaz, text, sentences) + _named_road_mentions(gaz, text, sentences)
    covered = _Covered([(r.start, r.end) for r in roads])
    mentions = covered.outside(mentions)
    roads = [r for r in roads if not covered.holds(r.start, strictly=True)]  # "506" inside a road's name
    return sorted(mentions + roads, key=lambda m: m.start), sentences


class _Covered:
    """Is a position inside one of these spans?  A binary search, so a long text stays linear."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the furthest end of any span starting at or before each start
        for _, b in spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def outside(self, mentions: list[Mention]) -> list[Mention]:
        """The mentions that start in none of the spans (``holds`` asked of each, without a call per mention)."""
        starts, reach = self.starts, self.reach
        if not starts:
            return mentions
        return [m for m in mentions if (k := bisect.bisect_right(starts, m.start) - 1) < 0 or m.start >= reach[k]]

    def holds(self, pos: int, *, strictly: bool = False) -> bool:
        k = (bisect.bisect_left if strictly else bisect.bisect_right)(self.starts, pos) - 1
        return k >= 0 and pos < self.reach[k]
