"""The side panel: the round or milestone in force on the chosen date, and the legend.

Every text from the data is escaped before it reaches HTML; Arabic blocks read right to left.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.claim_text import claim_message
from components.locale import Locale
from components.text_safety import bullet_list, plain_markdown, rtl_block, safe_link, text_block
from components.widgets import pick_one


def date_range(row: pd.Series, locale: Locale) -> str:
    start, end = row["start"].date(), row["end"].date()
    return locale.date(start) if start == end else f"{locale.date(start)} – {locale.date(end)}"


def render_table(table: pd.DataFrame, locale: Locale) -> None:
    """A table. In Arabic, an HTML table that the page's right-to-left style lays out from the
    right (st.dataframe's grid has no direction: reversed columns would still scroll from the left,
    hiding the first column); in English, the interactive grid (sort, search, copy)."""
    if locale.is_rtl:
        st.table(table, hide_index=True)
    else:
        st.dataframe(table, hide_index=True, width="stretch")


def render_round_panel(round_row: pd.Series | None, sources: pd.DataFrame, discrepancies: pd.DataFrame | None,
                       locale: Locale) -> None:
    """The round in force, in the reader's language: title, kind, dates, city, summary, outcomes,
    contradicting reports and sources."""
    if round_row is None:
        st.info(locale.t("panel.no_round"))
        return
    number = f" · {locale.t('panel.number', number=int(round_row['number']))}" if pd.notna(round_row["number"]) else ""
    city = round_row.get(locale.field("city"))
    place = f" · {city}" if isinstance(city, str) and city else ""
    if locale.is_rtl:
        st.markdown(rtl_block(round_row["title_ar"], "h3"), unsafe_allow_html=True)
    else:
        st.subheader(plain_markdown(round_row["title_en"]))
    st.caption(plain_markdown(f"{locale.coded('round_kind', round_row['kind'])}{number} · {date_range(round_row, locale)}{place}"))
    st.markdown(text_block(round_row[locale.field("summary")], locale.is_rtl), unsafe_allow_html=True)
    details = []
    if round_row.get("delegations"):
        delegations = [locale.coded("delegation", value) for value in round_row["delegations"]]
        details.append(locale.t("panel.delegations_values", values=locale.list_separator.join(delegations)))
    observers = round_row.get(locale.field("observers"))
    if observers:
        details.append(locale.t("panel.observers_values", values=locale.list_separator.join(observers)))
    if details:
        st.markdown("".join(text_block(line, locale.is_rtl) for line in details), unsafe_allow_html=True)
    outcomes = round_row.get(locale.field("outcomes")) or round_row.get("outcomes_en")
    if outcomes:
        st.markdown(bullet_list(outcomes, rtl=locale.is_rtl), unsafe_allow_html=True)
    if discrepancies is not None and not discrepancies.empty:
        # In Arabic the page's right-to-left style aligns the warning like the rest of the panel.
        for _, check in discrepancies.iterrows():
            st.warning(plain_markdown(claim_message(check, locale)), icon="⚠️")
    render_sources(round_row["sources"], sources, locale)
    st.caption(plain_markdown(locale.t("panel.confidence_line", confidence=locale.coded("confidence", round_row["confidence"]))))


def render_sources(source_ids: list[str], sources: pd.DataFrame, locale: Locale) -> None:
    """The cited sources as a list of links (titles only where no safe address exists)."""
    by_id = sources.set_index("id")
    links = [
        safe_link(str(by_id.at[source_id, "title"]), by_id.at[source_id, "url"]) if source_id in by_id.index else html.escape(source_id)
        for source_id in source_ids
    ]
    items = "".join(f"<li>{link}</li>" for link in links)
    heading = html.escape(locale.t("panel.sources_heading"))
    st.markdown(f'<b>{heading}</b><ul class="sources">{items}</ul>', unsafe_allow_html=True)


def render_feature_table(state: pd.DataFrame, locale: Locale) -> None:
    """The features on the map as a table: what an analyst copies into notes."""
    table = pd.DataFrame(
        {
            locale.t("table.name_en"): state["name_en"],
            locale.t("table.name_ar"): state["name_ar"],
            locale.t("table.kind"): [locale.coded("kind", kind) for kind in state["kind"]],
            locale.t("table.from"): [locale.date(day) for day in state["valid_from"]],
            locale.t("table.until"): [locale.date(day) if pd.notna(day) else "" for day in state["valid_to"]],
            locale.t("table.confidence"): [locale.coded("confidence", value) for value in state["confidence"]],
            locale.t("table.sources"): state["sources"].map(", ".join),
            locale.t("table.note"): state["note"],
        }
    )
    render_table(table, locale)


TOUCHED_KEY = "touched_feature"


def render_touched_features(round_row: pd.Series | None, features: pd.DataFrame, locale: Locale) -> str | None:
    """The features this round created, changed or confirmed; returns the one picked to highlight."""
    if round_row is None or not round_row.get("features"):
        return None
    touched = features[features["id"].isin(round_row["features"])]
    labels = {
        feature_id: f"{name} ({locale.date(start)})"
        for feature_id, name, start in zip(touched["id"], touched[locale.field("name")], touched["valid_from"])
    }
    return pick_one(locale.t("touched.label"), labels, TOUCHED_KEY, locale.t("touched.placeholder", count=len(labels)))


def render_data_problems(problems: Sequence[str], locale: Locale) -> None:
    """One banner for the data left out, and every message (file, id, field) in an expander.
    The messages name files and fields: they stay in English, in a code block."""
    if not problems:
        return
    banner = locale.t("problems.banner_one") if len(problems) == 1 else locale.t("problems.banner_many", count=len(problems))
    st.error(banner)
    with st.expander(locale.t("problems.details")):
        # A code block shows the messages as plain text (no Markdown or HTML) and can be copied.
        st.code("\n".join(problems), language=None, wrap_lines=True)
