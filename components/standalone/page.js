(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("export-data").textContent);
  const text = data.text;
  const DAY_MS = 86400000;
  const periodStart = Date.parse(data.period.start + "T00:00:00Z");
  const isoOfIndex = (index) => new Date(periodStart + index * DAY_MS).toISOString().slice(0, 10);
  const indexOfIso = (iso) => Math.round((Date.parse(iso + "T00:00:00Z") - periodStart) / DAY_MS);
  // Latin or Arabic-Indic digits, as chosen when the page was made (day_words.js).
  const inDigits = (value) => withDigits(value, data.digits);
  const words = (iso) => dayInWords(iso, data.months, data.digits);

  // Every text from the data goes in through text nodes: a name is never parsed as HTML.
  function textBox(rows) {
    const box = document.createElement("div");
    box.dir = "auto";
    for (const [label, value] of rows) {
      const row = document.createElement("div");
      row.className = "tip-row";
      if (label) {
        const bold = document.createElement("b");
        bold.textContent = label + ": ";
        row.appendChild(bold);
      }
      row.appendChild(document.createTextNode(value));
      box.appendChild(row);
    }
    return box;
  }

  const map = L.map("map", { zoomSnap: 0.25, attributionControl: false });
  map.fitBounds(data.bounds);
  L.control.scale().addTo(map);
  // One pane per layer family so the features sit between the base map and the towns.
  [["base", 300], ["features", 420], ["towns", 450]].forEach(([name, z]) => { map.createPane(name).style.zIndex = z; });
  addHatching(map, data.hatching, "features");

  const baseStyles = data.styles.base;
  for (const layer of ["neighbours", "syria", "governorates", "roads"]) {
    if (!data.base[layer]) continue;
    L.geoJSON(data.base[layer], { pane: "base", interactive: false, style: () => baseStyles[layer] }).addTo(map);
  }
  if (data.base.towns) {
    L.geoJSON(data.base.towns, {
      pane: "towns",
      pointToLayer: (feature, latlng) => L.circleMarker(latlng, Object.assign({ pane: "towns" }, baseStyles.towns)),
      onEachFeature: (feature, layer) => {
        const labelled = feature.properties.labelled;
        layer.bindTooltip(() => textBox([[null, feature.properties.name]]), labelled
          ? { permanent: true, direction: "right", className: "town-label", offset: [4, 0] }
          : { direction: "top" });
      },
    }).addTo(map);
  }

  const featureStyles = data.styles.features;
  const nameKey = data.language === "ar" ? "name_ar" : "name_en";
  const rank = Object.fromEntries(data.kindOrder.map((kind, index) => [kind, index]));
  const allFeatures = data.features.features.slice().sort((a, b) => rank[a.properties.kind] - rank[b.properties.kind]);
  const tooltipFor = (p) => textBox([
    [text.name, p[nameKey]],
    [text.valid, p.valid_from + " – " + (p.valid_to || "…")],
    [text.sources, p.sources.join(", ")],
    [text.confidence, p.confidence],
  ].concat(p.precision_km === null || p.precision_km === undefined ? [] : [[null, precisionWords(p.precision_km)]]));
  const precisionWords = (km) => text.precision.replace("{km}", inDigits(km.toFixed(1)));
  let featureLayer = null;

  function drawFeatures(iso) {
    if (featureLayer) featureLayer.remove();
    // day_layer.js: the same drawing of a day as the dashboard's map while its date handle moves.
    featureLayer = dayLayer(allFeatures, iso, featureStyles, {
      point: { pane: "features" },
      layer: { pane: "features", onEachFeature: (feature, layer) => layer.bindTooltip(() => tooltipFor(feature.properties), { sticky: true }) },
    }).addTo(map);
    return featureLayer.getLayers().length;
  }

  const rounds = data.rounds;
  const roundAt = (iso) => rounds.filter((round) => round.start <= iso).pop() || null;
  const stepDates = [...new Set(rounds.map((round) => round.start))]
    .filter((iso) => iso >= data.period.start && iso <= data.period.end).sort();
  const ticks = document.getElementById("round-ticks");
  for (const iso of stepDates) {
    const option = document.createElement("option");
    option.value = String(indexOfIso(iso));
    ticks.appendChild(option);
  }

  const slider = document.getElementById("date-slider");
  const dateText = document.getElementById("date-text");
  const roundText = document.getElementById("round-text");
  const countText = document.getElementById("count-text");
  const precisionText = document.getElementById("precision-text");
  function show(iso) {
    dateText.dateTime = iso;
    dateText.textContent = words(iso);
    const round = roundAt(iso);
    roundText.textContent = round ? round.title + " (" + words(round.start) + ")" : text.none;
    countText.textContent = inDigits(drawFeatures(iso));
    const line = featuresInForce(allFeatures, iso, ["frontline"])[0];
    const km = line ? line.properties.precision_km : null;
    precisionText.textContent = km === null || km === undefined ? "" : precisionWords(km);
  }
  const currentIso = () => isoOfIndex(Number(slider.value));

  const button = document.getElementById("play-button");
  let timer = null;
  function pause() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    button.textContent = text.play;
    button.setAttribute("aria-pressed", "false");
  }
  // One step: to the next round's first day; at the last one, stop.
  function step() {
    const next = stepDates.find((iso) => iso > currentIso());
    if (next === undefined) { pause(); return; }
    slider.value = String(indexOfIso(next));
    show(next);
  }
  function play() {
    // From the last round, a new press starts again at the first.
    if (!stepDates.some((iso) => iso > currentIso())) { slider.value = "0"; show(currentIso()); }
    button.textContent = text.pause;
    button.setAttribute("aria-pressed", "true");
    step();
    timer = setInterval(step, data.playIntervalMs);
  }
  button.addEventListener("click", () => (timer === null ? play() : pause()));
  // A hand on the slider takes over from the player.
  slider.addEventListener("input", () => { pause(); show(currentIso()); });
  slider.addEventListener("change", () => show(currentIso()));

  slider.value = String(indexOfIso(data.startDate));
  show(data.startDate);
})();
