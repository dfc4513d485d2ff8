import io
import sqlite3

import pytest
from PIL import Image

from frontline_map.geo.errors import InputError
from frontline_map.geo.io import mbtiles


def write_mbtiles(path, tiles, *, fmt="png", attribution="© Our Newsroom"):
    """A real MBTiles file: metadata and TMS rows, as gdal_translate writes them."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
        db.executemany("INSERT INTO metadata VALUES (?, ?)", [("format", fmt), ("attribution", attribution)])
        for z, x, y, colour in tiles:
            buf = io.BytesIO()
            Image.new("RGB", (256, 256), colour).save(buf, format="PNG")
            db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, (1 << z) - 1 - y, buf.getvalue()))
    return path


def test_tiles_are_written_as_xyz_files_with_the_rows_flipped(tmp_path):
    src = write_mbtiles(tmp_path / "ua.mbtiles", [(9, 309, 177, "red"), (9, 309, 178, "blue"), (10, 619, 355, "green")])
    found = mbtiles.extract(src, tmp_path / "out")
    assert (found.ext, found.min_zoom, found.max_zoom, found.attribution) == ("png", 9, 10, "© Our Newsroom")
    assert Image.open(tmp_path / "out" / "9" / "309" / "177.png").getpixel((0, 0)) == (255, 0, 0)  # XYZ row 177
    assert Image.open(tmp_path / "out" / "9" / "309" / "178.png").getpixel((0, 0)) == (0, 0, 255)
    assert (tmp_path / "out" / "10" / "619" / "355.png").is_file()


def test_a_file_that_is_not_raster_mbtiles_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such MBTiles"):
        mbtiles.extract(tmp_path / "missing.mbtiles", tmp_path / "out")
    (tmp_path / "junk.mbtiles").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(InputError, match="not an MBTiles file"):
        mbtiles.extract(tmp_path / "junk.mbtiles", tmp_path / "out")
    vector = write_mbtiles(tmp_path / "v.mbtiles", [(9, 309, 177, "red")], fmt="pbf")
    with pytest.raises(InputError, match="only raster"):
        mbtiles.extract(vector, tmp_path / "out")
