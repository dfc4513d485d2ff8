"""Tables out: the JSON Lines contract, files read back, and the atomic writer's refusals."""
from __future__ import annotations

import json
import os

import pyogrio
import pytest
from helpers import read

from frontline_map.geo.errors import InputError
from frontline_map.geo.io.atomic import atomic_write_text
from frontline_map.geo.io.tables import jsonl_line, write_table
from frontline_map.geo.schema import JSONL_KEYS


def test_jsonl_keys_come_in_the_contract_order(gaz):
    rows = read("Russian forces shelled Kharkiv.", gaz).mentions
    obj = json.loads(jsonl_line(rows[0]))
    assert tuple(obj)[: len(JSONL_KEYS)] == JSONL_KEYS and obj["name"] == "Kharkiv" and obj["id"].endswith(":23-30")


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg"])
def test_tables_read_back(gaz, tmp_path, fmt):
    parsed = read("Russian forces shelled Kharkiv and Sumy.", gaz)
    path = tmp_path / f"out.{fmt}"
    write_table(parsed.mentions, fmt, path)
    back = pyogrio.read_dataframe(path, read_geometry=fmt != "csv")
    assert sorted(back["name"]) == ["Kharkiv", "Sumy"]
    events = tmp_path / f"events.{fmt}"
    write_table([e.as_row() for e in parsed.events], fmt, events, table="events")
    assert set(pyogrio.read_dataframe(events, read_geometry=False)["place"]) == {"Kharkiv", "Sumy"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left behind


def test_the_atomic_writer_never_replaces_a_device_or_pipe(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        atomic_write_text(fifo, "x")
    with pytest.raises(InputError, match="does not exist"):
        atomic_write_text(tmp_path / "no" / "file.txt", "x")
    target = atomic_write_text(tmp_path / "ok.txt", "whole")
    assert target.read_text() == "whole" and oct(target.stat().st_mode & 0o777) == "0o644"
