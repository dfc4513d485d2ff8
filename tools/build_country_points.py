"""Derive data/country_points.csv: one representative point per country, GeoNames' own.

    python tools/build_country_points.py COUNTRIES_CSV

COUNTRIES_CSV is ``countries-cities-currencies/countries.csv`` of github.com/gvenzl/sample-data
(CC BY 4.0, Gerald Venzl), whose LATITUDE/LONGITUDE are the points of GeoNames' country features
(geonames.org, CC BY 4.0: Canada 60.10867,-113.64258; India 22,79; Japan at Tokyo, 35.68536,139.75309).
countryinfo, which the gazetteer reads otherwise, rounds its points to whole degrees and differs from
GeoNames by up to 1,000 km (Canada), so a reader and a scorer that both use GeoNames disagree with it.

The gazetteer prefers these points to countryinfo's; a country missing here keeps countryinfo's.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "country_points.csv"
NOTE = "GeoNames country point (via gvenzl/sample-data)"


def main() -> int:
    sys.path.insert(0, str(ROOT / "tools"))
    from build_ua_villages import source_and_out, write_table

    given = source_and_out(__doc__ or "", "countries", OUT)
    if given is None:
        return 2
    source, out = given
    with source.open(encoding="utf-8", newline="") as fh:
        rows = [{"iso2": r["COUNTRY_CODE"], "lat": f"{float(r['LATITUDE']):.5f}".rstrip("0").rstrip("."),
                 "lon": f"{float(r['LONGITUDE']):.5f}".rstrip("0").rstrip("."), "note": NOTE}
                for r in csv.DictReader(fh) if r.get("LATITUDE") and r.get("LONGITUDE")]
    rows.sort(key=lambda r: r["iso2"])
    write_table(out, rows)
    print(f"wrote {len(rows)} country points to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
