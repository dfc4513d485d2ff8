"""Optional online fallback: geopy's Nominatim, sending through the project's HTTP client.

Off by default.  It is passed to the resolver as a plain callable, so geopy is
imported here only.  geopy builds the query and reads the answer; the request
itself goes through :class:`~frontline_map.geo.net.http.HttpClient` (geopy's
adapter hook), so Nominatim gets the same rate limit, size cap, allowed servers
and success-only cache as every other request.  It never fails the run: after
the first failure it is logged once and the rest of the run stays offline.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from frontline_map.geo.errors import NetError
from frontline_map.geo.gazetteer import Place
from frontline_map.geo.net.http import HttpClient, HttpPolicy
from frontline_map.geo.settings import NOMINATIM_URL

log = logging.getLogger(__name__)
SETTLEMENT_TYPES = frozenset({"village", "town", "city", "hamlet"})


def nominatim_client(url: str = NOMINATIM_URL, *, cache_dir: Path | None = None, timeout_s: float = 4.0,
                     min_interval_s: float = 1.0) -> HttpClient:
    """A client for one Nominatim server (Nominatim's policy: at most one request a second)."""
    return HttpClient(HttpPolicy("Nominatim", (url,), timeout_s=timeout_s, min_interval_s=min_interval_s,
                                 cache_dir=cache_dir / "nominatim" if cache_dir else None))


def _adapter_factory(client: HttpClient) -> Any:
    """A geopy adapter class whose GETs are the client's (geopy asks for a factory of adapters)."""
    from geopy.adapters import BaseSyncAdapter
    from geopy.exc import GeocoderUnavailable

    class _Adapter(BaseSyncAdapter):  # type: ignore[misc]  # geopy is untyped
        def __init__(self, *, proxies: object, ssl_context: object) -> None:
            super().__init__(proxies=proxies, ssl_context=ssl_context)

        def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
            try:
                return client.fetch_json(url, valid=lambda answer: bool(answer))
            except NetError as exc:
                raise GeocoderUnavailable(str(exc)) from None

        def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
            msg = "only JSON is asked of Nominatim"
            raise GeocoderUnavailable(msg)

    return _Adapter


class NominatimGeocoder:
    """Callable ``name -> Place | None``; one instance per run (it remembers going offline)."""

    def __init__(self, client: HttpClient) -> None:
        from geopy.geocoders import Nominatim

        url = client.policy.urls[0]
        scheme, _, domain = url.partition("://")
        self.client = client
        self._nominatim = Nominatim(user_agent=client.policy.user_agent, domain=domain.rstrip("/"),
                                    scheme=scheme or "https", timeout=client.policy.timeout_s,
                                    adapter_factory=_adapter_factory(client))
        self.offline = False

    def __call__(self, name: str) -> Place | None:
        if self.offline:
            return None
        from geopy.exc import GeopyError

        try:
            loc = self._nominatim.geocode(name, exactly_one=True, addressdetails=True)
        except GeopyError as exc:
            log.warning("online geocoder unreachable (%s); continuing offline", exc)
            self.offline = True
            return None
        if loc is None:
            return None
        raw = loc.raw
        kind = "settlement" if raw.get("addresstype") in SETTLEMENT_TYPES else "other"
        country = (raw.get("address", {}).get("country_code") or "").upper()
        return Place(-1, raw.get("name") or name, kind, float(loc.latitude), float(loc.longitude), 0, country, "", None)
