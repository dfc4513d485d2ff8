"""Route-threat speed: a year of daily control layers x 20 routes (synthetic, in memory and on disk).

Each day's layer is a few thousand-vertex polygons advancing slowly westward across
eastern Ukraine; routes are our five roads plus fifteen generated ones.

    python bench/routes_speed.py
"""
from __future__ import annotations

import datetime as dt
import math
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
from shapely.geometry import LineString, Polygon

ROOT = Path(__file__).resolve().parent.parent


from frontline_map.geo.analysis.control import load_control_series  # noqa: E402
from frontline_map.geo.analysis.routes import route_lines  # noqa: E402
from frontline_map.geo.analysis.threat import analyse  # noqa: E402
from frontline_map.geo.gazetteer import load_gazetteer  # noqa: E402


def blob(lon: float, lat: float, r: float, n: int = 1500) -> Polygon:
    return Polygon([(lon + r * math.cos(2 * math.pi * k / n) * (1 + 0.05 * math.sin(7 * k / n * 6.28)),
                     lat + 0.6 * r * math.sin(2 * math.pi * k / n)) for k in range(n)])


def main() -> int:
    gaz = load_gazetteer()
    roads = route_lines(gaz)
    extra = [{"ref": f"X{i:02d}", "name": "synthetic", "approximate": True, "settlements": "",
              "geometry": LineString([(36.0 + 0.1 * i, 47.5), (37.0 + 0.1 * i, 48.5), (37.5 + 0.1 * i, 49.5)])}
             for i in range(15)]
    routes = gpd.GeoDataFrame(list(roads.to_dict("records")) + extra, geometry="geometry", crs="EPSG:4326")
    start = dt.date(2023, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(365):
            day = start + dt.timedelta(days=k)
            layer = gpd.GeoDataFrame({"fill": ["#a52714"] * 2},
                                     geometry=[blob(39.0 - k * 0.002, 48.3, 0.9), blob(35.5, 46.6, 0.8)], crs=4326)
            layer.to_file(Path(tmp) / f"occupied_{day.isoformat()}.geojson", driver="GeoJSON")
        t0 = time.perf_counter()
        series = load_control_series([tmp])
        load = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = analyse(routes, series, range_km=15)
    secs = time.perf_counter() - t0
    print(f"{len(series)} daily layers x {len(routes)} routes = {len(rows)} route-days: analysed in {secs:.2f} s "
          f"(loading the 365 GeoJSON files took {load:.2f} s more)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
