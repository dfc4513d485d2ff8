"""The `frontline` command as a user runs it: real files, real processes."""
from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pytest
from helpers import FIXTURES, ROOT

CONTRACT = ["doc", "start", "end", "surface", "name", "kind", "lat", "lon", "geonameid", "country", "confidence"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontline_map", *args], input=stdin, capture_output=True,
                          timeout=120, cwd=ROOT)


def test_help_reads_like_a_unix_tool():
    out = run("--help")
    assert out.returncode == 0 and b"parse" in out.stdout and b"examples:" in out.stdout
    out = run("parse", "--help")
    assert out.returncode == 0
    for flag in (b"--date", b"--format", b"--online", b"-o", b"exit status"):
        assert flag in out.stdout


def test_jsonl_contract(gaz):
    out = run("parse", str(FIXTURES / "kostiantynivka.txt"), "--date", "2024-05-01")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert rows and all(list(r)[: len(CONTRACT)] == CONTRACT for r in rows)
    text = (FIXTURES / "kostiantynivka.txt").read_text("utf-8")
    assert all(text[r["start"]:r["end"]] == r["surface"] for r in rows)
    assert {r["doc"] for r in rows} == {"kostiantynivka"} and rows[0]["date"] == "2024-05-01"


def test_stdin_and_bom():
    out = run("parse", "-", stdin="\ufeffShelling hit Kharkiv.".encode())
    row = json.loads(out.stdout.decode().splitlines()[0])
    assert row["doc"] == "stdin" and row["start"] == 13 and row["surface"] == "Kharkiv"


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_file_formats_read_back(tmp_path, fmt):
    target = tmp_path / f"places.{fmt}"
    out = run("parse", str(FIXTURES / "avdiivka.txt"), "--format", fmt, "-o", str(target))
    assert out.returncode == 0, out.stderr
    if fmt == "csv":
        import pandas as pd
        df = pd.read_csv(target)
    else:
        df = gpd.read_file(target)
        assert df.crs.to_epsg() == 4326
    assert "Avdiivka" in set(df["name"]) and len(df) > 5
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_bad_inputs_one_line_each_and_others_still_parse(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "cp1251.txt"
    latin.write_bytes("Бахмут".encode("cp1251"))
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    good = FIXTURES / "kostiantynivka.txt"
    out = run("parse", str(empty), str(binary), str(latin), str(big), str(tmp_path),
              str(tmp_path / "missing.txt"), str(good))
    assert out.returncode == 1
    err = out.stderr.decode().strip().splitlines()
    assert len(err) == 6 and all(line.startswith("frontline: error: ") for line in err)
    assert "Traceback" not in out.stderr.decode()
    for word in ("empty", "binary", "not UTF-8", "MB limit", "directory", "no such file"):
        assert any(word in line for line in err), word
    assert b'"doc": "kostiantynivka"' in out.stdout


@pytest.mark.parametrize("args,fragment", [
    (["--date", "2023-13-45"], "not a date"),
    (["--format", "gpkg"], "needs an output file"),
    (["-o", "/nonexistent/dir/out.jsonl"], "does not exist"),
])
def test_bad_arguments(args, fragment):
    out = run("parse", str(FIXTURES / "kostiantynivka.txt"), *args)
    assert out.returncode == 2 and fragment in out.stderr.decode()
    assert "Traceback" not in out.stderr.decode()


def test_gazetteer_search():
    out = run("gazetteer", "search", "Artemivsk")
    assert out.returncode == 0 and b"Bakhmut" in out.stdout
    assert run("gazetteer", "search", "Nowhereville Xyz").returncode == 1


def test_html_input_uses_article_text_and_metadata_date(tmp_path):
    page = tmp_path / "story.html"
    page.write_text("<html><head><meta property='article:published_time' content='2023-05-21T10:00:00Z'>"
                    "<title>t</title></head><body><article><h1>Bakhmut</h1><p>"
                    + "Russian forces shelled Chasiv Yar and Kostiantynivka overnight, officials said. " * 5
                    + "</p></article></body></html>", encoding="utf-8")
    out = run("parse", str(page))
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert {"Chasiv Yar", "Kostiantynivka"} <= {r["name"] for r in rows}
    assert rows[0]["date"] == "2023-05-21"
    body = "Russian forces shelled Chasiv Yar and Kostiantynivka overnight, officials said."
    first = next(r for r in rows if r["name"] == "Chasiv Yar")
    assert first["sentence"].endswith(body) and first["start"] > 0 and "<" not in first["sentence"]


def test_demonyms_on_request():
    plain = run("parse", "-", stdin=b"Russian forces shelled Kharkiv.")
    assert [json.loads(line)["name"] for line in plain.stdout.decode().splitlines()] == ["Kharkiv"]
    more = run("parse", "-", "--demonyms", stdin=b"Russian forces shelled Kharkiv.")
    assert [json.loads(line)["name"] for line in more.stdout.decode().splitlines()] == ["Russia", "Kharkiv"]


def test_export_center_and_zoom_frame_the_same_view_as_its_box(tmp_path):
    from frontline_map.layers.scene import view_box

    demo = sorted(str(p) for p in (ROOT / "data" / "demo").glob("*.txt"))
    box = ",".join(str(v) for v in view_box(48.59, 38.0, 10, (800, 500)))
    by_view = run("export", *demo, "--out", str(tmp_path / "a.png"), "--engine", "static", "--size", "800x500",
                  "--center", "48.59,38.0", "--zoom", "10")
    by_box = run("export", *demo, "--out", str(tmp_path / "b.png"), "--engine", "static", "--size", "800x500",
                 f"--bbox={box}")
    assert by_view.returncode == by_box.returncode == 0, by_view.stderr
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    lonely = run("export", *demo, "--out", str(tmp_path / "c.png"), "--center", "48.59,38.0")
    assert lonely.returncode == 2 and b"give both" in lonely.stderr
    assert run("export", *demo, "--out", str(tmp_path / "d.png"), "--center", "95,38", "--zoom", "9").returncode == 2
