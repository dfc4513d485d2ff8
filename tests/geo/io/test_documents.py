"""Reading articles: what is refused, and what a document's text, name, date and hash are."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline_map.geo.errors import InputError
from frontline_map.geo.io.documents import Document, read_bytes, read_document, text_hash


def test_refusals_say_what_to_do(tmp_path):
    with pytest.raises(InputError, match="binary"):
        read_bytes(b"\x00\x01PK", name="x")
    with pytest.raises(InputError, match="empty"):
        read_bytes(b"  \n", name="x")
    with pytest.raises(InputError, match="not UTF-8.*iconv"):
        read_bytes("Бахмут".encode("cp1251"), name="x")
    with pytest.raises(InputError, match="over the 1 MB limit"):
        read_bytes(b"a" * 1_100_000, name="x", max_mb=1)
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_document(str(tmp_path))


def test_bom_date_in_name_and_identity(tmp_path):
    path = tmp_path / "2023-02-06_bakhmut.txt"
    path.write_bytes("\ufeffFighting in Bakhmut.".encode())
    doc = read_document(str(path))
    assert doc == Document("2023-02-06_bakhmut", "Fighting in Bakhmut.", dt.date(2023, 2, 6))
    assert read_document(str(path), date=dt.date(2023, 2, 7)).date == dt.date(2023, 2, 7)  # --date wins
    rewrapped = Document("other", "Fighting  in\nBakhmut. ")
    assert rewrapped.sha == doc.sha == text_hash("Fighting in Bakhmut.") and len(doc.sha) == 64
    assert read_bytes(b"x", name="n", path=Path("20230513-report.md")).date == dt.date(2023, 5, 13)


def test_html_gives_the_article_text_and_its_date():
    page = ("<html><head><meta property='article:published_time' content='2023-05-21T10:00:00Z'></head><body>"
            "<nav>Menu Home Sport</nav><article><p>" + "Russian forces shelled Chasiv Yar overnight. " * 8
            + "</p></article></body></html>")
    doc = read_bytes(page.encode(), name="story", path=Path("story.html"))
    assert doc.date == dt.date(2023, 5, 21) and "Chasiv Yar" in doc.text and "<p>" not in doc.text
