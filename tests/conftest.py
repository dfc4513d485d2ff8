"""Shared fixtures: one gazetteer per session, paths, and the ../shared skip."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer, load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_7ebc6a554742c105.txt"


@pytest.fixture(scope="session", autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The app's shared store lives in a throwaway directory during tests, never in the user's home."""
    os.environ["FRONTLINE_DATA"] = str(tmp_path_factory.mktemp("frontline-data"))


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip with a clear reason when the shared reference data is absent."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (../shared is not checked out here)")
