"""The briefing PNG's map, drawn with geopandas and matplotlib: base, features, towns, names,
scale bar, locator and legend, in the styles of components.symbology (so the PNG and the dashboard
cannot drift apart). components.png holds the entry points; components.png_text the texts.
Sizes are tuned for 1920x1080 at 150 dpi and scale with the figure.
"""

from __future__ import annotations

import math
import textwrap

import geopandas as gpd
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from components.legend import legend_entries
from components.locale import Locale
from components.png_text import FONT_SIZES, shaped, text
from components.symbology import (
    GOVERNORATE_STYLE, HATCHES, KIND_ORDER, KIND_STYLES, LAKE_STYLE, NEIGHBOUR_STYLE, RIVER_STYLE, ROAD_STYLE, SEA_COLOUR, SYRIA_STYLE, TOWN_STYLE, Hatch,
)
from geo.schema import CRS, EQUAL_AREA_CRS, SYRIA_BOUNDS

REFERENCE_INCHES = (12.8, 7.2)  # 1920x1080 at 150 dpi: every size below, and png_text.FONT_SIZES, is tuned for it
# Leaflet sizes are CSS pixels; at the reference size one image pixel is 72 * 12.8 / 1920 points.
POINTS_PER_PIXEL = 0.48
SIZE_LIMITS_PX = (320, 10_000)
DPI_LIMITS = (50, 600)
# Idlib, western Aleppo, northern Hama and the Latakia hills: every feature after mid-2018 lies here.
NORTH_WEST_BOUNDS = (35.75, 35.05, 37.55, 36.75)
LABEL_ROOM = 0.08  # of the map's width: a city nearer the edge than this on its label's side is not named
MARGIN = 0.06  # of the extent, around the features
# Figure fractions (left, bottom, width, height) for English; Arabic mirrors them left to right.
MAP_BOX = (0.012, 0.105, 0.70, 0.765)
LOCATOR_BOX = (0.735, 0.555, 0.25, 0.315)
LEGEND_TOP = 0.53
LEGEND_WRAP_CHARS = 42  # the side column holds about 46 characters of legend text
# matplotlib's hatch characters by the angle of their lines, as in components.symbology.Hatch.
HATCH_CHARACTERS = {0: "-", 45: "/", 90: "|", 135: "\\"}
# A hatch character draws this many lines across a one-inch tile; diagonal ones lie sqrt(2) closer.
MATPLOTLIB_HATCH_DENSITY = 6


