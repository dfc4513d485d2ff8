"""Hostile and careless inputs, each answered with one line and the right exit status (never a traceback).

Exit 2: refused before any work (bad usage, an unusable output, a store that cannot be opened);
exit 1: some input file could not be read while the others went on.
"""
from __future__ import annotations

import os
import sys

import pytest

from frontline_map.cli.main import main


def _files(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "nul.txt").write_bytes(b"Bakhmut" + b"\x00" * 10 + b"Soledar")
    (tmp_path / "late_nul.txt").write_bytes(b"Shelling hit Kharkiv. " * 1000 + b"\x00")
    (tmp_path / "utf16.txt").write_bytes("Fighting in Bakhmut.".encode("utf-16"))
    (tmp_path / "big.txt").write_text("Shelling hit Kharkiv. " * 60_000)
    (tmp_path / "ok.txt").write_text("Russian forces shelled Kharkiv.")
    out_fifo = tmp_path / "out.jsonl"
    os.mkfifo(out_fifo)


CASES = [  # (arguments, exit status, a piece of the one-line message)
    (["parse", "/dev/zero"], 1, "is a system file"),
    (["parse", "/proc/self/status"], 1, "is a system file"),
    (["parse", "{tmp}/pipe.txt"], 1, "not a regular file"),
    (["parse", "{tmp}/nul.txt"], 1, "binary"),
    (["parse", "{tmp}/late_nul.txt"], 1, "binary"),
    (["parse", "{tmp}/utf16.txt"], 1, "UTF-16"),
    (["parse", "{tmp}/big.txt", "--max-mb", "1"], 1, "over the 1 MB limit"),
    (["parse", "{tmp}/missing.txt"], 1, "no such file"),
    (["parse", "{tmp}"], 1, "is a directory"),
    (["parse", "{tmp}/ok.txt", "-o", "/dev/full"], 2, "system path"),
    (["parse", "{tmp}/ok.txt", "-o", "/proc/x.jsonl"], 2, "system path"),
    (["parse", "{tmp}/ok.txt", "-o", "{tmp}/out.jsonl"], 2, "not a regular file"),
    (["parse", "{tmp}/ok.txt", "-o", "{tmp}/no/such/dir.jsonl"], 2, "does not exist"),
    (["parse", "{tmp}/ok.txt", "--max-mb", "nan"], 2, "not a positive number"),
    (["parse", "{tmp}/ok.txt", "--max-mb", "-1"], 2, "not a positive number"),
    (["events", "{tmp}/ok.txt", "--date", "0001-01-01"], 2, "outside 1900-2100"),
    (["events", "{tmp}/ok.txt", "--date", ""], 2, "is not a date"),
    (["routes", "--control", "{tmp}", "--range-km", "nan"], 2, "not a positive number"),
    (["routes", "--control", "{tmp}", "--range-km", "-5"], 2, "not a positive number"),
    (["export", "{tmp}/ok.txt", "--out", "{tmp}/m.png", "--days", "0"], 2, "at least 1"),
    (["export", "{tmp}/ok.txt", "--out", "{tmp}/m.png", "--days", "-5"], 2, "at least 1"),
    (["export", "{tmp}/ok.txt", "--out", "{tmp}/m.png", "--bbox=-inf,-inf,inf,inf"], 2, "MINLON,MINLAT"),
    (["export", "{tmp}/ok.txt", "--out", "{tmp}/t.gif", "--from", "2000-01-01", "--to", "2020-01-01"], 2,
     "more than 400"),
    (["export", "{tmp}/ok.txt", "--out", "{tmp}/m.bmp"], 2, "unknown format"),
    (["db", "stats", "--db", "mysql://u:p@h/db"], 2, "not supported"),
]


@pytest.mark.parametrize(("args", "status", "message"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_hostile_input_gets_one_line(args, status, message, tmp_path, capsys, data_dir):
    _files(tmp_path)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "error" in line]
    assert code == status, err
    assert len(lines) == 1 and message in lines[0], err
    assert "Traceback" not in err


def test_closed_stdin_is_a_message(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["parse", "-"]) == 1
    assert "standard input is closed" in capsys.readouterr().err


def test_the_good_file_of_a_run_is_still_parsed(tmp_path, capsys):
    _files(tmp_path)
    code = main(["parse", str(tmp_path / "pipe.txt"), str(tmp_path / "nul.txt"), str(tmp_path / "ok.txt")])
    out = capsys.readouterr()
    assert code == 1 and '"name": "Kharkiv"' in out.out and out.err.count("frontline: error:") == 2
