"""Syria de-escalation zones explorer: the page layout. Logic lives in geo/, drawing in components/."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import streamlit as st

import geo
from components.analysis import area_chart, render_what_changed
from components.cache import Dataset, dataset, local_assets, published_layers
from components.compare import render_compare_controls, render_compared_maps
from components.downloads import render_downloads
from components.i18n import Locale, rtl_css
from components.map import Layer, legend_entries, render_map
from components.overlay import render_overlay_uploader
from components.panel import render_data_problems, render_feature_table, render_legend, render_round_panel, render_touched_features
from components.play import advance_if_due, play_interval, remember_interval, render_play_controls
from components.slider import render_time_controls, timeline_chart
from components.town_search import render_town_search
from components.view_controls import render_view_controls
from geo.analysis import mapped_north_west_km2, what_changed
from geo.claims import discrepancies_for
from geo.query import features_valid_on, latest_round, shown_layers
from geo.view_state import ViewState, parse_view_state, round_start_lookup, view_query

# Both languages: the tab's title is set before the reader's language is known.
st.set_page_config(page_title="Syria de-escalation zones · مناطق خفض التصعيد في سوريا", page_icon="🗺️", layout="wide")


def explorer(data: Dataset, base_layers: dict[str, Layer], published_features: Layer, view: ViewState, overlay: gpd.GeoDataFrame | None) -> None:
    """Everything that depends on the date, rerun alone when the date changes (a fragment, on a
    timer while playing): a slider step does not rebuild the rest of the page."""
    locale = Locale(view.language, view.digits)
    advance_if_due(data.rounds)
    chosen = render_time_controls(data.rounds, initial=view.date, locale=locale)
    render_play_controls(data.rounds, locale)
    st.query_params.update(view_query(replace(view, date=chosen)))
    state = shown_layers(features_valid_on(data.features, chosen), view.layers)
    current_round = latest_round(data.rounds, chosen)
    compared = render_compare_controls(chosen, locale)
    # Two maps need the page's whole width; they are drawn once the panel has found a town.
    compare_slot = st.container()
    map_column, panel_column = st.columns([3, 2])
    with panel_column:
        st.markdown(locale.t("explorer.features_on_map", date=locale.date(chosen), count=len(state)))
        discrepancies = discrepancies_for(data.checked_claims, current_round["id"]) if current_round is not None else None
        render_round_panel(current_round, data.sources, discrepancies, locale)
        highlighted_id = render_touched_features(current_round, data.features, locale)
        focus = render_town_search(data.base["towns"], data.control_points, data.sources, chosen, locale)
        if current_round is not None and st.toggle(locale.t("explorer.show_changes"), key="show_changes"):
            render_what_changed(what_changed(data.features, data.control_points, data.rounds, current_round["id"]), locale, chosen)
        if st.toggle(locale.t("explorer.show_areas"), key="show_areas"):
            zone_names = dict(zip(data.features["id"], data.features[f"name_{locale.language}"]))
            st.altair_chart(area_chart(data.areas, data.rounds, chosen, locale, zone_names), width="stretch")
        with st.expander(locale.t("explorer.downloads")):
            render_downloads(data, state, chosen, locale)
    highlighted = data.features[data.features["id"] == highlighted_id] if highlighted_id else None
    if compared is not None:
        with compare_slot:
            other = shown_layers(features_valid_on(data.features, compared), view.layers)
            areas = (mapped_north_west_km2(data.features, compared), mapped_north_west_km2(data.features, chosen))
            render_compared_maps(base_layers, published_features, (other, state), (compared, chosen), areas, locale,
                                 tiles=view.base_map, highlighted=highlighted, overlay=overlay, focus=focus)
    with map_column:
        if compared is None:
            render_map(base_layers, published_features, state, view.language, highlighted=highlighted, tiles=view.base_map, overlay=overlay, focus=focus)
        render_legend(legend_entries(state["kind"], view.language, with_base=True), locale)
        if st.toggle(locale.t("explorer.show_table"), key="show_table"):
            render_feature_table(state, locale)


local_assets()
try:
    fingerprint = geo.data_fingerprint()
    data = dataset(fingerprint)
except geo.DataError as error:
    # Before the data, no language is chosen yet: say it in both.
    st.error(f"{Locale('en').t('app.data_not_loaded', error=error)}\n\n{Locale('ar').t('app.data_not_loaded', error=error)}")
    st.stop()

linked = parse_view_state(st.query_params.to_dict(), round_start_lookup(list(data.rounds["id"]), list(data.rounds["start"].dt.date)))
with st.sidebar:
    view = render_view_controls(linked)
locale = Locale(view.language, view.digits)
if locale.is_rtl:
    st.markdown(rtl_css(), unsafe_allow_html=True)
st.title(locale.t("app.title"))
render_data_problems(data.problems, locale)
for notice in linked.messages:
    st.warning(locale.t(notice.key, **dict(notice.values)))
with st.sidebar, st.expander(locale.t("sidebar.own_layer")):
    overlay, _notes = render_overlay_uploader(locale)
base_layers, published_features = published_layers(fingerprint, view.language)
# The rounds marked along the period, just above the slider (outside the fragment: it never changes).
st.altair_chart(timeline_chart(data.rounds, locale), width="stretch")
st.caption(locale.t("sidebar.timeline_caption"))
interval = play_interval()
remember_interval(interval)
st.fragment(explorer, run_every=interval)(data, base_layers, published_features, view, overlay)
