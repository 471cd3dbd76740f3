"""The side panel: the round or milestone in force on the chosen date, and the legend.

Every text from the data is escaped before it reaches HTML; Arabic blocks read right to left.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlparse

import pandas as pd
import streamlit as st

from components.hatching import swatch_css
from components.i18n import CATALOGUE, Locale

SAFE_URL_SCHEMES = ("http", "https")


def safe_link(title: str, url: object) -> str:
    """An HTML link for http(s) addresses only; any other scheme (javascript:...) shows as text."""
    label = html.escape(title)
    if not isinstance(url, str) or urlparse(url).scheme not in SAFE_URL_SCHEMES:
        return label
    return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{label}</a>'


# `$` starts LaTeX in Streamlit's Markdown, `~` strikes through.
MARKDOWN_SPECIALS = str.maketrans({character: "\\" + character for character in "[]*_`#<>|$~"})


def plain_markdown(text: object) -> str:
    """Data text for a Markdown element: link, emphasis and HTML syntax neutralised."""
    return str(text).translate(MARKDOWN_SPECIALS)


def arabic_block(text: object, tag: str = "div") -> str:
    return f'<{tag} dir="rtl" lang="ar" style="text-align:right">{html.escape(str(text))}</{tag}>'


def date_range(row: pd.Series, locale: Locale = Locale()) -> str:
    start, end = row["start"].date(), row["end"].date()
    return locale.date(start) if start == end else f"{locale.date(start)} – {locale.date(end)}"


def translated(prefix: str, value: object, locale: Locale) -> str:
    """The catalogue's text for a coded value (`confidence.high`), or the value itself if it has none."""
    key = f"{prefix}.{value}"
    return locale.t(key) if key in CATALOGUE else str(value)


def text_block(text: object, locale: Locale, tag: str = "div") -> str:
    """Escaped text as HTML, marked right to left in Arabic."""
    return arabic_block(text, tag) if locale.is_rtl else f"<{tag}>{html.escape(str(text))}</{tag}>"


def render_table(table: pd.DataFrame, locale: Locale) -> None:
    """A table. In Arabic, an HTML table that the page's right-to-left style lays out from the
    right (st.dataframe's grid has no direction: reversed columns would still scroll from the left,
    hiding the first column); in English, the interactive grid (sort, search, copy)."""
    if locale.is_rtl:
        st.table(table, hide_index=True)
    else:
        st.dataframe(table, hide_index=True, width="stretch")


def bullet_list(items: list[str], rtl: bool = False) -> str:
    if not items:
        return ""
    direction = ' dir="rtl" lang="ar" style="text-align:right"' if rtl else ""
    return f"<ul{direction}>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def render_round_panel(round_row: pd.Series | None, sources: pd.DataFrame, discrepancies: pd.DataFrame | None = None,
                       locale: Locale = Locale()) -> None:
    """The round in force, in the reader's language: title, kind, dates, city, summary, outcomes,
    contradicting reports and sources."""
    if round_row is None:
        st.info(locale.t("panel.no_round"))
        return
    number = f" · {locale.t('panel.number', number=int(round_row['number']))}" if pd.notna(round_row["number"]) else ""
    city = round_row.get(f"city_{locale.language}")
    place = f" · {city}" if isinstance(city, str) and city else ""
    if locale.is_rtl:
        st.markdown(arabic_block(round_row["title_ar"], "h3"), unsafe_allow_html=True)
    else:
        st.subheader(plain_markdown(round_row["title_en"]))
    st.caption(plain_markdown(f"{translated('round_kind', round_row['kind'], locale)}{number} · {date_range(round_row, locale)}{place}"))
    st.markdown(text_block(round_row[f"summary_{locale.language}"], locale), unsafe_allow_html=True)
    details = []
    if round_row.get("delegations"):
        delegations = [translated("delegation", value, locale) for value in round_row["delegations"]]
        details.append(locale.t("panel.delegations_values", values=("، " if locale.is_rtl else ", ").join(delegations)))
    observers = round_row.get(f"observers_{locale.language}")
    if observers:
        details.append(locale.t("panel.observers_values", values=("، " if locale.is_rtl else ", ").join(observers)))
    if details:
        st.markdown("".join(text_block(line, locale) for line in details), unsafe_allow_html=True)
    outcomes = round_row.get(f"outcomes_{locale.language}") or round_row.get("outcomes_en")
    if outcomes:
        st.markdown(bullet_list(outcomes, rtl=locale.is_rtl), unsafe_allow_html=True)
    if discrepancies is not None and not discrepancies.empty:
        # In Arabic the page's right-to-left style aligns the warning like the rest of the panel.
        for message in discrepancies[f"message_{locale.language}"]:
            st.warning(plain_markdown(message), icon="⚠️")
    render_sources(round_row["sources"], sources, locale)
    st.caption(plain_markdown(locale.t("panel.confidence_line", confidence=translated("confidence", round_row["confidence"], locale))))


