"""The map follows the date handle in the browser, before the server answers.

While the reader drags the date slider or holds an arrow key, the map's own script watches the
slider's value (the page and the map's frame share an origin) and draws the features in force on
that day from the published features file, which the browser already holds: a step is a redraw in
the browser, not a round trip. When the server's rerun arrives with its layer for the slider's day
(tooltips), that layer takes over again; the reader's overlay and the highlight stay on the map
throughout, since only the dated features' layer is swapped. folium only: a MacroElement for the base map.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from branca.element import MacroElement
from folium.template import Template

from components.layers import Layer
from components.symbology import KIND_ORDER, KIND_STYLES, leaflet_style
from geo.schema import PERIOD_END, PERIOD_START

# The drawing of a day, shared with the offline page (components/standalone/page.js).
DAY_LAYER_JS = (Path(__file__).resolve().parent / "standalone" / "day_layer.js").read_text(encoding="utf-8")
# The slider's element container carries its widget key as a class (Streamlit 1.37+).
DATE_SLIDER_KEY = "view_date"

LIVE_DATE_JS = """
function followDate(map, options) {
  // served: the server's layer of dated features (it carries the day it shows as options.liveDay);
  // its overlay and highlight are other layers and stay on the map while the reader scrubs.
  // onTop: the overlay and the highlight (options.liveOnTop), kept above whatever dated layer is drawn.
  var preview = null, served = null, shownIso = null, features = null, onTop = [];
  window.__liveRedraws = 0;
  var page = null;
  try { page = window.parent.document; } catch (error) { page = null; }  // another origin: nothing to follow
  function sliderIso() {
    var input = page && page.querySelector(options.sliderSelector + " input[type=range]");
    return input ? input.getAttribute("aria-valuetext") : null;
  }
  function load(done) {
    if (features) { done(); return; }
    // The same request as the feature layer's own (components.basemap.LayerCache keeps its answer).
    window.jQuery.ajax(options.url, {dataType: "json"}).done(function (data) { features = data.features; done(); });
  }
  function raiseOnTop() {
    onTop.forEach(function (layer) { if (map.hasLayer(layer) && layer.bringToFront) { layer.bringToFront(); } });
  }
  function showServed() {
    if (preview) { map.removeLayer(preview); preview = null; }
    if (served && !map.hasLayer(served)) { map.addLayer(served); raiseOnTop(); }
  }
  function draw(iso) {
    if (iso === shownIso) { return; }
    shownIso = iso;
    if (served && iso === served.options.liveDay) { showServed(); return; }  // its tooltips, not a preview
    load(function () {
      if (shownIso !== iso) { return; }
      if (preview) { map.removeLayer(preview); }
      if (served) { map.removeLayer(served); }
      // day_layer.js: the same drawing of a day as the offline page's.
      preview = dayLayer(features, iso, options.styles, {
        kinds: options.kinds, point: {radius: options.postRadius, fill: true}, layer: {interactive: false}
      }).addTo(map);
      raiseOnTop();
      window.__liveRedraws += 1;
      window.__liveDate = iso;
    });
  }
  // The server's answer: its dated layer replaces the preview if it shows the slider's day; if the
  // reader has moved on meanwhile, the preview of the day under the handle stays.
  map.on("layeradd", function (event) {
    var layer = event.layer;
    // Only the GeoJSON layers themselves: their shapes inherit the options, liveDay included.
    if (!(layer instanceof L.GeoJSON) || !layer.options) { return; }
    if (layer.options.liveOnTop) {
      onTop = onTop.filter(function (kept) { return map.hasLayer(kept); }).concat([layer]);
      return;
    }
    if (layer === preview || !layer.options.liveDay) { return; }
    // One dated layer at a time: an earlier answer still on the map (a re-sent layer) goes.
    if (served && served !== layer && map.hasLayer(served)) { map.removeLayer(served); }
    served = layer;
    var iso = sliderIso();
    shownIso = null;
    draw(iso === null ? layer.options.liveDay : iso);
  });
  if (!page) { return; }
  load(function () {});  // before the first key press: the file is in the browser's cache already
  new MutationObserver(function (changes) {
    // Only the latest value of a batch: a month's key makes some thirty changes at once.
    var latest = null;
    changes.forEach(function (change) {
      var input = change.target;
      if (input.closest && input.closest(options.sliderSelector) && input.getAttribute("aria-valuetext")) {
        latest = input.getAttribute("aria-valuetext");
      }
    });
    if (latest) { draw(latest); }
  }).observe(page.body, {subtree: true, attributes: true, attributeFilter: ["aria-valuetext"]});
  // Page Up / Page Down move a month (the slider's own page is a tenth of the period, ~290 days):
  // the key becomes as many day steps (ArrowUp / ArrowDown, which no writing direction flips) as
  // the month has days, clamped to the period. One handler per page: a new map replaces the old's.
  var host = page.defaultView;
  if (host.__liveMonthKeys) { page.removeEventListener("keydown", host.__liveMonthKeys, true); }
  host.__liveMonthKeys = function (event) {
    if (event.key !== "PageUp" && event.key !== "PageDown") { return; }
    var input = event.target && event.target.closest && event.target.closest(options.sliderSelector) && page.querySelector(options.sliderSelector + " input[type=range]");
    var iso = input && input.getAttribute("aria-valuetext");
    if (!iso) { return; }
    event.preventDefault();
    event.stopPropagation();
    var parts = iso.split("-").map(Number), up = event.key === "PageUp";
    var day = Date.UTC(parts[0], parts[1] - 1, parts[2]);
    var target = Date.UTC(parts[0], parts[1] - 1 + (up ? 1 : -1), 1);
    var lastDay = new Date(Date.UTC(new Date(target).getUTCFullYear(), new Date(target).getUTCMonth() + 1, 0)).getUTCDate();
    target = Date.UTC(new Date(target).getUTCFullYear(), new Date(target).getUTCMonth(), Math.min(parts[2], lastDay));
    target = Math.min(Math.max(target, Date.parse(options.periodStart)), Date.parse(options.periodEnd));
    var steps = Math.round(Math.abs(target - day) / 86400000), thumb = event.target;
    // One step per task: the slider computes each step from the value it last rendered.
    (function step(left) {
      if (left <= 0) { return; }
      thumb.dispatchEvent(new KeyboardEvent("keydown", {key: up ? "ArrowUp" : "ArrowDown", bubbles: true, cancelable: true}));
      host.setTimeout(function () { step(left - 1); }, 0);
    })(steps);
  };
  page.addEventListener("keydown", host.__liveMonthKeys, true);
}
"""


class LiveDate(MacroElement):
    """Makes the map follow the date slider in the browser (see the module's docstring)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.function }}
        followDate({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, published: Layer, kinds: Iterable[str]) -> None:
        super().__init__()
        self._name = "LiveDate"
        self.function = DAY_LAYER_JS + "\n" + LIVE_DATE_JS
        shown = [kind for kind in KIND_ORDER if kind in set(kinds)]
        self.options = {
            "url": published.url,
            "kinds": shown,
            "styles": {kind: {key: value for key, value in leaflet_style(kind).items() if key != "radius"} for kind in KIND_ORDER},
            "postRadius": KIND_STYLES["observation_post"]["radius"],
            "sliderSelector": f".st-key-{DATE_SLIDER_KEY}",
            "periodStart": PERIOD_START.isoformat(),
            "periodEnd": PERIOD_END.isoformat(),
        }
        json.dumps(self.options)  # fail in Python, not in the browser, if an option cannot be written
