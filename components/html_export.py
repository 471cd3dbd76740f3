"""A standalone HTML export: one file with the map and a time control that opens in a browser
with no server and no internet (a journalist's laptop, an email attachment, a demo room).

Everything is inline: Leaflet's JS and CSS from the XStatic-Leaflet package, the page's own
script, and the data as JSON in a `<script type="application/json">` block. The data goes in
through Jinja's `tojson` (which writes `<`, `>`, `&` and `'` as `\\u003c`...), so a name cannot
close the script tag, and the page's script inserts every text as text (textContent, DOM nodes
in tooltips), never as HTML. Static labels are rendered by an autoescaping template.

The page's static text lives in files beside this module, in components/standalone/: the
template (page.html.jinja), its CSS (page.css) and its script (page.js, after
components.hatching's ADD_HATCHING_JS). This module builds the data, checks the inputs and
anything inlined, and assembles the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import jinja2
import numpy as np
import pandas as pd
import shapely
from markupsafe import Markup

from components.hatching import ADD_HATCHING_JS, svg_defs, swatch_background
from components.locale import Locale
from components.symbology import (
    BASE_LEGEND,
    GOVERNORATE_STYLE,
    HATCHES,
    KIND_ORDER,
    KIND_STYLES,
    NEIGHBOUR_STYLE,
    ROAD_STYLE,
    SYRIA_STYLE,
    TOWN_STYLE,
    leaflet_style,
)
from geo.dataset import Dataset
from geo.query import in_period, parse_date
from geo.schema import CRS, FEATURE_KINDS, PERIOD_END, PERIOD_START, SYRIA_BOUNDS
from geo.view import chosen_layers

FEATURE_COLUMNS = ("id", "kind", "name_en", "name_ar", "valid_from", "valid_to", "sources", "confidence", "geometry")
ROUND_COLUMNS = ("id", "start", "title_en", "title_ar")
# About 30 m for the features (their lines are drawn to a few hundred metres at best) and
# about 300 m for the base layers, which are context at country scale. 5 decimals is about 1 m.
FEATURE_TOLERANCE_DEGREES = 0.0003
BASE_TOLERANCE_DEGREES = 0.003
COORDINATE_DECIMALS = 5
# Neighbours are cut to a box around Syria: Turkey's and Iraq's far ends only add bytes.
NEIGHBOUR_MARGIN_DEGREES = 4.0
PLAY_INTERVAL_MS = 1200
STANDALONE_DIR = Path(__file__).resolve().parent / "standalone"
BASE_SWATCHES = {"governorate": "dashed-line", "highway": "line", "town": "circle"}
# The page's own texts live in components.catalogue, under "html.".
UI_TEXT_KEYS = ("title", "play", "pause", "slider", "round", "none", "count", "name", "valid", "sources", "confidence", "legend", "credits", "precision")


def ui_text(locale: Locale) -> dict[str, str]:
    # `{km}` stays a placeholder: the page's script fills it with the precision of the line shown.
    return {key: locale.t(f"html.{key}", km="{km}") if key == "precision" else locale.t(f"html.{key}") for key in UI_TEXT_KEYS}


def standalone_html(dataset: Dataset, start_date: object, locale: Locale = Locale(), layers: Iterable[str] = FEATURE_KINDS) -> str:
    """The whole page as one HTML text, opening on `start_date`, with the features of the chosen
    `layers` (every date, for its own slider), its texts, dates and counts in the reader's locale.

    The base layers are the dataset's: `countries` (required), `governorates`, `roads`, and
    `towns` from geo.control.towns_for_map (its `labelled` towns are always named).
    """
    features, rounds, base = chosen_layers(dataset.features, layers), dataset.rounds, dataset.base
    day = _check_inputs(features, rounds, base, start_date)
    language, digits = locale.language, locale.digits
    payload = {
        "language": language,
        "period": {"start": PERIOD_START.isoformat(), "end": PERIOD_END.isoformat()},
        "startDate": day.isoformat(),
        "bounds": [[SYRIA_BOUNDS[1], SYRIA_BOUNDS[0]], [SYRIA_BOUNDS[3], SYRIA_BOUNDS[2]]],
        "months": list(locale.months()),
        "digits": digits,
        "playIntervalMs": PLAY_INTERVAL_MS,
        "kindOrder": list(KIND_ORDER),
        "styles": {"features": {kind: leaflet_style(kind) for kind in KIND_STYLES}, "base": _base_styles()},
        "hatching": svg_defs(),
        "text": ui_text(locale),
        "rounds": _round_records(rounds, locale),
        "features": _feature_collection(features),
        "base": _base_layers(base, locale),
    }
    leaflet_js, leaflet_css = leaflet_assets()
    page_js, page_css = page_assets()
    return _template().render(
        language=language,
        direction=locale.direction,
        text=ui_text(locale),
        legend=legend_items(locale),
        period_days=(PERIOD_END - PERIOD_START).days,
        start_index=(day - PERIOD_START).days,
        payload=payload,
        leaflet_js=leaflet_js,
        leaflet_css=leaflet_css,
        page_css=page_css,
        page_js=page_js,
    )


def _check_inputs(features: gpd.GeoDataFrame, rounds: pd.DataFrame, base: dict, start_date: object) -> dt.date:
    """Fail in Python with a message naming what arrived, not with a blank page in a browser."""
    for frame, columns, label in ((features, FEATURE_COLUMNS, "features"), (rounds, ROUND_COLUMNS, "rounds")):
        missing = [column for column in columns if column not in frame.columns]
        if missing:
            raise ValueError(f"{label} lack the column(s) {', '.join(missing)}")
    if "countries" not in base:
        raise ValueError(f"base needs a 'countries' layer; got {sorted(base) or 'none'}")
    day = parse_date(start_date)
    if not in_period(day):
        raise ValueError(f"start date {day.isoformat()} is outside the period {PERIOD_START.isoformat()}..{PERIOD_END.isoformat()}")
    return day


def display_geometry(geometry: shapely.Geometry, tolerance: float) -> dict[str, Any]:
    """A GeoJSON geometry simplified for the screen, coordinates rounded to 5 decimals."""
    simplified = geometry.simplify(tolerance, preserve_topology=True) if tolerance else geometry
    rounded = shapely.transform(simplified, lambda coordinates: np.round(coordinates, COORDINATE_DECIMALS))
    return shapely.geometry.mapping(rounded)


def _collection(frame: gpd.GeoDataFrame, properties: Callable[[pd.Series], dict[str, Any]], tolerance: float) -> dict[str, Any]:
    frame = frame.to_crs(CRS) if frame.crs is not None and frame.crs.to_string() != CRS else frame
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    features = [
        {"type": "Feature", "properties": properties(row), "geometry": display_geometry(row.geometry, tolerance)}
        for _, row in frame.iterrows()
    ]
    return {"type": "FeatureCollection", "features": features}


def _iso_or_none(value: object) -> str | None:
    return pd.Timestamp(value).date().isoformat() if pd.notna(value) else None


def _feature_properties(row: pd.Series) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "kind": str(row["kind"]),
        "name_en": str(row["name_en"]),
        "name_ar": str(row["name_ar"]),
        "valid_from": _iso_or_none(row["valid_from"]),
        "valid_to": _iso_or_none(row["valid_to"]),  # None: still in force at the end of the period
        "sources": [str(source) for source in row["sources"]],
        "confidence": str(row["confidence"]),
        # Frontlines: km between neighbouring tracked places across the line; None for the rest.
        "precision_km": float(row["precision_km"]) if pd.notna(row.get("precision_km")) else None,
    }


def _feature_collection(features: gpd.GeoDataFrame) -> dict[str, Any]:
    unknown = sorted(set(features["kind"]) - set(KIND_STYLES))
    if unknown:
        raise ValueError(f"features have kinds with no style in components.symbology.KIND_STYLES: {unknown}")
    return _collection(features, _feature_properties, FEATURE_TOLERANCE_DEGREES)


def _round_records(rounds: pd.DataFrame, locale: Locale) -> list[dict[str, str]]:
    ordered = rounds.sort_values("start", kind="stable")
    title = locale.field("title")
    return [{"id": str(row["id"]), "start": _iso_or_none(row["start"]), "title": str(row[title])} for _, row in ordered.iterrows()]


def _base_layers(base: dict[str, gpd.GeoDataFrame], locale: Locale) -> dict[str, Any]:
    name = locale.field("name")
    countries = base["countries"]
    west, south, east, north = SYRIA_BOUNDS
    margin = NEIGHBOUR_MARGIN_DEGREES
    neighbours = countries[countries["code"] != "SYR"].clip((west - margin, south - margin, east + margin, north + margin))
    no_properties: Callable[[pd.Series], dict[str, Any]] = lambda row: {}
    layers = {
        "neighbours": _collection(neighbours, no_properties, BASE_TOLERANCE_DEGREES),
        "syria": _collection(countries[countries["code"] == "SYR"], no_properties, BASE_TOLERANCE_DEGREES),
    }
    for layer in ("governorates", "roads"):
        if layer in base:
            layers[layer] = _collection(base[layer], no_properties, BASE_TOLERANCE_DEGREES)
    if "towns" in base:
        towns = base["towns"]
        labelled = towns["labelled"] if "labelled" in towns.columns else pd.Series(False, index=towns.index)
        town_properties = lambda row: {"name": str(row[name]), "labelled": bool(labelled[row.name])}
        layers["towns"] = _collection(towns, town_properties, 0)
    return layers


def _base_styles() -> dict[str, dict[str, object]]:
    # Governorate boundaries are lines; `fill: false` keeps Leaflet from filling a closed ring.
    return {
        "neighbours": NEIGHBOUR_STYLE,
        "syria": SYRIA_STYLE,
        "governorates": {**GOVERNORATE_STYLE, "fill": False},
        "roads": {**ROAD_STYLE, "fill": False},
        "towns": TOWN_STYLE,
    }


def legend_items(locale: Locale) -> list[dict[str, object]]:
    """The legend in drawing order, from components.symbology's styles and the catalogue's labels,
    then the base layers."""
    items: list[dict[str, object]] = []
    for kind in KIND_ORDER:
        style = KIND_STYLES[kind]
        items.append({
            "kind": kind,
            "label": locale.t(f"kind.{kind}"),
            "shape": "circle" if kind == "observation_post" else "box",
            "fill": swatch_background(kind, str(style["fillColor"])),
            "stroke": style["color"],
            # a band's hatching carries its own opacities, as on the map
            "opacity": 1 if kind in HATCHES else style["fillOpacity"],
            "dashed": "dashArray" in style,
        })
    for kind, colour in BASE_LEGEND:
        shape = BASE_SWATCHES.get(kind, "line")
        items.append({"kind": kind, "label": locale.t(f"legend.{kind}"), "shape": shape.removeprefix("dashed-"),
                      "fill": colour, "stroke": "#222222" if shape == "circle" else colour, "opacity": 1,
                      "dashed": shape.startswith("dashed")})
    return items


SOURCE_MAP_COMMENT = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def leaflet_assets(package_dir: Path | None = None) -> tuple[Markup, Markup]:
    """Leaflet's JS and CSS as text to inline. The source-map comment is dropped (the map file is
    not shipped), and a text that would close its tag is refused rather than shipped broken."""
    if package_dir is None:
        import xstatic.pkg.leaflet as xstatic_leaflet  # the same Leaflet 1.9.3 the dashboard serves

        package_dir = Path(xstatic_leaflet.BASE_DIR)
    directory = package_dir
    script = SOURCE_MAP_COMMENT.sub("", (directory / "leaflet.js").read_text(encoding="utf-8"))
    style = (directory / "leaflet.css").read_text(encoding="utf-8")
    return _inlinable(script, "script", f"{directory}/leaflet"), _inlinable(style, "style", f"{directory}/leaflet")


def _inlinable(text: str, tag: str, origin: str) -> Markup:
    """`text` as Markup to put between `<tag>` and `</tag>`, refused if it would close the tag early."""
    if f"</{tag}" in text.lower():
        raise ValueError(f"{origin}: the {tag} contains '</{tag}' and cannot be inlined")
    return Markup(text)


def _standalone_text(name: str) -> str:
    return (STANDALONE_DIR / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def page_assets() -> tuple[Markup, Markup]:
    """The page's own script and CSS, read once and checked like Leaflet's: the files are edited
    by hand, and a stray `</script>` in one would cut the page short."""
    # day_layer.js is shared with the dashboard's map while its date handle moves (components.live_date),
    # day_words.js with its time control (components.date_control).
    script = "\n".join((ADD_HATCHING_JS, _standalone_text("day_layer.js"), _standalone_text("day_words.js"), _standalone_text("page.js")))
    style = "\n" + _standalone_text("page.css")
    return _inlinable(script, "script", f"{STANDALONE_DIR}/page.js"), _inlinable(style, "style", f"{STANDALONE_DIR}/page.css")


@functools.lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    # Arabic stays readable and the file small; tojson still escapes <, >, & and '.
    environment.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return environment.from_string(_standalone_text("page.html.jinja"))
