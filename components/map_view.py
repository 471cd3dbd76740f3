"""The map in the page: the base map built once with a stable key, and only the layer of the
date's features changing, so a slider step redraws the polygons without re-mounting the map.

The Streamlit call (st_folium) lives here alone; components.basemap and components.map build the
folium objects it shows.
"""

from __future__ import annotations

import geopandas as gpd
from streamlit_folium import st_folium

from components.basemap import base_map
from components.layers import Layer
from components.locale import Locale
from components.map import features_layer, highlight_layer
from components.overlay_layer import overlay_layer

MAP_HEIGHT = 620
FOCUS_ZOOM = 11


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
) -> None:
    """The map with the features of `shown`; `returned_objects=[]` stops panning and zooming from
    rerunning the script."""
    layer = features_layer(shown["id"], published, locale)
    if highlighted is not None and not highlighted.empty:
        highlight_layer(highlighted, locale).add_to(layer)
    if overlay is not None and not overlay.empty:
        overlay_layer(overlay).add_to(layer)
    st_folium(
        base_map(base, locale, tiles),
        key=key,
        feature_group_to_add=layer,
        returned_objects=[],
        height=height,
        width="stretch",
        # A found town: st_folium moves the view without re-mounting the map.
        center=list(focus) if focus else None,
        zoom=FOCUS_ZOOM if focus else None,
    )
