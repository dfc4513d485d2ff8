"""``frontline export``: the map of a date as an image, page or data file, or a time-lapse."""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

from frontline_map.cli.common import (
    Articles,
    add_store_option,
    bbox_arg,
    center_arg,
    date_arg,
    note,
    open_store,
    positive_float,
    positive_int,
    progress_bar,
    settings,
    zoom_arg,
)
from frontline_map.geo.errors import InputError

NAME = "export"
HELP = "the map of a date as PNG/PDF/SVG/HTML, its data as GeoJSON/GPKG/KML/CSV, or a time-lapse"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        NAME, help=HELP,
        description="Keep the events of --date (everything so far, or the last --days days) of the articles given, "
                    "or with no FILE of the shared corpus (the store, read as stored: nothing is parsed), and write "
                    "the map or its data. PNG and PDF come from headless Chromium (the dashboard's own map) when it "
                    "is installed, else from the static matplotlib engine; --engine chooses. With --from/--to/"
                    "--step-days, --out .gif or .mp4 makes a time-lapse, one dated frame per step.",
        epilog="sizes: WIDTHxHEIGHT or social (1200x675), 1600x900, a4 (A4 landscape at 150 dpi); --scale 2 doubles\n"
               "the pixels. Files are written whole or not at all (temporary name, then rename).\n"
               "exit status: 0 the file is complete; 1 some article could not be read; 2 bad usage or nothing to show.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE", help="article files, or - for standard input "
                                                            "(none: the shared corpus in the store)")
    p.add_argument("--out", required=True, metavar="PATH",
                   help="map.png|.pdf|.svg|.html, data.geojson|.gpkg|.kml|.csv, or timelapse.gif|.mp4")
    p.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="the map's date (default: the newest event)")
    p.add_argument("--days", type=positive_int, metavar="N", help="only the last N days (default: everything so far)")
    p.add_argument("--published", type=date_arg, metavar="YYYY-MM-DD", help="publication date of the articles")
    p.add_argument("--size", default="1600x900", help="image size (default: %(default)s)")
    p.add_argument("--scale", type=positive_float, default=1.0, help="pixel density, e.g. 2 (default: %(default)s)")
    p.add_argument("--engine", choices=("auto", "browser", "static"), default="auto",
                   help="image engine (default: auto = browser when Chromium is found)")
    p.add_argument("--title", default="Frontline Map", help="title above the map")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--bbox", type=bbox_arg, metavar="MINLON,MINLAT,MAXLON,MAXLAT",
                       help="map extent (default: fit the events)")
    where.add_argument("--center", type=center_arg, metavar="LAT,LON",
                       help="map centre, with --zoom: the view a browser window of --size shows")
    p.add_argument("--zoom", type=zoom_arg, metavar="Z", help="web-map zoom (0-18) for --center")
    p.add_argument("--control", nargs="+", metavar="DIR_OR_FILE", help="dated control-area layers to draw")
    p.add_argument("--preset", choices=("deepstate",), help="select DeepState's occupied areas")
    p.add_argument("--from", dest="start", type=date_arg, metavar="YYYY-MM-DD", help="time-lapse: first date")
    p.add_argument("--to", dest="end", type=date_arg, metavar="YYYY-MM-DD", help="time-lapse: last date")
    p.add_argument("--step-days", type=positive_int, default=1, metavar="N", help="time-lapse: days per frame")
    add_store_option(p)
    p.set_defaults(run=run)


