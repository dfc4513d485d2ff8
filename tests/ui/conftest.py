"""Every dashboard test gets a store of its own: one test's corrections never leak into the next."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_store(data_dir: str) -> str:
    return data_dir
