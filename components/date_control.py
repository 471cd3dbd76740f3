"""The time control: a date slider of our own (st.components.v2), with the round marks on its axis
and its value in words in the reader's language and digits.

Streamlit's own date slider writes its value with moment.js (no Arabic months, no Arabic-Indic
digits, not even for assistive technology) and has no marks on its track, which is why the page
keeps its own: `standalone/date_control.js` (the browser's `<input type="range">`, so the keyboard
and the role come with it) and `standalone/date_control.css`.

The date the reader picks comes back as the trigger "picked" and is checked like the link's
(`geo.view_state.date_in_period`): a message that is not a day of the period is ignored. The
script has already written that day into the page's link (components.link), so Python need not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from components.locale import Locale
from geo.query import rounds_in_period
from geo.schema import PERIOD_END, PERIOD_START
from geo.view_state import DATE_PARAMETER, date_in_period

CONTROL_KEY = "date_control"
# The page's scripts find the control's input by this (components/live_date.py, the tests).
INPUT_SELECTOR = f".st-key-{CONTROL_KEY} input.dc-input"
_STANDALONE = Path(__file__).resolve().parent / "standalone"

# day_words.js: the same day in words as the offline page's (components.html_export).
CONTROL_JS = "\n".join((_STANDALONE / name).read_text(encoding="utf-8") for name in ("day_words.js", "date_control.js"))

_date_control = st.components.v2.component(
    "deescalation_date_control",
    js=CONTROL_JS,
    css=(_STANDALONE / "date_control.css").read_text(encoding="utf-8"),
    # In the page, not a shadow root: the map's frame follows the input (components/live_date.py).
    isolate_styles=False,
)


def round_marks(rounds: pd.DataFrame, locale: Locale) -> list[dict[str, str]]:
    """The rounds and milestones on the control's axis: first day, kind and title in the reader's language."""
    shown = rounds_in_period(rounds)
    return [
        {"start": start.date().isoformat(), "kind": str(kind), "title": str(title)}
        for start, kind, title in zip(shown["start"], shown["kind"], shown[locale.field("title")])
    ]


def control_data(rounds: pd.DataFrame, locale: Locale, date: dt.date) -> dict[str, Any]:
    """Everything the control's script shows: the texts come from the catalogue, as everywhere."""
    return {
        "date": date.isoformat(),
        "start": PERIOD_START.isoformat(),
        "end": PERIOD_END.isoformat(),
        "label": locale.t("slider.date"),
        "help": locale.t("slider.help"),
        "marksCaption": locale.t("slider.marks"),
        "months": list(locale.months()),
        "digits": locale.digits,
        "marks": round_marks(rounds, locale),
        # The script puts the picked day in the page's link itself (components.link).
        "linkParameter": DATE_PARAMETER,
    }


def picked_date(result: object) -> dt.date | None:
    """The day in the control's last message, if it is one of the period (else None).

    >>> picked_date({"picked": "2019-08-22"}), picked_date({"picked": "<script>"}), picked_date(None)
    (datetime.date(2019, 8, 22), None, None)
    """
    try:
        value = result["picked"]  # type: ignore[index]
    except (KeyError, TypeError, IndexError):
        return None
    return date_in_period(value)


def render_date_control(rounds: pd.DataFrame, locale: Locale, date: dt.date, on_pick: Callable[[dt.date], None]) -> None:
    """Draw the control at `date`; `on_pick(day)` runs, before the page is drawn again, when the
    reader lets go of the handle on a day of the period."""

    def take_picked() -> None:
        day = picked_date(st.session_state.get(CONTROL_KEY))
        if day is not None:
            on_pick(day)

    _date_control(key=CONTROL_KEY, data=control_data(rounds, locale, date), on_picked_change=take_picked)
