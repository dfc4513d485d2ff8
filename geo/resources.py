"""Where the package's own data tables live, installed or in a checkout.

``data/`` ships inside the ``frontline_map`` package (a symlink in the
repository), so a wheel installed anywhere finds it the same way a checkout does.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("frontline_map") / "data"))
DEMO_DIR = DATA_DIR / "demo"
