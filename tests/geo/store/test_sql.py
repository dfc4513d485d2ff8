"""The shared store on both backends: SQLite (embedded) and PostgreSQL + PostGIS (a real server)."""
from __future__ import annotations

import multiprocessing as mp

import pytest
import sqlalchemy as sa
from helpers import DEMO, ROOT

from frontline_map import services
from frontline_map.geo.errors import StoreError
from frontline_map.geo.events.corrections import event_key
from frontline_map.geo.gazetteer import load_gazetteer
from frontline_map.geo.io.documents import Document, read_document
from frontline_map.geo.store.backup import backup, restore
from frontline_map.geo.store.sql import Store
from frontline_map.geo.text.parse import parse_document, parser_version

DEMO_FILES = sorted(DEMO.glob("*.txt"))
def demo_docs():
    return [read_document(str(p)) for p in DEMO_FILES]


def test_round_trip_duplicates_and_stats(target, gaz):
    store = Store(target)
    results = services.ingest(store, demo_docs(), gaz, who="ana")
    assert all(r.added for r in results)
    (again,) = services.ingest(store, demo_docs()[:1], gaz, who="ben")
    assert not again.added and again.reason == "already present"
    same_text_new_name = Document("renamed", demo_docs()[0].text + "\n\n", demo_docs()[0].date)
    assert not services.ingest(store, [same_text_new_name], gaz, who="ben")[0].added  # recognised by its text
    stats = store.stats()
    assert stats["articles"] == len(DEMO_FILES) and stats["events"] > 10 and stats["mentions"] > stats["events"]
    assert {d.text for d in store.documents()} == {d.text for d in demo_docs()}
    if "postgresql" in target:
        with store.engine.connect() as conn:
            kind = conn.exec_driver_sql("select GeometryType(geom) from events where geom is not null limit 1").scalar()
            index = conn.exec_driver_sql("select count(*) from pg_indexes where tablename='events' "
                                         "and indexdef ilike '%%gist%%'").scalar()
        assert kind == "POINT" and index >= 1


def test_stored_events_are_the_parse_read_back(target, gaz):
    store = Store(target)
    doc = demo_docs()[1]
    parsed = parse_document(doc, gaz)
    store.save(parsed, who="ana")
    stored = store.events()
    assert [e.as_row() for e in stored] == [e.as_row() for e in parsed.events]  # every field, ids included
    assert len({e.id for e in stored}) == len(stored) and all(e.id.startswith(doc.sha[:16]) for e in stored)
    mentions = store.mentions()
    assert [(m["id"], m["name"], m["lat"]) for m in mentions] == [(m["id"], m["name"], m["lat"])
                                                                  for m in parsed.mentions]
    assert store.stale_count(parser_version(gaz)) == 0 and store.stale_count("older") == 1


def test_failed_import_leaves_no_half_article(target, gaz, monkeypatch):
    store = Store(target)

    def boom(conn, article_id, parsed):
        conn.execute(store.t["mentions"].insert(), [{"article_id": article_id, "surface": "x"}])
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_parsed", boom)
    with pytest.raises(RuntimeError):
        services.ingest(store, demo_docs()[:1], gaz, who="ana")
    assert store.stats() == {"articles": 0, "mentions": 0, "events": 0, "corrections": 0, "aliases": 0}


KOSTIANTYNIVKA = [
    Document("apr07", "Russian missiles struck Kostiantynivka on Friday, Ukraine's military said.",
             __import__("datetime").date(2023, 4, 7)),
    Document("apr27", "A Russian strike hit Kostiantynivka on Thursday, Ukrainian officials said.",
             __import__("datetime").date(2023, 4, 27)),
]


def _strikes(store):
    return sorted((e.date, e.status) for e in services.corpus_events(store) if e.place == "Kostiantynivka")


def test_a_correction_changes_its_event_only_unless_asked_for_all(target, gaz):
    store = Store(target)
    services.ingest(store, KOSTIANTYNIVKA, gaz, who="ana")
    before = dict(_strikes(store))
    assert set(before) == {"2023-04-07", "2023-04-27"}
    late = next(e for e in services.corpus_events(store) if e.date == "2023-04-27")
    store.correct("event", late.id, "status", "denied", who="ana", why="the city denied it", place=late.place,
                  etype=late.type)
    assert _strikes(store) == [("2023-04-07", before["2023-04-07"]), ("2023-04-27", "denied")]
    store.correct("event", event_key("Kostiantynivka", "strike"), "status", "contested", who="ana",
                  why="both disputed", scope="place_type")
    assert _strikes(store) == [("2023-04-07", "contested"), ("2023-04-27", "contested")]
    with pytest.raises(StoreError):
        store.correct("event", "x", "colour", "red", who="ana", why="no")
    with pytest.raises(StoreError):
        store.correct("event", "x", "status", "denied", who="ana", why=" ")


