"""The map follows the hand: while the date handle is dragged or an arrow key held, the polygons
change in the browser before the server answers (the map draws the control's day itself, with its
tooltips); the panel follows once the server has, and the link holds the day."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from components.symbology import KIND_STYLES, leaflet_style
from geo.dataset import build_dataset
from geo.view import view_at
from browser_helpers import DATE_CONTROL_INPUT, control_iso, date_handle, feature_shapes_selector, open_sidebar
from test_slider import MAP_FRAME, WAIT_MS, shown_date, wait_until_idle

DATASET = build_dataset()
# Hatched kinds are filled with their pattern's colour, the others with their own.
FEATURE_FILLS = sorted({str(style["fillColor"]) for style in KIND_STYLES.values()} | {str(leaflet_style(kind)["fillColor"]) for kind in KIND_STYLES})

DATE_INPUT = DATE_CONTROL_INPUT
FRONTLINE = "#D55E00"


def map_frame(page: Page):
    """Where the map's script runs: the page itself (components.page_map)."""
    return page.main_frame


def frontline_shapes(page: Page) -> list[str]:
    return map_frame(page).evaluate(f"() => [...document.querySelectorAll('.page-map path')].filter(p => p.getAttribute('fill') === '{FRONTLINE}').map(p => p.getAttribute('d'))")


def feature_paths(page: Page) -> list[dict]:
    """The shapes filled in a feature kind's colour, and whether each answers the pointer (its tooltip)."""
    return map_frame(page).evaluate(
        """(fills) => [...document.querySelectorAll('.page-map path')].filter(p => fills.includes(p.getAttribute('fill')))
            .map(p => ({fill: p.getAttribute('fill'), interactive: p.classList.contains('leaflet-interactive')}))""", FEATURE_FILLS)


def features_in_force(day: str) -> int:
    return len(view_at(DATASET, day).features)


def open_on(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(MAP_FRAME).locator(feature_shapes_selector()).first).to_be_attached(timeout=WAIT_MS)
    wait_until_idle(page)


def hold_and_drag_days(page: Page, days: int, reached: str):
    """Press the date handle and drag it `days` days to the right without letting go, until the
    map's own redraw has reached `reached`; returns the map's frame."""
    x, y, day_px = date_handle(page)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + days * day_px, y, steps=days)
    frame = map_frame(page)
    frame.wait_for_function(f"() => window.__liveDate >= '{reached}'", timeout=WAIT_MS)
    return frame


def test_arrow_keys_redraw_the_map_in_the_browser_day_by_day(offline_page, app_url):
    page = offline_page
    open_on(page, f"{app_url}/?date=2019-08-15")
    page.locator(DATE_INPUT).focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    frame = map_frame(page)
    frame.wait_for_function("() => window.__liveDate === '2019-08-25'", timeout=WAIT_MS)
    # One browser-side redraw per day the handle passed, whatever the server was doing meanwhile.
    assert frame.evaluate("() => window.__liveRedraws") >= 10
    # When the server has answered, the panel names the day the slider settled on (on a loaded
    # machine Streamlit may settle a rapid run of key presses a day or two short).
    page.wait_for_function(
        """(selector) => { const input = document.querySelector(selector); const day = input && input.getAttribute("data-iso");
            if (!day || document.querySelector('[data-testid="stStatusWidget"]')) return false;
            const [y, m, d] = day.split("-").map(Number);
            const words = d + " " + new Date(Date.UTC(y, m - 1, d)).toLocaleString("en", {month: "long", timeZone: "UTC"}) + " " + y;
            return document.body.innerText.includes(words + " · "); }""",
        arg=DATE_INPUT, timeout=WAIT_MS)
    settled = control_iso(page)
    assert shown_date(page) == settled and "2019-08-16" <= settled <= "2019-08-25"
    # The map shows that day: every feature in force, each with its tooltip, nothing left over.
    expected = features_in_force(settled)
    frame.wait_for_function("([fills, n]) => [...document.querySelectorAll('.page-map path')].filter(p => fills.includes(p.getAttribute('fill'))).length === n",
                            arg=[FEATURE_FILLS, expected], timeout=WAIT_MS)
    shapes = feature_paths(page)
    assert len(shapes) == expected and all(shape["interactive"] for shape in shapes)


