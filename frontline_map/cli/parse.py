"""``frontline parse``: the places articles name, one row per mention."""
from __future__ import annotations

import argparse
import sys

from frontline_map.cli.common import Articles, add_article_options, note, output_target, settings, write_rows
from frontline_map.geo.io.tables import FORMATS
from frontline_map.geo.settings import NOMINATIM_URL

NAME = "parse"
HELP = "list the places that articles name (one row per mention)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        NAME, help=HELP,
        description="Recognise and geocode every place mention in the articles. Plain text, Markdown "
                    "and HTML files are read; '-' reads standard input. Offsets index the text as "
                    "decoded UTF-8 (BOM stripped; for HTML, the extracted article text).",
        epilog="exit status: 0 all files parsed, 1 some file could not be read, 2 bad usage.\n"
               "jsonl keys: doc start end surface name kind lat lon geonameid country confidence\n"
               "            (then admin1 date sentence alternatives id)",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_article_options(p, formats=FORMATS)
    p.add_argument("--online", action="store_true",
                   help="ask a Nominatim server about names the offline gazetteer lacks (off by default)")
    p.add_argument("--nominatim-url", metavar="URL", default=NOMINATIM_URL,
                   help="Nominatim server for --online (default: %(default)s)")
    p.add_argument("--demonyms", action="store_true",
                   help="also report demonyms ('Russian', 'Ukrainians') as their country, as GeoWebNews "
                        "annotates them (off by default: 'Russian forces' is not a place on a map)")
    p.add_argument("-q", "--quiet", action="store_true", help="do not report unresolved names on stderr")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.io.tables import jsonl_line
    from frontline_map.geo.text.parse import parse_document

    config = settings()
    target = output_target(args.output, args.format)
    geocode = None
    if args.online:
        from frontline_map.geo.net.nominatim import NominatimGeocoder, nominatim_client

        geocode = NominatimGeocoder(nominatim_client(args.nominatim_url, cache_dir=config.cache_dir))
    gaz = load_gazetteer(directory=config.cache_dir)
    rows: list[dict[str, object]] = []
    articles = Articles(args.files, date=args.date, max_mb=args.max_mb)
    for doc in articles:
        parsed = parse_document(doc, gaz, geocode=geocode, demonyms=args.demonyms, with_events=False)
        if not args.quiet and parsed.unresolved:
            note(f"{doc.name}: not in the gazetteer: {', '.join(sorted({m.surface for m in parsed.unresolved}))}")
        if target is None and args.format == "jsonl":
            sys.stdout.write("".join(jsonl_line(r) + "\n" for r in parsed.mentions))
        else:
            rows.extend(parsed.mentions)
    if target is not None or args.format != "jsonl":
        write_rows(rows, args.format, target, table="mentions")
    return 1 if articles.failed else 0
