"""tools/build_ua_raions.py on a small postal file of our own: the rules that make data/ua_raions.csv."""
from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys

import pytest
from helpers import ROOT

from frontline_map.geo.io.documents import Document
from frontline_map.geo.text.parse import parse_document

pytest.importorskip("translitua", reason="translitua is not installed (pip install -e '.[test]')")


def row(code, name, raion, lat, lon, accuracy="4", admin1=("Donetska", "05")):
    return "\t".join(("UA", code, name, *admin1, raion, "", "", "", lat, lon, accuracy)) + "\n"


POSTAL = "".join([
    *(row(f"8450{k}", "Бахмут", "Bahmutskiy", "48.5987", "37.9987") for k in range(6)),  # a town: many codes
    row("84570", "Богданівка", "Bahmutskiy", "48.62", "37.90"),
    row("84571", "Нагірна", "Bahmutskiy", "48.70", "38.10"),
    row("84572", "Кліщіївка", "Bahmutskiy", "48.40", "37.60", accuracy="1"),  # an estimate: not a point
    row("85300", "Покровськ", "Pokrovsk", "48.28", "37.18"),  # a city council, no raion
    row("85310", "Гродівка", "Pokrovskiy", "48.36", "37.36"),
    row("85311", "Новоекономічне", "Pokrovskiy", "48.39", "37.25"),
    row("85312", "Шевченко", "Pokrovskiy", "48.20", "37.08"),
])


def test_raions_are_adjectives_placed_at_their_settlements_median_and_named_for_their_centre(tmp_path):
    postal = tmp_path / "UA.txt"
    postal.write_text(POSTAL, encoding="utf-8")
    out = tmp_path / "raions.csv"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "build_ua_raions.py"), str(postal), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    rows = {r["name"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(rows) == {"Bakhmut Raion", "Pokrovsk Raion"}  # "Pokrovsk" alone is a city council
    bakhmut = rows["Bakhmut Raion"]
    assert (bakhmut["lat"], bakhmut["lon"]) == ("48.6200", "37.9987")  # one point per settlement, not per code
    aliases = bakhmut["aliases"].split("|")
    assert {"Bakhmutsky district", "Bakhmutskyi raion", "Bahmutskiy district", "Bakhmut district"} <= set(aliases)


def test_a_district_named_for_a_town_is_the_district_not_the_town(gaz):
    parsed = parse_document(Document("d", "Shelling hit villages in the Bakhmutsky district of Donetsk Oblast.",
                                     dt.date(2023, 3, 1)), gaz)
    (row,) = [r for r in parsed.mentions if r["surface"] == "Bakhmutsky district"]
    assert (row["name"], row["kind"]) == ("Bakhmut Raion", "region")
