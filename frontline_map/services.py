"""Wiring between the entry points and geo/: parse once into the store, read the stored result.

Everything that writes the corpus goes through here, so the rule "a document is
parsed once" lives in one place: :func:`ingest` parses only articles the store
lacks and saves the result; :func:`reparse` brings stale parses up to date;
:func:`corpus_events` reads stored events back, merged and corrected.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from frontline_map.geo.errors import InputError
from frontline_map.geo.events.corrections import apply_corrections
from frontline_map.geo.events.extract import Event, merge_corpus_events
from frontline_map.geo.gazetteer import Gazetteer
from frontline_map.geo.gazetteer.overlay import with_aliases
from frontline_map.geo.io.documents import ARTICLE_SUFFIXES, Document, read_document
from frontline_map.geo.store.sql import Ingested, Store
from frontline_map.geo.text.parse import Parsed, parse_document, parser_version

Progress = Callable[[int, int, str], None]


def reading_gazetteer(store: Store, base: Gazetteer) -> Gazetteer:
    """The shared gazetteer with the store's taught spellings laid over it (``base`` unchanged)."""
    return with_aliases(base, store.aliases())


def ingest(store: Store, docs: Iterable[Document], gaz: Gazetteer, *, who: str, collection: str = "shared",
           parsed: dict[str, Parsed] | None = None, progress: Progress | None = None) -> list[Ingested]:
    """Parse and store the articles the store lacks; ``parsed`` reuses parses made already (uploads)."""
    docs = list(docs)
    results = []
    for n, doc in enumerate(docs, 1):
        if store.has(doc.sha):
            results.append(Ingested(doc.name, False, "already present"))
        else:
            done = (parsed or {}).get(doc.sha)
            results.append(store.save(done or parse_document(doc, gaz), who=who, collection=collection))
        if progress:
            progress(n, len(docs), doc.name)
    return results


def reparse(store: Store, gaz: Gazetteer, *, everything: bool = False, progress: Progress | None = None) -> int:
    """Parse again the articles a different parser read (all with ``everything``); corrections stay."""
    stale = store.stale(parser_version(gaz), everything=everything)
    for n, doc in enumerate(stale, 1):
        store.replace_parse(parse_document(doc, gaz))
        if progress:
            progress(n, len(stale), doc.name)
    return len(stale)


def folder_documents(folder: Path) -> tuple[list[Document], list[str]]:
    """The articles of a folder (the demo corpus, a newsroom's ``$FRONTLINE_CORPUS``), and the refusals."""
    docs, errors = [], []
    for path in sorted(Path(folder).glob("*")):
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            try:
                docs.append(read_document(str(path)))
            except InputError as exc:  # named by file name: the server's folders are not the visitors' business
                errors.append(f"{path.name}: {exc.problem}")
    return docs, errors


def load_folder(store: Store, folder: Path, gaz: Gazetteer, *, collection: str) -> tuple[list[Ingested], list[str]]:
    """Store a corpus folder's new articles once (later calls parse nothing already stored)."""
    docs, errors = folder_documents(folder)
    return ingest(store, docs, gaz, who="corpus", collection=collection), errors


def corpus_events(store: Store, collections: Sequence[str] | None = None,
                  corrections: Sequence[dict[str, object]] | None = None) -> list[Event]:
    """The stored events of those collections, merged across articles, then corrected.

    Corrections come after the merge: an editor corrects the event they see, which may be
    several articles' reports of it (its ``ids``).
    """
    fixes = store.corrections() if corrections is None else corrections
    return apply_corrections(merge_corpus_events(store.events(collections)), fixes)
