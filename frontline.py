"""frontline: find, geocode and map the places that war reporting names.

The command-line face of Frontline Map.  It only reads arguments, calls geo/
and layers/, and turns errors into one-line messages with a non-zero exit.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from geo.errors import FrontlineError, InputError
from geo.output import FORMATS

EXAMPLES = """\
examples:
  frontline parse article.txt --date 2023-02-06
  frontline parse a.txt b.html --format geojson -o places.geojson
  cat article.txt | frontline parse - --format csv
  frontline events article.txt --date 2023-02-06 --format geojson -o events.geojson
  frontline routes --control deepstate/ --preset deepstate --from 2023-01-01 --to 2023-05-31
  frontline export data/demo/*.txt --date 2023-03-01 --out map.png --size 1600x900 --scale 2
  frontline export data/demo/*.txt --from 2023-01-10 --to 2023-05-21 --step-days 7 --out timelapse.gif
  frontline gazetteer search Artemivsk
"""


def _article_options(p: argparse.ArgumentParser) -> None:
    """The inputs and outputs `parse` and `events` share."""
    p.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for standard input")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="publication date of the articles (default: from HTML metadata or the file name)")
    p.add_argument("--format", choices=FORMATS, default="jsonl",
                   help="output format (default: jsonl)")
    p.add_argument("-o", "--output", metavar="OUT", default="-",
                   help="output file (default: standard output; required for gpkg)")
    p.add_argument("--max-mb", type=float, default=20, metavar="MB",
                   help="refuse files larger than this (default: %(default)s)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="frontline",
        description="Find every place that war reporting names, geocode it offline, and map it.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    parse = sub.add_parser(
        "parse", help="list the places that articles name (one row per mention)",
        description="Recognise and geocode every place mention in the articles. Plain text, Markdown "
                    "and HTML files are read; '-' reads standard input. Offsets index the text as "
                    "decoded UTF-8 (BOM stripped; for HTML, the extracted article text).",
        epilog="exit status: 0 all files parsed, 1 some file could not be read, 2 bad usage.\n"
               "jsonl keys: doc start end surface name kind lat lon geonameid country confidence\n"
               "            (then admin1 date sentence alternatives)",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _article_options(parse)
    parse.add_argument("--online", action="store_true",
                       help="ask a Nominatim server about names the offline gazetteer lacks (off by default)")
    parse.add_argument("--nominatim-url", metavar="URL", default="https://nominatim.openstreetmap.org",
                       help="Nominatim server for --online (default: %(default)s)")
    parse.add_argument("--demonyms", action="store_true",
                       help="also report demonyms ('Russian', 'Ukrainians') as their country, as GeoWebNews "
                            "annotates them (off by default: 'Russian forces' is not a place on a map)")
    parse.add_argument("-q", "--quiet", action="store_true", help="do not report unresolved names on stderr")

    events = sub.add_parser(
        "events", help="list what happened where, when, and according to whom (one row per event)",
        description="Find the events the articles tell at each place: fighting, strike, capture, advance, "
                    "withdrawal, route_threat, casualties; who acted, when, who says so, and whether it is "
                    "reported, claimed, denied or contested. Events told by several articles are merged "
                    "into one with all their sources (--no-merge keeps one row per article).",
        epilog="exit status: 0 all files parsed, 1 some file could not be read, 2 bad usage.\n"
               "jsonl keys: doc place kind lat lon type date date_precision actor source status sentence\n"
               "            start end (then unit denied_by date_from sources docs)\n"
               "dates: relative dates (yesterday, last month, on Tuesday) need the publication date;\n"
               "       without one they are 'unknown', never guessed.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _article_options(events)
    events.add_argument("--no-merge", action="store_true", help="keep one row per article and event")

    routes = sub.add_parser(
        "routes", help="km of each supply road cut, within fire range, or clear, per control-layer date",
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
    routes.add_argument("--control", required=True, nargs="+", metavar="DIR_OR_FILE",
                        help="control-area files or folders of them")
    routes.add_argument("--routes", metavar="FILE", help="exact road geometry (GeoJSON/KML/GPX/GPKG)")
    routes.add_argument("--range-km", type=float, default=15.0, help="fire range in km (default: %(default)s)")
    routes.add_argument("--side", choices=("ukraine", "russia"), default="ukraine",
                        help="whose roads: the enemy is the other side's area (default: %(default)s)")
    routes.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first date")
    routes.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last date")
    routes.add_argument("--select", action="append", default=[], metavar="COLUMN=V1,V2",
                        help="keep control features whose property COLUMN is one of the values")
    routes.add_argument("--preset", choices=("deepstate",), help="a known export's selection")
    routes.add_argument("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="clip control layers to a box")
    routes.add_argument("--format", choices=("csv", "jsonl", "geojson"), default="csv",
                        help="output format (default: csv)")
    routes.add_argument("-o", "--output", metavar="OUT", default="-", help="output file (default: stdout)")

    export = sub.add_parser(
        "export", help="the map of a date as PNG/PDF/SVG/HTML, its data as GeoJSON/GPKG/KML/CSV, or a time-lapse",
        description="Parse the articles, keep the events of --date (everything so far, or the last --days days), "
                    "and write the map or its data. PNG and PDF come from headless Chromium (the dashboard's own "
                    "map) when it is installed, else from the static matplotlib engine; --engine chooses. "
                    "With --from/--to/--step-days, --out .gif or .mp4 makes a time-lapse, one dated frame per step.",
        epilog="sizes: WIDTHxHEIGHT or social (1200x675), 1600x900, a4 (A4 landscape at 150 dpi); --scale 2 doubles\n"
               "the pixels. Files are written whole or not at all (temporary name, then rename).\n"
               "exit status: 0 the file is complete; 1 some article could not be read; 2 bad usage or nothing to show.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for standard input")
    export.add_argument("--out", required=True, metavar="PATH",
                        help="map.png|.pdf|.svg|.html, data.geojson|.gpkg|.kml|.csv, or timelapse.gif|.mp4")
    export.add_argument("--date", metavar="YYYY-MM-DD", help="the map's date (default: the newest event)")
    export.add_argument("--days", type=int, metavar="N", help="only the last N days (default: everything so far)")
    export.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of the articles")
    export.add_argument("--size", default="1600x900", help="image size (default: %(default)s)")
    export.add_argument("--scale", type=float, default=1.0, help="pixel density, e.g. 2 (default: %(default)s)")
    export.add_argument("--engine", choices=("auto", "browser", "static"), default="auto",
                        help="image engine (default: auto = browser when Chromium is found)")
    export.add_argument("--title", default="Frontline Map", help="title above the map")
    export.add_argument("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="map extent (default: fit the events)")
    export.add_argument("--control", nargs="+", metavar="DIR_OR_FILE", help="dated control-area layers to draw")
    export.add_argument("--preset", choices=("deepstate",), help="select DeepState's occupied areas")
    export.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="time-lapse: first date")
    export.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="time-lapse: last date")
    export.add_argument("--step-days", type=int, default=1, metavar="N", help="time-lapse: days per frame")

    ingest = sub.add_parser(
        "ingest", help="add articles to the shared corpus (a newsroom's store)",
        description="Parse and store articles in the shared corpus: SQLite in a data directory (default "
                    "$FRONTLINE_DATA or ~/.local/share/frontline-map) or PostgreSQL+PostGIS by URL. An article "
                    "already present (same text) is skipped; each article is stored whole or not at all.",
        epilog="exit status: 0 done (added or skipped), 1 some file could not be read, 2 bad usage or store error.")
    ingest.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for standard input")
    ingest.add_argument("--date", metavar="YYYY-MM-DD", help="publication date of the articles")
    ingest.add_argument("--db", metavar="DIR_OR_URL", help="data directory or postgresql://... URL "
                                                           "(default: $FRONTLINE_DB, else the data directory)")
    ingest.add_argument("--who", default=None, help="recorded as who added them (default: $USER)")

    db = sub.add_parser("db", help="the shared corpus: stats, health, backup, restore, export, reparse",
                        description="Look after the shared corpus. backup/export write the whole corpus as one "
                                    "GeoPackage; restore replaces the corpus with one (atomically).")
    db.add_argument("action", choices=("stats", "health", "backup", "restore", "export", "reparse"))
    db.add_argument("path", nargs="?", metavar="FILE.gpkg", help="for backup, export and restore")
    db.add_argument("--db", metavar="DIR_OR_URL", help="data directory or postgresql://... URL")
    db.add_argument("--json", action="store_true", help="stats as JSON")

    gaz = sub.add_parser("gazetteer", help="build or query the offline gazetteer",
                         description="Build the offline gazetteer index now (it is otherwise built on "
                                     "first use, ~15 s), or look a name up in it.")
    gsub = gaz.add_subparsers(dest="action", metavar="ACTION")
    gsub.required = True
    gsub.add_parser("build", help="build and cache the index (in $FRONTLINE_CACHE or ~/.cache/frontline-map)")
    search = gsub.add_parser("search", help="list the places a name may refer to")
    search.add_argument("name")
    return p


def _err(msg: str) -> None:
    print(f"frontline: error: {msg}", file=sys.stderr)


class _Articles:
    """Reads the article arguments one by one; a bad one is a one-line error, the rest go on."""

    def __init__(self, files: list[str], *, date=None, max_mb: float = 20) -> None:  # noqa: ANN001
        self.files, self.date, self.max_mb, self.failed = files, date, max_mb, 0

    def __iter__(self):  # noqa: ANN204 - yields Documents
        from geo.documents import read_document

        for arg in self.files:
            try:
                yield read_document(arg, date=self.date, max_mb=self.max_mb)
            except InputError as exc:
                _err(str(exc))
                self.failed += 1


def _cmd_parse(args: argparse.Namespace) -> int:
    from geo.documents import parse_date
    from geo.gazetteer import load_gazetteer
    from geo.output import check_target, jsonl_line, write_table
    from geo.pipeline import parse_records

    date = parse_date(args.date) if args.date else None
    target = None if args.output == "-" else check_target(args.output, args.format)
    if args.format == "gpkg" and target is None:
        raise InputError("--format gpkg", "needs an output file; add -o places.gpkg")
    geocode = None
    if args.online:
        from geo.geocoder import GeocoderSettings, NominatimGeocoder

        geocode = NominatimGeocoder(GeocoderSettings(url=args.nominatim_url))
    gaz = load_gazetteer()
    rows: list[dict] = []
    articles = _Articles(args.files, date=date, max_mb=args.max_mb)
    for doc in articles:
        doc_rows, unresolved = parse_records(doc.text, gaz, doc=doc.name, geocode=geocode, demonyms=args.demonyms)
        for r in doc_rows:
            r["date"] = doc.date.isoformat() if doc.date else None
        if not args.quiet and unresolved:
            names = ", ".join(sorted({m.surface for m in unresolved}))
            print(f"frontline: {doc.name}: not in the gazetteer: {names}", file=sys.stderr)
        if target is None and args.format == "jsonl":
            sys.stdout.write("".join(jsonl_line(r) + "\n" for r in doc_rows))
        else:
            rows.extend(doc_rows)
    if target is not None:
        write_table(rows, args.format, target)
    elif args.format != "jsonl":
        _write_stdout(rows, args.format)
    return 1 if articles.failed else 0


def _cmd_events(args: argparse.Namespace) -> int:
    from geo.documents import parse_date
    from geo.events import merge_corpus_events
    from geo.gazetteer import load_gazetteer
    from geo.output import check_target, event_line, write_table
    from geo.pipeline import parse_events

    date = parse_date(args.date) if args.date else None
    target = None if args.output == "-" else check_target(args.output, args.format)
    if args.format == "gpkg" and target is None:
        raise InputError("--format gpkg", "needs an output file; add -o events.gpkg")
    gaz = load_gazetteer()
    events = []
    articles = _Articles(args.files, date=date, max_mb=args.max_mb)
    for doc in articles:
        if doc.date is None:
            print(f"frontline: {doc.name}: no publication date (add --date); relative dates are 'unknown'",
                  file=sys.stderr)
        found, _ = parse_events(doc.text, gaz, doc=doc.name, published=doc.date)
        events.extend(found)
    if not args.no_merge:
        events = merge_corpus_events(events)
    rows = [e.as_row() for e in events]
    if target is not None:
        write_table(rows, args.format, target, table="events")
    elif args.format == "jsonl":
        sys.stdout.write("".join(event_line(r) + "\n" for r in rows))
    else:
        _write_stdout(rows, args.format, table="events")
    return 1 if articles.failed else 0


def _cmd_routes(args: argparse.Namespace) -> int:
    import json

    from geo.control import DEEPSTATE_OCCUPIED, load_control_series
    from geo.documents import parse_date
    from geo.gazetteer import load_gazetteer
    from geo.routes import combine_routes, load_route_file, route_lines
    from geo.threat import analyse

    where: dict[str, list[str]] = {"fill": list(DEEPSTATE_OCCUPIED)} if args.preset == "deepstate" else {}
    for item in args.select:
        column, _, values = item.partition("=")
        if not column or not values:
            raise InputError("--select", f"{item!r} is not COLUMN=V1,V2")
        where[column] = values.split(",")
    bbox = None
    if args.bbox:
        try:
            bbox = tuple(float(x) for x in args.bbox.split(","))
            assert len(bbox) == 4
        except (ValueError, AssertionError):
            raise InputError("--bbox", f"{args.bbox!r} is not MINLON,MINLAT,MAXLON,MAXLAT") from None
    start = parse_date(args.start, source="--from") if args.start else None
    end = parse_date(args.end, source="--to") if args.end else None
    gaz = load_gazetteer()
    lines = route_lines(gaz)
    if args.routes:
        lines = combine_routes(lines, load_route_file(args.routes, gaz))
    series = load_control_series(args.control, where=where, bbox=bbox)
    if not series:
        raise InputError("--control", "holds no control-area files (.geojson, .kml, .kmz, .gpkg)")
    rows = [r.as_row() for r in analyse(lines, series, range_km=args.range_km, side=args.side,
                                        start=start, end=end)]
    if not rows:
        raise InputError("--from/--to", "no control layer falls in that date range")
    if args.format == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    elif args.format == "jsonl":
        text = "".join(json.dumps(r) + "\n" for r in rows)
    else:
        geoms = dict(zip(lines["ref"], lines.geometry))
        feats = [{"type": "Feature", "properties": r, "geometry": geoms[r["route"]].__geo_interface__} for r in rows]
        text = json.dumps({"type": "FeatureCollection", "features": feats})
    _emit(text, args.output)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    import datetime as dt
    from pathlib import Path

    from geo.control import DEEPSTATE_OCCUPIED, latest_on_or_before, load_control_series
    from geo.documents import parse_date
    from geo.events import merge_corpus_events
    from geo.gazetteer import load_gazetteer
    from geo.pipeline import events_to_gdf, parse_events
    from geo.routes import route_lines
    from layers import export, routes
    from layers.scene import Scene, parse_size
    from layers.timefilter import corpus_dates, filter_by_date, window

    out = Path(args.out)
    try:
        size = parse_size(args.size)
    except ValueError as exc:
        raise InputError("--size", str(exc)) from None
    if not 0.5 <= args.scale <= 4:
        raise InputError("--scale", f"{args.scale} is out of range; use 0.5 to 4")
    bbox = None
    if args.bbox:
        try:
            bbox = tuple(float(x) for x in args.bbox.split(","))
            assert len(bbox) == 4 and bbox[0] < bbox[2] and bbox[1] < bbox[3]
        except (ValueError, AssertionError):
            raise InputError("--bbox", f"{args.bbox!r} is not MINLON,MINLAT,MAXLON,MAXLAT") from None
    suffix = out.suffix.lower()
    known = {*export.IMAGE_FORMATS, ".html", *export.DATA_FORMATS, ".gif", ".mp4"}
    if suffix not in known:
        raise InputError(str(out), f"unknown format {suffix or '(none)'}; use one of {', '.join(sorted(known))}")
    if not out.parent.exists():
        raise InputError(str(out), f"folder {str(out.parent)!r} does not exist; create it first")
    published = parse_date(args.published, source="--published") if args.published else None
    gaz = load_gazetteer()
    found = []
    articles = _Articles(args.files, date=published)
    for doc in articles:
        found += parse_events(doc.text, gaz, doc=doc.name, published=doc.date)[0]
    events = events_to_gdf(merge_corpus_events(found))
    span = corpus_dates(events)
    series = {}
    if args.control:
        where = {"fill": list(DEEPSTATE_OCCUPIED)} if args.preset == "deepstate" else None
        series = load_control_series(args.control, where=where)
    lines = route_lines(gaz)

    def scene_for(day: dt.date | None) -> Scene:
        mode = "window" if args.days else "cumulative"
        shown = events if day is None else filter_by_date(events, *window(day, mode=mode, days=args.days or 1))
        latest = latest_on_or_before(series, day) if (series and day) else None
        period = f"last {args.days} days" if args.days else "everything so far"
        return Scene(shown, lines, routes.route_status(shown), latest[1] if latest else None, args.title, day,
                     period, bbox)

    if suffix in (".gif", ".mp4"):
        if not (args.start and args.end):
            raise InputError("--out", "a time-lapse needs --from and --to")
        days = export.frame_dates(parse_date(args.start, source="--from"), parse_date(args.end, source="--to"),
                                  args.step_days)
        export.timelapse([scene_for(d) for d in days], out, size)
        print(f"frontline: wrote {out} ({len(days)} frames)", file=sys.stderr)
        return 1 if articles.failed else 0
    day = parse_date(args.date) if args.date else (span[1] if span else None)
    scene = scene_for(day)
    if scene.events.empty and scene.control is None:
        raise InputError("--date", f"nothing to show on {day}: no event falls in that window")
    if suffix in export.DATA_FORMATS:
        export.to_data(scene, out)
    elif suffix == ".html":
        export.to_html(scene, out)
    else:
        engine = args.engine
        if engine == "auto" and export.find_chromium() is None:
            print("frontline: no Chromium found; using the static engine", file=sys.stderr)
        _, used = export.to_image(scene, out, size, scale=args.scale, engine=engine)
        print(f"frontline: wrote {out} ({used} engine)", file=sys.stderr)
    return 1 if articles.failed else 0


def _store(arg: str | None):
    import os

    from geo.store import Store

    return Store(arg or os.environ.get("FRONTLINE_DB") or None)


def _cmd_ingest(args: argparse.Namespace) -> int:
    import getpass

    from geo.documents import parse_date
    from geo.gazetteer import load_gazetteer
    from geo.store import apply_aliases

    date = parse_date(args.date) if args.date else None
    store = _store(args.db)
    gaz = apply_aliases(load_gazetteer(), store.aliases())
    who = args.who or getpass.getuser()
    articles = _Articles(args.files, date=date)
    for doc in articles:
        result = store.ingest(doc, gaz, who=who)
        print(f"{'added' if result.added else 'skipped'}\t{doc.name}" + (f"\t({result.reason})" if result.reason else ""))
    return 1 if articles.failed else 0


def _cmd_db(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from geo.store import backup, restore

    store = _store(args.db)
    if args.action == "stats":
        stats = store.stats()
        print(json.dumps(stats) if args.json else "\n".join(f"{k}\t{v}" for k, v in stats.items()))
        return 0
    if args.action == "health":
        ok = store.health()
        print("ok" if ok else "store unreachable")
        return 0 if ok else 1
    if args.action == "reparse":
        from geo.gazetteer import load_gazetteer
        from geo.store import apply_aliases

        n = store.reparse(apply_aliases(load_gazetteer(), store.aliases()))
        print(f"reparsed {n} articles; corrections kept")
        return 0
    if not args.path:
        raise InputError(f"db {args.action}", "needs a FILE.gpkg")
    path = Path(args.path)
    if args.action in ("backup", "export"):
        backup(store, path)
        print(f"wrote {path}")
    else:
        if not path.exists():
            raise InputError(str(path), "no such file")
        print(json.dumps(restore(store, path)))
    return 0


def _emit(text: str, output: str) -> None:
    """Write to stdout, or to a file via a temporary name and a rename."""
    if output == "-":
        sys.stdout.write(text)
        return
    import os
    import tempfile
    from pathlib import Path

    from geo.output import check_target

    path = check_target(output, "text")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, Path(path))


def _write_stdout(rows: list[dict], fmt: str, *, table: str = "mentions") -> None:
    import tempfile
    from pathlib import Path

    from geo.output import write_table

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"out.{fmt}"
        write_table(rows, fmt, path, table=table)
        sys.stdout.write(path.read_text(encoding="utf-8"))


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    from geo.gazetteer import cache_dir, load_gazetteer

    gaz = load_gazetteer()
    if args.action == "build":
        print(f"gazetteer ready: {len(gaz.names):,} places, {len(gaz.index):,} names, cache in {cache_dir()}")
        return 0
    places = gaz.search(args.name)
    if not places:
        print(f"frontline: no place called {args.name!r} in the gazetteer", file=sys.stderr)
        return 1
    for p in places:
        print(f"{p.name}\t{p.kind}\t{p.country}\t{gaz.admin1_names.get(p.admin1, p.admin1)}\t"
              f"{p.lat:.5f}\t{p.lon:.5f}\tpop {p.population:,}\tgeonameid {p.geonameid or '-'}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``frontline`` console script."""
    logging.basicConfig(level=logging.WARNING, format="frontline: %(message)s")
    args = _parser().parse_args(argv)
    try:
        commands = {"parse": _cmd_parse, "events": _cmd_events, "routes": _cmd_routes, "export": _cmd_export,
                    "ingest": _cmd_ingest, "db": _cmd_db, "gazetteer": _cmd_gazetteer}
        return commands[args.command](args)
    except FrontlineError as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        _err(f"unexpected {type(exc).__name__}: {exc} (please report this with the input that caused it)")
        return 3


if __name__ == "__main__":
    sys.exit(main())
