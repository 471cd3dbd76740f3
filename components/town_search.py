"""Find a town: type a name in English or Arabic, see who held it on the chosen date, with the source."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import streamlit as st

from components.panel import plain_markdown, render_sources
from geo.towns import controller_on, find_towns

QUERY_KEY, PICK_KEY = "town_query", "town_pick"
CONTROLLER_LABELS = {
    "opposition": "the armed opposition",
    "government": "the government",
    "sdf": "the SDF",
    "turkish_backed": "Turkish-backed factions",
}


def render_town_search(towns: gpd.GeoDataFrame, control_points: pd.DataFrame, sources: pd.DataFrame, chosen: dt.date) -> tuple[float, float] | None:
    """The search box and its answer; returns the (latitude, longitude) to zoom to, if a town was found."""
    query = st.text_input("Find a town (English or Arabic, any spelling)", key=QUERY_KEY, placeholder="Maarat al-Numan, معرة النعمان…")
    if not query.strip():
        return None
    found = find_towns(query, towns)
    if found.empty:
        st.caption(f"No town matches {plain_markdown(query[:60])}.")
        return None
    labels = dict(zip(found["town_id"], found["name_en"] + " · " + found["name_ar"]))
    town_id = st.selectbox("Matches", options=list(labels), format_func=labels.get, key=PICK_KEY)
    town = towns[towns["town_id"] == town_id].iloc[0]
    held = controller_on(control_points, int(town_id), chosen)
    if held is None:
        st.info(f"{plain_markdown(town['name_en'])} is not among the towns tracked in the control facts.")
    else:
        st.success(
            f"On {chosen.isoformat()}, {plain_markdown(town['name_en'])} was held by "
            f"{CONTROLLER_LABELS.get(held.controller, held.controller)} (confidence: {held.confidence})."
        )
        render_sources(held.sources, sources)
    return float(town.geometry.y), float(town.geometry.x)
