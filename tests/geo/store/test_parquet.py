"""The analyst's GeoParquet copy: partitioned by month, read back by geopandas and dask-geopandas, never doubled."""
from __future__ import annotations

from helpers import DEMO

from frontline_map import services
from frontline_map.geo.io.documents import Document, read_document
from frontline_map.geo.store.parquet import month_counts, write_parquet
from frontline_map.geo.store.sql import Store


def test_the_copy_is_the_store_by_month_and_rewrites_only_what_changed(target, gaz, tmp_path):
    import dask_geopandas
    import geopandas as gpd

    store = Store(target)
    services.ingest(store, [read_document(str(p)) for p in sorted(DEMO.glob("*.txt"))], gaz, who="ana")
    out = tmp_path / "parquet"
    written = write_parquet(store, out)
    counts = month_counts(store, "events")
    assert written == {"events": len(counts), "mentions": len(month_counts(store, "mentions"))}
    events = gpd.read_parquet(out / "events")
    assert events.crs.to_epsg() == 4326 and len(events) == store.stats()["events"] == sum(counts.values())
    by_month = events.groupby(events["month"].astype(str)).size().to_dict()
    assert by_month == counts
    bakhmut = events[events["place"] == "Bakhmut"].iloc[0]
    assert abs(bakhmut.geometry.y - 48.6) < 0.1 and abs(bakhmut.geometry.x - 38.0) < 0.1
    assert len(dask_geopandas.read_parquet(out / "mentions").compute()) == store.stats()["mentions"]

    assert write_parquet(store, out) == {"events": 0, "mentions": 0}  # a re-run writes nothing
    services.ingest(store, [Document("late", "Russian forces shelled Kupiansk on 3 March 2024.",
                                     __import__("datetime").date(2024, 3, 4))], gaz, who="ana")
    assert write_parquet(store, out) == {"events": 1, "mentions": 1}  # only the new month
    assert len(gpd.read_parquet(out / "events")) == store.stats()["events"]
