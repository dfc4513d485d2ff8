"""Text in, GeoDataFrame out: the geoparser's one public entry for callers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.events import EVENT_KEYS, Event, extract_events
from geo.gazetteer import Gazetteer
from geo.mentions import Mention, extract_mentions
from geo.resolve import Geocoder, resolve_mentions, to_records
from geo.schema import CRS, MENTION_COLUMNS

if TYPE_CHECKING:  # geopandas costs 0.4 s to import: the JSON Lines path never needs it
    import geopandas as gpd


@dataclass
class ParseResult:
    """Mentions of one or more documents, and the names that could not be placed."""

    gdf: "gpd.GeoDataFrame"
    unresolved: list[tuple[str, Mention]] = field(default_factory=list)


def records_to_gdf(rows: list[dict]) -> gpd.GeoDataFrame:
    """Rows with ``lat``/``lon`` -> GeoDataFrame in EPSG:4326 (roads get no geometry here)."""
    import geopandas as gpd
    from shapely.geometry import Point

    geometry = [Point(r["lon"], r["lat"]) if r.get("lat") is not None else None for r in rows]
    columns = [*MENTION_COLUMNS, "lat", "lon"]
    gdf = gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs=CRS)
    return gdf.astype({"start": "int64", "end": "int64", "confidence": "float64"})


def parse_records(text: str, gaz: Gazetteer, *, doc: str = "stdin", geocode: Geocoder | None = None,
                  demonyms: bool = False) -> tuple[list[dict], list[Mention]]:
    """Plain rows for one document (the fast path the CLI streams as JSON Lines)."""
    rows, _, unresolved = _parse(text, gaz, doc=doc, geocode=geocode, demonyms=demonyms)
    return rows, unresolved


def _parse(text: str, gaz: Gazetteer, *, doc: str, geocode: Geocoder | None = None,
           demonyms: bool = False) -> tuple[list[dict], list[tuple[int, int]], list[Mention]]:
    mentions, sentences = extract_mentions(text, gaz)
    resolved = resolve_mentions(mentions, gaz, text=text, geocode=geocode, demonyms=demonyms)
    rows = to_records(resolved, gaz, doc=doc, text=text, sentences=sentences)
    return rows, sentences, resolved.unresolved


def parse_events(text: str, gaz: Gazetteer, *, doc: str = "stdin", published: dt.date | None = None,
                 geocode: Geocoder | None = None) -> tuple[list[Event], list[dict]]:
    """Events of one document (and its mention rows, which the map also shows)."""
    rows, sentences, _ = _parse(text, gaz, doc=doc, geocode=geocode)
    return extract_events(text, rows, sentences, doc=doc, published=published), rows


def parse_text(text: str, gaz: Gazetteer, *, doc: str = "stdin",
               geocode: Geocoder | None = None) -> ParseResult:
    """Every place mention of ``text`` as a GeoDataFrame (one row per mention)."""
    rows, unresolved = parse_records(text, gaz, doc=doc, geocode=geocode)
    return ParseResult(records_to_gdf(rows), [(doc, m) for m in unresolved])


def events_to_gdf(events: list[Event]) -> "gpd.GeoDataFrame":
    """Events -> GeoDataFrame in EPSG:4326; roads keep their ref in ``place`` and have no point."""
    return rows_to_event_gdf([e.as_row() for e in events])


def rows_to_event_gdf(rows: list[dict]) -> "gpd.GeoDataFrame":
    """Event rows (as ``Event.as_row`` gives them) -> GeoDataFrame in EPSG:4326."""
    import geopandas as gpd
    from shapely.geometry import Point

    geometry = [Point(r["lon"], r["lat"]) if r["lat"] is not None else None for r in rows]
    columns = [*EVENT_KEYS, "unit", "denied_by", "date_from", "sources", "docs", "alternatives"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs=CRS)
