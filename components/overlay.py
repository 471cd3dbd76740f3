"""The user's own overlay: the upload widget (components.overlay_layer draws it over the map).

Only rendering here: the file is checked and read by geo.overlay.read_overlay. The parsed overlay
lives in `st.session_state`, so it belongs to this browser session alone and is never written to
disk beyond the temporary folder of one upload, nor shared with another viewer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import streamlit as st

from components.locale import Locale
from components.text_safety import plain_markdown
from geo.overlay import MAX_OVERLAY_BYTES, MEGABYTE, OverlayError, check_overlay_size, read_overlay

UPLOAD_TYPES = ["geojson", "json", "kml", "zip"]
UPLOAD_KEY = "overlay_file"
STATE_KEY = "overlay"


def _parsed_upload(uploaded) -> dict[str, object]:
    """The overlay and notes of one upload, or the one-line reason it was refused."""
    try:
        check_overlay_size(uploaded.name, uploaded.size)  # before the bytes are copied once more
        with tempfile.TemporaryDirectory(prefix="overlay-") as folder:
            overlay, notes = read_overlay(uploaded.name, uploaded.getvalue(), Path(folder))
    except OverlayError as error:
        return {"overlay": None, "notes": [], "error": (error.name, error.problem)}
    return {"overlay": overlay, "notes": notes, "error": None}


def render_overlay_uploader(locale: Locale) -> tuple[gpd.GeoDataFrame | None, list[str]]:
    """The upload widget; returns this session's overlay (or None) and the notes on reading it.

    A file is read once per upload and kept in `st.session_state`; removing it removes the overlay.
    """
    # The widget's limit stops an honest browser before it sends; the server only enforces its global
    # `server.maxUploadSize`, so read_overlay checks the size again.
    uploaded = st.file_uploader(
        locale.t("overlay.label"), type=UPLOAD_TYPES, help=locale.t("overlay.help", megabytes=MAX_OVERLAY_BYTES // MEGABYTE), key=UPLOAD_KEY, max_upload_size=MAX_OVERLAY_BYTES // MEGABYTE
    )
    if uploaded is None:
        st.session_state.pop(STATE_KEY, None)
        return None, []
    upload_id = getattr(uploaded, "file_id", None) or (uploaded.name, uploaded.size)
    stored = st.session_state.get(STATE_KEY)
    if stored is None or stored["upload_id"] != upload_id:
        stored = {"upload_id": upload_id, **_parsed_upload(uploaded)}
        st.session_state[STATE_KEY] = stored
    if stored["error"]:
        # The reason is geo's technical English (formats, CRS codes); the sentence around it is the reader's.
        name, problem = stored["error"]
        st.error(plain_markdown(locale.t("overlay.refused", name=name, problem=problem)))
        return None, []
    for note in stored["notes"]:
        st.caption(plain_markdown(locale.t("overlay.note", note=note)))
    return stored["overlay"], list(stored["notes"])
