"""The Streamlit boundary for data: the dataset (geo.dataset_store: built once per version of
the data and the code, kept on disk for the next server) and the published layers behind caches
shared by every session.

Cached objects are shared read-only: nothing here or downstream mutates them. The cache key is
the data's fingerprint (paths and modification times), so an edited file is picked up at the
next rerun instead of being served stale.
"""

from __future__ import annotations

import streamlit as st

from components.assets import ensure_local_assets, publish_text
from components.layers import Layer, make_layer, publishable_base, publishable_features
from components.locale import Locale
from geo.dataset import Dataset
from geo.dataset_store import stored_dataset


@st.cache_resource(show_spinner=False)
def local_assets() -> None:
    ensure_local_assets()


# Shown before the reader has chosen a language: both.
@st.cache_resource(show_spinner="Loading data… · جارٍ تحميل البيانات…", max_entries=2)
def dataset(fingerprint: tuple) -> Dataset:
    """Loaded and validated once per version of the files (geo.dataset.build_dataset), read from
    the disk store when an earlier server built this version."""
    return stored_dataset(fingerprint[0])


@st.cache_resource(show_spinner=False, max_entries=4)
def published_layers(fingerprint: tuple, language: str) -> tuple[dict[str, Layer], Layer]:
    """The base layers and every feature, published as static files once per data version."""
    data, locale = dataset(fingerprint), Locale(language)
    base_layers = {
        name: make_layer(frame, publish_text(f"{name}-{language}", frame.to_json()))
        for name, frame in publishable_base(data.base, locale).items()
    }
    shown = publishable_features(data.features, locale)
    return base_layers, make_layer(shown, publish_text(f"features-{language}", shown.to_json()))
