"""Reference for the benchmark: the floor. A slider and a line of text, nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st  # noqa: E402

from geo.schema import PERIOD_END, PERIOD_START  # noqa: E402
from geo.view_state import parse_view_state  # noqa: E402

initial = parse_view_state(st.query_params.to_dict()).date
chosen = st.slider("Date", min_value=PERIOD_START, max_value=PERIOD_END, value=initial, format="YYYY-MM-DD", key="view_date")
st.markdown(f"empty {chosen.isoformat()}")
