"""``frontline ingest`` and ``frontline db``: the shared corpus, parsed once into the store."""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from frontline_map.cli.common import (
    add_store_option,
    check_folder,
    date_arg,
    err,
    note,
    open_store,
    positive_int,
    progress_bar,
    settings,
)
from frontline_map.geo.errors import InputError

SMALL = 200  # articles: below this, starting a cluster costs more than it saves


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ingest = sub.add_parser(
        "ingest", help="add articles or a whole archive to the shared corpus (on Dask for big archives)",
        description="Parse and store articles in the shared corpus: SQLite in a data directory (default "
                    "$FRONTLINE_DATA or ~/.local/share/frontline-map) or PostgreSQL+PostGIS by URL. Inputs are "
                    "article files (.txt, .md, .html), folder trees of them, JSON Lines (.jsonl: one article per "
                    "line with 'text' and optional 'date', 'title', 'url') and CSV with a 'text' column (same "
                    "optional columns); other fields are ignored. An article already present (same text) is "
                    "skipped unparsed; each batch is stored whole or not at all, so a killed run resumes where it "
                    f"stopped. Archives of {SMALL} articles or more are parsed on a local Dask cluster (--workers) "
                    "or an existing one (--scheduler); smaller inputs in this process.",
        epilog="examples:\n  frontline ingest wire/2023/ --workers 2 --parquet archive-parquet/\n"
               "  frontline ingest copy.jsonl --scheduler tcp://10.0.0.5:8786 --db postgresql://u:p@db/frontline\n"
               "exit status: 0 done (added or skipped), 1 some article could not be read or parsed, "
               "2 bad usage or store error.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ingest.add_argument("files", nargs="+", metavar="PATH",
                        help="article files, folders, .jsonl or .csv archives, or - for standard input")
    ingest.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                        help="publication date of articles that carry none")
    add_store_option(ingest)
    ingest.add_argument("--who", default=None, help="recorded as who added them (default: your user name)")
    cluster = ingest.add_mutually_exclusive_group()
    cluster.add_argument("--workers", type=positive_int, metavar="N",
                         help="parse on a local Dask cluster of N worker processes (default for big archives: "
                              "all cores)")
    cluster.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help="parse on an existing Dask cluster (its workers need frontline-map installed)")
    ingest.add_argument("--batch", type=positive_int, default=None, metavar="N",
                        help="articles per task and per write (default: 64)")
    ingest.add_argument("--parquet", metavar="DIR",
                        help="also bring a GeoParquet copy of the mentions and events (partitioned by month) "
                             "up to date in DIR")
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
    from frontline_map import cluster
    from frontline_map.geo.gazetteer import load_gazetteer
    from frontline_map.geo.gazetteer.overlay import with_aliases
    from frontline_map.geo.io.archive import count_archive, read_archive

    config = settings()
    store = open_store(args.db, config)
    if args.parquet:
        check_folder(args.parquet)
    total = count_archive(args.files)
    run = cluster.Run(store, who=args.who or getpass.getuser(), batch=args.batch or cluster.BATCH,
                      on_refused=lambda r: err(str(r)))
    items = read_archive(args.files, date=args.date)
    with progress_bar(total, "articles") as bar:
        run.on_progress = bar.update
        if args.scheduler or args.workers or total >= SMALL:
            client = cluster.connect(args.scheduler) if args.scheduler else \
                cluster.local_cluster(args.workers or cluster.default_workers())
            try:
                load_gazetteer(directory=config.cache_dir)  # build the cache once for this machine's workers
                summary = cluster.ingest_on(run, items, client, cache_dir=config.cache_dir)
            finally:
                client.close()
                if not args.scheduler:
                    client.cluster.close()
        else:
            base = load_gazetteer(directory=config.cache_dir)
            summary = cluster.ingest_here(run, items, with_aliases(base, store.aliases()))
    print(summary.line())
    if args.parquet:
        from frontline_map.geo.store.parquet import write_parquet

        months = write_parquet(store, Path(args.parquet))
        note(f"GeoParquet in {args.parquet}: {months['events']} months of events and {months['mentions']} of "
             "mentions written")
    return 1 if summary.failed else 0


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