def test_dragging_across_the_fall_of_khan_shaykhun_changes_the_line_before_the_release(offline_page, app_url):
    page = offline_page
    open_on(page, f"{app_url}/?date=2019-08-19")
    before = frontline_shapes(page)
    frame = hold_and_drag_days(page, 6, "2019-08-22")
    # Still held: the server has not been asked, the line has moved in the browser.
    assert frontline_shapes(page) != before
    assert shown_date(page) == "2019-08-19"
    # While held, the map shows exactly the features in force on the day under the handle, and
    # they answer the pointer (tooltips) while the reader scrubs.
    shapes = feature_paths(page)
    assert len(shapes) == features_in_force(frame.evaluate("() => window.__liveDate")) and all(shape["interactive"] for shape in shapes)
    page.mouse.up()
    # Let go: the server answers, and the panel shows the day the map shows.
    released_on = frame.evaluate("() => window.__liveDate")
    page.wait_for_function("(day) => document.body.innerText.includes(day)", arg=_words(released_on), timeout=WAIT_MS)
    wait_until_idle(page)
    assert shown_date(page) == released_on


OVERLAY = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "my route"}, "geometry": {"type": "LineString", "coordinates": [[36.6, 35.5], [36.9, 35.7]]}}]}'
OVERLAY_PATHS = "() => document.querySelectorAll('.page-map path[stroke=\"#000000\"][stroke-dasharray=\"6 4\"]').length"


def test_the_readers_overlay_stays_on_the_map_while_the_handle_is_dragged(offline_page, app_url):
    page = offline_page
    open_on(page, f"{app_url}/?date=2019-08-19")
    open_sidebar(page)
    page.get_by_text("Your own layer (stays in this session)").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": "route.geojson", "mimeType": "application/geo+json", "buffer": OVERLAY})
    map_frame(page).wait_for_function(f"() => ({OVERLAY_PATHS})() > 0", timeout=WAIT_MS)
    wait_until_idle(page)
    before = frontline_shapes(page)
    frame = hold_and_drag_days(page, 6, "2019-08-22")
    # Only the dated features were redrawn: the line moved, the route is still drawn.
    assert frontline_shapes(page) != before
    assert frame.evaluate(OVERLAY_PATHS) > 0
    page.mouse.up()
    released_on = frame.evaluate("() => window.__liveDate")
    page.wait_for_function("(day) => document.body.innerText.includes(day)", arg=_words(released_on), timeout=WAIT_MS)
    wait_until_idle(page)
    # After the server's answer the features still answer the pointer, and the route is there.
    frame.wait_for_function("() => document.querySelectorAll('.page-map path.leaflet-interactive').length > 0", timeout=WAIT_MS)
    assert frame.evaluate(OVERLAY_PATHS) > 0


def _words(iso_day: str) -> str:
    import datetime as dt

    from components.locale import Locale

    return Locale().date(dt.date.fromisoformat(iso_day)) + " · "


@pytest.mark.parametrize(("language", "name"), [("en", "Date"), ("ar", "التاريخ")])
def test_the_time_control_is_a_slider_named_in_the_readers_language_and_home_end_reach_the_ends(offline_page, app_url, language, name):
    page = offline_page
    open_on(page, f"{app_url}/?date=2020-03-06&lang={language}")
    control = page.get_by_role("slider", name=name)
    expect(control).to_have_count(1)
    control.focus()
    page.keyboard.press("End")
    frame = map_frame(page)
    frame.wait_for_function("() => window.__liveDate === '2024-12-08'", timeout=WAIT_MS)
    expect(control).to_have_attribute("data-iso", "2024-12-08", timeout=WAIT_MS)
    page.keyboard.press("Home")
    expect(control).to_have_attribute("data-iso", "2017-01-23", timeout=WAIT_MS)
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"date=2017-01-23"), timeout=WAIT_MS)


