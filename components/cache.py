"""The Streamlit boundary for data: geo's loaders behind caches shared by every session.

Cached objects are shared read-only: nothing here or downstream mutates them. The cache key is
the data's fingerprint (paths and modification times), so an edited file is picked up at the
next rerun instead of being served stale.
"""

from __future__ import annotations

from typing import NamedTuple

import geopandas as gpd
import pandas as pd
import streamlit as st

import geo
from components.assets import ensure_local_assets, publish_text
from components.basemap import publishable_base
from components.map import Layer, make_layer, publishable_features
from geo.analysis import area_series
from geo.claims import check_claims
from geo.control import towns_for_map
from geo.lenient import load_dataset_leniently
from geo.query import join_rounds

LABELLED_CITY_POPULATION = 100_000
BASE_LAYERS = ("countries", "governorates", "roads")


class Dataset(NamedTuple):
    features: gpd.GeoDataFrame  # joined to their round's metadata
    rounds: pd.DataFrame
    sources: pd.DataFrame
    checked_claims: pd.DataFrame
    base: dict[str, gpd.GeoDataFrame]
    # One message per record or file left out (naming file, id and field); the frames hold the rest.
    problems: tuple[str, ...] = ()
    control_points: gpd.GeoDataFrame | None = None
    areas: pd.DataFrame | None = None  # geo.analysis.area_series


@st.cache_resource(show_spinner=False)
def local_assets() -> None:
    ensure_local_assets()


# Shown before the reader has chosen a language: both.
@st.cache_resource(show_spinner="Loading data… · جارٍ تحميل البيانات…", max_entries=2)
def dataset(fingerprint: tuple) -> Dataset:
    """Loaded and validated once per version of the files: every valid record, and a message for
    each one left out. A missing or unreadable base layer still raises geo.DataError."""
    data_dir = fingerprint[0]
    base = {name: geo.load_base_layer(name, data_dir) for name in BASE_LAYERS}
    loaded, problems = load_dataset_leniently(data_dir)
    base["towns"] = towns_for_map(geo.load_base_layer("towns", data_dir), loaded.control_points, LABELLED_CITY_POPULATION)
    return Dataset(
        features=join_rounds(loaded.features, loaded.rounds),
        rounds=loaded.rounds,
        sources=loaded.sources,
        checked_claims=check_claims(loaded.claims, loaded.rounds, loaded.sources),
        base=base,
        problems=tuple(str(problem) for problem in problems),
        control_points=loaded.control_points,
        areas=area_series(loaded.features, loaded.rounds),
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def published_layers(fingerprint: tuple, language: str) -> tuple[dict[str, Layer], Layer]:
    """The base layers and every feature, published as static files once per data version."""
    data = dataset(fingerprint)
    base_layers = {
        name: make_layer(frame, publish_text(f"{name}-{language}", frame.to_json()))
        for name, frame in publishable_base(data.base, language).items()
    }
    shown = publishable_features(data.features, language)
    return base_layers, make_layer(shown, publish_text(f"features-{language}", shown.to_json()))
