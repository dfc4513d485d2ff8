"""The whole corpus as one GeoPackage, and back: a newsroom's backup and restore."""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from frontline_map.geo.errors import StoreError
from frontline_map.geo.io.atomic import atomic_write
from frontline_map.geo.store.schema import SCHEMA_VERSION, TABLES
from frontline_map.geo.store.sql import Store


def _frame(store: Store, conn: sa.Connection, name: str) -> Any:
    import geopandas as gpd
    import pandas as pd

    cols = [c for c in store.t[name].c if c.name != "geom"]
    frame = pd.DataFrame(conn.execute(sa.select(*cols)).mappings().all(), columns=[c.name for c in cols])
    for col in frame.columns:
        if frame[col].map(lambda v: isinstance(v, (dt.date, dt.datetime))).any():
            frame[col] = frame[col].map(lambda v: v.isoformat() if v is not None else None)
    if {"lat", "lon"} <= set(frame.columns):
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")
    else:
        gdf = gpd.GeoDataFrame(frame)
    return gdf.assign(_empty=pd.Series(dtype="int64")) if gdf.empty else gdf


def backup(store: Store, path: Path) -> Path:
    """The whole corpus as one GeoPackage (a layer per table, plus ``meta``)."""
    import geopandas as gpd
    import pandas as pd

    def write(tmp: Path) -> None:
        with store.engine.connect() as conn:
            for name in TABLES:
                _frame(store, conn, name).to_file(tmp, driver="GPKG", layer=name, engine="pyogrio")
        meta = {"schema_version": SCHEMA_VERSION, "made": dt.datetime.now(dt.UTC).isoformat()}
        gpd.GeoDataFrame(pd.DataFrame([{"meta": json.dumps(meta)}])).to_file(tmp, driver="GPKG", layer="meta",
                                                                           engine="pyogrio")

    return atomic_write(path, write)


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _records(table: sa.Table, frame: Any, store: Store) -> list[dict[str, Any]]:
    cols = [c.name for c in table.c if c.name in frame.columns]
    records = []
    for rec in frame[cols].to_dict("records"):
        clean = {k: (None if _missing(v) else v) for k, v in rec.items()}
        for c in table.c:
            value = clean.get(c.name)
            if value is None:
                continue
            if isinstance(c.type, sa.DateTime):
                clean[c.name] = dt.datetime.fromisoformat(str(value))
            elif isinstance(c.type, sa.Date):
                clean[c.name] = dt.date.fromisoformat(str(value)[:10])
        if "lat" in clean and "geom" in table.c:
            clean["geom"] = store._geom(clean.get("lat"), clean.get("lon"))
        records.append(clean)
    return records


def backup_version(path: Path) -> int:
    """The schema version a backup was made with (its ``meta`` layer; a backup without one is schema 1)."""
    import pyogrio

    if "meta" not in {name for name, _ in pyogrio.list_layers(path)}:
        return 1
    frame = pyogrio.read_dataframe(path, layer="meta", read_geometry=False)
    try:
        return int(json.loads(frame["meta"].iloc[0])["schema_version"])
    except (KeyError, IndexError, TypeError, ValueError):
        raise StoreError(f"{path}: not a Frontline Map backup (unreadable meta layer)") from None


def _upgrade(frames: dict[str, Any], version: int) -> dict[str, Any]:
    """A schema-1 backup as schema 2: parses dropped (they lack ids; ``db reparse`` rebuilds them),
    event corrections scoped to place and type as :func:`~frontline_map.geo.store.schema.migrate_v1` does."""
    if version == SCHEMA_VERSION:
        return frames
    corrections = frames["corrections"].copy()
    corrections["scope"] = ["place_type" if t == "event" else "event" for t in corrections.get("target", [])]
    return {**frames, "mentions": frames["mentions"].iloc[0:0], "events": frames["events"].iloc[0:0],
            "corrections": corrections}


def restore(store: Store, path: Path) -> dict[str, int]:
    """Replace the store's corpus by a backup, in one transaction.

    A backup of an older schema is upgraded on the way in; its articles are then
    stale, so ``frontline db reparse`` (or the next ingest) reads them again.
    """
    import pyogrio

    try:
        layers = {name for name, _ in pyogrio.list_layers(path)}
        version = backup_version(path)
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - any driver error means: not our backup
        msg = f"{path}: not a Frontline Map backup ({str(exc).splitlines()[0]})"
        raise StoreError(msg) from None
    if not set(TABLES) <= layers:
        raise StoreError(f"{path}: not a Frontline Map backup (tables missing)")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: made with store schema {version}, newer than this program's "
                         f"{SCHEMA_VERSION}; upgrade frontline-map")
    frames = _upgrade({name: pyogrio.read_dataframe(path, layer=name, read_geometry=False) for name in TABLES},
                      version)
    with store.engine.begin() as conn:
        for name in reversed(TABLES):
            conn.execute(store.t[name].delete())
        for name in TABLES:
            records = _records(store.t[name], frames[name], store)
            if records:
                conn.execute(store.t[name].insert(), records)
        if store.postgis:  # explicit ids leave the serial sequences behind
            for name in ("articles", "mentions", "events", "corrections"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                     f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)")
    return store.stats()
