"""Word lists the recognition and event rules use, kept as data in ``data/lexicon/``.

One file per list, one word per line, ``#`` for comments; a list changes without
touching code, and its changes make stored parses stale like code changes do
(:func:`frontline_map.geo.text.parse.parser_version` hashes these files).
"""
from __future__ import annotations

from functools import cache

from frontline_map.geo.resources import DATA_DIR

LEXICON_DIR = DATA_DIR / "lexicon"


@cache
def words(name: str) -> frozenset[str]:
    """The words of ``data/lexicon/{name}.txt`` (read once per process; immutable)."""
    text = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.lstrip().startswith("#") for w in line.split())


@cache
def phrases(name: str) -> frozenset[str]:
    """The lines of ``data/lexicon/{name}.txt``, each a whole name, folded (``fold_name``): "State Duma"."""
    from frontline_map.geo.names import fold_name

    text = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(fold_name(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def triggers(name: str) -> dict[str, str]:
    """``data/lexicon/{name}.tsv`` as type -> one regular expression (its lines' alternatives joined by ``|``)."""
    out: dict[str, list[str]] = {}
    for line in (LEXICON_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, pattern = line.partition("\t")
            out.setdefault(kind, []).append(pattern)
    return {kind: "|".join(patterns) for kind, patterns in out.items()}
