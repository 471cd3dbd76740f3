"""Reference for the benchmark: the simplest app a user would write. A date slider; every rerun
builds a new folium map on OpenStreetMap's tiles with the features in force and hands it to
st_folium. Two changes only, so that it runs in a room with no internet like the dashboard:
Leaflet comes from this machine, and the tiles (from the internet) stay blank."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import folium  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

import geo  # noqa: E402
from components.assets import LOCAL_CSS, LOCAL_JS, ensure_local_assets  # noqa: E402
from components.symbology import KIND_STYLES  # noqa: E402
from geo.query import features_valid_on  # noqa: E402
from geo.schema import PERIOD_END, PERIOD_START  # noqa: E402
from geo.view_state import parse_view_state  # noqa: E402

ensure_local_assets(Path(__file__).resolve().parent / "static" / "vendor")
features = geo.load_features()
initial = parse_view_state(st.query_params.to_dict()).date
chosen = st.slider("Date", min_value=PERIOD_START, max_value=PERIOD_END, value=initial, format="YYYY-MM-DD", key="view_date")
st.markdown(f"naive {chosen.isoformat()}")
fmap = folium.Map(location=[35.6, 36.8], zoom_start=8)
fmap.default_js, fmap.default_css = LOCAL_JS, LOCAL_CSS
shown = features_valid_on(features, chosen)[["id", "kind", "name_en", "geometry"]]
if not shown.empty:
    # Coloured by kind as the dashboard is: the benchmark finds the polygons by their fill.
    folium.GeoJson(shown, style_function=lambda f: {k: v for k, v in KIND_STYLES[f["properties"]["kind"]].items() if k != "radius"},
                   marker=folium.CircleMarker(radius=6, fill=True), tooltip=folium.GeoJsonTooltip(fields=["name_en"])).add_to(fmap)
st_folium(fmap, height=620, width=900)
