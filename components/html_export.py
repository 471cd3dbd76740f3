"""A standalone HTML export: one file with the map and a time control that opens in a browser
with no server and no internet (a journalist's laptop, an email attachment, a demo room).

Everything is inline: Leaflet's JS and CSS from the XStatic-Leaflet package, the page's own
script, and the data as JSON in a `<script type="application/json">` block. The data goes in
through Jinja's `tojson` (which writes `<`, `>`, `&` and `'` as `\\u003c`...), so a name cannot
close the script tag, and the page's script inserts every text as text (textContent, DOM nodes
in tooltips), never as HTML. Static labels are rendered by an autoescaping template.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import jinja2
import numpy as np
import pandas as pd
import shapely
from markupsafe import Markup

from components.basemap import GOVERNORATE_STYLE, NEIGHBOUR_STYLE, ROAD_STYLE, SYRIA_STYLE, TOWN_RADIUS
from components.hatching import ADD_HATCHING_JS, svg_defs, swatch_background
from components.i18n import DIGIT_STYLES, t
from components.map import BASE_LEGEND, HATCHES, KIND_LABELS, KIND_ORDER, KIND_STYLES, leaflet_style
from geo.dates import MONTHS_AR, MONTHS_EN
from geo.query import in_period, parse_date
from geo.schema import CRS, PERIOD_END, PERIOD_START, SYRIA_BOUNDS

LANGUAGES = ("en", "ar")
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
TOWN_STYLE = {"color": "#222222", "weight": 1, "fillColor": "#FFFFFF", "fillOpacity": 1, "radius": TOWN_RADIUS}
BASE_SWATCHES = {"governorate": "dashed-line", "highway": "line", "town": "circle"}
# The page's own texts live in components.i18n's catalogue, under "html.".
UI_TEXT_KEYS = ("title", "play", "pause", "slider", "round", "none", "count", "name", "valid", "sources", "confidence", "legend", "credits")


def ui_text(language: str) -> dict[str, str]:
    return {key: t(f"html.{key}", language) for key in UI_TEXT_KEYS}


def standalone_html(
    features: gpd.GeoDataFrame,
    rounds: pd.DataFrame,
    base: dict[str, gpd.GeoDataFrame],
    *,
    start_date: object,
    language: str = "en",
    digits: str = "latin",
) -> str:
    """The whole page as one HTML text, opening on `start_date`, its dates and counts in Latin or
    Arabic-Indic `digits`.

    `base` is what the dashboard draws: `countries` (required), `governorates`, `roads`, and
    `towns` from geo.control.towns_for_map (its `labelled` towns are always named).

    >>> standalone_html(load_features(), load_rounds(), base, start_date="2020-03-06")  # doctest: +SKIP
    """
    day = _check_inputs(features, rounds, base, start_date, language)
    if digits not in DIGIT_STYLES:
        raise ValueError(f"digits must be one of {', '.join(DIGIT_STYLES)}; got {digits!r}")
    payload = {
        "language": language,
        "period": {"start": PERIOD_START.isoformat(), "end": PERIOD_END.isoformat()},
        "startDate": day.isoformat(),
        "bounds": [[SYRIA_BOUNDS[1], SYRIA_BOUNDS[0]], [SYRIA_BOUNDS[3], SYRIA_BOUNDS[2]]],
        "months": list(MONTHS_AR if language == "ar" else MONTHS_EN),
        "digits": digits,
        "playIntervalMs": PLAY_INTERVAL_MS,
        "kindOrder": list(KIND_ORDER),
        "styles": {"features": {kind: leaflet_style(kind) for kind in KIND_STYLES}, "base": _base_styles()},
        "hatching": svg_defs(),
        "text": ui_text(language),
        "rounds": _round_records(rounds, language),
        "features": _feature_collection(features),
        "base": _base_layers(base, language),
    }
    leaflet_js, leaflet_css = leaflet_assets()
    return _template().render(
        language=language,
        direction="rtl" if language == "ar" else "ltr",
        text=ui_text(language),
        legend=legend_items(language),
        period_days=(PERIOD_END - PERIOD_START).days,
        start_index=(day - PERIOD_START).days,
        payload=payload,
        leaflet_js=leaflet_js,
        leaflet_css=leaflet_css,
        page_css=Markup(PAGE_CSS),
        page_js=Markup(ADD_HATCHING_JS + PAGE_JS),
    )


def _check_inputs(features: gpd.GeoDataFrame, rounds: pd.DataFrame, base: dict, start_date: object, language: str) -> dt.date:
    """Fail in Python with a message naming what arrived, not with a blank page in a browser."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
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
    }


