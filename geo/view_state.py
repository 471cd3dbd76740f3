"""The view a link reopens, parsed from the query string: never an exception, always a view.

A bad value falls back to the default and adds a short message naming what was wrong, so the
page can show a warning instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.query import in_period
from geo.schema import DEFAULT_VIEW_DATE, PERIOD_END, PERIOD_START

MAX_SHOWN_CHARS = 40


@dataclass(frozen=True)
class ViewState:
    date: dt.date = DEFAULT_VIEW_DATE
    messages: tuple[str, ...] = field(default=())


def _first(value: object) -> str:
    """Streamlit gives a text; a repeated parameter may arrive as a list: take the first."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return str(value)


def _shown(text: str) -> str:
    return repr(text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…")


def parse_view_state(query_params: Mapping[str, object]) -> ViewState:
    """The view in the query string (`?date=2020-03-06`), defaults where it is missing or wrong.

    >>> parse_view_state({"date": "2020-03-06"}).date
    datetime.date(2020, 3, 6)
    >>> parse_view_state({"date": "yesterday"}).messages
    ("Ignored date='yesterday': expected YYYY-MM-DD between 2017-01-23 and 2024-12-08.",)
    """
    messages: list[str] = []
    date = DEFAULT_VIEW_DATE
    if "date" in query_params:
        text = _first(query_params["date"]).strip()
        try:
            parsed = dt.date.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None and in_period(parsed):
            date = parsed
        else:
            messages.append(
                f"Ignored date={_shown(text)}: expected YYYY-MM-DD between {PERIOD_START.isoformat()} and {PERIOD_END.isoformat()}."
            )
    return ViewState(date=date, messages=tuple(messages))


def view_query(state: ViewState) -> dict[str, str]:
    """The query string that reopens this view."""
    return {"date": state.date.isoformat()}
