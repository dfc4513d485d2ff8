"""Questions the store answers itself, for an archive too big to read whole (10^5-10^7 events).

A dashboard over a million events cannot load them: it asks how many events a view holds, and gets
either counts on a grid whose cells shrink as the map zooms in or, once the view holds few enough, the
events themselves. :func:`count` answers a single question in SQL; :class:`ArchiveIndex` answers a
view's many questions from columns read once per store revision. These count stored reports, one per
article that told them; the events drawn individually are merged and corrected as usual.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import sqlalchemy as sa

from frontline_map.geo.events.dates import date_span
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


def cell_degrees(zoom: int) -> float:
    """A grid cell of about 64 screen pixels at this zoom (a web-map tile is 256 pixels wide)."""
    return 360.0 / float(2 ** max(0, min(int(zoom), 18))) / 4


def _first_day(text: object) -> int:
    """A stored date's first day as an ordinal; -1 when undated (a cut "2023-02" sorts as 2023-02-01)."""
    first = date_span(str(text), "day")[0] if text else None
    return first.toordinal() if first else -1


@dataclass(frozen=True, eq=False)
class ArchiveIndex:
    """The columns a map view filters and counts on, for every stored event, in numpy arrays.

    Built from the store in one query per store revision and never changed (the arrays are
    read-only), so every viewer of one server shares it. A million events take about 40 MB,
    and a view's count, grid or top places are vectorised passes of a few milliseconds to a
    few tens, where the same GROUP BY in SQLite takes about a second. The events themselves
    are still read from the store, by id (:meth:`ids_in` then :func:`events_by_id`).
    """

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    day: np.ndarray
    columns: Mapping[str, tuple[np.ndarray, tuple[str, ...]]]  # type, actor, status, place, collection

    @classmethod
    def build(cls, store: Store) -> ArchiveIndex:
        import pandas as pd

        e, a = store.t["events"], store.t["articles"]
        query = (sa.select(e.c.id, e.c.lat, e.c.lon, e.c.date, e.c.type, e.c.actor, e.c.status, e.c.place,
                           a.c.collection).select_from(_from(store)).order_by(e.c.id))
        sql = str(query.compile(dialect=store.engine.dialect))
        raw = store.engine.raw_connection()  # a million rows: the driver's tuples, not ORM rows
        try:
            cursor = raw.cursor()
            cursor.execute(sql)
            frame = pd.DataFrame(cursor.fetchall(), columns=["id", "lat", "lon", "date", "type", "actor", "status",
                                                             "place", "collection"])
        finally:
            raw.close()
        date_codes, dates = pd.factorize(frame["date"], use_na_sentinel=True)
        ordinals = np.array([_first_day(d) for d in dates] + [-1], dtype=np.int32)  # code -1 (undated) -> -1
        arrays = {
            "ids": frame["id"].to_numpy(dtype=np.int64),
            "lat": frame["lat"].to_numpy(dtype=np.float64, na_value=np.nan),
            "lon": frame["lon"].to_numpy(dtype=np.float64, na_value=np.nan),
            "day": ordinals[date_codes],
        }
        columns = {}
        for name in ("type", "actor", "status", "place", "collection"):
            codes, vocab = pd.factorize(frame[name].fillna(""))
            columns[name] = (codes.astype(np.int32), tuple(str(v) for v in vocab))
        for arr in [*arrays.values(), *(c for c, _ in columns.values())]:
            arr.setflags(write=False)  # shared by every session: nobody may change it in place
        return cls(columns=MappingProxyType(columns), **arrays)

    def __len__(self) -> int:
        return len(self.ids)

    def _isin(self, name: str, values: Sequence[str]) -> np.ndarray:
        codes, vocab = self.columns[name]
        wanted = [k for k, v in enumerate(vocab) if v in set(values)]
        return np.isin(codes, wanted)

    def mask(self, view: View) -> np.ndarray:
        """Which events the view holds (the same rule as the SQL :func:`count`)."""
        keep = self._isin("collection", view.collections)
        if view.start is not None:
            keep &= self.day >= view.start.toordinal()
        if view.end is not None:
            keep &= (self.day >= 0) & (self.day <= view.end.toordinal())
        for name, values in (("type", view.types), ("actor", view.actors), ("status", view.statuses)):
            if values is not None:
                keep &= self._isin(name, values)
        if view.bbox is not None:
            minlon, minlat, maxlon, maxlat = view.bbox
            keep &= (self.lat >= minlat) & (self.lat <= maxlat) & (self.lon >= minlon) & (self.lon <= maxlon)
        return keep

    def count(self, view: View) -> int:
        return int(self.mask(view).sum())

    def date_span(self, collections: Sequence[str]) -> tuple[dt.date, dt.date] | None:
        days = self.day[self._isin("collection", collections) & (self.day >= 0)]
        return (dt.date.fromordinal(int(days.min())), dt.date.fromordinal(int(days.max()))) if len(days) else None

    def grid(self, view: View, cell: float, *, limit: int = 5000) -> list[Cell]:
        """Counts of the view's located events on a grid of ``cell`` degrees, biggest first."""
        keep = self.mask(view) & ~np.isnan(self.lat)
        lat, lon = self.lat[keep], self.lon[keep]
        if not len(lat):
            return []
        key = np.floor((lat + 90.0) / cell).astype(np.int64) * 1_000_000 + np.floor((lon + 180.0) / cell).astype(np.int64)
        cells, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
        mean_lat = np.bincount(inverse, weights=lat) / counts
        mean_lon = np.bincount(inverse, weights=lon) / counts
        place_codes, vocab = self.columns["place"]
        pair, pair_counts = np.unique(inverse.astype(np.int64) * len(vocab) + place_codes[keep], return_counts=True)
        order = np.lexsort((-pair_counts, pair // len(vocab)))  # by cell, most common place first
        first = np.unique(pair[order] // len(vocab), return_index=True)[1]
        top = (pair[order][first] % len(vocab)).astype(np.int64)
        biggest = np.argsort(-counts, kind="stable")[:limit]
        return [Cell(float(mean_lat[k]), float(mean_lon[k]), int(counts[k]), vocab[top[k]]) for k in biggest]

    def top_places(self, view: View, *, limit: int = 50) -> list[tuple[str, int]]:
        codes, vocab = self.columns["place"]
        counts = np.bincount(codes[self.mask(view)], minlength=len(vocab))
        best = np.argsort(-counts, kind="stable")[:limit]
        return [(vocab[k], int(counts[k])) for k in best if counts[k]]

    def ids_in(self, view: View, *, limit: int) -> list[int]:
        return [int(i) for i in self.ids[self.mask(view)][:limit]]


def events_by_id(store: Store, ids: Sequence[int]) -> list[Event]:
    """Stored events by row id, as parsed (merge and correct on top)."""
    e, a = store.t["events"], store.t["articles"]
    cols = [e.c[c] for c in EVENT_COLUMNS]
    found: list[Event] = []
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 900):  # under SQLite's limit of bound parameters
            query = (sa.select(a.c.name, e.c.event_id, *cols).select_from(_from(store))
                     .where(e.c.id.in_(list(ids[start:start + 900]))).order_by(e.c.id))
            found += [Event(doc=r[0], id=r[1], **{c: r[i + 2] for i, c in enumerate(EVENT_COLUMNS)})
                      for r in conn.execute(query)]
    return found
