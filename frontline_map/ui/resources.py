"""What the dashboard shares between reruns and sessions, each behind a bounded Streamlit cache.

Shared objects are read-only: the gazetteer is never changed (taught aliases are
an overlay), the store is a connection pool, the HTTP clients carry their own
lock.  Data caches are keyed on the store's revision, so an ingest or a
correction by anyone shows on everyone's next rerun.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from frontline_map import services
from frontline_map.geo.errors import InputError
from frontline_map.geo.events.corrections import apply_corrections
from frontline_map.geo.events.extract import Event, merge_corpus_events
from frontline_map.geo.gazetteer import Gazetteer, index_path, load_gazetteer
from frontline_map.geo.gazetteer.overlay import with_aliases
from frontline_map.geo.io.documents import Document
from frontline_map.geo.net.http import HttpClient
from frontline_map.geo.net.overpass import overpass_client
from frontline_map.geo.settings import Settings
from frontline_map.geo.store.sql import Store
from frontline_map.geo.text.parse import Parsed, parse_document
from frontline_map.layers.assets import install_static


def _secrets() -> Mapping[str, Any]:
    try:
        return dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets.toml at all: nothing is configured
        return {}


def settings() -> Settings:
    """The one read of the environment and secrets for this run."""
    return Settings.from_env(os.environ, _secrets())


@st.cache_resource(show_spinner=False, max_entries=2)
def static_assets(folder: str) -> str:
    """Copy the offline map assets beside the script once per process."""
    return str(install_static(Path(folder)))


@st.cache_resource(show_spinner=False, max_entries=2)
def _gazetteer(cache_dir: str, version: str) -> Gazetteer:
    """One per index version: a newsroom's added places make a new one (``frontline gazetteer add``)."""
    return load_gazetteer(directory=Path(cache_dir))


@st.cache_resource(show_spinner=False)
def _build_lock(cache_dir: str) -> threading.Lock:
    """One build per server: the first page builds, the others wait and show its progress."""
    return threading.Lock()


def gazetteer(cache_dir: str) -> Gazetteer:
    """The shared, read-only gazetteer.  On a first start (no built index) the page that asks first builds
    it under a progress bar with the time left, measured as it goes; pages that ask meanwhile show the same
    progress, read from the file the builder writes beside the index."""
    folder = Path(cache_dir)
    path = index_path(directory=folder)
    if path.exists():
        return _gazetteer(cache_dir, path.name)
    bar, lock, note = st.progress(0.0, text=_BUILDING), _build_lock(cache_dir), folder / "gazetteer-build.json"
    if lock.acquire(blocking=False):
        try:
            start = time.monotonic()

            def report(share: float, stage: str) -> None:
                spent = time.monotonic() - start
                left = spent * (1 - share) / share if share >= 0.05 else None
                bar.progress(min(1.0, share), text=_building(stage, left))
                with contextlib.suppress(OSError):
                    folder.mkdir(parents=True, exist_ok=True)
                    note.write_text(json.dumps({"share": share, "stage": stage, "left": left}), encoding="utf-8")

            # built here, outside the cache (a cached function may not draw): the cache then loads the file
            load_gazetteer(directory=folder, progress=report)
        finally:
            lock.release()
            note.unlink(missing_ok=True)
            bar.empty()
        return _gazetteer(cache_dir, path.name)
    while not lock.acquire(timeout=0.5):  # another page is building it: follow its progress
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):  # not written yet, or half-written
            got = json.loads(note.read_text(encoding="utf-8"))
            bar.progress(min(1.0, float(got["share"])), text=_building(str(got["stage"]), got["left"]))
    lock.release()
    bar.empty()
    return _gazetteer(cache_dir, path.name)


_BUILDING = "Building the offline gazetteer (first start on this machine; later starts load it in a second)…"


def _building(stage: str, left: float | None) -> str:
    return (f"Building the offline gazetteer (first start on this machine): {stage}"
            + (f", about {left:.0f} s left" if left is not None else "") + "…")


@st.cache_resource(show_spinner=False, max_entries=4)
def reading_gazetteer(_base: Gazetteer, base_version: str, aliases: tuple[tuple[str, str], ...]) -> Gazetteer:
    """The gazetteer with the newsroom's taught spellings laid over it (one per alias table)."""
    return with_aliases(_base, dict(aliases))


@st.cache_resource(show_spinner=False, max_entries=4)
def store(target: str, read_only: bool = False) -> Store:
    """One connection pool per store for the whole server."""
    return Store(target, read_only=read_only)


@st.cache_resource(show_spinner=False, max_entries=4)
def overpass(url: str, cache_dir: str) -> HttpClient:
    """One rate-limited Overpass client per server."""
    return overpass_client((url,), cache_dir=Path(cache_dir))


def _listing(folder: Path) -> tuple[tuple[str, int, float], ...]:
    try:
        return tuple((p.name, p.stat().st_size, p.stat().st_mtime) for p in sorted(folder.iterdir()) if p.is_file())
    except OSError:
        return ()


@st.cache_resource(show_spinner="Adding the corpus to the store (once)…", max_entries=8)
def _corpus_loaded(_store: Store, _gaz: Gazetteer, target: str, folder: str, collection: str,
                   listing: tuple[tuple[str, int, float], ...]) -> tuple[int, tuple[str, ...]]:
    results, errors = services.load_folder(_store, Path(folder), _gaz, collection=collection)
    return sum(r.added for r in results), tuple(errors)