def _feature_collection(features: gpd.GeoDataFrame) -> dict[str, Any]:
    unknown = sorted(set(features["kind"]) - set(KIND_STYLES))
    if unknown:
        raise ValueError(f"features have kinds with no style in components.map.KIND_STYLES: {unknown}")
    return _collection(features, _feature_properties, FEATURE_TOLERANCE_DEGREES)


def _round_records(rounds: pd.DataFrame, language: str) -> list[dict[str, str]]:
    ordered = rounds.sort_values("start", kind="stable")
    title = "title_ar" if language == "ar" else "title_en"
    return [{"id": str(row["id"]), "start": _iso_or_none(row["start"]), "title": str(row[title])} for _, row in ordered.iterrows()]


def _base_layers(base: dict[str, gpd.GeoDataFrame], language: str) -> dict[str, Any]:
    name = "name_ar" if language == "ar" else "name_en"
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


def legend_items(language: str) -> list[dict[str, object]]:
    """The legend in drawing order, from components.map's styles and labels, then the base layers."""
    index = LANGUAGES.index(language)
    items: list[dict[str, object]] = []
    for kind in KIND_ORDER:
        style = KIND_STYLES[kind]
        items.append({
            "kind": kind,
            "label": KIND_LABELS[kind][index],
            "shape": "circle" if kind == "observation_post" else "box",
            "fill": swatch_background(kind, str(style["fillColor"])),
            "stroke": style["color"],
            # a band's hatching carries its own opacities, as on the map
            "opacity": 1 if kind in HATCHES else style["fillOpacity"],
            "dashed": "dashArray" in style,
        })
    for kind, labels, colour in BASE_LEGEND:
        shape = BASE_SWATCHES.get(kind, "line")
        items.append({"kind": kind, "label": labels[index], "shape": shape.removeprefix("dashed-"),
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
    for text, tag in ((script, "script"), (style, "style")):
        if f"</{tag}" in text.lower():
            raise ValueError(f"{directory}/leaflet: the {tag} contains '</{tag}' and cannot be inlined")
    return Markup(script), Markup(style)


def _template() -> jinja2.Template:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    # Arabic stays readable and the file small; tojson still escapes <, >, & and '.
    environment.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return environment.from_string(PAGE_TEMPLATE)


DATA_BLOCK = re.compile(r'<script type="application/json" id="export-data">(.*?)</script>', re.DOTALL)


def embedded_data(html: str) -> dict[str, Any]:
    """The data block of an exported page, parsed: for tests and for checking an export."""
    match = DATA_BLOCK.search(html)
    if match is None:
        raise ValueError("no <script id=\"export-data\"> block in the page")
    return json.loads(match.group(1))


PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ language }}" dir="{{ direction }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ text.title }}</title>
<style>{{ leaflet_css }}</style>
<style>{{ page_css }}</style>
</head>
<body>
<header>
  <h1>{{ text.title }}</h1>
  <div class="controls">
    <button type="button" id="play-button" aria-pressed="false">{{ text.play }}</button>
    <input type="range" id="date-slider" min="0" max="{{ period_days }}" step="1" value="{{ start_index }}"
           aria-label="{{ text.slider }}" list="round-ticks">
    <datalist id="round-ticks"></datalist>
  </div>
  <p id="date-label" aria-live="polite"><time id="date-text"></time> · <span class="muted">{{ text.round }}:</span>
    <span id="round-text"></span> · <span id="count-text"></span> {{ text.count }}</p>
