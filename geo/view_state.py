"""The view a link reopens, parsed from the query string: never an exception, always a view.

A bad value falls back to the default and adds a short message naming what was wrong, so the
page can show a warning instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from geo.query import in_period
from geo.schema import DEFAULT_VIEW_DATE, FEATURE_KINDS, PERIOD_END, PERIOD_START

MAX_SHOWN_CHARS = 40
LANGUAGES = ("en", "ar")
BASE_MAPS = ("offline", "osm")
DIGIT_STYLES = ("latin", "arabic")
# What the map first frames: the features in force, or the whole country.
EXTENTS = ("features", "country")
# The link's day (`?date=2019-08-22`): the date control also writes it in the browser.
DATE_PARAMETER = "date"


@dataclass(frozen=True)
class Notice:
    """A warning about the link: a catalogue key (`link.ignored_date`...) and its values; the page
    writes the sentence in the reader's language from components.catalogue."""

    key: str
    values: tuple[tuple[str, str], ...]


def _notice(notice_key: str, **values: str) -> Notice:
    return Notice(notice_key, tuple(values.items()))


@dataclass(frozen=True)
class ViewState:
    date: dt.date = DEFAULT_VIEW_DATE
    layers: tuple[str, ...] = FEATURE_KINDS
    language: str = "en"
    base_map: str = "offline"
    digits: str = "latin"
    extent: str = "features"
    messages: tuple[Notice, ...] = field(default=(), compare=False)


def _first(value: object) -> str:
    """Streamlit gives a text; a repeated parameter may arrive as a list: take the first."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return str(value).strip()


def _shown(text: str) -> str:
    return repr(text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "…")


def date_in_period(value: object) -> dt.date | None:
    """An ISO date text inside the period, as a date; anything else (another type, another
    format, a day outside the period) is None. Checks what comes from outside: the link, and the
    time control's messages from the browser.

    >>> date_in_period("2019-08-22"), date_in_period("2031-01-01"), date_in_period({"day": 1})
    (datetime.date(2019, 8, 22), None, None)
    """
    # A real ISO date is 10 characters: a longer text is not parsed at all.
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if in_period(parsed) else None


def _parse_layers(text: str) -> tuple[tuple[str, ...], list[str]]:
    asked = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in asked if item not in FEATURE_KINDS]
    return tuple(kind for kind in FEATURE_KINDS if kind in asked), unknown


def parse_view_state(query_params: Mapping[str, object], round_starts: Mapping[str, dt.date] | None = None) -> ViewState:
    """The view in the query string, defaults where a value is missing or wrong.

    `date=YYYY-MM-DD` or `round=<id>` (its start; `date` wins when both are given),
    `layers=frontline,observation_post`, `lang=en|ar`, `basemap=offline|osm`, `digits=latin|arabic`,
    `extent=features|country`.

    >>> parse_view_state({"date": "2020-03-06", "lang": "ar"}).language
    'ar'
    >>> [message.key for message in parse_view_state({"date": "yesterday"}).messages]
    ['link.ignored_date']
    """
    messages: list[Notice] = []
    values: dict[str, object] = {}
    if "round" in query_params:
        text = _first(query_params["round"])
        start = (round_starts or {}).get(text)
        if start is not None and in_period(start):
            values["date"] = start
        else:
            messages.append(_notice("link.ignored_round", value=_shown(text)))
    if DATE_PARAMETER in query_params:
        text = _first(query_params[DATE_PARAMETER])
        parsed = date_in_period(text)
        if parsed is not None:
            values["date"] = parsed
        else:
            messages.append(_notice("link.ignored_date", value=_shown(text), start=PERIOD_START.isoformat(), end=PERIOD_END.isoformat()))
    if "layers" in query_params:
        layers, unknown = _parse_layers(_first(query_params["layers"]))
        values["layers"] = layers
        if unknown:
            messages.append(_notice("link.ignored_layers", values=", ".join(_shown(item) for item in unknown[:5]), allowed=", ".join(FEATURE_KINDS)))
    for key, attribute, allowed in (("lang", "language", LANGUAGES), ("basemap", "base_map", BASE_MAPS), ("digits", "digits", DIGIT_STYLES),
                                    ("extent", "extent", EXTENTS)):
        if key in query_params:
            text = _first(query_params[key])
            if text in allowed:
                values[attribute] = text
            else:
                messages.append(_notice("link.ignored_value", key=key, value=_shown(text), allowed=", ".join(allowed)))
    return ViewState(**values, messages=tuple(messages))


def view_query(state: ViewState) -> dict[str, str]:
    """The query string that reopens this view."""
    return {
        DATE_PARAMETER: state.date.isoformat(),
        "layers": ",".join(state.layers),
        "lang": state.language,
        "basemap": state.base_map,
        "digits": state.digits,
        "extent": state.extent,
    }


def round_start_lookup(round_ids: Sequence[str], starts: Sequence[dt.date]) -> dict[str, dt.date]:
    """Round id -> start date, for `round=` links."""
    return dict(zip(round_ids, starts))
