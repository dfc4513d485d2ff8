"""Place names beside the markers: the busiest places first, article text escaped."""
from __future__ import annotations

import folium
from helpers import events_and_rows

from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import labels


def test_the_busiest_places_are_named_and_names_are_escaped(gaz):
    events, _ = events_and_rows("Russian forces captured Soledar. Fighting raged in Bakhmut. Shelling hit Bakhmut "
                                "again, and Kupiansk was struck.", gaz)
    gdf = events_to_gdf(events)
    fmap = folium.Map()
    labels.build(gdf, limit=2).add_to(fmap)
    html = fmap.get_root().render()
    assert "\\u003eBakhmut\\u003c/div" in html and html.count('class=\\"fm-label\\"') == 2
    hostile = gdf.assign(place=["<img src=x onerror=alert(1)>"] * len(gdf))
    rendered = folium.Map()
    labels.build(hostile).add_to(rendered)
    page = rendered.get_root().render()
    assert "lt;img src=x onerror=alert(1)" in page and "\\u003cimg" not in page  # escaped, then JSON-quoted
    assert not labels.build(gdf.iloc[0:0])._children
