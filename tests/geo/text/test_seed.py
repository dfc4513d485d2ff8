"""The flagship dispatch (../shared/seeds): every place an editor would mark, and nothing else."""
from __future__ import annotations

from helpers import SEED, mentions_gdf, needs_shared

pytestmark = needs_shared(SEED)

EXPECTED = {"Bakhmut", "Soledar", "Bilohorivka", "Kharkiv", "Kyiv", "Luhansk Oblast", "Donbas", "M03", "H32"}
ALLOWED_EXTRA_KINDS = {"country"}
ALLOWED_EXTRA_SURFACES = {"Baltic", "Baltic nations", "Kremlin"}


def test_seed_places(gaz):
    text = SEED.read_text(encoding="utf-8")
    gdf = mentions_gdf(text, gaz, doc="seed")
    names = set(gdf["name"])
    assert names >= EXPECTED
    extra = gdf[~gdf["name"].isin(EXPECTED)]
    for row in extra.itertuples():
        assert row.kind in ALLOWED_EXTRA_KINDS or row.surface in ALLOWED_EXTRA_SURFACES, row.surface
    assert {"Ukraine", "Russia", "Poland"} <= set(extra["name"])


def test_seed_every_mention_found_and_resolved(gaz):
    text = SEED.read_text(encoding="utf-8")
    gdf = mentions_gdf(text, gaz, doc="seed")
    for word, name in (("Bakhmut", "Bakhmut"), ("Artemivsk", "Bakhmut"), ("Soledar", "Soledar"),
                       ("Bilohorivka", "Bilohorivka"), ("Kharkiv", "Kharkiv"), ("Kyiv", "Kyiv")):
        expected = text.count(word)
        got = gdf[(gdf["surface"] == word) & (gdf["name"] == name)]
        assert len(got) == expected, word
    bilo = gdf[gdf["name"] == "Bilohorivka"].iloc[0]
    assert bilo.admin1 == "Luhansk Oblast"
    assert gdf[gdf["surface"] == "Luhansk"].iloc[0]["kind"] == "region"
    for row in gdf.itertuples():
        assert text[row.start:row.end] == row.surface
