import datetime as dt
import json

import folium
import pytest
from helpers import events_and_rows
from shapely.geometry import Point

from frontline_map.geo.analysis.contact import contact_zone
from frontline_map.geo.analysis.control import latest_on_or_before, load_control_series
from frontline_map.geo.errors import InputError
from frontline_map.geo.text.parse import events_to_gdf
from frontline_map.layers import frontline


def write(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))


def square(x, y, d=0.1, z=False, **props):
    ring = [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]
    if z:
        ring = [[a, b, 0] for a, b in ring]
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_series_from_dated_files_keeps_polygons_only(tmp_path):
    write(tmp_path / "occupied_2023-02-01.geojson",
          [square(38.0, 48.6, z=True, fill="#a52714"), square(30, 50, fill="#0f9d58"),
           {"type": "Feature", "properties": {"fill": "#a52714"}, "geometry": {"type": "Point", "coordinates": [38, 48]}}])
    write(tmp_path / "occupied_2023-03-01.geojson", [square(37.9, 48.5, d=0.3, fill="#a52714")])
    series = load_control_series([tmp_path], where={"fill": ["#a52714"]})
    assert list(series) == [dt.date(2023, 2, 1), dt.date(2023, 3, 1)]
    feb = series[dt.date(2023, 2, 1)]
    assert len(feb) == 1 and not feb.geometry.iloc[0].has_z
    day, layer = latest_on_or_before(series, dt.date(2023, 2, 20))
    assert day == dt.date(2023, 2, 1) and layer.geometry.iloc[0].contains(Point(38.05, 48.65))
    assert latest_on_or_before(series, dt.date(2023, 1, 1)) is None


def test_date_column_and_missing_dates(tmp_path):
    write(tmp_path / "layers.geojson", [square(38, 48.6, date="30-01-2023"), square(38, 48.6, date="21-05-2023")])
    assert list(load_control_series([tmp_path / "layers.geojson"])) == [dt.date(2023, 1, 30), dt.date(2023, 5, 21)]
    write(tmp_path / "undated.geojson", [square(38, 48.6)])
    with pytest.raises(InputError, match="no date"):
        load_control_series([tmp_path / "undated.geojson"])


def test_inferred_contact_zone_is_labelled_and_sized(gaz):
    events = events_to_gdf(events_and_rows("Fighting raged in Bakhmut. Russian forces captured Soledar.", gaz,
                                        published=dt.date(2023, 2, 6))[0])
    zone = contact_zone(events, buffer_km=5)
    metric = zone.to_crs(32637).geometry.iloc[0]
    assert 2 * 78e6 * 0.9 < metric.area < 2 * 78.6e6 * 1.01  # two 5 km discs, apart
    group = frontline.build(zone, None, name="Contact zone (inferred from reporting)")
    (shape,) = [c for c in group._children.values() if isinstance(c, folium.GeoJson)]
    geometry = shape.data["features"][0]["geometry"]
    assert geometry["type"] == "MultiPolygon" and len(geometry["coordinates"]) == 2  # the two discs, as drawn
