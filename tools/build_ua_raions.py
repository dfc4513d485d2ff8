"""Derive data/ua_raions.csv: Ukraine's pre-2020 raions (districts), with a point and the spellings news uses.

    python tools/build_ua_raions.py ../shared/data/gazetteer/geonames_postal_UA.txt

Source: the GeoNames postal-code export for Ukraine (geonames.org, CC BY 4.0; see ../shared/data/gazetteer),
whose sixth column names each postal code's raion ("Bahmutskiy", "Lymanskyi", "Pokrovskiy"). Rules:

1. a raion is an admin2 value written as an adjective (-skyi, -skiy, -sky…); city councils ("Avdiivka",
   "Mariupol") are not raions and are left out;
2. its point is the median of its settlements' accuracy-4 points (the points tools/build_ua_villages.py
   trusts; one per settlement, so a town's many postal codes do not pull it), near the raion's settled middle;
3. its centre is the settlement of the raion whose name the adjective is made from (compared loosely:
   kh/h, y/i), the one with the most postal codes when several match ("Bahmutskiy" -> Bakhmut);
4. its name is "<centre> Raion" (as English reference works write it); its spellings: "<centre> district",
   "<centre> raion" and the adjective forms the press uses, "Bakhmutskyi raion", "Bakhmutsky district",
   "Bakhmutskiy district".

Needs ``translitua`` (build-time only). The 2020 reform merged raions into larger ones mostly named for the
same centres; those are not in this source.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "ua_raions.csv"
_ADJECTIVE = re.compile(r"^(?P<stem>[A-Za-z'-]+?)(?:s|ts|c|z)?k(?:yi|iy|ii|yy|y|i)$")


def loose(word: str) -> str:
    """A key that forgives the postal list's romanisation: kh/h, y/i, doubled letters, apostrophes."""
    w = re.sub(r"[^a-z]", "", word.lower()).replace("kh", "h").replace("y", "i").replace("j", "i")
    return re.sub(r"(.)\1", r"\1", w)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def centre_of(stem: str, towns: Counter[str]) -> str | None:
    """The raion's centre: the town whose loose key starts like the adjective's stem (at most two letters
    off, at least four alike), most postal codes first."""
    key = loose(stem)
    scored = []
    for town, codes in towns.items():
        alike = _common_prefix(key, loose(town))
        if alike >= max(4, len(key) - 2):
            scored.append((alike, codes, town))
    return max(scored)[2] if scored else None


def adjective(centre: str) -> str:
    """The KMU adjective of a centre's name, by rule: Bakhmut -> Bakhmutskyi, Pokrovsk -> Pokrovskyi,
    Marinka -> Marinskyi, Yasynuvata -> Yasynuvatskyi."""
    word = centre.split()[-1]
    word = word[:-1] if word[-1] in "aeoy" else word
    if word.endswith("sk"):
        return word + "yi"  # Pokrovsk, Pokrovske -> Pokrovskyi
    if word.endswith("k"):
        return word[:-1] + "skyi"  # Marinka -> Marinskyi
    return word + "skyi"


def spellings(centre: str | None, raw: str) -> list[str]:
    stems = {raw}
    if centre:
        stems.add(adjective(centre))
    forms = []
    for adj in sorted(stems):
        base = re.sub(r"(?:yi|iy|ii|yy|y|i)$", "", adj)  # "Bakhmutsk"
        for ending in ("yi", "y", "iy"):
            forms += [f"{base}{ending} raion", f"{base}{ending} district"]  # the index folds case
    if centre:
        forms += [f"{centre} district", f"{centre} raion"]
    return list(dict.fromkeys(forms))


def main() -> int:
    from build_ua_villages import write_table  # the sibling tool's writer (tools/ is this script's folder)
    from translitua import UkrainianKMU, translit

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("postal", type=Path)
    ap.add_argument("--out", type=Path, default=OUT, help="default: data/ua_raions.csv")
    args = ap.parse_args()
    points: dict[tuple[str, str], dict[str, tuple[float, float]]] = defaultdict(dict)  # one point per settlement
    towns: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    oblast_towns: dict[str, Counter[str]] = defaultdict(Counter)  # a raion's centre may be a city of its own
    for line in args.postal.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 12:
            continue
        town = translit(re.sub(r"\s*\(.*?\)\s*", "", cols[2]).strip(), UkrainianKMU)
        oblast_towns[cols[4]][town] += 1
        if not _ADJECTIVE.match(cols[5].strip()):
            continue
        key = (cols[4], cols[5].strip())
        towns[key][town] += 1
        if cols[11].strip() == "4":
            points[key].setdefault(town, (float(cols[9]), float(cols[10])))
    rows, unplaced = [], 0
    for (admin1, raw), per_town in sorted(points.items()):
        pts = list(per_town.values())
        if len(pts) < 3:
            unplaced += 1  # too few placed settlements to place a district
            continue
        m = _ADJECTIVE.match(raw)
        stem = m.group("stem") if m else raw
        centre = centre_of(stem, towns[(admin1, raw)]) or centre_of(stem, oblast_towns[admin1])
        name = f"{centre} Raion" if centre else f"{raw} Raion"
        aliases = [s for s in spellings(centre, raw) if s != name]
        rows.append({"name": name, "aliases": "|".join(aliases), "country": "UA", "admin1code": admin1,
                     "lat": f"{statistics.median(p[0] for p in pts):.4f}",
                     "lon": f"{statistics.median(p[1] for p in pts):.4f}",
                     "note": f"pre-2020 raion '{raw}'; centre {centre or 'unknown'}; {len(pts)} settlements placed"})
    write_table(args.out, rows)
    print(f"wrote {len(rows):,} raions to {args.out} ({sum(r['note'].count('centre unknown') for r in rows)} "
          f"without a centre found, {unplaced} with under 3 placed settlements left out)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
