"""Render frames as a folium map: a base map built once, and a layer of the features in force.

Only rendering here: frames and options in, folium objects out. Text shown in tooltips is
HTML-escaped on the copy handed to folium (its tooltips do not escape), never in the data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

import folium
import geopandas as gpd
import pandas as pd

from folium.utilities import JsCode

from components.text import escape_text
from geo.schema import CRS

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
KIND_STYLES: dict[str, dict[str, object]] = {
    "frontline": {"fillColor": "#D55E00", "color": "#8A3C00", "weight": 1.5, "fillOpacity": 0.45},
    "deescalation_zone": {"fillColor": "#0072B2", "color": "#0072B2", "weight": 2.5, "fillOpacity": 0.08, "dashArray": "8 6"},
    "demilitarized_zone": {"fillColor": "#CC79A7", "color": "#CC79A7", "weight": 1, "fillOpacity": 0.45},
    "security_corridor": {"fillColor": "#009E73", "color": "#006B4E", "weight": 1, "fillOpacity": 0.45},
    "observation_post": {"fillColor": "#F0E442", "color": "#000000", "weight": 1.5, "fillOpacity": 1.0, "radius": 6},
}
KIND_LABELS: dict[str, tuple[str, str]] = {
    "frontline": ("Opposition-held north-west (its edge is the frontline)", "مناطق سيطرة المعارضة في الشمال الغربي (حدودها خط الجبهة)"),
    "deescalation_zone": ("De-escalation zone (May 2017)", "منطقة خفض التصعيد (أيار/مايو 2017)"),
    "demilitarized_zone": ("Demilitarized zone (Sochi, Sept. 2018)", "المنطقة منزوعة السلاح (سوتشي، أيلول/سبتمبر 2018)"),
    "security_corridor": ("M4 security corridor (March 2020)", "الممر الآمن على طريق M4 (آذار/مارس 2020)"),
    "observation_post": ("Turkish observation post", "نقطة مراقبة تركية"),
}


class Hatch(NamedTuple):
    """Stripes over a light ground of the band's own colour: the two narrow bands then read
    without colour (colour blindness, greyscale print) and the frontline shows through them."""

    angle: int  # of the stripes as seen, degrees anticlockwise from horizontal: 45 rises to the right (/), 135 falls (\)
    stripe: str
    ground_opacity: float
    spacing: float  # CSS pixels from a stripe to the next, across the stripes
    width: float  # CSS pixels, of a stripe


# The one definition of the hatching: components.hatching draws it for Leaflet (SVG), the legends
# (CSS) and the PNG (matplotlib), so the map and its legends cannot drift apart.
HATCHES: dict[str, Hatch] = {
    "demilitarized_zone": Hatch(angle=45, stripe="#A24F80", ground_opacity=0.22, spacing=8, width=2.5),
    "security_corridor": Hatch(angle=135, stripe="#006B4E", ground_opacity=0.22, spacing=8, width=2.5),
}
# Drawn bottom to top: broad zones under frontlines under bands under posts.
KIND_ORDER = ("deescalation_zone", "frontline", "demilitarized_zone", "security_corridor", "observation_post")
TOOLTIP_FIELDS = ("name", "dates", "sources_text", "confidence")
TOOLTIP_ALIASES = {"en": ("Name", "Valid", "Sources", "Confidence"), "ar": ("الاسم", "الفترة", "المصادر", "درجة الثقة")}
MAP_HEIGHT = 620
FOCUS_ZOOM = 11


def period_text(valid_from: pd.Timestamp, valid_to: pd.Timestamp | None) -> str:
    """`2020-03-06 – 2024-11-27`, with `…` for a feature still in force at the end of the period."""
    until = valid_to.date().isoformat() if pd.notna(valid_to) else "…"
    return f"{valid_from.date().isoformat()} – {until}"


def tooltip_frame(state: gpd.GeoDataFrame, language: str) -> gpd.GeoDataFrame:
    """The features in force, reduced to what a tooltip shows, escaped, in EPSG:4326."""
    frame = state.to_crs(CRS) if state.crs is not None and state.crs.to_string() != CRS else state
    frame = frame[~frame.geometry.is_empty & frame.geometry.notna()]
    shown = gpd.GeoDataFrame(
        {
            "id": frame["id"],
            "kind": frame["kind"],
            "name": frame["name_ar" if language == "ar" else "name_en"],
            "dates": [period_text(start, end) for start, end in zip(frame["valid_from"], frame["valid_to"])],
            "sources_text": frame["sources"].map(", ".join),
            "confidence": frame["confidence"],
        },
        geometry=frame.geometry.values,
        crs=CRS,
    )
    return escape_text(shown, ("id", "name", "dates", "sources_text", "confidence"))


def pattern_id(kind: str) -> str:
    """The id of the SVG `<pattern>` that hatches `kind` (kinds are plain identifiers)."""
    return f"hatch-{kind}"


def leaflet_style(kind: str) -> dict[str, object]:
    """The Leaflet path style of `kind`: a hatched band is filled with its pattern, which carries
    its own opacities, so the path's fill is opaque."""
    style = dict(KIND_STYLES[kind])
    if kind in HATCHES:
        style.update(fillColor=f"url(#{pattern_id(kind)})", fillOpacity=1.0)
    return style


def feature_style(feature: dict) -> dict[str, object]:
    return {key: value for key, value in leaflet_style(feature["properties"]["kind"]).items() if key != "radius"}


class Layer(NamedTuple):
    """A layer published as a static file: the frame, its URL, and the frame's properties without
    geometry (what folium needs to check tooltips and key styles, at a fraction of the cost)."""

    frame: gpd.GeoDataFrame
    url: str
    properties_json: str


