"""Questions the store answers itself, for an archive too big to read whole (10^5-10^7 events).

A dashboard over a million events cannot load them: it asks how many events a view
holds (:func:`count`), and gets either counts on a grid whose cells shrink as the map
zooms in (:func:`grid`, one GROUP BY with the date index) or, once the view holds few
enough, the events themselves (:func:`events_in`). These count stored reports, one per
article that told them; the events drawn individually are merged and corrected as usual.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from frontline_map.geo.events.extract import Event
from frontline_map.geo.store.sql import EVENT_COLUMNS, Store

Box = tuple[float, float, float, float]  # minlon, minlat, maxlon, maxlat


@dataclass(frozen=True)
class View:
    """Which stored events a map view holds: collections, time window, filters and the box on screen."""

    collections: tuple[str, ...]
    start: dt.date | None = None
    end: dt.date | None = None
    types: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    bbox: Box | None = None


@dataclass(frozen=True)
class Cell:
    """One grid cell: where its events are on average, and how many."""

    lat: float
    lon: float
    count: int
    place: str  # the most common place name of the cell's events, for its label


def _where(store: Store, view: View) -> list[sa.ColumnElement[bool]]:
    e, a = store.t["events"], store.t["articles"]
    where: list[sa.ColumnElement[bool]] = [a.c.collection.in_(list(view.collections))]
    if view.start is not None:
        where.append(e.c.date >= view.start.isoformat())
    if view.end is not None:  # a date cut to its month ("2023-02") sorts before the month's days: kept
        where.append(e.c.date <= view.end.isoformat())
    for column, values in (("type", view.types), ("actor", view.actors), ("status", view.statuses)):
        if values is not None:
            where.append(e.c[column].in_(list(values)))
    if view.bbox is not None:
        minlon, minlat, maxlon, maxlat = view.bbox
        where += [e.c.lat.between(minlat, maxlat), e.c.lon.between(minlon, maxlon)]
        if store.postgis:  # the GiST index answers the box
            where.append(e.c.geom.op("&&")(sa.func.ST_MakeEnvelope(minlon, minlat, maxlon, maxlat, 4326)))
    return where


def _from(store: Store) -> Any:
    e, a = store.t["events"], store.t["articles"]
    return e.join(a, a.c.id == e.c.article_id)


def count(store: Store, view: View) -> int:
    """How many stored events the view holds."""
    query = sa.select(sa.func.count()).select_from(_from(store)).where(*_where(store, view))
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def date_span(store: Store, collections: Sequence[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last event date of those collections (for the time slider)."""
    e = store.t["events"]
    query = (sa.select(sa.func.min(e.c.date), sa.func.max(e.c.date)).select_from(_from(store))
             .where(*_where(store, View(tuple(collections))), e.c.date.is_not(None)))
    with store.engine.connect() as conn:
        first, last = conn.execute(query).one()
    if not first:
        return None
    return _day(first, end=False), _day(last, end=True)


def _day(text: str, *, end: bool) -> dt.date:
    """A stored date ("2023-02-06", or cut to "2023-02" or "2023") as its first or last day."""
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1) if end else first
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def cell_degrees(zoom: int) -> float:
    """A grid cell of about 64 screen pixels at this zoom (a web-map tile is 256 pixels wide)."""
    return 360.0 / float(2 ** max(0, min(int(zoom), 18))) / 4


def grid(store: Store, view: View, cell: float, *, limit: int = 5000) -> list[Cell]:
    """Counts of the view's events on a grid of ``cell`` degrees, biggest first (at most ``limit`` cells)."""
    e = store.t["events"]
    gy: sa.ColumnElement[Any]
    gx: sa.ColumnElement[Any]
    if store.postgis:
        gy, gx = sa.func.floor(e.c.lat / cell), sa.func.floor(e.c.lon / cell)
    else:  # SQLite: shifted positive, so truncation is the floor
        gy = sa.cast((e.c.lat + 90.0) / cell, sa.Integer)
        gx = sa.cast((e.c.lon + 180.0) / cell, sa.Integer)
    n = sa.func.count().label("n")
    query = (sa.select(sa.func.avg(e.c.lat), sa.func.avg(e.c.lon), n, sa.func.max(e.c.place))
             .select_from(_from(store)).where(*_where(store, view), e.c.lat.is_not(None))
             .group_by(gy, gx).order_by(n.desc()).limit(limit))
    with store.engine.connect() as conn:
        return [Cell(float(lat), float(lon), int(k), str(place or "")) for lat, lon, k, place in conn.execute(query)]


def events_in(store: Store, view: View, *, limit: int) -> list[Event]:
    """The view's stored events themselves (at most ``limit``), as parsed: merge and correct on top."""
    e, a = store.t["events"], store.t["articles"]
    cols = [e.c[c] for c in EVENT_COLUMNS]
    query = (sa.select(a.c.name, e.c.event_id, *cols).select_from(_from(store)).where(*_where(store, view))
             .order_by(e.c.id).limit(limit))
    with store.engine.connect() as conn:
        return [Event(doc=r[0], id=r[1], **{c: r[i + 2] for i, c in enumerate(EVENT_COLUMNS)})
                for r in conn.execute(query)]


def top_places(store: Store, view: View, *, limit: int = 50) -> list[tuple[str, int]]:
    """The places with most events in the view: the archive's table."""
    e = store.t["events"]
    n = sa.func.count().label("n")
    query = (sa.select(e.c.place, n).select_from(_from(store)).where(*_where(store, view))
             .group_by(e.c.place).order_by(n.desc()).limit(limit))
    with store.engine.connect() as conn:
        return [(str(p), int(k)) for p, k in conn.execute(query)]
