"""The base map that does not change with the date, drawn from vectors shipped in data/base/.

No tile layer: Syria, its neighbours, governorate boundaries, the M4 and M5 and the towns are
all vectors, so the map needs no network in a demo room.
"""

from __future__ import annotations

import folium
import geopandas as gpd

from components.assets import LOCAL_CSS, LOCAL_JS
from components.text import escape_text
from geo.schema import SYRIA_BOUNDS

NEIGHBOUR_STYLE = {"fillColor": "#E8E8E8", "color": "#9A9A9A", "weight": 1, "fillOpacity": 1}
SYRIA_STYLE = {"fillColor": "#FFFFFF", "color": "#333333", "weight": 2, "fillOpacity": 1}
GOVERNORATE_STYLE = {"color": "#8C8C8C", "weight": 1, "dashArray": "4 4"}
ROAD_STYLE = {"color": "#555555", "weight": 2.5}
TOWN_RADIUS = 3
LABEL_CSS = "background:none;border:none;box-shadow:none;font-weight:600;color:#222;text-shadow:0 0 3px #fff"


def base_map(base: dict[str, gpd.GeoDataFrame], language: str = "en") -> folium.Map:
    """Syria and its neighbours fitted to Syria, with governorates, highways and towns."""
    fmap = folium.Map(tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.default_js = LOCAL_JS
    fmap.default_css = LOCAL_CSS
    west, south, east, north = SYRIA_BOUNDS
    fmap.fit_bounds([[south, west], [north, east]])
    name = "name_ar" if language == "ar" else "name_en"
    countries = base["countries"]
    neighbours = escape_text(countries.loc[countries["code"] != "SYR", ["code", name, "geometry"]], [name])
    folium.GeoJson(neighbours, name="neighbours", style_function=lambda _: NEIGHBOUR_STYLE,
                   tooltip=folium.GeoJsonTooltip(fields=[name], labels=False), control=False).add_to(fmap)
    folium.GeoJson(countries.loc[countries["code"] == "SYR", ["code", "geometry"]], name="syria",
                   style_function=lambda _: SYRIA_STYLE, control=False).add_to(fmap)
    if "governorates" in base:
        folium.GeoJson(base["governorates"], name="governorates", style_function=lambda _: GOVERNORATE_STYLE,
                       control=False).add_to(fmap)
    if "roads" in base:
        roads = escape_text(base["roads"][["code", name, "geometry"]], ["code", name])
        folium.GeoJson(roads, name="roads", style_function=lambda _: ROAD_STYLE,
                       tooltip=folium.GeoJsonTooltip(fields=["code", name], labels=False), control=False).add_to(fmap)
    if "towns" in base:
        add_towns(fmap, base["towns"], name)
    return fmap


def add_towns(fmap: folium.Map, towns: gpd.GeoDataFrame, name: str) -> None:
    """Every shown town as a dot with its name on hover; the labelled ones (cities) always named."""
    shown = escape_text(towns[[name, "labelled", "geometry"]], [name])
    folium.GeoJson(
        shown,
        name="towns",
        marker=folium.CircleMarker(radius=TOWN_RADIUS, fill=True, fill_opacity=1, color="#222", weight=1, fill_color="#FFF"),
        tooltip=folium.GeoJsonTooltip(fields=[name], labels=False),
        control=False,
    ).add_to(fmap)
    for label, point in zip(shown.loc[shown["labelled"], name], shown.loc[shown["labelled"]].geometry):
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=f'<div class="town-label" style="{LABEL_CSS}">{label}</div>', icon_size=(120, 16), icon_anchor=(-6, 8)),
        ).add_to(fmap)
