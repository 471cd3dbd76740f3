"""Text from the data made safe for HTML, in one place: folium's tooltips do not escape."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd


def escape_text(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """A copy whose text columns are HTML-escaped, so a name like `<img onerror=...>` shows as text.

    Escapes the copy handed to folium, never the stored data.
    """
    escaped = frame.copy()
    for column in columns:
        escaped[column] = escaped[column].map(lambda value: html.escape(str(value)) if pd.notna(value) else "")
    return escaped
