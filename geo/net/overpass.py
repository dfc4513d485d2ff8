"""Exact road geometry from OpenStreetMap, by ref, through the Overpass API (opt-in, online).

Every request goes through :class:`~frontline_map.geo.net.http.HttpClient`: one
request per second at most, a real user agent, a timeout, a size cap, only the
configured servers, and a cache of answers that found the road, keyed on the
whole request.  Refs are asked in the spellings OSM uses in Ukraine (Cyrillic
letters and dashes: "М-03", "Н-32").
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import LineString

from frontline_map.geo.errors import NetError
from frontline_map.geo.gazetteer import Route
from frontline_map.geo.names import LATIN_REF_TO_CYRILLIC
from frontline_map.geo.net.http import HttpClient, HttpPolicy
from frontline_map.geo.schema import CRS
from frontline_map.geo.settings import OVERPASS_URL

DEFAULT_URL = OVERPASS_URL


def overpass_client(urls: tuple[str, ...] = (DEFAULT_URL,), *, cache_dir: Path | None = None,
                    timeout_s: float = 20.0, min_interval_s: float = 1.0) -> HttpClient:
    """A client for the Overpass servers a newsroom allows (share one per process)."""
    return HttpClient(HttpPolicy("Overpass", urls, timeout_s=timeout_s, min_interval_s=min_interval_s,
                                 cache_dir=cache_dir / "overpass" if cache_dir else None))


def osm_refs(route: Route) -> list[str]:
    """The ref spellings to ask for: the table's Latin ref and its Cyrillic dashed form."""
    ref = route.ref
    spellings = {ref, *route.aliases}
    if ref[:1] in "MHTPE" and ref[1:].isdigit():
        digits = ref[1:]
        dashed = f"{ref[0]}-{digits}" if len(digits) == 2 else f"{ref[0]}-{digits[:2]}-{digits[2:]}"
        spellings |= {dashed, dashed.translate(LATIN_REF_TO_CYRILLIC)}
    elif ref.isdigit():  # "0506" is T-05-06 in OSM
        spellings |= {f"Т-{ref[:2]}-{ref[2:]}", f"T-{ref[:2]}-{ref[2:]}"}
    return sorted(s for s in spellings if any(ch.isdigit() for ch in s) and " " not in s)


def query(route: Route, bbox: tuple[float, float, float, float]) -> str:
    """Overpass QL for the route's ways inside (minlon, minlat, maxlon, maxlat)."""
    refs = "|".join(s.replace("-", "\\\\-") for s in osm_refs(route))
    south, west, north, east = bbox[1], bbox[0], bbox[3], bbox[2]
    return f'[out:json][timeout:25];way["highway"]["ref"~"^({refs})$"]({south},{west},{north},{east});out geom;'


def _ways(answer: Any) -> list[dict[str, Any]]:
    elements = answer.get("elements", []) if isinstance(answer, dict) else []
    return [e for e in elements if isinstance(e, dict) and e.get("type") == "way" and len(e.get("geometry") or []) > 1]


def fetch_route(route: Route, bbox: tuple[float, float, float, float], *, client: HttpClient,
                url: str = DEFAULT_URL) -> gpd.GeoDataFrame:
    """The road's OSM geometry as one (Multi)LineString; only answers that hold the road are cached."""
    answer = client.fetch_json(url, form={"data": query(route, bbox)}, valid=lambda a: bool(_ways(a)))
    ways = _ways(answer)
    if not ways:
        raise NetError("Overpass", f"no ways for {route.ref} in that area; load the road from a file instead")
    try:
        lines = [LineString([(float(p["lon"]), float(p["lat"])) for p in e["geometry"]]) for e in ways]
    except (KeyError, TypeError, ValueError):
        raise NetError("Overpass", "the answer's geometry is not lat/lon points") from None
    geom = shapely.line_merge(shapely.MultiLineString(lines))
    return gpd.GeoDataFrame({"ref": [route.ref], "name": [route.name], "approximate": [False],
                             "settlements": [" – ".join(route.settlements)]}, geometry=[geom], crs=CRS)
