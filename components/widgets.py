"""Small widgets several parts of the page share."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st


def pick_one(label: str, labels: Mapping[str, str], key: str, placeholder: str, **options: object) -> str | None:
    """A list to pick one item from, shown by its label, nothing picked at first; returns the id
    picked, or None (also when the picked item is no longer offered)."""
    st.selectbox(label, options=list(labels), index=None, format_func=labels.get, key=key, placeholder=placeholder, **options)
    chosen = st.session_state.get(key)
    return chosen if chosen in labels else None
