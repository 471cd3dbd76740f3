"""Pure data logic for the de-escalation zones explorer: load, validate, join, query.

No Streamlit here: the dashboard, the exports and a notebook all use this API.
"""

from geo.errors import DataError
from geo.load import data_fingerprint, load_base_layer, load_claims, load_control_points, load_features, load_rounds, load_sources
from geo.query import features_valid_on, parse_date, round_at, state_at

__all__ = [
    "DataError",
    "data_fingerprint",
    "features_valid_on",
    "load_base_layer",
    "load_claims",
    "load_control_points",
    "load_features",
    "load_rounds",
    "load_sources",
    "parse_date",
    "round_at",
    "state_at",
]
