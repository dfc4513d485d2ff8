"""Control areas over time: dated polygons of who holds what (front line / occupied area).

A series is one file per date (the date in its name, YYYY-MM-DD anywhere) or
one file with a date column.  Real exports are messy: points, other layers,
z coordinates, invalid rings.  We keep polygon parts only, drop z, repair
validity, and let the caller choose features by property values (e.g. a fill
colour) instead of guessing.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from frontline_map.geo.errors import InputError
from frontline_map.geo.io.geofiles import Source, Upload, read_geo, source_name
from frontline_map.geo.names import date_in_name
from frontline_map.geo.schema import CRS

_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DATE_FIELDS = ("date", "Date", "DATE", "day")
# DeepStateMap's raw exports: "Occupied" (#a52714) and the areas held since 2014 and Crimea (#880e4f).
DEEPSTATE_OCCUPIED = ("#a52714", "#880e4f")
# Their other layers: unknown status (grey zone), liberated, and "occupied" areas outside Ukraine.
DEEPSTATE_OTHER = ("#bcaaa4", "#0f9d58", "#0288d1", "#ff5252")


def is_deepstate_export(gdf: gpd.GeoDataFrame) -> bool:
    """A raw DeepStateMap export: KML style columns and its occupied-area fill colours."""
    if "fill" not in gdf.columns or "styleUrl" not in gdf.columns:
        return False
    fills = set(gdf["fill"].dropna().astype(str).str.strip().str.lower())
    return bool(fills & set(DEEPSTATE_OCCUPIED)) and bool(fills & set(DEEPSTATE_OTHER))
SUFFIXES = (".geojson", ".json", ".kml", ".kmz", ".gpkg", ".shp", ".topojson")


def _parse_date(value: object) -> dt.date | None:
    text = str(value)
    m = _DATE.search(text) or re.search(r"(\d{2})-(\d{2})-(\d{4})", text)
    if not m:
        return None
    if len(m.group(1)) == 4:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return dt.date(int(m[3]), int(m[2]), int(m[1]))  # DD-MM-YYYY


def polygons_only(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Polygon parts of every feature, 2-D and valid (points and lines are dropped)."""
    geoms: list[BaseGeometry | None] = []
    for geom in gdf.geometry:
        if geom is None or geom.is_empty:
            geoms.append(None)
            continue
        geom = shapely.make_valid(shapely.force_2d(geom))
        parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
        geoms.append(shapely.union_all(parts) if parts else None)
    out = gdf.set_geometry(geoms, crs=gdf.crs)
    return out[out.geometry.notna() & ~out.geometry.is_empty]


def select(gdf: gpd.GeoDataFrame, where: Mapping[str, Iterable[str]] | None) -> gpd.GeoDataFrame:
    """Keep features whose properties match ``where`` (column -> allowed values).

    A file without the column is taken whole: it is assumed to hold only control areas
    (processed exports such as a single "occupied territory" polygon have no properties).
    """
    for column, allowed in (where or {}).items():
        if column in gdf.columns:
            gdf = gdf[gdf[column].astype(str).str.strip().str.lower().isin({str(a).lower() for a in allowed})]
    return gdf


def _sources(paths: Iterable[str | Path | Upload]) -> list[Source]:
    files: list[Source] = []
    for p in paths:
        if isinstance(p, Upload):
            files.append(p)
        elif Path(p).is_dir():
            files += sorted(f for f in Path(p).iterdir() if f.suffix.lower() in SUFFIXES)
        elif Path(p).exists():
            files.append(Path(p))
        else:
            raise InputError(str(p), "no such file or folder")
    return files


def load_control_series(paths: Iterable[str | Path | Upload], *, where: Mapping[str, Iterable[str]] | None = None,
                        bbox: tuple[float, float, float, float] | None = None,
                        on_rule: Callable[[str], None] | None = None) -> dict[dt.date, gpd.GeoDataFrame]:
    """date -> control-area polygons (EPSG:4326), from files, folders of files or uploads.

    With no ``where``, a raw DeepStateMap export is recognised (:func:`is_deepstate_export`)
    and only its occupied areas are kept: its grey zone, liberated areas and the areas it
    marks outside Ukraine are not enemy-held. ``on_rule`` hears, per file, which rule was
    applied and how many polygons it kept. ``bbox`` clips away stray far-off vertices.
    """
    series: dict[dt.date, list[gpd.GeoDataFrame]] = {}
    for f in _sources(paths):
        raw = read_geo(f, what="a control layer")
        rule, name = "every polygon", source_name(f)
        if where:
            rule = "selected by " + "; ".join(f"{k}={','.join(map(str, v))}" for k, v in where.items())
            raw_kept = select(raw, where)
        elif is_deepstate_export(raw):
            rule = f"DeepStateMap export: its occupied areas only (fill {', '.join(DEEPSTATE_OCCUPIED)})"
            raw_kept = select(raw, {"fill": DEEPSTATE_OCCUPIED})
        else:
            raw_kept = raw
        gdf = polygons_only(raw_kept)
        if on_rule:
            on_rule(f"{Path(name).name}: {rule}; kept {len(gdf)} of {len(polygons_only(raw))} polygon features")
        if bbox is not None:
            gdf = gdf.clip(bbox)
        field = next((c for c in _DATE_FIELDS if c in gdf.columns), None)
        if field is None:
            day = date_in_name(Path(source_name(f)).name)
            if day is None:
                raise InputError(source_name(f), "has no date: put YYYY-MM-DD in its name or add a 'date' property")
            series.setdefault(day, []).append(gdf)
        else:
            for value, part in gdf.groupby(gdf[field].map(_parse_date)):
                series.setdefault(value, []).append(part)
    return {d: gpd.GeoDataFrame(gpd.pd.concat(parts, ignore_index=True), crs=CRS) for d, parts in sorted(series.items())}


def latest_on_or_before(series: Mapping[dt.date, gpd.GeoDataFrame], day: dt.date) -> tuple[dt.date, gpd.GeoDataFrame] | None:
    """The newest layer dated on or before ``day`` (None before the first one)."""
    earlier = [d for d in series if d <= day]
    return (max(earlier), series[max(earlier)]) if earlier else None
