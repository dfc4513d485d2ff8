"""The layer registry: one list the dashboard and the exports share, drawn areas-lines-markers."""
from __future__ import annotations

import folium
from helpers import events_and_rows

from frontline_map.geo.analysis.routes import route_lines
from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers.registry import DEFAULT_ON, LAYERS, NAMES, LayerInputs, build_groups


def test_markers_are_drawn_last_and_places_stay_out_of_exports(gaz):
    events, rows = events_and_rows("Russian forces captured Soledar. Fighting raged in Bakhmut.", gaz)
    inputs = LayerInputs(events_to_gdf(events), route_lines(gaz), mentions=rows)
    groups = build_groups(inputs, NAMES)
    names = [g.layer_name for g in groups]
    assert names[0].startswith("Contact zone") and names.index("Events") > names.index("Supply routes")
    assert names[-1] == "Places" and all(isinstance(g, folium.FeatureGroup) for g in groups)
    assert "Places" not in [g.layer_name for g in build_groups(inputs, NAMES, export=True)]
    assert [g.layer_name for g in build_groups(inputs, ["Events"])] == ["Events", "Place names"]
    assert set(DEFAULT_ON) == {s.name for s in LAYERS} - {"Places"}
