"""In a real browser, with no internet: the map draws, and moving the slider changes it."""

from __future__ import annotations

import re
from collections import Counter

from playwright.sync_api import Page, expect

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
WAIT_MS = 30_000


def polygon_fills(page: Page) -> Counter:
    """How many Leaflet shapes of each fill colour the map shows."""
    frame = page.frame_locator(MAP_FRAME)
    paths = frame.locator("path.leaflet-interactive")
    return Counter(fill for fill in paths.evaluate_all("ps => ps.map(p => p.getAttribute('fill'))"))


def wait_for_map(page: Page) -> None:
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.leaflet-interactive").first).to_be_attached(timeout=WAIT_MS)


def wait_for_date(page: Page, iso_date: str) -> None:
    expect(page.get_by_text(re.compile(rf"^{iso_date} · \d+ features on the map"))).to_be_visible(timeout=WAIT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS
    )


def test_the_map_draws_offline_and_the_slider_changes_it(offline_page: Page, app_url, artifacts_dir):
    page = offline_page
    page.goto(app_url)
    wait_for_map(page)
    wait_for_date(page, "2017-05-04")
    before = polygon_fills(page)
    # the four zones of May 2017 (blue outlines) and the opposition-held north-west (vermilion)
    assert before["#0072B2"] == 4
    assert before["#D55E00"] >= 1
    page.screenshot(path=str(artifacts_dir / "slider-2017-05-04.png"))

    slider = page.locator('[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"] [role="slider"]').first
    slider.focus()
    slider.press("End")
    wait_for_date(page, "2024-12-08")
    expect(page.get_by_text("2024-12-08 · 0 features on the map").or_(page.get_by_text(re.compile(r"^2024-12-08 · \d+ features")))).to_be_visible()
    page.wait_for_function(
        f"""() => {{
            const frame = document.querySelector('{MAP_FRAME}');
            const doc = frame && frame.contentDocument;
            if (!doc) return false;
            const fills = [...doc.querySelectorAll('path.leaflet-interactive')].map(p => p.getAttribute('fill'));
            return fills.filter(f => f === '#0072B2').length === 0;
        }}""",
        timeout=WAIT_MS,
    )
    after = polygon_fills(page)
    assert after != before
    assert after["#0072B2"] == 0  # all four 2017 zones had ended by December 2024
    assert after["#F0E442"] >= 1  # posts never withdrawn are still drawn, filled yellow
    page.screenshot(path=str(artifacts_dir / "slider-2024-12-08.png"))
    assert not [url for url in page.blocked_requests if "leaflet" in url], "Leaflet was requested from a CDN"
