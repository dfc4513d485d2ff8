"""Editors' corrections, applied over stored parses whenever events are read.

A correction of an event is keyed by the event's stable id (article hash +
span + type), so correcting the 2023-04-27 strike at Kostiantynivka leaves the
2023-04-07 strike there alone.  An editor may choose, explicitly, to apply one
correction to every event of that place and type (scope ``place_type``).  A
parser change can move an event's span; the id's article-hash prefix with the
place and type still finds it.  Later corrections of a field win.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from typing import Any

from frontline_map.geo.events.extract import Event

SCOPES = ("event", "place_type")


def event_key(place: str, etype: str) -> str:
    """The key of a ``place_type`` correction: every event of that place and type."""
    return f"{place}|{etype}"


def _article(event_id: str) -> str:
    return event_id.split(":", 1)[0]


def _matches(c: Mapping[str, Any], e: Event) -> bool:
    if c.get("scope") == "place_type":
        return bool(c["key"] == event_key(e.place, e.type))
    ids = e.ids or [e.id]
    if c["key"] in ids:
        return True
    # the same article's event of that place and type, after a re-parse moved its span
    place, etype = c.get("place"), c.get("etype")
    return place == e.place and etype == e.type and _article(c["key"]) in {_article(i) for i in ids}


def apply_corrections(events: Iterable[Event], corrections: Iterable[Mapping[str, Any]]) -> list[Event]:
    """New events with each matching correction applied in order (the originals are not changed).

    A place correction (target "place", key = the place name as parsed, new = JSON with
    name, lat, lon) moves every event at that place: an editor chose a runner-up,
    searched the gazetteer or clicked the map.
    """
    field_fixes = [c for c in corrections if c["target"] == "event"]
    places = {c["key"]: json.loads(c["new"]) for c in corrections if c["target"] == "place"}
    out = []
    for e in events:
        changes: dict[str, Any] = {}
        for c in field_fixes:
            if _matches(c, e):
                changes[c["field"]] = c["new"]
        moved = places.get(e.place)
        if moved:
            changes.update(place=moved["name"], lat=float(moved["lat"]), lon=float(moved["lon"]))
        out.append(dataclasses.replace(e, **changes) if changes else e)
    return out


def route_overrides(corrections: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """ref -> status that an editor set (the latest wins)."""
    return {c["key"]: c["new"] for c in corrections if c["target"] == "route"}
