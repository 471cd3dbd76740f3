"""The time controls: the date control, buttons that jump from round to round, and a round picker.

The chosen date lives in `st.session_state[DATE_KEY]`; callbacks change it before the
control is drawn again, so the control, the buttons and the picker always agree. The control is
drawn in the date's fragment (it shows the date); the buttons and the picker do not change with
the date, so they are drawn with the page and their callbacks rerun only that fragment.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.date_control import render_date_control
from components.link import note_link_shows
from components.locale import Locale
from components.widgets import follow_date, pick_one
from geo.query import neighbour_round_date, rounds_in_period
from geo.schema import DEFAULT_VIEW_DATE, PERIOD_END, PERIOD_START
from geo.view_state import DATE_PARAMETER

DATE_KEY = "view_date"
JUMP_KEY = "jump_to_round"


def _choose(day: dt.date) -> None:
    """The day picked on the date control, whose script has put it in the page's link already."""
    st.session_state[DATE_KEY] = day
    note_link_shows(**{DATE_PARAMETER: day.isoformat()})


def _step_to(rounds: pd.DataFrame, step: int) -> None:
    target = neighbour_round_date(rounds, st.session_state[DATE_KEY], step)
    if target is not None:
        st.session_state[DATE_KEY] = target
    follow_date()


def _jump(rounds: pd.DataFrame) -> None:
    chosen = st.session_state.get(JUMP_KEY)
    match = rounds[rounds["id"] == chosen]
    if not match.empty:
        start = match.iloc[0]["start"].date()
        st.session_state[DATE_KEY] = min(max(start, PERIOD_START), PERIOD_END)
    follow_date()


def start_date(initial: dt.date) -> None:
    """The session's date, if it has none yet: the link's (the map is drawn before the controls)."""
    if DATE_KEY not in st.session_state:
        st.session_state[DATE_KEY] = initial


def render_date(rounds: pd.DataFrame, locale: Locale, initial: dt.date = DEFAULT_VIEW_DATE) -> dt.date:
    """Draw the time control (components.date_control) and return the chosen date."""
    start_date(initial)
    render_date_control(rounds, locale, st.session_state[DATE_KEY], _choose)
    return st.session_state[DATE_KEY]


def render_round_steps(rounds: pd.DataFrame, locale: Locale) -> None:
    """The buttons to the previous and next round and the list to jump to one."""
    previous_column, next_column, jump_column = st.columns([1, 1, 2])
    previous_column.button(locale.t("slider.previous"), on_click=_step_to, args=(rounds, -1), width="stretch", key="previous_round")
    next_column.button(locale.t("slider.next"), on_click=_step_to, args=(rounds, +1), width="stretch", key="next_round")
    on_slider = rounds_in_period(rounds)
    titles = {
        round_id: f"{locale.date(start)} · {title}"
        for round_id, start, title in zip(on_slider["id"], on_slider["start"], on_slider[locale.field("title")])
    }
    with jump_column:
        pick_one(locale.t("slider.jump"), titles, JUMP_KEY, locale.t("slider.jump_placeholder"), on_change=_jump, args=(rounds,),
                 label_visibility="collapsed")