def test_corrections_survive_reparse_and_aliases_teach(target, gaz):
    store = Store(target)
    doc = demo_docs()[0]
    services.ingest(store, [doc], gaz, who="ana")
    soledar = next(e for e in services.corpus_events(store) if (e.place, e.type) == ("Soledar", "capture"))
    store.correct("event", soledar.id, "status", "contested", who="ana", why="Kyiv denied it the same day",
                  old=soledar.status, place="Soledar", etype="capture")
    with store.engine.begin() as conn:  # as if an older parser had stored it
        conn.execute(store.t["articles"].update().values(parser_version="old"))
    assert services.reparse(store, gaz) == 1 and services.reparse(store, gaz) == 0
    fixed = {(e.place, e.type): e for e in services.corpus_events(store)}
    assert fixed[("Soledar", "capture")].status == "contested"
    history = store.corrections()
    assert history[0]["who"] == "ana" and history[0]["why"] and history[0]["at"] is not None
    store.teach_alias("Soledar salt town", "Soledar", who="ana")
    taught = services.reading_gazetteer(store, gaz)
    names = {m["name"] for m in parse_document(Document("x", "Shelling hit Soledar salt town overnight."),
                                               taught).mentions}
    assert "Soledar" in names
    plain = {m["surface"] for m in parse_document(Document("x", "Shelling hit Soledar salt town overnight."),
                                                  gaz).mentions}
    assert "Soledar salt town" not in plain  # the shared gazetteer itself was not changed


def test_backup_restore_is_the_same_corpus(target, gaz, tmp_path):
    store = Store(target)
    services.ingest(store, demo_docs(), gaz, who="ana")
    store.correct("event", event_key("Bakhmut", "capture"), "status", "contested", who="ana", why="disputed",
                  scope="place_type")
    store.teach_alias("Artyomovsk city", "Bakhmut", who="ben")
    before = (store.stats(), sorted(d.text for d in store.documents()), store.corrections(), store.aliases(),
              [e.as_row() for e in store.events()])
    path = backup(store, tmp_path / "corpus.gpkg")
    fresh = Store(str(tmp_path / "elsewhere")) if "://" not in target else store
    restore(fresh, path)
    after = (fresh.stats(), sorted(d.text for d in fresh.documents()), fresh.corrections(), fresh.aliases(),
             [e.as_row() for e in fresh.events()])
    assert after == before
    assert services.ingest(fresh, [Document("new", "Russian forces shelled Kupiansk on Monday.")], gaz,
                           who="ana")[0].added
    with pytest.raises(StoreError):
        restore(fresh, ROOT / "README.md")


def test_a_schema_1_store_is_migrated_and_marked_stale(tmp_path, gaz):
    folder = tmp_path / "v1"
    folder.mkdir()
    engine = sa.create_engine(f"sqlite:///{folder / 'frontline.sqlite'}")
    with engine.begin() as conn:
        for ddl in ("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
                    "INSERT INTO meta VALUES ('schema_version', '1')",
                    "CREATE TABLE articles (id INTEGER PRIMARY KEY, sha256 VARCHAR(64) NOT NULL UNIQUE, name TEXT NOT "
                    "NULL, published DATE, text TEXT NOT NULL, added_by TEXT, added_at DATETIME)",
                    "CREATE TABLE mentions (id INTEGER PRIMARY KEY, article_id INTEGER)",
                    "CREATE TABLE events (id INTEGER PRIMARY KEY, article_id INTEGER)",
                    "CREATE TABLE corrections (id INTEGER PRIMARY KEY, target TEXT NOT NULL, article_sha TEXT, key "
                    "TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT, who TEXT, at DATETIME, why TEXT)",
                    "CREATE TABLE aliases (alias TEXT PRIMARY KEY, target TEXT NOT NULL, who TEXT, at DATETIME)"):
            conn.exec_driver_sql(ddl)
        doc = demo_docs()[0]
        conn.execute(sa.text("INSERT INTO articles (sha256, name, published, text) VALUES (:s, :n, :p, :t)"),
                     {"s": doc.sha, "n": doc.name, "p": doc.date.isoformat(), "t": doc.text})
        conn.exec_driver_sql("INSERT INTO corrections (target, key, field, new, who, why) "
                             "VALUES ('event', 'Soledar|capture', 'status', 'denied', 'ana', 'old store')")
    store = Store(folder)
    assert store.stale_count(parser_version(gaz)) == 1 and store.corrections()[0]["scope"] == "place_type"
    assert services.reparse(store, gaz) == 1
    soledar = [e for e in services.corpus_events(store) if (e.place, e.type) == ("Soledar", "capture")]
    assert soledar and all(e.status == "denied" for e in soledar)



