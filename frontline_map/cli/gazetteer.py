"""``frontline gazetteer``: build the offline index, add a newsroom's own places to it, or look a name up."""
from __future__ import annotations

import argparse
from pathlib import Path

from frontline_map.cli.common import note, progress_bar, settings

NAME = "gazetteer"
HELP = "build or query the offline gazetteer"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description="Build the offline gazetteer index now (it is otherwise "
                                                    "built on first use, ~10-15 s), add your own places to it, or "
                                                    "look a name up in it.")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser("build", help="build and cache the index (in $FRONTLINE_CACHE or ~/.cache/frontline-map)")
    search = actions.add_parser("search", help="list the places a name may refer to, and where each comes from")
    search.add_argument("name")
    add = actions.add_parser("add", help="add places from a GeoNames dump file (allCountries.txt, UA.txt, …) or a "
                                         "CSV (name,lat,lon,country,admin1,kind,aliases); kept in "
                                         "$FRONTLINE_DATA/gazetteer and used by every search and parse")
    add.add_argument("file", type=Path)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from frontline_map.geo.gazetteer import additions, load_gazetteer
    from frontline_map.geo.gazetteer.index import added_places_dir

    config = settings()
    folder = added_places_dir(config.data_dir)
    if args.action == "add":
        added = additions.add(args.file, folder)
        skipped = f" ({added.skipped:,} rows skipped: not a populated place or region)" if added.skipped else ""
        print(f"added {added.kept:,} places from {args.file.name}{skipped}; stored in {added.path}")
    with progress_bar(100, "%") as bar:  # on a terminal: how far a build is, and the time left
        def advance(share: float, stage: str) -> None:
            bar.set_description(stage, refresh=False)
            bar.update(round(100 * share) - bar.n)

        gaz = load_gazetteer(directory=config.cache_dir, added_dir=folder, progress=advance)
    if args.action == "add":
        print(f"gazetteer rebuilt: {len(gaz.names):,} places; stored parses are re-read on `frontline db reparse`")
        return 0
    if args.action == "build":
        print(f"gazetteer ready: {len(gaz.names):,} places, {len(gaz.index):,} names, cache in {config.cache_dir}")
        return 0
    places = gaz.search(args.name)
    if not places:
        note(f"no place called {args.name!r} in the gazetteer")
        return 1
    for p in places:
        print(f"{p.name}\t{p.kind}\t{p.country}\t{gaz.admin1_names.get(p.admin1, p.admin1)}\t"
              f"{p.lat:.5f}\t{p.lon:.5f}\tpop {p.population:,}\tgeonameid {p.geonameid or '-'}\t"
              f"source {p.source or '-'}")
    return 0
