"""A newsroom's taught spellings, laid over the shared gazetteer without changing it.

The index loaded by :func:`~frontline_map.geo.gazetteer.load_gazetteer` is shared by
every session of a server, so it is never written.  :func:`with_aliases` returns a
new :class:`Gazetteer` that shares the big read-only columns and looks names up
first in a small overlay; its ``version`` names the aliases, so caches keyed on it
see the change.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Mapping

from frontline_map.geo.gazetteer.index import Gazetteer
from frontline_map.geo.names import fold_name


class _OverlayIndex(Mapping[str, tuple[int, ...]]):
    """``over`` first, then ``base``; read-only (the recogniser only reads the index)."""

    __slots__ = ("base", "over")

    def __init__(self, over: dict[str, tuple[int, ...]], base: Mapping[str, tuple[int, ...]]) -> None:
        self.over, self.base = over, base

    def __getitem__(self, key: str) -> tuple[int, ...]:
        found = self.over.get(key)
        return found if found is not None else self.base[key]

    def __contains__(self, key: object) -> bool:
        return key in self.over or key in self.base

    def get(self, key: str, default: tuple[int, ...] | None = None) -> tuple[int, ...] | None:  # type: ignore[override]
        found = self.over.get(key)
        return found if found is not None else self.base.get(key, default)

    def __iter__(self) -> Iterator[str]:
        yield from self.over
        yield from (k for k in self.base if k not in self.over)

    def __len__(self) -> int:
        return len(self.base) + sum(1 for k in self.over if k not in self.base)


def aliases_version(aliases: Mapping[str, str]) -> str:
    """A short hash of the alias table (empty when there are none)."""
    if not aliases:
        return ""
    h = hashlib.sha256("\n".join(f"{a}\t{t}" for a, t in sorted(aliases.items())).encode())
    return h.hexdigest()[:8]


def with_aliases(gaz: Gazetteer, aliases: Mapping[str, str]) -> Gazetteer:
    """``gaz`` that also knows ``alias -> existing place name``; ``gaz`` itself is not changed."""
    over: dict[str, tuple[int, ...]] = {}
    prefixes: set[str] = set()
    for alias, target in aliases.items():
        found = [i for i, primary in gaz.lookup(target) if primary]
        if not found:
            continue  # the target is not (or no longer) in the gazetteer: nothing to point at
        best = max(found, key=lambda i: (gaz.kinds[i] == "country", gaz.pops[i]))
        key = fold_name(alias)
        over[key] = tuple(sorted(set(gaz.index.get(key, ())) | {(best << 1) | 1}))
        words = key.split()
        prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
    if not over:
        return gaz
    return dataclasses.replace(gaz, index=_OverlayIndex(over, gaz.index),  # type: ignore[arg-type]
                               prefixes=gaz.prefixes | prefixes,
                               max_tokens=max(gaz.max_tokens, *(len(k.split()) for k in over)),
                               version=f"{gaz.version}+{aliases_version(aliases)}")
