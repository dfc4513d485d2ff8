"""Geoparser cost in CPU instructions: warm parses counted by valgrind's callgrind, this tree and a baseline.

Wall-clock throughput on a shared machine drifts by ±10 % between runs; the number of instructions a warm parse
executes does not (to about 0.1 %), so a small change can be measured before a timing could show it.  The parser
runs under callgrind with instrumentation off while Python starts, the gazetteer loads and 20 articles warm the
caches; it is switched on (``callgrind_control -i on``) for ``--articles`` parses of bench/geoparse_speed.py's
corpus and off again after them.

    python bench/geoparse_instructions.py [--articles 60] [--baseline REV]

Needs valgrind (Debian: ``apt-get install valgrind``).  Events are not extracted, as in geoparse_speed.py's warm pass.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The measured process: it signals through files in its working folder, and waits for the switch to be thrown.
_PARSES = """
import os, sys, time
sys.path.insert(0, os.getcwd())
sys.path.insert(0, {bench!r})
from frontline_map.geo.gazetteer import load_gazetteer
from frontline_map.geo.io.documents import Document
from frontline_map.geo.text.parse import parse_document
from geoparse_speed import make_corpus
gaz, docs = load_gazetteer(), make_corpus({n} + 20)
for d in docs[:20]:
    parse_document(Document("x", d), gaz, with_events=False)
open({ready!r}, "w").close()
while not os.path.exists({go!r}):
    time.sleep(0.05)
for d in docs[20:]:
    parse_document(Document("x", d), gaz, with_events=False)
open({done!r}, "w").close()
while os.path.exists({done!r}):
    time.sleep(0.05)
"""


def _wait_for(path: Path, proc: subprocess.Popen[bytes]) -> None:
    while not path.exists():
        if proc.poll() is not None:
            raise SystemExit(f"geoparse_instructions: the parse under valgrind stopped (exit {proc.returncode})")
        time.sleep(0.2)


def instructions(tree: Path, n: int) -> int:
    """Instructions executed by ``n`` warm parses of the tree at ``tree``."""
    work = Path(tempfile.mkdtemp(prefix="geoparse-cg-"))
    ready, go, done, out = work / "ready", work / "go", work / "done", work / "callgrind.out"
    code = _PARSES.format(bench=str(ROOT / "bench"), n=n, ready=str(ready), go=str(go), done=str(done))
    proc = subprocess.Popen(["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
                             sys.executable, "-c", code], cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(ready, proc)
        subprocess.run(["callgrind_control", "-i", "on", str(proc.pid)], check=True, capture_output=True)
        go.touch()
        _wait_for(done, proc)
        subprocess.run(["callgrind_control", "-i", "off", str(proc.pid)], check=True, capture_output=True)
        done.unlink()
        proc.wait(timeout=120)
        for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("totals:"):  # ("summary:" counts from the start, when instrumentation was off)
                return int(line.split()[1])
        raise SystemExit("geoparse_instructions: callgrind wrote no totals")
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=60, help="warm parses counted (default: 60)")
    ap.add_argument("--baseline", default="", help="also count a git revision's parser (run from a worktree)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("geoparse_instructions: valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    here = instructions(ROOT, args.articles)
    print(f"this tree: {here:,} instructions for {args.articles} warm parses ({here / args.articles:,.0f} per article)")
    if args.baseline:
        tmp = Path(tempfile.mkdtemp(prefix="geoparse-cg-base-"))
        base_tree = tmp / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(base_tree), args.baseline], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            base = instructions(base_tree, args.articles)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT, capture_output=True)
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"{args.baseline}: {base:,} instructions for {args.articles} warm parses "
              f"({base / args.articles:,.0f} per article)")
        print(f"this tree against {args.baseline}: {100 * (here - base) / base:+.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