def _check(args: argparse.Namespace) -> tuple[Path, tuple[int, int]]:
    from frontline_map.geo.io.atomic import check_writable_target
    from frontline_map.layers import export
    from frontline_map.layers.scene import parse_size

    out = Path(args.out)
    try:
        size = parse_size(args.size)
    except ValueError as exc:
        raise InputError("--size", str(exc)) from None
    if (args.center is None) != (args.zoom is None):
        raise InputError("--center/--zoom", "give both, e.g. --center 48.59,38.0 --zoom 11")
    if args.center is not None:
        from frontline_map.layers.scene import view_box

        lat, lon = args.center
        args.bbox = view_box(lat, lon, args.zoom, size)
    if not 0.5 <= args.scale <= 4:
        raise InputError("--scale", f"{args.scale} is out of range; use 0.5 to 4")
    suffix = out.suffix.lower()
    known = {*export.IMAGE_FORMATS, ".html", *export.DATA_FORMATS, ".gif", ".mp4"}
    if suffix not in known:
        raise InputError(str(out), f"unknown format {suffix or '(none)'}; use one of {', '.join(sorted(known))}")
    check_writable_target(out)
    return out, size


def _events(args: argparse.Namespace) -> tuple[list[Any], int]:
    """Events of the files (parsed once, here) or of the store (read as stored)."""
    from frontline_map import services
    from frontline_map.geo.events.extract import merge_corpus_events
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.text.parse import parse_document

    config = settings()
    if not args.files:
        return services.corpus_events(open_store(args.db, config)), 0
    gaz = load_gazetteer(directory=config.cache_dir)
    articles = Articles(args.files, date=args.published)
    found = [e for doc in articles for e in parse_document(doc, gaz).events]
    return merge_corpus_events(found), articles.failed


def run(args: argparse.Namespace) -> int:
    from frontline_map.geo.analysis.control import DEEPSTATE_OCCUPIED, latest_on_or_before, load_control_series
    from frontline_map.geo.analysis.routes import route_lines
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.text.parse import events_to_gdf
    from frontline_map.layers import export, routes
    from frontline_map.layers.scene import Scene
    from frontline_map.layers.timefilter import corpus_dates, filter_by_date, window

    out, size = _check(args)
    found, failed = _events(args)
    events = events_to_gdf(found)
    span = corpus_dates(events)
    series = {}
    if args.control:
        where = {"fill": list(DEEPSTATE_OCCUPIED)} if args.preset == "deepstate" else None
        series = load_control_series(args.control, where=where, on_rule=note)
    lines = route_lines(load_gazetteer(directory=settings().cache_dir))
    mode = "window" if args.days else "cumulative"
    period = f"last {args.days} days" if args.days else "everything so far"

    def scene_for(day: dt.date | None) -> Scene:
        shown = events if day is None else filter_by_date(events, *window(day, mode=mode, days=args.days or 1))
        latest = latest_on_or_before(series, day) if (series and day) else None
        return Scene(shown, lines, routes.route_status(shown), latest[1] if latest else None, args.title, day,
                     period, args.bbox)

    if out.suffix.lower() in (".gif", ".mp4"):
        if not (args.start and args.end):
            raise InputError("--out", "a time-lapse needs --from and --to")
        days = export.frame_dates(args.start, args.end, args.step_days)
        with progress_bar(len(days), "frames") as bar:
            export.timelapse((scene_for(d) for d in days), out, size, on_frame=lambda _k: bar.update())
        note(f"wrote {out} ({len(days)} frames)")
        return 1 if failed else 0
    day = args.date or (span[1] if span else None)
    scene = scene_for(day)
    if scene.events.empty and scene.control is None:
        raise InputError("--date", f"nothing to show on {day}: no event falls in that window")
    if out.suffix.lower() in export.DATA_FORMATS:
        export.to_data(scene, out)
    elif out.suffix.lower() == ".html":
        export.to_html(scene, out)
    else:
        chromium = settings().chromium
        if args.engine == "auto" and export.find_chromium(chromium) is None:
            note("no Chromium found; using the static engine")
        elif args.engine == "auto" and importlib.util.find_spec("playwright") is None:
            note("playwright is not installed (pip install 'frontline-map[browser]'); using the static engine")
        _, used = export.to_image(scene, out, size, scale=args.scale, engine=args.engine, chromium=chromium)
        note(f"wrote {out} ({used} engine)")
    return 1 if failed else 0
