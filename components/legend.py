"""The legend: a swatch and a label for each kind on the map, drawn as the map draws it (styles
from components.symbology, swatches from components.hatching, labels from the catalogue)."""

from __future__ import annotations

import html
from collections.abc import Iterable

import streamlit as st

from components.hatching import swatch_css
from components.locale import Locale
from components.symbology import BASE_LEGEND, KIND_ORDER, KIND_STYLES


def legend_entries(kinds: Iterable[str], locale: Locale, with_base: bool = False) -> list[tuple[str, str, str]]:
    """(kind, label, colour) for each kind shown, in drawing order, then the base layers if asked."""
    shown = set(kinds)
    entries = [(kind, locale.t(f"kind.{kind}"), str(KIND_STYLES[kind]["fillColor"])) for kind in KIND_ORDER if kind in shown]
    if with_base:
        entries += [(kind, locale.t(f"legend.{kind}"), colour) for kind, colour in BASE_LEGEND]
    return entries


def render_legend(entries: list[tuple[str, str, str]], locale: Locale) -> None:
    """A swatch and a label for each entry, in the map's colours and hatching."""
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
