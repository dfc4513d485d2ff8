"""A scene: what one export shows, and the sizes a user may ask for."""
from __future__ import annotations

import pytest

from frontline_map.layers.scene import SIZE_PRESETS, parse_size


def test_sizes():
    assert parse_size("1600x900") == (1600, 900) and parse_size("social") == SIZE_PRESETS["social"]
    for bad in ("big", "0x10", "100000x100000", "-5x5"):
        with pytest.raises(ValueError):
            parse_size(bad)


def test_view_box_is_what_a_web_map_of_that_size_shows():
    import math

    from frontline_map.layers.scene import view_box

    west, south, east, north = view_box(0.0, 0.0, 0, (256, 256))
    assert (west, east) == (-180.0, 180.0) and math.isclose(north, 85.0) and math.isclose(south, -85.0)
    west, south, east, north = view_box(48.59, 38.0, 10, (1600, 900))
    assert math.isclose(east - west, 1600 / (256 * 2**10) * 360)  # degrees of longitude per pixel at zoom 10
    assert west < 38.0 < east and south < 48.59 < north
    assert math.isclose((north - 48.59) / (48.59 - south), 1, rel_tol=0.01)  # centred (Mercator: nearly)
