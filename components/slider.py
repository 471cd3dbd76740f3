"""The time controls: a date slider, buttons that jump from round to round, and a round picker.

The chosen date lives in `st.session_state[DATE_KEY]`; callbacks change it before the slider
is drawn again, so the slider, the buttons and the picker always agree.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from geo.query import in_period, neighbour_round_date
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


def render_time_controls(rounds: pd.DataFrame, initial: dt.date = DEFAULT_VIEW_DATE) -> dt.date:
    """Draw the controls and return the chosen date."""
    if DATE_KEY not in st.session_state:
        st.session_state[DATE_KEY] = initial
    st.slider(
        "Date",
        min_value=PERIOD_START,
        max_value=PERIOD_END,
        key=DATE_KEY,
        format="YYYY-MM-DD",
        help="Drag, or focus the slider and use the arrow keys (one day per step).",
    )
    previous_column, next_column = st.columns(2)
    previous_column.button("◀ Previous round", on_click=_step_to, args=(rounds, -1), width="stretch")
    next_column.button("Next round ▶", on_click=_step_to, args=(rounds, +1), width="stretch")
    on_slider = rounds[[in_period(start.date()) for start in rounds["start"]]]
    titles = dict(zip(on_slider["id"], on_slider["start"].dt.date.astype(str) + " · " + on_slider["title_en"]))
    st.selectbox(
        "Jump to a round or milestone",
        options=list(titles),
        index=None,
        format_func=titles.get,
        key=JUMP_KEY,
        on_change=_jump,
        args=(rounds,),
        placeholder="Choose a round…",
    )
    return st.session_state[DATE_KEY]


def timeline_chart(rounds: pd.DataFrame) -> alt.Chart:
    """A strip with a mark for each round (numbered rounds taller), the same on every step: it
    sits outside the part of the page a slider step reruns."""
    marks = pd.DataFrame(
        {
            "start": rounds["start"],
            "title": rounds["title_en"],
            "kind": rounds["kind"],
            "height": rounds["kind"].map(lambda kind: 1.0 if kind == "astana_round" else 0.6),
        }
    )
    marks = marks[(marks["start"] >= pd.Timestamp(PERIOD_START)) & (marks["start"] <= pd.Timestamp(PERIOD_END))]
    axis = alt.X(
        "start:T",
        title=None,
        scale=alt.Scale(domain=[PERIOD_START.isoformat(), PERIOD_END.isoformat()]),
        axis=alt.Axis(format="%Y", tickCount="year"),
    )
    ticks = (
        alt.Chart(marks)
        .mark_bar(width=2)
        .encode(
            x=axis,
            y=alt.Y("height:Q", axis=None, scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("kind:N", legend=None, scale=alt.Scale(domain=["astana_round", "agreement", "event"], range=["#0072B2", "#009E73", "#999999"])),
            tooltip=[alt.Tooltip("title:N", title="Round"), alt.Tooltip("start:T", title="Start")],
        )
    )
    return ticks.properties(height=TIMELINE_HEIGHT)
