"""Event extraction quality on our own annotated corpus (tests/fixtures/events_corpus.jsonl).

Prints per-type precision and recall of (place, type) pairs, then, over the
matched pairs, how often status, actor and date (with its precision) agree.

    python bench/events_quality.py [--corpus FILE]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


from frontline_map.geo.events.extract import EVENT_TYPES  # noqa: E402
from frontline_map.geo.gazetteer import load_gazetteer  # noqa: E402
from frontline_map.geo.io.documents import Document  # noqa: E402
from frontline_map.geo.text.parse import parse_document  # noqa: E402


def score(corpus: Path) -> dict:
    gaz = load_gazetteer()
    tp, fp, fn = Counter(), Counter(), Counter()
    agree = Counter()
    matched = 0
    for line in corpus.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        events = parse_document(Document(item["id"], item["text"], dt.date.fromisoformat(item["published"])),
                                gaz).events
        got = {(e.place, e.type): e for e in events}
        want = {(g["place"], g["type"]): g for g in item["events"]}
        for key, g in want.items():
            if key in got:
                tp[key[1]] += 1
                matched += 1
                e = got[key]
                agree["status"] += e.status == g["status"]
                agree["actor"] += e.actor == g["actor"]
                agree["date"] += (e.date, e.date_precision) == (g["date"], g["date_precision"])
            else:
                fn[key[1]] += 1
        for key in got.keys() - want.keys():
            fp[key[1]] += 1
    return {"tp": tp, "fp": fp, "fn": fn, "agree": agree, "matched": matched}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "fixtures" / "events_corpus.jsonl")
    args = ap.parse_args()
    s = score(args.corpus)
    print(f"{'type':13} {'P':>6} {'R':>6}  tp fp fn")
    for t in EVENT_TYPES:
        tp, fp, fn = s["tp"][t], s["fp"][t], s["fn"][t]
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{t:13} {p:6.2f} {r:6.2f}  {tp:2} {fp:2} {fn:2}")
    tp, fp, fn = (sum(s[k].values()) for k in ("tp", "fp", "fn"))
    print(f"{'all':13} {tp / (tp + fp):6.2f} {tp / (tp + fn):6.2f}  {tp:2} {fp:2} {fn:2}")
    n = s["matched"] or 1
    print("on matched events: " + ", ".join(f"{k} {v / n:.2f}" for k, v in sorted(s["agree"].items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
