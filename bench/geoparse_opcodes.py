"""Where a warm parse spends the interpreter's work: Python opcodes executed per function.

Counted with ``sys.settrace`` and ``frame.f_trace_opcodes`` over ``--articles`` warm parses of
bench/geoparse_speed.py's corpus (after 20 that warm the caches).  Exact and repeatable, unlike a timer's
samples; work done inside C (regular expressions, dict lookups) is not counted: for that, see
bench/geoparse_instructions.py.

    python bench/geoparse_opcodes.py [--articles 20] [--top 25]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20, help="warm parses counted (default: 20)")
    ap.add_argument("--top", type=int, default=25, help="functions listed (default: 25)")
    args = ap.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # the tree this script lies in, not only the installed one
    from geoparse_speed import make_corpus

    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.io.documents import Document
    from frontline_map.geo.text.parse import parse_document

    gaz, docs = load_gazetteer(), make_corpus(20 + args.articles)
    for d in docs[:20]:
        parse_document(Document("x", d), gaz, with_events=False)
    ops: Counter[tuple[str, str]] = Counter()

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        frame.f_trace_opcodes = True
        if event == "opcode":
            ops[(Path(frame.f_code.co_filename).name, frame.f_code.co_name)] += 1
        return tracer

    sys.settrace(tracer)
    try:
        for d in docs[20:]:
            parse_document(Document("x", d), gaz, with_events=False)
    finally:
        sys.settrace(None)
    total = sum(ops.values())
    print(f"{total / args.articles:,.0f} opcodes per article ({args.articles} warm parses)")
    for (file, name), n in ops.most_common(args.top):
        print(f"{100 * n / total:5.1f} %  {n / args.articles:9,.0f}  {file}:{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
