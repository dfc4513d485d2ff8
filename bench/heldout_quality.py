"""Places and events on our held-out dispatches (bench/heldout/), scored against their frozen annotations.

Prints places precision/recall/F1 (distinct places per dispatch), events precision/recall/F1 of
(place, type) pairs, and, over matched events, how often status, actor and date agree.  The matching
rules are in bench/heldout/README.md.

    python bench/heldout_quality.py [--set a|b|c|d|e|f|g|h|i|j|k|l] [--verbose]
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from geopy.distance import great_circle

ROOT = Path(__file__).resolve().parent.parent
SETS = {"a": ROOT / "bench" / "heldout", "b": ROOT / "bench" / "heldout_b",  # b: written after a was tuned on
        "c": ROOT / "bench" / "heldout_c",  # c: written after a and b were tuned on
        "d": ROOT / "bench" / "heldout_d",  # d: written after a, b and c were tuned on
        "e": ROOT / "bench" / "heldout_e",  # e: written after a to d were tuned on
        "f": ROOT / "bench" / "heldout_f",  # f: written after a to e were tuned on
        "g": ROOT / "bench" / "heldout_g",  # g: written after a to f were tuned on
        "h": ROOT / "bench" / "heldout_h",  # h: written after a to g were tuned on
        "i": ROOT / "bench" / "heldout_i",  # i: written after a to h were tuned on
        "j": ROOT / "bench" / "heldout_j",  # j: written after a to i were tuned on
        "k": ROOT / "bench" / "heldout_k",  # k: written after a to j were tuned on
        "l": ROOT / "bench" / "heldout_l"}  # l: written after a to k were tuned on

from frontline_map.geo.gazetteer import load_gazetteer  # noqa: E402
from frontline_map.geo.io.documents import Document  # noqa: E402
from frontline_map.geo.text.parse import parse_document  # noqa: E402

TOLERANCE_KM = {"settlement": 25.0, "feature": 100.0, "region": 150.0, "district": 150.0}
# which of the parser's kinds may stand for a gold kind when the names differ
COMPATIBLE = {"settlement": {"settlement"}, "feature": {"other", "feature", "settlement"},
              "region": {"region"}, "district": {"region", "settlement"}, "route": {"route"}}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    notes: list[str] = field(default_factory=list)
    axes: list[str] = field(default_factory=list)

    def line(self, label: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{label:8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def _named_after(found: dict, gold: dict) -> bool:
    """A facility named after the gold town ("Saky air base" for Saky): it stands for the town, as a town
    stands for a facility of its name the other way round (COMPATIBLE)."""
    return gold["kind"] == "settlement" and found["kind"] == "other" and found["name"].startswith(gold["name"] + " ")


def _near(found: dict, gold: dict) -> bool:
    if (found["kind"] not in COMPATIBLE[gold["kind"]] and not _named_after(found, gold)) or found.get("lat") is None \
            or gold["kind"] == "route":
        return False
    return great_circle((found["lat"], found["lon"]), (gold["lat"], gold["lon"])).km <= TOLERANCE_KM[gold["kind"]]


def match_places(found: list[dict], gold: list[dict]) -> dict[str, str]:
    """Each found place name → the gold place it stands for: same names first, then the nearest within tolerance."""
    out: dict[str, str] = {}
    free = {g["name"]: g for g in gold}
    for f in found:
        if f["name"] in free:
            out[f["name"]] = free.pop(f["name"])["name"]
    for f in found:
        if f["name"] in out:
            continue
        near = [g for g in free.values() if _near(f, g)]
        if near:
            best = min(near, key=lambda g: great_circle((f["lat"], f["lon"]), (g["lat"], g["lon"])).km)
            out[f["name"]] = free.pop(best["name"])["name"]
    return out


def _score_places(doc_id: str, found: list[dict], gold: list[dict], ignore: list[str], places: Tally) -> dict[str, str]:
    to_gold = match_places(found, gold)
    for f in found:
        if f["name"] in to_gold:
            places.tp += 1
        elif not any(f["surface"].startswith(i) or f["name"] == i for i in ignore):
            places.fp += 1
            places.notes.append(f"{doc_id}: extra place {f['surface']!r} → {f['name']} ({f['kind']})")
    for g in gold:
        if g["name"] not in to_gold.values():
            places.fn += 1
            places.notes.append(f"{doc_id}: missed place {g['name']}")
    return to_gold


def _score_events(doc_id: str, found: list, to_gold: dict[str, str], gold_events: list, optional: list,
                  events: Tally, agree: Counter[str], verbose: bool) -> None:
    got: dict[tuple[str, str], object] = {}
    for e in found:
        if e.type == "axis":  # a kind the annotations (frozen before it existed) do not cover: listed, not scored
            events.axes.append(f"{doc_id}: {e.place}")
            continue
        got.setdefault((to_gold.get(e.place, e.place), e.type), e)
    wanted = {(g[0], t): g for g in gold_events for t in g[1].split("|")}
    allowed = {(p, t) for p, types in optional for t in types.split("|")}
    seen: set[tuple[str, ...]] = set()
    for key, e in got.items():
        g = wanted.get(key)
        if g is None:
            if key not in allowed:
                events.fp += 1
                events.notes.append(f"{doc_id}: extra event {key[0]} {key[1]} ({e.status}, {e.actor})")
            continue
        if tuple(g) in seen:  # a second accepted type of one gold event adds nothing
            continue
        seen.add(tuple(g))
        events.tp += 1
        agree["matched"] += 1
        agree["status"] += e.status == g[2]
        agree["actor"] += e.actor == g[3]
        agree["date"] += (e.date, e.date_precision) == (g[4], g[5])
        if verbose and (e.status, e.actor, e.date) != (g[2], g[3], g[4]):
            events.notes.append(f"{doc_id}: {g[0]} {key[1]} got {e.status}/{e.actor}/{e.date} want {g[2]}/{g[3]}/{g[4]}")
    for g in gold_events:
        if tuple(g) not in seen:
            events.fn += 1
            events.notes.append(f"{doc_id}: missed event {g[0]} {g[1]}")


def load_docs(folder: Path) -> list[tuple]:
    """The annotations of one set: its gold.py's ``DOCS``."""
    spec = importlib.util.spec_from_file_location(f"gold_{folder.name}", folder / "gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.DOCS)


def score(verbose: bool = False, folder: Path = SETS["a"]) -> tuple[Tally, Tally, Counter[str]]:
    gaz = load_gazetteer()
    places, events, agree = Tally(), Tally(), Counter[str]()
    for doc_id, _style, published, gold_places, ignore, gold_events, optional in load_docs(folder):
        text = (folder / f"{doc_id}.txt").read_text(encoding="utf-8")
        parsed = parse_document(Document(doc_id, text, dt.date.fromisoformat(published)), gaz)
        found = list({r["name"]: r for r in parsed.mentions if r["kind"] != "country"}.values())
        gold = [dict(zip(("name", "kind", "lat", "lon"), p, strict=True)) for p in gold_places]
        to_gold = _score_places(doc_id, found, gold, ignore, places)
        _score_events(doc_id, parsed.events, to_gold, gold_events, optional, events, agree, verbose)
    return places, events, agree


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every miss, extra and disagreement")
    ap.add_argument("--set", choices=sorted(SETS), default="a",
                    help="a: bench/heldout (frozen first, then tuned on); b: bench/heldout_b (written later); "
                         "c: bench/heldout_c (written after a and b); d: bench/heldout_d; e: bench/heldout_e; "
                         "f: bench/heldout_f; g: bench/heldout_g; h: bench/heldout_h; i: bench/heldout_i; "
                         "j: bench/heldout_j; k: bench/heldout_k; l: bench/heldout_l (written last)")
    args = ap.parse_args()
    places, events, agree = score(args.verbose, SETS[args.set])
    print(f"{len(load_docs(SETS[args.set]))} dispatches ({SETS[args.set].relative_to(ROOT)})")
    print(places.line("places"))
    print(events.line("events"))
    n = agree.pop("matched", 0) or 1
    print("on matched events: " + ", ".join(f"{k} {v / n:.2f}" for k, v in sorted(agree.items())))
    print(f"axis events (not scored): {len(events.axes)}" + (f": {'; '.join(events.axes)}" if events.axes else ""))
    if args.verbose:
        print("\n".join(places.notes + events.notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
