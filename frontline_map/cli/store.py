"""``frontline ingest`` and ``frontline db``: the shared corpus, parsed once into the store."""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from frontline_map.cli.common import Articles, add_store_option, date_arg, open_store, settings
from frontline_map.geo.errors import InputError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ingest = sub.add_parser(
        "ingest", help="add articles to the shared corpus (a newsroom's store)",
        description="Parse and store articles in the shared corpus: SQLite in a data directory (default "
                    "$FRONTLINE_DATA or ~/.local/share/frontline-map) or PostgreSQL+PostGIS by URL. An article "
                    "already present (same text) is skipped unparsed; each article is stored whole or not at all, "
                    "with its mentions, events and the parser's version.",
        epilog="exit status: 0 done (added or skipped), 1 some file could not be read, 2 bad usage or store error.")
    ingest.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for standard input")
    ingest.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD", help="publication date of the articles")
    add_store_option(ingest)
    ingest.add_argument("--who", default=None, help="recorded as who added them (default: your user name)")
    ingest.set_defaults(run=run_ingest)

    db = sub.add_parser(
        "db", help="the shared corpus: stats, health, backup, restore, export, reparse",
        description="Look after the shared corpus. backup/export write the whole corpus as one GeoPackage; "
                    "restore replaces the corpus with one (atomically). reparse reads again the articles a "
                    "different parser version stored (--all: every article); corrections are kept.")
    db.add_argument("action", choices=("stats", "health", "backup", "restore", "export", "reparse"))
    db.add_argument("path", nargs="?", metavar="FILE.gpkg", help="for backup, export and restore")
    add_store_option(db)
    db.add_argument("--json", action="store_true", help="stats as JSON")
    db.add_argument("--all", action="store_true", help="reparse: every article, not only stale ones")
    db.set_defaults(run=run_db)


def run_ingest(args: argparse.Namespace) -> int:
    from frontline_map import services
    from frontline_map.geo.gazetteer import load_gazetteer

    config = settings()
    store = open_store(args.db, config)
    gaz = services.reading_gazetteer(store, load_gazetteer(directory=config.cache_dir))
    who = args.who or getpass.getuser()
    articles = Articles(args.files, date=args.date)
    for doc in articles:
        (result,) = services.ingest(store, [doc], gaz, who=who)
        print(f"{'added' if result.added else 'skipped'}\t{doc.name}" + (f"\t({result.reason})" if result.reason else ""))
    return 1 if articles.failed else 0


def run_db(args: argparse.Namespace) -> int:
    from frontline_map.geo.store.backup import backup, restore

    config = settings()
    store = open_store(args.db, config, read_only=args.action in ("stats", "health", "backup", "export"))
    if args.action == "stats":
        stats = store.stats()
        print(json.dumps(stats) if args.json else "\n".join(f"{k}\t{v}" for k, v in stats.items()))
        return 0
    if args.action == "health":
        ok = store.health()
        print("ok" if ok else "store unreachable")
        return 0 if ok else 1
    if args.action == "reparse":
        from frontline_map import services
        from frontline_map.geo.gazetteer import load_gazetteer

        gaz = services.reading_gazetteer(store, load_gazetteer(directory=config.cache_dir))
        n = services.reparse(store, gaz, everything=args.all)
        print(f"reparsed {n} articles; corrections kept")
        return 0
    if not args.path:
        raise InputError(f"db {args.action}", "needs a FILE.gpkg")
    path = Path(args.path)
    if args.action in ("backup", "export"):
        backup(store, path)
        print(f"wrote {path}")
        return 0
    if not path.is_file():
        raise InputError(str(path), "no such file")
    print(json.dumps(restore(store, path)))
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.text.parse import parser_version

    stale = store.stale_count(parser_version(load_gazetteer(directory=config.cache_dir)))
    if stale:
        print(f"{stale} restored articles were parsed by another version; run `frontline db reparse` "
              "to rebuild their places and events", file=sys.stderr)
    return 0
