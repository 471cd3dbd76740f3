"""Syria de-escalation zones explorer: the page layout. Logic lives in geo/, drawing in components/."""

from __future__ import annotations

import datetime as dt

import streamlit as st

import geo
from components.cache import Dataset, dataset, local_assets, published_layers
from components.map import Layer, legend_entries, render_map
from components.panel import render_feature_table, render_legend, render_round_panel, render_touched_features
from components.slider import render_time_controls, timeline_chart
from geo.claims import discrepancies_for
from geo.query import features_valid_on, latest_round
from geo.view_state import ViewState, parse_view_state, view_query

st.set_page_config(page_title="Syria de-escalation zones, 2017-2024", page_icon="🗺️", layout="wide")


@st.fragment
def explorer(data: Dataset, base_layers: dict[str, Layer], published_features: Layer, initial: dt.date) -> None:
    """Everything that depends on the date, rerun alone when the date changes (a fragment):
    a slider step does not rebuild the rest of the page."""
    chosen = render_time_controls(data.rounds, initial=initial)
    st.query_params.update(view_query(ViewState(date=chosen)))
    state = features_valid_on(data.features, chosen)
    current_round = latest_round(data.rounds, chosen)
    map_column, panel_column = st.columns([3, 2])
    with panel_column:
        st.markdown(f"**{chosen.isoformat()}** · {len(state)} features on the map")
        discrepancies = discrepancies_for(data.checked_claims, current_round["id"]) if current_round is not None else None
        render_round_panel(current_round, data.sources, discrepancies)
        highlighted_id = render_touched_features(current_round, data.features)
    with map_column:
        highlighted = data.features[data.features["id"] == highlighted_id] if highlighted_id else None
        render_map(base_layers, published_features, state, highlighted=highlighted)
        render_legend(legend_entries(state["kind"], with_base=True))
        render_feature_table(state)


local_assets()
try:
    fingerprint = geo.data_fingerprint()
    data = dataset(fingerprint)
    base_layers, published_features = published_layers(fingerprint, "en")
except geo.DataError as error:
    st.error(f"The data could not be loaded: {error}")
    st.stop()

st.title("Syria's de-escalation zones, 2017–2024")
view = parse_view_state(st.query_params.to_dict())
for message in view.messages:
    st.warning(message)
with st.sidebar:
    st.caption("Astana rounds (blue), agreements (green) and events (grey)")
    st.altair_chart(timeline_chart(data.rounds), width="stretch")
explorer(data, base_layers, published_features, view.date)
