"""The briefing PNG's texts: Arabic shaping, lines cut to fit, and the title, subtitle, source and
attribution lines, with the type sizes of the whole image.

The words come from components.catalogue, under "png.". Arabic text is reshaped (and put in
visual order when matplotlib cannot), with matplotlib's bundled DejaVu Sans, which has the Arabic
glyphs. components.png draws the map and calls `add_texts` once the map layers are drawn.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

import arabic_reshaper
import bidi
import geopandas as gpd
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from components.locale import Locale

# The subtitle names what changes most first: a long line is cut at its end, in the old zones.
SUBTITLE_ORDER = ("frontline", "security_corridor", "demilitarized_zone", "deescalation_zone", "observation_post")
MAX_SOURCE_NAMES = 7
MAX_PUBLISHER_CHARS = 40
ARABIC = re.compile("[\u0600-\u06ff]")
RIGHT_TO_LEFT_MARK = "\u200f"
# Points at components.png's reference size (1920x1080 at 150 dpi), scaled with the figure; the map's
# labels, legend and scale bar share them, so every size of the image is set in one place.
FONT_SIZES = {"title": 19, "subtitle": 10, "legend": 8.5, "label": 8, "country": 9, "footer": 7.2, "scale": 7.5}


def text(key: str, locale: Locale, **values: object) -> str:
    return locale.t(f"png.{key}", **values)


@lru_cache(maxsize=1)
def matplotlib_orders_bidi() -> bool:
    """Whether matplotlib lays text out with libraqm (3.11+), which applies the bidi algorithm
    itself: python-bidi's visual order would then be reversed a second time (seen in a render)."""
    try:
        from matplotlib import _text_helpers
        from matplotlib.font_manager import FontProperties, fontManager, get_font

        font = get_font(fontManager._find_fonts_by_props(FontProperties(family="DejaVu Sans")))
        font.set_size(12, 72)
        alef, beh = sorted(_text_helpers.layout("\u0627\u0628", font), key=lambda item: item.char != "\u0627")
        return alef.x > beh.x
    except Exception:  # a private helper: if it moved, assume the older left-to-right layout
        return False


def shaped(value: object, locale: Locale) -> str:
    """Text as matplotlib must get it: Arabic letters joined (presentation forms from
    arabic-reshaper) and, where matplotlib does no bidi, in right-to-left visual order."""
    raw = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    if not locale.is_rtl or not ARABIC.search(raw):
        return raw
    lines = [arabic_reshaper.reshape(line) for line in raw.split("\n")]
    if matplotlib_orders_bidi():
        # libraqm takes a line's direction from its first strong letter: the (invisible) right-to-left
        # mark makes a line that opens with a Latin name, such as `M4 ...`, still read right to left.
        return "\n".join(RIGHT_TO_LEFT_MARK + line for line in lines)
    return "\n".join(bidi.get_display(line, base_dir="R") for line in lines)


def cut(value: str, max_chars: int) -> str:
    return value if len(value) <= max_chars else value[: max_chars - 1].rstrip() + "…"


def fit_line(artist: Text, line: str, locale: Locale, max_width_px: float) -> None:
    """Give the artist the longest start of `line` (cut with …) that fits: measured, not guessed,
    since Arabic and Latin letters differ in width."""
    renderer = artist.figure.canvas.get_renderer()
    low, high = 1, len(line)
    artist.set_text(shaped(line, locale))
    if artist.get_window_extent(renderer).width <= max_width_px:
        return
    while low < high:  # the longest fitting cut, by bisection: a dozen measurements at most
        middle = (low + high + 1) // 2
        artist.set_text(shaped(cut(line, middle), locale))
        low, high = (middle, high) if artist.get_window_extent(renderer).width <= max_width_px else (low, middle - 1)
    artist.set_text(shaped(cut(line, low), locale))


def publisher_names(source_ids: list[str], sources: pd.DataFrame | None) -> list[str]:
    """Each source as its publisher (or title), short, without repeats, in the order given."""
    known = sources.set_index("id") if sources is not None else pd.DataFrame()
    names: list[str] = []
    for source_id in source_ids:
        if source_id in known.index:
            row = known.loc[source_id]
            name = row["publisher"] if isinstance(row["publisher"], str) and row["publisher"] else row["title"]
        else:
            name = source_id
        short = cut(re.split(r",| \(", str(name))[0].strip(), MAX_PUBLISHER_CHARS)
        if short not in names:
            names.append(short)
    return names


