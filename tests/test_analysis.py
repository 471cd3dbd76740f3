"""geo.analysis (what changed between rounds, areas over time) and its rendering in components.analysis.
Just over 300 lines: the analysis and what the reader sees of it, side by side."""

from __future__ import annotations

import datetime as dt
import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import shape
from streamlit.testing.v1 import AppTest

from pages import as_read
from dataset import CONTROL_CSV, IDLIB_SQUARE, ROUNDS, SOUTH_SQUARE, write_dataset
from components.analysis import area_chart
from components.locale import Locale
from components.text_safety import plain_markdown
from geo import load_control_points, load_features, load_rounds
from geo.analysis import AREA_SERIES_COLUMNS, TOWN_CHANGE_COLUMNS, area_series, previous_round, town_changes, what_changed
from geo.control import area_km2
from geo.schema import CRS, PERIOD_END, PERIOD_START


def square_km2(coordinates: list) -> float:
    return float(area_km2(gpd.GeoDataFrame(geometry=[shape({"type": "Polygon", "coordinates": coordinates})], crs=CRS)).iloc[0])


def milestone(round_id: str, start: str) -> dict:
    return ROUNDS[2] | {"id": round_id, "start": start, "end": start, "title_en": f"Title {round_id}"}


# The fixture's rounds plus one milestone on each day a fixture feature or town changes.
TIMELINE_ROUNDS = ROUNDS + [
    milestone("zones-2017", "2017-05-04"),  # zone-a and front-2017 start
    milestone("sochi-2018", "2018-09-17"),  # dmz starts; zone-a ended 2018-07-31; post-1 set up 2017-10-13
    milestone("offensive-2019", "2019-08-21"),  # dmz ended 2019-05-01; Khan Shaykhun changes hands
    milestone("corridor-2020", "2020-03-06"),  # corridor starts; front-2020 replaces front-2017 (same square)
    milestone("withdrawal-2020", "2020-10-20"),  # post-1 withdrawn
]
HOSTILE_NAME = "<img src=x onerror=alert(1)>*Kafr*"
HOSTILE_CSV = CONTROL_CSV + (
    f"170063,{HOSTILE_NAME},سراقب,,,35.86462,36.80451,geonames,2017-05-04,opposition,src-a,high,fixture\n"
    f"170063,{HOSTILE_NAME},سراقب,,,35.86462,36.80451,geonames,2018-09-01,government,src-a,medium,fixture\n"
)


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    directory = write_dataset(tmp_path_factory.mktemp("timeline") / "data", rounds=TIMELINE_ROUNDS)
    return load_features(directory), load_control_points(directory), load_rounds(directory)


@pytest.mark.parametrize(
    ("round_id", "previous_id"),
    [
        ("astana-1", None),
        ("astana-4", "astana-1"),
        # listed by start date, not by the order of the file; astana-4 left its state on the same day
        ("zones-2017", "astana-1"),
        ("protocol-2020", "offensive-2019"),
        ("withdrawal-2020", "corridor-2020"),
    ],
)
def test_previous_round_is_the_one_before_that_left_its_state_earlier(timeline, round_id, previous_id):
    previous = previous_round(timeline[2], round_id)
    assert (None if previous is None else previous["id"]) == previous_id


def test_an_unknown_round_is_named():
    with pytest.raises(ValueError, match="unknown round id 'astana-99'"):
        previous_round(pd.DataFrame(ROUNDS).assign(start=lambda f: pd.to_datetime(f["start"]), end=lambda f: pd.to_datetime(f["end"])), "astana-99")


@pytest.mark.parametrize(
    ("round_id", "created", "ended", "area", "towns", "established", "withdrawn"),
    [
        ("astana-1", [], [], None, [], [], []),  # the first round: compared with an empty map
        # Each is compared on the day after it ended: the zones and the frontline of 4 May count
        # for astana-4 (3-4 May), and the north-west is mapped from then on (no "gain" from nothing).
        ("astana-4", ["zone-a"], [], "first mapped", [], [], []),
        ("zones-2017", ["zone-a"], [], "first mapped", [], [], []),
        ("sochi-2018", ["dmz"], ["zone-a"], 0, [], ["post-1"], []),
        ("offensive-2019", [], ["dmz"], 0, [("Khan Shaykhun", "opposition", "government", "2019-08-21")], [], []),
        ("protocol-2020", ["corridor"], [], 0, [], [], []),  # the corridor starts the day after the protocol
        ("corridor-2020", [], [], 0, [], [], []),  # a new frontline of the same extent: no area change
        ("withdrawal-2020", [], [], 0, [], [], ["post-1"]),
    ],
)
def test_what_changed_between_a_round_and_the_previous_one(timeline, round_id, created, ended, area, towns, established, withdrawn):
    summary = what_changed(*timeline, round_id)
    assert summary.zones_created["id"].tolist() == created
    assert summary.zones_ended["id"].tolist() == ended
    assert summary.north_west_first_mapped == (area == "first mapped")
    assert summary.north_west_change_km2 == 0
    if area == 0:
        assert summary.area_change["km2_after"].iloc[0] == pytest.approx(square_km2(IDLIB_SQUARE))
    changes = summary.towns_changed
    assert list(zip(changes["name_en"], changes["from_controller"], changes["to_controller"], changes["date"].dt.strftime("%Y-%m-%d"))) == towns
    assert summary.posts_established["id"].tolist() == established
    assert summary.posts_withdrawn["id"].tolist() == withdrawn
    assert summary.is_empty == (not (created or ended or area or towns or established or withdrawn))


