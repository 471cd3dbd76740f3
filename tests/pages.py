"""Helpers for the dashboard's AppTests: open the page on some data, read what it shows."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def open_dashboard(query: dict[str, str] | None = None) -> AppTest:
    """The dashboard run once (on the data DEESCALATION_DATA_DIR points at), without exception."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def shown_feature_names(app: AppTest) -> set[str]:
    """The names in the features table (switched on first: it is off by default, for speed)."""
    if not app.toggle(key="show_table").value:
        app.toggle(key="show_table").set_value(True).run()
    # The grid in English, an HTML table (laid out right to left) in Arabic.
    table = (app.dataframe or app.table)[0].value
    # The English names' column: "Name" on the English page, its Arabic heading on the Arabic one.
    return set(table["Name" if "Name" in table.columns else "الاسم بالإنجليزية"])


def as_read(markdown: str) -> str:
    """A Markdown source as the reader sees it: the backslash escapes of plain_markdown removed."""
    return re.sub(r"\\(.)", r"\1", markdown)
