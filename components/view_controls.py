"""The view settings: the language (in the page's header), the layers, the base map and the digits (in the sidebar).

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


def render_language_control(view: ViewState) -> str:
    """The language switch, drawn first: every other label on the page is in the language it
    returns. It sits in the page itself (the sidebar starts folded), so a reader of either
    language finds it at once."""
    st.session_state.setdefault(LANGUAGE_KEY, view.language)
    return st.radio(Locale(st.session_state[LANGUAGE_KEY]).t("controls.language"), options=list(LANGUAGES),
                    format_func=LANGUAGE_NAMES.get, key=LANGUAGE_KEY, horizontal=True)


def render_view_controls(view: ViewState, language: str) -> ViewState:
    """Draw the settings and return the view they describe, in `language` (the date is set elsewhere)."""
    st.session_state.setdefault(LAYERS_KEY, [kind for kind in KIND_ORDER if kind in view.layers])
    st.session_state.setdefault(BASE_MAP_KEY, view.base_map)
    st.session_state.setdefault(DIGITS_KEY, view.digits)
    locale = Locale(language)
    digits = st.radio(locale.t("controls.digits"), options=list(DIGIT_STYLES), format_func=lambda style: locale.t(f"digits.{style}"),
                      key=DIGITS_KEY, horizontal=True)
    layers = st.multiselect(locale.t("controls.layers"), options=list(KIND_ORDER), format_func=lambda kind: locale.t(f"kind.{kind}"), key=LAYERS_KEY)
    base_map = st.radio(locale.t("controls.base_map"), options=list(BASE_MAPS), format_func=lambda name: locale.t(f"base_map.{name}"), key=BASE_MAP_KEY)
    return ViewState(date=view.date, layers=tuple(kind for kind in KIND_ORDER if kind in layers), language=language, base_map=base_map, digits=digits)