def test_the_dates_compared_are_the_days_after_each_ended(timeline):
    summary = what_changed(*timeline, "offensive-2019")
    assert (summary.date_before, summary.date_after) == (dt.date(2018, 9, 18), dt.date(2019, 8, 22))


def test_nothing_changed_gives_empty_frames_with_their_columns(timeline):
    features = timeline[0]
    summary = what_changed(*timeline, "corridor-2020")
    for frame in (summary.zones_created, summary.zones_ended, summary.posts_established, summary.posts_withdrawn):
        assert frame.empty and list(frame.columns) == list(features.columns) and frame.crs == features.crs
    assert summary.towns_changed.empty and list(summary.towns_changed.columns) == TOWN_CHANGE_COLUMNS
    assert summary.area_change["change_km2"].tolist() == [0.0]


def test_a_round_can_be_compared_with_any_earlier_one(timeline):
    summary = what_changed(*timeline, "withdrawal-2020", against="zones-2017")
    assert summary.previous["id"] == "zones-2017"
    assert summary.zones_created["id"].tolist() == ["corridor"]
    assert summary.zones_ended["id"].tolist() == ["zone-a"]  # the dmz came and went in between: in force on neither date
    assert summary.posts_established["id"].tolist() == summary.posts_withdrawn["id"].tolist() == ["post-1"]
    with pytest.raises(ValueError, match="cannot compare 'zones-2017' .* with the later 'withdrawal-2020'"):
        what_changed(*timeline, "zones-2017", against="withdrawal-2020")


@pytest.mark.parametrize(
    ("controllers", "changes"),
    [
        (["opposition"], []),  # a baseline alone is not a change
        (["opposition", "opposition"], []),  # a row repeating the controller is not a change
        (["opposition", "government"], [("opposition", "government")]),
        (["opposition", "government", "opposition"], [("opposition", "government"), ("government", "opposition")]),
    ],
)
def test_town_changes_are_rows_whose_controller_differs_from_the_row_before(controllers, changes):
    rows = pd.DataFrame({
        "place_id": "1", "name_en": "Town", "name_ar": "بلدة", "controller": controllers,
        "date": pd.date_range("2018-01-01", periods=len(controllers), freq="D"), "sources": [["src-a"]] * len(controllers), "confidence": "high",
    })
    found = town_changes(rows)
    assert list(zip(found["from_controller"], found["to_controller"])) == changes
    assert list(found.columns) == TOWN_CHANGE_COLUMNS


def test_the_area_series_has_a_row_per_change_from_the_first_to_the_last_day(data_dir):
    series = area_series(load_features(data_dir), load_rounds(data_dir))
    assert list(series.columns) == AREA_SERIES_COLUMNS
    idlib, south = square_km2(IDLIB_SQUARE), square_km2(SOUTH_SQUARE)
    rows = [(day.strftime("%Y-%m-%d"), name, round(km2, 3), round_id) for day, name, km2, round_id in series.itertuples(index=False)]
    assert rows == [
        ("2017-01-23", "north_west", 0.0, "astana-1"),
        ("2017-05-04", "north_west", round(idlib, 3), "astana-4"),
        # front-2017 gives way to front-2020 on 2020-03-06 with the same extent: no row
        ("2024-12-08", "north_west", round(idlib, 3), "protocol-2020"),
        ("2017-01-23", "zone-a", 0.0, "astana-1"),
        ("2017-05-04", "zone-a", round(south, 3), "astana-4"),
        ("2018-07-31", "zone-a", 0.0, "astana-4"),
        ("2024-12-08", "zone-a", 0.0, "protocol-2020"),
    ]


