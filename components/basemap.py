"""The base map that does not change with the date, drawn from vectors shipped in data/base/.

No tile layer: Syria, its neighbours, governorate boundaries, the M4 and M5 and the towns are
all vectors served by this app, so the map needs no network in a demo room. The layers are
published files (see components.assets): the map's script carries their URLs, not their data.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from folium.template import Template
from folium.utilities import JsCode

from components.assets import LOCAL_CSS, LOCAL_JS, STATIC_URL
from components.hatching import Hatching
from components.layers import Layer, remote_geojson
from components.locale import Locale
from components.symbology import (
    GOVERNORATE_STYLE,
    LAKE_STYLE,
    NEIGHBOUR_STYLE,
    ORIENTATION_LABEL_CSS,
    RIVER_LABEL_CSS,
    RIVER_STYLE,
    ROAD_STYLE,
    SYRIA_STYLE,
    TOWN_LABEL_CSS,
    TOWN_STYLE,
)
from geo.schema import SYRIA_BOUNDS

BASE_LAYER_NAMES = ("neighbours", "syria", "governorates", "roads", "towns")


class LayerCache(MacroElement):
    """Keeps each published layer the browser fetched, so a slider step reuses it, and fetches
    the layers side by side.

    folium fetches a non-embedded GeoJson with a synchronous `$.ajax(url)` every time the layer is
    drawn; the feature layer is redrawn at every step. Published files are named by their
    content's hash, so a URL's content never changes and the first answer can be kept for good.
    Synchronous requests also run one after another (eight base layers: ~0.4 s before the first
    polygon); here they run at once, and each answer is handed on only after the answers asked
    for before it, so layers still draw in the script's order (neighbours under Syria under the
    features: SVG paths stack in the order they are added).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            if (window.jQuery.ajax.layerCache) { return; }
            var fetchOnce = {}, ajax = window.jQuery.ajax, previous = window.jQuery.Deferred().resolve().promise();
            window.jQuery.ajax = function (url, options) {
                if (typeof url === "string" && url.indexOf({{ this.prefix|tojson }}) === 0) {
                    if (!fetchOnce[url]) {
                        var request = ajax.call(window.jQuery, url, Object.assign({}, options, {async: true}));
                        var handOn = function () { return request; };
                        // A failed layer does not hold back the ones after it.
                        fetchOnce[url] = previous = previous.then(handOn, handOn);
                    }
                    return fetchOnce[url];
                }
                return ajax.apply(window.jQuery, arguments);
            };
            window.jQuery.ajax.layerCache = fetchOnce;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self._name = "LayerCache"
        self.prefix = prefix


RTL_TOOLTIP_CSS = ".leaflet-tooltip { direction: rtl; text-align: right; }"


