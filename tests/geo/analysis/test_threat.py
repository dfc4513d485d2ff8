"""Route threat numbers checked against answers worked out by hand, in metres (UTM 37N)."""
from __future__ import annotations

import datetime as dt
import math

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

from frontline_map.geo.analysis.threat import (
    _bands,
    analyse,
    disagreement,
    distance_to_enemy_km,
    enemy_area,
    measure,
    segments,
)

UTM = "EPSG:32637"
D1, D2 = dt.date(2023, 2, 1), dt.date(2023, 3, 1)


def in_4326(*geoms):
    return gpd.GeoSeries(list(geoms), crs=UTM).to_crs(4326)


def road():
    """A straight 100 km road running east along y = 5,400 km."""
    return gpd.GeoDataFrame({"ref": ["R1"]}, geometry=in_4326(LineString([(500_000, 5_400_000),
                                                                            (600_000, 5_400_000)])))


def area(*squares):
    return gpd.GeoDataFrame(geometry=in_4326(*squares))


def test_square_five_km_off_the_road():
    # 10 km square whose near edge is 5 km from the road: within 15 km for 10 + 2*sqrt(15²-5²) km
    series = {D1: area(box(540_000, 5_405_000, 550_000, 5_415_000))}
    (row,) = analyse(road(), series, range_km=15)
    threatened = 10 + 2 * math.sqrt(15**2 - 5**2)
    assert row.km_cut == pytest.approx(0, abs=1e-6)
    assert row.km_threatened == pytest.approx(threatened, abs=0.02)
    assert row.km_clear == pytest.approx(100 - threatened, abs=0.02)


def test_square_across_the_road_cuts_it():
    series = {D1: area(box(520_000, 5_395_000, 530_000, 5_405_000))}
    (row,) = analyse(road(), series, range_km=15)
    assert (row.km_cut, row.km_threatened, row.km_clear) == pytest.approx((10, 30, 60), abs=0.01)


def test_range_presets_and_dates_window():
    series = {D1: area(box(540_000, 5_405_000, 550_000, 5_415_000)),
              D2: area(box(520_000, 5_395_000, 530_000, 5_405_000))}
    rows = analyse(road(), series, range_km=4)
    assert [r.date for r in rows] == [D1, D2]
    assert rows[0].km_threatened == pytest.approx(0, abs=1e-6)  # 5 km away, 4 km range
    assert rows[1].km_threatened == pytest.approx(8, abs=0.01)
    assert analyse(road(), series, range_km=4, start=D2) == rows[1:]


def test_side_flips_enemy():
    held = area(box(520_000, 5_395_000, 530_000, 5_405_000)).to_crs(UTM)
    extent = box(400_000, 5_300_000, 700_000, 5_500_000)
    theirs = enemy_area(held, side="russia", extent=extent)
    assert theirs.area == pytest.approx(extent.area - 100e6, rel=1e-9)
    with pytest.raises(ValueError):
        enemy_area(held, side="nato")


def test_distance_from_town():
    control = area(box(540_000, 5_405_000, 550_000, 5_415_000))
    town = in_4326(Point(560_000, 5_400_000)).iloc[0]
    assert distance_to_enemy_km(town, control) == pytest.approx(math.hypot(10, 5), abs=0.01)
    inside = in_4326(Point(545_000, 5_410_000)).iloc[0]
    assert distance_to_enemy_km(inside, control) == 0


def test_segments_for_the_map():
    parts = segments(road(), area(box(520_000, 5_395_000, 530_000, 5_405_000)), range_km=15)
    km = parts.groupby("status")["km"].sum()
    assert km.to_dict() == pytest.approx({"cut": 10, "threatened": 30, "clear": 60}, abs=0.01)
    assert parts.crs.to_epsg() == 4326


def test_two_maps_disagree_by_a_known_area():
    a = area(box(500_000, 5_400_000, 510_000, 5_410_000))
    b = area(box(505_000, 5_400_000, 515_000, 5_410_000))
    _, km2 = disagreement(a, b)
    assert km2 == pytest.approx(100, rel=1e-6)  # two 5x10 km strips


def test_empty_enemy_is_all_clear():
    line = road().to_crs(UTM).geometry.iloc[0]
    assert measure(line, _bands(box(0, 0, 0, 0).buffer(0), 15)) == pytest.approx((0, 0, 100))
