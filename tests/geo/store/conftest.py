"""Every store test runs on both backends: SQLite (embedded) and PostgreSQL + PostGIS (a real server)."""
from __future__ import annotations

import pytest
from helpers import pg_database


@pytest.fixture(params=["sqlite", "postgis"])
def target(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "data")
        return
    with pg_database() as url:
        yield url
