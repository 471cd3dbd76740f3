"""Briefing outputs from the dashboard: the PNG, the standalone HTML and the data at this date.

Each file is generated only when its button is clicked (a callable `data`), so a slider step
costs nothing extra; `on_click="ignore"` keeps a download from rerunning the page.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from components.html_export import standalone_html
from components.locale import Locale
from components.png import render_png
from geo.dataset import Dataset
from geo.view import View

EXPORT_COLUMNS = ["id", "kind", "name_en", "name_ar", "valid_from", "valid_to", "round_id", "sources", "confidence", "note", "precision_km", "geometry"]


def features_for_export(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The features at the date with the contract's columns, lists joined and dates as text."""
    frame = features[EXPORT_COLUMNS].copy()
    frame["sources"] = frame["sources"].map(";".join)
    for column in ("valid_from", "valid_to"):
        frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    return frame


def geopackage_bytes(frame: gpd.GeoDataFrame, layer: str) -> bytes:
    """GeoPackage is a SQLite file: write it in a temporary folder and hand back its bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.gpkg"
        frame.to_file(path, layer=layer, driver="GPKG")
        return path.read_bytes()


def rounds_csv(rounds: pd.DataFrame) -> bytes:
    frame = rounds.copy()
    for column in ("delegations", "observers_en", "observers_ar", "outcomes_en", "outcomes_ar", "features", "sources"):
        frame[column] = frame[column].map(lambda items: ";".join(items) if isinstance(items, list) else "")
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, date_format="%Y-%m-%d")
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read the Arabic


def render_downloads(data: Dataset, view: View, locale: Locale) -> None:
    """The download buttons for the view: every output shows the date and the layers chosen, the
    PNG and the HTML map in the page's language."""
    stamp = view.date.isoformat()
    buttons: list[tuple[str, Callable[[], bytes | str], str, str]] = [
        (locale.t("downloads.png"), lambda: render_png(data, view.date, locale, layers=view.layers), f"deescalation-zones-{stamp}.png", "image/png"),
        (locale.t("downloads.html"), lambda: standalone_html(data, view.date, locale, view.layers), f"deescalation-zones-{stamp}.html", "text/html"),
        (locale.t("downloads.geojson"), lambda: features_for_export(view.features).to_json(ensure_ascii=False).encode("utf-8"),
         f"features-{stamp}.geojson", "application/geo+json"),
        (locale.t("downloads.geopackage"), lambda: geopackage_bytes(features_for_export(view.features), f"features_{stamp}"),
         f"features-{stamp}.gpkg", "application/geopackage+sqlite3"),
        (locale.t("downloads.rounds_csv"), lambda: rounds_csv(data.rounds), "astana-rounds.csv", "text/csv"),
    ]
    st.caption(locale.t("downloads.note"))
    for label, make, file_name, mime in buttons:
        st.download_button(label, data=make, file_name=file_name, mime=mime, on_click="ignore", width="stretch")
