"""The public contract: state_at and round_at on the days around each boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from geo import load_features, load_rounds, round_at, state_at
from geo.query import latest_round, latest_round_ids, neighbour_round_date, round_start_dates


@pytest.fixture
def frames(data_dir):
    return load_features(data_dir), load_rounds(data_dir)


def ids_at(date, frames) -> set[str]:
    features, rounds = frames
    return set(state_at(date, features, rounds)["id"])


@pytest.mark.parametrize(
    ("date", "present", "absent"),
    [
        # valid_from of the 2017 zone and frontline: 2017-05-04
        ("2017-05-03", set(), {"zone-a", "front-2017"}),
        ("2017-05-04", {"zone-a", "front-2017"}, set()),
        ("2017-05-05", {"zone-a", "front-2017"}, set()),
        # valid_to of the zone: 2018-07-31 is the first day it is no longer in force
        ("2018-07-30", {"zone-a"}, set()),
        ("2018-07-31", set(), {"zone-a"}),
        ("2018-08-01", set(), {"zone-a"}),
        # one frontline hands over to the next on 2020-03-06, never both, never neither
        ("2020-03-05", {"front-2017"}, {"front-2020", "corridor"}),
        ("2020-03-06", {"front-2020", "corridor"}, {"front-2017"}),
        ("2020-03-07", {"front-2020", "corridor"}, {"front-2017"}),
        # an open valid_to stays in force to the end of the period
        ("2024-12-08", {"front-2020", "corridor"}, set()),
    ],
)
def test_state_at_boundaries(frames, date, present, absent):
    shown = ids_at(date, frames)
    assert present <= shown
    assert not (absent & shown)


def test_state_at_accepts_a_date_object_and_joins_round_metadata(frames):
    features, rounds = frames
    state = state_at(dt.date(2020, 3, 6), features, rounds)
    row = state.set_index("id").loc["front-2020"]
    assert row["round_title_en"] == "Moscow protocol"
    assert row["round_kind"] == "agreement"
    assert state.crs.to_string() == "EPSG:4326"


@pytest.mark.parametrize("date", ["2017-01-22", "2024-12-09", "1999-01-01"])
def test_state_outside_the_period_is_empty_with_the_same_columns(frames, date):
    features, rounds = frames
    inside = state_at("2020-03-06", features, rounds)
    outside = state_at(date, features, rounds)
    assert outside.empty
    assert list(outside.columns) == list(inside.columns)
    assert outside.crs == inside.crs


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2020-13-01", "not a valid date: '2020-13-01'"),
        ("yesterday", "not a valid date: 'yesterday'"),
        ("", "not a valid date: ''"),
        (20200305, "got int"),
        (None, "got NoneType"),
    ],
)
def test_malformed_dates_raise_value_error_saying_what_was_wrong(frames, date, message):
    features, rounds = frames
    with pytest.raises(ValueError, match="YYYY-MM-DD") as error:
        state_at(date, features, rounds)
    assert message in str(error.value)
    with pytest.raises(ValueError):
        round_at(date, rounds)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2017-01-22", None),  # before the first round
        ("2017-01-23", "astana-1"),  # a round's first day
        ("2017-03-01", "astana-1"),  # between rounds: the latest that started
        ("2017-05-03", "astana-4"),
        ("2020-03-04", "astana-4"),
        ("2020-03-05", "protocol-2020"),
        ("2024-12-08", "protocol-2020"),
    ],
)
def test_round_at(data_dir, date, expected):
    found = round_at(date, load_rounds(data_dir))
    assert (found["id"] if found is not None else None) == expected


def test_round_navigation_steps_between_round_starts(data_dir):
    rounds = load_rounds(data_dir)
    assert round_start_dates(rounds) == [dt.date(2017, 1, 23), dt.date(2017, 5, 3), dt.date(2020, 3, 5)]
    assert neighbour_round_date(rounds, dt.date(2017, 1, 23), +1) == dt.date(2017, 5, 3)
    assert neighbour_round_date(rounds, dt.date(2018, 1, 1), -1) == dt.date(2017, 5, 3)
    assert neighbour_round_date(rounds, dt.date(2017, 1, 23), -1) is None
    assert neighbour_round_date(rounds, dt.date(2020, 3, 5), +1) is None


def test_claims_that_agree_are_linked_and_contradictions_are_flagged(data_dir):
    from geo import load_claims, load_sources
    from geo.claims import check_claims, discrepancies_for

    checked = check_claims(load_claims(data_dir), load_rounds(data_dir), load_sources(data_dir))
    by_field = checked.set_index(["claim_id", "field"])
    assert by_field.loc[("seed-x-1", "number"), "status"] == "agrees"
    assert by_field.loc[("seed-x-1", "date"), "status"] == "agrees"
    flagged = discrepancies_for(checked, "protocol-2020")
    assert list(flagged["field"]) == ["city_en"]
    from components.claim_text import claim_message
    from components.locale import Locale

    assert claim_message(flagged.iloc[0], Locale()) == "A report (seed-x) places it in Ankara; the sourced record says Moscow."
    assert claim_message(flagged.iloc[0], Locale("ar")) == "تقرير (seed-x) يضعها في Ankara، بينما يذكر السجل الموثق Moscow."
    assert discrepancies_for(checked, "astana-4").empty


def test_the_time_control_marks_every_round_of_the_period_with_its_kind(data_dir):
    from components.date_control import round_marks
    from components.locale import Locale

    marks = round_marks(load_rounds(data_dir), Locale())
    assert [(mark["title"], mark["start"], mark["kind"]) for mark in marks] == [
        ("Astana 1", "2017-01-23", "astana_round"), ("Astana 4", "2017-05-03", "astana_round"), ("Moscow protocol", "2020-03-05", "agreement")]


def test_the_round_in_force_looked_up_at_once_agrees_with_the_day_by_day_lookup():
    rounds = load_rounds()
    days = [dt.date(2016, 12, 1) + dt.timedelta(days=offset) for offset in range(0, 2990, 7)]
    expected = [None if (row := latest_round(rounds, day)) is None else row["id"] for day in days]
    assert latest_round_ids(rounds, days) == expected
    assert expected[0] is None and len(set(expected)) > 20


def test_of_rounds_started_the_same_day_the_one_ending_later_is_in_force_then_the_later_listed():
    import pandas as pd

    rounds = pd.DataFrame({
        "id": ["talks", "memorandum", "summit", "also-summit"],
        "start": pd.to_datetime(["2017-05-03", "2017-05-04", "2017-05-04", "2017-05-04"]),
        "end": pd.to_datetime(["2017-05-04", "2017-05-06", "2017-05-04", "2017-05-06"]),
    })
    assert latest_round(rounds, dt.date(2017, 5, 3))["id"] == "talks"
    assert latest_round(rounds, dt.date(2017, 5, 4))["id"] == "also-summit"  # ends with the memorandum, listed after it
    assert latest_round(rounds.iloc[:3], dt.date(2017, 5, 10))["id"] == "memorandum"
    assert latest_round(rounds, dt.date(2017, 5, 2)) is None
    assert latest_round_ids(rounds, [dt.date(2017, 5, 4)]) == ["also-summit"]
