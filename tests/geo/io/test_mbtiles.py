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


def write_pmtiles(path, tiles, *, tile_type=None, attribution="© Our Newsroom"):
    """A real PMTiles v3 archive, as `pmtiles convert` writes one (tiles in tile-id order, run-length dedup)."""
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import write

    with write(path) as w:
        for tile_id, colour in sorted((zxy_to_tileid(z, x, y), colour) for z, x, y, colour in tiles):
            buf = io.BytesIO()
            Image.new("RGB", (256, 256), colour).save(buf, format="PNG")
            w.write_tile(tile_id, buf.getvalue())
        zooms = [t[0] for t in tiles]
        w.finalize({"tile_type": tile_type or TileType.PNG, "tile_compression": Compression.NONE,
                    "min_zoom": min(zooms), "max_zoom": max(zooms), "min_lon_e7": int(37.0e7), "min_lat_e7": int(48.0e7),
                    "max_lon_e7": int(38.5e7), "max_lat_e7": int(49.2e7), "center_zoom": min(zooms),
                    "center_lon_e7": int(38.0e7), "center_lat_e7": int(48.6e7)}, {"attribution": attribution})
    return path


def test_a_pmtiles_archive_is_written_as_xyz_files_with_its_credit(tmp_path):
    src = write_pmtiles(tmp_path / "ua.pmtiles", [(9, 309, 177, "red"), (9, 309, 178, "blue"), (10, 619, 355, "green")])
    found = mbtiles.extract(src, tmp_path / "out")
    assert (found.ext, found.min_zoom, found.max_zoom, found.attribution) == ("png", 9, 10, "© Our Newsroom")
    assert Image.open(tmp_path / "out" / "9" / "309" / "177.png").getpixel((0, 0)) == (255, 0, 0)  # XYZ rows as is
    assert Image.open(tmp_path / "out" / "9" / "309" / "178.png").getpixel((0, 0)) == (0, 0, 255)
    assert Image.open(tmp_path / "out" / "10" / "619" / "355.png").getpixel((0, 0)) == (0, 128, 0)


def test_a_vector_or_broken_pmtiles_file_is_one_clear_error(tmp_path):
    from pmtiles.tile import TileType

    vector = write_pmtiles(tmp_path / "v.pmtiles", [(9, 309, 177, "red")], tile_type=TileType.MVT)
    with pytest.raises(InputError, match="vector PMTiles"):
        mbtiles.extract(vector, tmp_path / "out")
    (tmp_path / "torn.pmtiles").write_bytes(b"PMTiles" + bytes([9]) + b"\0" * 40)  # an unknown spec version
    with pytest.raises(InputError, match="not a PMTiles v3 file"):
        mbtiles.extract(tmp_path / "torn.pmtiles", tmp_path / "out")


def test_tiles_are_written_as_xyz_files_with_the_rows_flipped(tmp_path):
    src = write_mbtiles(tmp_path / "ua.mbtiles", [(9, 309, 177, "red"), (9, 309, 178, "blue"), (10, 619, 355, "green")])
    found = mbtiles.extract(src, tmp_path / "out")
    assert (found.ext, found.min_zoom, found.max_zoom, found.attribution) == ("png", 9, 10, "© Our Newsroom")
    assert Image.open(tmp_path / "out" / "9" / "309" / "177.png").getpixel((0, 0)) == (255, 0, 0)  # XYZ row 177
    assert Image.open(tmp_path / "out" / "9" / "309" / "178.png").getpixel((0, 0)) == (0, 0, 255)
    assert (tmp_path / "out" / "10" / "619" / "355.png").is_file()


def test_a_file_that_is_not_raster_mbtiles_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such MBTiles or PMTiles"):
        mbtiles.extract(tmp_path / "missing.mbtiles", tmp_path / "out")
    (tmp_path / "junk.mbtiles").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(InputError, match="not an MBTiles file"):
        mbtiles.extract(tmp_path / "junk.mbtiles", tmp_path / "out")
    vector = write_mbtiles(tmp_path / "v.mbtiles", [(9, 309, 177, "red")], fmt="pbf")
    with pytest.raises(InputError, match="only raster"):
        mbtiles.extract(vector, tmp_path / "out")