def _schema_1_backup(path, doc) -> None:
    """A GeoPackage laid out as schema 1 wrote it: no ids on parses, no scope on corrections."""
    import json

    import geopandas as gpd
    import pandas as pd

    layers = {
        "articles": [{"id": 1, "sha256": doc.sha, "name": doc.name, "published": doc.date.isoformat(),
                      "text": doc.text, "added_by": "ana", "added_at": "2026-11-20T10:00:00+00:00"}],
        "mentions": [{"id": 1, "article_id": 1, "start": 0, "end": 7, "surface": "Soledar", "name": "Soledar"}],
        "events": [{"id": 1, "article_id": 1, "place": "Soledar", "type": "capture", "status": "claimed"}],
        "corrections": [{"id": 1, "target": "event", "key": "Soledar|capture", "field": "status", "new": "denied",
                         "who": "ana", "at": "2026-11-21T10:00:00+00:00", "why": "old backup"}],
        "aliases": [{"alias": "Soledar salt town", "target": "Soledar", "who": "ben",
                     "at": "2026-11-21T10:00:00+00:00"}],
        "meta": [{"meta": json.dumps({"schema_version": 1, "made": "2026-11-22T00:00:00+00:00"})}],
    }
    for name, rows in layers.items():
        gpd.GeoDataFrame(pd.DataFrame(rows)).to_file(path, driver="GPKG", layer=name, engine="pyogrio")


def test_a_schema_1_backup_is_restored_upgraded_and_reparsed(tmp_path, gaz):
    doc = demo_docs()[0]
    path = tmp_path / "old.gpkg"
    _schema_1_backup(path, doc)
    store = Store(tmp_path / "data")
    stats = restore(store, path)
    assert stats["articles"] == 1 and stats["events"] == 0  # the old parse is not trusted: it has no ids
    assert store.stale_count(parser_version(gaz)) == 1
    assert store.corrections()[0]["scope"] == "place_type" and store.aliases() == {"Soledar salt town": "Soledar"}
    assert services.reparse(store, gaz) == 1
    soledar = [e for e in services.corpus_events(store) if (e.place, e.type) == ("Soledar", "capture")]
    assert soledar and all(e.status == "denied" for e in soledar)


def test_a_backup_from_a_newer_schema_is_refused(tmp_path):
    import json

    import geopandas as gpd
    import pandas as pd

    path = tmp_path / "new.gpkg"
    for name in ("articles", "mentions", "events", "corrections", "aliases"):
        gpd.GeoDataFrame(pd.DataFrame([{"id": 1}])).to_file(path, driver="GPKG", layer=name, engine="pyogrio")
    gpd.GeoDataFrame(pd.DataFrame([{"meta": json.dumps({"schema_version": 99})}])).to_file(
        path, driver="GPKG", layer="meta", engine="pyogrio")
    with pytest.raises(StoreError, match="newer than this program"):
        restore(Store(tmp_path / "data"), path)


def _writer(target: str, paths: list[str], seed: int) -> None:
    import random

    gaz = load_gazetteer()
    store = Store(target)
    order = list(paths)
    random.Random(seed).shuffle(order)
    for p in order:
        services.ingest(store, [read_document(p)], gaz, who=f"w{seed}")


@pytest.mark.slow
def test_parallel_writers_lose_and_duplicate_nothing(target, gaz, tmp_path):
    extra = []
    for k in range(6):
        p = tmp_path / f"extra_{k}.txt"
        p.write_text(f"Dispatch {k}: Russian artillery shelled Kramatorsk and Sloviansk on day {k}.")
        extra.append(str(p))
    paths = [str(p) for p in DEMO_FILES] + extra
    Store(target)  # schema first
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(target, paths, seed)) for seed in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
        assert p.exitcode == 0
    store = Store(target)
    with store.engine.connect() as conn:
        shas = [r[0] for r in conn.execute(sa.select(store.t["articles"].c.sha256))]
    assert len(shas) == len(paths) == len(set(shas))
    single = Store(str(tmp_path / "single"))
    services.ingest(single, [read_document(p) for p in paths], gaz, who="one")
    assert store.stats() == single.stats()  # nothing lost, nothing doubled


def test_a_read_only_store_is_read_and_refuses_writes(tmp_path, gaz):
    folder = tmp_path / "data"
    services.ingest(Store(folder), demo_docs()[:2], gaz, who="ana")
    before = [e.as_row() for e in Store(folder).events()]
    ro = Store(folder, read_only=True)
    assert ro.read_only and [e.as_row() for e in ro.events()] == before and ro.stats()["articles"] == 2
    with pytest.raises(StoreError, match="read-only"):
        ro.correct("event", "x", "status", "denied", who="ana", why="no")
    with pytest.raises(StoreError, match="read-only"):
        services.ingest(ro, demo_docs()[2:3], gaz, who="ana")
    with pytest.raises(StoreError, match="holds no store"):
        Store(tmp_path / "empty", read_only=True)
    with ro.engine.connect() as conn, pytest.raises(sa.exc.OperationalError):  # SQLite itself refuses too
        conn.exec_driver_sql("DELETE FROM articles")
