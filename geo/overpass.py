"""Exact road geometry from OpenStreetMap, by ref, through the Overpass API (opt-in, online).

Polite by design: one request per second at most, a real user agent, a short
timeout, and a disk cache so a road is fetched once.  Refs are asked in the
spellings OSM uses in Ukraine (Cyrillic letters and dashes: "М-03", "Н-32").
Failures are errors the caller shows as one line; nothing is cached then.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString

from geo.errors import FrontlineError
from geo.gazetteer import Route, cache_dir
from geo.schema import CRS

DEFAULT_URL = "https://overpass-api.de/api/interpreter"
USER_AGENT = "frontline-map/0.1 (newsroom geoparser)"
_LAT = str.maketrans("MHTPE", "МНТРЕ")
_last_request = [0.0]


class OverpassError(FrontlineError, RuntimeError):
    """Overpass could not be reached or answered nonsense."""


@dataclass(frozen=True)
class OverpassSettings:
    """Server, politeness and cache; a newsroom may run its own Overpass."""

    url: str = DEFAULT_URL
    timeout_s: float = 20.0
    min_interval_s: float = 1.0
    cache: Path | None = None


def osm_refs(route: Route) -> list[str]:
    """The ref spellings to ask for: the table's Latin ref and its Cyrillic dashed form."""
    ref = route.ref
    spellings = {ref, *route.aliases}
    if ref[:1] in "MHTPE" and ref[1:].isdigit():
        digits = ref[1:]
        dashed = f"{ref[0]}-{digits}" if len(digits) == 2 else f"{ref[0]}-{digits[:2]}-{digits[2:]}"
        spellings |= {dashed, dashed.translate(_LAT)}
    elif ref.isdigit():  # "0506" is T-05-06 in OSM
        spellings |= {f"Т-{ref[:2]}-{ref[2:]}", f"T-{ref[:2]}-{ref[2:]}"}
    return sorted(s for s in spellings if any(ch.isdigit() for ch in s) and " " not in s)


def query(route: Route, bbox: tuple[float, float, float, float]) -> str:
    """Overpass QL for the route's ways inside (minlon, minlat, maxlon, maxlat)."""
    refs = "|".join(s.replace("-", "\\\\-") for s in osm_refs(route))
    south, west, north, east = bbox[1], bbox[0], bbox[3], bbox[2]
    return f'[out:json][timeout:25];way["highway"]["ref"~"^({refs})$"]({south},{west},{north},{east});out geom;'


def _post(settings: OverpassSettings, ql: str) -> dict:
    wait = settings.min_interval_s - (time.monotonic() - _last_request[0])
    if wait > 0:
        time.sleep(wait)
    data = urllib.parse.urlencode({"data": ql}).encode()
    req = urllib.request.Request(settings.url, data=data, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=settings.timeout_s) as resp:
            body = resp.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        msg = f"Overpass at {settings.url} is unreachable ({exc}); load the road from a file instead"
        raise OverpassError(msg) from None
    finally:
        _last_request[0] = time.monotonic()
    try:
        return json.loads(body)
    except ValueError:
        raise OverpassError(f"Overpass at {settings.url} did not answer JSON") from None


def fetch_route(route: Route, bbox: tuple[float, float, float, float], *,
                settings: OverpassSettings | None = None) -> gpd.GeoDataFrame:
    """The road's OSM geometry as one (Multi)LineString, cached on disk by ref and bbox."""
    settings = settings or OverpassSettings()
    folder = settings.cache or cache_dir() / "overpass"
    key = f"{route.ref}_{'_'.join(f'{v:.3f}' for v in bbox)}.json"
    path = folder / key
    if path.exists():
        answer = json.loads(path.read_text(encoding="utf-8"))
    else:
        answer = _post(settings, query(route, bbox))
        ways = [e for e in answer.get("elements", []) if e.get("type") == "way" and e.get("geometry")]
        if not ways:
            raise OverpassError(f"Overpass found no ways for {route.ref} in that area")
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(answer), encoding="utf-8")
    lines = [LineString([(p["lon"], p["lat"]) for p in e["geometry"]])
             for e in answer.get("elements", []) if e.get("type") == "way" and len(e.get("geometry", [])) > 1]
    geom = shapely.line_merge(shapely.MultiLineString(lines))
    return gpd.GeoDataFrame({"ref": [route.ref], "name": [route.name], "approximate": [False],
                             "settlements": [" – ".join(route.settlements)]}, geometry=[geom], crs=CRS)
