"""Real local HTTP servers that speak the APIs the network adapters use (for tests only)."""
from __future__ import annotations

import json
import urllib.parse
from http.server import BaseHTTPRequestHandler

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
