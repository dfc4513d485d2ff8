"""Fetching road geometry from a real local HTTP server that answers like Overpass."""
from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from geo.overpass import OverpassError, OverpassSettings, fetch_route, osm_refs, query

WAYS = {"elements": [
    {"type": "way", "id": 1, "tags": {"ref": "Н-32"}, "geometry": [{"lat": 48.53, "lon": 37.71}, {"lat": 48.56, "lon": 37.85}]},
    {"type": "way", "id": 2, "tags": {"ref": "Н-32"}, "geometry": [{"lat": 48.56, "lon": 37.85}, {"lat": 48.59, "lon": 37.99}]},
]}


class _Overpass(BaseHTTPRequestHandler):
    queries: list[str] = []
    answer: dict = WAYS

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).queries.append(urllib.parse.parse_qs(body)["data"][0])
        assert "frontline-map" in self.headers["User-Agent"]
        payload = json.dumps(type(self).answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server():
    _Overpass.queries, _Overpass.answer = [], WAYS
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Overpass)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/api/interpreter"
    httpd.shutdown()


def test_refs_and_query(gaz):
    refs = osm_refs(gaz.routes["H32"])
    assert "Н-32" in refs and "T-05-04" in refs or "Т-05-04" in refs
    assert "Т-05-06" in osm_refs(gaz.routes["0506"])
    ql = query(gaz.routes["H32"], (37.5, 48.4, 38.2, 48.8))
    assert ql.startswith("[out:json]") and "(48.4,37.5,48.8,38.2)" in ql


def test_fetch_merges_ways_and_caches(server, tmp_path, gaz):
    settings = OverpassSettings(url=server, cache=tmp_path, min_interval_s=0)
    road = fetch_route(gaz.routes["H32"], (37.5, 48.4, 38.2, 48.8), settings=settings)
    geom = road.geometry.iloc[0]
    assert geom.geom_type == "LineString" and len(geom.coords) == 3 and not road["approximate"].iloc[0]
    again = fetch_route(gaz.routes["H32"], (37.5, 48.4, 38.2, 48.8), settings=settings)
    assert again.geometry.iloc[0].equals(geom) and len(_Overpass.queries) == 1


def test_empty_answer_and_unreachable_server(server, tmp_path, gaz):
    _Overpass.answer = {"elements": []}
    with pytest.raises(OverpassError, match="no ways"):
        fetch_route(gaz.routes["M03"], (37, 48, 38, 49), settings=OverpassSettings(url=server, cache=tmp_path,
                                                                                    min_interval_s=0))
    assert not list(tmp_path.iterdir())  # failures are not cached
    with pytest.raises(OverpassError, match="unreachable"):
        fetch_route(gaz.routes["M03"], (37, 48, 38, 49),
                    settings=OverpassSettings(url="http://127.0.0.1:9/", cache=tmp_path, timeout_s=1))
