"""The link parser: any query string gives a view and, for bad values, a message; never an exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.schema import FEATURE_KINDS, PERIOD_END, PERIOD_START
from components.locale import Locale
from geo.view_state import ViewState, parse_view_state, view_query

ROUNDS = {"astana-22": dt.date(2024, 11, 11), "ceasefire-2016-12-29": dt.date(2016, 12, 29)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ViewState()),
        ({"date": "2020-03-06"}, ViewState(date=dt.date(2020, 3, 6))),
        ({"date": ["2020-03-06", "2021-01-01"]}, ViewState(date=dt.date(2020, 3, 6))),
        ({"round": "astana-22"}, ViewState(date=dt.date(2024, 11, 11))),
        ({"round": "astana-22", "date": "2018-01-01"}, ViewState(date=dt.date(2018, 1, 1))),  # date wins
        ({"layers": "observation_post,frontline"}, ViewState(layers=("frontline", "observation_post"))),
        ({"layers": ""}, ViewState(layers=())),
        ({"lang": "ar", "basemap": "osm"}, ViewState(language="ar", base_map="osm")),
        ({"lang": "ar", "digits": "arabic"}, ViewState(language="ar", digits="arabic")),
    ],
)
def test_good_links_give_their_view(query, expected):
    parsed = parse_view_state(query, ROUNDS)
    assert parsed == expected and parsed.messages == ()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date": "2024-12-09"}, "Ignored date='2024-12-09'"),
        ({"date": "x" * 500}, "Ignored date='" + "x" * 40 + "…'"),
        ({"round": "ceasefire-2016-12-29"}, "Ignored round='ceasefire-2016-12-29'"),  # before the slider starts
        ({"layers": "frontline,roads"}, "Ignored layers 'roads'"),
    ],
)
def test_bad_links_give_the_default_and_a_message(query, message):
    parsed = parse_view_state(query, ROUNDS)
    notice = parsed.messages[0]
    assert Locale().t(notice.key, **dict(notice.values)).startswith(message)


def test_a_view_round_trips_through_its_link():
    view = ViewState(date=dt.date(2019, 8, 21), layers=("frontline",), language="ar", base_map="osm", digits="arabic")
    assert parse_view_state(view_query(view)) == view


query_values = st.one_of(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["date", "round", "layers", "lang", "basemap", "digits", "other"]), query_values))
def test_any_query_string_gives_a_valid_view(query):
    view = parse_view_state(query, ROUNDS)
    assert PERIOD_START <= view.date <= PERIOD_END
    assert set(view.layers) <= set(FEATURE_KINDS)
    assert view.language in ("en", "ar") and view.base_map in ("offline", "osm") and view.digits in ("latin", "arabic")
    assert all(len(Locale().t(message.key, **dict(message.values))) < 400 for message in view.messages)
    assert parse_view_state(view_query(view)) == view  # whatever arrived, the page's own link reopens it
