"""The map of one date as a PNG for briefings: geopandas + matplotlib, no browser, no network.

A Dataset, a date, the reader's Locale and the layers chosen in; PNG bytes out. What is drawn is
geo.view.view_at's view, the same the dashboard shows, so the image honours the chosen layers.
components.png_map draws the map, components.png_text writes its texts.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from components.locale import Locale
from components.png_map import (
    DPI_LIMITS,
    MAP_BOX,
    REFERENCE_INCHES,
    SIZE_LIMITS_PX,
    box_for,
    draw_base,
    draw_features,
    draw_legend,
    draw_locator,
    draw_place_names,
    draw_scale_bar,
    draw_towns,
    map_extent,
    projected,
    set_view,
)
from components.png_text import add_texts
from components.symbology import KIND_ORDER
from geo.dataset import Dataset
from geo.query import in_period, parse_date
from geo.schema import CRS, EQUAL_AREA_CRS, FEATURE_KINDS, PERIOD_END, PERIOD_START
from geo.view import view_at

FONT_CONTEXT = {"font.family": "DejaVu Sans", "text.parse_math": False}


@dataclass(frozen=True)
class RenderedMap:
    """The drawn figure, its main map axes and title, for saving and for tests."""

    figure: Figure
    map_axes: Axes
    title: Text

    def pixel_of(self, longitude: float, latitude: float) -> tuple[int, int]:
        """The (column, row) of a lon/lat in the saved PNG, row 0 at the top."""
        point = gpd.GeoSeries(gpd.points_from_xy([longitude], [latitude]), crs=CRS).to_crs(EQUAL_AREA_CRS)[0]
        x, y = self.map_axes.transData.transform((point.x, point.y))
        return int(x), int(self.figure.bbox.height - y)


def checked_date(date: object) -> dt.date:
    """The date as a `datetime.date`; a malformed date or one off the slider raises ValueError."""
    day = parse_date(date)
    if not in_period(day):
        raise ValueError(f"date {day.isoformat()} is outside the period mapped, {PERIOD_START.isoformat()} to {PERIOD_END.isoformat()}")
    return day


def check_size(width_px: int, height_px: int, dpi: int) -> None:
    """The image's size and resolution are whole numbers within limits (language and digits are
    checked by Locale)."""
    for name, value, (low, high) in (("width_px", width_px, SIZE_LIMITS_PX), ("height_px", height_px, SIZE_LIMITS_PX), ("dpi", dpi, DPI_LIMITS)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")


def render_figure(dataset: Dataset, date: object, locale: Locale = Locale(), *, layers: Iterable[str] = FEATURE_KINDS,
                  width_px: int = 1920, height_px: int = 1080, dpi: int = 150) -> RenderedMap:
    """The briefing map of `date` as a matplotlib figure (no pyplot: nothing global is touched)."""
    view = view_at(dataset, checked_date(date), layers)
    check_size(width_px, height_px, dpi)
    if view.round is None:
        raise ValueError(f"no round or milestone had started by {view.date.isoformat()}")
    shown, base = projected(view.features), dataset.base
    with matplotlib.rc_context(FONT_CONTEXT):
        # The figure keeps matplotlib's do-nothing canvas while drawing: geopandas asks for a redraw
        # after every layer, which an Agg canvas would do in full (10 wasted renders).
        figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
        scale = min(figure.get_figwidth() / REFERENCE_INCHES[0], figure.get_figheight() / REFERENCE_INCHES[1])
        box = box_for(locale, MAP_BOX)
        map_axes = figure.add_axes(box)
        extent = map_extent(shown, (box[2] * figure.get_figwidth()) / (box[3] * figure.get_figheight()))
        draw_base(map_axes, base, scale)
        draw_features(map_axes, shown, scale)
        if "towns" in base:
            draw_towns(map_axes, base["towns"], locale, extent, scale)
        draw_place_names(map_axes, base, locale, extent, scale)
        draw_scale_bar(map_axes, extent, locale, scale)
        set_view(map_axes, extent)
        draw_locator(figure, base, extent, locale, scale)
        draw_legend(figure, [kind for kind in KIND_ORDER if kind in set(shown["kind"])], locale, scale)
        title = add_texts(figure, view.round, view.date, shown, dataset.sources, locale, scale)
    return RenderedMap(figure=figure, map_axes=map_axes, title=title)


def figure_png(figure: Figure) -> bytes:
    """The figure's PNG at its own size (no tight bounding box: the size asked is the size given)."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    with matplotlib.rc_context(FONT_CONTEXT):
        figure.savefig(buffer, format="png", dpi=figure.dpi, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def render_png(dataset: Dataset, date: object, locale: Locale = Locale(), *, layers: Iterable[str] = FEATURE_KINDS,
               width_px: int = 1920, height_px: int = 1080, dpi: int = 150) -> bytes:
    """The briefing map of `date` as PNG bytes of exactly `width_px` x `height_px`."""
    return figure_png(render_figure(dataset, date, locale, layers=layers, width_px=width_px, height_px=height_px, dpi=dpi).figure)