def test_the_chart_marks_the_chosen_date_and_the_rounds(data_dir):
    rounds = load_rounds(data_dir)
    chart = area_chart(area_series(load_features(data_dir), rounds), rounds, dt.date(2020, 3, 6), Locale())
    spec = chart.to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "tick", "rule"]
    rule_data = spec["datasets"][spec["layer"][2]["data"]["name"]]
    assert [row["date"][:10] for row in rule_data] == ["2020-03-06"]
    tick_data = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert [row["title"] for row in tick_data] == ["Astana 1", "Astana 4", "Moscow protocol"]
    assert spec["layer"][0]["mark"]["interpolate"] == "step-after"
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [PERIOD_START.isoformat(), PERIOD_END.isoformat()]


def test_the_chart_speaks_arabic(data_dir):
    rounds = load_rounds(data_dir)
    spec = area_chart(area_series(load_features(data_dir), rounds), rounds, dt.date(2020, 3, 6), Locale("ar"),
                      load_features(data_dir).assign(name_ar=lambda frame: frame["id"].map({"zone-a": "المنطقة أ"}).fillna(frame["name_ar"]))).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["title"] == "المساحة (كم²)"
    labels = {row["label"] for row in spec["datasets"][spec["layer"][0]["data"]["name"]]}
    assert labels == {"الشمال الغربي الخاضع للمعارضة", "المنطقة أ"}
    assert [row["title"] for row in spec["datasets"][spec["layer"][1]["data"]["name"]]][-1] == "بروتوكول موسكو"


def what_changed_page(summary, language):
    from components.analysis import render_what_changed
    from components.locale import Locale

    render_what_changed(summary, Locale(*language.split("-")))


@pytest.fixture(scope="module")
def hostile_summary(tmp_path_factory):
    directory = write_dataset(tmp_path_factory.mktemp("hostile") / "data", rounds=TIMELINE_ROUNDS, control_csv=HOSTILE_CSV)
    return what_changed(load_features(directory), load_control_points(directory), load_rounds(directory), "sochi-2018")


def test_the_summary_shows_a_hostile_town_name_as_text(hostile_summary):
    app = AppTest.from_function(what_changed_page, args=(hostile_summary, "en"), default_timeout=30).run()
    assert not app.exception, app.exception
    texts = [element.value for element in app.markdown]
    assert f"**Towns that changed hands:** {plain_markdown(HOSTILE_NAME)}" in texts
    assert "**Zones created:** DMZ" in texts and "**Zones ended:** Zone A" in texts
    assert not any(re.search(r"(?<!\\)<", text) for text in texts), "an unescaped < reaches Markdown"
    table = app.dataframe[0].value
    assert table["Town"].tolist() == ["&lt;img src=x onerror=alert(1)&gt;*Kafr*"]
    assert table[["From", "To", "Date"]].values.tolist() == [["the armed opposition", "the government", "1 September 2018"]]


def test_the_summary_speaks_arabic_and_says_when_nothing_changed(hostile_summary, timeline):
    app = AppTest.from_function(what_changed_page, args=(hostile_summary, "ar"), default_timeout=30).run()
    assert not app.exception, app.exception
    # An HTML table, which the page's right-to-left style lays out from the right (checked in Chromium).
    assert not app.dataframe and app.table[0].value.columns.tolist() == ["البلدة", "من", "إلى", "التاريخ", "المصادر"]
    assert any('dir="rtl"' in element.value and "مناطق أُنشئت" in element.value for element in app.markdown)
    assert app.table[0].value["التاريخ"].tolist() == ["1 أيلول/سبتمبر 2018"]
    arabic_digits = AppTest.from_function(what_changed_page, args=(hostile_summary, "ar-arabic"), default_timeout=30).run()
    assert arabic_digits.table[0].value["التاريخ"].tolist() == ["١ أيلول/سبتمبر ٢٠١٨"]
    quiet = AppTest.from_function(what_changed_page, args=(what_changed(*timeline, "corridor-2020"), "en")).run()
    assert as_read([element.value for element in quiet.markdown][-1]) == "Nothing changed between these two dates."
    assert not quiet.dataframe


# The real data.


@pytest.fixture(scope="module")
def real():
    return load_features(), load_control_points(), load_rounds()


@pytest.fixture(scope="module")
def real_series(real):
    return area_series(real[0], real[2])


def value_on(series: pd.DataFrame, name: str, date: str) -> float:
    """The step value of a series on a day: its last row dated on or before it."""
    rows = series[(series["series"] == name) & (series["date"] <= pd.Timestamp(date))]
    return float(rows["km2"].iloc[-1])


