"""``frontline gazetteer``: build the offline index, or look a name up in it."""
from __future__ import annotations

import argparse

from frontline_map.cli.common import note, settings

NAME = "gazetteer"
HELP = "build or query the offline gazetteer"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description="Build the offline gazetteer index now (it is otherwise "
                                                    "built on first use, ~15 s), or look a name up in it.")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser("build", help="build and cache the index (in $FRONTLINE_CACHE or ~/.cache/frontline-map)")
    search = actions.add_parser("search", help="list the places a name may refer to")
    search.add_argument("name")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from frontline_map.geo.gazetteer import load_gazetteer

    config = settings()
    gaz = load_gazetteer(directory=config.cache_dir)
    if args.action == "build":
        print(f"gazetteer ready: {len(gaz.names):,} places, {len(gaz.index):,} names, cache in {config.cache_dir}")
        return 0
    places = gaz.search(args.name)
    if not places:
        note(f"no place called {args.name!r} in the gazetteer")
        return 1
    for p in places:
        print(f"{p.name}\t{p.kind}\t{p.country}\t{gaz.admin1_names.get(p.admin1, p.admin1)}\t"
              f"{p.lat:.5f}\t{p.lon:.5f}\tpop {p.population:,}\tgeonameid {p.geonameid or '-'}")
    return 0
