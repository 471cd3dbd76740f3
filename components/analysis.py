"""Rendering of geo.analysis: the area chart and the "what changed" summary, in English or Arabic.

Rendering only: frames in, an Altair chart or Streamlit output out. Every text from the data goes
through plain_markdown, rtl_block or escape_text before it is shown.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from components.locale import Locale, vega_label_expr
from components.panel import render_table
from components.text_safety import escape_text, plain_markdown, rtl_block
from geo.analysis import NORTH_WEST_SERIES, ChangeSummary
from geo.query import rounds_in_period
from geo.schema import PERIOD_END, PERIOD_START

def _label(key: str, locale: Locale) -> str:
    return locale.t(f"analysis.{key}")


def _named_series(series: pd.DataFrame, locale: Locale, features: pd.DataFrame | None) -> pd.DataFrame:
    """Each series named as on the map: the north-west by its label, a zone by its feature's name."""
    named = series.copy()
    zone_names = dict(zip(features["id"], features[locale.field("name")])) if features is not None else {}
    known = {NORTH_WEST_SERIES: _label(NORTH_WEST_SERIES, locale), **zone_names}
    named["label"] = named["series"].map(lambda value: known.get(value, value))
    return named


def area_chart(
    series: pd.DataFrame,
    rounds: pd.DataFrame,
    chosen_date: dt.date,
    locale: Locale,
    features: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """A step chart of geo.analysis.area_series, a rule at `chosen_date`, a tick at each round's start.

    A zone's series is named after its feature in `features`; `north_west` has its own label.
    """
    labels = {key: _label(key, locale) for key in ("date", "km2", "series", "round", "chosen")}
    title_column = locale.field("title")
    x_scale = alt.Scale(domain=[PERIOD_START.isoformat(), PERIOD_END.isoformat()])
    lines = (
        alt.Chart(_named_series(series, locale, features))
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("date:T", title=labels["date"], scale=x_scale,
                    axis=alt.Axis(format="%Y", labelExpr=vega_label_expr("timeFormat(datum.value, '%Y')", locale.digits))),
            y=alt.Y("km2:Q", title=labels["km2"], axis=alt.Axis(labelExpr=vega_label_expr("format(datum.value, ',')", locale.digits))),
            # Below the chart: beside it, the legend's long names take most of a narrow column.
            color=alt.Color("label:N", title=labels["series"], legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)),
            tooltip=[alt.Tooltip("label:N", title=labels["series"]), alt.Tooltip("date:T", title=labels["date"]),
                     alt.Tooltip("km2:Q", title=labels["km2"], format=",.0f")],
        )
    )
    on_slider = rounds_in_period(rounds)
    ticks = (
        alt.Chart(pd.DataFrame({"start": on_slider["start"], "title": on_slider[title_column]}))
        .mark_tick(orient="vertical", color="gray", size=10, thickness=1)
        .encode(x="start:T", y=alt.datum(0), tooltip=[alt.Tooltip("title:N", title=labels["round"]), alt.Tooltip("start:T", title=labels["date"])])
    )
    rule = (
        alt.Chart(pd.DataFrame({"date": [pd.Timestamp(chosen_date)], "label": [labels["chosen"]]}))
        .mark_rule(color="black", strokeDash=[4, 3])
        .encode(x="date:T", tooltip=[alt.Tooltip("date:T", title=labels["chosen"])])
    )
    return alt.layer(lines, ticks, rule)


def _names(frame: pd.DataFrame, locale: Locale) -> str:
    return locale.list_separator.join(frame[locale.field("name")].astype(str))


def _write(text: str, locale: Locale, label: str = "") -> None:
    """One line: a label of ours in bold and data text escaped; Arabic reads right to left."""
    if locale.is_rtl:
        st.markdown(rtl_block(f"{label}: {text}" if label else text), unsafe_allow_html=True)
    else:
        st.markdown(f"**{label}:** {plain_markdown(text)}" if label else plain_markdown(text))


def _town_table(towns: pd.DataFrame, locale: Locale) -> pd.DataFrame:
    columns = {key: _label(key, locale) for key in ("town", "from", "to", "date", "sources")}
    table = pd.DataFrame({
        columns["town"]: towns[locale.field("name")],
        columns["from"]: [locale.coded("controller", value) for value in towns["from_controller"]],
        columns["to"]: [locale.coded("controller", value) for value in towns["to_controller"]],
        columns["date"]: [locale.date(day) for day in towns["date"]],
        columns["sources"]: towns["sources"].map(lambda ids: "; ".join(ids)),
    })
    return escape_text(table, [columns["town"], columns["from"], columns["to"], columns["sources"]])


def render_what_changed(summary: ChangeSummary, locale: Locale, chosen: dt.date | None = None) -> None:
    """The summary: area gained or lost, zones created and ended, towns, observation posts; a
    caption when the round (an offensive, say) ran past the `chosen` date, so its changes do too."""
    title = locale.text(summary.round, "title")
    after = locale.date(summary.date_after)
    if summary.previous is None or summary.date_before is None:
        _write(locale.t("analysis.first", title=title, after=after), locale)
    else:
        _write(locale.t("analysis.heading", previous=locale.text(summary.previous, "title"), title=title,
                        before=locale.date(summary.date_before), after=after), locale)
    if chosen is not None and summary.round["end"].date() > chosen:
        st.caption(plain_markdown(locale.t("analysis.beyond_chosen", title=title, end=locale.date(summary.round["end"]))))
    if summary.is_empty:
        _write(locale.t("analysis.nothing"), locale)
        return
    area = summary.area_change.iloc[0]
    if summary.north_west_first_mapped:
        _write(locale.t("analysis.area_first", after=locale.number(area["km2_after"])), locale)
    elif area["change_km2"]:
        _write(locale.t("analysis.area", change=locale.number(area["change_km2"], signed=True),
                        before=locale.number(area["km2_before"]), after=locale.number(area["km2_after"])), locale)
    for key, frame in (("zones_created", summary.zones_created), ("zones_ended", summary.zones_ended),
                       ("posts_established", summary.posts_established), ("posts_withdrawn", summary.posts_withdrawn)):
        if not frame.empty:
            _write(_names(frame, locale), locale, _label(key, locale))
    if not summary.towns_changed.empty:
        _write(_names(summary.towns_changed.drop_duplicates("place_id"), locale), locale, _label("towns", locale))
        render_table(_town_table(summary.towns_changed, locale), locale)
