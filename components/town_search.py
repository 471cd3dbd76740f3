"""Find a town: type a name in English or Arabic, see who held it on the chosen date, with the source."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import streamlit as st

from components.locale import Locale
from components.panel import render_sources
from components.text_safety import plain_markdown
from geo.towns import controller_on, find_places

QUERY_KEY, PICK_KEY = "town_query", "town_pick"


def render_town_search(towns: gpd.GeoDataFrame, control_points: pd.DataFrame, sources: pd.DataFrame, chosen: dt.date,
                       locale: Locale) -> tuple[float, float] | None:
    """The search box and its answer; returns the (latitude, longitude) to zoom to, if a town was found."""
    query = st.text_input(locale.t("town.label"), key=QUERY_KEY, placeholder=locale.t("town.placeholder"))
    if not query.strip():
        return None
    found = find_places(query, towns)
    if found.empty:
        st.caption(locale.t("town.no_match", query=plain_markdown(query[:60])))
        return None
    first, second = ("name_ar", "name_en") if locale.is_rtl else ("name_en", "name_ar")
    labels = dict(zip(found["place_id"], found[first] + " · " + found[second]))
    place_id = st.selectbox(locale.t("town.matches"), options=list(labels), format_func=labels.get, key=PICK_KEY)
    town = towns[towns["place_id"] == place_id].iloc[0]
    name = plain_markdown(town[locale.field("name")])
    held = controller_on(control_points, place_id, chosen)
    if held is None:
        tracked = bool((control_points["place_id"] == place_id).any())
        st.info(locale.t("town.before_facts" if tracked else "town.not_tracked", name=name))
    else:
        st.success(locale.t("town.held_by", date=locale.date(chosen), name=name, controller=locale.coded("controller", held.controller),
                            confidence=locale.coded("confidence", held.confidence)))
        render_sources(held.sources, sources, locale)
    return float(town.geometry.y), float(town.geometry.x)
