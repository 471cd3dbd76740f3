"""Play: step the date through the rounds or the months at a chosen speed; pause anywhere.

Streamlit reruns a fragment on a timer only if it was declared with `run_every` in the full run
that drew it. The play controls are drawn with the page, not in the date's fragment, so starting,
pausing or changing the speed reruns the whole page, which declares the date's fragment with
`play_interval()`. Each timed rerun moves the date one step (`advance_if_due`) before the time
control is drawn: the control, the map and the link follow, and the reader can pause on any step
and carry on from there.
"""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd
import streamlit as st

from components.locale import Locale
from components.slider import DATE_KEY
from geo.playback import PLAY_MODES, next_play_date, play_steps

PLAYING_KEY, MODE_KEY, SPEED_KEY = "playing", "play_mode", "play_speed"
LAST_STEP_KEY, APPLIED_KEY = "play_last_step", "play_interval_applied"
SPEEDS = (0.5, 1.0, 2.0, 3.0)
DEFAULT_SPEED = 1.0
# A timed rerun can fire a little early; a rerun caused by the reader (a click, a drag) between two
# ticks must not move the date as well.
EARLY_TOLERANCE = 0.8


def play_interval() -> float | None:
    """Seconds between timed reruns of the date's fragment: None when paused."""
    if not st.session_state.get(PLAYING_KEY):
        return None
    return float(st.session_state.get(SPEED_KEY, DEFAULT_SPEED))


def _chosen_play_steps(rounds: pd.DataFrame) -> list[dt.date]:
    return play_steps(rounds, st.session_state.get(MODE_KEY, PLAY_MODES[0]))


def advance_if_due(rounds: pd.DataFrame) -> None:
    """While playing, move the date to the next step once a step's time has passed; at the last
    step, stop. Call before the slider is drawn."""
    interval = play_interval()
    if interval is None or DATE_KEY not in st.session_state:
        return
    if st.session_state.get(APPLIED_KEY) != interval:
        st.rerun()  # the speed changed: declare the fragment again with the new interval
    now = time.monotonic()
    if now - st.session_state.get(LAST_STEP_KEY, 0.0) < interval * EARLY_TOLERANCE:
        return
    following = next_play_date(_chosen_play_steps(rounds), st.session_state[DATE_KEY])
    if following is None:
        st.session_state[PLAYING_KEY] = False
        st.rerun()
    st.session_state[DATE_KEY] = following
    st.session_state[LAST_STEP_KEY] = now


def _toggle(rounds: pd.DataFrame) -> None:
    """A callback: it runs before the script, so it may still move the slider's date."""
    playing = not st.session_state.get(PLAYING_KEY, False)
    st.session_state[PLAYING_KEY] = playing
    if playing:
        steps = _chosen_play_steps(rounds)
        if next_play_date(steps, st.session_state[DATE_KEY]) is None:
            st.session_state[DATE_KEY] = steps[0]  # at the end: play from the start
        # The first step comes one interval after the click, like every other.
        st.session_state[LAST_STEP_KEY] = time.monotonic()


def render_play_controls(rounds: pd.DataFrame, locale: Locale) -> None:
    """Play/Pause, the step (rounds or months) and the speed. All are ordinary buttons and radios:
    Tab reaches them and Space or Enter works them."""
    st.session_state.setdefault(SPEED_KEY, DEFAULT_SPEED)
    playing = bool(st.session_state.get(PLAYING_KEY))
    button_column, mode_column, speed_column = st.columns([1, 2, 2])
    button_column.button(locale.t("play.pause" if playing else "play.button"), key="play_button", width="stretch", on_click=_toggle, args=(rounds,))
    mode_column.radio(locale.t("play.step"), options=list(PLAY_MODES), format_func=lambda mode: locale.t(f"play.step.{mode}"),
                      key=MODE_KEY, horizontal=True)
    speed_column.select_slider(locale.t("play.speed"), options=list(SPEEDS), key=SPEED_KEY, format_func=lambda seconds: locale.digits_of(f"{seconds:g}"))


def remember_interval(interval: float | None) -> None:
    """Called by the page when it declares the fragment: the interval the timer now runs at."""
    st.session_state[APPLIED_KEY] = interval