def render_sources(source_ids: list[str], sources: pd.DataFrame, locale: Locale = Locale()) -> None:
    """The cited sources as a list of links (titles only where no safe address exists)."""
    by_id = sources.set_index("id")
    links = [
        safe_link(str(by_id.at[source_id, "title"]), by_id.at[source_id, "url"]) if source_id in by_id.index else html.escape(source_id)
        for source_id in source_ids
    ]
    items = "".join(f"<li>{link}</li>" for link in links)
    heading = html.escape(locale.t("panel.sources_heading"))
    st.markdown(f'<b>{heading}</b><ul class="sources">{items}</ul>', unsafe_allow_html=True)


def render_legend(entries: list[tuple[str, str, str]], locale: Locale = Locale()) -> None:
    """A swatch and a label for each kind on the map, in the map's colours and hatching."""
    if not entries:
        st.caption(locale.t("legend.empty"))
        return
    rows = "".join(
        f'<div class="legend-row" data-kind="{html.escape(kind)}">'
        f'<span class="swatch" style="display:inline-block;width:14px;height:14px;margin-right:6px;box-sizing:border-box;'
        f'vertical-align:middle;{html.escape(swatch_css(kind, colour))}"></span>'
        f"{html.escape(label)}</div>"
        for kind, label, colour in entries
    )
    st.markdown(f'<div class="legend">{rows}</div>', unsafe_allow_html=True)


def render_feature_table(state: pd.DataFrame, locale: Locale = Locale()) -> None:
    """The features on the map as a table: what an analyst copies into notes."""
    table = pd.DataFrame(
        {
            locale.t("table.name_en"): state["name_en"],
            locale.t("table.name_ar"): state["name_ar"],
            locale.t("table.kind"): [translated("kind", kind, locale) for kind in state["kind"]],
            locale.t("table.from"): [locale.date(day) for day in state["valid_from"]],
            locale.t("table.until"): [locale.date(day) if pd.notna(day) else "" for day in state["valid_to"]],
            locale.t("table.confidence"): [translated("confidence", value, locale) for value in state["confidence"]],
            locale.t("table.sources"): state["sources"].map(", ".join),
            locale.t("table.note"): state["note"],
        }
    )
    render_table(table, locale)


TOUCHED_KEY = "touched_feature"


def render_touched_features(round_row: pd.Series | None, features: pd.DataFrame, locale: Locale = Locale()) -> str | None:
    """The features this round created, changed or confirmed; returns the one picked to highlight."""
    if round_row is None or not round_row.get("features"):
        return None
    touched = features[features["id"].isin(round_row["features"])]
    labels = {
        feature_id: f"{name} ({locale.date(start)})"
        for feature_id, name, start in zip(touched["id"], touched[f"name_{locale.language}"], touched["valid_from"])
    }
    st.selectbox(
        locale.t("touched.label"),
        options=list(labels),
        index=None,
        format_func=labels.get,
        key=TOUCHED_KEY,
        placeholder=locale.t("touched.placeholder", count=len(labels)),
    )
    chosen = st.session_state.get(TOUCHED_KEY)
    return chosen if chosen in labels else None


def render_data_problems(problems: Sequence[str], locale: Locale = Locale()) -> None:
    """One banner for the data left out, and every message (file, id, field) in an expander.
    The messages name files and fields: they stay in English, in a code block."""
    if not problems:
        return
    banner = locale.t("problems.banner_one") if len(problems) == 1 else locale.t("problems.banner_many", count=len(problems))
    st.error(banner)
    with st.expander(locale.t("problems.details")):
        # A code block shows the messages as plain text (no Markdown or HTML) and can be copied.
        st.code("\n".join(problems), language=None, wrap_lines=True)
