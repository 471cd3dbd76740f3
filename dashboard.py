"""Syria de-escalation zones explorer: the page layout. Logic lives in geo/, drawing in components/."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

import geo
from components.assets import ensure_local_assets
from components.map import legend_entries, render_map
from components.panel import render_feature_table, render_legend, render_round_panel, render_touched_features
from components.slider import render_time_controls, timeline_chart
from geo.claims import check_claims, discrepancies_for
from geo.control import towns_for_map
from geo.query import features_valid_on, join_rounds, latest_round
from geo.view_state import ViewState, parse_view_state, view_query

LABELLED_CITY_POPULATION = 100_000

st.set_page_config(page_title="Syria de-escalation zones, 2017-2024", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner=False)
def local_assets() -> None:
    ensure_local_assets()


@st.cache_resource(show_spinner="Loading data…", max_entries=2)
def dataset(fingerprint: tuple) -> tuple[gpd.GeoDataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, gpd.GeoDataFrame]]:
    """Loaded and validated once per version of the files; shared read-only by every session."""
    data_dir = fingerprint[0]
    rounds = geo.load_rounds(data_dir)
    sources = geo.load_sources(data_dir)
    features = join_rounds(geo.load_features(data_dir), rounds)
    checked_claims = check_claims(geo.load_claims(data_dir), rounds, sources)
    base = {name: geo.load_base_layer(name, data_dir) for name in ("countries", "governorates", "roads")}
    base["towns"] = towns_for_map(geo.load_base_layer("towns", data_dir), geo.load_control_points(data_dir), LABELLED_CITY_POPULATION)
    return features, rounds, sources, checked_claims, base


local_assets()
try:
    features, rounds, sources, checked_claims, base = dataset(geo.data_fingerprint())
except geo.DataError as error:
    st.error(f"The data could not be loaded: {error}")
    st.stop()

st.title("Syria's de-escalation zones, 2017–2024")
view = parse_view_state(st.query_params.to_dict())
for message in view.messages:
    st.warning(message)
with st.sidebar:
    chosen = render_time_controls(rounds, initial=view.date)
    st.altair_chart(timeline_chart(rounds, chosen), width="stretch")

st.query_params.update(view_query(ViewState(date=chosen)))
state = features_valid_on(features, chosen)
current_round = latest_round(rounds, chosen)
map_column, panel_column = st.columns([3, 2])
with panel_column:
    st.markdown(f"**{chosen.isoformat()}** · {len(state)} features on the map")
    discrepancies = discrepancies_for(checked_claims, current_round["id"]) if current_round is not None else None
    render_round_panel(current_round, sources, discrepancies)
    highlighted_id = render_touched_features(current_round, features)
with map_column:
    render_map(base, state, highlighted=features[features["id"] == highlighted_id] if highlighted_id else None)
    render_legend(legend_entries(state["kind"], with_base=True))
    render_feature_table(state)