def test_the_moscow_protocol_follows_the_loss_of_saraqib(real):
    summary = what_changed(*real, "moscow-protocol-2020-03-05")
    # The offensive of December 2019 ended the day after the protocol: the protocol is compared with
    # Astana 14, the last round before the offensive, and counts the corridor that began on 6 March.
    assert summary.previous["id"] == "astana-14"
    assert (summary.date_before, summary.date_after) == (dt.date(2019, 12, 12), dt.date(2020, 3, 6))
    # data/README.md's 5,914 -> 3,409 km².
    assert round(summary.area_change["km2_before"].iloc[0]) == 5914 and round(summary.area_change["km2_after"].iloc[0]) == 3409
    assert summary.zones_created["id"].tolist() == ["m4-corridor-2020"]
    saraqib = summary.towns_changed[summary.towns_changed["name_en"] == "Saraqib"]
    # Lost on 6 February, retaken on 27 February, lost again on 2 March: every change is listed.
    assert list(zip(saraqib["from_controller"], saraqib["to_controller"])) == [
        ("opposition", "government"), ("government", "opposition"), ("opposition", "government")
    ]
    assert all(sources for sources in summary.towns_changed["sources"])


def test_no_town_changed_hands_between_the_memorandum_and_astana_6(real):
    # Rounds and arrangements came between them (previous_round of astana-6 is the northern Homs arrangement).
    assert previous_round(real[2], "astana-6")["id"] == "northern-homs-arrangement-2017-08"
    summary = what_changed(*real, "astana-6", against="memorandum-2017-05-04")
    assert summary.towns_changed.empty and summary.north_west_change_km2 == 0 and summary.is_empty


def test_the_memorandum_creates_the_four_zones(real):
    summary = what_changed(*real, "memorandum-2017-05-04")
    assert sorted(summary.zones_created["id"]) == ["zone-eastern-ghouta", "zone-idlib", "zone-northern-homs", "zone-south"]


def test_the_north_west_shrinks_to_march_2020_and_grows_in_december_2024(real_series):
    assert value_on(real_series, "north_west", "2017-05-04") > value_on(real_series, "north_west", "2020-03-06")
    # Frozen under the Moscow protocol until the day before the offensive of 27 November 2024.
    assert value_on(real_series, "north_west", "2020-03-06") == value_on(real_series, "north_west", "2024-11-26")
    assert value_on(real_series, "north_west", "2024-11-26") < value_on(real_series, "north_west", "2024-11-27")
    assert value_on(real_series, "north_west", "2024-11-27") < value_on(real_series, "north_west", "2024-12-01") < value_on(real_series, "north_west", "2024-12-08")


def test_every_real_series_runs_the_whole_period_in_steps(real_series):
    assert set(real_series["series"]) == {"north_west", "zone-eastern-ghouta", "zone-idlib", "zone-northern-homs", "zone-south"}
    for _, steps in real_series.groupby("series"):
        assert steps["date"].iloc[0] == pd.Timestamp(PERIOD_START) and steps["date"].iloc[-1] == pd.Timestamp(PERIOD_END)
        assert steps["date"].is_monotonic_increasing and (steps["km2"] >= 0).all()
        assert not (steps["km2"].diff().iloc[1:-1] == 0).any(), "a row that does not change the value"


def test_the_chart_writes_its_axes_in_the_chosen_digits(data_dir):
    rounds = load_rounds(data_dir)
    series = area_series(load_features(data_dir), rounds)
    latin = area_chart(series, rounds, dt.date(2020, 3, 6), Locale("ar")).to_dict()["layer"][0]["encoding"]
    assert latin["x"]["axis"]["labelExpr"] == "timeFormat(datum.value, '%Y')"
    arabic = area_chart(series, rounds, dt.date(2020, 3, 6), Locale("ar", "arabic")).to_dict()["layer"][0]["encoding"]
    for axis in ("x", "y"):
        expression = arabic[axis]["axis"]["labelExpr"]
        assert all(f"/{digit}/g, '{indic}'" in expression for digit, indic in zip("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@pytest.mark.parametrize("text", ["$x^2$ and $y$", "~~struck~~", "[a](javascript:x)", "**bold** <b>"])
def test_data_text_shows_as_typed_in_markdown(text):
    # Every Markdown-active character is escaped: LaTeX ($), strike-through (~), links, emphasis, HTML.
    escaped = plain_markdown(text)
    assert all(f"\\{character}" in escaped for character in set(text) & set("$~[]*<>"))
    assert escaped.replace("\\", "") == text
