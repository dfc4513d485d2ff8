"""Geoparser speed: cold start, warm throughput and peak memory.

- cold start: a fresh Python process (index cache already built) imports the
  parser, loads the gazetteer and parses one article; wall time from spawn.
- warm throughput: articles per second over a corpus of real-sized articles
  (~600 words, generated from our own sentences about the war), one core.
- peak memory: maximum resident set size of the warm process.

    python bench/geoparse_speed.py [--articles 600] [--baseline REV [--rounds 4]]
"""
from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


SENTENCES = [
    "Russian forces shelled {a} and {b} overnight, the regional governor said on Telegram.",
    "Ukrainian troops pushed back an assault near {a}, according to the General Staff.",
    "The road between {a} and {b} has come under regular artillery fire since the spring.",
    "Residents of {a} queued for water after a strike damaged the pumping station.",
    "Military analysts said the fall of {a} would expose the approaches to {b}.",
    "President Volodymyr Zelensky visited soldiers in {a} and promised more air defence.",
    "The UK Ministry of Defence said Wagner fighters had likely advanced north of {a}.",
    "Aid convoys from Poland and Germany reached {a} on Tuesday, officials in Kyiv said.",
    "Drone footage showed destroyed armour on the outskirts of {a}.",
    "Oleksandr Syrskyi, the commander of the ground forces, said the situation near {a} was difficult.",
    "A missile hit an apartment block in {a}, killing four people, the mayor said.",
    "Fighting continued for the village of {a}, which changed hands several times this month.",
    "The M03 highway and the H32 road remain the main supply lines into {a}.",
    "Nato allies met in Brussels to discuss longer-range weapons for Ukraine.",
    "Moscow claimed its troops had captured {a}, a claim denied by Ukrainian officials.",
]
PLACES = ["Bakhmut", "Soledar", "Kostiantynivka", "Chasiv Yar", "Kramatorsk", "Sloviansk", "Avdiivka",
          "Kupiansk", "Kreminna", "Lyman", "Siversk", "Kherson", "Zaporizhzhia", "Robotyne", "Orikhiv",
          "Vuhledar", "Marinka", "Pokrovsk", "Kharkiv", "Izium", "Bilohorivka", "Klishchiivka", "Toretsk"]


