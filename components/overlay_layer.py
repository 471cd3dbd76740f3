"""The reader's own overlay as a folium layer, over the map: black and dashed (points as small
black circles), styled from components.symbology, its properties escaped on a copy."""

from __future__ import annotations

import html

import folium
import geopandas as gpd

from components.symbology import OVERLAY_LINE_STYLE, OVERLAY_POINT_RADIUS, OVERLAY_POINT_STYLE
from components.text_safety import escape_text

POINT_TYPES = ("Point", "MultiPoint")


def overlay_style(feature: dict) -> dict[str, object]:
    geometry = feature.get("geometry") or {}
    return OVERLAY_POINT_STYLE if geometry.get("type") in POINT_TYPES else OVERLAY_LINE_STYLE


def overlay_layer(overlay: gpd.GeoDataFrame) -> folium.GeoJson:
    """The overlay drawn black and dashed (points as small black circles), with a tooltip of its
    properties escaped on a copy: the stored overlay keeps the text as the file had it."""
    columns = [column for column in overlay.columns if column != overlay.geometry.name]
    shown = escape_text(overlay, columns)
    tooltip = None
    if columns:
        # Keys reach the browser as JSON; labels go into the tooltip's innerHTML, so they are escaped too.
        tooltip = folium.GeoJsonTooltip(fields=columns, aliases=[html.escape(column) for column in columns], sticky=True)
    return folium.GeoJson(
        shown,
        name="overlay",
        style_function=overlay_style,
        marker=folium.CircleMarker(radius=OVERLAY_POINT_RADIUS),
        tooltip=tooltip,
        live_on_top=True,  # components.live_date keeps it above the dated features it swaps
    )
