"""The standalone HTML export: one file, nothing fetched from the network, every text shown as text.

The first tests read the HTML string; the browser test opens the file from disk in Chromium with
every request that is not a file aborted, and checks what a reader sees and does. Over 300 lines:
the offline page is one file, and its tests stay together.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

from components.hatching import svg_defs, swatch_background
from components.catalogue import CATALOGUE
from components.html_export import display_geometry, leaflet_assets, standalone_html
from components.locale import Locale
from components.symbology import HATCHES, KIND_ORDER, KIND_STYLES, leaflet_style, pattern_id
from dataset import FEATURES, ROUNDS, write_dataset
from exported import dataset_with_base, embedded_data
from geo import load_features
from geo.schema import PERIOD_START

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">'
HOSTILE_PAYLOADS = [HOSTILE_NAME, "</script><script>window.__pwned=1</script>", "<!--<script>", '"><svg onload=alert(1)>']
WAIT_MS = 15_000


def base_layers() -> dict[str, gpd.GeoDataFrame]:
    """Syria as a square with one neighbour, a governorate line, a road and two towns."""
    countries = gpd.GeoDataFrame(
        {"code": ["SYR", "TUR"], "name_en": ["Syria", "Turkey"], "name_ar": ["سوريا", "تركيا"]},
        geometry=[Polygon([(35.7, 32.3), (42.4, 32.3), (42.4, 37.3), (35.7, 37.3)]),
                  Polygon([(35.7, 37.3), (42.4, 37.3), (42.4, 39.0), (35.7, 39.0)])],
        crs="EPSG:4326",
    )
    return {
        "countries": countries,
        "governorates": gpd.GeoDataFrame(geometry=[LineString([(36.0, 35.0), (38.0, 35.0)])], crs="EPSG:4326"),
        "roads": gpd.GeoDataFrame({"code": ["M5"], "name_en": ["M5"], "name_ar": ["M5"]},
                                  geometry=[LineString([(36.7, 33.5), (37.1, 36.2)])], crs="EPSG:4326"),
        "towns": gpd.GeoDataFrame({"name_en": ["Idlib", "Aleppo"], "name_ar": ["إدلب", "حلب"], "labelled": [False, True]},
                                  geometry=[Point(36.63, 35.93), Point(37.16, 36.20)], crs="EPSG:4326"),
    }


def export(data_dir: Path, start_date: str = "2017-05-04", language: str = "en", digits: str = "latin", **options) -> str:
    return standalone_html(dataset_with_base(data_dir, base_layers()), start_date, Locale(language, digits), **options)


def hostile_dataset(directory: Path, payload: str = HOSTILE_NAME) -> Path:
    """The fixture with a hostile name on the corridor (drawn on top in 2020) and a hostile round title."""
    features = copy.deepcopy(FEATURES)
    features[4]["properties"]["name_en"] = payload
    rounds = copy.deepcopy(ROUNDS)
    rounds[2]["title_en"] = payload
    return write_dataset(directory, features=features, rounds=rounds)


def without_script_bodies(html: str) -> str:
    return re.sub(r"(<script[^>]*>).*?(</script>)", r"\1\2", html, flags=re.DOTALL | re.IGNORECASE)


def test_nothing_is_loaded_from_a_url(data_dir):
    html = export(data_dir)
    markup = without_script_bodies(html)
    assert re.findall(r"<script[^>]*\bsrc\s*=", markup, re.IGNORECASE) == []
    assert re.findall(r"<link\b", markup, re.IGNORECASE) == []
    assert re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", markup, re.IGNORECASE) == []


def test_leaflet_is_inlined_from_the_xstatic_package(data_dir):
    html = export(data_dir)
    leaflet_js, leaflet_css = leaflet_assets()
    assert leaflet_js in html and leaflet_css in html
    assert "sourceMappingURL" not in html  # the map file is not shipped: no request for it either


def test_the_data_holds_every_feature_with_its_dates_names_and_sources(data_dir):
    data = embedded_data(export(data_dir))
    properties = {feature["properties"]["id"]: feature["properties"] for feature in data["features"]["features"]}
    assert set(properties) == {feature["properties"]["id"] for feature in FEATURES}
    assert properties["front-2017"] == {
        "id": "front-2017", "kind": "frontline", "name_en": "Front 2017", "name_ar": "اسم front-2017",
        "valid_from": "2017-05-04", "valid_to": "2020-03-06", "sources": ["src-a"], "confidence": "medium",
        "precision_km": None,  # the fixture's frontline carries none; the built ones do
    }
    assert properties["front-2020"]["valid_to"] is None  # still in force at the end of the period
    assert [(item["id"], item["start"], item["title"]) for item in data["rounds"]] == [
        ("astana-1", "2017-01-23", "Astana 1"), ("astana-4", "2017-05-03", "Astana 4"), ("protocol-2020", "2020-03-05", "Moscow protocol"),
    ]
    assert data["startDate"] == "2017-05-04"
    assert set(data["base"]) == {"neighbours", "syria", "governorates", "roads", "towns"}


@pytest.mark.parametrize("payload", HOSTILE_PAYLOADS)
def test_a_hostile_name_cannot_close_the_data_block(tmp_path, payload):
    html = export(hostile_dataset(tmp_path / "data", payload))
    assert payload not in html
    # three scripts (data, Leaflet, the page): a name that closed one would add a fourth
    assert html.lower().count("</script") == 3
    assert html.count("<!--") == 0
    data = embedded_data(html)
    names = {feature["properties"]["id"]: feature["properties"]["name_en"] for feature in data["features"]["features"]}
    assert names["corridor"] == payload  # escaped for transport only: the page gets the name intact
    assert data["rounds"][2]["title"] == payload


def test_the_legend_uses_the_dashboards_colours_hatching_and_labels(data_dir):
    html = export(data_dir)
    legend = re.search(r'<section id="legend".*?</section>', html, re.DOTALL).group(0)
    kinds = re.findall(r'data-kind="([a-z_]+)"', legend)
    assert kinds[: len(KIND_ORDER)] == list(KIND_ORDER)
    for kind in KIND_ORDER:
        assert f"background: {swatch_background(kind, str(KIND_STYLES[kind]['fillColor']))};" in legend
        assert CATALOGUE[f"kind.{kind}"][0] in legend
    for kind in HATCHES:
        assert "background: repeating-linear-gradient(" in re.search(rf'<li data-kind="{kind}">.*?</li>', legend).group(0)


def test_the_bands_are_filled_with_the_dashboards_patterns(data_dir):
    html = export(data_dir)
    data = embedded_data(html)
    assert data["hatching"] == svg_defs()
    for kind in KIND_STYLES:
        assert data["styles"]["features"][kind] == leaflet_style(kind)
    assert {data["styles"]["features"][kind]["fillColor"] for kind in HATCHES} == {f"url(#{pattern_id(kind)})" for kind in HATCHES}
    assert 'addHatching(map, data.hatching, "features");' in html  # into the pane the features are drawn in


@pytest.mark.parametrize(("language", "direction", "label"), [("en", "ltr", "Play"), ("ar", "rtl", "تشغيل")])
def test_the_page_speaks_the_language_asked_for(data_dir, language, direction, label):
    html = export(data_dir, language=language)
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert f'aria-pressed="false">{label}</button>' in html
    index = 1 if language == "ar" else 0
    assert CATALOGUE["kind.frontline"][index] in html
    assert embedded_data(html)["rounds"][0]["title"] == ("أستانا 1" if language == "ar" else "Astana 1")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"language": "fr"}, "language must be one of en, ar, got 'fr'"),
        ({"start_date": "2030-01-01"}, "start date 2030-01-01 is outside the period 2017-01-23..2024-12-08"),
        ({"start_date": "5 March"}, "not a valid date: '5 March'"),
        ({"base": {}}, "base needs a 'countries' layer; got none"),
    ],
)
def test_bad_arguments_are_named(data_dir, change, message):
    arguments = {"base": base_layers(), "start_date": "2017-05-04", "language": "en"} | change
    with pytest.raises(ValueError, match=re.escape(message)):
        standalone_html(dataset_with_base(data_dir, arguments["base"]), arguments["start_date"], Locale(arguments["language"]))


def test_only_the_chosen_layers_are_exported(data_dir):
    # The reader hid every layer but the frontline: the page they download shows the same.
    data = embedded_data(export(data_dir, layers=("frontline",)))
    assert {feature["properties"]["kind"] for feature in data["features"]["features"]} == {"frontline"}
    every_kind = embedded_data(export(data_dir))
    assert {feature["properties"]["kind"] for feature in every_kind["features"]["features"]} == set(KIND_ORDER)


def test_geometries_are_simplified_and_rounded_for_display():
    dense_circle = Point(36.123456789, 35.987654321).buffer(0.1, quad_segs=256)
    shown = display_geometry(dense_circle, 0.0003)
    ring = shown["coordinates"][0]
    assert len(ring) < len(dense_circle.exterior.coords) / 4
    assert all(round(value, 5) == value for point in ring for value in point)


def run_script(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "export_html.py"), *arguments],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_the_script_exports_every_real_feature(tmp_path):
    out = tmp_path / "zones.html"
    result = run_script("--out", str(out), "--date", "2020-03-06", "--lang", "ar")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    data = embedded_data(html)
    assert {feature["properties"]["id"] for feature in data["features"]["features"]} == set(load_features()["id"])
    # Each snapshot carries its precision for the page's footer (the last has no opponent left).
    precisions = [feature["properties"]["precision_km"] for feature in data["features"]["features"] if feature["properties"]["kind"] == "frontline"]
    assert all(isinstance(km, float) for km in precisions[:-1]) and precisions[-1] is None
    assert "{km}" in data["text"]["precision"] and 'id="precision-text"' in html
    # Leaflet is about 150 kB of it; the 87 frontline snapshots (one per day a tracked place changed hands) about 330 kB.
    assert len(html.encode("utf-8")) < 800_000


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--date", "2030-01-01"], "export_html: error: start date 2030-01-01 is outside the period 2017-01-23..2024-12-08\n"),
        (["--date", "abc"], "export_html: error: not a valid date: 'abc'; expected YYYY-MM-DD, e.g. 2020-03-05\n"),
        (["--lang", "fr"], "export_html: error: argument --lang: invalid choice: 'fr' (choose from 'en', 'ar')\n"),
    ],
)
def test_the_script_reports_an_error_in_one_line(tmp_path, arguments, message):
    result = run_script("--out", str(tmp_path / "zones.html"), *arguments)
    assert (result.returncode, result.stderr) == (2, message)
    assert not (tmp_path / "zones.html").exists()


# ---- in a browser, from a file, with no network -------------------------------------------------


def feature_fills(page) -> Counter:
    """How many shapes of each fill colour the features pane shows (the base map is elsewhere)."""
    paths = page.locator(".leaflet-features-pane path.leaflet-interactive")
    return Counter(paths.evaluate_all("paths => paths.map(path => path.getAttribute('fill'))"))


def wait_for_date(page, iso_date: str) -> None:
    page.wait_for_function(f"() => document.getElementById('date-text').dateTime === '{iso_date}'", timeout=WAIT_MS)


def move_slider(page, iso_date: str) -> None:
    """As a drag ends: the value changes, then `input` and `change` fire."""
    index = (dt.date.fromisoformat(iso_date) - PERIOD_START).days
    page.locator("#date-slider").evaluate(
        "(slider, value) => { slider.value = String(value);"
        " slider.dispatchEvent(new Event('input', {bubbles: true})); slider.dispatchEvent(new Event('change', {bubbles: true})); }",
        index,
    )
    wait_for_date(page, iso_date)


@pytest.mark.browser
def test_the_file_works_offline_and_shows_names_as_text(browser, tmp_path):
    page_file = tmp_path / "zones.html"
    page_file.write_text(export(hostile_dataset(tmp_path / "data")), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 850})
    requested: list[str] = []
    blocked: list[str] = []

    def only_files(route) -> None:
        if route.request.url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(page_file.as_uri())
        page.wait_for_selector(".leaflet-features-pane path.leaflet-interactive", timeout=WAIT_MS)
        wait_for_date(page, "2017-05-04")
        before = feature_fills(page)
        assert sum(before.values()) > 0
        assert before[KIND_STYLES["frontline"]["fillColor"]] >= 1
        assert before[KIND_STYLES["deescalation_zone"]["fillColor"]] == 1  # Zone A

        move_slider(page, "2020-03-06")
        after = feature_fills(page)
        assert after != before
        assert after[KIND_STYLES["deescalation_zone"]["fillColor"]] == 0  # Zone A ended in 2018
        corridor_fill = leaflet_style("security_corridor")["fillColor"]
        assert after[corridor_fill] == 1
        # its pattern is in the <svg> the corridor is drawn in, so the fill resolves
        assert page.locator(f'.leaflet-features-pane svg > defs > pattern#{pattern_id("security_corridor")}').count() == 1

        # The corridor (named with the payload) is on top but for Post 1 at its centre: hover a corner.
        page.locator(f'.leaflet-features-pane path[fill="{corridor_fill}"]').hover(position={"x": 3, "y": 3})
        tooltip = page.locator(".leaflet-tooltip-pane .leaflet-tooltip:not(.town-label)")
        assert HOSTILE_NAME in tooltip.inner_text(timeout=WAIT_MS)
        assert page.locator("#round-text").inner_text().startswith(HOSTILE_NAME)
        assert page.locator(".leaflet-tooltip img, #date-label img").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"

        move_slider(page, "2017-01-23")
        page.locator("#play-button").click()
        wait_for_date(page, "2017-05-03")  # a press steps to the next round at once
        assert page.locator("#play-button").get_attribute("aria-pressed") == "true"
        wait_for_date(page, "2020-03-05")
        page.wait_for_function("() => document.getElementById('play-button').getAttribute('aria-pressed') === 'false'", timeout=WAIT_MS)
        assert page.locator("#play-button").inner_text() == "Play"  # paused itself after the last round
    finally:
        context.close()
    assert errors == []
    assert blocked == []
    assert [url for url in requested if not url.startswith(("file:", "data:"))] == []


@pytest.mark.browser
def test_the_arabic_file_writes_dates_and_counts_in_the_chosen_digits(browser, tmp_path, data_dir):
    page_file = tmp_path / "zones-ar.html"
    page_file.write_text(export(data_dir, language="ar", digits="arabic"), encoding="utf-8")
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "about:", "blob:")) else route.abort())
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        wait_for_date(page, "2017-05-04")
        assert page.locator("#date-text").inner_text() == "٤ أيار/مايو ٢٠١٧"
        count = page.locator("#count-text").inner_text()
        assert count and all(character in "٠١٢٣٤٥٦٧٨٩" for character in count)
    finally:
        context.close()


def test_digits_other_than_latin_or_arabic_are_refused(data_dir):
    with pytest.raises(ValueError, match="got 'roman'"):
        export(data_dir, digits="roman")


def test_the_offline_page_and_the_dashboards_map_draw_a_day_with_one_script(data_dir):
    """One client-side drawing of "the features in force on a day", not two copies."""
    import folium

    from components.layers import Layer
    from components.live_date import DAY_LAYER_JS, LiveDate

    page = export(data_dir, "2020-03-06")
    fmap = folium.Map()
    LiveDate(Layer(url="/app/static/layers/features.geojson", frame=gpd.GeoDataFrame(), properties_json="{}"), ["frontline"]).add_to(fmap)
    dashboard_map = fmap.get_root().render()
    for script in (page, dashboard_map):
        assert script.count("function inForce(") == 1 and DAY_LAYER_JS.strip() in script
        # No second rule of "in force" beside the shared one.
        assert script.count("valid_from <= iso") == 1


def test_the_offline_page_and_the_time_control_write_a_day_in_words_with_one_script(data_dir):
    """The day in words in the browser: one script (day_words.js) for the offline page and the
    dashboard's time control, not two copies."""
    from components.date_control import CONTROL_JS

    for script in (export(data_dir, "2020-03-06"), CONTROL_JS):
        assert script.count("function dayInWords(") == 1
        assert script.count("٠١٢٣٤٥٦٧٨٩") == 1  # one mapping of the digits
