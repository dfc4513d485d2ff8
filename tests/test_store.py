"""The shared store on both backends: SQLite (embedded) and PostgreSQL + PostGIS (a real server)."""
from __future__ import annotations

import multiprocessing as mp
import os
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from geo.documents import Document, read_document
from geo.events import merge_corpus_events
from geo.gazetteer import load_gazetteer
from geo.pipeline import parse_events
from geo.store import Store, StoreError, apply_aliases, apply_corrections, backup, event_key, restore, text_hash

ROOT = Path(__file__).parent.parent
DEMO = sorted((ROOT / "data" / "demo").glob("*.txt"))
PG_ADMIN = os.environ.get("FRONTLINE_TEST_PG_URL", "postgresql://frontline:frontline@127.0.0.1:5432/frontline_test")


def _pg_database():
    """A fresh database on the test server, or a skip that says how to get one."""
    admin = sa.create_engine(PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            name = f"frontline_{uuid.uuid4().hex[:10]}"
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except sa.exc.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN} ({str(exc.orig).splitlines()[0]}); run sh tests/services.sh")
    return admin, name, PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgis"])
def target(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "data")
        return
    admin, name, url = _pg_database()
    yield url
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def demo_docs():
    return [read_document(str(p)) for p in DEMO]


def test_round_trip_duplicates_and_stats(target, gaz):
    store = Store(target)
    results = [store.ingest(d, gaz, who="ana") for d in demo_docs()]
    assert all(r.added for r in results)
    again = store.ingest(demo_docs()[0], gaz, who="ben")
    assert not again.added and again.reason == "already present"
    same_text_new_name = Document("renamed", demo_docs()[0].text + "\n\n", demo_docs()[0].date)
    assert not store.ingest(same_text_new_name, gaz).added  # same article, recognised by its text
    stats = store.stats()
    assert stats["articles"] == len(DEMO) and stats["events"] > 10 and stats["mentions"] > stats["events"]
    assert {d.text for d in store.documents()} == {d.text for d in demo_docs()}
    if "postgresql" in target:
        with store.engine.connect() as conn:
            kind = conn.exec_driver_sql("select GeometryType(geom) from events where geom is not null limit 1").scalar()
            index = conn.exec_driver_sql("select count(*) from pg_indexes where tablename='events' "
                                         "and indexdef ilike '%%gist%%'").scalar()
        assert kind == "POINT" and index >= 1


def test_failed_import_leaves_no_half_article(target, gaz, monkeypatch):
    store = Store(target)

    def boom(conn, article_id, events, rows):
        conn.execute(store.t["mentions"].insert(), [{"article_id": article_id, "surface": "x"}])
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_parsed", boom)
    with pytest.raises(RuntimeError):
        store.ingest(demo_docs()[0], gaz)
    assert store.stats() == {"articles": 0, "mentions": 0, "events": 0, "corrections": 0, "aliases": 0}


def test_corrections_survive_reparse_and_aliases_teach(target, gaz):
    store = Store(target)
    doc = demo_docs()[0]
    store.ingest(doc, gaz)
    store.correct("event", event_key("Soledar", "capture"), "status", "contested", who="ana",
                  why="Kyiv denied it the same day", article_sha=text_hash(doc.text), old="claimed")
    with pytest.raises(StoreError):
        store.correct("event", "x|y", "colour", "red", who="ana", why="no")
    with pytest.raises(StoreError):
        store.correct("event", "x|y", "status", "denied", who="ana", why=" ")
    store.reparse(gaz)
    events, _ = parse_events(doc.text, gaz, doc=doc.name, published=doc.date)
    fixed = {(e.place, e.type): e for e in apply_corrections(merge_corpus_events(events), store.corrections())}
    assert fixed[("Soledar", "capture")].status == "contested"
    history = store.corrections()
    assert history[0]["who"] == "ana" and history[0]["why"] and history[0]["at"] is not None
    store.teach_alias("Soledar salt town", "Soledar", who="ana")
    taught = apply_aliases(load_gazetteer(), store.aliases())
    from geo.pipeline import parse_text
    names = set(parse_text("Shelling hit Soledar salt town overnight.", taught).gdf["name"])
    assert "Soledar" in names


def test_backup_wipe_restore_is_the_same_corpus(target, gaz, tmp_path):
    store = Store(target)
    for d in demo_docs():
        store.ingest(d, gaz, who="ana")
    store.correct("event", event_key("Bakhmut", "capture"), "status", "contested", who="ana", why="disputed")
    store.teach_alias("Artyomovsk city", "Bakhmut", who="ben")
    before = (store.stats(), sorted(d.text for d in store.documents()), store.corrections(), store.aliases())
    path = backup(store, tmp_path / "corpus.gpkg")
    store.wipe()
    assert store.stats()["articles"] == 0
    restore(store, path)
    after = (store.stats(), sorted(d.text for d in store.documents()), store.corrections(), store.aliases())
    assert after == before
    assert store.ingest(Document("new", "Russian forces shelled Kupiansk on Monday.", None), gaz).added
    with pytest.raises(StoreError):
        restore(store, ROOT / "README.md")


def _writer(target: str, paths: list[str], seed: int) -> None:
    import random

    gaz = load_gazetteer()
    store = Store(target)
    order = list(paths)
    random.Random(seed).shuffle(order)
    for p in order:
        store.ingest(read_document(p), gaz, who=f"w{seed}")


@pytest.mark.slow
def test_parallel_writers_lose_and_duplicate_nothing(target, gaz, tmp_path):
    load_gazetteer()  # the index cache exists before the writers start
    extra = []
    for k in range(6):
        p = tmp_path / f"extra_{k}.txt"
        p.write_text(f"Dispatch {k}: Russian artillery shelled Kramatorsk and Sloviansk on day {k}.")
        extra.append(str(p))
    paths = [str(p) for p in DEMO] + extra
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
        per_article = conn.execute(sa.select(store.t["events"].c.article_id, sa.func.count())
                                   .group_by(store.t["events"].c.article_id)).all()
    assert len(shas) == len(paths) == len(set(shas))
    single = Store(str(tmp_path / "single"))
    for p in paths:
        single.ingest(read_document(p), gaz)
    assert store.stats() == single.stats()  # nothing lost, nothing doubled
    assert len(per_article) <= len(paths)
