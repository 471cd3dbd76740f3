"""In Chromium, offline: the two narrow bands are filled with their hatching patterns, the
patterns resolve in the map's SVG, and they still do after a slider step redraws the features."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from components.symbology import HATCHES, KIND_STYLES, leaflet_style, pattern_id
from test_slider import MAP_FRAME, SLIDER_INPUT, WAIT_MS, open_map, wait_until_idle

# A day before a change in the features in force (st_folium redraws the feature layer only when
# it changes). The Sochi band ended (30 April 2019) before the M4 corridor began (6 March 2020).
STEPS = [
    ("demilitarized_zone", "2018-09-16", False),  # the band starts on the 17th: first drawn by a redraw
    ("security_corridor", "2020-11-01", True),  # a post is withdrawn on 2 November: the corridor is redrawn
]

# The patterns the fills of the band's paths point at, looked up in each path's own <svg>, where
# the browser resolves them; paths marked before the step are left out.
BAND_PATTERNS = """
([frame, fill]) => {
    const doc = document.querySelector(frame);
    const paths = doc ? [...doc.querySelectorAll('path.leaflet-interactive')] : [];
    const id = /^url\\(#([\\w-]+)\\)$/.exec(fill)[1];
    const found = paths.filter(path => path.getAttribute('fill') === fill && !path.hasAttribute('data-before-step')).map(path => {
        const pattern = path.ownerSVGElement.querySelector('defs > pattern#' + id);
        return pattern && {id: pattern.id, fills: [...pattern.children].map(rect => rect.getAttribute('fill'))};
    });
    return found.length ? found : null;
}
"""


def band_patterns(page: Page, kind: str) -> list[dict | None]:
    """For each unmarked path of `kind` on the map (waiting for one), the pattern its fill resolves to."""
    handle = page.wait_for_function(BAND_PATTERNS, arg=[MAP_FRAME, leaflet_style(kind)["fillColor"]], timeout=WAIT_MS)
    return handle.json_value()


def zoom_to(page: Page, fill: str) -> None:
    """Fit the map to the shapes filled with `fill`, for a screenshot in which the hatching can be read."""
    page.locator(MAP_FRAME).first.evaluate(
        """(root, fill) => {
            const shapes = [];
            root.leafletMap.eachLayer(layer => { if (layer.options && layer.options.fillColor === fill && layer.getBounds) shapes.push(layer); });
            root.leafletMap.fitBounds(L.featureGroup(shapes).getBounds(), {animate: false});
        }""",
        fill,
    )


def mark_drawn_paths(page: Page) -> None:
    page.locator(MAP_FRAME).locator("path.leaflet-interactive").evaluate_all(
        "paths => paths.forEach(path => path.setAttribute('data-before-step', ''))")


@pytest.mark.parametrize(("kind", "opened_on", "in_force_on_opening"), STEPS)
def test_a_band_is_hatched_and_stays_hatched_after_a_slider_step(offline_page: Page, app_url, artifacts_dir, kind, opened_on, in_force_on_opening):
    page = offline_page
    expected = {"id": pattern_id(kind), "fills": [KIND_STYLES[kind]["fillColor"], HATCHES[kind].stripe]}
    open_map(page, f"{app_url}/?date={opened_on}")
    if in_force_on_opening:
        assert band_patterns(page, kind) == [expected]

    mark_drawn_paths(page)
    page.locator(SLIDER_INPUT).first.focus()
    page.keyboard.press("ArrowRight")
    assert band_patterns(page, kind) == [expected]  # drawn anew, and its pattern is still in its <svg>

    swatch = page.locator(f'.legend-row[data-kind="{kind}"] > span')
    expect(swatch).to_have_count(1, timeout=WAIT_MS)
    assert swatch.evaluate("span => getComputedStyle(span).backgroundImage").startswith("repeating-linear-gradient(")
    wait_until_idle(page)
    page.set_viewport_size({"width": 1400, "height": 1150})  # the map and the legend under it
    zoom_to(page, leaflet_style(kind)["fillColor"])
    page.locator(MAP_FRAME).evaluate("frame => frame.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(artifacts_dir / ("hatching.png" if kind == "security_corridor" else f"hatching-{kind}.png")))
    assert page.blocked_requests == [], f"the offline map asked the internet for {page.blocked_requests[:3]}"
