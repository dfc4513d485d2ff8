"""The online fallback against a real local HTTP server that answers like Nominatim."""
from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from helpers import read

from frontline_map.geo.net.nominatim import NominatimGeocoder, nominatim_client

PLACES = {"Spirne": {"lat": "48.7900", "lon": "38.2500", "name": "Spirne", "addresstype": "village",
                       "address": {"country_code": "ua"}}}


class _Nominatim(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlparse(self.path)
        q = parse_qs(url.query).get("q", [""])[0]
        type(self).hits.append(q)
        assert "frontline-map" in self.headers.get("User-Agent", "")
        place = PLACES.get(q)
        body = json.dumps([{**place, "display_name": q, "boundingbox": ["0", "0", "0", "0"]}] if place else [])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server():
    _Nominatim.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_geocodes_unknown_village_and_caches_success_only(server, tmp_path):
    client = nominatim_client(server, cache_dir=tmp_path, min_interval_s=0.0)
    geo = NominatimGeocoder(client)
    place = geo("Spirne")
    assert place is not None and place.country == "UA" and place.kind == "settlement"
    assert geo("Nowhere Atall") is None
    assert geo("Spirne") is not None
    assert _Nominatim.hits == ["Spirne", "Nowhere Atall"]  # the second Spirne came from the cache
    again = NominatimGeocoder(nominatim_client(server, cache_dir=tmp_path, min_interval_s=0.0))
    assert again("Spirne") is not None and again.client.requests == 0  # a fresh process reads the disk cache
    assert len(list((tmp_path / "nominatim").iterdir())) == 1  # the empty answer was not cached


def test_resolver_uses_geocoder_for_names_the_gazetteer_lacks(server, tmp_path, gaz):
    geo = NominatimGeocoder(nominatim_client(server, cache_dir=tmp_path, min_interval_s=0.0))
    result = read("Russian troops entered the village of Spirne near Siversk.", gaz, geocode=geo)
    (row,) = [r for r in result.mentions if r["surface"] == "Spirne"]
    assert abs(row["lat"] - 48.79) < 1e-6 and result.unresolved == []
    offline = read("Russian troops entered the village of Spirne near Siversk.", gaz)
    assert [m.surface for m in offline.unresolved] == ["Spirne"]


def test_network_down_does_not_block_or_fail(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    client = nominatim_client(f"http://127.0.0.1:{port}", cache_dir=tmp_path, timeout_s=1.0, min_interval_s=0.0)
    geo = NominatimGeocoder(client)
    assert geo("Spirne") is None and geo("Other") is None
    assert geo.offline and client.requests == 1  # after the first failure, no more waiting on the network
    assert not (tmp_path / "nominatim").exists()
