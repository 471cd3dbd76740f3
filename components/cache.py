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
from geo.claims import check_claims
from geo.control import towns_for_map
from geo.query import join_rounds

LABELLED_CITY_POPULATION = 100_000
BASE_LAYERS = ("countries", "governorates", "roads")


class Dataset(NamedTuple):
    features: gpd.GeoDataFrame  # joined to their round's metadata
    rounds: pd.DataFrame
    sources: pd.DataFrame
    checked_claims: pd.DataFrame
    base: dict[str, gpd.GeoDataFrame]


@st.cache_resource(show_spinner=False)
def local_assets() -> None:
    ensure_local_assets()


@st.cache_resource(show_spinner="Loading data…", max_entries=2)
def dataset(fingerprint: tuple) -> Dataset:
    """Loaded and validated once per version of the files."""
    data_dir = fingerprint[0]
    rounds = geo.load_rounds(data_dir)
    sources = geo.load_sources(data_dir)
    base = {name: geo.load_base_layer(name, data_dir) for name in BASE_LAYERS}
    base["towns"] = towns_for_map(geo.load_base_layer("towns", data_dir), geo.load_control_points(data_dir), LABELLED_CITY_POPULATION)
    return Dataset(
        features=join_rounds(geo.load_features(data_dir), rounds),
        rounds=rounds,
        sources=sources,
        checked_claims=check_claims(geo.load_claims(data_dir), rounds, sources),
        base=base,
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
