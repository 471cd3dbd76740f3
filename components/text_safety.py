"""Text from the data or the reader made safe for the page, in one place: HTML escaping (folium's
tooltips do not escape), the Markdown escaper (Streamlit renders messages as Markdown), links
that only ever point at http(s), and blocks that read right to left.

Escaping is done on the copy handed to the page, never in the stored data.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urlparse

import pandas as pd

SAFE_URL_SCHEMES = ("http", "https")
# Every Markdown-active character: `$` starts LaTeX in Streamlit's Markdown, `~` strikes through,
# `[..](..)` links, `*`/`_` emphasise, `<` opens HTML, `.`/`-`/`+`/`#` start lists and headings.
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_text(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """A copy whose text columns are HTML-escaped, so a name like `<img onerror=...>` shows as text."""
    escaped = frame.copy()
    for column in columns:
        escaped[column] = escaped[column].map(lambda value: html.escape(str(value)) if pd.notna(value) else "")
    return escaped


def plain_markdown(text: object) -> str:
    """`text` with every Markdown-active character backslash-escaped, so Streamlit shows it as typed."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", str(text))


def safe_link(title: str, url: object) -> str:
    """An HTML link for http(s) addresses only; any other scheme (javascript:...) shows as text."""
    label = html.escape(title)
    if not isinstance(url, str) or urlparse(url).scheme not in SAFE_URL_SCHEMES:
        return label
    return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{label}</a>'


def rtl_block(text: object, tag: str = "div") -> str:
    """Escaped text in an element that reads right to left, marked as Arabic."""
    return f'<{tag} dir="rtl" lang="ar" style="text-align:right">{html.escape(str(text))}</{tag}>'


def text_block(text: object, rtl: bool, tag: str = "div") -> str:
    """Escaped text as HTML, right to left when `rtl`."""
    return rtl_block(text, tag) if rtl else f"<{tag}>{html.escape(str(text))}</{tag}>"


def bullet_list(items: list[str], rtl: bool = False) -> str:
    """Escaped items as an HTML list, right to left when `rtl`."""
    if not items:
        return ""
    direction = ' dir="rtl" lang="ar" style="text-align:right"' if rtl else ""
    return f"<ul{direction}>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"
