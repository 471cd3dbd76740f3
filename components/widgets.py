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


# The date's fragment (dashboard.explorer): what follows the date is drawn there; the controls that
# do not change with the date are drawn with the page, and their callbacks rerun only that fragment.
DATE_FRAGMENT = "date_fragment"


def follow_date() -> None:
    """A callback for a control drawn with the page whose effect only the date's fragment shows:
    rerun that fragment alone (Streamlit's keyed rerun), not the page and its map. Each element
    the fragment sends costs the browser time on every step, so the fragment holds only what
    changes with the date."""
    st.rerun(DATE_FRAGMENT)


def switch(label: str, key: str) -> bool:
    """A switch drawn with the page that shows or hides something in the date's fragment."""
    return st.toggle(label, key=key, on_change=follow_date)
