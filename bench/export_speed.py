"""Export speed on the demo corpus at 1600x900: browser (headless Chromium) and static (matplotlib).

    python bench/export_speed.py
"""
from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


from frontline_map.geo.analysis.routes import route_lines  # noqa: E402
from frontline_map.geo.events.extract import merge_corpus_events  # noqa: E402
from frontline_map.geo.gazetteer import load_gazetteer  # noqa: E402
from frontline_map.geo.io.documents import read_document  # noqa: E402
from frontline_map.geo.text.parse import events_to_gdf, parse_document  # noqa: E402
from frontline_map.layers import export, routes  # noqa: E402
from frontline_map.layers.scene import Scene  # noqa: E402


def main() -> int:
    gaz = load_gazetteer()
    found = []
    for path in sorted((ROOT / "data" / "demo").glob("*.txt")):
        doc = read_document(str(path))
        found += parse_document(doc, gaz).events
    events = events_to_gdf(merge_corpus_events(found))
    scene = Scene(events, route_lines(gaz), routes.route_status(events), None, "Bakhmut", dt.date(2023, 5, 21),
                  "everything so far", (37.4, 48.3, 38.5, 49.0))
    with tempfile.TemporaryDirectory() as tmp:
        for engine in ("static", "browser"):
            if engine == "browser" and export.find_chromium() is None:
                print("browser: skipped (no Chromium)")
                continue
            times = []
            for k in range(3):
                t0 = time.perf_counter()
                export.to_image(scene, Path(tmp) / f"{engine}{k}.png", (1600, 900), engine=engine)
                times.append(time.perf_counter() - t0)
            print(f"{engine} PNG 1600x900: median {statistics.median(times):.2f} s (runs: "
                  + ", ".join(f"{t:.2f}" for t in times) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
