"""An archive read lazily: folder trees, JSON Lines and CSV, every bad record named and counted."""
from __future__ import annotations

import datetime as dt
import json

from frontline_map.geo.io.archive import Refused, count_archive, read_archive
from frontline_map.geo.io.documents import Document


def _tree(tmp_path):
    (tmp_path / "2023" / "02").mkdir(parents=True)
    (tmp_path / "2023" / "02" / "2023-02-06_bakhmut.txt").write_text("Russian forces shelled Bakhmut overnight.")
    (tmp_path / "2023" / "notes.md").write_text("Fighting near Soledar went on.")
    (tmp_path / "2023" / "page.html").write_text("<html><body><article><p>Missiles struck Kharkiv on Friday "
                                                 "morning, the regional governor said, damaging homes.</p>"
                                                 "</article></body></html>")
    (tmp_path / "2023" / ".hidden.txt").write_text("never read")
    (tmp_path / "2023" / "picture.png").write_bytes(b"\x89PNG")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("never read")
    return tmp_path


def test_a_folder_tree_is_walked_in_order_and_only_articles_are_read(tmp_path):
    items = list(read_archive([str(_tree(tmp_path))]))
    assert [i.name for i in items] == ["notes", "page", "2023-02-06_bakhmut"]  # a folder, then its subfolders
    assert items[2].date == dt.date(2023, 2, 6) and "Kharkiv" in items[1].text and "<p>" not in items[1].text
    assert count_archive([str(tmp_path)]) == 3


def test_json_lines_fields_and_every_bad_line_named(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"text": "Shelling hit Kupiansk.", "date": "2023-02-10T08:00:00Z", "title": "Kupiansk hit",
                         "url": "https://example.org/1", "outlet": "Wire"}),
             json.dumps({"text": "Fighting near Lyman.", "url": "https://example.org/2"}),
             json.dumps({"text": "No name at all near Siversk."}),
             "",
             "{not json",
             json.dumps(["a", "list"]),
             json.dumps({"title": "no text"}),
             json.dumps({"text": "x" * 3000}),
             json.dumps({"text": "Bad date near Izium.", "date": "last Tuesday"}),
             json.dumps({"text": "After a runaway line, Kherson."})]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_archive([str(path)], date=dt.date(2023, 1, 1), max_mb=0.002))
    docs = [i for i in items if isinstance(i, Document)]
    refused = [i for i in items if isinstance(i, Refused)]
    assert [(d.name, d.date) for d in docs] == [("Kupiansk hit", dt.date(2023, 2, 10)),
                                                ("https://example.org/2", dt.date(2023, 1, 1)),
                                                (f"{path}:3", dt.date(2023, 1, 1)),
                                                (f"{path}:10", dt.date(2023, 1, 1))]
    assert [r.source.rsplit(":", 1)[1] for r in refused] == ["5", "6", "7", "8", "9"]
    assert "JSON object" in refused[0].problem and "text" in refused[2].problem and "MB limit" in refused[3].problem
    assert "not a date" in refused[4].problem
    assert count_archive([str(path)]) == 9  # the blank line is no article


def test_csv_with_a_text_column_and_quoted_newlines(tmp_path):
    path = tmp_path / "copy.csv"
    path.write_text('id,title,date,text\n1,Two lines,2023-05-21,"Russian forces claimed Bakhmut.\n'
                    'Kyiv denied it."\n2,,2023-05-22,\n', encoding="utf-8")
    items = list(read_archive([str(path)]))
    assert isinstance(items[0], Document) and items[0].name == "Two lines" and "denied" in items[0].text
    assert isinstance(items[1], Refused) and items[1].source.endswith(":3")
    assert count_archive([str(path)]) == 2
    bad = tmp_path / "no_text.csv"
    bad.write_text("id,body\n1,Shelling\n")
    (only,) = read_archive([str(bad)])
    assert isinstance(only, Refused) and "'text' column" in only.problem


def test_an_unreadable_file_is_refused_not_raised(tmp_path):
    (only,) = read_archive([str(tmp_path / "missing.txt")])
    assert isinstance(only, Refused)
    (tmp_path / "b.txt").write_bytes(b"a\x00b")
    (binary,) = read_archive([str(tmp_path / "b.txt")])
    assert isinstance(binary, Refused) and "binary" in binary.problem
