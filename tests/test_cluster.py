"""``frontline ingest`` on Dask: a real LocalCluster, a real ``dask scheduler`` + ``dask worker``, a killed run."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from helpers import DEMO, ROOT

from frontline_map import cluster
from frontline_map.geo.errors import StoreError
from frontline_map.geo.io.archive import read_archive
from frontline_map.geo.settings import Settings
from frontline_map.geo.store.sql import Store

TOWNS = ("Bakhmut", "Soledar", "Kupiansk", "Kramatorsk", "Sloviansk", "Avdiivka", "Vuhledar", "Kherson", "Kharkiv",
         "Lyman", "Siversk", "Chasiv Yar", "Toretsk", "Izium", "Orikhiv", "Robotyne")
VERBS = ("shelled", "attacked", "struck", "advanced towards", "captured", "pushed back from")


def write_archive(path: Path, n: int, *, seed: int = 7) -> Path:
    """n distinct short dispatches as JSON Lines (dates across a year)."""
    rnd = random.Random(seed)
    with path.open("w") as fh:
        for i in range(n):
            a, b, c = rnd.sample(TOWNS, 3)
            text = (f"Dispatch {i}. Russian forces {rnd.choice(VERBS)} {a} on Monday, the Ukrainian military said. "
                    f"Fighting continued near {b} and {c}, according to the general staff.")
            fh.write(json.dumps({"text": text, "date": f"2023-{1 + i % 12:02d}-{1 + i % 27:02d}",
                                 "title": f"wire {i}"}) + "\n")
    return path


def _contents(store: Store) -> tuple[dict[str, int], list[str], list[str]]:
    with store.engine.connect() as conn:
        shas = sorted(r[0] for r in conn.execute(sa.select(store.t["articles"].c.sha256)))
        events = sorted(r[0] for r in conn.execute(sa.select(store.t["events"].c.event_id)))
    return store.stats(), shas, events


def test_two_workers_store_exactly_what_one_process_stores(tmp_path, gaz):
    inputs = [str(write_archive(tmp_path / "wire.jsonl", 150)), str(DEMO)]
    here = Store(tmp_path / "here")
    expected = cluster.ingest_here(cluster.Run(here, who="t"), read_archive(inputs), gaz)
    there = Store(tmp_path / "there")
    client = cluster.local_cluster(2)
    try:
        summary = cluster.ingest_on(cluster.Run(there, who="t", batch=16), read_archive(inputs), client,
                                    cache_dir=Settings.from_env(os.environ).cache_dir)
        again = cluster.ingest_on(cluster.Run(there, who="t", batch=16), read_archive(inputs), client,
                                  cache_dir=Settings.from_env(os.environ).cache_dir)
    finally:
        client.close()
        client.cluster.close()
    assert summary.workers == 2 and summary.added == expected.added == 156 and not summary.failed
    assert _contents(there) == _contents(here)
    assert (again.added, again.skipped) == (0, 156)  # a re-run adds nothing


def test_the_same_text_twice_in_one_archive_is_stored_once(tmp_path, gaz):
    line = json.dumps({"text": "Russian forces shelled Kupiansk on Monday.", "title": "a"})
    path = tmp_path / "twice.jsonl"
    path.write_text(f"{line}\n{line}\n")
    summary = cluster.ingest_here(cluster.Run(Store(tmp_path / "s"), who="t"), read_archive([str(path)]), gaz)
    assert (summary.added, summary.skipped) == (1, 1)


def _dask(*args: str) -> subprocess.Popen:
    return subprocess.Popen([str(Path(sys.executable).parent / "dask"), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_ingest_on_an_existing_scheduler_and_workers(tmp_path):
    info = tmp_path / "scheduler.json"
    procs = [_dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info))]
    try:
        _wait_for(info.exists, 60, "the scheduler file")
        procs.append(_dask("worker", "--scheduler-file", str(info), "--nworkers", "2", "--nthreads", "1",
                           "--no-dashboard", "--host", "127.0.0.1"))
        address = json.loads(info.read_text())["address"]
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=90)
        archive = write_archive(tmp_path / "wire.jsonl", 120)
        out = subprocess.run([sys.executable, "-m", "frontline_map", "ingest", str(archive), "--scheduler", address,
                              "--db", str(tmp_path / "store")], capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("added 120, skipped 0") and "2 workers" in out.stdout
        assert Store(tmp_path / "store").stats()["articles"] == 120
    finally:
        for p in reversed(procs):
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=30)


@pytest.mark.slow
def test_a_killed_run_resumes_and_stores_each_article_exactly_once(tmp_path, gaz):
    archive = write_archive(tmp_path / "wire.jsonl", 1500)
    store_dir = tmp_path / "store"
    cmd = [sys.executable, "-m", "frontline_map", "ingest", str(archive), "--workers", "1", "--batch", "16",
           "--db", str(store_dir)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True)

    def some_stored() -> bool:
        try:
            return (store_dir / "frontline.sqlite").exists() and Store(store_dir, read_only=True).stats()["articles"] > 80
        except StoreError:  # the file exists a moment before its tables do ("no such table: meta", seen in CI)
            return False

    try:
        _wait_for(some_stored, 120, "the first batches")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client, its scheduler and workers, all at once
        proc.wait(timeout=30)
    stopped_at = Store(store_dir).stats()["articles"]
    assert 80 < stopped_at < 1500
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert f"added {1500 - stopped_at:,}, skipped {stopped_at:,}" in out.stdout
    clean = Store(tmp_path / "clean")
    cluster.ingest_here(cluster.Run(clean, who="t"), read_archive([str(archive)]), gaz)
    assert _contents(Store(store_dir)) == _contents(clean)  # nothing lost, nothing doubled, no half article