def load_corpus(db: Store, gaz: Gazetteer, config: Settings) -> tuple[str, tuple[str, ...]]:
    """Store the demo or ``$FRONTLINE_CORPUS`` folder's new articles (parsed once per article, ever)."""
    collection = "demo" if config.demo else f"corpus:{config.corpus.name}"
    if db.read_only:
        return collection, ()  # what is stored is what is shown
    _, errors = _corpus_loaded(db, gaz, config.store_target, str(config.corpus), collection,
                               _listing(config.corpus))
    return collection, errors


@st.cache_data(show_spinner=False, max_entries=32)
def parse_pending(name: str, text: str, published: dt.date | None, _gaz: Gazetteer, gaz_version: str) -> Parsed:
    """An uploaded or pasted article, parsed once (the same parse is stored on 'Add')."""
    return parse_document(Document(name, text, published), _gaz)


TIMELINE_URL = "/app/static/timeline"
TIMELINE_KEEP = 64  # published files kept; older ones go (a page that still needs one gets it rewritten)


def _as_json(data: object) -> tuple[str, str]:
    text = json.dumps(data, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()[:40] + ".json", text


def publish(static_dir: Path, named: tuple[str, str]) -> str:
    """Write JSON under its own hash into the app's static folder (if it is not there); its URL.

    Content-addressed and written by rename, so concurrent sessions never see half a file
    and a file never changes under a page that fetched it.
    """
    name, text = named
    folder = static_dir / "timeline"
    target = folder / name
    try:
        os.utime(target)  # in use again: the newest, so the pruning below never takes a file a page is sent
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
        for old in sorted(folder.glob("*.json"), key=_mtime)[:-TIMELINE_KEEP]:
            old.unlink(missing_ok=True)
    return f"{TIMELINE_URL}/{name}"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # another session pruned it meanwhile
        return 0.0


@st.cache_resource(show_spinner="Preparing the map's timeline…", max_entries=8)
def timeline_json(_events: Any, _roads: Any, key: tuple[object, ...]) -> tuple[tuple[str, str], tuple[str, str]]:
    """The browser's copy of the corpus, what it draws and the reports' words, each as (file name, JSON
    text); ``key``: corpus state and roads."""
    from frontline_map.layers import timeline

    draw, words = timeline.payload(_events, _roads)
    return _as_json(draw), _as_json(words)


@st.cache_resource(show_spinner=False, max_entries=16)
def zones_json(_events: Any, key: tuple[object, ...], mode: str, days: int) -> tuple[str, str]:
    """The contact zone on every day it changes, for one time mode, as (file name, JSON text)."""
    from frontline_map.layers import timeline

    return _as_json(timeline.zone_snapshots(_events, mode=mode, days=days))


@st.cache_resource(show_spinner="Unpacking the newsroom's tiles (once)…", max_entries=2)
def _own_tiles(tiles: str, credit: str, static_dir: str, stamp: float) -> tuple[str, str, int]:
    from frontline_map.geo.io import mbtiles

    if re.match(r"https?://", tiles):
        if not all(part in tiles for part in ("{z}", "{x}", "{y}")):
            raise InputError("FRONTLINE_TILES", f"{tiles!r} lacks {{z}}/{{x}}/{{y}}; e.g. https://tiles.example/{{z}}/{{x}}/{{y}}.png")
        return tiles, credit, 18
    path = Path(tiles).expanduser()
    key = hashlib.sha256(f"{path.resolve()}:{stamp}".encode()).hexdigest()[:16]
    found = mbtiles.extract(path, Path(static_dir) / "tiles" / key)
    return f"/app/static/tiles/{key}/{{z}}/{{x}}/{{y}}.{found.ext}", credit or found.attribution, found.max_zoom


def own_tiles(config: Settings, static_dir: str) -> tuple[str, str, int] | None:
    """The newsroom's base map (``FRONTLINE_TILES``: a tile URL, or an MBTiles/PMTiles file served from the static
    folder) as (URL template, credit, max zoom); None when there is none or it cannot be read (said once)."""
    if not config.tiles:
        return None
    path = Path(config.tiles).expanduser()
    stamp = path.stat().st_mtime if path.is_file() else 0.0
    try:
        return _own_tiles(config.tiles, config.tiles_attribution, static_dir, stamp)
    except InputError as exc:
        st.sidebar.error(str(exc))
        return None


@st.cache_data(show_spinner=False, max_entries=8)
def stored_mentions(_store: Store, target: str, revision: str, collections: tuple[str, ...]) -> list[dict[str, Any]]:
    """The stored mention rows of those collections."""
    return _store.mentions(list(collections))


@st.cache_data(show_spinner=False, max_entries=8)
def stored_events(_store: Store, key: tuple[object, ...], collections: tuple[str, ...]) -> int:
    """How many events those collections hold (``key``: store and revision): decides the archive view."""
    from frontline_map.geo.store import aggregate

    return aggregate.count(_store, aggregate.View(collections))


@st.cache_data(show_spinner="Reading the stored corpus…", max_entries=8)
def view_events(_store: Store, _pending: list[Event], _corrections: list[dict[str, Any]],
                key: tuple[object, ...]) -> Any:
    """Stored and pending events merged across articles, corrected, as a GeoDataFrame.

    ``key`` is (store, revision, collections, pending articles): the store is read only when it changed.
    """
    from frontline_map.geo.text.parse import events_to_gdf

    collections = key[2]
    stored = _store.events(list(collections))  # type: ignore[call-overload]
    return events_to_gdf(apply_corrections(merge_corpus_events([*stored, *_pending]), _corrections))
