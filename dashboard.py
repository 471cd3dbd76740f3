"""Syria de-escalation zones explorer: the page layout. Logic lives in geo/, drawing in components/."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import geopandas as gpd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import geo
from components.analysis import area_chart, render_what_changed
from components.cache import dataset, keep_loaded_objects_out_of_collections, local_assets, published_layers
from components.compare import compared_date, render_compare_controls, render_compared_maps
from components.downloads import render_downloads
from components.layers import Layer
from components.legend import legend_entries, render_legend
from components.locale import Locale
from components.link import keep_link
from components.map_view import MapInputs, current_extent, first_view, hand_to_map, map_inputs, render_extent_control, render_map
from components.overlay import render_overlay_uploader
from components.page_style import page_css
from components.panel import render_data_problems, render_feature_table, render_round_panel, render_touched_features
from components.play import advance_if_due, play_interval, remember_interval, render_play_controls
from components.slider import DATE_KEY, render_date, render_round_steps, start_date
from components.town_search import render_town_answer, render_town_picker, town_location
from components.view_controls import render_language_control, render_view_controls
from components.widgets import DATE_FRAGMENT, follow_date, switch
from geo.analysis import what_changed
from geo.dataset import Dataset
from geo.query import feature_by_id
from geo.view import view_at
from geo.view_state import ViewState, parse_view_state, round_start_lookup, view_query

# Both languages: the tab's title is set before the reader's language is known.
# The sidebar starts folded: the map takes the page's width (the language switch is in the header).
st.set_page_config(page_title="Syria de-escalation zones · مناطق خفض التصعيد في سوريا", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed")


class Page(NamedTuple):
    """The places the date's fragment fills, made by the page in order. The controls that do not
    change with the date are drawn by the page between them (their callbacks rerun the fragment
    alone, components.widgets.follow_date); each place holds only what follows the date."""

    time: DeltaGenerator  # the time control, under the title
    compare: DeltaGenerator  # Compare's two maps, in the map's place
    legend: DeltaGenerator  # under the map
    panel: DeltaGenerator  # beside the map: the round
    town: DeltaGenerator  # under the town search: who held the town on the date
    changes: DeltaGenerator  # below: what changed, when switched on
    areas: DeltaGenerator  # the area over time, when switched on
    downloads: DeltaGenerator  # inside the downloads list, while it is open
    table: DeltaGenerator  # the features as a table, when switched on


SHOW_CHANGES, SHOW_AREAS, SHOW_TABLE, DOWNLOADS_KEY = "show_changes", "show_areas", "show_table", "show_downloads"


def keep_link_in_step(view_state: ViewState) -> None:
    keep_link(view_query(replace(view_state, date=st.session_state[DATE_KEY], extent=current_extent(view_state.extent))))


def explorer(data: Dataset, base_layers: dict[str, Layer], published_features: Layer, view_state: ViewState, overlay: gpd.GeoDataFrame | None,
             found_place: str | None, page: Page) -> None:
    """Everything that depends on the date, rerun alone when the date changes (a fragment, on a
    timer while playing): a step does not rebuild the rest of the page, nor the map, which draws
    the day in the browser (components.live_date). Each place of `page` is written on every run,
    empty or not: a fragment keeps its place in a container made outside it only if it wrote there
    when the whole page was drawn."""
    locale = Locale(view_state.language, view_state.digits)
    advance_if_due(data.rounds)
    with page.time:
        chosen = render_date(data.rounds, locale, initial=view_state.date)
    view = view_at(data, chosen, view_state.layers)
    keep_link_in_step(view_state)
    with page.panel:
        st.markdown(locale.t("explorer.features_on_map", date=locale.date(chosen), count=len(view.features)))
        render_round_panel(view.round, data.sources, view.discrepancies, locale)
        highlighted_id = render_touched_features(view.round, data.features, locale)
    with page.town.empty().container():
        render_town_answer(found_place, data.base["towns"], data.control_points, data.sources, chosen, locale)
    with page.legend:
        render_legend(legend_entries(view.features["kind"], locale, with_base=True), locale)
    compared = compared_date()
    with page.compare.empty().container():
        if compared is not None:
            # Two maps need the page's whole width: they take the map's place, above the panel.
            render_compared_maps(base_layers, published_features, (view_at(data, compared, view_state.layers), view), locale,
                                 tiles=view_state.base_map, highlighted=feature_by_id(data.features, highlighted_id), overlay=overlay,
                                 focus=town_location(data.base["towns"], found_place), bounds=first_view(view, current_extent(view_state.extent)))
    with page.changes.empty().container():
        if view.round is not None and st.session_state.get(SHOW_CHANGES):
            render_what_changed(what_changed(data.features, data.control_points, data.rounds, view.round["id"]), locale, chosen)
    with page.areas.empty().container():
        if st.session_state.get(SHOW_AREAS):
            st.altair_chart(area_chart(data.areas, data.rounds, chosen, locale, data.features), width="stretch")
    with page.downloads.empty().container():
        # Six elements a step would send for nothing while the list is closed.
        if st.session_state.get(DOWNLOADS_KEY):
            render_downloads(data, view, locale)
    with page.table.empty().container():
        if st.session_state.get(SHOW_TABLE):
            render_feature_table(view.features, locale)
    hand_to_map(MapInputs(highlighted=highlighted_id))


def map_area(data: Dataset, base_layers: dict[str, Layer], published_features: Layer, view_state: ViewState, overlay: gpd.GeoDataFrame | None,
             focus: tuple[float, float] | None, comparing: bool) -> None:
    """The map, a fragment of its own, run with the page or when what it shows besides the day
    changes (components.map_view.hand_to_map); its frame control reruns it alone. Drawn before
    the date's fragment, it takes the feature that fragment picked in the run before."""
    locale = Locale(view_state.language, view_state.digits)
    inputs = map_inputs()
    view = view_at(data, st.session_state[DATE_KEY], view_state.layers)
    bounds = first_view(view, current_extent(view_state.extent))
    if not comparing:
        render_map(base_layers, published_features, view.features, locale, highlighted=feature_by_id(data.features, inputs.highlighted),
                   tiles=view_state.base_map, overlay=overlay, focus=focus, bounds=bounds, follow_layers=view_state.layers)
    render_extent_control(locale)
    keep_link_in_step(view_state)


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
keep_loaded_objects_out_of_collections()
interval = play_interval()
remember_interval(interval)
# The map first, under the title and the time control, with the panel beside it; the rest below.
start_date(view_state.date)
time_row = st.container()
with time_row:
    date_place = st.container()
    render_round_steps(data.rounds, locale)
