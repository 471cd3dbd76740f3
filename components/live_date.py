"""The map follows the date handle in the browser, before the server answers.

While the reader drags the date control's handle or holds an arrow key, the map's own script watches
the control's day (`data-iso` on its input, components/date_control.py) (the page and the map's frame share an origin) and draws the features in force on
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

from components.date_control import INPUT_SELECTOR
from components.layers import Layer
from components.symbology import KIND_ORDER, KIND_STYLES, leaflet_style

# The drawing of a day, shared with the offline page (components/standalone/page.js).
DAY_LAYER_JS = (Path(__file__).resolve().parent / "standalone" / "day_layer.js").read_text(encoding="utf-8")

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
    var input = page && page.querySelector(options.controlSelector);
    return input ? input.getAttribute("data-iso") : null;
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
    // Only the latest value of a batch.
    var latest = null;
    changes.forEach(function (change) {
      var input = change.target;
      if (input.matches && input.matches(options.controlSelector) && input.getAttribute("data-iso")) {
        latest = input.getAttribute("data-iso");
      }
    });
    if (latest) { draw(latest); }
  }).observe(page.body, {subtree: true, attributes: true, attributeFilter: ["data-iso"]});
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
            "controlSelector": INPUT_SELECTOR,
        }
        json.dumps(self.options)  # fail in Python, not in the browser, if an option cannot be written
