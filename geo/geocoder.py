"""Optional online fallback: geopy's Nominatim behind a rate limit and a disk cache.

Off by default.  It is passed to the resolver as a plain callable, so geopy is
imported here only.  It never fails the run: a timeout or refusal is logged
once, and the rest of the run stays offline instead of waiting on each name.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from geo.gazetteer import Place, cache_dir
from geo.normalize import fold_name

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GeocoderSettings:
    """Where and how politely to ask; a newsroom may run its own Nominatim."""

    url: str = "https://nominatim.openstreetmap.org"
    user_agent: str = "frontline-map/0.1 (newsroom geoparser; https://pypi.org/project/frontline-map)"
    timeout_s: float = 4.0
    min_delay_s: float = 1.0
    cache_path: Path | None = None


class NominatimGeocoder:
    """Callable ``name -> Place | None`` with a persistent cache of successes only."""

    def __init__(self, settings: GeocoderSettings) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        scheme, _, domain = settings.url.partition("://")
        self._client = Nominatim(user_agent=settings.user_agent, domain=domain.rstrip("/"),
                                 scheme=scheme or "https", timeout=settings.timeout_s)
        self._geocode = RateLimiter(self._client.geocode, min_delay_seconds=settings.min_delay_s,
                                    max_retries=0, swallow_exceptions=False)
        self._path = settings.cache_path or cache_dir() / "nominatim.json"
        self._cache = self._load()
        self.offline = False
        self.requests = 0

    def _load(self) -> dict[str, dict]:
        try:
            return json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _save(self) -> None:
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self._path.parent, delete=False,
                                             suffix=".tmp", encoding="utf-8") as tmp:
                json.dump(self._cache, tmp, ensure_ascii=False)
            os.replace(tmp.name, self._path)
        except OSError as exc:
            log.warning("geocoder cache not saved: %s", exc)

    def __call__(self, name: str) -> Place | None:
        key = fold_name(name)
        if key in self._cache:
            return _place(self._cache[key])
        if self.offline:
            return None
        from geopy.exc import GeopyError

        self.requests += 1
        try:
            loc = self._geocode(name, exactly_one=True, addressdetails=True)
        except (GeopyError, OSError) as exc:
            log.warning("online geocoder unreachable (%s); continuing offline", exc)
            self.offline = True
            return None
        if loc is None:
            return None  # failures are never cached: the place may be added upstream
        raw = loc.raw
        rec = {"name": raw.get("name") or name, "lat": float(loc.latitude), "lon": float(loc.longitude),
               "country": (raw.get("address", {}).get("country_code") or "").upper(),
               "kind": "settlement" if raw.get("addresstype") in {"village", "town", "city", "hamlet"}
               else "other"}
        self._cache[key] = rec
        self._save()
        return _place(rec)


def _place(rec: dict) -> Place:
    return Place(-1, rec["name"], rec["kind"], rec["lat"], rec["lon"], 0, rec["country"], "", None)
