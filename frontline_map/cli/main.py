"""frontline: find, geocode and map the places that war reporting names.

The command-line face of Frontline Map.  Each subcommand is a module with
``register(subparsers)``; this module only builds the parser from that registry,
runs the chosen command, and turns errors into one-line messages with an exit
status (1: a file or value could not be used; 2: bad usage; 3: a bug).
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from frontline_map import __version__
from frontline_map.cli import events, export, gazetteer, parse, routes, store
from frontline_map.cli.common import err
from frontline_map.geo.errors import FrontlineError

COMMANDS = (parse, events, routes, export, store, gazetteer)
EXAMPLES = """\
examples:
  frontline parse article.txt --date 2023-02-06
  frontline parse a.txt b.html --format geojson -o places.geojson
  cat article.txt | frontline parse - --format csv
  frontline events article.txt --date 2023-02-06 --format geojson -o events.geojson
  frontline routes --control deepstate/ --from 2023-01-01 --to 2023-05-31   # DeepState exports recognised
  frontline export data/demo/*.txt --date 2023-03-01 --out map.png --size 1600x900 --scale 2
  frontline export data/demo/*.txt --from 2023-01-10 --to 2023-05-21 --step-days 7 --out timelapse.gif
  frontline export data/demo/*.txt --center 48.59,38.0 --zoom 11 --out bakhmut.png
  frontline ingest data/demo/*.txt && frontline export --out corpus.png   # the store, as stored
  frontline ingest wire/ archive.jsonl --workers 2 --parquet archive-parquet/   # an archive, on Dask
  frontline db reparse                                                    # after an upgrade
  frontline gazetteer search Artemivsk
"""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, from :data:`COMMANDS`."""
    p = argparse.ArgumentParser(
        prog="frontline",
        description="Find every place that war reporting names, geocode it offline, and map it.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for command in COMMANDS:
        command.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``frontline`` console script."""
    logging.basicConfig(level=logging.ERROR, format="frontline: %(message)s")  # libraries: errors only
    logging.getLogger("frontline_map").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except FrontlineError as exc:  # refused before any work was done: a usage problem
        err(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        err(f"unexpected {type(exc).__name__}: {exc} (please report this with the input that caused it)")
        return 3


if __name__ == "__main__":
    sys.exit(main())
