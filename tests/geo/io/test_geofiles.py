"""Uploaded map files are only what they claim to be: no VRT, no /vsicurl/, no local files through GDAL."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from frontline_map.geo.errors import InputError
from frontline_map.geo.io.geofiles import Upload, read_geo

SQUARE = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"fill": "#a52714"},
          "geometry": {"type": "Polygon", "coordinates": [[[37, 48], [38, 48], [38, 49], [37, 48]]]}}]}


class _Watch(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"x,y\n1,2\n")

    def log_message(self, *args: object) -> None:
        pass


def test_a_real_geojson_upload_is_read():
    gdf = read_geo(Upload("occupied_2023-02-01.geojson", json.dumps(SQUARE).encode()), what="a control layer")
    assert len(gdf) == 1 and gdf.crs.to_epsg() == 4326 and gdf["fill"].iloc[0] == "#a52714"


def test_hostile_uploads_are_refused_and_fetch_nothing():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Watch)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/x.csv"
    vrt = (f'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/vsicurl/{url}</SrcDataSource>'
           "</OGRVRTLayer></OGRVRTDataSource>").encode()
    hostile = [Upload("a.geojson", vrt), Upload("a.kml", b'<?xml version="1.0"?>' + vrt),
               Upload("a.gpx", b"<gpx>" + vrt), Upload("a.gpkg", b"CSV:/etc/passwd"),
               Upload("a.kmz", b"<kml>not a zip</kml>"), Upload("a.shp", json.dumps(SQUARE).encode())]
    try:
        for upload in hostile:
            with pytest.raises(InputError):
                read_geo(upload, what="a control layer")
        assert _Watch.hits == []
    finally:
        httpd.shutdown()
