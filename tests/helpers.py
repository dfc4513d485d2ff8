"""Paths and markers the tests share (importable: tests/ is on pytest's pythonpath)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
DEMO = ROOT / "data" / "demo"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_7ebc6a554742c105.txt"


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip with a clear reason when the shared reference data is absent."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (../shared is not checked out here)")


def read(text: str, gaz: object, *, doc: str = "stdin", published: object = None, geocode: object = None):  # noqa: ANN201
    """The one parse of a text, as the product makes it (``parse_document``)."""
    from frontline_map.geo.io.documents import Document
    from frontline_map.geo.text.parse import parse_document

    return parse_document(Document(doc, text, published), gaz, geocode=geocode)  # type: ignore[arg-type]


def mentions_gdf(text: str, gaz: object, *, doc: str = "stdin", geocode: object = None):  # noqa: ANN201
    """The mentions of a text as the mentions GeoDataFrame."""
    from frontline_map.geo.text.parse import records_to_gdf

    return records_to_gdf(read(text, gaz, doc=doc, geocode=geocode).mentions)


def events_and_rows(text: str, gaz: object, *, doc: str = "stdin", published: object = None):  # noqa: ANN201
    """The events of a text, and its mention rows."""
    parsed = read(text, gaz, doc=doc, published=published)
    return parsed.events, parsed.mentions


PG_ADMIN = os.environ.get("FRONTLINE_TEST_PG_URL", "postgresql://frontline:frontline@127.0.0.1:5432/frontline_test")


@contextmanager
def pg_database() -> Iterator[str]:
    """The URL of a fresh database on the test server (dropped afterwards), or a skip that says how to get one."""
    import sqlalchemy as sa

    admin = sa.create_engine(PG_ADMIN.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"frontline_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except sa.exc.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN} ({str(exc.orig).splitlines()[0]}); run sh tests/services.sh")
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
