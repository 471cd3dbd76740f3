"""Areas of control from a handful of towns: every town inside its own side's area, never another's."""

from __future__ import annotations

import datetime as dt
import math

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from dataset import CONTROL_HEADER, write_dataset
from geo import DataError, load_control_points
from geo.control import area_km2, control_on, controlled_area, parts_containing
from geo.schema import EQUAL_AREA_CRS

# Four towns on a line 20 km apart (metres, equal-area CRS), inside a 100 x 40 km outline.
OUTLINE = box(-10_000, -20_000, 90_000, 20_000)


def towns(controllers: list[str]) -> gpd.GeoDataFrame:
    points = [Point(x, 0) for x in (0, 20_000, 40_000, 60_000)]
    frame = gpd.GeoDataFrame({"place_id": ["1", "2", "3", "4"], "controller": controllers}, geometry=points, crs=EQUAL_AREA_CRS)
    return frame.to_crs("EPSG:4326")


def test_each_town_lies_in_its_controllers_area_and_only_there():
    frame = towns(["opposition", "opposition", "government", "opposition"])
    held = controlled_area(frame, "opposition", OUTLINE, reach_m=15_000)
    other = controlled_area(frame, "government", OUTLINE, reach_m=15_000)
    projected = frame.to_crs(EQUAL_AREA_CRS)
    for controller, point in zip(projected["controller"], projected.geometry):
        assert held.contains(point) == (controller == "opposition")
        assert other.contains(point) == (controller == "government")
    assert held.intersection(other).area < 1  # the two sides share only edges


def test_the_frontline_runs_midway_between_towns_of_different_sides():
    held = controlled_area(towns(["opposition", "opposition", "government", "government"]), "opposition", OUTLINE, reach_m=50_000)
    minx, _, maxx, _ = held.bounds
    assert minx == pytest.approx(-10_000)  # cut by the outline
    assert maxx == pytest.approx(30_000)  # midway between towns 2 and 3


def test_no_claim_is_made_beyond_the_reach_of_the_towns():
    held = controlled_area(towns(["opposition"] * 4), "opposition", OUTLINE, reach_m=5_000)
    assert not held.contains(Point(10_000, 0))  # 10 km from the nearest town
    assert held.contains(Point(4_000, 0))


def test_a_side_holding_nothing_has_an_empty_area():
    assert controlled_area(towns(["government"] * 4), "opposition", OUTLINE, reach_m=15_000).is_empty


def test_parts_containing_keeps_only_the_pockets_with_an_anchor():
    held = controlled_area(towns(["opposition", "government", "government", "opposition"]), "opposition", OUTLINE, reach_m=15_000)
    kept = parts_containing(held, [Point(0, 0)])
    assert kept.contains(Point(0, 0)) and not kept.contains(Point(60_000, 0))
    assert parts_containing(held, [Point(500_000, 0)]).is_empty


def test_areas_are_measured_in_km2():
    square = gpd.GeoDataFrame(geometry=[box(0, 0, 10_000, 10_000)], crs=EQUAL_AREA_CRS)
    assert area_km2(square).iloc[0] == pytest.approx(100)


@pytest.fixture
def points(data_dir):
    return load_control_points(data_dir)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2017, 5, 3), {}),  # before the baseline: nothing known
        (dt.date(2017, 5, 4), {"Idlib": "opposition", "Khan Shaykhun": "opposition", "Hama": "government"}),
        (dt.date(2019, 8, 20), {"Idlib": "opposition", "Khan Shaykhun": "opposition", "Hama": "government"}),
        (dt.date(2019, 8, 21), {"Idlib": "opposition", "Khan Shaykhun": "government", "Hama": "government"}),
    ],
)
def test_control_on_a_date_takes_each_towns_latest_row(points, date, expected):
    state = control_on(points, date)
    assert dict(zip(state["name_en"], state["controller"])) == expected


def test_control_points_load_typed_and_sourced(points):
    assert points.crs.to_string() == "EPSG:4326"
    assert points["sources"].iloc[0] == ["src-a"]
    assert pd.api.types.is_datetime64_any_dtype(points["date"])


BAD_ROWS = [
    ("169389,Idlib,إدلب,,,35.93062,36.63393,geonames,2017-05-40,opposition,src-a,high,x", "field 'date': expected a date as YYYY-MM-DD, got '2017-05-40'"),
    ("169389,Idlib,إدلب,,,35.93062,36.63393,geonames,2017-05-04,rebels,src-a,high,x", "field 'controller': 'rebels' is not one of opposition, government, sdf, turkish_backed"),
    ("169389,Idlib,إدلب,,,35.93062,36.63393,geonames,2017-05-04,opposition,nowhere,high,x", "field 'sources': source 'nowhere' does not exist"),
    ("169389,Idlib,إدلب,,,55.0,36.63393,geonames,2017-05-04,opposition,src-a,high,x", "field 'latitude': (55.0, 36.63393) lies outside Syria"),
    ("169389,Idlib,إدلب,,,35.93062,36.63393,,2017-05-04,opposition,src-a,high,x", "field 'location_source': is missing or empty"),
    ("169389,Idlib,Idlib,,,35.93062,36.63393,geonames,2017-05-04,opposition,src-a,high,x", "field 'name_ar': expected Arabic text, got 'Idlib'"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_a_bad_control_row_is_named_with_file_line_and_field(tmp_path, row, message):
    header = CONTROL_HEADER
    data_dir = write_dataset(tmp_path / "data", control_csv=header + row + "\n")
    with pytest.raises(DataError) as error:
        load_control_points(data_dir)
    assert str(error.value).startswith("data/control_points.csv: Idlib ")
    assert "(line 2)" in str(error.value)
    assert message in str(error.value)


def test_the_precision_is_the_widest_gap_between_neighbours_of_opposite_sides():
    # Four places on a line 20 km apart: the opposition holds the first two, the government the
    # third, the SDF the fourth. Only the pair across the line counts: 20 km.
    from geo.control import controlled_area, line_precision_km

    places = towns(["opposition", "opposition", "government", "sdf"])
    area = controlled_area(places, "opposition", OUTLINE, 30_000)
    assert line_precision_km(places, area, OUTLINE, 30_000) == pytest.approx(20.0)


def test_the_turkish_backed_edge_is_not_a_frontline_and_no_opponent_gives_no_precision():
    from geo.control import controlled_area, line_precision_km

    places = towns(["opposition", "opposition", "turkish_backed", "turkish_backed"])
    area = controlled_area(places, "opposition", OUTLINE, 30_000)
    assert math.isnan(line_precision_km(places, area, OUTLINE, 30_000))
