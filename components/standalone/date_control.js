// The dashboard's time control (components/date_control.py mounts it with st.components.v2).
//
// A native <input type="range">, one step a day, so the browser gives it the keyboard (arrows a
// day, Home/End the ends) and the role "slider"; it is named "Date" / "التاريخ" and its value
// reads as a date in words in the reader's language and digits. Page Up / Page Down move a
// calendar month. The round marks sit on its axis. While the handle moves, only the page changes
// (the map's script follows `data-iso` on the input, see components/live_date.py); the chosen
// day goes to Python when the handle is let go or the key released, as one trigger ("picked").
//
// Every text it shows comes from Python's catalogue in `data` and is set as text, never as HTML:
// round titles come from the data files.

const DAY_MS = 86400000;

function utc(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return Date.UTC(year, month - 1, day);
}

function isoOf(time) {
  return new Date(time).toISOString().slice(0, 10);
}

// withDigits and dayInWords come from day_words.js, put before this script (components/date_control.py).
function inWords(iso, data) {
  return dayInWords(iso, data.months, data.digits);
}

// A month from `iso`, the day kept where the month has it (31 January + 1 month = 29 February 2020).
function monthFrom(iso, months) {
  const [year, month, day] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last));
}

function element(tag, className, parent) {
  const node = document.createElement(tag);
  node.className = className;
  parent.appendChild(node);
  return node;
}

function build(parentElement) {
  const root = element("div", "dc-root", parentElement);
  const head = element("div", "dc-head", root);
  const label = element("label", "dc-label", head);
  const value = element("output", "dc-value", head);
  const track = element("div", "dc-track", root);
  track.dir = "ltr";  // time runs left to right in both languages, as on the map's axis
  const input = element("input", "dc-input", track);
  input.type = "range";
  input.step = "1";
  input.id = "dc-input-" + Math.random().toString(36).slice(2);
  label.htmlFor = input.id;
  value.htmlFor = input.id;
  value.setAttribute("aria-hidden", "true");  // the input's own value text says it
  element("div", "dc-marks", track).setAttribute("aria-hidden", "true");
  element("div", "dc-years", track).setAttribute("aria-hidden", "true");
  element("div", "dc-caption", root);
  return root;
}

// The left edge of a day on the track: the thumb's centre travels from half a thumb to the end
// minus half a thumb (the thumb is 16 px wide, see date_control.css).
function position(fraction) {
  return `calc(8px + (100% - 16px) * ${fraction})`;
}

function drawAxis(root, data, start, days) {
  const marks = root.querySelector(".dc-marks");
  const years = root.querySelector(".dc-years");
  marks.replaceChildren();
  years.replaceChildren();
  data.marks.forEach((mark) => {
    const tick = element("span", `dc-mark dc-mark-${mark.kind}`, marks);
    tick.style.left = position((utc(mark.start) - start) / DAY_MS / days);
    tick.title = `${inWords(mark.start, data)} · ${mark.title}`;
    tick.dataset.iso = mark.start;
  });
  for (let year = Number(data.start.slice(0, 4)) + 1; year <= Number(data.end.slice(0, 4)); year += 1) {
    const label = element("span", "dc-year", years);
    label.style.left = position((Date.UTC(year, 0, 1) - start) / DAY_MS / days);
    label.textContent = withDigits(year, data.digits);
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".dc-root") || build(parentElement);
  const input = root.querySelector(".dc-input");
  const start = utc(data.start), end = utc(data.end);
  const days = Math.round((end - start) / DAY_MS);
  const state = root.__dateControl || (root.__dateControl = { serverIso: null, held: false, pending: false, axis: null, sent: [] });

  function show(iso) {
    const words = inWords(iso, data);
    input.setAttribute("aria-valuetext", words);
    input.dataset.iso = iso;
    root.querySelector(".dc-value").textContent = words;
  }
  function setIso(time) {
    const clamped = Math.min(Math.max(time, start), end);
    input.value = String(Math.round((clamped - start) / DAY_MS));
    show(isoOf(clamped));
  }
  // The picked day in the page's link, as Python would write it: Python then sends no link of its
  // own (each one costs Streamlit a history entry and a redraw of the whole page; components/link.py).
  function showInLink(iso) {
    try {
      const url = new URL(window.location.href);
      url.searchParams.set(data.linkParameter, iso);
      window.history.replaceState(window.history.state, "", url);
    } catch (error) {
      // A page that may not change its address (a sandboxed frame): its link keeps the earlier day.
    }
  }
  function send() {
    state.pending = false;
    showInLink(input.dataset.iso);
    state.sent = state.sent.slice(-50).concat([input.dataset.iso]);
    setTriggerValue("picked", input.dataset.iso);
  }
  state.send = send;  // the page's release listener, set up once, sends with this render's trigger

  root.querySelector(".dc-label").textContent = data.label;
  root.querySelector(".dc-caption").textContent = data.marksCaption;
  input.min = "0";
  input.max = String(days);
  input.setAttribute("aria-label", data.label);
  input.title = data.help;
  const axisKey = JSON.stringify([data.marks, data.months, data.digits, data.start, data.end]);
  if (state.axis !== axisKey) {
    drawAxis(root, data, start, days);
    state.axis = axisKey;
  }
  // A date from Python (Previous/Next round, Jump, Play, the link) moves the handle, unless the
  // reader is moving it: their day goes to Python when they let go. Python's answer to a day the
  // reader sent is not a move: keys pressed quickly send several days, and the answer to an earlier
  // one must not pull the handle back from where the keys have taken it since.
  if (data.date !== state.serverIso) {
    state.serverIso = data.date;
    const answered = state.sent.indexOf(data.date);
    if (answered >= 0) {
      state.sent = state.sent.slice(answered + 1);
    } else if (!state.held && !state.pending) {
      state.sent = [];
      setIso(utc(data.date));
    }
  } else if (!input.dataset.iso) {
    setIso(utc(data.date));
  }

  input.oninput = () => show(isoOf(start + Number(input.value) * DAY_MS));
  // A pointer's change comes on release; a key's on every repeat, so a held key sends on keyup.
  input.onchange = () => { if (state.held) { state.pending = true; } else { send(); } };
  input.onpointerdown = () => { state.held = true; };
  // Released anywhere on the page (the pointer may have left the track), before or after `change`.
  if (!state.releaseListened) {
    state.releaseListened = true;
    window.addEventListener("pointerup", () => {
      if (!state.held) { return; }
      state.held = false;
      if (state.pending) { state.send(); }
    }, true);
  }
  input.onkeydown = (event) => {
    if (event.key === "PageUp" || event.key === "PageDown") {
      event.preventDefault();
      setIso(monthFrom(input.dataset.iso, event.key === "PageUp" ? 1 : -1));
      state.pending = true;
    }
    if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(event.key)) {
      state.held = true;
    }
  };
  input.onkeyup = () => {
    state.held = false;
    if (state.pending) { send(); }
  };
  // Clicking a round's mark goes to its first day.
  root.querySelector(".dc-marks").onclick = (event) => {
    const iso = event.target && event.target.dataset && event.target.dataset.iso;
    if (iso) { setIso(utc(iso)); send(); }
  };
}
