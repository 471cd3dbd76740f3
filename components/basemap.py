"""The base map that does not change with the date, drawn from vectors shipped in data/base/.

No tile layer: Syria, its neighbours, governorate boundaries, the M4 and M5 and the towns are
all vectors served by this app, so the map needs no network in a demo room. The layers are
published files (see components.assets): the map's script carries their URLs, not their data.
"""

from __future__ import annotations

import folium
import geopandas as gpd

from components.assets import LOCAL_CSS, LOCAL_JS
from components.map import Layer, remote_geojson
from components.text import escape_text
from geo.schema import SYRIA_BOUNDS

NEIGHBOUR_STYLE = {"fillColor": "#E8E8E8", "color": "#9A9A9A", "weight": 1, "fillOpacity": 1}
SYRIA_STYLE = {"fillColor": "#FFFFFF", "color": "#333333", "weight": 2, "fillOpacity": 1}
GOVERNORATE_STYLE = {"color": "#8C8C8C", "weight": 1, "dashArray": "4 4"}
ROAD_STYLE = {"color": "#555555", "weight": 2.5}
TOWN_RADIUS = 3
LABEL_CSS = "background:none;border:none;box-shadow:none;font-weight:600;color:#222;text-shadow:0 0 3px #fff"
BASE_LAYER_NAMES = ("neighbours", "syria", "governorates", "roads", "towns")


def publishable_base(base: dict[str, gpd.GeoDataFrame], language: str) -> dict[str, gpd.GeoDataFrame]:
    """The base layers as the browser gets them: only the columns drawn, names escaped."""
    name = "name_ar" if language == "ar" else "name_en"
    countries = base["countries"]
    return {
        "neighbours": escape_text(countries.loc[countries["code"] != "SYR", ["code", name, "geometry"]], [name]),
        "syria": countries.loc[countries["code"] == "SYR", ["code", "geometry"]],
        "governorates": base["governorates"][["geometry"]],
        "roads": escape_text(base["roads"][["code", name, "geometry"]], ["code", name]),
        "towns": escape_text(base["towns"][["town_id", name, "labelled", "geometry"]], [name]),
    }


def base_map(layers: dict[str, Layer], language: str = "en") -> folium.Map:
    """Syria and its neighbours fitted to Syria, with governorates, highways and towns."""
    fmap = folium.Map(tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.default_js = LOCAL_JS
    fmap.default_css = LOCAL_CSS
    west, south, east, north = SYRIA_BOUNDS
    fmap.fit_bounds([[south, west], [north, east]])
    name = "name_ar" if language == "ar" else "name_en"
    remote_geojson(layers["neighbours"], name="neighbours", style_function=lambda _: NEIGHBOUR_STYLE,
                   tooltip=folium.GeoJsonTooltip(fields=[name], labels=False), control=False).add_to(fmap)
    remote_geojson(layers["syria"], name="syria", style_function=lambda _: SYRIA_STYLE, control=False).add_to(fmap)
    remote_geojson(layers["governorates"], name="governorates", style_function=lambda _: GOVERNORATE_STYLE,
                   control=False).add_to(fmap)
    remote_geojson(layers["roads"], name="roads", style_function=lambda _: ROAD_STYLE,
                   tooltip=folium.GeoJsonTooltip(fields=["code", name], labels=False), control=False).add_to(fmap)
    add_towns(fmap, layers["towns"], name)
    return fmap


def add_towns(fmap: folium.Map, towns: Layer, name: str) -> None:
    """Every shown town as a dot with its name on hover; the labelled ones (cities) always named."""
    remote_geojson(
        towns,
        name="towns",
        marker=folium.CircleMarker(radius=TOWN_RADIUS, fill=True, fill_opacity=1, color="#222", weight=1, fill_color="#FFF"),
        tooltip=folium.GeoJsonTooltip(fields=[name], labels=False),
        control=False,
    ).add_to(fmap)
    labelled = towns.frame[towns.frame["labelled"]]
    for label, point in zip(labelled[name], labelled.geometry):
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=f'<div class="town-label" style="{LABEL_CSS}">{label}</div>', icon_size=(120, 16), icon_anchor=(-6, 8)),
        ).add_to(fmap)
