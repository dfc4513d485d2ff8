"""Taught spellings are an overlay: the shared gazetteer is never changed."""
from __future__ import annotations

from frontline_map.geo.gazetteer.overlay import with_aliases
from frontline_map.geo.names import fold_name


def test_an_overlay_teaches_without_touching_the_shared_index(gaz):
    before = (len(gaz.index), gaz.version, gaz.prefixes)
    taught = with_aliases(gaz, {"Soledar salt town": "Soledar", "Nowhere": "No Such Place"})
    assert [gaz.names[i] for i, _ in taught.lookup("Soledar salt town")] == ["Soledar"]
    assert taught.lookup("Nowhere") == [] and gaz.lookup("Soledar salt town") == []
    assert (len(gaz.index), gaz.version, gaz.prefixes) == before
    assert taught.version != gaz.version and "soledar salt" in taught.prefixes
    assert fold_name("Bakhmut") in taught.index and taught.names is gaz.names  # columns shared, not copied


def test_no_aliases_is_the_gazetteer_itself(gaz):
    assert with_aliases(gaz, {}) is gaz
