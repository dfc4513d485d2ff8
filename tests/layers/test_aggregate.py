"""Counts on a grid as a folium layer: sized circles, readable labels, escaped tooltips."""
from __future__ import annotations

import folium

from frontline_map.geo.store.aggregate import Cell
from frontline_map.layers import aggregate


def test_circles_grow_with_counts_and_the_biggest_carry_labels():
    cells = [Cell(48.6, 38.0, 147_072, "Bakhmut"), Cell(48.5, 37.8, 40_000, "<b>x</b>"), Cell(47.8, 35.1, 3, "Orikhiv")]
    group = aggregate.build(cells)
    fmap = folium.Map()
    group.add_to(fmap)
    html = fmap.get_root().render()
    assert "147k" in html and "40k" in html and ">3<" not in html and "147,072 reports · mostly Bakhmut" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html  # place names from articles are escaped
    assert aggregate.radius(147_072, 147_072) == 28.0 and aggregate.radius(3, 147_072) < 5
    assert [aggregate.short(n) for n in (812, 4_200, 147_072, 1_300_000)] == ["812", "4.2k", "147k", "1.3M"]