</header>
<main>
  <div id="map" dir="ltr"></div>
  <section id="legend" aria-label="{{ text.legend }}">
    <ul>
    {%- for item in legend %}
      <li data-kind="{{ item.kind }}"><span class="swatch {{ item.shape }}{% if item.dashed %} dashed{% endif %}" style="border-color: {{ item.stroke }}"><span style="background: {{ item.fill }}; opacity: {{ item.opacity }}"></span></span>{{ item.label }}</li>
    {%- endfor %}
    </ul>
  </section>
</main>
<footer>{{ text.credits }}</footer>
<script type="application/json" id="export-data">{{ payload|tojson }}</script>
<script>{{ leaflet_js }}</script>
<script>{{ page_js }}</script>
</body>
</html>
"""

PAGE_CSS = """
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, "Noto Sans", "Noto Naskh Arabic", sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { padding: 8px 14px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0 0 6px; }
.controls { display: flex; gap: 12px; align-items: center; }
#play-button { min-width: 7em; padding: 4px 10px; font: inherit; cursor: pointer; }
#date-slider { flex: 1; }
#date-label { margin: 6px 0 0; }
#date-text { font-weight: 600; }
.muted { color: #666; }
main { flex: 1; position: relative; min-height: 300px; }
#map { position: absolute; inset: 0; background: #DCE9F2; }
/* Bottom right in both directions: Leaflet keeps its scale bottom left, even in Arabic. */
#legend { position: absolute; bottom: 12px; right: 12px; z-index: 1000; background: rgba(255,255,255,.92);
  border: 1px solid #bbb; border-radius: 4px; padding: 6px 10px; max-width: 340px; font-size: 12px; }
#legend ul { list-style: none; margin: 0; padding: 0; }
#legend li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.swatch { flex: none; display: inline-block; width: 20px; height: 12px; border: 2px solid; box-sizing: border-box; }
.swatch > span { display: block; width: 100%; height: 100%; }
.swatch.circle { width: 12px; border-radius: 50%; overflow: hidden; border-width: 1.5px; }
.swatch.line { height: 0; border-width: 0 0 3px 0; }
.swatch.line > span { display: none; }
.swatch.dashed { border-style: dashed; }
footer { padding: 4px 14px; font-size: 11px; color: #666; border-top: 1px solid #ddd; }
.leaflet-tooltip.town-label { background: none; border: none; box-shadow: none; font-weight: 600; color: #222;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; padding: 0 4px; }
.leaflet-tooltip.town-label::before { display: none; }
.tip-row b { font-weight: 600; }
"""

PAGE_JS = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("export-data").textContent);
  const text = data.text;
  const DAY_MS = 86400000;
  const periodStart = Date.parse(data.period.start + "T00:00:00Z");
  const isoOfIndex = (index) => new Date(periodStart + index * DAY_MS).toISOString().slice(0, 10);
  const indexOfIso = (iso) => Math.round((Date.parse(iso + "T00:00:00Z") - periodStart) / DAY_MS);
  // Latin or Arabic-Indic digits, as chosen when the page was made.
  const inDigits = (value) => data.digits === "arabic" ? String(value).replace(/[0-9]/g, (digit) => "٠١٢٣٤٥٦٧٨٩"[digit]) : String(value);
  const words = (iso) => {
    const [year, month, day] = iso.split("-").map(Number);
    return inDigits(day + " " + data.months[month - 1] + " " + year);
  };

  // Every text from the data goes in through text nodes: a name is never parsed as HTML.
  function textBox(rows) {
    const box = document.createElement("div");
    box.dir = "auto";
    for (const [label, value] of rows) {
      const row = document.createElement("div");
      row.className = "tip-row";
      if (label) {
        const bold = document.createElement("b");
        bold.textContent = label + ": ";
        row.appendChild(bold);
      }
      row.appendChild(document.createTextNode(value));
      box.appendChild(row);
    }
    return box;
  }

  const map = L.map("map", { zoomSnap: 0.25, attributionControl: false });
  map.fitBounds(data.bounds);
  L.control.scale().addTo(map);
  // One pane per layer family so the features sit between the base map and the towns.
  [["base", 300], ["features", 420], ["towns", 450]].forEach(([name, z]) => { map.createPane(name).style.zIndex = z; });
  addHatching(map, data.hatching, "features");

  const baseStyles = data.styles.base;
  for (const layer of ["neighbours", "syria", "governorates", "roads"]) {
    if (!data.base[layer]) continue;
    L.geoJSON(data.base[layer], { pane: "base", interactive: false, style: () => baseStyles[layer] }).addTo(map);
  }
  if (data.base.towns) {
    L.geoJSON(data.base.towns, {
      pane: "towns",
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, Object.assign({ pane: "towns" }, baseStyles.towns)),
      onEachFeature: (feature, layer) => {
        const labelled = feature.properties.labelled;
        layer.bindTooltip(() => textBox([[null, feature.properties.name]]), labelled
          ? { permanent: true, direction: "right", className: "town-label", offset: [4, 0] }
          : { direction: "top" });
      },
    }).addTo(map);
  }

  const featureStyles = data.styles.features;
  const nameKey = data.language === "ar" ? "name_ar" : "name_en";
  const rank = Object.fromEntries(data.kindOrder.map((kind, index) => [kind, index]));
  const allFeatures = data.features.features.slice().sort((a, b) => rank[a.properties.kind] - rank[b.properties.kind]);
  const inForce = (p, iso) => p.valid_from <= iso && (p.valid_to === null || iso < p.valid_to);
  const tooltipFor = (p) => textBox([
    [text.name, p[nameKey]],
    [text.valid, p.valid_from + " – " + (p.valid_to || "…")],
    [text.sources, p.sources.join(", ")],
    [text.confidence, p.confidence],
  ]);
  let featureLayer = null;

  function drawFeatures(iso) {
    if (featureLayer) featureLayer.remove();
    const shown = allFeatures.filter((feature) => inForce(feature.properties, iso));
    featureLayer = L.geoJSON({ type: "FeatureCollection", features: shown }, {
      pane: "features",
      style: (feature) => featureStyles[feature.properties.kind],
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, Object.assign({ pane: "features" }, featureStyles[feature.properties.kind])),
      onEachFeature: (feature, layer) => layer.bindTooltip(() => tooltipFor(feature.properties), { sticky: true }),
    }).addTo(map);
    return shown.length;
  }

  const rounds = data.rounds;
  const roundAt = (iso) => rounds.filter((round) => round.start <= iso).pop() || null;
  const stepDates = [...new Set(rounds.map((round) => round.start))]
    .filter((iso) => iso >= data.period.start && iso <= data.period.end).sort();
  const ticks = document.getElementById("round-ticks");
  for (const iso of stepDates) {
    const option = document.createElement("option");
    option.value = String(indexOfIso(iso));
    ticks.appendChild(option);
  }

  const slider = document.getElementById("date-slider");
  const dateText = document.getElementById("date-text");
  const roundText = document.getElementById("round-text");
  const countText = document.getElementById("count-text");
  function show(iso) {
    dateText.dateTime = iso;
    dateText.textContent = words(iso);
    const round = roundAt(iso);
    roundText.textContent = round ? round.title + " (" + words(round.start) + ")" : text.none;
    countText.textContent = inDigits(drawFeatures(iso));
  }
  const currentIso = () => isoOfIndex(Number(slider.value));

  const button = document.getElementById("play-button");
  let timer = null;
  function pause() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    button.textContent = text.play;
    button.setAttribute("aria-pressed", "false");
  }
  // One step: to the next round's first day; at the last one, stop.
  function step() {
    const next = stepDates.find((iso) => iso > currentIso());
    if (next === undefined) { pause(); return; }
    slider.value = String(indexOfIso(next));
    show(next);
  }
  function play() {
    // From the last round, a new press starts again at the first.
    if (!stepDates.some((iso) => iso > currentIso())) { slider.value = "0"; show(currentIso()); }
    button.textContent = text.pause;
    button.setAttribute("aria-pressed", "true");
    step();
    timer = setInterval(step, data.playIntervalMs);
  }
  button.addEventListener("click", () => (timer === null ? play() : pause()));
  // A hand on the slider takes over from the player.
  slider.addEventListener("input", () => { pause(); show(currentIso()); });
  slider.addEventListener("change", () => show(currentIso()));

  slider.value = String(indexOfIso(data.startDate));
  show(data.startDate);
})();
"""