def projected(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    return frame.to_crs(EQUAL_AREA_CRS)


def fitted(bounds: tuple[float, float, float, float], aspect: float) -> tuple[float, float, float, float]:
    """Bounds grown around their centre to a width/height ratio, so x and y keep one scale."""
    west, south, east, north = bounds
    width, height = east - west, north - south
    width, height = max(width, height * aspect), max(height, width / aspect)
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    return centre_x - width / 2, centre_y - height / 2, centre_x + width / 2, centre_y + height / 2


def map_extent(shown: gpd.GeoDataFrame, aspect: float) -> tuple[float, float, float, float]:
    """The north-west, grown to every feature in force (the 2017 zones reach Damascus and Daraa)."""
    area = gpd.GeoSeries([shapely.box(*NORTH_WEST_BOUNDS)], crs=CRS).to_crs(EQUAL_AREA_CRS)
    west, south, east, north = pd.concat([area, shown.geometry]).total_bounds
    pad = MARGIN * max(east - west, north - south)
    return fitted((west - pad, south - pad, east + pad, north + pad), aspect)


def box_for(locale: Locale, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    left, bottom, width, height = box
    return (1 - left - width, bottom, width, height) if locale.is_rtl else box


def set_view(axes: Axes, extent: tuple[float, float, float, float]) -> None:
    """Exact limits (already at the axes' aspect) and no ticks; the axes' face is the sea."""
    axes.set_xlim(extent[0], extent[2])
    axes.set_ylim(extent[1], extent[3])
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_xlabel("")  # geopandas names the projected axes; a map does not
    axes.set_ylabel("")
    axes.set_facecolor(SEA_COLOUR)
    for spine in axes.spines.values():
        spine.set_edgecolor("#555555")


def draw_base(axes: Axes, base: dict[str, gpd.GeoDataFrame], scale: float) -> None:
    """Neighbours, Syria, Lake Assad and the two rivers, governorate lines and the M4/M5, under the
    features as on the dashboard."""
    countries = projected(base["countries"])
    for frame, style, order in ((countries[countries["code"] != "SYR"], NEIGHBOUR_STYLE, 1), (countries[countries["code"] == "SYR"], SYRIA_STYLE, 2)):
        frame.plot(ax=axes, facecolor=style["fillColor"], edgecolor=style["color"], linewidth=line_width(style, scale), zorder=order)
    if "lakes" in base:
        projected(base["lakes"]).plot(ax=axes, facecolor=LAKE_STYLE["fillColor"], edgecolor=LAKE_STYLE["color"],
                                      linewidth=line_width(LAKE_STYLE, scale), zorder=2.2)
    if "rivers" in base:
        projected(base["rivers"]).plot(ax=axes, color=RIVER_STYLE["color"], linewidth=line_width(RIVER_STYLE, scale), zorder=2.4)
    if "governorates" in base:
        projected(base["governorates"]).plot(ax=axes, color=GOVERNORATE_STYLE["color"], linewidth=line_width(GOVERNORATE_STYLE, scale),
                                             linestyle=dashes(GOVERNORATE_STYLE, scale), zorder=3)
    if "roads" in base:
        projected(base["roads"]).plot(ax=axes, color=ROAD_STYLE["color"], linewidth=line_width(ROAD_STYLE, scale), zorder=4)


def line_width(style: dict[str, object], scale: float) -> float:
    return float(style.get("weight", 1)) * POINTS_PER_PIXEL * scale


def dashes(style: dict[str, object], scale: float) -> str | tuple[int, tuple[float, ...]]:
    """Leaflet's `dashArray` (pixels) as a matplotlib dash pattern (in line widths)."""
    if "dashArray" not in style:
        return "solid"
    width = line_width(style, scale)
    return 0, tuple(float(part) * POINTS_PER_PIXEL * scale / width for part in str(style["dashArray"]).split())


def hatch_pattern(hatch: Hatch, scale: float) -> str:
    """The matplotlib `hatch` for a band: its character repeated to come near the map's spacing."""
    if hatch.angle not in HATCH_CHARACTERS:
        raise ValueError(f"matplotlib hatches only at {sorted(HATCH_CHARACTERS)} degrees, got {hatch.angle!r}")
    spacing_inches = hatch.spacing * POINTS_PER_PIXEL * scale / 72
    lines_per_character = MATPLOTLIB_HATCH_DENSITY / (math.sqrt(2) if hatch.angle % 90 else 1)
    return HATCH_CHARACTERS[hatch.angle] * max(1, round(1 / spacing_inches / lines_per_character))


def fill_style(kind: str, scale: float) -> dict[str, object]:
    """Fill keywords for a polygon of `kind` (geopandas passes them to matplotlib): the colour, or
    for a band the light ground and stripes of its hatching."""
    style, hatch = KIND_STYLES[kind], HATCHES.get(kind)
    if hatch is None:
        return {"facecolor": to_rgba(str(style["fillColor"]), float(style["fillOpacity"]))}
    return {"facecolor": to_rgba(str(style["fillColor"]), hatch.ground_opacity), "hatch": hatch_pattern(hatch, scale),
            "hatchcolor": hatch.stripe, "hatch_linewidth": hatch.width * POINTS_PER_PIXEL * scale}


def draw_features(axes: Axes, shown: gpd.GeoDataFrame, scale: float) -> None:
    """The features in force, bottom to top in the dashboard's order, in its colours and hatching."""
    for order, kind in enumerate(KIND_ORDER, start=5):
        of_kind, style = shown[shown["kind"] == kind], KIND_STYLES[kind]
        if of_kind.empty:
            continue
        if kind == "observation_post":
            fill = to_rgba(str(style["fillColor"]), float(style["fillOpacity"]))
            diameter = 2 * float(style["radius"]) * POINTS_PER_PIXEL * scale
            of_kind.plot(ax=axes, marker="o", markersize=diameter**2, color=fill, edgecolor=style["color"],
                         linewidth=line_width(style, scale), zorder=order + 2)
        else:
            of_kind.plot(ax=axes, **fill_style(kind, scale), edgecolor=style["color"], linewidth=line_width(style, scale),
                         linestyle=dashes(style, scale), zorder=order)


def halo(scale: float) -> list[patheffects.AbstractPathEffect]:
    return [patheffects.withStroke(linewidth=2.4 * scale, foreground="white")]


def city_labels_apart(cities: gpd.GeoDataFrame, extent: tuple) -> gpd.GeoDataFrame:
    """The cities to name, biggest first, skipping one whose label would overlap a bigger one's
    (Douma beside Damascus): a label is about LABEL_ROOM of the map wide and 3% of it high."""
    width, height = extent[2] - extent[0], extent[3] - extent[1]
    kept: list[int] = []
    for index, point in cities.sort_values("population", ascending=False, kind="stable").geometry.items():
        if all(abs(point.x - cities.geometry[other].x) > LABEL_ROOM * width or abs(point.y - cities.geometry[other].y) > 0.03 * height for other in kept):
            kept.append(index)
    return cities.loc[kept]


def draw_towns(axes: Axes, towns: gpd.GeoDataFrame, locale: Locale, extent: tuple, scale: float) -> None:
    """Every tracked town and city as a dot; cities named on the reading side, away from the edge."""
    towns = projected(towns)
    towns = towns[towns.within(shapely.box(*extent))]
    towns.plot(ax=axes, marker="o", markersize=(2 * TOWN_STYLE["radius"] * POINTS_PER_PIXEL * scale) ** 2, color=TOWN_STYLE["fillColor"],
               edgecolor=TOWN_STYLE["color"], linewidth=0.5 * scale, zorder=9)
    width, arabic = extent[2] - extent[0], locale.is_rtl
    room = (towns.geometry.x > extent[0] + LABEL_ROOM * width) if arabic else (towns.geometry.x < extent[2] - LABEL_ROOM * width)
    for town in city_labels_apart(towns[towns["labelled"] & room], extent).itertuples():
        label = town.name_ar if arabic and pd.notna(town.name_ar) else town.name_en  # seven GeoNames towns lack an Arabic name
        axes.text(town.geometry.x + (-0.006 if arabic else 0.006) * width, town.geometry.y, shaped(label, locale),
                  fontsize=FONT_SIZES["label"] * scale, fontweight="bold", color="#222222", ha="right" if arabic else "left",
                  va="center", path_effects=halo(scale), zorder=12, clip_on=True)


def draw_place_names(axes: Axes, base: dict[str, gpd.GeoDataFrame], locale: Locale, extent: tuple, scale: float) -> None:
    """Neighbours' names where enough of them is in view, and the M4/M5 numbers on their roads."""
    name, view = locale.field("name"), shapely.box(*extent)
    countries = projected(base["countries"])
    for country in countries[countries["code"] != "SYR"].itertuples():
        visible = country.geometry.intersection(view)
        if visible.area > 0.02 * view.area:
            point = visible.representative_point()
            axes.text(point.x, point.y, shaped(getattr(country, name), locale), fontsize=FONT_SIZES["country"] * scale,
                      color="#777777", ha="center", va="center", zorder=11, clip_on=True)
    for road in projected(base["roads"]).itertuples() if "roads" in base else ():
        visible = road.geometry.intersection(view)
        if not visible.is_empty:
            point = visible.interpolate(0.5, normalized=True)
            axes.text(point.x, point.y, str(road.code), fontsize=FONT_SIZES["label"] * scale, fontweight="bold", color="white",
                      ha="center", va="center", zorder=10, clip_on=True,
                      bbox={"boxstyle": "round,pad=0.2", "facecolor": ROAD_STYLE["color"], "edgecolor": "none"})


def nice_length_km(span_m: float) -> int:
    """A round scale-bar length near a fifth of the map's width: 1, 2 or 5 times a power of ten."""
    target = span_m / 5 / 1000
    candidates = [step * 10**power for power in range(0, 4) for step in (1, 2, 5)]
    return max([length for length in candidates if length <= target] or [1])


def draw_scale_bar(axes: Axes, extent: tuple, locale: Locale, scale: float) -> None:
    """Four alternating segments in map metres. The equal-area projection keeps distances within
    0.3% across the north-west (standard parallels 33 and 37 N), well inside a bar's precision."""
    west, south, east, north = extent
    length_km = nice_length_km(east - west)
    length_m, height = length_km * 1000, 0.012 * (north - south)
    start = east - 0.03 * (east - west) - length_m if locale.is_rtl else west + 0.03 * (east - west)
    base_y = south + 0.04 * (north - south)
    for index in range(4):
        axes.add_patch(Rectangle((start + index * length_m / 4, base_y), length_m / 4, height, facecolor="#222222" if index % 2 == 0 else "white",
                                 edgecolor="#222222", linewidth=0.6 * scale, zorder=13))
    for position, label in ((0, locale.number(0)), (length_m, text("km", locale, length=length_km))):
        axes.text(start + position, base_y + 1.6 * height, shaped(label, locale), fontsize=FONT_SIZES["scale"] * scale,
                  ha="center", va="bottom", path_effects=halo(scale), zorder=13)


def draw_locator(figure: Figure, base: dict[str, gpd.GeoDataFrame], extent: tuple, locale: Locale, scale: float) -> None:
    """A small map of all Syria in the top corner, with the main map's extent as a rectangle."""
    left, bottom, width, height = box_for(locale, LOCATOR_BOX)
    axes = figure.add_axes((left, bottom, width, height))
    syria_area = gpd.GeoSeries([shapely.box(*SYRIA_BOUNDS)], crs=CRS).to_crs(EQUAL_AREA_CRS)
    west, south, east, north = syria_area.total_bounds
    pad = 0.05 * (east - west)
    aspect = (width * figure.get_figwidth()) / (height * figure.get_figheight())
    view = fitted((west - pad, south - pad, east + pad, north + pad), aspect)
    countries = projected(base["countries"])
    countries[countries["code"] != "SYR"].plot(ax=axes, facecolor=NEIGHBOUR_STYLE["fillColor"], edgecolor=NEIGHBOUR_STYLE["color"], linewidth=0.4 * scale)
    countries[countries["code"] == "SYR"].plot(ax=axes, facecolor=SYRIA_STYLE["fillColor"], edgecolor=SYRIA_STYLE["color"], linewidth=0.8 * scale)
    axes.add_patch(Rectangle((extent[0], extent[1]), extent[2] - extent[0], extent[3] - extent[1], fill=False,
                             edgecolor="#C0392B", linewidth=1.6 * scale, zorder=5))
    set_view(axes, view)


def legend_handle(kind: str, scale: float) -> Patch | Line2D:
    """A swatch drawn like the layer, from components.symbology."""
    if kind in KIND_STYLES and kind != "observation_post":
        style = KIND_STYLES[kind]
        return Patch(**fill_style(kind, scale), edgecolor=str(style["color"]), linewidth=line_width(style, scale),
                     linestyle=dashes(style, scale))
    if kind in ("observation_post", "town"):
        style = KIND_STYLES["observation_post"] if kind == "observation_post" else TOWN_STYLE
        return Line2D([], [], linestyle="none", marker="o", markersize=2 * float(style["radius"]) * POINTS_PER_PIXEL * scale,
                      markerfacecolor=str(style["fillColor"]), markeredgecolor=str(style["color"]), markeredgewidth=line_width(style, scale))
    style = GOVERNORATE_STYLE if kind == "governorate" else ROAD_STYLE
    return Line2D([], [], color=str(style["color"]), linewidth=line_width(style, scale), linestyle=dashes(style, scale))


def draw_legend(figure: Figure, kinds: list[str], locale: Locale, scale: float) -> None:
    """Only the kinds shown, with the dashboard's labels, then the base layers; mirrored in Arabic."""
    entries = legend_entries(kinds, locale, with_base=True)
    labels = [shaped("\n".join(textwrap.wrap(label, LEGEND_WRAP_CHARS)), locale) for _, label, _ in entries]
    arabic = locale.is_rtl
    left, _, width, _ = box_for(locale, LOCATOR_BOX)
    figure.legend([legend_handle(kind, scale) for kind, _, _ in entries], labels, loc="upper right" if arabic else "upper left",
                  bbox_to_anchor=(left + width if arabic else left, LEGEND_TOP), frameon=False, fontsize=FONT_SIZES["legend"] * scale,
                  markerfirst=not arabic, alignment="right" if arabic else "left", handlelength=2.2, labelspacing=0.9, borderaxespad=0)
