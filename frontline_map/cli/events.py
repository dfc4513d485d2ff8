"""``frontline events``: what happened where, when, and according to whom."""
from __future__ import annotations

import argparse
import sys

from frontline_map.cli.common import Articles, add_article_options, note, output_target, settings, write_rows
from frontline_map.geo.io.tables import FORMATS

NAME = "events"
HELP = "list what happened where, when, and according to whom (one row per event)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        NAME, help=HELP,
        description="Find the events the articles tell at each place: fighting, strike, capture, advance, "
                    "withdrawal, route_threat, casualties; who acted, when, who says so, and whether it is "
                    "reported, claimed, denied or contested. Events told by several articles are merged "
                    "into one with all their sources (--no-merge keeps one row per article).",
        epilog="exit status: 0 all files parsed, 1 some file could not be read, 2 bad usage.\n"
               "jsonl keys: doc place kind lat lon type date date_precision actor source status sentence\n"
               "            start end (then unit denied_by date_from sources docs id ids)\n"
               "dates: relative dates (yesterday, last month, on Tuesday) need the publication date;\n"
               "       without one they are 'unknown', never guessed.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_article_options(p, formats=FORMATS)
    p.add_argument("--no-merge", action="store_true", help="keep one row per article and event")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from frontline_map.geo.events.extract import merge_corpus_events
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.io.tables import event_line
    from frontline_map.geo.text.parse import parse_document

    config = settings()
    target = output_target(args.output, args.format)
    gaz = load_gazetteer(directory=config.cache_dir)
    events = []
    articles = Articles(args.files, date=args.date, max_mb=args.max_mb)
    for doc in articles:
        if doc.date is None:
            note(f"{doc.name}: no publication date (add --date); relative dates are 'unknown'")
        events.extend(parse_document(doc, gaz).events)
    if not args.no_merge:
        events = merge_corpus_events(events)
    rows = [e.as_row() for e in events]
    if target is None and args.format == "jsonl":
        sys.stdout.write("".join(event_line(r) + "\n" for r in rows))
    else:
        write_rows(rows, args.format, target, table="events")
    return 1 if articles.failed else 0
