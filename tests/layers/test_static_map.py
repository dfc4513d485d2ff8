"""The static engine draws through matplotlib's Figure: no pyplot state shared between users."""
from __future__ import annotations

import io
import threading

from helpers import events_and_rows
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from frontline_map.geo.analysis.routes import route_lines
from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import labels, static_map
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


def test_a_picture_offline_has_the_base_the_inferred_zone_and_names_that_do_not_cover_each_other(gaz):
    text = ("Heavy fighting was reported in Bakhmut. Fighting continued near Soledar. Russian forces attacked "
            "Klishchiivka and Andriivka. Shelling hit Berkhivka and Yahidne and Paraskoviivka.")
    events = events_to_gdf(events_and_rows(text, gaz)[0])
    fig = static_map.draw(Scene(events, route_lines(gaz), bbox=(37.5, 48.4, 38.4, 48.9)), (1200, 675))
    ax = fig.axes[0]
    words = [t.get_text() for t in ax.texts]
    assert "contact zone, inferred from reporting" in words  # no control layer: the zone, labelled as such
    assert "Kramatorsk" in words  # a town of the offline base: no event there, still named
    assert "Natural Earth" in " ".join(t.get_text() for t in fig.texts)  # credit for what is drawn

    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() and t.get_fontweight() == "bold"]
    assert len(boxes) >= 4
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])  # no name over another


def test_the_zone_note_covers_no_event_name_on_the_demo(gaz):
    from frontline_map.geo.events.extract import merge_corpus_events
    from frontline_map.geo.io.documents import read_document
    from frontline_map.geo.resources import DEMO_DIR

    found = []
    for path in sorted(DEMO_DIR.glob("*.txt")):
        doc = read_document(str(path))
        found += events_and_rows(doc.text, gaz, doc=doc.name, published=doc.date)[0]
    events = events_to_gdf(merge_corpus_events(found))
    for bbox in ((37.3, 48.3, 38.5, 49.1), (37.2, 48.2, 38.6, 49.2)):  # before: over Kostiantynivka, Andriivka
        fig = static_map.draw(Scene(events, route_lines(gaz), bbox=bbox), (1280, 720))
        renderer = FigureCanvasAgg(fig).get_renderer()
        texts = fig.axes[0].texts
        names = [t.get_window_extent(renderer) for t in texts if t.get_text() and t.get_fontweight() == "bold"]
        note = next(t.get_window_extent(renderer) for t in texts if t.get_text() == labels.ZONE_NOTE)
        assert len(names) >= 5 and not any(note.overlaps(b) for b in names)
        legend = fig.axes[0].get_legend().get_window_extent(renderer)
        under = [t.get_text() for t in texts if t.get_text() and t.get_window_extent(renderer).overlaps(legend)]
        assert under == []  # no town's name half hidden under the legend


def test_every_name_is_inside_the_frame_and_a_crowded_place_is_named_on_its_left(gaz):
    """The export's view of the demo (centre 48.68, 37.9, zoom 9): before, "Donetsk" was cut by the bottom
    edge, Klishchiivka had no name (right of its marker was Andriivka's), an oblast's name lay under Avdiivka's."""
    from frontline_map.geo.events.extract import merge_corpus_events
    from frontline_map.geo.io.documents import read_document
    from frontline_map.geo.resources import DEMO_DIR
    from frontline_map.layers.scene import view_box

    found = []
    for path in sorted(DEMO_DIR.glob("*.txt")):
        doc = read_document(str(path))
        found += events_and_rows(doc.text, gaz, doc=doc.name, published=doc.date)[0]
    events = events_to_gdf(merge_corpus_events(found))
    fig = static_map.draw(Scene(events, route_lines(gaz), bbox=view_box(48.68, 37.9, 9, (1280, 720))), (1280, 720))
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    frame = ax.get_window_extent(renderer)
    texts = [t for t in ax.texts if t.get_text()]
    cut = [t.get_text() for t in texts if not (frame.x0 <= t.get_window_extent(renderer).x0
                                               and t.get_window_extent(renderer).x1 <= frame.x1
                                               and frame.y0 <= t.get_window_extent(renderer).y0
                                               and t.get_window_extent(renderer).y1 <= frame.y1)]
    assert cut == []
    named = {t.get_text() for t in texts if t.get_fontweight() == "bold"}
    assert {"Bakhmut", "Klishchiivka", "Andriivka", "Soledar"} <= named
    names = [t.get_window_extent(renderer) for t in texts if t.get_fontweight() == "bold"]
    regions = [t for t in texts if t.get_text().endswith("OBLAST")]
    assert regions and not any(r.get_window_extent(renderer).overlaps(b) for r in regions for b in names)
