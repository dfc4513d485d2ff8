"""M03 and H32 against the real 2023 DeepStateMap layers (../shared/data): km cut / within range / clear.

Uses our approximate road lines, and for the M03 also the surveyed 2017 road-authority line in
../shared/data/roads, so the two can be compared.  Prints one row per road and date.

    python bench/routes_deepstate.py [--range-km 15]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


from frontline_map.geo.analysis.control import DEEPSTATE_OCCUPIED, load_control_series  # noqa: E402
from frontline_map.geo.analysis.routes import load_route_file, route_lines  # noqa: E402
from frontline_map.geo.analysis.threat import analyse, distance_to_enemy_km  # noqa: E402
from frontline_map.geo.gazetteer import load_gazetteer  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--range-km", type=float, default=15.0)
    args = ap.parse_args()
    if not (DATA / "deepstate").exists():
        print(f"skipped: {DATA / 'deepstate'} is absent")
        return 0
    gaz = load_gazetteer()
    t0 = time.perf_counter()
    series = load_control_series([DATA / "deepstate"], where={"fill": DEEPSTATE_OCCUPIED})
    series = {d: g for d, g in series.items() if d.year == 2023}
    load = time.perf_counter() - t0
    approx = route_lines(gaz)
    approx = approx[approx["ref"].isin(["M03", "H32"])]
    surveyed = load_route_file(DATA / "roads" / "donetsk_M03_H20_datagovua2017.geojson", gaz)
    surveyed = surveyed[surveyed["ref"] == "M03"].assign(ref="M03 (surveyed, Donetsk oblast part)")
    clip_m03 = approx.copy()
    t0 = time.perf_counter()
    rows = analyse(clip_m03, series, range_km=args.range_km) + analyse(surveyed, series, range_km=args.range_km)
    secs = time.perf_counter() - t0
    from shapely.geometry import Point

    print(f"{'date':10}  {'road':38} {'cut km':>7} {'<=' + str(args.range_km) + ' km':>8} {'clear km':>9}")
    for r in sorted(rows, key=lambda r: (r.date, r.route)):
        print(f"{r.date}  {r.route:38} {r.km_cut:7.1f} {r.km_threatened:8.1f} {r.km_clear:9.1f}")
    bakhmut = Point(37.99886, 48.59419)
    print("Bakhmut centre to occupied area: " + ", ".join(
        f"{d}: {distance_to_enemy_km(bakhmut, g):.1f} km" for d, g in series.items()))
    print(f"loaded {len(series)} layers in {load:.1f} s; analysed {len(rows)} road-days in {secs:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
