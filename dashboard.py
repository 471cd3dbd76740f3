"""Syria de-escalation zones explorer: the page layout. Logic lives in geo/, drawing in components/."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import streamlit as st

import geo
from components.analysis import area_chart
from components.cache import Dataset, dataset, local_assets, published_layers
from components.downloads import render_downloads
from components.map import Layer, legend_entries, render_map
from components.overlay import render_overlay_uploader
from components.panel import render_data_problems, render_feature_table, render_legend, render_round_panel, render_touched_features
from components.slider import render_time_controls, timeline_chart
from components.town_search import render_town_search
from components.view_controls import render_view_controls
from geo.claims import discrepancies_for
from geo.query import features_valid_on, latest_round
from geo.query import shown_layers
from geo.view_state import ViewState, parse_view_state, round_start_lookup, view_query

st.set_page_config(page_title="Syria de-escalation zones, 2017-2024", page_icon="🗺️", layout="wide")


@st.fragment
def explorer(data: Dataset, base_layers: dict[str, Layer], published_features: Layer, view: ViewState, overlay: gpd.GeoDataFrame | None) -> None:
    """Everything that depends on the date, rerun alone when the date changes (a fragment):
    a slider step does not rebuild the rest of the page."""
    chosen = render_time_controls(data.rounds, initial=view.date)
    st.query_params.update(view_query(replace(view, date=chosen)))
    state = shown_layers(features_valid_on(data.features, chosen), view.layers)
    current_round = latest_round(data.rounds, chosen)
    map_column, panel_column = st.columns([3, 2])
    with panel_column:
        st.markdown(f"**{chosen.isoformat()}** · {len(state)} features on the map")
        discrepancies = discrepancies_for(data.checked_claims, current_round["id"]) if current_round is not None else None
        render_round_panel(current_round, data.sources, discrepancies)
        highlighted_id = render_touched_features(current_round, data.features)
        focus = render_town_search(data.base["towns"], data.control_points, data.sources, chosen)
        if st.toggle("Show the area over time", key="show_areas"):
            st.altair_chart(area_chart(data.areas, data.rounds, chosen, view.language), width="stretch")
        with st.expander("Briefing outputs and data downloads"):
            render_downloads(data, state, chosen, view.language)
    with map_column:
        highlighted = data.features[data.features["id"] == highlighted_id] if highlighted_id else None
        render_map(base_layers, published_features, state, view.language, highlighted=highlighted, tiles=view.base_map, overlay=overlay, focus=focus)
        render_legend(legend_entries(state["kind"], view.language, with_base=True))
        if st.toggle("Show the features on the map as a table", key="show_table"):
            render_feature_table(state)


local_assets()
try:
    fingerprint = geo.data_fingerprint()
    data = dataset(fingerprint)
except geo.DataError as error:
    st.error(f"The data could not be loaded: {error}")
    st.stop()

st.title("Syria's de-escalation zones, 2017–2024")
render_data_problems(data.problems)
linked = parse_view_state(st.query_params.to_dict(), round_start_lookup(list(data.rounds["id"]), list(data.rounds["start"].dt.date)))
for message in linked.messages:
    st.warning(message)
with st.sidebar:
    view = render_view_controls(linked)
    with st.expander("Your own layer (stays in this session)"):
        overlay, _notes = render_overlay_uploader()
base_layers, published_features = published_layers(fingerprint, view.language)
# The rounds marked along the period, just above the slider (outside the fragment: it never changes).
st.altair_chart(timeline_chart(data.rounds), width="stretch")
st.caption("Marks: Astana rounds (blue, tall), agreements (green) and events (grey). Hover a mark for its name.")
explorer(data, base_layers, published_features, view, overlay)
