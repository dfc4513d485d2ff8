"""An archive of articles read lazily: files and folder trees, JSON Lines, CSV.

A newsroom's archive is 10^5-10^7 articles, so nothing here holds more than one
article at a time: :func:`read_archive` yields each article (or the reason one was
refused) as it reads it, and :func:`count_archive` counts them for a progress bar
without keeping them.

The fields read from JSON Lines objects and CSV rows:

- ``text`` (required): the article's text; HTML is reduced to its article text.
- ``date`` (optional): the publication date, ``YYYY-MM-DD`` or any ISO date-time.
- ``title``, ``url`` (optional): the article's name in the store, in that order of
  preference; without either it is ``FILE:LINE`` (``FILE:ROW`` for CSV).

Other fields (``outlet``, ids, authors...) are ignored: the store keeps an article's
name, date and text.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontline_map.geo.errors import InputError
from frontline_map.geo.io.documents import ARTICLE_SUFFIXES, MAX_MB, Document, document_from_text, read_document

RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv"})
ARCHIVE_SUFFIXES = ARTICLE_SUFFIXES | RECORD_SUFFIXES


@dataclass(frozen=True)
class Refused:
    """An article that could not be read or parsed, and why (one line)."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


Item = Document | Refused


def archive_files(args: Iterable[str]) -> Iterator[Path]:
    """The files named, and the archive files of the folders named (whole trees, sorted, hidden ones skipped)."""
    for arg in args:
        path = Path(arg)
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and Path(name).suffix.lower() in ARCHIVE_SUFFIXES:
                    yield Path(root) / name


def read_archive(args: Iterable[str], *, date: dt.date | None = None, max_mb: float = MAX_MB) -> Iterator[Item]:
    """Every article of the archive, one at a time; ``date`` is the default publication date."""
    for path in archive_files(args):
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            yield from _json_lines(path, date, max_mb)
        elif suffix == ".csv":
            yield from _csv_rows(path, date, max_mb)
        else:
            try:
                yield read_document(str(path), date=date, max_mb=max_mb)
            except InputError as exc:
                yield Refused(str(path), exc.problem)


def count_archive(args: Iterable[str]) -> int:
    """How many articles :func:`read_archive` will yield (read once more, nothing kept)."""
    total = 0
    for path in archive_files(args):
        suffix = path.suffix.lower()
        try:
            if suffix in (".jsonl", ".ndjson"):
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif suffix == ".csv":
                with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
                    total += sum(1 for _ in _reader(fh))
            else:
                total += 1
        except OSError:
            total += 1  # it will be refused, and counted, once
    return total


def _record(fields: dict[str, Any], source: str, default: dt.date | None, max_mb: float) -> Item:
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return Refused(source, "has no text field; each record needs the article in 'text'")
    if len(text) > max_mb * 1_000_000:
        return Refused(source, f"text is over the {max_mb:g} MB limit")
    published = default
    raw = fields.get("date")
    if isinstance(raw, str) and raw.strip():
        try:
            published = dt.date.fromisoformat(raw.strip()[:10])
        except ValueError:
            return Refused(source, f"date {raw[:40]!r} is not a date; use YYYY-MM-DD")
    name = next((str(fields[k]).strip()[:200] for k in ("title", "url") if str(fields.get(k) or "").strip()), source)
    try:
        return document_from_text(text, name=name, date=published)
    except InputError as exc:
        return Refused(source, exc.problem)


def _json_lines(path: Path, default: dt.date | None, max_mb: float) -> Iterator[Item]:
    limit = int(max_mb * 1_000_000) + 1
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Refused(str(path), f"cannot be read ({exc.strerror})")
        return
    with fh:
        number = 0
        while True:
            line = fh.readline(limit)
            if not line:
                return
            number += 1
            source = f"{path}:{number}"
            if not line.endswith(b"\n") and len(line) >= limit:  # a runaway line: skip to its end, unread
                while (more := fh.readline(1 << 20)) and not more.endswith(b"\n"):
                    pass
                yield Refused(source, f"line is over the {max_mb:g} MB limit")
                continue
            if not line.strip():
                continue
            try:
                fields = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Refused(source, f"is not a JSON object ({str(exc).split(':')[0]})")
                continue
            if not isinstance(fields, dict):
                yield Refused(source, "is not a JSON object")
                continue
            yield _record(fields, source, default, max_mb)


def _reader(fh: io.TextIOBase) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)  # an article is one field; the size is checked per record
    yield from csv.DictReader(fh)


def _csv_rows(path: Path, default: dt.date | None, max_mb: float) -> Iterator[Item]:
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield Refused(str(path), f"cannot be read ({exc.strerror})")
        return
    with fh:
        rows = _reader(fh)
        number = 1  # the header is row 1
        while True:
            number += 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield Refused(f"{path}:{number}", f"is not readable CSV ({str(exc)[:80]})")
                return
            if number == 2 and "text" not in row:
                yield Refused(str(path), "has no 'text' column; the CSV needs the article in a column named text")
                return
            yield _record(row, f"{path}:{number}", default, max_mb)
