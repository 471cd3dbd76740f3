"""Play: the dates the map steps through, by round or by month, and the next one after a date.

Pure functions over the rounds frame; the timer and the buttons are components.play's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.query import rounds_in_period
from geo.schema import PERIOD_END, PERIOD_START

PLAY_MODES = ("rounds", "months")


def play_steps(rounds: pd.DataFrame, mode: str) -> list[dt.date]:
    """The dates Play shows, in order, all inside the period.

    "rounds": the start of every round and milestone (one stop for several starting the same day),
    then the period's last day. "months": the period's first day, the first of every month after
    it, then the period's last day.

    >>> play_steps(load_rounds(), "months")[:2]
    [datetime.date(2017, 1, 23), datetime.date(2017, 2, 1)]
    """
    if mode == "rounds":
        starts = {start.date() for start in rounds_in_period(rounds)["start"]}
        return sorted(starts | {PERIOD_END})
    if mode == "months":
        firsts = pd.date_range(PERIOD_START.replace(day=1), PERIOD_END, freq="MS").date
        return sorted({PERIOD_START, PERIOD_END, *(day for day in firsts if day > PERIOD_START)})
    raise ValueError(f"play mode must be one of {', '.join(PLAY_MODES)}, got {mode!r}")


def next_play_date(steps: list[dt.date], current: dt.date) -> dt.date | None:
    """The first step after `current`; None once the last step is reached."""
    return next((step for step in steps if step > current), None)
