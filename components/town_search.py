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


def render_town_picker(towns: gpd.GeoDataFrame, locale: Locale) -> str | None:
    """The search box and the list of matches, drawn with the page (a town found moves the map);
    returns the id of the place picked, if any."""
    query = st.text_input(locale.t("town.label"), key=QUERY_KEY, placeholder=locale.t("town.placeholder"))
    if not query.strip():
        return None
    found = find_places(query, towns)
    if found.empty:
        st.caption(locale.t("town.no_match", query=plain_markdown(query[:60])))
        return None
    first, second = ("name_ar", "name_en") if locale.is_rtl else ("name_en", "name_ar")
    labels = dict(zip(found["place_id"], found[first] + " · " + found[second]))
    return st.selectbox(locale.t("town.matches"), options=list(labels), format_func=labels.get, key=PICK_KEY)


def town_location(towns: gpd.GeoDataFrame, place_id: str | None) -> tuple[float, float] | None:
    """The (latitude, longitude) to zoom to for a place picked, if any."""
    if place_id is None:
        return None
    town = towns[towns["place_id"] == place_id].iloc[0]
    return float(town.geometry.y), float(town.geometry.x)


def render_town_answer(place_id: str | None, towns: gpd.GeoDataFrame, control_points: pd.DataFrame, sources: pd.DataFrame,
                       chosen: dt.date, locale: Locale) -> None:
    """Who held the place picked on the chosen date, with the source (in the date's fragment)."""
    if place_id is None:
        return
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
