"""The map follows the date control in the browser: a step is a redraw there, not a round trip.

The map's layer of dated features (components.map.dated_features_layer) is the same on every day:
it holds every published feature and keeps, through its filter, those in force on the day this
script has set. This script watches the date control's day (`data-iso` on its input,
components/date_control.py; the map is drawn in the page, components.page_map) and redraws that one
layer from the published file the browser already holds, whenever the day changes: while the
reader drags the handle or holds a key, and when Python moves the date (Previous/Next round, Jump,
Play, the link), which the control shows first. The server's rerun sends the map nothing new, so
nothing else on the map is touched: the reader's overlay and the highlight (other layers, kept on
top) stay. folium only: a MacroElement for the base map.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from branca.element import MacroElement
from folium.template import Template

from components.date_control import INPUT_SELECTOR
from components.layers import Layer
from components.symbology import KIND_ORDER

# The drawing of a day, shared with the offline page (components/standalone/page.js).
DAY_LAYER_JS = (Path(__file__).resolve().parent / "standalone" / "day_layer.js").read_text(encoding="utf-8")

# The dated layer's Leaflet `filter`: asks followDate which day is shown (none before it has one).
LIVE_FILTER_JS = "function (feature) { return !!window.liveDayKeeps && window.liveDayKeeps(feature); }"

LIVE_DATE_JS = """
function followDate(map, options) {
  // dated: the layer of dated features (options.liveDated), built by folium from the published
  // file with LIVE_FILTER_JS; onTop: the overlay and the highlight (options.liveOnTop), kept above it.
  var dated = null, shownIso = null, features = null, onTop = [];
  window.__liveRedraws = 0;
  var page = null;
  try { page = window.parent.document; } catch (error) { page = null; }  // the page itself (window.parent is window), or a frame of another origin (nothing to follow)
  function controlIso() {
    var input = page && page.querySelector(options.controlSelector);
    return input ? input.getAttribute("data-iso") : null;
  }
  // day_layer.js's rule of "in force", the same as the offline page's and geo.query's.
  window.liveDayKeeps = function (feature) {
    return shownIso !== null && inForce(feature, shownIso, options.kinds);
  };
  function load(done) {
    if (features) { done(); return; }
    // The same request as the dated layer's own (components.basemap.LayerCache keeps its answer).
    window.jQuery.ajax(options.url, {dataType: "json"}).done(function (data) { features = data; done(); });
  }
  function raiseOnTop() {
    onTop.forEach(function (layer) { if (map.hasLayer(layer) && layer.bringToFront) { layer.bringToFront(); } });
  }
  function redraw() {
    var iso = shownIso, layer = dated;
    if (!layer || iso === null) { return; }
    load(function () {
      if (iso !== shownIso || layer !== dated) { return; }  // the day or the layer moved on meanwhile
      layer.clearLayers();
      layer.addData(features);  // through the layer's filter, style, markers and tooltip
      raiseOnTop();
      window.__liveRedraws += 1;
      window.__liveDate = iso;
    });
  }
  function show(iso) {
    if (!iso || iso === shownIso) { return; }
    shownIso = iso;
    redraw();
  }
  map.on("layeradd", function (event) {
    var layer = event.layer;
    // Only the GeoJSON layers themselves: their shapes inherit the options.
    if (!(layer instanceof L.GeoJSON) || !layer.options) { return; }
    if (layer.options.liveOnTop) {
      onTop = onTop.filter(function (kept) { return map.hasLayer(kept); }).concat([layer]);
      return;
    }
    if (!layer.options.liveDated || layer === dated) { return; }
    // A new dated layer (the map's layers were sent again: a highlight, an overlay): the day shown.
    dated = layer;
    shownIso = shownIso || controlIso();
    redraw();
  });
  if (!page) { return; }
  load(function () {});  // before the first key press: the file is in the browser's cache already
  var observer = new MutationObserver(function (changes) {
    // Only the latest value of a batch.
    var latest = null;
    changes.forEach(function (change) {
      var input = change.target;
      if (input.matches && input.matches(options.controlSelector) && input.getAttribute("data-iso")) {
        latest = input.getAttribute("data-iso");
      }
    });
    show(latest);
  });
  observer.observe(page.body, {subtree: true, attributes: true, attributeFilter: ["data-iso"]});
  map.on("unload", function () { observer.disconnect(); });  // the map left the page
  show(controlIso());
}
"""


class LiveDate(MacroElement):
    """Makes the map follow the date control in the browser (see the module's docstring)."""

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
        self.options = {"url": published.url, "kinds": shown, "controlSelector": INPUT_SELECTOR}
        json.dumps(self.options)  # fail in Python, not in the browser, if an option cannot be written
