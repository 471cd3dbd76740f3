"""Compare two dates: a second date, and two maps side by side with the area on each date.

The second map is an ordinary one with its own key: both fetch the same published layers, so the
comparison costs one more feature list per step, not more geometry.
"""

from __future__ import annotations

import datetime as dt
import math

import geopandas as gpd
import streamlit as st

from components.locale import Locale
from components.layers import Layer
from components.map_view import render_map
from components.widgets import follow_date
from geo.schema import DEFAULT_VIEW_DATE, PERIOD_END, PERIOD_START
from geo.view import View

COMPARE_KEY, COMPARE_DATE_KEY = "compare", "compare_date"
COMPARE_MAP_KEY = "map_compare"
COMPARE_MAP_HEIGHT = 520


def render_compare_controls(chosen: dt.date, locale: Locale) -> None:
    """The switch and, when on, the second date. Drawn with the page: the switch reruns the page
    (Compare's maps take the map's place); the second date reruns only the date's fragment, which
    draws the maps (`compared_date`).

    The second date starts at the zones' creation (4 May 2017), the baseline most comparisons are
    made against, or at the period's end when that is the chosen date."""
    if not st.toggle(locale.t("explorer.compare"), key=COMPARE_KEY):
        return
    if COMPARE_DATE_KEY not in st.session_state:
        st.session_state[COMPARE_DATE_KEY] = DEFAULT_VIEW_DATE if chosen != DEFAULT_VIEW_DATE else PERIOD_END
    st.slider(locale.t("compare.date"), min_value=PERIOD_START, max_value=PERIOD_END, key=COMPARE_DATE_KEY, format="YYYY-MM-DD",
              on_change=follow_date)


def compared_date() -> dt.date | None:
    """The date to compare with, or None when not comparing."""
    return st.session_state.get(COMPARE_DATE_KEY) if st.session_state.get(COMPARE_KEY) else None


def _km2_text(km2: float, locale: Locale) -> str:
    return locale.t("compare.not_mapped") if math.isnan(km2) else locale.number(km2)


def render_compared_maps(
    base_layers: dict[str, Layer],
    published: Layer,
    views: tuple[View, View],
    locale: Locale,
    tiles: str = "offline",
    highlighted: gpd.GeoDataFrame | None = None,
    overlay: gpd.GeoDataFrame | None = None,
    focus: tuple[float, float] | None = None,
    bounds: tuple[float, float, float, float] | None = None,
) -> None:
    """Two maps, the compared date on the left and the chosen date on the right (time runs left to
    right in both languages, as on the slider), a caption naming both and the area on each. The
    outlined feature, the reader's overlay and a found town show on both."""
    left, right = (locale.date(view.date) for view in views)
    st.caption(locale.t("compare.caption", left=left, right=right))
    st.caption(locale.t("compare.summary", left=left, right=right, left_km2=_km2_text(views[0].north_west_km2, locale),
                        right_km2=_km2_text(views[1].north_west_km2, locale)))
    left_column, right_column = st.columns(2)
    for column, view, key in ((left_column, views[0], COMPARE_MAP_KEY), (right_column, views[1], "map")):
        with column:
            st.markdown(f"**{locale.date(view.date)}**")
            render_map(base_layers, published, view.features, locale, highlighted=highlighted, tiles=tiles, overlay=overlay, focus=focus,
                       key=key, height=COMPARE_MAP_HEIGHT, bounds=bounds)
