"""In a real browser, with no internet: the map draws, and moving the slider (keys or drag) changes it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from browser_helpers import DATE_CONTROL_INPUT, date_handle, feature_shapes_selector
from playwright.sync_api import Page, expect

MAP_FRAME = ".page-map"  # the map, drawn in the page (components.page_map)
SLIDER_INPUT = DATE_CONTROL_INPUT
WAIT_MS = 30_000
ZONE_BLUE, FRONTLINE, POST_YELLOW = "#0072B2", "#D55E00", "#F0E442"


def polygon_fills(page: Page) -> Counter:
    """How many Leaflet shapes of each fill colour the map shows."""
    paths = page.locator(MAP_FRAME).locator("path.leaflet-interactive")
    return Counter(paths.evaluate_all("ps => ps.map(p => p.getAttribute('fill'))"))


def shown_date(page: Page) -> str:
    """The date the panel's status line names ("4 May 2017 · 12 features on the map"), as ISO."""
    status = page.get_by_text(re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4} · \d+ features on the map")).first
    expect(status).to_be_visible(timeout=WAIT_MS)
    return dt.datetime.strptime(status.inner_text().split(" · ")[0], "%d %B %Y").date().isoformat()


def wait_until_idle(page: Page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)


def wait_for_fills(page: Page, colour: str, count: int) -> None:
    """Until the map shows `count` shapes filled in `colour`."""
    page.wait_for_function(
        """([frame, colour, count]) => {
            const doc = document.querySelector(frame);
            return !!doc && [...doc.querySelectorAll('path.leaflet-interactive')].filter(p => p.getAttribute('fill') === colour).length === count;
        }""",
        arg=[MAP_FRAME, colour, count],
        timeout=WAIT_MS,
    )


def open_map(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(MAP_FRAME).locator(feature_shapes_selector()).first).to_be_attached(timeout=WAIT_MS)
    wait_until_idle(page)


def test_the_map_draws_offline_and_the_keyboard_moves_the_slider(offline_page: Page, app_url, artifacts_dir):
    page = offline_page
    open_map(page, app_url)
    assert shown_date(page) == "2017-05-04"
    wait_for_fills(page, ZONE_BLUE, 4)  # the four zones of May 2017
    before = polygon_fills(page)
    assert before[FRONTLINE] == 1 and before[POST_YELLOW] == 0
    page.screenshot(path=str(artifacts_dir / "slider-2017-05-04.png"))

    page.locator(SLIDER_INPUT).first.focus()
    page.keyboard.press("End")
    expect(page.get_by_text(re.compile(r"^8 December 2024 · \d+ features on the map"))).to_be_visible(timeout=WAIT_MS)
    wait_for_fills(page, ZONE_BLUE, 0)  # all four 2017 zones had ended by December 2024
    after = polygon_fills(page)
    assert after[FRONTLINE] == 1 and after[POST_YELLOW] >= 1  # posts never withdrawn are still drawn
    assert after != before
    page.screenshot(path=str(artifacts_dir / "slider-2024-12-08.png"))
    assert page.blocked_requests == [], f"the offline map asked the internet for {page.blocked_requests[:3]}"


def test_dragging_the_slider_changes_the_map(offline_page: Page, app_url, artifacts_dir):
    page = offline_page
    open_map(page, app_url)
    wait_for_fills(page, ZONE_BLUE, 4)
    x, y, _ = date_handle(page)
    track = page.locator(SLIDER_INPUT).bounding_box()
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * 0.55, y, steps=12)
    page.mouse.up()
    expect(page.get_by_text(re.compile(r"^4 May 2017 · \d+ features on the map"))).to_have_count(0, timeout=WAIT_MS)
    wait_until_idle(page)
    dragged = shown_date(page)
    assert "2020-01-01" < dragged < "2022-01-01", dragged  # about half-way along 2017-2024
    wait_for_fills(page, ZONE_BLUE, 1)  # only the Idlib zone was left by then
    fills = polygon_fills(page)
    assert fills[FRONTLINE] == 1 and fills[POST_YELLOW] >= 1
    page.screenshot(path=str(artifacts_dir / f"slider-dragged-{dragged}.png"))