def make_corpus(n: int, *, words: int = 600, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            a, b = rng.sample(PLACES, 2)
            parts.append(rng.choice(SENTENCES).format(a=a, b=b))
            if rng.random() < 0.2:
                parts.append("\n\n")
        docs.append(" ".join(parts))
    return docs


def _real_articles() -> list[str]:
    """Texts of real news articles from ../shared/bench, when it is there."""
    import json

    shared = ROOT.parent / "shared" / "bench"
    texts = []
    for name in ("geowebnews", "lgl"):
        path = shared / name / f"{name}.jsonl"
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").split("\n") if line]
    return texts


def cold_start() -> float:
    code = ("from frontline_map.geo.gazetteer import load_gazetteer; from frontline_map.geo.io.documents import Document; "
            "from frontline_map.geo.text.parse import parse_document; from bench.geoparse_speed import make_corpus; "
            "g = load_gazetteer(); parse_document(Document('x', make_corpus(1)[0]), g, with_events=False)")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - t0


# One process of the side-by-side comparison: the tree in the working directory, three warm passes.
_PASSES = """
import sys, time
sys.path.insert(0, ".")
from frontline_map.geo.gazetteer import load_gazetteer
from frontline_map.geo.io.documents import Document
from frontline_map.geo.text.parse import parse_document
sys.path.insert(0, {bench!r})
from geoparse_speed import make_corpus
gaz, docs = load_gazetteer(), make_corpus({n})
parse_document(Document("x", docs[0]), gaz, with_events=False)
for _ in range(3):
    t0 = time.perf_counter()
    for d in docs:
        parse_document(Document("x", d), gaz, with_events=False)
    print({n} / (time.perf_counter() - t0))
"""


def side_by_side(rev: str, rounds: int, n: int) -> None:
    """Warm throughput of this tree and of revision ``rev`` (a git worktree), in alternating fresh processes,
    so that both see the same machine: a shared 2-core box drifts by several per cent within minutes."""
    import shutil
    import statistics
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="speed-base-"))
    base = tmp / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(base), rev], cwd=ROOT, check=True, capture_output=True)
    code = _PASSES.format(bench=str(ROOT / "bench"), n=n)
    got: dict[str, list[float]] = {"this tree": [], rev: []}
    try:
        for _ in range(rounds):
            for label, cwd in ((rev, base), ("this tree", ROOT)):
                out = subprocess.run([sys.executable, "-c", code], cwd=cwd, check=True, capture_output=True, text=True)
                got[label] += [float(x) for x in out.stdout.split()]
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
    for label, values in got.items():
        print(f"warm, side by side ({rounds} rounds x 3 passes of {n} articles, alternating): {label}: "
              f"mean {statistics.mean(values):.0f} articles/s (min {min(values):.0f}, max {max(values):.0f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--baseline", default="", help="also compare warm throughput with this git revision, side by side")
    ap.add_argument("--rounds", type=int, default=4, help="alternating rounds of the side-by-side comparison")
    args = ap.parse_args()
    if args.baseline:
        side_by_side(args.baseline, args.rounds, args.articles)
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.io.documents import Document
    from frontline_map.geo.text.parse import parse_document

    def parse_records(text: str, gaz: object) -> list[object]:
        return parse_document(Document("x", text), gaz, with_events=False).mentions  # type: ignore[arg-type]

    def parse_events(text: str, gaz: object, *, published: object) -> list[object]:
        return parse_document(Document("x", text, published), gaz).events  # type: ignore[arg-type]

    from frontline_map.geo.gazetteer import index_path

    load_gazetteer()  # make sure the cache exists before timing the cold start
    path = index_path()
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    print(f"gazetteer index: {len(gaz.names):,} places, {len(gaz.index):,} names, {path.stat().st_size / 2**20:.1f} MiB "
          f"on disk; loaded in {time.perf_counter() - t0:.2f} s ({path.name})")
    colds = sorted(cold_start() for _ in range(3))
    print(f"cold start (fresh process -> first article parsed): median {colds[1]:.2f} s "
          f"(min {colds[0]:.2f}, max {colds[2]:.2f})")
    docs = make_corpus(args.articles)
    words = sum(len(d.split()) for d in docs)
    parse_records(docs[0], gaz)
    t0 = time.perf_counter()
    mentions = sum(len(parse_records(d, gaz)) for d in docs)
    secs = time.perf_counter() - t0
    print(f"warm: {len(docs)} articles ({words / len(docs):.0f} words each, {mentions} mentions) in {secs:.2f} s "
          f"= {len(docs) / secs:.0f} articles/s, {words / secs / 1000:.0f}k words/s")
    import datetime as dt

    published = dt.date(2023, 2, 6)
    t0 = time.perf_counter()
    n_events = sum(len(parse_events(d, gaz, published=published)) for d in docs)
    esecs = time.perf_counter() - t0
    print(f"with events: {len(docs)} articles ({n_events} events) in {esecs:.2f} s = {len(docs) / esecs:.0f} "
          f"articles/s; events add {100 * (esecs - secs) / secs:.0f}% to parse time")
    real = _real_articles()
    if real:
        t0 = time.perf_counter()
        for d in real:
            parse_records(d, gaz)
        p = time.perf_counter() - t0
        t0 = time.perf_counter()
        for d in real:
            parse_events(d, gaz, published=published)
        e = time.perf_counter() - t0
        print(f"real news ({len(real)} GeoWebNews + LGL articles): parse {len(real) / p:.0f} articles/s, "
              f"with events {len(real) / e:.0f} articles/s; events add {100 * (e - p) / p:.0f}%")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
