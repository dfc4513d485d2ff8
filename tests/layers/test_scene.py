"""A scene: what one export shows, and the sizes a user may ask for."""
from __future__ import annotations

import pytest

from frontline_map.layers.scene import SIZE_PRESETS, parse_size


def test_sizes():
    assert parse_size("1600x900") == (1600, 900) and parse_size("social") == SIZE_PRESETS["social"]
    for bad in ("big", "0x10", "100000x100000", "-5x5"):
        with pytest.raises(ValueError):
            parse_size(bad)
