"""The time filter: which rows of a dated table the map shows for a slider position.

Event dates come with a precision: a month-precision event ("last month")
counts as happening on every day of that month, a year-precision one on every
day of that year, so a slider never drops an event just because the article
was vague about its day.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from frontline_map.geo.events.dates import date_span

MODES = ("cumulative", "window")


def filter_by_date(df: pd.DataFrame, start: dt.date | None, end: dt.date) -> pd.DataFrame:
    """Rows whose date span overlaps [start, end]; ``start=None`` means from the beginning.

    Rows with an unknown date are kept only in cumulative views (``start=None``):
    they happened, we just do not know when.
    """
    if df.empty:
        return df
    spans = [date_span(d, p) for d, p in zip(df["date"], df["date_precision"], strict=False)]
    keep = []
    for first, last in spans:
        if first is None:
            keep.append(start is None)
        else:
            keep.append(first <= end and (start is None or (last is not None and last >= start)))
    return df[keep]


def window(end: dt.date, *, mode: str, days: int) -> tuple[dt.date | None, dt.date]:
    """The [start, end] a slider position means: everything so far, or the last ``days`` days."""
    if mode not in MODES:
        msg = f"unknown time mode {mode!r}; use one of {MODES}"
        raise ValueError(msg)
    return (None, end) if mode == "cumulative" else (end - dt.timedelta(days=max(1, days) - 1), end)


def corpus_dates(df: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and last day a table's events may have happened (the slider's range)."""
    spans = [date_span(d, p) for d, p in zip(df["date"], df["date_precision"], strict=False)]
    firsts = [a for a, _ in spans if a is not None]
    lasts = [b for _, b in spans if b is not None]
    return (min(firsts), max(lasts)) if firsts else None
