"""What the page asks of the map reaches it, though the map is a fragment of its own that a date
step does not rerun: a feature picked in the panel is outlined, a found town is framed, and a date
set by the round buttons, the jump list or Play is drawn."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, expect

from browser_helpers import DATE_CONTROL_INPUT
from geo import load_base_layer
from geo.playback import next_play_date, play_steps
from geo.query import neighbour_round_date
from test_live_map import DATASET, features_in_force, feature_paths, map_frame, open_on
from test_slider import WAIT_MS, wait_until_idle

# components.symbology.HIGHLIGHT_STYLE: black, dotted.
HIGHLIGHT_PATHS = "() => document.querySelectorAll('.page-map path[stroke=\"#000000\"][stroke-dasharray=\"2 6\"]').length"

def town_at(name: str) -> tuple[float, float]:
    town = load_base_layer("towns").query("name_en == @name").geometry.iloc[0]
    return town.y, town.x


def pick_in_select(page: Page, label: str, option: str) -> None:
    """Type into the list's box, as a reader does, and pick the option."""
    page.get_by_label(label).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()


def test_a_feature_picked_in_the_panel_is_outlined_and_stays_outlined_while_the_date_moves(offline_page, app_url):
    page = offline_page
    open_on(page, f"{app_url}/?date=2020-03-06")
    frame = map_frame(page)
    assert frame.evaluate(HIGHLIGHT_PATHS) == 0
    # The map is drawn in the page, not in a frame of its own (components.page_map).
    assert page.locator("iframe").count() == 0
    # A pick reruns the map's fragment: the same map takes the outline, it is not drawn anew.
    page.locator(".page-map").evaluate("root => { root.dataset.drawnBefore = 'yes'; root.leafletMap.setZoom(root.leafletMap.getZoom() + 1, {animate: false}); }")
    zoom = page.locator(".page-map").evaluate("root => root.leafletMap.getZoom()")
    pick_in_select(page, "Features this round created or changed", "M4 security corridor")
    frame = map_frame(page)
    frame.wait_for_function(f"() => ({HIGHLIGHT_PATHS})() > 0", timeout=WAIT_MS)
    assert page.locator(".page-map").evaluate("root => [root.dataset.drawnBefore, root.leafletMap.getZoom()]") == ["yes", zoom]
    wait_until_idle(page)
    page.locator(DATE_CONTROL_INPUT).focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text(re.compile(r"^7 March 2020 · \d+ features on the map"))).to_be_visible(timeout=WAIT_MS)
    wait_until_idle(page)
    frame = map_frame(page)
    frame.wait_for_function("() => window.__liveDate === '2020-03-07'", timeout=WAIT_MS)
    assert frame.evaluate(HIGHLIGHT_PATHS) > 0
    assert len(feature_paths(page)) == features_in_force("2020-03-07")


def test_a_found_town_is_framed_on_the_map(offline_page, app_url):
    page = offline_page
    open_on(page, f"{app_url}/?date=2020-03-06")
    page.get_by_label("Find a town").fill("Saraqib")
    page.get_by_label("Find a town").press("Enter")
    expect(page.get_by_text(re.compile(r"Saraqib.*held by"))).to_be_visible(timeout=WAIT_MS)
    latitude, longitude = town_at("Saraqib")
    frame = map_frame(page)
    frame.wait_for_function(
        "() => { const map = document.querySelector('.page-map')?.leafletMap;"
        f" return !!map && Math.abs(map.getCenter().lat - {latitude}) < 0.05 && Math.abs(map.getCenter().lng - {longitude}) < 0.05; }}",
        timeout=WAIT_MS)
    wait_until_idle(page)
    assert len(feature_paths(page)) == features_in_force("2020-03-06")


def shows_day_on_the_map(page: Page, day: str) -> None:
    """The map has drawn `day` (its own redraw of the control's day) with every feature in force."""
    map_frame(page).wait_for_function(f"() => window.__liveDate === '{day}'", timeout=WAIT_MS)
    assert len(feature_paths(page)) == features_in_force(day)


def test_the_round_buttons_the_jump_list_and_play_set_the_maps_date(offline_page, app_url):
    # The map draws the day the date control shows: a date Python sets must reach it through the control.
    page = offline_page
    open_on(page, f"{app_url}/?date=2019-08-19")
    following = neighbour_round_date(DATASET.rounds, dt.date(2019, 8, 19), +1).isoformat()
    page.get_by_role("button", name="Next round ▶").click()
    shows_day_on_the_map(page, following)
    wait_until_idle(page)
    page.get_by_role("button", name="◀ Previous round").click()
    preceding = neighbour_round_date(DATASET.rounds, dt.date.fromisoformat(following), -1).isoformat()
    shows_day_on_the_map(page, preceding)
    wait_until_idle(page)
    page.get_by_placeholder("Choose a round…").click()
    page.keyboard.type("Sochi memorandum")
    page.get_by_role("option", name=re.compile(r"^17 September 2018 · Sochi memorandum")).first.click()
    shows_day_on_the_map(page, "2018-09-17")
    wait_until_idle(page)
    page.get_by_role("button", name="▶ Play").click()
    played_to = next_play_date(play_steps(DATASET.rounds, "rounds"), dt.date(2018, 9, 17)).isoformat()
    shows_day_on_the_map(page, played_to)


def test_the_downloads_list_fills_when_opened_and_follows_the_date_while_the_rest_stays(offline_page, app_url):
    # The list is drawn with the page; its buttons are made by the date's fragment only while it
    # is open (opening it reruns that fragment alone). The round buttons outside it stay on the page.
    page = offline_page
    open_on(page, f"{app_url}/?date=2020-03-06")
    downloads = page.locator('[data-testid="stDownloadButton"]')
    assert downloads.count() == 0
    page.get_by_text("Briefing outputs and data downloads").click()
    expect(downloads).to_have_count(5, timeout=WAIT_MS)
    expect(page.get_by_role("button", name=re.compile("PNG"))).to_be_visible()
    wait_until_idle(page)
    page.locator(DATE_CONTROL_INPUT).focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text(re.compile(r"^7 March 2020 · \d+ features on the map"))).to_be_visible(timeout=WAIT_MS)
    wait_until_idle(page)
    expect(downloads).to_have_count(5)
    expect(page.get_by_role("button", name=re.compile("Next round"))).to_be_visible()
    page.get_by_text("Briefing outputs and data downloads").click()
    expect(downloads).to_have_count(0, timeout=WAIT_MS)
