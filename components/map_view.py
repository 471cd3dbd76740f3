"""The map in the page: the base map built once with a stable key, and only the layer of the
date's features changing, so a slider step redraws the polygons without re-mounting the map.

The Streamlit call (st_folium) lives here alone; components.basemap and components.map build the
folium objects it shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from components.basemap import base_map
from components.layers import Layer
from components.live_date import LiveDate
from components.locale import Locale
from components.map import features_layer, highlight_layer
from components.overlay_layer import overlay_layer
from geo.view import View, frame_bounds
from geo.view_state import EXTENTS

MAP_HEIGHT = 640
FOCUS_ZOOM = 11
FIRST_VIEW_KEY = "map_first_view"
EXTENT_KEY = "extent"


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
    day: dt.date | None = None,
) -> None:
    """The map with the features of `shown`, framed on `bounds` (all Syria by default);
    `returned_objects=[]` stops panning and zooming from rerunning the script. With
    `follow_layers` and the `day` of `shown`, the map also follows the date slider in the browser,
    drawing those kinds."""
    layer = features_layer(shown["id"], published, locale, day if follow_layers is not None else None)
    if highlighted is not None and not highlighted.empty:
        highlight_layer(highlighted, locale).add_to(layer)
    if overlay is not None and not overlay.empty:
        overlay_layer(overlay).add_to(layer)
    fmap = base_map(base, locale, tiles, **({"bounds": bounds} if bounds else {}))
    if follow_layers is not None:
        LiveDate(published, follow_layers).add_to(fmap)
    st_folium(
        fmap,
        key=key,
        feature_group_to_add=layer,
        returned_objects=[],
        height=height,
        width="stretch",
        # A found town: st_folium moves the view without re-mounting the map.
        center=list(focus) if focus else None,
        zoom=FOCUS_ZOOM if focus else None,
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
