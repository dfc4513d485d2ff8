"""A newsroom's own places: GeoNames dumps and CSVs, checked, stored, and used by search and resolution."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from frontline_map.geo.errors import InputError
from frontline_map.geo.gazetteer import additions, load_gazetteer
from frontline_map.geo.io.documents import Document
from frontline_map.geo.text.parse import parse_document


def geonames_line(gid, name, alternates, lat, lon, fclass, fcode, admin1="05", pop="0"):
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, "UA", "", admin1, "", "", "",
            pop, "", "150", "Europe/Kyiv", "2024-01-01"]
    return "\t".join(cols)


DUMP = "\n".join([
    geonames_line(9000001, "Berdychi", "Бердичі,Berdichi", 48.1930, 37.6380, "P", "PPL"),
    geonames_line(9000002, "Yampolivka", "Ямполівка,Yampolovka", 48.9550, 37.9810, "P", "PPL"),
    geonames_line(9000003, "Mokri Yaly", "Мокрі Яли", 47.80, 36.90, "H", "STM"),  # a river: not mapped here
    geonames_line(9000004, "Pokrovskyi Raion", "Покровський район", 48.30, 37.10, "A", "ADM2"),
]) + "\n"


def test_a_geonames_dump_keeps_places_and_divisions_and_counts_the_rest(tmp_path):
    src = tmp_path / "UA.txt"
    src.write_text(DUMP, encoding="utf-8")
    rows, skipped = additions.read_places(src)
    assert [(r["name"], r["kind"]) for r in rows] == [("Berdychi", "settlement"), ("Yampolivka", "settlement"),
                                                      ("Pokrovskyi Raion", "region")]
    assert skipped == 1 and rows[0]["aliases"] == "Бердичі|Berdichi" and rows[0]["geonameid"] == "9000001"


@pytest.mark.parametrize(("text", "message"), [
    ("name,lat\nX,1\n", "header lacks lon, country"),
    ("name,lat,lon,country\nX,91,3,UA\n", "line 2: latitude '91' is outside"),
    ("name,lat,lon,country,kind\nX,48,37,UA,village\n", "kind 'village' is not one of"),
    ("1\tX\tX\t\t48\n", "5 tab-separated columns"),
])
def test_a_file_that_cannot_be_used_is_refused_in_one_line_with_its_line_number(tmp_path, text, message):
    src = tmp_path / "ours.csv"
    src.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        additions.read_places(src)


def test_added_places_join_search_and_resolution_and_say_where_they_came_from(tmp_path, monkeypatch):
    src = tmp_path / "UA.txt"
    src.write_text(DUMP, encoding="utf-8")
    env = {"FRONTLINE_DATA": str(tmp_path / "data"), "FRONTLINE_CACHE": str(tmp_path / "cache")}
    monkeypatch.setenv("FRONTLINE_DATA", env["FRONTLINE_DATA"])
    monkeypatch.setenv("FRONTLINE_CACHE", env["FRONTLINE_CACHE"])
    cli = [sys.executable, "-m", "frontline_map", "gazetteer"]
    added = subprocess.run([*cli, "add", str(src)], capture_output=True, text=True, timeout=300)
    assert added.returncode == 0, added.stderr
    assert "added 3 places from UA.txt (1 rows skipped" in added.stdout
    found = subprocess.run([*cli, "search", "Бердичі"], capture_output=True, text=True, timeout=120)
    assert "Berdychi\tsettlement\tUA\tDonetsk Oblast\t48.19300" in found.stdout and "added: UA.txt" in found.stdout
    gaz = load_gazetteer()  # the same environment: the added file is part of the index every parse uses
    parsed = parse_document(Document("d", "Ukrainian troops pulled back west of Berdychi on Sunday.",
                                     dt.date(2024, 4, 28)), gaz)
    (row,) = [r for r in parsed.mentions if r["name"] == "Berdychi"]
    assert (round(row["lat"], 3), round(row["lon"], 3)) == (48.193, 37.638)
    assert [e.type for e in parsed.events] == ["withdrawal"]
    bad = subprocess.run([*cli, "add", str(tmp_path / "missing.csv")], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "no such file" in bad.stderr
