"""The page's link (its query string) kept in step with the view, sending only what changed.

Streamlit answers every query-string message by pushing a browser history entry and drawing the
whole page again (about 25 ms of a date step on the benchmark's machine), even when nothing in the
link changed. So the page sends the link only when the view differs from what the link shows. The
date control writes its own day into the link in the browser (standalone/date_control.js), and
`note_link_shows` records that here: a step on the control sends no link at all.
"""

from __future__ import annotations

import streamlit as st

LINK_KEY = "link_shown"


def keep_link(query: dict[str, str]) -> None:
    """Make the page's link `query`, if it does not say that already."""
    if st.session_state.get(LINK_KEY) != query:
        st.query_params.update(query)
        st.session_state[LINK_KEY] = dict(query)


def note_link_shows(**values: str) -> None:
    """The browser has put these values in the link itself."""
    shown = st.session_state.get(LINK_KEY)
    if shown is not None:
        st.session_state[LINK_KEY] = {**shown, **values}
