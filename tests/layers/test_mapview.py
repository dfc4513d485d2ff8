"""The map's frame: local assets, the legend, the base layer chosen."""
from __future__ import annotations

from frontline_map.layers.mapview import BASEMAPS, MapView, build_map, tile_layer


def test_offline_map_has_local_assets_a_legend_and_a_scale():
    html = build_map([], MapView(48.6, 38.0, 9, "Plain"), legend=True).get_root().render()
    assert "/app/static/vendor/leaflet.js" in html and "cdn.jsdelivr" not in html
    assert "frontline-legend" in html and "L.control.scale" in html
    assert tile_layer("Plain") is None


def test_every_base_map_builds():
    for name in BASEMAPS:
        layer = tile_layer(name)
        assert layer is None or layer.tiles.startswith(("http://", "https://"))


def test_the_legend_draws_the_axis_as_the_map_does():
    from frontline_map.layers.mapview import _legend_html

    legend = _legend_html()
    assert "axis (“X direction”)" in legend and "stroke-dasharray='4 2'" in legend
