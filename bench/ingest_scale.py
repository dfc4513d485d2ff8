"""Archive ingest on Dask: speed-up with workers, and an archive end to end into SQLite and PostGIS.

1. ``--articles N`` (default 6,000) generated articles of ``--words`` words (default 600,
   our own sentences, bench/geoparse_speed.py) as one JSON Lines archive:
   - the single-process parse (``parse_batch`` in this process, no store): articles/s;
   - the same archive through the cluster code (``frontline_map.cluster.ingest_on``)
     into a fresh SQLite store with a LocalCluster of 1 worker, then of 2 workers:
     wall time, articles/s, speed-up, per-worker throughput against the single
     process, and the peak resident memory of the client and of each worker.
2. ``--scale M`` (e.g. 100000): M articles end to end into SQLite, and into PostGIS
   when ``--postgis URL`` is given, with all cores; time, peak memory, and the time
   projected for 10 million articles on 16 and 64 cores from the measured per-core rate.

Every cluster run is its own process (``--one``), so peak memory is that run's own.

    python bench/ingest_scale.py [--articles 6000] [--words 600] [--scale 100000 --postgis URL]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.geoparse_speed import make_corpus  # noqa: E402


def write_archive(path: Path, n: int, words: int) -> Path:
    """n articles as JSON Lines, dated across two years; generated in chunks so memory stays flat."""
    with path.open("w") as fh:
        for start in range(0, n, 1000):
            for k, text in enumerate(make_corpus(min(1000, n - start), words=words, seed=start)):
                i = start + k
                fh.write(json.dumps({"text": f"Report {i}. {text}", "title": f"wire {i}",
                                     "date": f"{2022 + i % 2}-{1 + i % 12:02d}-{1 + i % 28:02d}"}) + "\n")
    return path


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_run(archive: str, store: str, workers: int, batch: int) -> dict[str, object]:
    """One cluster ingest in this process: figures as a dict (printed as JSON by ``--one``)."""
    import os

    from frontline_map import cluster
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.io.archive import read_archive
    from frontline_map.geo.settings import Settings
    from frontline_map.geo.store.sql import Store

    cache = Settings.from_env(os.environ).cache_dir
    load_gazetteer(directory=cache)
    db = Store(store)
    client = cluster.local_cluster(workers)
    try:
        client.wait_for_workers(workers)
        summary = cluster.ingest_on(cluster.Run(db, who="bench", batch=batch), read_archive([archive]), client,
                                    cache_dir=cache)
        worker_peaks = sorted(v / 1024 for v in client.run(
            lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values())
    finally:
        client.close()
        client.cluster.close()
    return {"added": summary.added, "failed": summary.failed, "seconds": summary.seconds,
            "rate": summary.added / summary.seconds, "client_mib": _peak_mib(), "worker_mib": worker_peaks,
            "stats": db.stats()}


def run_in_process(archive: Path, store: str, workers: int, batch: int) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--one", str(archive), store, str(workers), str(batch)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def single_process_rate(archive: Path) -> tuple[float, float]:
    """Articles/s of the plain parse in one process (the reference for per-worker throughput)."""
    code = ("import json,sys,time,resource; from frontline_map.geo.gazetteer import load_gazetteer; "
            "from frontline_map.geo.io.archive import read_archive; from frontline_map.cluster import parse_batch; "
            "g = load_gazetteer(); docs = list(read_archive([sys.argv[1]])); parse_batch(docs[:5], g); "
            "t = time.perf_counter(); parse_batch(docs, g); s = time.perf_counter() - t; "
            "print(json.dumps([len(docs) / s, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))")
    out = subprocess.run([sys.executable, "-c", code, str(archive)], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    rate, mib = json.loads(out.stdout.strip().splitlines()[-1])
    return float(rate), float(mib)


def _workers_line(r: dict[str, object]) -> str:
    peaks = ", ".join(f"{m:.0f}" for m in r["worker_mib"])  # type: ignore[attr-defined]
    return f"client {r['client_mib']:.0f} MiB, workers {peaks} MiB"


def speedup(n: int, words: int, batch: int, tmp: Path) -> None:
    archive = write_archive(tmp / "speed.jsonl", n, words)
    single, single_mib = single_process_rate(archive)
    print(f"single process (parse only, no store): {n:,} articles of {words} words at {single:,.1f} articles/s, "
          f"peak {single_mib:.0f} MiB")
    runs = {}
    for workers in (1, 2):
        r = runs[workers] = run_in_process(archive, str(tmp / f"store{workers}"), workers, batch)
        print(f"cluster, {workers} worker{'s' if workers > 1 else ''}: {r['added']:,} articles in "
              f"{r['seconds']:.1f} s = {r['rate']:,.1f} articles/s ({_workers_line(r)})")
    up = runs[2]["rate"] / runs[1]["rate"]  # type: ignore[operator]
    per_worker = runs[2]["rate"] / 2 / single  # type: ignore[operator]
    print(f"speed-up 2 workers / 1 worker: {up:.2f}x; per-worker throughput at 2 workers: {100 * per_worker:.0f}% "
          f"of the single process (1 worker: {100 * runs[1]['rate'] / single:.0f}%)")  # type: ignore[operator]
    assert runs[1]["stats"] == runs[2]["stats"], "1 and 2 workers stored different corpora"


def writer_rate(target: str, archive: Path, batch: int, n: int = 2000) -> float:
    """Articles/s of the one writer alone (rows prepared beforehand, as workers send them): the ceiling
    of any cluster that returns its rows to one ``frontline ingest`` process."""
    from itertools import islice

    from frontline_map.cluster import parse_batch
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.io.archive import read_archive
    from frontline_map.geo.store.sql import Store, to_rows

    store = Store(target)
    from frontline_map.geo.io.documents import Document

    # texts the store has not seen, so every one is written
    docs = [Document(d.name, f"Writer sample. {d.text}", d.date) for d in islice(read_archive([str(archive)]), n)
            if isinstance(d, Document)]
    rows = [to_rows(p, postgis=store.postgis) for p in parse_batch(docs, load_gazetteer())]  # type: ignore[arg-type]
    t0 = time.perf_counter()
    for start in range(0, len(rows), batch):
        store.save_many(rows[start:start + batch])
    return len(rows) / (time.perf_counter() - t0)


def scale(n: int, words: int, batch: int, tmp: Path, postgis: str | None) -> None:
    import os

    archive = write_archive(tmp / "scale.jsonl", n, words)
    cores = len(os.sched_getaffinity(0))
    targets = [("SQLite", str(tmp / "scale-store"))] + ([("PostGIS", postgis)] if postgis else [])
    for name, target in targets:
        r = run_in_process(archive, target, cores, batch)
        per_core = r["rate"] / cores  # type: ignore[operator]
        print(f"{n:,} articles ({words} words) into {name} on {cores} workers: {r['seconds']:.0f} s = "
              f"{r['rate']:,.0f} articles/s ({per_core:,.0f} per core); {_workers_line(r)}; stored "
              f"{r['stats']}")
        writer = writer_rate(target, archive, batch)
        print(f"  the one writer alone into {name}: {writer:,.0f} articles/s (2,000 prepared articles)")
        for many in (16, 64):
            hours = 10_000_000 / (per_core * many) / 3600
            capped = 10_000_000 / min(per_core * many, writer) / 3600
            print(f"  projected 10 million articles on {many} cores: {hours:.1f} h at the per-core rate; "
                  f"{capped:.1f} h with the one writer as the ceiling")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        archive, store, workers, batch = sys.argv[2:6]
        print(json.dumps(one_run(archive, store, int(workers), int(batch))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=6000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--scale", type=int, default=0, help="also this many articles end to end (e.g. 100000)")
    ap.add_argument("--scale-words", type=int, default=200)
    ap.add_argument("--postgis", help="postgresql://... of an empty database for the scale run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.articles:
            speedup(args.articles, args.words, args.batch, Path(tmp))
        if args.scale:
            scale(args.scale, args.scale_words, args.batch, Path(tmp), args.postgis)
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"(bench wall time {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    sys.exit(code)
