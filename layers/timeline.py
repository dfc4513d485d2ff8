"""Time in the browser: the view's data sent once, the slider and Play filtering it in the page.

The server builds one compact, columnar payload per corpus (events with their date
spans, the places they happened at, the roads and which road each threat names) and
per time mode the inferred contact zone at each date it changes.  The page's script
(``timeline.js``) draws one circle per place, sized by the events shown there, and
re-filters on every slider step or Play tick without asking the server; the server
hears the date only when the user lets go.  Day numbers count days since 1970-01-01,
which is what the browser's ``Date`` counts in milliseconds.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from frontline_map.geo.analysis.contact import zones_over_time
from frontline_map.geo.events.dates import date_span
from frontline_map.layers.events import APPROXIMATE, TYPE_COLOURS, _text, runner_ups
from frontline_map.layers.routes import _CUT, STATUS_COLOURS

EPOCH = dt.date(1970, 1, 1)
MAX_ZONES = 80  # zone snapshots per time mode; beyond that the change dates are thinned evenly
SPEEDS = (1, 2, 5, 10, 20, 30)  # days per second offered by Play


def day_number(day: dt.date | None) -> int | None:
    return None if day is None else (day - EPOCH).days


def day_of(number: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(number))


def spans(events: pd.DataFrame) -> tuple[list[int | None], list[int | None]]:
    """First and last day number each event may have happened on (None: date unknown)."""
    pairs = [date_span(d, p) for d, p in zip(events["date"], events["date_precision"], strict=False)]
    return [day_number(a) for a, _ in pairs], [day_number(b) for _, b in pairs]


def _index(values: Iterable[str]) -> tuple[list[str], dict[str, int]]:
    names = sorted({v for v in values if v})
    return names, {v: k for k, v in enumerate(names)}


def _spots(events: gpd.GeoDataFrame) -> tuple[list[list[Any]], list[int]]:
    """Distinct (place, point) spots and each event's spot (-1: no point, e.g. a road)."""
    spots: list[list[Any]] = []
    where: dict[tuple[str, float, float], int] = {}
    of_event: list[int] = []
    has_point = events.geometry.notna() & ~events.geometry.is_empty
    alts = events["alternatives"] if "alternatives" in events else [None] * len(events)
    for place, geom, ok, alt in zip(events["place"], events.geometry, has_point, alts, strict=True):
        if not ok or geom.geom_type != "Point":
            of_event.append(-1)
            continue
        key = (str(place), round(geom.y, 5), round(geom.x, 5))
        if key not in where:
            where[key] = len(spots)
            spots.append([key[1], key[2], key[0], runner_ups(alt)])
        of_event.append(where[key])
    return spots, of_event


def _lists(events: pd.DataFrame, column: str) -> list[list[str]]:
    return [v if isinstance(v, list) else json.loads(v or "[]") for v in events[column]]


def payload(events: gpd.GeoDataFrame, roads: gpd.GeoDataFrame) -> tuple[dict[str, Any], dict[str, Any]]:
    """(what the page needs to draw any date, the reports' words for the popups): plain JSON-ready
    columns, not records.  The words come second so the first paint does not wait for them;
    article text is put into the page with ``textContent`` only.
    """
    d0, d1 = spans(events)
    spots, of_event = _spots(events)
    sources = _lists(events, "sources")
    source_names, source_ix = _index(s for srcs in sources for s in srcs)
    road_refs = set(roads["ref"])
    is_road = [t == "route_threat" and p in road_refs for t, p in zip(events["type"], events["place"], strict=True)]
    draw = {
        "colours": TYPE_COLOURS, "roadColours": STATUS_COLOURS, "sources": source_names,
        # lat, lon, name, and a 1 for a village placed by its article's locator (named "≈ Predtechyne" on the map)
        "spots": [[*spot[:3], 1] if spot[3].startswith(APPROXIMATE) else spot[:3] for spot in spots],
        "ev": {
            "s": of_event, "d0": d0, "d1": d1, "t": events["type"].tolist(), "st": events["status"].tolist(),
            "a": [_text(a) or "unknown" for a in events["actor"]],
            "src": [[source_ix[s] for s in srcs if s in source_ix] for srcs in sources],
            "road": [p if r else None for p, r in zip(events["place"], is_road, strict=True)],
            "cut": [int(bool(r and _CUT.search(_text(s)) and st != "denied"))
                    for r, s, st in zip(is_road, events["sentence"], events["status"], strict=True)],
        },
        "roads": [{"ref": r.ref, "name": r.name, "approx": bool(r.approximate),
                   "parts": [[[round(lat, 5), round(lon, 5)] for lon, lat in part.coords]
                             for part in getattr(r.geometry, "geoms", [r.geometry])]}
                  for r in roads.itertuples()],
    }
    return draw, _words(events, [spot[3] for spot in spots])


