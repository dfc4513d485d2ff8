"""The analyst's copy: the store's mentions and events as a GeoParquet dataset partitioned by month.

Layout (Hive-style, so pyarrow, geopandas, dask-geopandas and DuckDB read it as one table)::

    DIR/events/month=2023-02/part.parquet      events by their own date ("undated" when unknown)
    DIR/mentions/month=2023-02/part.parquet    mentions by their article's publication date
    DIR/manifest.json                          rows per month, as last written

Each month is written whole from the store, and only when its row count differs from
the manifest, so the copy is exactly the store's rows whatever runs were killed or
repeated: nothing is appended twice. Read it back with
``geopandas.read_parquet("DIR/events")`` or ``dask_geopandas.read_parquet("DIR/events")``.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from frontline_map.geo.errors import ExportError
from frontline_map.geo.io.atomic import atomic_write, atomic_write_text
from frontline_map.geo.store.schema import EVENT_FIELDS, MENTION_FIELDS
from frontline_map.geo.store.sql import Store

UNDATED = "undated"
TABLES = ("events", "mentions")


def _month(store: Store, table: str) -> sa.ColumnElement[str]:
    if table == "events":
        date: sa.ColumnElement[Any] = store.t["events"].c.date
    else:
        date = sa.cast(store.t["articles"].c.published, sa.Text)
    return sa.func.coalesce(sa.func.substr(date, 1, 7), UNDATED)


def _joined(store: Store, table: str) -> Any:
    t, a = store.t[table], store.t["articles"]
    return t.join(a, t.c.article_id == a.c.id)


def month_counts(store: Store, table: str) -> dict[str, int]:
    """Rows per month of ``events`` or ``mentions`` (one GROUP BY on the store)."""
    month = _month(store, table).label("month")
    query = sa.select(month, sa.func.count()).select_from(_joined(store, table)).group_by(month)
    with store.engine.connect() as conn:
        return {str(m): int(n) for m, n in conn.execute(query)}


def _rows(store: Store, table: str, month: str) -> Any:
    import geopandas as gpd
    import pandas as pd

    t, a = store.t[table], store.t["articles"]
    fields = EVENT_FIELDS if table == "events" else MENTION_FIELDS
    cols = [t.c[name] for name, _ in fields]
    query = (sa.select(*cols, a.c.sha256.label("article_sha"), a.c.name.label("article"),
                       sa.cast(a.c.published, sa.Text).label("published"))
             .select_from(_joined(store, table)).where(_month(store, table) == month).order_by(t.c.id))
    with store.engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=[*(n for n, _ in fields), "article_sha",
                                                                             "article", "published"])
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def write_parquet(store: Store, directory: Path) -> dict[str, int]:
    """Bring the dataset in ``directory`` up to the store; returns how many months of each table were written."""
    try:
        import pyarrow  # noqa: F401 - geopandas writes Parquet through it
    except ModuleNotFoundError:
        raise ExportError("--parquet needs pyarrow: pip install 'frontline-map[archive]'") from None
    directory = Path(directory)
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    except (OSError, ValueError):
        manifest = {}  # unreadable: write every month again
    written = {}
    for table in TABLES:
        counts = month_counts(store, table)
        old = manifest.get(table, {})
        changed = [m for m, n in counts.items() if old.get(m) != n]
        for month in changed:
            folder = directory / table / f"month={month}"
            folder.mkdir(parents=True, exist_ok=True)
            frame = _rows(store, table, month)

            def write(tmp: Path, frame: Any = frame) -> None:
                frame.to_parquet(tmp, index=False)

            atomic_write(folder / "part.parquet", write)
        for month in set(old) - set(counts):
            shutil.rmtree(directory / table / f"month={month}", ignore_errors=True)
        manifest[table] = counts
        written[table] = len(changed)
    atomic_write_text(manifest_path, json.dumps(manifest, indent=1, sort_keys=True))
    return written
