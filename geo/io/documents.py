"""Reading articles: plain text, Markdown or HTML files, or standard input.

Offsets in the output index the text returned here: the file decoded as UTF-8
with a BOM stripped (for HTML, the article text that trafilatura extracts).
Every refusal is an :class:`InputError` whose message says what to do next.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import stat
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from frontline_map.geo.errors import InputError
from frontline_map.geo.names import date_in_name

MAX_MB = 20
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = frozenset({".txt", ".md", *_HTML_SUFFIXES})


@dataclass(frozen=True)
class Document:
    """One article: a short name (the file stem), its text and its publication date."""

    name: str
    text: str
    date: dt.date | None = None

    @cached_property
    def sha(self) -> str:
        """The article's identity: its whitespace-normalised text, hashed (SHA-256); computed once."""
        return text_hash(self.text)


def text_hash(text: str) -> str:
    """SHA-256 of ``text`` with runs of whitespace folded, so re-wrapped copies are one article."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def parse_date(value: str, *, source: str = "--date") -> dt.date:
    """``YYYY-MM-DD`` -> date, or an InputError that shows the expected form."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(source, f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2023-02-06") from None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0 control characters other than tab, newline, carriage return and form feed: never part of an article.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
SYSTEM_DIRS = ("/proc", "/sys", "/dev")


def _decode(raw: bytes, source: str) -> str:
    if raw.startswith(_UTF16_BOMS):
        raise InputError(source, "is UTF-16 text; convert it to UTF-8 first, e.g. iconv -f utf-16 -t utf-8")
    if b"\x00" in raw:
        raise InputError(source, "looks like a binary file, not text; pass a .txt, .md or .html article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = (f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
               "convert it first, e.g. iconv -f cp1251 -t utf-8")
        raise InputError(source, msg) from None


def _looks_like_html(path: Path | None, text: str) -> bool:
    if path is not None and path.suffix.lower() in _HTML_SUFFIXES:
        return True
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _from_html(text: str, source: str) -> tuple[str, dt.date | None]:
    import trafilatura

    body = trafilatura.extract(text, include_comments=False, include_tables=False)
    if not body or not body.strip():
        raise InputError(source, "no article text found in this HTML page; save the article itself")
    meta = trafilatura.extract_metadata(text)
    date = None
    if meta is not None and meta.date:
        try:
            date = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            date = None
    return body, date


def document_from_text(text: str, *, name: str = "stdin", date: dt.date | None = None,
                       path: Path | None = None) -> Document:
    """Build a Document from already-decoded text (pasted in the UI, or stdin)."""
    if "\x00" in text:
        raise InputError(name, "holds NUL characters, so it is not text; pass a .txt, .md or .html article")
    text = _CONTROL.sub("", text)  # cleaned before anything hashes or stores it, on every path
    if not text.strip():
        raise InputError(name, "is empty; nothing to parse")
    found = None
    if _looks_like_html(path, text):
        text, found = _from_html(text, name)
    if date is None and found is None and path is not None:
        found = date_in_name(path.name)
    return Document(name, text, date or found)


def read_bytes(raw: bytes, *, name: str, date: dt.date | None = None, path: Path | None = None,
               max_mb: float = MAX_MB) -> Document:
    """Decode and check uploaded or read bytes (the UI's uploads come this way)."""
    if len(raw) > max_mb * 1_000_000:
        raise InputError(name, f"is {len(raw) / 1e6:.0f} MB, over the {max_mb:g} MB limit; "
                               "split it into articles or raise --max-mb")
    return document_from_text(_decode(raw, name), name=name, date=date, path=path)


def read_document(arg: str, *, date: dt.date | None = None, max_mb: float = MAX_MB) -> Document:
    """Read a path, or standard input for ``-``; the document's name is the file stem."""
    limit = int(max_mb * 1_000_000)
    if arg == "-":
        if sys.stdin is None or getattr(sys.stdin, "buffer", None) is None:
            raise InputError("-", "standard input is closed; pass a file or pipe an article in")
        return read_bytes(sys.stdin.buffer.read(limit + 1), name="stdin", date=date, max_mb=max_mb)
    path = Path(arg)
    _check_regular(arg, path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)  # read, not trust stat: a size of 0 proves nothing
    except OSError as exc:
        raise InputError(arg, f"cannot be read ({exc.strerror})") from None
    return read_bytes(raw, name=path.stem, date=date, path=path, max_mb=max_mb)


def _check_regular(arg: str, path: Path) -> None:
    """Only regular files outside /proc, /sys and /dev: a FIFO or a device would block or never end."""
    if any(str(path.resolve()).startswith(d + "/") for d in SYSTEM_DIRS):
        raise InputError(arg, "is a system file, not an article; pass a .txt, .md or .html file")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(arg, "no such file") from None
    except OSError as exc:
        raise InputError(arg, f"cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise InputError(arg, "is a directory; pass the files inside it, e.g. DIR/*.txt")
    if not stat.S_ISREG(mode):
        raise InputError(arg, "is not a regular file (a pipe or a device); save the article to a file first")
