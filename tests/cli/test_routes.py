"""`frontline routes` on real files: hand-made control layers, and the real 2023 DeepState layers."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from helpers import ROOT, SHARED, needs_shared

DEEPSTATE = SHARED / "data" / "deepstate"
ROADS = SHARED / "data" / "roads" / "donetsk_M03_H20_datagovua2017.geojson"


def run(*args):
    return subprocess.run([sys.executable, "-m", "frontline_map", "routes", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def square_file(path, lon, lat, d, **props):
    ring = [[lon, lat, 0], [lon + d, lat, 0], [lon + d, lat + d, 0], [lon, lat + d, 0], [lon, lat, 0]]
    stray = {"type": "Feature", "properties": {"fill": "#ff5252"},
             "geometry": {"type": "Polygon", "coordinates": [[[140, 60], [141, 60], [141, 61], [140, 60]]]}}
    point = {"type": "Feature", "properties": {"fill": "#a52714"}, "geometry": {"type": "Point", "coordinates": [38, 48.6]}}
    feats = [{"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}, stray, point]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))


def test_routes_csv_from_dated_files(tmp_path):
    # a box over Bakhmut on the first date, nothing near on the second
    square_file(tmp_path / "occupied_2023-02-01.geojson", 37.95, 48.55, 0.1, fill="#a52714")
    square_file(tmp_path / "occupied_20230301.geojson", 30.0, 46.0, 0.1, fill="#a52714")
    out = run("--control", str(tmp_path), "--preset", "deepstate")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == ["route", "date", "km_cut", "km_threatened", "km_clear"]
    h32 = {r["date"]: r for r in rows if r["route"] == "H32"}
    assert float(h32["2023-02-01"]["km_cut"]) > 0 and float(h32["2023-03-01"]["km_cut"]) == 0
    assert float(h32["2023-03-01"]["km_threatened"]) == 0
    one = run("--control", str(tmp_path), "--preset", "deepstate", "--from", "2023-02-15", "--format", "jsonl")
    assert {json.loads(line)["date"] for line in one.stdout.splitlines()} == {"2023-03-01"}


def test_routes_bad_input(tmp_path):
    assert run("--control", str(tmp_path / "nope")).returncode == 2
    (tmp_path / "undated.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    out = run("--control", str(tmp_path / "undated.geojson"))
    assert out.returncode == 2 and "has no date" in out.stderr and "Traceback" not in out.stderr
    out = run("--control", str(tmp_path), "--bbox", "1,2,3")
    assert out.returncode == 2 and "MINLON" in out.stderr


def test_a_deepstate_export_is_recognised_without_flags(tmp_path):
    # a raw export (KML style columns, DeepState's fills): its far-off "#ff5252" layer is not enemy-held
    square_file(tmp_path / "deepstate_2023-02-01.geojson", 37.95, 48.55, 0.1, fill="#a52714", styleUrl="#poly")
    raw = json.loads((tmp_path / "deepstate_2023-02-01.geojson").read_text())
    for f in raw["features"]:
        f["properties"].setdefault("styleUrl", "#poly")
    grey = {"type": "Feature", "properties": {"fill": "#bcaaa4", "styleUrl": "#grey"},
            "geometry": {"type": "Polygon", "coordinates": [[[37.0, 48.0], [38.5, 48.0], [38.5, 49.0], [37.0, 48.0]]]}}
    raw["features"].append(grey)
    (tmp_path / "deepstate_2023-02-01.geojson").write_text(json.dumps(raw))
    square_file(tmp_path / "mine_2023-03-01.geojson", 37.95, 48.55, 0.1, fill="#123456")  # no styleUrl: whole
    out = run("--control", str(tmp_path), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    assert "deepstate_2023-02-01.geojson: DeepStateMap export: its occupied areas only" in out.stderr
    assert "kept 1 of 3 polygon features" in out.stderr
    assert "mine_2023-03-01.geojson: every polygon; kept 2 of 2" in out.stderr
    h32 = {r["date"]: r for r in map(json.loads, out.stdout.splitlines()) if r["route"] == "H32"}
    assert h32["2023-02-01"]["km_cut"] < 20  # the grey zone was not counted as held


@needs_shared(DEEPSTATE)
@pytest.mark.slow
@pytest.mark.parametrize("flags", [["--preset", "deepstate"], []], ids=["preset", "recognised"])
def test_surveyed_m03_against_real_deepstate_layers(flags):
    # the km of the surveyed M03 inside the occupied area, as tabulated in ../shared/data/README.md
    expected = {"2023-01-01": 0.0, "2023-01-15": 1.3, "2023-02-01": 1.7, "2023-02-10": 4.5, "2023-02-20": 10.5,
                "2023-03-01": 10.6, "2023-03-15": 13.1, "2023-04-01": 13.3, "2023-05-01": 13.4,
                "2023-05-21": 14.0, "2023-06-01": 14.0}
    out = run("--control", str(DEEPSTATE), *flags, "--routes", str(ROADS), "--from", "2023-01-01",
              "--to", "2023-06-30", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    if not flags:
        assert out.stderr.count("DeepStateMap export: its occupied areas only") == 11
    m03 = {r["date"]: r for r in map(json.loads, out.stdout.splitlines()) if r["route"] == "M03"}
    assert {d: round(r["km_cut"], 1) for d, r in m03.items()} == expected
