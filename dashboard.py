"""Syria de-escalation zones explorer: the page layout. Logic lives in geo/, drawing in components/."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import streamlit as st

import geo
from components.analysis import area_chart, render_what_changed
from components.cache import dataset, local_assets, published_layers
from components.compare import render_compare_controls, render_compared_maps
from components.downloads import render_downloads
from components.layers import Layer
from components.legend import legend_entries, render_legend
from components.locale import Locale
from components.map_view import current_extent, first_view, render_extent_control, render_map
from components.overlay import render_overlay_uploader
from components.page_style import page_css
from components.panel import render_data_problems, render_feature_table, render_round_panel, render_touched_features
from components.play import advance_if_due, play_interval, remember_interval, render_play_controls
from components.slider import render_time_controls
from components.town_search import render_town_search
from components.view_controls import render_language_control, render_view_controls
from geo.analysis import what_changed
from geo.dataset import Dataset
from geo.query import feature_by_id
from geo.view import view_at
from geo.view_state import ViewState, parse_view_state, round_start_lookup, view_query

# Both languages: the tab's title is set before the reader's language is known.
# The sidebar starts folded: the map takes the page's width (the language switch is in the header).
st.set_page_config(page_title="Syria de-escalation zones · مناطق خفض التصعيد في سوريا", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed")


def explorer(data: Dataset, base_layers: dict[str, Layer], published_features: Layer, view_state: ViewState, overlay: gpd.GeoDataFrame | None) -> None:
    """Everything that depends on the date, rerun alone when the date changes (a fragment, on a
    timer while playing): a slider step does not rebuild the rest of the page. The map comes first,
    under the time control, with the round panel beside it; the rest follows below."""
    locale = Locale(view_state.language, view_state.digits)
    advance_if_due(data.rounds)
    chosen = render_time_controls(data.rounds, locale, initial=view_state.date)
    view = view_at(data, chosen, view_state.layers)
    map_area, below = st.container(), st.container()
    with below:
        render_play_controls(data.rounds, locale)
        compared = render_compare_controls(chosen, locale)
    with map_area:
        # Two maps need the page's whole width: they take the map's place, above the panel.
        compare_slot = st.container()
        map_column, panel_column = st.columns([5, 2])
        extent = current_extent(view_state.extent)
        st.query_params.update(view_query(replace(view_state, date=chosen, extent=extent)))
        with panel_column:
            st.markdown(locale.t("explorer.features_on_map", date=locale.date(chosen), count=len(view.features)))
            render_round_panel(view.round, data.sources, view.discrepancies, locale)
            highlighted = feature_by_id(data.features, render_touched_features(view.round, data.features, locale))
            focus = render_town_search(data.base["towns"], data.control_points, data.sources, chosen, locale)
        bounds = first_view(view, extent)
        with map_column:
            if compared is None:
                render_map(base_layers, published_features, view.features, locale, highlighted=highlighted, tiles=view_state.base_map,
                           overlay=overlay, focus=focus, bounds=bounds, follow_layers=view_state.layers, day=view.date)
            render_extent_control(locale)
            render_legend(legend_entries(view.features["kind"], locale, with_base=True), locale)
    if compared is not None:
        with compare_slot:
            render_compared_maps(base_layers, published_features, (view_at(data, compared, view_state.layers), view), locale,
                                 tiles=view_state.base_map, highlighted=highlighted, overlay=overlay, focus=focus, bounds=bounds)
    with below:
        if view.round is not None and st.toggle(locale.t("explorer.show_changes"), key="show_changes"):
            render_what_changed(what_changed(data.features, data.control_points, data.rounds, view.round["id"]), locale, chosen)
        if st.toggle(locale.t("explorer.show_areas"), key="show_areas"):
            st.altair_chart(area_chart(data.areas, data.rounds, chosen, locale, data.features), width="stretch")
        with st.expander(locale.t("explorer.downloads")):
            render_downloads(data, view, locale)
        if st.toggle(locale.t("explorer.show_table"), key="show_table"):
            render_feature_table(view.features, locale)


local_assets()
try:
    fingerprint = geo.data_fingerprint()
    data = dataset(fingerprint)
except geo.DataError as error:
    # Before the data, no language is chosen yet: say it in both.
    st.error(f"{Locale('en').t('app.data_not_loaded', error=error)}\n\n{Locale('ar').t('app.data_not_loaded', error=error)}")
    st.stop()

linked = parse_view_state(st.query_params.to_dict(), round_start_lookup(list(data.rounds["id"]), list(data.rounds["start"].dt.date)))
# The header: the title, and beside it the language switch (drawn first: the title is in its language).
title_column, language_column = st.columns([4, 1], vertical_alignment="bottom")
with language_column:
    language = render_language_control(linked)
    st.caption(Locale(language).t("controls.more_in_sidebar"))
with st.sidebar:
    view_state = render_view_controls(linked, language)
locale = Locale(view_state.language, view_state.digits)
st.markdown(page_css(locale.is_rtl), unsafe_allow_html=True)
with title_column:
    st.title(locale.t("app.title"))
render_data_problems(data.problems, locale)
for notice in linked.messages:
    st.warning(locale.t(notice.key, **dict(notice.values)))
with st.sidebar, st.expander(locale.t("sidebar.own_layer")):
    overlay, _notes = render_overlay_uploader(locale)
base_layers, published_features = published_layers(fingerprint, view_state.language)
interval = play_interval()
remember_interval(interval)
st.fragment(explorer, run_every=interval)(data, base_layers, published_features, view_state, overlay)
