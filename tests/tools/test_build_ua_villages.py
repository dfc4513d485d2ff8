"""tools/build_ua_villages.py on a small postal file of our own: the rules that make data/ua_villages.csv."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from helpers import ROOT

pytest.importorskip("translitua", reason="translitua is not installed (pip install -e '.[test]')")

ROWS = [  # country, postal code, name, admin1, admin1 code, raion, ..., lat, lon, accuracy
    ("UA", "84570", "Богданівка", "Donetska", "05", "Bahmutskiy", "", "", "", "48.6184", "37.8981", "4"),
    ("UA", "84571", "Богданівка", "Donetska", "05", "Bahmutskiy", "", "", "", "48.6190", "37.8990", "4"),
    ("UA", "84572", "Нагірна (Нагірнянська сільська рада)", "Donetska", "05", "Bahmutskiy", "", "", "", "48.70",
     "37.90", "4"),
    ("UA", "84573", "Кліщіївка", "Donetska", "05", "Bahmutskiy", "", "", "", "48.40", "37.60", "1"),
    ("UA", "84500", "Бахмут", "Donetska", "05", "Bahmutskiy", "", "", "", "48.5987", "37.9987", "4"),
]


def test_accuracy_4_only_councils_dropped_codes_merged_and_cities500_left_out(tmp_path):
    postal = tmp_path / "UA.txt"
    postal.write_text("".join("\t".join(r) + "\n" for r in ROWS), encoding="utf-8")
    out = tmp_path / "villages.csv"
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "build_ua_villages.py"), str(postal), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    rows = {r["name"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert set(rows) == {"Bohdanivka", "Nahirna"}  # Klishchiivka's point is an estimate; Bakhmut is in cities500
    assert rows["Bohdanivka"]["aliases"].split("|") == ["Богданівка", "Bogdanovka"]  # Cyrillic, Russian-style
    assert abs(float(rows["Bohdanivka"]["lat"]) - 48.6187) < 1e-3  # two postal codes, one village
    assert rows["Nahirna"]["admin1code"] == "05" and rows["Bohdanivka"]["raion"] == "Bahmutskiy"
