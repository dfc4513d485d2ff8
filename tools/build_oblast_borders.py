"""Build data/ua_oblast_borders.geojson: the lines between Ukraine's oblasts, for the offline base map.

    python tools/build_oblast_borders.py OBLAST_GEOJSON --out data/ua_oblast_borders.geojson

OBLAST_GEOJSON is Ukraine's 2020 oblast polygons from the Ministry for Communities and Territories
Development (atu.decentralization.gov.ua, licence CC BY-SA, "© Мінрегіон"), as mirrored in
github.com/justinelliotmeyers/Ukraine_2020 (``oblast.geojson``).  Only the borders *between* oblasts
are kept: the state border and the coast come from Natural Earth (tools/build_basemap.py), so they
are not drawn twice.  The lines are simplified to about 300 m, which is finer than any zoom at which
the base is the only thing a reader sees.  The output is CC BY-SA like its source.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

SIMPLIFY_DEG = 0.003
EDGE_DEG = 0.004  # a shared border this close to the country's outline is the state border or the coast


def build(path: Path) -> dict[str, Any]:
    """Inner oblast borders as one MultiLineString feature (kind "oblast")."""
    shapes = [shape(f["geometry"]) for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    country = shapely.unary_union(shapes)
    edges = shapely.unary_union([s.boundary for s in shapes])  # shared borders merge into one line
    inner = edges.difference(country.boundary.buffer(EDGE_DEG))
    inner = shapely.line_merge(inner) if inner.geom_type == "MultiLineString" else inner
    inner = inner.simplify(SIMPLIFY_DEG, preserve_topology=False)
    parts = [p for p in getattr(inner, "geoms", [inner]) if p.length > 0]
    geom = shapely.set_precision(shapely.MultiLineString(parts), 0.0001)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kind": "oblast", "name": "", "rank": 5}, "geometry": mapping(geom)}]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("oblasts", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    if not args.oblasts.is_file():
        print(f"error: {args.oblasts} is not a file; see this script's docstring for where to get it", file=sys.stderr)
        return 2
    data = build(args.oblasts)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    n = len(data["features"][0]["geometry"]["coordinates"])
    print(f"wrote {args.out}: {args.out.stat().st_size:,} bytes, {n} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
