"""The date's features as folium layers: every feature is published once, a layer draws the ones
in force, styled from components.symbology, with a tooltip in the reader's language.

folium only: frames and options in, folium objects out (components.map_view shows them in the
page). Text shown in tooltips is HTML-escaped on the copy handed to folium, never in the data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import folium
import geopandas as gpd
from folium.utilities import JsCode

from components.layers import TOOLTIP_FIELDS, Layer, remote_geojson, tooltip_aliases, tooltip_frame
from components.locale import Locale
from components.symbology import HIGHLIGHT_STYLE, KIND_STYLES, leaflet_style

# Degrees of buffer that make a highlighted point visible as a ring (about 3 km).
POINT_HIGHLIGHT_DEGREES = 0.03


def feature_style(feature: dict) -> dict[str, object]:
    return {key: value for key, value in leaflet_style(feature["properties"]["kind"]).items() if key != "radius"}


def visible_filter(visible_ids: Iterable[str]) -> JsCode:
    """Leaflet's `filter` option: draw only the features whose id is in the list."""
    ids = json.dumps(sorted(set(visible_ids)))
    return JsCode(f"function(feature) {{ return {ids}.includes(feature.properties.id); }}")


def features_layer(visible_ids: Iterable[str], published: Layer, locale: Locale, day: dt.date | None = None) -> folium.FeatureGroup:
    """The features in force: this layer draws the listed ones of the published layer, styled by
    kind, posts as circles, with a tooltip (name, dates, sources, confidence). `day`, the date they
    are in force on, is written on the layer for components.live_date (which swaps only this layer)."""
    group = folium.FeatureGroup(name="features")
    remote_geojson(
        published,
        name="features",
        style_function=feature_style,
        # fill=True: folium draws circle markers as rings unless told to fill them.
        marker=folium.CircleMarker(radius=KIND_STYLES["observation_post"]["radius"], fill=True),
        # folium checks a tooltip's fields against the first feature: none when every feature was left out.
        tooltip=folium.GeoJsonTooltip(fields=list(TOOLTIP_FIELDS), aliases=tooltip_aliases(locale), sticky=True) if not published.frame.empty else None,
        filter=visible_filter(visible_ids),
        **({"live_day": day.isoformat()} if day is not None else {}),
    ).add_to(group)
    return group


def highlight_layer(feature: gpd.GeoDataFrame, locale: Locale) -> folium.GeoJson:
    """The feature picked in the panel, outlined in black over everything else (even if it is not
    in force on the chosen date: the panel lists what a round touched, whenever that was)."""
    shown = tooltip_frame(feature, locale)
    if (shown.geom_type == "Point").any():
        shown["geometry"] = shown.geometry.buffer(POINT_HIGHLIGHT_DEGREES)
    return folium.GeoJson(
        shown,
        name="highlight",
        style_function=lambda _: HIGHLIGHT_STYLE,
        live_on_top=True,  # components.live_date keeps it above the dated features it swaps
        tooltip=folium.GeoJsonTooltip(fields=list(TOOLTIP_FIELDS), aliases=tooltip_aliases(locale), sticky=True),
    )