def base_map(layers: dict[str, Layer], locale: Locale, tiles: str = "offline",
             bounds: tuple[float, float, float, float] = SYRIA_BOUNDS) -> folium.Map:
    """Syria and its neighbours framed on `bounds` (west, south, east, north), with governorates,
    the Orontes and the Euphrates, Lake Assad, highways and towns.

    `tiles="osm"` lays OpenStreetMap's tiles underneath (the browser fetches them from
    openstreetmap.org) and makes the country fills transparent so the tiles show.
    """
    fmap = folium.Map(tiles=None, control_scale=True, zoom_snap=0.25)
    online = tiles == "osm"
    if online:
        folium.TileLayer("OpenStreetMap", control=False).add_to(fmap)
    fmap.default_js = LOCAL_JS
    fmap.default_css = LOCAL_CSS
    west, south, east, north = bounds
    fmap.fit_bounds([[south, west], [north, east]])
    LayerCache(f"{STATIC_URL}/layers/").add_to(fmap)
    Hatching().add_to(fmap)
    name = locale.field("name")
    neighbour_style = {**NEIGHBOUR_STYLE, "fillOpacity": 0.0} if online else NEIGHBOUR_STYLE
    syria_style = {**SYRIA_STYLE, "fillOpacity": 0.0} if online else SYRIA_STYLE
    remote_geojson(layers["neighbours"], name="neighbours", style_function=lambda _: neighbour_style,
                   tooltip=folium.GeoJsonTooltip(fields=[name], labels=False), control=False).add_to(fmap)
    remote_geojson(layers["syria"], name="syria", style_function=lambda _: syria_style, control=False).add_to(fmap)
    remote_geojson(layers["governorates"], name="governorates", style_function=lambda _: GOVERNORATE_STYLE,
                   control=False).add_to(fmap)
    if "rivers" in layers:
        remote_geojson(layers["rivers"], name="rivers", style_function=lambda _: RIVER_STYLE, control=False, interactive=False).add_to(fmap)
    if "lakes" in layers:
        remote_geojson(layers["lakes"], name="lakes", style_function=lambda _: LAKE_STYLE, control=False, interactive=False).add_to(fmap)
    remote_geojson(layers["roads"], name="roads", style_function=lambda _: ROAD_STYLE,
                   tooltip=folium.GeoJsonTooltip(fields=["code", name], labels=False), control=False).add_to(fmap)
    if "labels" in layers:
        add_orientation_labels(fmap, layers["labels"], name)
    add_towns(fmap, layers["towns"], name)
    if locale.is_rtl:
        # Leaflet positions everything left to right; only the text in tooltips reads right to left.
        fmap.get_root().header.add_child(folium.Element(f"<style>{RTL_TOOLTIP_CSS}</style>"))
    return fmap


def town_labels(name: str) -> JsCode:
    """Cities get a permanent label beside their dot; other towns are named on hover.

    The names were HTML-escaped when the layer was published, so Leaflet may show them as HTML.
    """
    return JsCode(
        "function(feature, layer) {"
        f" var name = feature.properties[{json.dumps(name)}];"
        " if (feature.properties.labelled) {"
        "  layer.bindTooltip(name, {permanent: true, direction: 'right', className: 'town-label', offset: [4, 0]});"
        " } else { layer.bindTooltip(name); } }"
    )


def add_towns(fmap: folium.Map, towns: Layer, name: str) -> None:
    """Every shown town as a dot; cities always named, other towns on hover."""
    remote_geojson(
        towns,
        name="towns",
        marker=folium.CircleMarker(radius=TOWN_STYLE["radius"], fill=True, fill_opacity=TOWN_STYLE["fillOpacity"], color=TOWN_STYLE["color"],
                                   weight=TOWN_STYLE["weight"], fill_color=TOWN_STYLE["fillColor"]),
        on_each_feature=town_labels(name),
        control=False,
    ).add_to(fmap)
    folium.Element(f"<style>.leaflet-tooltip.town-label {{{TOWN_LABEL_CSS}}} .leaflet-tooltip.town-label::before {{display:none}}</style>").add_to(fmap.get_root().header)


def add_orientation_labels(fmap: folium.Map, labels: Layer, name: str) -> None:
    """The neighbours', the sea's, the rivers' and Lake Assad's names, always shown, in the page's
    language (escaped when published), as labels without a marker; a river's name in the water's colour."""
    remote_geojson(
        labels,
        name="labels",
        marker=folium.CircleMarker(radius=0, opacity=0, fill_opacity=0),
        on_each_feature=JsCode(
            "function(feature, layer) {"
            f" layer.bindTooltip(feature.properties[{json.dumps(name)}], {{permanent: true, direction: 'center',"
            " className: 'orientation-label' + (feature.properties.kind === 'river' ? ' river-label' : '')});"
            " }"
        ),
        control=False,
    ).add_to(fmap)
    folium.Element(
        f"<style>.leaflet-tooltip.orientation-label {{{ORIENTATION_LABEL_CSS}}} .leaflet-tooltip.orientation-label::before {{display:none}}"
        f" .leaflet-tooltip.river-label {{{RIVER_LABEL_CSS}}}</style>"
    ).add_to(fmap.get_root().header)
