"""A folium map drawn in the page, not in a frame: an st.components.v2 component that runs
folium's script beside the rest of the page (`standalone/page_map.js`).

st_folium draws the map in a frame of its own, which mounts only after the page's widgets and
then loads its bundle, Leaflet and the layers: about a second of the cold start
(docs/benchmarks.md). What this keeps from st_folium: its way of turning a folium map into a
script with stable names (the same map gives the same script, so a rerun keeps the map and its
view), a feature group swapped without re-mounting the map, and `center`/`zoom` that move the
view. Those functions are streamlit_folium's own (pinned in requirements.txt), used rather than
copied.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import _get_feature_group_string, _get_header, _get_map_string

from components.assets import LOCAL_CSS, LOCAL_JS

_STANDALONE = Path(__file__).resolve().parent / "standalone"
COMPONENT_NAME = "deescalation_map"

_page_map = st.components.v2.component(
    COMPONENT_NAME,
    js=(_STANDALONE / "page_map.js").read_text(encoding="utf-8"),
    # In the page, not a shadow root: Leaflet's CSS and the map's labels are the page's; the map
    # follows the date control's input (components/live_date.py).
    isolate_styles=False,
)

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
# folium's page rules for a document of its own (html, body and #map at full size): in
# Streamlit's page they would take over the page.
_WHOLE_DOCUMENT_RULE = re.compile(r"html,\s*body\s*\{|#map(_div)?\s*\{")


def _stable_key(script: str) -> str:
    return hashlib.sha256(script.encode("utf-8")).hexdigest()[:16]


def map_css(fmap: folium.Map) -> str:
    """The style rules folium put in the map's header (labels, tooltips), without the ones meant
    for a document of its own."""
    rules = (block.strip() for block in _STYLE.findall(_get_header(fmap)))
    return "\n".join(rule for rule in rules if rule and not _WHOLE_DOCUMENT_RULE.search(rule))


def page_map_data(fmap: folium.Map, feature_group: folium.FeatureGroup | None, height: int,
                  center: list[float] | None, zoom: int | None, failed: str) -> dict[str, object]:
    """What the map's script gets: folium's script for the map and for the feature group, a key
    for each (the same map, the same key), the view to move to, and the local assets."""
    fmap.get_root().render()
    css = map_css(fmap)
    script = _get_map_string(fmap)
    group = ""
    if feature_group is not None:
        # The feature group's script without st_folium's global list of groups: this map keeps its own.
        group = _get_feature_group_string(feature_group, fmap).split("window.feature_group = ")[0]
    return {
        "script": script,
        "mapKey": _stable_key(script + css),
        "feature_group": group,
        "groupKey": _stable_key(group),
        "css": css,
        "height": height,
        "center": center,
        "zoom": zoom,
        "jsLinks": [src for _, src in LOCAL_JS],
        "cssLinks": [href for _, href in LOCAL_CSS],
        "failed": failed,
    }


def render_page_map(fmap: folium.Map, key: str, feature_group: folium.FeatureGroup | None = None, height: int = 640,
                    center: list[float] | None = None, zoom: int | None = None, failed: str = "") -> None:
    """Draw `fmap` in the page with `feature_group` on it; `center` and `zoom` move its view
    without drawing it again."""
    _page_map(key=key, data=page_map_data(fmap, feature_group, height, center, zoom, failed))
