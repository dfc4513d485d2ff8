"""Dates: find the time expressions a sentence tells events with, and resolve them.

Finding is ours (a closed set of patterns news uses: "yesterday", "on Tuesday",
"last month", "February 24", "since the war began"); resolving an expression
against the publication date is dateparser's job.  Every result carries a
precision (day | month | year | unknown); nothing is guessed: an expression
that cannot be resolved is ``unknown``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from frontline_map.geo.lexicon import words

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PATTERNS: list[tuple[str, str]] = [
    # "overnight on April 5", "overnight into Tuesday": the night that ends on that day is dated by it
    (rf"\bovernight (?:on|into) (?:{_WEEKDAY}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH})\b", "day"),
    (r"\b\d{4}-\d{2}-\d{2}\b", "day"),
    # "on October 27 and 28", "May 3-4": the later day, the one a report of it is dated by
    (rf"\b{_MONTH}\s+\d{{1,2}}\s*(?:and|-|–|to)\s*\d{{1,2}}\b(?!\s*(?:km|kilomet|miles|people|troops))", "days"),
    (rf"\b\d{{1,2}}(?:/\d{{1,2}})?\s+{_MONTH}(?:,?\s+\d{{4}})?\b", "day"),
    (rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b", "day"),
    (rf"\b(?:(?:early|late|mid)[-\s])?{_MONTH}\s+\d{{4}}\b", "month"),
    (rf"\b(?:in|since|during|until|by)\s+(?:(?:early|late|mid)[-\s])?{_MONTH}\b(?!,?\s+\d{{4}})", "month"),  # not "in March 2022"
    (r"\b(?:yesterday|today|tonight|last night|overnight|this morning|earlier today)\b", "day"),
    (r"\b(?:a|one|two|three|the) days? (?:earlier|before)\b|\bthe previous day\b", "day"),
    (rf"\b(?:on|last|this)\s+{_WEEKDAY}(?:\s+(?:night|morning|evening))?\b|\b{_WEEKDAY}\s+(?:night|morning)\b", "day"),
    (rf"\bon\s+{_WEEKDAY}\b|\b{_WEEKDAY}\b", "day"),
    (r"\b(?:last|this|earlier this|late last|early last)\s+month\b", "month"),
    (r"\b(?:last|this|earlier this|past)\s+week\b", "month"),
    (r"\b(?:last|this|earlier this)\s+year\b|\bin\s+(?:19|20)\d{2}\b", "year"),
    (r"\b(?:New Year['’]s (?:Day|Eve)|(?:Orthodox )?Christmas(?: Day| Eve)?)\b", "holiday"),
    (r"\bsince the (?:war|full-scale invasion|invasion) (?:began|started)\b|"
     r"\bsince the (?:start|beginning) of the (?:war|full-scale invasion|invasion)\b", "war-start"),
]
# One pass: each pattern is a named group; the group's index gives the precision.
_FINDER = re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PATTERNS)), re.IGNORECASE)
_PRECISION_OF = {f"p{i}": precision for i, (_, precision) in enumerate(_PATTERNS)}
# Cheap test first: most sentences hold no time expression at all.
_CUE_WORDS = words("dates_cue_words")
_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
WAR_START = dt.date(2022, 2, 24)  # Russia's full-scale invasion of Ukraine
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a text, resolved against the publication date."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str

    @property
    def iso(self) -> str | None:
        """ISO form cut to the precision: 2023-02-05, 2023-01 or 2023."""
        if self.date is None:
            return None
        return {"day": self.date.isoformat(), "month": self.date.isoformat()[:7],
                "year": str(self.date.year)}.get(self.precision, self.date.isoformat())


def find_time_expressions(text: str, *, start: int = 0, end: int | None = None,
                          published: dt.date | None = None) -> list[TimeExpression]:
    """Non-overlapping time expressions in ``text[start:end]``, resolved when a date is known."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    if not (_CUE_WORDS.intersection(_WORDS.findall(chunk.lower())) or _DIGIT.search(chunk)):
        return []
    found = []
    for m in _FINDER.finditer(text, start, end):
        precision = _PRECISION_OF[m.lastgroup or ""]
        date, prec = resolve_expression(m.group(), precision, published)
        found.append(TimeExpression(m.start(), m.end(), m.group(), date, prec))
    return found


