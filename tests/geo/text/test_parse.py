"""parse_document: one parse per document, with stable ids and the parser's version."""
from __future__ import annotations

import dataclasses
import datetime as dt

from frontline_map.geo.io.documents import Document
from frontline_map.geo.text.parse import event_id, parse_document, parser_version

TEXT = "Russian forces captured Soledar on Wednesday. Missiles struck Kharkiv overnight, officials said."


def test_ids_are_stable_and_name_the_article_span_and_type(gaz):
    doc = Document("a", TEXT, dt.date(2023, 1, 13))
    once, again = parse_document(doc, gaz), parse_document(Document("renamed", TEXT + "\n", doc.date), gaz)
    assert [m["id"] for m in once.mentions] == [m["id"] for m in again.mentions]  # same text, same ids
    assert [e.id for e in once.events] == [e.id for e in again.events]
    capture = next(e for e in once.events if e.type == "capture")
    assert capture.id == event_id(doc.sha, capture.start, capture.end, "capture") == f"{doc.sha[:16]}:24-31:capture"
    other = parse_document(Document("b", "Shelling hit Kharkiv overnight."), gaz)
    assert not {e.id for e in other.events} & {e.id for e in once.events}
    assert {m["date"] for m in once.mentions} == {"2023-01-13"}


def test_the_parser_version_follows_the_gazetteer(gaz):
    version = parser_version(gaz)
    assert parse_document(Document("a", TEXT), gaz).version == version
    assert parser_version(dataclasses.replace(gaz, version="another-build")) != version


def test_mentions_only_when_events_are_not_wanted(gaz):
    parsed = parse_document(Document("a", TEXT), gaz, with_events=False)
    assert parsed.events == [] and {m["name"] for m in parsed.mentions} >= {"Soledar", "Kharkiv"}
