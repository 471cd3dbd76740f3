"""The sidebar's view settings: which layers, which base map, which language for names.

Initialised from the link on the first run of a session, then owned by the widgets.
"""

from __future__ import annotations

import streamlit as st

from components.locale import Locale
from components.symbology import KIND_ORDER
from geo.view_state import BASE_MAPS, DIGIT_STYLES, LANGUAGES, ViewState

LAYERS_KEY, BASE_MAP_KEY, LANGUAGE_KEY, DIGITS_KEY = "layers", "base_map", "language", "digits"
# Each language in its own name, whatever the page's language.
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}


def render_view_controls(view: ViewState) -> ViewState:
    """Draw the settings and return the view they describe (the date is set elsewhere).

    The language comes first: every other label on the page, these included, is in it."""
    st.session_state.setdefault(LAYERS_KEY, [kind for kind in KIND_ORDER if kind in view.layers])
    st.session_state.setdefault(BASE_MAP_KEY, view.base_map)
    st.session_state.setdefault(LANGUAGE_KEY, view.language)
    st.session_state.setdefault(DIGITS_KEY, view.digits)
    language = st.radio(Locale(st.session_state[LANGUAGE_KEY]).t("controls.language"), options=list(LANGUAGES),
                        format_func=LANGUAGE_NAMES.get, key=LANGUAGE_KEY, horizontal=True)
    locale = Locale(language)
    digits = st.radio(locale.t("controls.digits"), options=list(DIGIT_STYLES), format_func=lambda style: locale.t(f"digits.{style}"),
                      key=DIGITS_KEY, horizontal=True)
    layers = st.multiselect(locale.t("controls.layers"), options=list(KIND_ORDER), format_func=lambda kind: locale.t(f"kind.{kind}"), key=LAYERS_KEY)
    base_map = st.radio(locale.t("controls.base_map"), options=list(BASE_MAPS), format_func=lambda name: locale.t(f"base_map.{name}"), key=BASE_MAP_KEY)
    return ViewState(date=view.date, layers=tuple(kind for kind in KIND_ORDER if kind in layers), language=language, base_map=base_map, digits=digits)