compare_row = st.container()
map_column, panel_column = st.columns([5, 2])
with map_column:
    map_place, legend_place = st.container(), st.container()
with panel_column:
    panel_place = st.container()
    found_place = render_town_picker(data.base["towns"], locale)
    town_place = st.container()
with st.container():
    render_play_controls(data.rounds, locale)
    render_compare_controls(st.session_state[DATE_KEY], locale)
    switch(locale.t("explorer.show_changes"), SHOW_CHANGES)
    changes_place = st.container()
    switch(locale.t("explorer.show_areas"), SHOW_AREAS)
    areas_place = st.container()
    with st.expander(locale.t("explorer.downloads"), key=DOWNLOADS_KEY, on_change=follow_date):
        downloads_place = st.container()
    switch(locale.t("explorer.show_table"), SHOW_TABLE)
    table_place = st.container()
page = Page(time=date_place, compare=compare_row, legend=legend_place, panel=panel_place, town=town_place, changes=changes_place,
            areas=areas_place, downloads=downloads_place, table=table_place)
# The map first: its frame starts loading Leaflet and the layers while the rest is computed.
with map_place:
    st.fragment(map_area)(data, base_layers, published_features, view_state, overlay, town_location(data.base["towns"], found_place),
                          compared_date() is not None)
st.fragment(explorer, run_every=interval, key=DATE_FRAGMENT)(data, base_layers, published_features, view_state, overlay, found_place, page)
