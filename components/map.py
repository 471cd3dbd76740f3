"""The date's features as folium layers: every feature is published once, a layer draws the ones
in force, styled from components.symbology, with a tooltip in the reader's language.

folium only: frames and options in, folium objects out (components.map_view shows them in the
page). Text shown in tooltips is HTML-escaped on the copy handed to folium, never in the data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import folium
import geopandas as gpd
from folium.utilities import JsCode

from components.layers import TOOLTIP_FIELDS, Layer, remote_geojson, tooltip_aliases, tooltip_frame
from components.locale import Locale
from components.live_date import LIVE_FILTER_JS
from components.symbology import HIGHLIGHT_STYLE, KIND_STYLES, leaflet_style

# Degrees of buffer that make a highlighted point visible as a ring (about 3 km).
POINT_HIGHLIGHT_DEGREES = 0.03


def feature_style(feature: dict) -> dict[str, object]:
    return {key: value for key, value in leaflet_style(feature["properties"]["kind"]).items() if key != "radius"}


def visible_filter(visible_ids: Iterable[str]) -> JsCode:
    """Leaflet's `filter` option: draw only the features whose id is in the list."""
    ids = json.dumps(sorted(set(visible_ids)))
    return JsCode(f"function(feature) {{ return {ids}.includes(feature.properties.id); }}")


def features_layer(visible_ids: Iterable[str], published: Layer, locale: Locale) -> folium.FeatureGroup:
    """The features in force: this layer draws the listed ones of the published layer (Compare's
    two maps, the benchmark's reference)."""
    return _published_features(published, locale, visible_filter(visible_ids))


def dated_features_layer(published: Layer, locale: Locale) -> folium.FeatureGroup:
    """The live map's dated features: the layer offers every published feature and its filter
    keeps those the map's own script says are in force on the date control's day
    (components.live_date). Its script names no date and no feature, so it is the same on every
    day: st_folium re-runs a layer's script only when it changes, and a step sends the map nothing
    to redraw; the browser redraws the day itself, tooltips included."""
    return _published_features(published, locale, JsCode(LIVE_FILTER_JS), live_dated=True)


def _published_features(published: Layer, locale: Locale, keep: JsCode, **options: object) -> folium.FeatureGroup:
    """The published features through `keep` (Leaflet's `filter`), styled by kind, posts as
    circles, with a tooltip (name, dates, sources, confidence, precision)."""
    group = folium.FeatureGroup(name="features")
    remote_geojson(
        published,
        name="features",
        style_function=feature_style,
        # fill=True: folium draws circle markers as rings unless told to fill them.
        marker=folium.CircleMarker(radius=KIND_STYLES["observation_post"]["radius"], fill=True),
        # folium checks a tooltip's fields against the first feature: none when every feature was left out.
        tooltip=folium.GeoJsonTooltip(fields=list(TOOLTIP_FIELDS), aliases=tooltip_aliases(locale), sticky=True) if not published.frame.empty else None,
        filter=keep,
        **options,
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
