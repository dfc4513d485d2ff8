"""Shared fixtures: one gazetteer per session, and a private data directory."""
from __future__ import annotations

import os

import pytest

from frontline_map.geo.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session", autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Stores made without a target live in a throwaway directory during tests, never in the user's home."""
    os.environ["FRONTLINE_DATA"] = str(tmp_path_factory.mktemp("frontline-data"))


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture()
def data_dir(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store of this test's own: the app and CLI started by the test use it, and nothing leaks."""
    folder = str(tmp_path / "store")
    monkeypatch.setenv("FRONTLINE_DATA", folder)
    return folder
