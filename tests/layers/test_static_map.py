"""The static engine draws through matplotlib's Figure: no pyplot state shared between users."""
from __future__ import annotations

import io
import threading

from helpers import events_and_rows
from matplotlib.figure import Figure
from PIL import Image

from frontline_map.geo.analysis.routes import route_lines
from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import static_map
from frontline_map.layers.scene import Scene


def test_draw_is_a_figure_and_threads_do_not_share_state(gaz):
    import matplotlib.pyplot as plt

    events = events_to_gdf(events_and_rows("Russian forces captured Soledar. Missiles struck Kharkiv.", gaz)[0])
    scene = Scene(events, route_lines(gaz), title="t")
    assert isinstance(static_map.draw(scene, (400, 300)), Figure)
    sizes: list[tuple[int, int]] = []
    workers = [threading.Thread(target=lambda w=w: sizes.append(
        Image.open(io.BytesIO(static_map.png_bytes(scene, (w, 300)))).size)) for w in (400, 500, 600, 700)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    assert sorted(sizes) == [(400, 300), (500, 300), (600, 300), (700, 300)]
    assert plt.get_fignums() == []  # nothing was left in pyplot's global registry