@pytest.mark.parametrize(("language", "name"), [("en", "Date"), ("ar", "التاريخ")])
def test_page_up_and_page_down_move_the_date_a_month(offline_page, app_url, language, name):
    page = offline_page
    open_on(page, f"{app_url}/?date=2020-01-31&lang={language}")
    control = page.get_by_role("slider", name=name)
    control.focus()
    page.keyboard.press("PageUp")
    # 31 January + a month: the last day of February (2020 is a leap year); later in Arabic too.
    expect(control).to_have_attribute("data-iso", "2020-02-29", timeout=WAIT_MS)
    map_frame(page).wait_for_function("() => window.__liveDate === '2020-02-29'", timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"date=2020-02-29"), timeout=WAIT_MS)
    wait_until_idle(page)
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    expect(control).to_have_attribute("data-iso", "2019-12-29", timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"date=2019-12-29"), timeout=WAIT_MS)
    wait_until_idle(page)
    if language == "en":  # the status line in words
        expect(page.get_by_text(re.compile(r"^29 December 2019 · \d+ features on the map"))).to_be_visible(timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("query", "name", "words"),
    [("lang=en", "Date", "29 February 2020"), ("lang=ar&digits=arabic", "التاريخ", "٢٩ شباط/فبراير ٢٠٢٠"), ("lang=ar", "التاريخ", "29 شباط/فبراير 2020")],
)
def test_the_time_control_reads_its_value_as_a_date_in_words_in_the_readers_language_and_digits(offline_page, app_url, query, name, words):
    page = offline_page
    open_on(page, f"{app_url}/?date=2020-02-28&{query}")
    control = page.get_by_role("slider", name=name)
    control.focus()
    page.keyboard.press("ArrowRight")
    # What assistive technology reads, and what the page shows beside the label.
    expect(control).to_have_attribute("aria-valuetext", words, timeout=WAIT_MS)
    expect(page.locator(".st-key-date_control .dc-value")).to_have_text(words)
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"date=2020-02-29"), timeout=WAIT_MS)


def test_the_round_marks_sit_on_the_time_controls_axis_and_a_mark_goes_to_its_round(offline_page, app_url):
    page = offline_page
    open_on(page, f"{app_url}/?date=2017-05-04")
    track = page.locator(DATE_INPUT).bounding_box()
    marks = page.locator(".st-key-date_control .dc-mark")
    shown = marks.evaluate_all("ms => ms.map(m => ({iso: m.dataset.iso, title: m.title, box: m.getBoundingClientRect().toJSON()}))")
    rounds = DATASET.rounds[(DATASET.rounds["start"] >= "2017-01-23") & (DATASET.rounds["start"] <= "2024-12-08")]
    assert [mark["iso"] for mark in shown] == [start.date().isoformat() for start in rounds["start"]]
    # Each mark under the track, at its day: the handle's centre on that day is within 2 px.
    _, _, day_px = date_handle(page)
    for mark in shown:
        day = (dt.date.fromisoformat(mark["iso"]) - dt.date(2017, 1, 23)).days
        centre = mark["box"]["x"] + mark["box"]["width"] / 2
        assert abs(centre - (track["x"] + 8 + day * day_px)) <= 2, mark
        assert track["y"] < mark["box"]["y"] < track["y"] + track["height"] + 20
    sochi = next(mark for mark in shown if mark["iso"] == "2018-09-17")
    assert sochi["title"] == "17 September 2018 · Sochi memorandum on Idlib"
    page.locator(f'.st-key-date_control .dc-mark[data-iso="{sochi["iso"]}"]').click()
    expect(page.locator(DATE_INPUT)).to_have_attribute("data-iso", sochi["iso"], timeout=WAIT_MS)
    # The panel follows once the server has answered the click.
    expect(page.get_by_text(re.compile(r"^17 September 2018 · \d+ features on the map"))).to_be_visible(timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"date=2018-09-17"), timeout=WAIT_MS)


def test_the_link_holds_the_day_the_control_reached_and_reopens_it(offline_page, app_url):
    page = offline_page
    open_on(page, f"{app_url}/?date=2019-08-19")
    history_before = page.evaluate("() => history.length")
    page.locator(DATE_INPUT).focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.locator(DATE_INPUT)).to_have_attribute("data-iso", "2019-08-22", timeout=WAIT_MS)
    wait_until_idle(page)
    expect(page).to_have_url(re.compile(r"date=2019-08-22"), timeout=WAIT_MS)
    # A scrub replaces the link's day rather than stacking a history entry per day.
    assert page.evaluate("() => history.length") == history_before
    # The link, shared or reloaded, opens that day: the control, the panel and the map.
    page.reload()
    open_on(page, page.url)
    expect(page.locator(DATE_INPUT)).to_have_attribute("data-iso", "2019-08-22", timeout=WAIT_MS)
    expect(page.get_by_text(re.compile(r"^22 August 2019 · \d+ features on the map"))).to_be_visible(timeout=WAIT_MS)
    map_frame(page).wait_for_function("() => window.__liveDate === '2019-08-22'", timeout=WAIT_MS)
    assert len(feature_paths(page)) == features_in_force("2019-08-22")
