"""Hostile names show as text and run nothing; concurrent sessions keep their own view."""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil

import pytest
from playwright.sync_api import expect

from pathlib import Path

from browser_helpers import DATE_CONTROL_INPUT, feature_shapes_selector, offline_context, open_sidebar, running_app
from dataset import CLAIMS, FEATURES, ROUNDS, SOURCES, write_dataset
from components.locale import Locale

ROOT = Path(__file__).resolve().parents[2]
MAP_FRAME = ".page-map"  # the map, drawn in the page (components.page_map)
SLIDER_INPUT = DATE_CONTROL_INPUT
WAIT_MS = 30_000
PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "<script>window.__pwned=1</script>",
    '"><svg onload=window.__pwned=1>',
    "${window.__pwned=1}",
    "[click](javascript:window.__pwned=1)",
]


@pytest.fixture(scope="module")
def hostile_app_url(tmp_path_factory):
    """The dashboard on a dataset whose names, titles, sources and claims are all payloads."""
    directory = tmp_path_factory.mktemp("hostile") / "data"
    features, rounds, sources, claims = (copy.deepcopy(items) for items in (FEATURES, ROUNDS, SOURCES, CLAIMS))
    for index, feature in enumerate(features):
        feature["properties"]["name_en"] = PAYLOADS[index % len(PAYLOADS)]
        feature["properties"]["note"] = PAYLOADS[(index + 1) % len(PAYLOADS)]
    rounds[2]["title_en"], rounds[2]["summary_en"] = PAYLOADS[0], PAYLOADS[1]
    rounds[2]["outcomes_en"] = PAYLOADS[2:]
    sources[0]["title"], sources[0]["url"] = PAYLOADS[0], "javascript:window.__pwned=1"
    claims[1]["claimed"]["city_en"] = PAYLOADS[1]
    write_dataset(directory, sources=sources, rounds=rounds, features=features, claims=claims)
    shutil.copytree(ROOT / "data" / "base", directory / "base")
    log = tmp_path_factory.mktemp("hostile-server") / "streamlit.log"
    with running_app(ROOT / "dashboard.py", log, env={"DEESCALATION_DATA_DIR": str(directory)}) as (url, _process):
        yield url


def test_hostile_names_in_the_dashboard_run_nothing_and_show_as_text(browser, hostile_app_url, artifacts_dir):
    context = offline_context(browser)
    page = context.new_page()
    page.goto(f"{hostile_app_url}/?date=2020-03-06")
    frame = page.locator(MAP_FRAME)
    # The features' shapes (filled in a kind's colour): the base layers arrive first.
    feature_shapes = frame.locator(feature_shapes_selector())
    expect(feature_shapes.first).to_be_attached(timeout=WAIT_MS)
    expect(page.get_by_role("heading", name=PAYLOADS[0])).to_be_visible(timeout=WAIT_MS)  # the round title, as text
    expect(page.get_by_text(PAYLOADS[1]).first).to_be_visible()
    # hover every feature so that every tooltip is built
    for path in feature_shapes.all()[:40]:
        path.hover(force=True)
    tooltips = frame.locator(".leaflet-tooltip").all_inner_texts()
    assert any(payload in text for text in tooltips for payload in PAYLOADS), tooltips
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(MAP_FRAME).locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.screenshot(path=str(artifacts_dir / "hostile-names.png"))
    context.close()


SESSIONS = 10  # the issue asks for 10; the minute-long soak is in benchmarks/run.py
STEPS = 5


OVERLAY = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "my route"}, "geometry": {"type": "LineString", "coordinates": [[36.6, 35.9], [36.9, 36.1]]}}]}'


def overlay_paths(page) -> int:
    """Shapes drawn in the overlay's dashed black outline."""
    return page.locator(MAP_FRAME).locator('path.leaflet-interactive[stroke="#000000"][stroke-dasharray="6 4"]').count()


def test_concurrent_sessions_keep_their_own_language_date_and_overlay(browser, app_url):
    """Several sessions step at once, half in Arabic, one with an overlay: none sees another's."""
    contexts = [offline_context(browser) for _ in range(SESSIONS)]
    pages = []
    for index, context in enumerate(contexts):
        page = context.new_page()
        page.goto(f"{app_url}/?date=2020-03-{index + 1:02d}&lang={'ar' if index % 2 else 'en'}")
        pages.append(page)
    for page in pages:
        page.locator(SLIDER_INPUT).first.wait_for(state="attached", timeout=WAIT_MS)
    open_sidebar(pages[0])
    pages[0].get_by_text("Your own layer (stays in this session)").click()
    pages[0].locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": "route.geojson", "mimeType": "application/geo+json", "buffer": OVERLAY}
    )
    pages[0].wait_for_function(
        f"() => document.querySelector('{MAP_FRAME}')?.querySelectorAll('path[stroke-dasharray=\"6 4\"]').length > 0",
        timeout=WAIT_MS,
    )
    for _ in range(STEPS):
        for page in pages:  # key presses interleaved across sessions: the server runs them concurrently
            page.locator(SLIDER_INPUT).first.press("ArrowRight")
    for index, page in enumerate(pages):
        language = "ar" if index % 2 else "en"
        day = Locale(language).date(dt.date(2020, 3, index + 1 + STEPS))
        # The panel's status line starts with the date in the session's own language.
        expect(page.get_by_text(re.compile(rf"^{re.escape(day)} · "))).to_be_visible(timeout=WAIT_MS)
        assert f"lang={language}" in page.url
        legend = page.locator(".legend").first.inner_text()
        assert ("المعارضة" in legend) == (language == "ar")
        assert page.locator('[data-testid="stException"]').count() == 0
        assert (overlay_paths(page) > 0) == (index == 0), f"session {index} overlay"
    for context in contexts:
        context.close()
