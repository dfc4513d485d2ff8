"""Text in, stored-ready data out: :func:`parse_document`, the geoparser's one entry.

A document is parsed once, when it is ingested, uploaded or pasted; the
result (:class:`Parsed`) is stored with the parser's version and everything
downstream (dashboard, exports, CLI over the store) reads it back.  Mentions and
events carry stable ids built from the article's hash, their span and, for
events, their type, so a correction made today finds its event tomorrow.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontline_map.geo.events.extract import EVENT_KEYS, Event, extract_events
from frontline_map.geo.gazetteer import Gazetteer
from frontline_map.geo.io.documents import Document
from frontline_map.geo.lexicon import LEXICON_DIR
from frontline_map.geo.schema import CRS, MENTION_COLUMNS
from frontline_map.geo.text.mentions import Mention, extract_mentions
from frontline_map.geo.text.resolve import Geocoder, resolve_mentions, to_records

if TYPE_CHECKING:  # geopandas costs 0.4 s to import: the JSON Lines path never needs it
    import geopandas as gpd

EVENT_EXTRA = ("unit", "denied_by", "date_from", "sources", "docs", "alternatives", "id", "ids")


@cache
def _code_hash() -> str:
    """The reading code and its word lists: a change to either makes stored parses stale."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    paths = [p for folder in ("text", "events") for p in sorted((root / folder).glob("*.py"))]
    for path in [*paths, root / "lexicon.py", *sorted(LEXICON_DIR.glob("*"))]:
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def parser_version(gaz: Gazetteer) -> str:
    """Code + gazetteer data: what a stored parse was made with (compared by ``db reparse``)."""
    return f"{_code_hash()}-{gaz.version[:8]}"


def mention_id(sha: str, start: int, end: int) -> str:
    """The stable id of a mention: its article and span."""
    return f"{sha[:16]}:{start}-{end}"


def event_id(sha: str, start: int, end: int, etype: str) -> str:
    """The stable id of an event: its article, span and type."""
    return f"{sha[:16]}:{start}-{end}:{etype}"


@dataclass(frozen=True)
class Parsed:
    """One document's parse: its mention rows, its events and the names left unplaced."""

    doc: Document
    version: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    unresolved: list[Mention] = field(default_factory=list)


def parse_document(doc: Document, gaz: Gazetteer, *, geocode: Geocoder | None = None,
                   demonyms: bool = False, with_events: bool = True) -> Parsed:
    """Recognise, resolve and (unless ``with_events`` is False) extract the events of one document."""
    text, sha = doc.text, doc.sha
    mentions, sentences = extract_mentions(text, gaz)
    resolved = resolve_mentions(mentions, gaz, text=text, geocode=geocode, demonyms=demonyms)
    rows = to_records(resolved, gaz, doc=doc.name, text=text, sentences=sentences)
    day = doc.date.isoformat() if doc.date else None
    for r in rows:
        r["id"] = mention_id(sha, r["start"], r["end"])
        r["date"] = day
    events = []
    if with_events:
        found = extract_events(text, rows, sentences, doc=doc.name, published=doc.date)
        events = [dataclasses.replace(e, id=event_id(sha, e.start, e.end, e.type)) for e in found]
    return Parsed(doc, parser_version(gaz), rows, events, resolved.unresolved)


def records_to_gdf(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Mention rows with ``lat``/``lon`` -> GeoDataFrame in EPSG:4326 (roads get no geometry here)."""
    import geopandas as gpd
    from shapely.geometry import Point

    geometry = [Point(r["lon"], r["lat"]) if r.get("lat") is not None else None for r in rows]
    columns = [*MENTION_COLUMNS, "lat", "lon"]
    gdf = gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs=CRS)
    return gdf.astype({"start": "int64", "end": "int64", "confidence": "float64"})


def events_to_gdf(events: list[Event]) -> gpd.GeoDataFrame:
    """Events -> GeoDataFrame in EPSG:4326; roads keep their ref in ``place`` and have no point."""
    return rows_to_event_gdf([e.as_row() for e in events])


def rows_to_event_gdf(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Event rows (as ``Event.as_row`` gives them) -> GeoDataFrame in EPSG:4326."""
    import geopandas as gpd
    from shapely.geometry import Point

    geometry = [Point(r["lon"], r["lat"]) if r["lat"] is not None else None for r in rows]
    columns = [*EVENT_KEYS, *EVENT_EXTRA]
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs=CRS)
