"""The Streamlit boundary for data: the dataset (geo.dataset_store: built once per version of
the data and the code, kept on disk for the next server) and the published layers behind caches
shared by every session.

Cached objects are shared read-only: nothing here or downstream mutates them. The cache key is
the data's fingerprint (paths and modification times), so an edited file is picked up at the
next rerun instead of being served stale.
"""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path
from typing import NamedTuple

import streamlit as st

from components.assets import ensure_local_assets, publish_text
from components.layers import Layer, make_layer, publishable_base, publishable_features
from components.locale import Locale
from geo.dataset import Dataset
from geo.dataset_store import dataset_key, folder_key, stored, stored_dataset
from geo.load import resolve_data_dir

COMPONENTS_DIR = Path(__file__).resolve().parent


@st.cache_resource(show_spinner=False)
def local_assets() -> None:
    ensure_local_assets()


# Shown before the reader has chosen a language: both.
@st.cache_resource(show_spinner="Loading data… · جارٍ تحميل البيانات…", max_entries=2)
def dataset(fingerprint: tuple) -> Dataset:
    """Loaded and validated once per version of the files (geo.dataset.build_dataset), read from
    the disk store when an earlier server built this version."""
    return stored_dataset(fingerprint[0])


class Published(NamedTuple):
    """The layers the browser fetches, and the texts of their files (re-written if missing)."""

    base: dict[str, Layer]
    features: Layer
    files: dict[str, str]


def publish(data: Dataset, language: str) -> Published:
    """Every layer in `language` as a file: the base layers' and the features' GeoJSON."""
    locale = Locale(language)
    frames = {**publishable_base(data.base, locale), "features": publishable_features(data.features, locale)}
    texts = {f"{name}-{language}": frame.to_json() for name, frame in frames.items()}
    layers = {name: make_layer(frame, publish_text(f"{name}-{language}", texts[f"{name}-{language}"])) for name, frame in frames.items()}
    features = layers.pop("features")
    return Published(layers, features, texts)


def published_key(data_dir: Path, language: str) -> str:
    """What the published layers depend on: the dataset's key, the language, and the code that
    writes them (components/, where the texts, the escaping and the layers' columns are)."""
    digest = hashlib.sha256(f"{dataset_key(data_dir)}|{language}".encode())
    for module in sorted(COMPONENTS_DIR.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:32]


@st.cache_resource(show_spinner=False, max_entries=4)
def published_layers(fingerprint: tuple, language: str) -> tuple[dict[str, Layer], Layer]:
    """The base layers and every feature, published as static files once per data version. The
    layers (their GeoJSON written once, ~0.4 s) are kept in geo.dataset_store's store like the
    dataset: a new server reads them back; their files are written again if they went missing."""
    data_dir = resolve_data_dir(fingerprint[0])
    published = stored(f"published-{folder_key(data_dir)}-{language}-", published_key(data_dir, language),
                       lambda: publish(dataset(fingerprint), language), Published)
    for name, text in published.files.items():
        publish_text(name, text)  # the same text, the same name: only a missing file is written
    return published.base, published.features


@st.cache_resource(show_spinner=False)
def keep_loaded_objects_out_of_collections() -> None:
    """Once per server process, after the first run has loaded the modules, the dataset and the
    layers: move every object alive out of the cycle collector's reach (`gc.freeze`). They live as
    long as the server, and each full collection walked all of them: ~0.2 s on 2 cores, in which no
    session's script runs, so a date step that met one took twice as long (docs/benchmarks.md).
    Frozen objects are still freed when nothing refers to them; only cycles among them, garbage
    now or later, stay (once, bounded). No `gc.collect()` first: it would cost the first page the
    same 0.2 s. What is made after is collected as before."""
    gc.freeze()
