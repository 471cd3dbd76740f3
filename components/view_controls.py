"""The sidebar's view settings: which layers, which base map, which language for names.

Initialised from the link on the first run of a session, then owned by the widgets.
"""

from __future__ import annotations

import streamlit as st

from components.map import KIND_LABELS, KIND_ORDER
from geo.view_state import BASE_MAPS, LANGUAGES, ViewState

LAYERS_KEY, BASE_MAP_KEY, LANGUAGE_KEY = "layers", "base_map", "language"
BASE_MAP_LABELS = {
    "offline": "Offline vector map (no network)",
    "osm": "OpenStreetMap tiles (online: the browser asks openstreetmap.org for tiles)",
}
LANGUAGE_LABELS = {"en": "English", "ar": "العربية"}


def render_view_controls(view: ViewState) -> ViewState:
    """Draw the settings and return the view they describe (the date is set elsewhere)."""
    st.session_state.setdefault(LAYERS_KEY, [kind for kind in KIND_ORDER if kind in view.layers])
    st.session_state.setdefault(BASE_MAP_KEY, view.base_map)
    st.session_state.setdefault(LANGUAGE_KEY, view.language)
    layers = st.multiselect("Layers", options=list(KIND_ORDER), format_func=lambda kind: KIND_LABELS[kind][0], key=LAYERS_KEY)
    base_map = st.radio("Base map", options=list(BASE_MAPS), format_func=BASE_MAP_LABELS.get, key=BASE_MAP_KEY)
    language = st.radio("Names on the map and in exports", options=list(LANGUAGES), format_func=LANGUAGE_LABELS.get, key=LANGUAGE_KEY, horizontal=True)
    return ViewState(date=view.date, layers=tuple(kind for kind in KIND_ORDER if kind in layers), language=language, base_map=base_map)
