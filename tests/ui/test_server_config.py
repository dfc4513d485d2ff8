"""The server settings a newsroom gets from `.streamlit/config.toml` without writing one of its own."""
from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_the_shipped_config_serves_locally_offline_and_without_watching_sources():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    server = config["server"]
    assert server["address"] == "127.0.0.1"  # local mode makes everyone an editor: never every interface
    assert server["enableStaticServing"] is True  # Leaflet and the offline base come from static/
    # Watching sources registers a watcher per imported module for every new session and rescans them after every
    # run, on the CPU that serves the page (py-spy: more server samples than the script itself during first paints).
    assert server["fileWatcherType"] == "none"
    assert config["browser"]["gatherUsageStats"] is False  # no call out to the internet
    assert config["client"]["toolbarMode"] == "minimal"  # no "Deploy" button
