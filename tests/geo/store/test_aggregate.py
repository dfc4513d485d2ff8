"""The store's own answers for an archive: counts per view, grid cells, the events of a small view."""
from __future__ import annotations

import datetime as dt

from helpers import DEMO

from frontline_map import services
from frontline_map.geo.io.documents import read_document
from frontline_map.geo.store import aggregate
from frontline_map.geo.store.sql import Store


def test_counts_grid_and_events_agree_with_the_stored_rows(target, gaz):
    store = Store(target)
    services.ingest(store, [read_document(str(p)) for p in sorted(DEMO.glob("*.txt"))], gaz, who="ana",
                    collection="demo")
    rows = store.events(["demo"])
    everything = aggregate.View(("demo",))
    assert aggregate.count(store, everything) == len(rows) > 10
    assert aggregate.count(store, aggregate.View(("shared",))) == 0  # collections are kept apart
    first, last = aggregate.date_span(store, ["demo"])
    assert first <= dt.date(2023, 1, 13) and last >= dt.date(2023, 5, 21)

    by_jan = aggregate.View(("demo",), end=dt.date(2023, 1, 31))
    expected = [e for e in rows if e.date and e.date <= "2023-01-31"]
    assert aggregate.count(store, by_jan) == len(expected) > 0
    captures = aggregate.View(("demo",), types=("capture",))
    assert aggregate.count(store, captures) == sum(e.type == "capture" for e in rows)

    bakhmut_box = (37.9, 48.5, 38.1, 48.7)
    near = aggregate.View(("demo",), bbox=bakhmut_box)
    inside = [e for e in rows if e.lat is not None and 48.5 <= e.lat <= 48.7 and 37.9 <= e.lon <= 38.1]
    assert aggregate.count(store, near) == len(inside) > 0
    assert {e.id for e in aggregate.events_in(store, near, limit=10_000)} == {e.id for e in inside}
    assert len(aggregate.events_in(store, near, limit=2)) == 2

    coarse = aggregate.grid(store, everything, aggregate.cell_degrees(5))
    fine = aggregate.grid(store, everything, aggregate.cell_degrees(12))
    located = sum(e.lat is not None for e in rows)
    assert sum(c.count for c in coarse) == sum(c.count for c in fine) == located
    assert len(coarse) < len(fine)  # cells shrink as the map zooms in
    assert coarse[0].count == max(c.count for c in coarse)
    assert aggregate.top_places(store, everything, limit=1)[0][0] == "Bakhmut"


def test_a_month_cut_date_counts_as_its_whole_month():
    assert aggregate._day("2023-02", end=False) == dt.date(2023, 2, 1)
    assert aggregate._day("2023-02", end=True) == dt.date(2023, 2, 28)
    assert aggregate._day("2024", end=True) == dt.date(2024, 12, 31)
