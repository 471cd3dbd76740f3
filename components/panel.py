"""The side panel: the round or milestone in force on the chosen date, and the legend.

Every text from the data is escaped before it reaches HTML; Arabic blocks read right to left.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from urllib.parse import urlparse

import pandas as pd
import streamlit as st

SAFE_URL_SCHEMES = ("http", "https")
KIND_LABELS = {"astana_round": "Astana round", "agreement": "Agreement", "event": "Event"}


def safe_link(title: str, url: object) -> str:
    """An HTML link for http(s) addresses only; any other scheme (javascript:...) shows as text."""
    label = html.escape(title)
    if not isinstance(url, str) or urlparse(url).scheme not in SAFE_URL_SCHEMES:
        return label
    return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{label}</a>'


MARKDOWN_SPECIALS = str.maketrans({character: "\\" + character for character in "[]*_`#<>|"})


def plain_markdown(text: object) -> str:
    """Data text for a Markdown element: link, emphasis and HTML syntax neutralised."""
    return str(text).translate(MARKDOWN_SPECIALS)


def arabic_block(text: object, tag: str = "div") -> str:
    return f'<{tag} dir="rtl" lang="ar" style="text-align:right">{html.escape(str(text))}</{tag}>'


def date_range(row: pd.Series) -> str:
    start, end = row["start"].date(), row["end"].date()
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


def bullet_list(items: list[str], rtl: bool = False) -> str:
    if not items:
        return ""
    direction = ' dir="rtl" lang="ar" style="text-align:right"' if rtl else ""
    return f"<ul{direction}>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def render_round_panel(round_row: pd.Series | None, sources: pd.DataFrame, discrepancies: pd.DataFrame | None = None) -> None:
    """The round in force: title in both languages, dates, city, summary, outcomes, sources."""
    if round_row is None:
        st.info("No Astana round or milestone had started by this date.")
        return
    number = f" · No. {int(round_row['number'])}" if pd.notna(round_row["number"]) else ""
    st.subheader(str(round_row["title_en"]))
    st.markdown(arabic_block(round_row["title_ar"], "h4"), unsafe_allow_html=True)
    place = f" · {round_row['city_en']}" if isinstance(round_row["city_en"], str) else ""
    st.caption(f"{KIND_LABELS.get(round_row['kind'], round_row['kind'])}{number} · {date_range(round_row)}{place}")
    st.text(str(round_row["summary_en"]))
    st.markdown(arabic_block(round_row["summary_ar"]), unsafe_allow_html=True)
    details = []
    if round_row.get("delegations"):
        details.append(f"<b>Delegations:</b> {html.escape(', '.join(round_row['delegations']))}")
    if round_row.get("observers_en"):
        details.append(f"<b>Observers:</b> {html.escape(', '.join(round_row['observers_en']))}")
    if details:
        st.markdown("<br>".join(details), unsafe_allow_html=True)
    if round_row.get("observers_ar"):
        st.markdown(arabic_block("المراقبون: " + "، ".join(round_row["observers_ar"])), unsafe_allow_html=True)
    if round_row.get("outcomes_en"):
        st.markdown(bullet_list(round_row["outcomes_en"]), unsafe_allow_html=True)
        st.markdown(bullet_list(round_row.get("outcomes_ar") or [], rtl=True), unsafe_allow_html=True)
    if discrepancies is not None and not discrepancies.empty:
        for message_en, message_ar in zip(discrepancies["message_en"], discrepancies["message_ar"]):
            st.warning(plain_markdown(message_en), icon="⚠️")
            st.markdown(arabic_block(message_ar), unsafe_allow_html=True)
    render_sources(round_row["sources"], sources)
    st.caption(f"Confidence: {round_row['confidence']}")


def render_sources(source_ids: list[str], sources: pd.DataFrame) -> None:
    """The cited sources as a list of links (titles only where no safe address exists)."""
    by_id = sources.set_index("id")
    links = [
        safe_link(str(by_id.at[source_id, "title"]), by_id.at[source_id, "url"]) if source_id in by_id.index else html.escape(source_id)
        for source_id in source_ids
    ]
    items = "".join(f"<li>{link}</li>" for link in links)
    st.markdown(f'<b>Sources:</b><ul class="sources">{items}</ul>', unsafe_allow_html=True)


def render_legend(entries: list[tuple[str, str, str]]) -> None:
    """A swatch and a label for each kind on the map, in the map's colours."""
    if not entries:
        st.caption("No features in force on this date.")
        return
    rows = "".join(
        f'<div class="legend-row" data-kind="{html.escape(kind)}">'
        f'<span style="display:inline-block;width:14px;height:14px;margin-right:6px;'
        f'background:{html.escape(colour)};border:1px solid #333;vertical-align:middle"></span>'
        f"{html.escape(label)}</div>"
        for kind, label, colour in entries
    )
    st.markdown(f'<div class="legend">{rows}</div>', unsafe_allow_html=True)


def render_feature_table(state: pd.DataFrame) -> None:
    """The features on the map as a table: what an analyst copies into notes."""
    table = pd.DataFrame(
        {
            "Name": state["name_en"],
            "الاسم": state["name_ar"],
            "Kind": state["kind"],
            "From": state["valid_from"].dt.date,
            "Until": state["valid_to"].dt.date,
            "Confidence": state["confidence"],
            "Sources": state["sources"].map(", ".join),
            "How it is drawn": state["note"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")


TOUCHED_KEY = "touched_feature"


def render_touched_features(round_row: pd.Series | None, features: pd.DataFrame) -> str | None:
    """The features this round created, changed or confirmed; returns the one picked to highlight."""
    if round_row is None or not round_row.get("features"):
        return None
    touched = features[features["id"].isin(round_row["features"])]
    labels = dict(zip(touched["id"], touched["name_en"] + " (" + touched["valid_from"].dt.date.astype(str) + ")"))
    st.selectbox(
        "Features this round created or changed — pick one to highlight it on the map",
        options=list(labels),
        index=None,
        format_func=labels.get,
        key=TOUCHED_KEY,
        placeholder=f"{len(labels)} features",
    )
    chosen = st.session_state.get(TOUCHED_KEY)
    return chosen if chosen in labels else None


def render_data_problems(problems: Sequence[str]) -> None:
    """One banner for the data left out, and every message (file, id, field) in an expander."""
    if not problems:
        return
    records = "record" if len(problems) == 1 else "records"
    st.error(f"Some data could not be used: {len(problems)} {records} left out")
    with st.expander("What was left out, and why"):
        # A code block shows the messages as plain text (no Markdown or HTML) and can be copied.
        st.code("\n".join(problems), language=None, wrap_lines=True)
