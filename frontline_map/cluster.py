"""An archive parsed on Dask: a local cluster of worker processes, or an existing scheduler.

The client reads the archive lazily, drops articles the store already holds (one
query per batch), and keeps at most a few batches per worker in flight, so memory
stays bounded whatever the archive's size. Each worker loads the gazetteer once
(:class:`GazetteerOnWorker`, from the machine's cache, built once per machine) and
parses whole batches; the parsed batches stream back and the client writes each in
one transaction (:meth:`Store.save_many`), exactly once by text hash. A killed run
therefore loses at most the batches in flight, and the next run skips what was
stored and parses the rest.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from frontline_map.geo.gazetteer import Gazetteer, load_gazetteer
from frontline_map.geo.gazetteer.overlay import with_aliases
from frontline_map.geo.io.archive import Item, Refused
from frontline_map.geo.io.documents import Document
from frontline_map.geo.store.sql import Rows, Store, to_rows
from frontline_map.geo.text.parse import Parsed, parse_document

BATCH = 64  # articles per task: big enough to hide the scheduler's per-task cost, small enough to stream
PLUGIN = "frontline-gazetteer"


@dataclass
class Summary:
    """What a run did: the summary line a user reads at the end."""

    added: int = 0
    skipped: int = 0
    failed: int = 0  # counted, not kept: each refusal is reported as it happens, memory stays flat
    seconds: float = 0.0
    workers: int = 1

    def line(self) -> str:
        rate = (self.added + self.skipped) / self.seconds if self.seconds else 0.0
        return (f"added {self.added:,}, skipped {self.skipped:,} (already stored), failed {self.failed:,} "
                f"in {self.seconds:.1f} s ({rate:,.0f} articles/s, {self.workers} worker"
                f"{'s' if self.workers != 1 else ''})")


class GazetteerOnWorker(WorkerPlugin):
    """A Dask worker plugin: the worker's own reading gazetteer, loaded once when the worker starts."""

    name = PLUGIN

    def __init__(self, cache_dir: str, aliases: dict[str, str]) -> None:
        self.cache_dir, self.aliases = cache_dir, aliases
        self.gazetteer: Gazetteer | None = None

    def setup(self, worker: Any) -> None:
        self.gazetteer = with_aliases(load_gazetteer(directory=Path(self.cache_dir)), self.aliases)

    def teardown(self, worker: Any) -> None:
        self.gazetteer = None


def parse_batch(docs: list[Document], gaz: Gazetteer | None = None) -> list[Parsed | Refused]:
    """Parse a batch (on a worker: with that worker's gazetteer); one bad article never sinks the batch."""
    if gaz is None:
        from distributed import get_worker

        plugin = get_worker().plugins[PLUGIN]
        assert isinstance(plugin, GazetteerOnWorker)
        gaz = plugin.gazetteer
    assert gaz is not None, "the worker's gazetteer plugin did not load"
    out: list[Parsed | Refused] = []
    for doc in docs:
        try:
            out.append(parse_document(doc, gaz))
        except Exception as exc:  # noqa: BLE001 - an article the parser chokes on is listed, the run goes on
            out.append(Refused(doc.name, f"could not be parsed ({type(exc).__name__}: {str(exc)[:80]})"))
    return out


def prepare_batch(docs: list[Document], postgis: bool) -> list[Rows | Refused]:
    """On a worker: parse a batch and build its store rows there, so the one writer only inserts them."""
    return [r if isinstance(r, Refused) else to_rows(r, postgis=postgis) for r in parse_batch(docs)]


@dataclass
class Run:
    """One ingest: where results go and whom to tell."""

    store: Store
    who: str
    collection: str = "shared"
    batch: int = BATCH
    on_progress: Callable[[int], None] = lambda _n: None
    on_refused: Callable[[Refused], None] = lambda _r: None
    summary: Summary = field(default_factory=Summary)

    def refuse(self, refused: Refused) -> None:
        self.summary.failed += 1
        self.on_refused(refused)
        self.on_progress(1)

    def new_batches(self, items: Iterable[Item]) -> Iterator[list[Document]]:
        """Batches of the archive's articles that the store lacks; refusals and known texts are counted here."""
        buffer: list[Document] = []

        def flush() -> list[Document]:
            known = self.store.known([d.sha for d in buffer])
            fresh = [d for d in buffer if d.sha not in known]
            skipped = len(buffer) - len(fresh)
            self.summary.skipped += skipped
            self.on_progress(skipped)
            return fresh

        for item in items:
            if isinstance(item, Refused):
                self.refuse(item)
                continue
            buffer.append(item)
            if len(buffer) >= self.batch:
                fresh, buffer = flush(), []
                if fresh:
                    yield fresh
        if buffer and (fresh := flush()):
            yield fresh

    def write(self, results: Sequence[Parsed | Rows | Refused]) -> None:
        parsed = [r for r in results if not isinstance(r, Refused)]
        for r in results:
            if isinstance(r, Refused):
                self.refuse(r)
        for saved in self.store.save_many(parsed, who=self.who, collection=self.collection):
            if saved.added:
                self.summary.added += 1
            else:
                self.summary.skipped += 1  # the same text twice in the archive, or stored meanwhile
        self.on_progress(len(parsed))


def ingest_here(run: Run, items: Iterable[Item], gaz: Gazetteer) -> Summary:
    """The same batches, parsed in this process: small inputs, where starting a cluster costs more."""
    start = time.perf_counter()
    for batch in run.new_batches(items):
        run.write(parse_batch(batch, gaz))
    run.summary.seconds = time.perf_counter() - start
    return run.summary


def ingest_on(run: Run, items: Iterable[Item], client: Any, *, cache_dir: Path) -> Summary:
    """Parse on the client's cluster, at most two batches per worker in flight; write as results arrive."""
    from distributed import as_completed

    start = time.perf_counter()
    client.register_plugin(GazetteerOnWorker(str(cache_dir), run.store.aliases()), name=PLUGIN)
    workers = max(1, len(client.scheduler_info()["workers"]))
    run.summary.workers = workers
    batches = run.new_batches(items)
    pending = as_completed()
    names: dict[str, list[str]] = {}

    def submit() -> None:
        batch = next(batches, None)
        if batch is not None:
            future = client.submit(prepare_batch, batch, run.store.postgis, pure=False)
            names[future.key] = [d.name for d in batch]
            pending.add(future)

    for _ in range(2 * workers):
        submit()
    for future in pending:
        try:
            results = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker fails its batch, not the run
            results = [Refused(n, f"its worker failed ({type(exc).__name__})") for n in names[future.key]]
        names.pop(future.key, None)
        future.release()
        run.write(results)
        submit()
    run.summary.seconds = time.perf_counter() - start
    return run.summary


def local_cluster(workers: int) -> Any:
    """A Dask cluster of ``workers`` single-threaded worker processes on this machine (no dashboard)."""
    from distributed import Client, LocalCluster

    quiet()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, silence_logs=logging.WARNING,
                           scheduler_kwargs={"dashboard": False}, worker_dashboard_address=None, memory_limit=None)
    return Client(cluster)


def connect(scheduler: str) -> Any:
    """A client of an existing cluster (``tcp://HOST:PORT``)."""
    from distributed import Client

    quiet()
    return Client(scheduler, timeout="20s")


def quiet() -> None:
    """Dask's own start/stop chatter off this command's stderr; its warnings stay."""
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.WARNING)


def default_workers() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
