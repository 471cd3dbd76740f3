// The dashboard's map, drawn in the page itself (components/page_map.py mounts it with
// st.components.v2): folium builds the map in Python, this runs folium's script here instead of
// in a frame of its own.
//
// Why not st_folium's frame: a frame is a second document that loads only after the page's own
// scripts, then loads its bundle, Leaflet and the layers again; on a cold start that cost about
// a second before the first polygon (docs/benchmarks.md). Here Leaflet is loaded once for the
// page and the map starts as soon as its element arrives.
//
// A rerun that sends the same map (folium's script with its ids made stable, compared by
// `mapKey`) keeps the map and its view; only the feature group (the features, the highlight, the
// reader's overlay) is swapped when it changed, and a new `center` moves the view (a found town),
// as st_folium does.

const mountedMaps = new WeakMap();  // parentElement -> {map, mapKey, group, groupKey, center}
let pageAssets = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = false;  // in the order given: jQuery's users come after Leaflet's
    script.onload = resolve;
    script.onerror = () => reject(new Error("could not load " + src));
    document.head.appendChild(script);
  });
}

// Leaflet, jQuery and Leaflet's CSS, from this app's server (no CDN), once for the page.
function loadPageAssets(jsLinks, cssLinks) {
  if (!pageAssets) {
    cssLinks.forEach((href) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.appendChild(link);
    });
    pageAssets = Promise.all(jsLinks.map(loadScript));
  }
  return pageAssets;
}

function styleSheet(parentElement, css) {
  let style = parentElement.querySelector(":scope > style.page-map-style");
  if (!style) {
    style = document.createElement("style");
    style.className = "page-map-style";
    parentElement.appendChild(style);
  }
  if (style.textContent !== css) { style.textContent = css; }
}

function buildMap(parentElement, data) {
  const container = document.createElement("div");
  container.className = "page-map";
  container.style.width = "100%";
  container.style.height = data.height + "px";
  parentElement.appendChild(container);
  // folium's script names its map `map_div` and the element "map_div" (st_folium's stable
  // ids); here the element is this container, and the map is handed back.
  const script = data.script.replace(/L\.map\(\s*"map_div"/, "L.map(container");
  const map = new Function("container", script + "\nreturn map_div;")(container);
  container.leafletMap = map;  // for the page's tests and probes: no global, two maps may be shown
  return {map, container, mapKey: data.mapKey, group: null, groupKey: null, center: null};
}

function takeDown(parentElement) {
  const state = mountedMaps.get(parentElement);
  if (state) {
    state.map.remove();  // its listeners too (components/live_date.py stops on "unload")
    state.container.remove();
    mountedMaps.delete(parentElement);
  }
}

function swapFeatureGroup(state, data) {
  if (state.groupKey === data.groupKey) { return; }
  if (state.group) { state.map.removeLayer(state.group); }
  state.group = data.feature_group
    ? new Function("map_div", data.feature_group + "\nreturn feature_group_feature_group_0;")(state.map)
    : null;
  state.groupKey = data.groupKey;
}

function moveToCenter(state, data) {
  const center = data.center ? data.center.join(",") + "@" + data.zoom : null;
  if (center && center !== state.center) { state.map.setView(data.center, data.zoom); }
  state.center = center;
}

export default function (component) {
  const {data, parentElement} = component;
  styleSheet(parentElement, data.css);
  loadPageAssets(data.jsLinks, data.cssLinks).then(() => {
    if (mountedMaps.get(parentElement)?.mapKey !== data.mapKey) { takeDown(parentElement); }
    let state = mountedMaps.get(parentElement);
    if (!state) {
      state = buildMap(parentElement, data);
      mountedMaps.set(parentElement, state);
    }
    swapFeatureGroup(state, data);
    moveToCenter(state, data);
  }).catch((error) => {
    parentElement.textContent = data.failed + " (" + error.message + ")";
  });
  // Streamlit calls this when the element goes, and also when a quick rerun overtook this call:
  // only a map whose element has left the page is taken down.
  return () => {
    setTimeout(() => { if (!parentElement.isConnected) { takeDown(parentElement); } }, 0);
  };
}
