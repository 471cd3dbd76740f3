"""The hatching of the narrow bands, drawn from components.symbology.HATCHES for every output that
shows it: SVG patterns for Leaflet (the dashboard and the HTML export) and CSS for the legends.

Leaflet draws paths in an `<svg>` it creates lazily, one per pane, and a path's `fill` can only
be `url(#id)` of a pattern in the document: the patterns are put into that `<svg>` from the
map's own script, whenever a layer is added, so they are there before the first band is drawn
and still there after any redraw.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from branca.element import MacroElement
from folium.template import Template
from matplotlib.colors import to_rgb

from components.symbology import HATCHES, KIND_STYLES, TOWN_STYLE, Hatch, pattern_id

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
DEFS_CLASS = "hatching"
# folium draws every GeoJson in Leaflet's default pane unless told otherwise.
DASHBOARD_PANE = "overlayPane"

# Parsed as SVG (not HTML) so the elements land in the SVG namespace; on every `layeradd`,
# because Leaflet makes a pane's <svg> with the first path drawn in it.
ADD_HATCHING_JS = """
function addHatching(map, defsMarkup, paneName) {
  function ensure() {
    var pane = map.getPane(paneName);
    var svg = pane && pane.querySelector(":scope > svg");
    if (!svg || svg.querySelector(":scope > defs.%(defs_class)s")) { return; }
    var defs = new DOMParser().parseFromString(defsMarkup, "image/svg+xml").documentElement;
    svg.insertBefore(document.importNode(defs, true), svg.firstChild);
  }
  map.on("layeradd", ensure);
  ensure();
}
""" % {"defs_class": DEFS_CLASS}


def svg_rotation(hatch: Hatch) -> float:
    """The pattern's `rotate()`: its tile holds an upright stripe (90 degrees), and SVG turns
    clockwise on screen, its y axis pointing down."""
    return 90 - hatch.angle


def css_angle(hatch: Hatch) -> float:
    """The angle of a CSS gradient whose stripes lie at `hatch.angle`: CSS measures the gradient's
    direction, across the stripes, clockwise from up."""
    return (180 - hatch.angle) % 360


def rgba(colour: str, opacity: float) -> str:
    red, green, blue = (round(channel * 255) for channel in to_rgb(colour))
    return f"rgba({red}, {green}, {blue}, {opacity:g})"


def pattern_element(kind: str, hatch: Hatch) -> ElementTree.Element:
    """One `<pattern>`: a tile of the band's colour, light, with an upright stripe, turned."""
    spacing = f"{hatch.spacing:g}"
    pattern = ElementTree.Element(f"{{{SVG_NAMESPACE}}}pattern", {
        "id": pattern_id(kind), "patternUnits": "userSpaceOnUse", "width": spacing, "height": spacing,
        "patternTransform": f"rotate({svg_rotation(hatch):g})",
    })
    ElementTree.SubElement(pattern, f"{{{SVG_NAMESPACE}}}rect", {
        "width": spacing, "height": spacing, "fill": str(KIND_STYLES[kind]["fillColor"]), "fill-opacity": f"{hatch.ground_opacity:g}",
    })
    ElementTree.SubElement(pattern, f"{{{SVG_NAMESPACE}}}rect", {"width": f"{hatch.width:g}", "height": spacing, "fill": hatch.stripe})
    return pattern


def svg_defs() -> str:
    """A `<defs>` with one pattern per hatched kind, as SVG markup."""
    ElementTree.register_namespace("", SVG_NAMESPACE)
    defs = ElementTree.Element(f"{{{SVG_NAMESPACE}}}defs", {"class": DEFS_CLASS})
    defs.extend(pattern_element(kind, hatch) for kind, hatch in HATCHES.items())
    return ElementTree.tostring(defs, encoding="unicode")


def swatch_background(kind: str, colour: str) -> str:
    """A legend swatch's CSS `background`: the map's hatching for a band, else the plain colour."""
    hatch = HATCHES.get(kind)
    if hatch is None:
        return colour
    ground = rgba(str(KIND_STYLES[kind]["fillColor"]), hatch.ground_opacity)
    return (f"repeating-linear-gradient({css_angle(hatch):g}deg, {hatch.stripe} 0 {hatch.width:g}px, "
            f"{ground} {hatch.width:g}px {hatch.spacing:g}px)")


# The base layers' swatches: a line for the boundaries and roads (dashed like the governorates on
# the map), a ringed dot for the towns.
BASE_SWATCH_CSS = {
    "governorate": "height:0;border-top:2px dashed {colour};border-radius:0",
    "highway": "height:0;border-top:3px solid {colour};border-radius:0",
    "town": f"background:{TOWN_STYLE['fillColor']};border:1.5px solid {TOWN_STYLE['color']};border-radius:50%",
}


def swatch_css(kind: str, colour: str) -> str:
    """The CSS of a legend swatch drawn as the map draws `kind`: its fill at the map's opacity (or
    its hatching), its outline's colour and dashes, a dot for the observation posts."""
    if kind in BASE_SWATCH_CSS:
        return BASE_SWATCH_CSS[kind].format(colour=colour)
    style = KIND_STYLES.get(kind, {})
    background = swatch_background(kind, colour) if kind in HATCHES or not style else rgba(colour, float(style["fillOpacity"]))
    outline = f"2px {'dashed' if 'dashArray' in style else 'solid'} {style.get('color', '#333333')}"
    shape = "border-radius:50%" if "radius" in style else "border-radius:0"
    return f"background:{background};border:{outline};{shape}"


class Hatching(MacroElement):
    """Puts the band patterns into the SVG of the pane the features are drawn in. Added to the
    base map, which the dashboard builds once: the feature layer redrawn at each slider step
    draws into the same `<svg>`, whose patterns stay."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.function }}
        addHatching({{ this._parent.get_name() }}, {{ this.defs|tojson }}, {{ this.pane|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, pane: str = DASHBOARD_PANE) -> None:
        super().__init__()
        self._name = "Hatching"
        self.function = ADD_HATCHING_JS
        self.defs = svg_defs()
        self.pane = pane
