"""Geoparsing quality on real, annotated news corpora (../shared/bench), scored by geoscore.py.

Runs the parser on each corpus's texts, writes predictions in the scorer's
format and prints the scorer's figures: precision, recall, F1 (exact and
overlapping spans), accuracy within 161 km, AUC, and the end-to-end share.

    python bench/geoparse_quality.py [--datasets geowebnews,lgl] [--limit N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


from frontline_map.geo.gazetteer import load_gazetteer  # noqa: E402
from frontline_map.geo.io.documents import Document  # noqa: E402
from frontline_map.geo.text.parse import parse_document  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
DATASETS = ("geowebnews", "lgl", "trnews", "geovirus")
# GeoWebNews is also scored as "place names only" (its Demonym/Language/Homonym types excluded).
VIEWS = {"geowebnews": [[], ["--ignore-types", "Demonym,Language,Homonym"]]}


def predict(gold: Path, out: Path, *, limit: int | None, demonyms: bool) -> tuple[int, float]:
    gaz = load_gazetteer()
    n, t0 = 0, time.perf_counter()
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if limit is not None and n >= limit:
                break
            doc = json.loads(line)
            rows = parse_document(Document(doc["id"], doc["text"]), gaz, demonyms=demonyms, with_events=False).mentions
            tops = [{"start": r["start"], "end": r["end"], "lat": r["lat"], "lon": r["lon"]} for r in rows]
            dst.write(json.dumps({"id": doc["id"], "toponyms": tops}) + "\n")
            n += 1
    return n, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    ap.add_argument("--demonyms", action="store_true",
                    help="also report demonyms (\"Russian\") as their country, as GeoWebNews annotates them")
    ap.add_argument("--keep", type=Path, default=None, help="keep prediction files in this folder")
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the benchmark corpora live in ../shared/bench)")
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geoparse-quality-"))
    folder.mkdir(parents=True, exist_ok=True)
    for name in args.datasets.split(","):
        gold = SHARED / name / f"{name}.jsonl"
        pred = folder / f"{name}.pred.jsonl"
        n, secs = predict(gold, pred, limit=args.limit, demonyms=args.demonyms)
        mode = " (demonyms on)" if args.demonyms else ""
        print(f"== {name}{mode}: {n} documents parsed in {secs:.1f} s")
        for extra in VIEWS.get(name, [[]]):
            cmd = [sys.executable, str(SHARED / "geoscore.py"), str(gold), str(pred), *extra]
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            label = " ".join(extra) or "all gold toponyms"
            print(f"-- {label}\n{res.stdout.strip()}\n{res.stderr.strip()}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
