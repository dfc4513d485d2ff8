"""``python -m frontline_map`` is the ``frontline`` command."""
import sys

from frontline_map.cli.main import main

sys.exit(main())