def listed(names: list[str], locale: Locale, max_names: int) -> str:
    if len(names) <= max_names:
        return locale.list_separator.join(names) or "—"
    return text("more", locale, names=locale.list_separator.join(names[:max_names]), count=len(names) - max_names)


def source_line(current_round: pd.Series, shown: gpd.GeoDataFrame, sources: pd.DataFrame | None, locale: Locale) -> str:
    """The round's sources, then the features' by how many features cite them: publishers only."""
    cited = Counter(source_id for ids in shown["sources"] for source_id in ids)
    by_use = sorted(cited, key=lambda source_id: (-cited[source_id], source_id))
    round_names = publisher_names(list(current_round["sources"]), sources)
    feature_names = [name for name in publisher_names(by_use, sources) if name not in round_names]
    return text("sources", locale, round=listed(round_names, locale, 3), features=listed(feature_names, locale, MAX_SOURCE_NAMES))


def attribution_line(shown: gpd.GeoDataFrame, locale: Locale) -> str:
    counts = shown["confidence"].value_counts()
    parts = [text(level, locale, count=int(counts[level])) for level in ("high", "medium", "low") if level in counts]
    if shown.empty:
        return text("attribution", locale, note=text("no_features", locale))
    note = text("confidence", locale, total=len(shown), counts=locale.list_separator.join(parts))
    # How far the drawn line can be from the real one comes first: a long footer is cut at its end.
    precision = shown.loc[shown["kind"] == "frontline", "precision_km"].dropna() if "precision_km" in shown else []
    if len(precision):
        note = ("؛ " if locale.is_rtl else "; ").join((text("precision", locale, km=locale.digits_of(f"{float(precision.max()):.1f}")), note))
    return text("attribution", locale, note=note)


def subtitle_line(shown: gpd.GeoDataFrame, locale: Locale) -> str:
    """What is on the map by name (areas), posts by count; names are data and shown as plain text."""
    name = locale.field("name")
    areas = shown[shown["kind"] != "observation_post"].copy()
    areas["order"] = areas["kind"].map(SUBTITLE_ORDER.index)
    parts = [str(value) for value in areas.sort_values(["order", "id"], kind="stable")[name]]
    posts = int((shown["kind"] == "observation_post").sum())
    if posts:
        parts.append(text("posts", locale, count=posts))
    return " · ".join(parts) if parts else text("nothing", locale)


def add_texts(figure: Figure, current_round: pd.Series, day: dt.date, shown: gpd.GeoDataFrame, sources: pd.DataFrame | None,
              locale: Locale, scale: float) -> Text:
    """Title, subtitle and the two footer lines, aligned to the reading side; returns the title."""
    x, align = (0.988, "right") if locale.is_rtl else (0.012, "left")
    FigureCanvasAgg(figure)  # to measure text; the map layers are drawn, so no more redraws are asked for
    max_width = 0.976 * figure.bbox.width
    # The chosen digits for the date; a round's own title keeps its digits as written (Astana 22).
    title = f"{locale.text(current_round, 'title')} · {locale.date(day)}"
    lines = (
        (0.955, title, {"fontsize": FONT_SIZES["title"] * scale, "fontweight": "bold"}),
        (0.905, subtitle_line(shown, locale), {"fontsize": FONT_SIZES["subtitle"] * scale, "color": "#333333"}),
        (0.062, source_line(current_round, shown, sources, locale), {"fontsize": FONT_SIZES["footer"] * scale, "color": "#444444"}),
        (0.028, attribution_line(shown, locale), {"fontsize": FONT_SIZES["footer"] * scale, "color": "#444444"}),
    )
    artists = [figure.text(x, y, "", ha=align, va="center", **style) for y, _, style in lines]
    for artist, (_, line, _) in zip(artists, lines):
        fit_line(artist, line, locale, max_width)
    return artists[0]
