"""Where the package's own data tables live, installed or in a checkout.

``data/`` ships inside the ``frontline_map`` package (a symlink in the
repository), so a wheel installed anywhere finds it the same way a checkout does.
"""
from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("frontline_map") / "data"))
DEMO_DIR = DATA_DIR / "demo"


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file with a header, as dicts."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def table(name: str) -> list[dict[str, str]]:
    """The rows of one of the package's own tables, ``data/{name}``."""
    return csv_rows(DATA_DIR / name)
