"""``frontline routes``: km of each supply road cut, within range, or clear, per control-layer date."""
from __future__ import annotations

import argparse
import json

from frontline_map.cli.common import bbox_arg, csv_text, date_arg, emit, note, positive_float, settings
from frontline_map.geo.errors import InputError

NAME = "routes"
HELP = "km of each supply road cut, within fire range, or clear, per control-layer date"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        NAME, help=HELP,
        description="Measure each road against dated control-area layers (one file per date with "
                    "YYYY-MM-DD or YYYYMMDD in its name, or a 'date' property): km inside enemy-held area "
                    "(cut), km within --range-km of it (threatened), km clear. Lengths are computed in a UTM "
                    "zone, never in degrees. Roads are the approximate lines of data/routes.csv unless "
                    "--routes gives exact geometry.",
        epilog="control polygons: every polygon part of every feature, z dropped, validity repaired; points and\n"
               "lines are ignored. --select COLUMN=V1,V2 keeps only features with those property values (files\n"
               "without that column are taken whole); --preset deepstate = fill=#a52714,#880e4f (occupied\n"
               "since 2022, and since 2014 with Crimea). --bbox drops stray far-off vertices.\n"
               "range presets: mortar 6 km, tube artillery 15 km, Grad 20 km, HIMARS/Smerch 70 km.\n"
               "keys: route date km_cut km_threatened km_clear",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--control", required=True, nargs="+", metavar="DIR_OR_FILE",
                   help="control-area files or folders of them")
    p.add_argument("--routes", metavar="FILE", help="exact road geometry (GeoJSON/KML/GPX/GPKG)")
    p.add_argument("--range-km", type=positive_float, default=15.0, help="fire range in km (default: %(default)s)")
    p.add_argument("--side", choices=("ukraine", "russia"), default="ukraine",
                   help="whose roads: the enemy is the other side's area (default: %(default)s)")
    p.add_argument("--from", dest="start", type=date_arg, metavar="YYYY-MM-DD", help="first date")
    p.add_argument("--to", dest="end", type=date_arg, metavar="YYYY-MM-DD", help="last date")
    p.add_argument("--select", action="append", default=[], metavar="COLUMN=V1,V2",
                   help="keep control features whose property COLUMN is one of the values")
    p.add_argument("--preset", choices=("deepstate",), help="a known export's selection")
    p.add_argument("--bbox", type=bbox_arg, metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="clip control layers to a box")
    p.add_argument("--format", choices=("csv", "jsonl", "geojson"), default="csv", help="output format (default: csv)")
    p.add_argument("-o", "--output", metavar="OUT", default="-", help="output file (default: stdout)")
    p.set_defaults(run=run)


def _selection(args: argparse.Namespace) -> dict[str, list[str]]:
    from frontline_map.geo.analysis.control import DEEPSTATE_OCCUPIED

    where: dict[str, list[str]] = {"fill": list(DEEPSTATE_OCCUPIED)} if args.preset == "deepstate" else {}
    for item in args.select:
        column, _, values = item.partition("=")
        if not column or not values:
            raise InputError("--select", f"{item!r} is not COLUMN=V1,V2")
        where[column] = values.split(",")
    return where


def run(args: argparse.Namespace) -> int:
    from frontline_map.geo.analysis.control import load_control_series
    from frontline_map.geo.analysis.routes import combine_routes, load_route_file, route_lines
    from frontline_map.geo.analysis.threat import analyse
    from frontline_map.geo.gazetteer import load_gazetteer

    where = _selection(args)
    gaz = load_gazetteer(directory=settings().cache_dir)
    lines = route_lines(gaz)
    if args.routes:
        lines = combine_routes(lines, load_route_file(args.routes, gaz))
    series = load_control_series(args.control, where=where, bbox=args.bbox, on_rule=note)
    if not series:
        raise InputError("--control", "holds no control-area files (.geojson, .kml, .kmz, .gpkg)")
    rows = [r.as_row() for r in analyse(lines, series, range_km=args.range_km, side=args.side,
                                        start=args.start, end=args.end)]
    if not rows:
        raise InputError("--from/--to", "no control layer falls in that date range")
    if args.format == "csv":
        text = csv_text(rows)
    elif args.format == "jsonl":
        text = "".join(json.dumps(r) + "\n" for r in rows)
    else:
        geoms = dict(zip(lines["ref"], lines.geometry, strict=True))
        feats = [{"type": "Feature", "properties": r, "geometry": geoms[r["route"]].__geo_interface__} for r in rows]
        text = json.dumps({"type": "FeatureCollection", "features": feats})
    emit(text, args.output)
    return 0
