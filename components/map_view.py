"""The map in the page: a fragment of its own that a date step does not rerun (the map draws the
day in the browser, components.live_date); the date's fragment hands it the feature picked in
the panel, the page the rest (a town found, Compare).

The Streamlit call lives here alone (components.page_map draws folium's map in the page);
components.basemap and components.map build the folium objects it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import geopandas as gpd
import streamlit as st

from components.basemap import base_map
from components.layers import Layer
from components.live_date import LiveDate
from components.locale import Locale
from components.map import dated_features_layer, features_layer, highlight_layer
from components.overlay_layer import overlay_layer
from components.page_map import render_page_map
from geo.view import View, frame_bounds
from geo.view_state import EXTENTS

MAP_HEIGHT = 640
MAP_INPUTS_KEY = "map_inputs"
FOCUS_ZOOM = 11
FIRST_VIEW_KEY = "map_first_view"
EXTENT_KEY = "extent"


class MapInputs(NamedTuple):
    """What the map shows besides the day, chosen in the date's fragment (the panel)."""

    highlighted: str | None = None  # the id of the feature picked in the panel


def map_inputs() -> MapInputs:
    return st.session_state.get(MAP_INPUTS_KEY, MapInputs())


def hand_to_map(inputs: MapInputs) -> None:
    """Give the map what the date's fragment chose for it; if that changes the map, the page runs
    again to draw it (the map is drawn first, and a fragment cannot rerun another from its body).
    Rare: a pick in the panel, a round change that drops a highlight; a date step changes
    nothing here."""
    if map_inputs() != inputs:
        st.session_state[MAP_INPUTS_KEY] = inputs
        st.rerun()


def render_map(
    base: dict[str, Layer],
    published: Layer,
    shown: gpd.GeoDataFrame,
    locale: Locale,
    highlighted: gpd.GeoDataFrame | None = None,
    tiles: str = "offline",
    overlay: gpd.GeoDataFrame | None = None,
    focus: tuple[float, float] | None = None,
    key: str = "map",
    height: int = MAP_HEIGHT,
    bounds: tuple[float, float, float, float] | None = None,
    follow_layers: Iterable[str] | None = None,
) -> None:
    """The map, framed on `bounds` (all Syria by default); panning and zooming stay in the
    browser (the map sends nothing back). With `follow_layers` (the kinds chosen), the map draws the
    features in force on the date control's day in the browser, whatever `shown` is, and follows
    the control as it moves (components.live_date): its layers are then the same on every day, so
    a step sends the map nothing new. Without, it draws the features of `shown` (Compare)."""
    layer = dated_features_layer(published, locale) if follow_layers is not None else features_layer(shown["id"], published, locale)
    if highlighted is not None and not highlighted.empty:
        highlight_layer(highlighted, locale).add_to(layer)
    if overlay is not None and not overlay.empty:
        overlay_layer(overlay).add_to(layer)
    fmap = base_map(base, locale, tiles, **({"bounds": bounds} if bounds else {}))
    if follow_layers is not None:
        LiveDate(published, follow_layers).add_to(fmap)
    render_page_map(
        fmap,
        key=key,
        feature_group=layer,
        height=height,
        # A found town: the view moves without drawing the map again.
        center=list(focus) if focus else None,
        zoom=FOCUS_ZOOM if focus else None,
        failed=locale.t("map.failed"),
    )


def current_extent(initial: str) -> str:
    """What the map frames, before its control is drawn (under the map): the reader's last choice,
    else the link's."""
    st.session_state.setdefault(EXTENT_KEY, initial)
    return st.session_state[EXTENT_KEY]


def render_extent_control(locale: Locale) -> str:
    """The choice of frame: the features in force (the default) or the whole country. A change
    reruns the page, which frames the map anew. `current_extent` has set the widget's value."""
    return st.radio(locale.t("map.extent"), options=list(EXTENTS), format_func=lambda option: locale.t(f"map.extent.{option}"),
                    key=EXTENT_KEY, horizontal=True)


def first_view(view: View, extent: str) -> tuple[float, float, float, float]:
    """The map's frame, set by the first date the reader sees and kept while the date moves: a
    step redraws the polygons, it does not move the map. Choosing the extent again re-frames."""
    remembered = st.session_state.get(FIRST_VIEW_KEY)
    if remembered is None or remembered[0] != extent:
        remembered = (extent, frame_bounds(view.features, extent))
        st.session_state[FIRST_VIEW_KEY] = remembered
    return remembered[1]