@lru_cache(maxsize=8192)
def resolve_expression(expr: str, precision: str, published: dt.date | None) -> tuple[dt.date | None, str]:
    """Resolve one expression; relative ones need the publication date, else ``unknown``."""
    if precision == "war-start":
        return WAR_START, "day"
    if precision == "holiday":
        return (_last_holiday(expr, published), "day") if published else (None, "unknown")
    if re.search(r"\d{4}", expr) is None and published is None:
        return None, "unknown"
    base = published or dt.date.today()
    if precision == "days":  # "October 27 and 28" -> "October 28"
        expr, precision = re.sub(r"\s+\d{1,2}\s*(?:and|-|–|to)\s*(?=\d)", " ", expr.strip()), "day"
    lowered = expr.strip().lower()
    if lowered in {"this morning", "earlier today", "today", "tonight"}:
        return base, "day"
    cleaned = re.sub(r"^(?:overnight\s+(?:on|into)|on|in|since|during|until|by)\s+", "", expr.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"^(?:early|late|mid)[-\s]", "", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"\b(\d{1,2})/\d{1,2}\b", r"\1", cleaned)  # "12/13 February": the first night
    cleaned = re.sub(r"\b(?:night|morning|evening)\b|\bearly\b|\blate\b|\bmid-?", "", cleaned, flags=re.IGNORECASE)
    lowered = cleaned.strip().lower()
    days_back = re.fullmatch(r"(a|one|two|three|the) days? (?:earlier|before)|the (previous) day", lowered)
    if days_back:  # "a day earlier": a day before the story's own day
        return base - dt.timedelta(days={"two": 2, "three": 3}.get(days_back.group(1) or "", 1)), "day"
    if lowered in {"overnight", "last night", "tonight"}:
        return (base - dt.timedelta(days=1) if lowered != "tonight" else base), "day"
    if lowered in {"this morning", "earlier today"}:
        return base, "day"
    weekday = re.fullmatch(r"(?:last|this)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*",
                           lowered)
    if weekday:
        # "on Friday" in a Friday paper is that day; otherwise the latest such day before it.
        target = _WEEKDAYS.index(weekday.group(1))
        back = (base.weekday() - target) % 7
        if lowered.startswith("last") and back == 0:
            back = 7
        return base - dt.timedelta(days=back), "day"
    if "week" in lowered:
        return base - dt.timedelta(days=7 if "last" in lowered or "past" in lowered else 0), "month"
    date = _parse(cleaned.strip(), base.isoformat())
    return (date, precision) if date is not None else (None, "unknown")


# (month, day) of the holidays news dates things by; Orthodox Christmas is Ukraine's and Russia's 7 January
_HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25), "christmas day": (12, 25),
             "christmas eve": (12, 24), "orthodox christmas": (1, 7)}


def _last_holiday(expr: str, published: dt.date) -> dt.date:
    """The holiday's latest day on or before publication: "on New Year's Day" in a 2 January paper is 1 January."""
    month, day = _HOLIDAYS[expr.lower().replace("’", "'")]
    date = dt.date(published.year, month, day)
    return date if date <= published else dt.date(published.year - 1, month, day)


@lru_cache(maxsize=4096)
def _parse(expr: str, base_iso: str) -> dt.date | None:
    import dateparser

    base = dt.datetime.fromisoformat(base_iso)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": []}
    try:
        parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    if not re.search(r"\d{4}", expr) and not (base.date() - dt.timedelta(days=300) <= parsed.date() <= base.date()):
        # News tells recent past events; a bare day that lands in the future, or that could only be
        # read as nearly a year ago ("could begin on February 24" in early February), is not a when.
        return None
    day: dt.date = parsed.date()
    return day


def date_span(date: str | None, precision: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last day an event dated ``date`` at ``precision`` may have happened."""
    if not date or precision == "unknown":
        return None, None
    if precision == "year" or len(date) == 4:
        y = int(date[:4])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if precision == "month" or len(date) == 7:
        y, m = int(date[:4]), int(date[5:7])
        last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(y, m, 1), last
    d = dt.date.fromisoformat(date[:10])
    return d, d
