"""Build data/basemap_ua.geojson: the offline base layer under the map, from Natural Earth (public domain).

    python tools/build_basemap.py NE_DIR --out data/basemap_ua.geojson

NE_DIR holds these Natural Earth 1:10m layers as GeoJSON (naturalearthdata.com, or the
GeoJSON conversion at github.com/martynafford/natural-earth-geojson, CC0):
ne_10m_admin_0_boundary_lines_land.json, ne_10m_coastline.json,
ne_10m_rivers_lake_centerlines.json, ne_10m_rivers_europe.json and
ne_10m_admin_1_label_points.json.  Each is clipped to Ukraine and its neighbours,
simplified to about 150 m and written as one small file whose features carry ``kind``
(border, coast, river, region) and ``name``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape

BBOX = (21.0, 43.3, 41.8, 53.6)  # lon/lat: Ukraine, Moldova, the Black Sea coast, the Russian border regions
SIMPLIFY_DEG = 0.0015
# Natural Earth's adm1 codes -> the oblast names a reader knows (KMU 2010 spellings); Kyiv city has its town label.
OBLASTS = {
    "UKR-319": "Cherkasy", "UKR-285": "Chernihiv", "UKR-288": "Chernivtsi", "UKR-326": "Dnipropetrovsk",
    "UKR-327": "Donetsk", "UKR-289": "Ivano-Frankivsk", "UKR-328": "Kharkiv", "UKR-290": "Khmelnytskyi",
    "UKR-321": "Kyiv", "UKR-320": "Kirovohrad", "UKR-291": "Lviv", "UKR-329": "Luhansk", "UKR-284": "Mykolaiv",
    "UKR-4827": "Kherson", "UKR-322": "Odesa", "UKR-330": "Poltava", "UKR-286": "Rivne", "UKR-325": "Sumy",
    "UKR-292": "Ternopil", "UKR-293": "Zakarpattia", "UKR-323": "Vinnytsia", "UKR-318": "Volyn",
    "UKR-331": "Zaporizhzhia", "UKR-324": "Zhytomyr",
}
RIVERS = {"Dnieper": "Dnipro", "Seversky Donets": "Siverskyi Donets", "Donets": "Siverskyi Donets",
          "Southern Bug": "Southern Buh", "Bug": "Southern Buh", "Oskol": "Oskil", "Seym": "Seim",
          "Pripyat": "Prypiat", "Prypyat": "Prypiat", "Dniester": "Dnister", "Ingulets": "Inhulets",
          "Ingul": "Inhul", "Samara": "Samara", "Vorskla": "Vorskla", "Psel": "Psel", "Sula": "Sula"}


def _rounded(geom: Any) -> dict[str, Any]:
    return mapping(shapely.set_precision(geom, 0.0001))


def _lines(path: Path, kind: str, *, keep: Any = lambda p: True) -> list[dict[str, Any]]:
    clip = box(*BBOX)
    out = []
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = f["properties"]
        if f["geometry"] is None or not keep(props):
            continue
        geom = shape(f["geometry"]).intersection(clip)
        if geom.is_empty:
            continue
        geom = geom.simplify(SIMPLIFY_DEG, preserve_topology=False)
        if geom.is_empty or geom.length == 0:
            continue
        name = props.get("name_en") or props.get("name")
        out.append({"type": "Feature", "properties": {"kind": kind, "name": RIVERS.get(name, name),
                                                      "rank": props.get("scalerank")},
                    "geometry": _rounded(geom)})
    return out


def _regions(path: Path) -> list[dict[str, Any]]:
    """One label point per oblast (the northernmost where Natural Earth has several: the mainland)."""
    best: dict[str, tuple[float, float]] = {}
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = f["properties"].get("adm1_code")
        lon, lat = f["geometry"]["coordinates"]
        if code in OBLASTS and (code not in best or lat > best[code][1]):
            best[code] = (lon, lat)
    return [{"type": "Feature", "properties": {"kind": "region", "name": f"{OBLASTS[code]} Oblast", "rank": 5},
             "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]}}
            for code, (lon, lat) in sorted(best.items())]


def build(folder: Path) -> dict[str, Any]:
    rivers = [*_lines(folder / "ne_10m_rivers_lake_centerlines.json", "river",
                      keep=lambda p: p.get("featurecla") != "Lake Centerline" and (p.get("scalerank") or 99) <= 9),
              *_lines(folder / "ne_10m_rivers_europe.json", "river", keep=lambda p: bool(p.get("name")))]
    features = [*_lines(folder / "ne_10m_coastline.json", "coast"),
                *rivers,
                *_lines(folder / "ne_10m_admin_0_boundary_lines_land.json", "border"),
                *_regions(folder / "ne_10m_admin_1_label_points.json")]
    return {"type": "FeatureCollection", "features": features}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    missing = [n for n in ("ne_10m_admin_0_boundary_lines_land.json", "ne_10m_coastline.json",
                           "ne_10m_rivers_lake_centerlines.json", "ne_10m_rivers_europe.json",
                           "ne_10m_admin_1_label_points.json") if not (args.folder / n).is_file()]
    if missing:
        print(f"error: {args.folder} lacks {', '.join(missing)}; see this script's docstring", file=sys.stderr)
        return 2
    data = build(args.folder)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    kinds: dict[str, int] = {}
    for f in data["features"]:
        kinds[f["properties"]["kind"]] = kinds.get(f["properties"]["kind"], 0) + 1
    print(f"wrote {args.out}: {args.out.stat().st_size:,} bytes, {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
