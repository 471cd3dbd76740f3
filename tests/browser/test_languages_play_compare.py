"""What only a browser shows of the two languages, Play and Compare: the page right to left in Arabic, Play stepping the map
on a timer and pausing, two dates side by side. Keys, not only clicks, drive the controls."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from geo import load_rounds
from geo.playback import next_play_date, play_steps

from browser_helpers import feature_shapes_selector, open_sidebar
from test_slider import MAP_FRAME, WAIT_MS, shown_date, wait_until_idle

ZONE_BLUE = "#0072B2"


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(MAP_FRAME).first.locator(feature_shapes_selector()).first).to_be_attached(timeout=WAIT_MS)
    wait_until_idle(page)


def box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def direction_of(page: Page, selector: str) -> str:
    return page.locator(selector).first.evaluate("element => getComputedStyle(element).direction")


def test_arabic_reads_right_to_left_and_english_left_to_right(offline_page, app_url):
    page = offline_page
    open_page(page, f"{app_url}/?date=2020-03-06&lang=ar")
    expect(page.get_by_role("heading", name=re.compile("مناطق خفض التصعيد"))).to_be_visible()
    assert direction_of(page, '[data-testid="stMain"]') == "rtl"
    # The page starts with the sidebar folded and the map taking the width: at least 60 % of it.
    assert box(page, MAP_FRAME)["width"] >= 0.6 * page.viewport_size["width"]
    assert page.get_by_role("radio", name="English").is_visible()  # the language switch is in the page
    open_sidebar(page)
    assert direction_of(page, '[data-testid="stSidebarContent"]') == "rtl"
    # The sidebar unfolds on the right of the page, the map column to the right of the panel.
    assert box(page, '[data-testid="stSidebar"]')["x"] > box(page, '[data-testid="stMain"]')["x"]
    panel_status = page.get_by_text(re.compile(r"^6 آذار/مارس 2020 · عدد العناصر على الخريطة"))
    expect(panel_status).to_be_visible()
    assert box(page, MAP_FRAME)["x"] > panel_status.bounding_box()["x"]
    # Time still runs left to right on the date control, and the map is Leaflet's own left-to-right page.
    assert direction_of(page, ".st-key-date_control .dc-track") == "ltr"
    assert page.locator(MAP_FRAME).first.evaluate("frame => getComputedStyle(frame).direction") == "ltr"
    assert page.locator(".legend").first.evaluate("element => getComputedStyle(element).textAlign") == "right"
    # The features table starts from the right: its first column (the English name) is rightmost.
    page.get_by_text("عرض عناصر الخريطة في جدول").click()
    headers = page.locator('[data-testid="stTable"] th')
    expect(headers.first).to_be_visible(timeout=WAIT_MS)
    first, last = headers.first.bounding_box(), headers.last.bounding_box()
    assert headers.first.inner_text().strip() == "الاسم بالإنجليزية" and first["x"] > last["x"]

    # Arabic-Indic digits, by keyboard: focus the radio, press Space; the link keeps the choice.
    page.get_by_role("radio", name=re.compile("هندية")).focus()
    page.keyboard.press("Space")
    expect(page.get_by_text(re.compile(r"^٦ آذار/مارس ٢٠٢٠ · عدد العناصر على الخريطة: ٢٢"))).to_be_visible(timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"digits=arabic"))

    page.get_by_role("radio", name="English").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name=re.compile("Syria's de-escalation zones"))).to_be_visible(timeout=WAIT_MS)
    assert direction_of(page, '[data-testid="stMain"]') == "ltr"
    assert box(page, '[data-testid="stSidebar"]')["x"] < box(page, '[data-testid="stMain"]')["x"]
    expect(page).to_have_url(re.compile(r"lang=en"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.blocked_requests or all("openstreetmap" not in url for url in page.blocked_requests)


def test_play_steps_through_the_rounds_and_pauses_where_asked(offline_page, app_url):
    page = offline_page
    open_page(page, f"{app_url}/?date=2017-05-04")
    page.get_by_role("button", name="▶ Play").click()
    # One step a second: the rounds and milestones after 4 May 2017 follow in order.
    for day in ("2017-07-04", "2017-07-07"):
        expect(page.get_by_text(re.compile(rf"^{_words(day)} · "))).to_be_visible(timeout=WAIT_MS)
    assert page.url.find("date=2017-07") > 0
    # Pause from the keyboard, then nothing moves for several steps' time.
    pause = page.get_by_role("button", name="⏸ Pause")
    pause.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="▶ Play")).to_be_visible(timeout=WAIT_MS)
    wait_until_idle(page)
    paused_on = shown_date(page)
    # What the reader would see if it kept playing: the next step's date in the status line. It
    # must not appear within three steps' time (the page's own timer, not a sleep in the test).
    following = next_play_date(play_steps(load_rounds(), "rounds"), dt.date.fromisoformat(paused_on))
    with pytest.raises(AssertionError):
        expect(page.get_by_text(re.compile(rf"^{_words(following.isoformat())} · "))).to_be_visible(timeout=3500)
    assert shown_date(page) == paused_on


def test_play_by_month_stops_at_the_end_of_the_period(offline_page, app_url):
    page = offline_page
    open_page(page, f"{app_url}/?date=2024-10-15")
    page.get_by_text("months", exact=True).click()
    wait_until_idle(page)
    page.get_by_role("button", name="▶ Play").click()
    for day in ("2024-11-01", "2024-12-01", "2024-12-08"):
        expect(page.get_by_text(re.compile(rf"^{_words(day)} · "))).to_be_visible(timeout=WAIT_MS)
    # The last day reached, Play stops by itself.
    expect(page.get_by_role("button", name="▶ Play")).to_be_visible(timeout=WAIT_MS)
    # The map followed: after the offensive of late 2024 no de-escalation zone is drawn.
    page.wait_for_function(
        """([frame, colour]) => {
            const doc = document.querySelector(frame);
            return !!doc && [...doc.querySelectorAll('path.leaflet-interactive')].filter(p => p.getAttribute('fill') === colour).length === 0;
        }""",
        arg=[MAP_FRAME, ZONE_BLUE],
        timeout=WAIT_MS,
    )


def zone_count(page: Page, index: int) -> int:
    paths = page.locator(MAP_FRAME).nth(index).locator("path.leaflet-interactive")
    return sum(1 for fill in paths.evaluate_all("ps => ps.map(p => p.getAttribute('fill'))") if fill == ZONE_BLUE)


def test_two_dates_side_by_side(offline_page, app_url):
    page = offline_page
    open_page(page, f"{app_url}/?date=2020-03-06")
    page.get_by_text("Compare with another date").click()
    expect(page.locator(MAP_FRAME)).to_have_count(2, timeout=WAIT_MS)
    expect(page.get_by_text("Left: 4 May 2017 · right: 6 March 2020")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_text(re.compile(r"12,607 km² on 4 May 2017, 3,409 km² on 6 March 2020"))).to_be_visible()
    # The four zones of May 2017 on the left; only Idlib's left on the right.
    page.wait_for_function(
        """([frame, colour]) => {
            const docs = [...document.querySelectorAll(frame)];
            const count = doc => !doc ? -1 : [...doc.querySelectorAll('path.leaflet-interactive')].filter(p => p.getAttribute('fill') === colour).length;
            return docs.length === 2 && count(docs[0]) === 4 && count(docs[1]) === 1;
        }""",
        arg=[MAP_FRAME, ZONE_BLUE],
        timeout=WAIT_MS,
    )
    left_box, right_box = (page.locator(MAP_FRAME).nth(index).bounding_box() for index in (0, 1))
    assert left_box["x"] + left_box["width"] <= right_box["x"] + 1  # side by side, not stacked
    # The second date moves by keyboard; its map follows.
    page.locator('[data-testid="stSlider"] input[type="range"]').nth(1).focus()  # Streamlit's sliders: the speed, then the date compared with
    page.keyboard.press("End")
    expect(page.get_by_text("Left: 8 December 2024 · right: 6 March 2020")).to_be_visible(timeout=WAIT_MS)
    page.wait_for_function(
        """([frame, colour]) => {
            const doc = document.querySelectorAll(frame)[0];
            return !!doc && [...doc.querySelectorAll('path.leaflet-interactive')].filter(p => p.getAttribute('fill') === colour).length === 0;
        }""",
        arg=[MAP_FRAME, ZONE_BLUE],
        timeout=WAIT_MS,
    )
    assert page.locator('[data-testid="stException"]').count() == 0


def _words(iso_day: str) -> str:
    import datetime as dt

    from components.locale import Locale

    return re.escape(Locale().date(dt.date.fromisoformat(iso_day)))
