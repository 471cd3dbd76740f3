"""Reference for the benchmark, heavier than `naive_app.py`: every rerun builds a new folium map with every
base layer and the features in force embedded, and hands it to st_folium with no key."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import folium  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

import geo  # noqa: E402
from components.assets import LOCAL_CSS, LOCAL_JS, ensure_local_assets  # noqa: E402
from components.layers import tooltip_frame  # noqa: E402
from components.locale import Locale  # noqa: E402
from components.symbology import KIND_STYLES  # noqa: E402
from geo.query import features_valid_on  # noqa: E402
from geo.schema import PERIOD_END, PERIOD_START  # noqa: E402
from geo.view_state import parse_view_state  # noqa: E402

# Streamlit serves ./static next to the main script: give this app its own copy of Leaflet.
ensure_local_assets(Path(__file__).resolve().parent / "static" / "vendor")
features = geo.load_features()
initial = parse_view_state(st.query_params.to_dict()).date
chosen = st.slider("Date", min_value=PERIOD_START, max_value=PERIOD_END, value=initial, format="YYYY-MM-DD", key="view_date")
st.markdown(f"naive {chosen.isoformat()}")
fmap = folium.Map(tiles=None)
fmap.default_js, fmap.default_css = LOCAL_JS, LOCAL_CSS  # same local Leaflet: only the pattern differs
fmap.fit_bounds([[32.26, 35.67], [37.37, 42.43]])
for name in ("countries", "governorates", "roads", "towns"):
    folium.GeoJson(geo.load_base_layer(name)[["geometry"]]).add_to(fmap)
shown = tooltip_frame(features_valid_on(features, chosen), Locale())
if not shown.empty:
    folium.GeoJson(shown, style_function=lambda f: {k: v for k, v in KIND_STYLES[f["properties"]["kind"]].items() if k != "radius"},
                   marker=folium.CircleMarker(radius=6, fill=True),  # posts drawn as in this app
                   tooltip=folium.GeoJsonTooltip(fields=["name", "dates"])).add_to(fmap)
st_folium(fmap, height=620, width=900)
