"""Layers published once as static files: the frame, its URL, and what folium needs to draw it
without carrying its geometry (a slider step sends a few kilobytes, not every polygon again).

Only frames and folium objects here; the files are written by components.assets.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import folium
import geopandas as gpd
import pandas as pd

from components.locale import Locale
from components.symbology import KIND_ORDER
from components.text_safety import escape_text
from geo.schema import CRS

TOOLTIP_FIELDS = ("name", "dates", "sources_text", "confidence", "precision")


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


def period_text(valid_from: pd.Timestamp, valid_to: pd.Timestamp | None) -> str:
    """`2020-03-06 – 2024-11-27`, with `…` for a feature still in force at the end of the period."""
    until = valid_to.date().isoformat() if pd.notna(valid_to) else "…"
    return f"{valid_from.date().isoformat()} – {until}"


def tooltip_aliases(locale: Locale) -> list[str]:
    return [locale.t(f"tooltip.{field}") for field in TOOLTIP_FIELDS]


def tooltip_frame(features: gpd.GeoDataFrame, locale: Locale) -> gpd.GeoDataFrame:
    """Features reduced to what a tooltip shows, escaped, in EPSG:4326, empty geometries dropped."""
    frame = features.to_crs(CRS) if features.crs is not None and features.crs.to_string() != CRS else features
    frame = frame[~frame.geometry.is_empty & frame.geometry.notna()]
    shown = gpd.GeoDataFrame(
        {
            "id": frame["id"],
            "kind": frame["kind"],
            "name": frame[locale.field("name")],
            "dates": [period_text(start, end) for start, end in zip(frame["valid_from"], frame["valid_to"])],
            "sources_text": frame["sources"].map(", ".join),
            "confidence": frame["confidence"],
            "precision": [precision_text(value, locale) for value in frame.get("precision_km", pd.Series(float("nan"), index=frame.index))],
        },
        geometry=frame.geometry.values,
        crs=CRS,
    )
    return escape_text(shown, ("id", "name", "dates", "sources_text", "confidence", "precision"))


def precision_text(km: object, locale: Locale) -> str:
    """A frontline's precision in words (`tracked places at most 4.2 km apart across it`); a dash
    for a feature that is not a line or has no opponent along it."""
    if km is None or pd.isna(km):
        return locale.t("tooltip.not_a_line")
    return locale.t("tooltip.precision_value", km=locale.digits_of(f"{float(km):.1f}"))


def publishable_features(features: gpd.GeoDataFrame, locale: Locale) -> gpd.GeoDataFrame:
    """Every feature as the browser gets it: tooltip fields, escaped, and its first and last days
    (ISO; the map's own script draws any date from them, components.live_date), in kind order."""
    shown = tooltip_frame(features, locale)
    dated = features.loc[shown.index]
    shown["valid_from"] = dated["valid_from"].dt.strftime("%Y-%m-%d").to_numpy()
    shown["valid_to"] = dated["valid_to"].dt.strftime("%Y-%m-%d").fillna("").to_numpy()
    order = shown["kind"].map(KIND_ORDER.index)
    return shown.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def publishable_base(base: dict[str, gpd.GeoDataFrame], locale: Locale) -> dict[str, gpd.GeoDataFrame]:
    """The base layers as the browser gets them: only the columns drawn, names escaped."""
    name = locale.field("name")
    countries = base["countries"]
    return {
        "neighbours": escape_text(countries.loc[countries["code"] != "SYR", ["code", name, "geometry"]], [name]),
        "syria": countries.loc[countries["code"] == "SYR", ["code", "geometry"]],
        "governorates": base["governorates"][["geometry"]],
        "roads": escape_text(base["roads"][["code", name, "geometry"]], ["code", name]),
        "towns": escape_text(base["towns"][["place_id", name, "labelled", "geometry"]], [name]),
        **({"rivers": base["rivers"][["geometry"]]} if "rivers" in base else {}),
        **({"lakes": base["lakes"][["geometry"]]} if "lakes" in base else {}),
        **({"labels": escape_text(base["labels"][["kind", name, "geometry"]], [name])} if "labels" in base else {}),
    }
