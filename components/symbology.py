"""How every kind of thing is drawn, in one place: the live map, the legends, the PNG and the
offline HTML page all read their colours, lines, hatching and symbols here, so they cannot drift
apart. Pure data and small pure functions: this module imports nothing from components/ (the
labels are in the catalogue, components.catalogue).
"""

from __future__ import annotations

from typing import NamedTuple

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
KIND_STYLES: dict[str, dict[str, object]] = {
    "frontline": {"fillColor": "#D55E00", "color": "#8A3C00", "weight": 1.5, "fillOpacity": 0.45},
    "deescalation_zone": {"fillColor": "#0072B2", "color": "#0072B2", "weight": 2.5, "fillOpacity": 0.08, "dashArray": "8 6"},
    "demilitarized_zone": {"fillColor": "#CC79A7", "color": "#CC79A7", "weight": 1, "fillOpacity": 0.45},
    "security_corridor": {"fillColor": "#009E73", "color": "#006B4E", "weight": 1, "fillOpacity": 0.45},
    "observation_post": {"fillColor": "#F0E442", "color": "#000000", "weight": 1.5, "fillOpacity": 1.0, "radius": 6},
}
# Drawn bottom to top: broad zones under frontlines under bands under posts.
KIND_ORDER = ("deescalation_zone", "frontline", "demilitarized_zone", "security_corridor", "observation_post")


class Hatch(NamedTuple):
    """Stripes over a light ground of the band's own colour: the two narrow bands then read
    without colour (colour blindness, greyscale print) and the frontline shows through them."""

    angle: int  # of the stripes as seen, degrees anticlockwise from horizontal: 45 rises to the right (/), 135 falls (\)
    stripe: str
    ground_opacity: float
    spacing: float  # CSS pixels from a stripe to the next, across the stripes
    width: float  # CSS pixels, of a stripe


# The one definition of the hatching: components.hatching draws it for Leaflet (SVG) and the
# legends (CSS), components.png_map for matplotlib.
HATCHES: dict[str, Hatch] = {
    "demilitarized_zone": Hatch(angle=45, stripe="#A24F80", ground_opacity=0.22, spacing=8, width=2.5),
    "security_corridor": Hatch(angle=135, stripe="#006B4E", ground_opacity=0.22, spacing=8, width=2.5),
}

# The feature picked in the panel, outlined in black over everything else.
HIGHLIGHT_STYLE = {"color": "#000000", "weight": 4, "dashArray": "2 6", "fillOpacity": 0.0, "fillColor": "#000000"}

# The base map, drawn from data/base/ vectors.
NEIGHBOUR_STYLE = {"fillColor": "#E8E8E8", "color": "#9A9A9A", "weight": 1, "fillOpacity": 1}
SYRIA_STYLE = {"fillColor": "#FFFFFF", "color": "#333333", "weight": 2, "fillOpacity": 1}
GOVERNORATE_STYLE = {"color": "#8C8C8C", "weight": 1, "dashArray": "4 4"}
ROAD_STYLE = {"color": "#555555", "weight": 2.5}
# The lake's outline colour, thin: a river orients, it must not read as a frontline.
RIVER_STYLE = {"color": "#7FA7C4", "weight": 1.5, "opacity": 0.9}
LAKE_STYLE = {"fillColor": "#A9CCE3", "color": "#7FA7C4", "weight": 0.5, "fillOpacity": 1}
# Names that orient a reader (neighbours, the sea, the rivers, Lake Assad): quiet, under the towns' labels.
ORIENTATION_LABEL_CSS = "background:none;border:none;box-shadow:none;font-style:italic;color:#6b6b6b;text-shadow:0 0 3px #fff;padding:0;font-size:13px"
# A river's name: in the water's colour, like the river, so it does not read as a place.
RIVER_LABEL_CSS = "color:#4f7fa6;font-size:12px"
# A town: a white dot ringed in near-black, the same on the map, in the legends and in the PNG.
TOWN_STYLE = {"color": "#222222", "weight": 1, "fillColor": "#FFFFFF", "fillOpacity": 1, "radius": 3}
TOWN_LABEL_CSS = "background:none;border:none;box-shadow:none;font-weight:600;color:#222;text-shadow:0 0 3px #fff;padding:0"
SEA_COLOUR = "#DCE9F0"  # the PNG's sea; the dashboard shows Leaflet's grey

# The reader's own overlay: black and dashed, no fill, so it reads as "yours" over the zones.
OVERLAY_LINE_STYLE = {"color": "#000000", "weight": 2, "dashArray": "6 4", "fill": False, "fillOpacity": 0.0}
OVERLAY_POINT_STYLE = {"color": "#FFFFFF", "weight": 1, "fill": True, "fillColor": "#000000", "fillOpacity": 1.0}
OVERLAY_POINT_RADIUS = 4

# The base layers in the legends, after the kinds: (kind, colour). Their labels are `legend.<kind>`.
BASE_LEGEND: tuple[tuple[str, str], ...] = (
    ("governorate", str(GOVERNORATE_STYLE["color"])),
    ("highway", str(ROAD_STYLE["color"])),
    ("town", str(TOWN_STYLE["fillColor"])),
)


def pattern_id(kind: str) -> str:
    """The id of the SVG `<pattern>` that hatches `kind` (kinds are plain identifiers)."""
    return f"hatch-{kind}"


def leaflet_style(kind: str) -> dict[str, object]:
    """The Leaflet path style of `kind`: a hatched band is filled with its pattern, which carries
    its own opacities, so the path's fill is opaque."""
    style = dict(KIND_STYLES[kind])
    if kind in HATCHES:
        style.update(fillColor=f"url(#{pattern_id(kind)})", fillOpacity=1.0)
    return style
