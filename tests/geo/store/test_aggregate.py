"""The store's own answers for an archive: counts per view, grid cells, the events of a small view."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest
from helpers import DEMO

from frontline_map import services
from frontline_map.geo.io.documents import read_document
from frontline_map.geo.store import aggregate
from frontline_map.geo.store.sql import Store


@pytest.fixture()
def demo_store(target, gaz):
    store = Store(target)
    services.ingest(store, [read_document(str(p)) for p in sorted(DEMO.glob("*.txt"))], gaz, who="ana",
                    collection="demo")
    return store


def test_the_index_counts_what_the_store_counts(demo_store):
    index = aggregate.ArchiveIndex.build(demo_store)
    rows = demo_store.events(["demo"])
    assert len(index) == len(rows) > 10
    views = [aggregate.View(("demo",)), aggregate.View(("shared",)),
             aggregate.View(("demo",), end=dt.date(2023, 1, 31)),
             aggregate.View(("demo",), start=dt.date(2023, 2, 1), end=dt.date(2023, 3, 31)),
             aggregate.View(("demo",), types=("capture",)), aggregate.View(("demo",), statuses=("claimed", "denied")),
             aggregate.View(("demo",), actors=("russia",), end=dt.date(2023, 5, 21), bbox=(37.9, 48.5, 38.1, 48.7))]
    counts = [index.count(v) for v in views]
    assert counts == [aggregate.count(demo_store, v) for v in views]  # numpy and SQL agree, view by view
    assert counts[0] == len(rows) and counts[1] == 0 and 0 < counts[2] < counts[0]
    assert counts[4] == sum(e.type == "capture" for e in rows)
    first, last = index.date_span(["demo"])
    assert first <= dt.date(2023, 1, 13) and last >= dt.date(2023, 5, 21)
    assert not index.ids.flags.writeable and not index.columns["place"][0].flags.writeable  # shared, read-only


def test_grid_top_places_and_the_events_of_a_small_view(demo_store):
    index = aggregate.ArchiveIndex.build(demo_store)
    rows = demo_store.events(["demo"])
    everything = aggregate.View(("demo",))
    coarse = index.grid(everything, aggregate.cell_degrees(5))
    fine = index.grid(everything, aggregate.cell_degrees(12))
    located = sum(e.lat is not None for e in rows)
    assert sum(c.count for c in coarse) == sum(c.count for c in fine) == located
    assert len(coarse) < len(fine)  # cells shrink as the map zooms in
    assert [c.count for c in fine] == sorted((c.count for c in fine), reverse=True)
    bakhmut_cell = next(c for c in fine if abs(c.lat - 48.59) < 0.05 and abs(c.lon - 38.0) < 0.05)
    assert bakhmut_cell.place == "Bakhmut"
    assert index.top_places(everything, limit=1)[0][0] == "Bakhmut"

    near = replace(everything, bbox=(37.9, 48.5, 38.1, 48.7))
    inside = {e.id for e in rows if e.lat is not None and 48.5 <= e.lat <= 48.7 and 37.9 <= e.lon <= 38.1}
    assert {e.id for e in aggregate.events_by_id(demo_store, index.ids_in(near, limit=10_000))} == inside
    assert len(index.ids_in(near, limit=2)) == 2
    assert index.grid(aggregate.View(("nothing",)), 1.0) == []


def test_cell_size_follows_the_zoom_and_cut_dates_count_from_their_first_day():
    assert aggregate.cell_degrees(0) == 90.0 and np.isclose(aggregate.cell_degrees(10), 360 / 1024 / 4)
    assert aggregate._first_day("2023-02") == dt.date(2023, 2, 1).toordinal()
    assert aggregate._first_day("2024") == dt.date(2024, 1, 1).toordinal()
    assert aggregate._first_day("2023-02-06") == dt.date(2023, 2, 6).toordinal() and aggregate._first_day(None) == -1
