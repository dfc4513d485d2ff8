"""Fetching road geometry from a real local HTTP server that answers like Overpass."""
from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

import pytest
from fakes import WAYS, _Overpass

from frontline_map.geo.errors import NetError
from frontline_map.geo.net.overpass import fetch_route, osm_refs, overpass_client, query


@pytest.fixture()
def server():
    _Overpass.queries, _Overpass.answer = [], WAYS
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Overpass)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/api/interpreter"
    httpd.shutdown()


def test_refs_and_query(gaz):
    refs = osm_refs(gaz.routes["H32"])
    assert "Н-32" in refs and "Т-05-04" in refs
    assert "Т-05-06" in osm_refs(gaz.routes["0506"])
    ql = query(gaz.routes["H32"], (37.5, 48.4, 38.2, 48.8))
    assert ql.startswith("[out:json]") and "(48.4,37.5,48.8,38.2)" in ql


def test_fetch_merges_ways_and_caches(server, tmp_path, gaz):
    client = overpass_client((server,), cache_dir=tmp_path, min_interval_s=0)
    road = fetch_route(gaz.routes["H32"], (37.5, 48.4, 38.2, 48.8), client=client, url=server)
    geom = road.geometry.iloc[0]
    assert geom.geom_type == "LineString" and len(geom.coords) == 3 and not road["approximate"].iloc[0]
    again = fetch_route(gaz.routes["H32"], (37.5, 48.4, 38.2, 48.8), client=client, url=server)
    assert again.geometry.iloc[0].equals(geom) and len(_Overpass.queries) == 1


def test_the_cache_is_keyed_on_the_whole_request(server, tmp_path, gaz):
    client = overpass_client((server,), cache_dir=tmp_path, min_interval_s=0)
    fetch_route(gaz.routes["H32"], (37.5, 48.4, 38.2, 48.8), client=client, url=server)
    _Overpass.answer = {"elements": [{**WAYS["elements"][0], "geometry": [{"lat": 1, "lon": 1}, {"lat": 2, "lon": 2}]}]}
    other = fetch_route(gaz.routes["H32"], (37.0, 48.0, 38.9, 48.9), client=client, url=server)
    assert other.geometry.iloc[0].coords[0] == (1.0, 1.0) and len(_Overpass.queries) == 2


def test_empty_answer_unknown_server_and_unreachable_server(server, tmp_path, gaz):
    _Overpass.answer = {"elements": []}
    client = overpass_client((server,), cache_dir=tmp_path, min_interval_s=0)
    with pytest.raises(NetError, match="no ways"):
        fetch_route(gaz.routes["M03"], (37, 48, 38, 49), client=client, url=server)
    assert not list((tmp_path / "overpass").glob("*"))  # failures are not cached
    with pytest.raises(NetError, match="not a configured server"):
        fetch_route(gaz.routes["M03"], (37, 48, 38, 49), client=client, url="http://127.0.0.1:9/x")
    with pytest.raises(NetError, match="not an http"):
        fetch_route(gaz.routes["M03"], (37, 48, 38, 49), client=client, url="file:///etc/passwd")
    down = overpass_client(("http://127.0.0.1:9/",), cache_dir=tmp_path, timeout_s=1, min_interval_s=0)
    with pytest.raises(NetError, match="could not be reached"):
        fetch_route(gaz.routes["M03"], (37, 48, 38, 49), client=down, url="http://127.0.0.1:9/")