def make_layer(frame: gpd.GeoDataFrame, url: str) -> Layer:
    """A Layer for `frame` published at `url` as `frame.to_json()` (ids kept: folium keys styles by them)."""
    collection = json.loads(frame.to_json())
    for feature in collection["features"]:
        feature["geometry"] = None
    return Layer(frame, url, json.dumps(collection))


def remote_geojson(layer: Layer, **options: Any) -> folium.GeoJson:
    """A folium GeoJson whose data the browser fetches from `layer.url` instead of carrying it.

    folium validates the style and tooltip against the properties, then writes only the URL into
    the script: a rerun sends a few kilobytes instead of every geometry again, and the server does
    not convert geometries it will not send.
    """
    geojson = folium.GeoJson(json.loads(layer.properties_json), **options)
    geojson.embed = False
    geojson.embed_link = layer.url
    return geojson


def visible_filter(visible_ids: Iterable[str]) -> JsCode:
    """Leaflet's `filter` option: draw only the features whose id is in the list."""
    ids = json.dumps(sorted(set(visible_ids)))
    return JsCode(f"function(feature) {{ return {ids}.includes(feature.properties.id); }}")


def features_layer(visible_ids: Iterable[str], published: Layer, language: str = "en") -> folium.FeatureGroup:
    """The features in force: every feature is published once; this layer draws the listed ones,
    styled by kind, posts as circles, with a tooltip (name, dates, sources, confidence)."""
    group = folium.FeatureGroup(name="features")
    aliases = list(TOOLTIP_ALIASES.get(language, TOOLTIP_ALIASES["en"]))
    remote_geojson(
        published,
        name="features",
        style_function=feature_style,
        # fill=True: folium draws circle markers as rings unless told to fill them.
        marker=folium.CircleMarker(radius=KIND_STYLES["observation_post"]["radius"], fill=True),
        # folium checks a tooltip's fields against the first feature: none when every feature was left out.
        tooltip=folium.GeoJsonTooltip(fields=list(TOOLTIP_FIELDS), aliases=aliases, sticky=True) if not published.frame.empty else None,
        filter=visible_filter(visible_ids),
    ).add_to(group)
    return group


def publishable_features(features: gpd.GeoDataFrame, language: str) -> gpd.GeoDataFrame:
    """Every feature as the browser gets it: tooltip fields only, escaped, drawn in kind order."""
    shown = tooltip_frame(features, language)
    order = shown["kind"].map(KIND_ORDER.index)
    return shown.iloc[order.argsort(kind="stable")].reset_index(drop=True)


HIGHLIGHT_STYLE = {"color": "#000000", "weight": 4, "dashArray": "2 6", "fillOpacity": 0.0, "fillColor": "#000000"}


def highlight_layer(feature: gpd.GeoDataFrame, language: str = "en") -> folium.GeoJson:
    """The feature picked in the panel, outlined in black over everything else (even if it is not
    in force on the chosen date: the panel lists what a round touched, whenever that was)."""
    shown = tooltip_frame(feature, language)
    if (shown.geom_type == "Point").any():
        shown["geometry"] = shown.geometry.buffer(0.03)
    return folium.GeoJson(
        shown,
        name="highlight",
        style_function=lambda _: HIGHLIGHT_STYLE,
        tooltip=folium.GeoJsonTooltip(fields=list(TOOLTIP_FIELDS), aliases=list(TOOLTIP_ALIASES.get(language, TOOLTIP_ALIASES["en"])), sticky=True),
    )


BASE_LEGEND: tuple[tuple[str, tuple[str, str], str], ...] = (
    ("governorate", ("Governorate boundary", "حدود المحافظة"), "#8C8C8C"),
    ("highway", ("M4 / M5 highway", "الطريق الدولي M4 / M5"), "#555555"),
    ("town", ("Town (tracked in the control facts) or city", "بلدة (من جدول السيطرة) أو مدينة"), "#FFFFFF"),
)


def legend_entries(kinds: Iterable[str], language: str = "en", with_base: bool = False) -> list[tuple[str, str, str]]:
    """(kind, label, colour) for each kind shown, in drawing order, then the base layers if asked."""
    shown = set(kinds)
    index = 1 if language == "ar" else 0
    entries = [(kind, KIND_LABELS[kind][index], str(KIND_STYLES[kind]["fillColor"])) for kind in KIND_ORDER if kind in shown]
    if with_base:
        entries += [(kind, labels[index], colour) for kind, labels, colour in BASE_LEGEND]
    return entries


def render_map(
    base: dict[str, Layer],
    published: Layer,
    state: gpd.GeoDataFrame,
    language: str = "en",
    highlighted: gpd.GeoDataFrame | None = None,
    tiles: str = "offline",
    overlay: gpd.GeoDataFrame | None = None,
    focus: tuple[float, float] | None = None,
    key: str = "map",
    height: int = MAP_HEIGHT,
) -> None:
    """The map in the page. The base map keeps a stable key and only the feature layer changes,
    so a slider step redraws the polygons without re-mounting the map; `returned_objects=[]`
    stops panning and zooming from rerunning the script."""
    from streamlit_folium import st_folium

    from components.basemap import base_map

    layer = features_layer(state["id"], published, language)
    if highlighted is not None and not highlighted.empty:
        highlight_layer(highlighted, language).add_to(layer)
    if overlay is not None and not overlay.empty:
        from components.overlay import overlay_layer

        overlay_layer(overlay).add_to(layer)
    st_folium(
        base_map(base, language, tiles),
        key=key,
        feature_group_to_add=layer,
        returned_objects=[],
        height=height,
        width="stretch",
        # A found town: st_folium moves the view without re-mounting the map.
        center=list(focus) if focus else None,
        zoom=FOCUS_ZOOM if focus else None,
    )
