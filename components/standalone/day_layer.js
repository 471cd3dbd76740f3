// The features in force on a day (an ISO date), and a day drawn as one Leaflet layer. The rule of
// "in force" (geo.query.in_force_mask's: from valid_from, up to but not including valid_to, open
// when valid_to is empty) serves the dashboard's map (components/live_date.py, the filter of its
// dated layer) and the offline page (page.js, which also draws with dayLayer): one rule in the browser.
function inForce(feature, iso, kinds) {
  var p = feature.properties;
  var open = p.valid_to === null || p.valid_to === undefined || p.valid_to === "";
  return (!kinds || kinds.indexOf(p.kind) >= 0) && p.valid_from <= iso && (open || iso < p.valid_to);
}

function featuresInForce(features, iso, kinds) {
  return features.filter(function (feature) { return inForce(feature, iso, kinds); });
}

// styles: the Leaflet style of each kind; options.kinds: the kinds to draw (all if absent);
// options.point: circle-marker options under the kind's style; options.layer: L.geoJSON options.
function dayLayer(features, iso, styles, options) {
  options = options || {};
  return L.geoJSON({type: "FeatureCollection", features: featuresInForce(features, iso, options.kinds)}, Object.assign({
    style: function (feature) { return styles[feature.properties.kind]; },
    pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, Object.assign({}, options.point || {}, styles[feature.properties.kind])); }
  }, options.layer || {}));
}
