"""Rendering of geo.analysis: the area chart and the "what changed" summary, in English or Arabic.

Rendering only: frames in, an Altair chart or Streamlit output out. Every text from the data goes
through plain_markdown, arabic_block or escape_text before it is shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st

from components.panel import arabic_block, plain_markdown
from components.text import escape_text
from geo.analysis import NORTH_WEST, ChangeSummary
from geo.schema import PERIOD_END, PERIOD_START

LABELS = {
    "en": {
        "date": "Date",
        "km2": "Area (km²)",
        "series": "Area",
        NORTH_WEST: "Opposition-held north-west",
        "round": "Round or milestone",
        "chosen": "Chosen date",
        "heading": "What changed since {previous} ({date})",
        "first": "What was in force at {title} ({date})",
        "area": "Opposition-held north-west: {change:+,.0f} km² ({before:,.0f} → {after:,.0f} km²)",
        "zones_created": "Zones created",
        "zones_ended": "Zones ended",
        "towns": "Towns that changed hands",
        "posts_established": "Observation posts set up",
        "posts_withdrawn": "Observation posts withdrawn",
        "nothing": "Nothing changed between the two start dates.",
        "town": "Town",
        "from": "From",
        "to": "To",
        "sources": "Sources",
    },
    "ar": {
        "date": "التاريخ",
        "km2": "المساحة (كم²)",
        "series": "المنطقة",
        NORTH_WEST: "الشمال الغربي الخاضع للمعارضة",
        "round": "الجولة أو الحدث",
        "chosen": "التاريخ المختار",
        "heading": "ما الذي تغيّر منذ {previous} ({date})",
        "first": "ما كان سارياً عند {title} ({date})",
        "area": "الشمال الغربي الخاضع للمعارضة: {change:+,.0f} كم² ({before:,.0f} ← {after:,.0f} كم²)",
        "zones_created": "مناطق أُنشئت",
        "zones_ended": "مناطق انتهت",
        "towns": "بلدات تغيّرت السيطرة عليها",
        "posts_established": "نقاط مراقبة أُنشئت",
        "posts_withdrawn": "نقاط مراقبة سُحبت",
        "nothing": "لم يتغيّر شيء بين تاريخي البدء.",
        "town": "البلدة",
        "from": "من",
        "to": "إلى",
        "sources": "المصادر",
    },
}
CONTROLLER_LABELS = {
    "en": {"opposition": "opposition", "government": "government", "sdf": "SDF", "turkish_backed": "Turkish-backed factions"},
    "ar": {"opposition": "المعارضة", "government": "الحكومة", "sdf": "قسد", "turkish_backed": "الفصائل المدعومة من تركيا"},
}


def _labels(language: str) -> dict[str, str]:
    return LABELS["ar" if language == "ar" else "en"]


def _named_series(series: pd.DataFrame, labels: Mapping[str, str], names: Mapping[str, str] | None) -> pd.DataFrame:
    named = series.copy()
    known = {NORTH_WEST: labels[NORTH_WEST], **(names or {})}
    named["label"] = named["series"].map(lambda value: known.get(value, value))
    return named


def area_chart(
    series: pd.DataFrame,
    rounds: pd.DataFrame,
    chosen_date: dt.date,
    language: str = "en",
    series_names: Mapping[str, str] | None = None,
) -> alt.LayerChart:
    """A step chart of geo.analysis.area_series, a rule at `chosen_date`, a tick at each round's start.

    `series_names` maps a series id (a zone id) to the name shown; `north_west` has its own label.
    """
    labels = _labels(language)
    title_column = "title_ar" if language == "ar" else "title_en"
    x_scale = alt.Scale(domain=[PERIOD_START.isoformat(), PERIOD_END.isoformat()])
    lines = (
        alt.Chart(_named_series(series, labels, series_names))
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("date:T", title=labels["date"], scale=x_scale),
            y=alt.Y("km2:Q", title=labels["km2"]),
            color=alt.Color("label:N", title=labels["series"]),
            tooltip=[alt.Tooltip("label:N", title=labels["series"]), alt.Tooltip("date:T", title=labels["date"]),
                     alt.Tooltip("km2:Q", title=labels["km2"], format=",.0f")],
        )
    )
    in_period = rounds[(rounds["start"] >= pd.Timestamp(PERIOD_START)) & (rounds["start"] <= pd.Timestamp(PERIOD_END))]
    ticks = (
        alt.Chart(pd.DataFrame({"start": in_period["start"], "title": in_period[title_column]}))
        .mark_tick(orient="vertical", color="gray", size=10, thickness=1)
        .encode(x="start:T", y=alt.datum(0), tooltip=[alt.Tooltip("title:N", title=labels["round"]), alt.Tooltip("start:T", title=labels["date"])])
    )
    rule = (
        alt.Chart(pd.DataFrame({"date": [pd.Timestamp(chosen_date)], "label": [labels["chosen"]]}))
        .mark_rule(color="black", strokeDash=[4, 3])
        .encode(x="date:T", tooltip=[alt.Tooltip("date:T", title=labels["chosen"])])
    )
    return alt.layer(lines, ticks, rule)


def _title(row: pd.Series, language: str) -> str:
    return str(row["title_ar" if language == "ar" else "title_en"])


def _names(frame: pd.DataFrame, language: str) -> str:
    return ", ".join(str(name) for name in frame["name_ar" if language == "ar" else "name_en"])


def _write(text: str, language: str, label: str = "") -> None:
    """One line: a label of ours in bold (English) and data text escaped; Arabic reads right to left."""
    if language == "ar":
        st.markdown(arabic_block(f"{label}: {text}" if label else text), unsafe_allow_html=True)
    else:
        st.markdown(f"**{label}:** {plain_markdown(text)}" if label else plain_markdown(text))


def _town_table(towns: pd.DataFrame, language: str) -> pd.DataFrame:
    labels, controllers = _labels(language), CONTROLLER_LABELS["ar" if language == "ar" else "en"]
    table = pd.DataFrame({
        labels["town"]: towns["name_ar" if language == "ar" else "name_en"],
        labels["from"]: towns["from_controller"].map(lambda value: controllers.get(value, value)),
        labels["to"]: towns["to_controller"].map(lambda value: controllers.get(value, value)),
        labels["date"]: towns["date"].dt.date.astype(str),
        labels["sources"]: towns["sources"].map(lambda ids: "; ".join(ids)),
    })
    return escape_text(table, [labels["town"], labels["from"], labels["to"], labels["sources"]])


def render_what_changed(summary: ChangeSummary, language: str = "en") -> None:
    """The summary: area gained or lost, zones created and ended, towns, observation posts."""
    labels = _labels(language)
    if summary.previous is None:
        _write(labels["first"].format(title=_title(summary.round, language), date=summary.round["start"].date()), language)
    else:
        _write(labels["heading"].format(previous=_title(summary.previous, language), date=summary.previous["start"].date()), language)
    if summary.is_empty:
        _write(labels["nothing"], language)
        return
    area = summary.area_change.iloc[0]
    if area["change_km2"]:
        _write(labels["area"].format(change=area["change_km2"], before=area["km2_before"], after=area["km2_after"]), language)
    for key, frame in (("zones_created", summary.zones_created), ("zones_ended", summary.zones_ended),
                       ("posts_established", summary.posts_established), ("posts_withdrawn", summary.posts_withdrawn)):
        if not frame.empty:
            _write(_names(frame, language), language, labels[key])
    if not summary.towns_changed.empty:
        _write(_names(summary.towns_changed.drop_duplicates("town_id"), language), language, labels["towns"])
        st.dataframe(_town_table(summary.towns_changed, language), hide_index=True)