def _words(events: gpd.GeoDataFrame, alternatives: list[str]) -> dict[str, Any]:
    when = []
    for date, precision in zip(events["date"], events["date_precision"], strict=True):
        text = _text(date) or "date unknown"
        when.append(text + (f" ({precision})" if _text(date) and precision not in ("day", "unknown") else ""))
    units = events["unit"] if "unit" in events else [None] * len(events)
    return {
        "w": when, "q": [_text(s) for s in events["sentence"]],
        "who": [(_text(a) or "unknown") + (f" ({u})" if _text(u) else "") for a, u in
                zip(events["actor"], units, strict=True)],
        "docs": [", ".join(d) for d in _lists(events, "docs")],
        "den": [_text(d) for d in events.get("denied_by", [None] * len(events))],
        "alt": alternatives,
    }


def _change_days(d0: np.ndarray, d1: np.ndarray, mode: str, days: int) -> list[int]:
    """The days on which the set of events a view keeps can change."""
    dated = ~np.isnan(d0)
    starts = set(d0[dated].astype(int).tolist())
    if mode == "window":
        starts |= set((d1[dated].astype(int) + days).tolist())  # the day an event leaves the window
    return sorted(starts)


def _thinned(values: list[int], limit: int) -> list[int]:
    if len(values) <= limit:
        return values
    picks = np.linspace(0, len(values) - 1, limit).round().astype(int)
    return [values[k] for k in sorted(set(picks.tolist()))]


def zone_snapshots(events: gpd.GeoDataFrame, *, mode: str, days: int, limit: int = MAX_ZONES) -> list[list[Any]]:
    """[[first day, GeoJSON or None], …]: the contact zone from every day the fighting it rests on changes.

    The zone rests on all fighting and capture reports, whatever the filters: filtering by
    actor must not move the front.  Beyond ``limit`` change days they are thinned evenly.
    """
    fights = events[events["type"].isin(["fighting", "capture"]) & events.geometry.notna()
                    & ~events.geometry.is_empty]
    if fights.empty:
        return []
    first, last = spans(fights)
    d0 = np.array([np.nan if v is None else v for v in first], dtype=float)
    d1 = np.array([np.nan if v is None else v for v in last], dtype=float)
    steps = _thinned(_change_days(d0, d1, mode, days), limit)
    masks = [(d0 <= day) & (d1 >= day - days + 1) if mode == "window" else np.isnan(d0) | (d0 <= day)
             for day in steps]
    out: list[list[Any]] = []
    previous: Any = False
    for day, zone in zip(steps, zones_over_time(fights.geometry, masks, growing=mode != "window"), strict=True):
        if zone != previous:
            out.append([day, zone])
            previous = zone
    return out


def script() -> str:
    """The page's time script (one file, no build step)."""
    return resources.files("frontline_map.layers").joinpath("timeline.js").read_text(encoding="utf-8")


class TimeScript(MacroElement):
    """The time controller's code, once in the map's base (it draws nothing by itself)."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "TimeScript"
        self.code = script()


class Attach(MacroElement):
    """Hands a feature group to the time controller: ``kind`` is events, roads or zone."""

    _template = Template("""{% macro script(this, kwargs) %}
window.FrontlineTime && window.FrontlineTime.attach({{ this._parent._parent.get_name() }},
  {{ this.kind_json }}, {{ this._parent.get_name() }}, {{ this.config_json }});
{% endmacro %}""")

    def __init__(self, kind: str, config: dict[str, Any]) -> None:
        super().__init__()
        self._name = "Attach"
        self.kind_json = json.dumps(kind)
        self.config_json = json.dumps(config, sort_keys=True).replace("</", "<\\/")


def group(kind: str, name: str, config: dict[str, Any]) -> folium.FeatureGroup:
    """A feature group the page fills and re-filters itself (see timeline.js)."""
    fg = folium.FeatureGroup(name=name)
    fg.add_child(Attach(kind, config))
    return fg
