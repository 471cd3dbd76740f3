"""The time controls: a date slider, buttons that jump from round to round, and a round picker.

The chosen date lives in `st.session_state[DATE_KEY]`; callbacks change it before the slider
is drawn again, so the slider, the buttons and the picker always agree.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from components.locale import Locale, vega_label_expr
from components.widgets import pick_one
from geo.query import neighbour_round_date, rounds_in_period
from geo.schema import DEFAULT_VIEW_DATE, PERIOD_END, PERIOD_START

DATE_KEY = "view_date"
JUMP_KEY = "jump_to_round"
TIMELINE_HEIGHT = 70


def _step_to(rounds: pd.DataFrame, step: int) -> None:
    target = neighbour_round_date(rounds, st.session_state[DATE_KEY], step)
    if target is not None:
        st.session_state[DATE_KEY] = target


def _jump(rounds: pd.DataFrame) -> None:
    chosen = st.session_state.get(JUMP_KEY)
    match = rounds[rounds["id"] == chosen]
    if not match.empty:
        start = match.iloc[0]["start"].date()
        st.session_state[DATE_KEY] = min(max(start, PERIOD_START), PERIOD_END)


def render_time_controls(rounds: pd.DataFrame, locale: Locale, initial: dt.date = DEFAULT_VIEW_DATE) -> dt.date:
    """Draw the controls and return the chosen date. The slider's own label shows the ISO date
    (Streamlit formats it); the page writes the date in words beside it."""
    if DATE_KEY not in st.session_state:
        st.session_state[DATE_KEY] = initial
    st.slider(
        locale.t("slider.date"),
        min_value=PERIOD_START,
        max_value=PERIOD_END,
        key=DATE_KEY,
        format="YYYY-MM-DD",
        help=locale.t("slider.help"),
    )
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
    return st.session_state[DATE_KEY]


def timeline_chart(rounds: pd.DataFrame, locale: Locale) -> alt.Chart:
    """A strip with a mark for each round (numbered rounds taller), the same on every step: it
    sits outside the part of the page a slider step reruns."""
    on_slider = rounds_in_period(rounds)
    marks = pd.DataFrame(
        {
            "start": on_slider["start"],
            "title": on_slider[locale.field("title")],
            "kind": on_slider["kind"],
            "height": on_slider["kind"].map(lambda kind: 1.0 if kind == "astana_round" else 0.6),
        }
    )
    axis = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(domain=[PERIOD_START.isoformat(), PERIOD_END.isoformat()]),
        axis=alt.Axis(format="%Y", tickCount="year", labelExpr=vega_label_expr("timeFormat(datum.value, '%Y')", locale.digits)),
    )
    ticks = (
        alt.Chart(marks)
        .mark_bar(width=2)
        .encode(
            x=axis,
            y=alt.Y("height:Q", axis=None, scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("kind:N", legend=None, scale=alt.Scale(domain=["astana_round", "agreement", "event"], range=["#0072B2", "#009E73", "#999999"])),
            tooltip=[alt.Tooltip("title:N", title=locale.t("timeline.round")), alt.Tooltip("start:T", title=locale.t("timeline.start"))],
        )
    )
    return ticks.properties(height=TIMELINE_HEIGHT)
