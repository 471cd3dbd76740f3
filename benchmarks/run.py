"""Measure this app against three references in one run, on this machine, in headless Chromium.

    .venv/bin/python benchmarks/run.py [--rounds N] [--soak SECONDS] [--out benchmarks/results/latest.json]

References (benchmarks/apps/): `naive` is the simplest app a user would write, the features on a
tile map with a new folium map and st_folium on every rerun; `naive+base` the same with every base
layer embedded; `empty` is a slider and a line of text, the floor of a Streamlit rerun. Machines
are noisy, so compare the ratios within one run, not the absolute figures across runs.

Figures: server time per step (state query + map build, in-process), bytes sent per step
(websocket frames and HTTP bodies), browser time from the slider key press to the redrawn
polygons (median and p95 over the rounds), cold start to first painted polygons, PNG export
time, and the server's memory with 1 and with 20 concurrent sessions stepping. Over 400 lines: one
run measures every figure of `docs/benchmarks.md` against the same references, so it stays one script.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browser_helpers import DATE_CONTROL_INPUT, running_app  # noqa: E402  (the tests' helper: one way to start an app)
from components.locale import Locale  # noqa: E402
from geo.dataset_store import STORE_ENV  # noqa: E402

# naive: the simplest app a user would write (the features on a tile map, a new map and st_folium
# every rerun); naive+base: the same with every base layer embedded too; empty: a rerun's floor.
APPS = {
    "this app": ROOT / "dashboard.py",
    "naive": ROOT / "benchmarks/apps/naive_app.py",
    "naive+base": ROOT / "benchmarks/apps/naive_base_app.py",
    "empty": ROOT / "benchmarks/apps/empty_app.py",
}
CHROMIUM = "/usr/bin/chromium"
# No internet, as in a demo room: every host but this machine resolves to nothing. (Not a
# Playwright route: its handler runs in this process and adds a round trip to each of the ~110
# requests of a first page, which a reader's browser does not pay.)
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Where a page's map is: this app draws it in the page (components.page_map), the references in
# st_folium's frame.
MAP_ROOT_JS = """(() => {
  const inPage = document.querySelector('.page-map');
  if (inPage) return inPage;
  const frame = document.querySelector('%s');
  return frame && frame.contentDocument;
})()""" % MAP_FRAME
# This app's time control (components/date_control.py) or, in the reference apps, Streamlit's slider:
# the first in the page is the date's in each.
SLIDER_INPUT = f'{DATE_CONTROL_INPUT}, [data-testid="stSlider"] input[type="range"]'
WAIT_MS = 30_000
SOAK_SESSIONS = 20  # the map-first issue asks for memory with 1 and 20 sessions
# The page's feature paths are the ones filled in a feature kind's colour (this app's map draws them
# in the browser, components.live_date; the references' maps from Python).
FEATURE_PATHS_JS = """(fills) => {
  const doc = %s;
  if (!doc) return null;
  return [...doc.querySelectorAll('path')].filter(p => fills.includes(p.getAttribute('fill')));
}""" % MAP_ROOT_JS


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "p95": percentile(values, 0.95), "n": len(values)}


def step_dates(limit: int | None) -> list[tuple[dt.date, set[str], set[str], set[str]]]:
    """For each round start on the slider: the date, and the feature ids shown two days before, the
    day before and on it."""
    import geo
    from geo.query import round_start_dates

    features, rounds = geo.load_features(), geo.load_rounds()
    steps = []
    for day in round_start_dates(rounds)[1:]:
        two_before = set(geo.state_at(day - dt.timedelta(days=2), features, rounds)["id"])
        before = set(geo.state_at(day - dt.timedelta(days=1), features, rounds)["id"])
        after = set(geo.state_at(day, features, rounds)["id"])
        steps.append((day, two_before, before, after))
    return steps[:limit] if limit else steps


def server_step_times(dates: list[dt.date]) -> dict[str, dict[str, float]]:
    """Milliseconds to compute the state and build the map, for this app and the naive way."""
    import folium

    from components.basemap import base_map
    from components.layers import make_layer, publishable_base, publishable_features, tooltip_frame
    from components.map import features_layer
    from components.symbology import KIND_STYLES
    from geo.dataset import build_dataset
    from geo.query import features_valid_on

    dataset, locale = build_dataset(), Locale()
    features, base = dataset.features, dataset.base
    layers = {name: make_layer(frame, f"/{name}") for name, frame in publishable_base(base, locale).items()}
    published = make_layer(publishable_features(features, locale), "/features")
    times: dict[str, list[float]] = {"this app": [], "naive": [], "naive+base": []}
    for day in dates:
        start = time.perf_counter()
        fmap = base_map(layers, locale)
        features_layer(features_valid_on(features, day)["id"], published, locale).add_to(fmap)
        fmap.get_root().render()
        times["this app"].append((time.perf_counter() - start) * 1000)
        for name, base_layers in (("naive", {}), ("naive+base", base)):
            start = time.perf_counter()
            naive = folium.Map(tiles=None if base_layers else "OpenStreetMap")
            for frame in base_layers.values():
                folium.GeoJson(frame[["geometry"]]).add_to(naive)
            shown = tooltip_frame(features_valid_on(features, day), locale)
            if not shown.empty:
                folium.GeoJson(shown, style_function=lambda f: {"fillColor": KIND_STYLES[f["properties"]["kind"]]["fillColor"]}).add_to(naive)
            naive.get_root().render()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: summary(values) for name, values in times.items()}


class Traffic:
    """Bytes the page receives: websocket frames and HTTP response bodies."""

    def __init__(self, page) -> None:
        self.bytes = 0
        page.on("websocket", lambda socket: socket.on("framereceived", self.table_frame))
        page.on("response", self._response)

    def table_frame(self, payload) -> None:
        self.bytes += len(payload)

    def _response(self, response) -> None:
        self.bytes += int(response.headers.get("content-length") or 0)


def wait_for_date(page, day: dt.date) -> None:
    """Until the page's own status line shows the date: the server has answered the step.

    Not the slider's own label, which the browser updates before the server has run anything.
    """
    # The references print the ISO date; this app's panel writes it in words ("4 May 2017 · …").
    status = re.compile(rf"^((naive |empty ){day.isoformat()}$|{re.escape(Locale().date(day))} ·)")
    page.locator('[data-testid="stMarkdownContainer"]', has_text=status).first.wait_for(timeout=WAIT_MS)


def wait_for_polygons(page, fills: list[str], count: int, replaced: bool) -> None:
    """Until the map shows `count` feature paths, new ones if the set of features changed."""
    condition = f"""(fills) => {{
        const paths = ({FEATURE_PATHS_JS})(fills);
        if (paths === null || paths.length !== {count}) return false;
        return {'paths.some(p => !p.dataset.old)' if replaced and count else 'true'};
    }}"""
    try:
        page.wait_for_function(condition, arg=fills, timeout=WAIT_MS)
    except Exception as error:
        drawn = page.evaluate(f"(fills) => {{ const p = ({FEATURE_PATHS_JS})(fills); return p === null ? null : p.length; }}", fills)
        raise RuntimeError(f"{page.url}: expected {count} feature paths (replaced={replaced}), the map shows {drawn}") from error


def wait_until_idle(page, has_map: bool) -> None:
    """Until the script run has finished and, for a map, Leaflet has drawn it (its map pane holds
    something: the base layers, or for the simplest reference the tiles' empty images)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)
    if has_map:
        page.wait_for_function(
            f"""() => {{ const d = {MAP_ROOT_JS};
                return !!d && !!d.querySelector('.leaflet-map-pane') && d.querySelectorAll('.leaflet-map-pane path, .leaflet-map-pane img').length > 0; }}""",
            timeout=WAIT_MS,
        )


def mark_paths(page, fills: list[str]) -> None:
    page.evaluate(f"(fills) => {{ const paths = ({FEATURE_PATHS_JS})(fills); (paths || []).forEach(p => p.dataset.old = '1'); }}", fills)


# Timed in the page, not by the test driver: a driver's round trips (press, poll) cost tens of
# milliseconds each on a loaded machine and would swamp a 50 ms step. The clock starts at the
# keydown the page receives and stops at the first animation frame in which the change is in the
# DOM (the frame the browser paints it in), for the map and for the panel apart. The map is looked
# up again at every frame: the naive app's map is a new document at every rerun.
STEP_CLOCK_JS = """({fills, count, words, plain}) => {
  const now = () => performance.timeOrigin + performance.now();
  const clock = window.__stepClock = {key: null, map: null, panel: null};
  document.addEventListener("keydown", () => { if (clock.key === null) clock.key = now(); }, {capture: true});
  const mapDrawn = () => {
    const doc = %s;
    if (!doc) return false;
    const paths = [...doc.querySelectorAll("path")].filter(p => fills.includes(p.getAttribute("fill")));
    return paths.length === count && (count === 0 || paths.some(p => !p.dataset.old));
  };
  const panelShown = () => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .some(e => { const t = e.innerText.trim(); return t.startsWith(words + " ·") || t === plain; });
  const tick = () => {
    if (clock.key !== null) {
      if (clock.map === null && count !== null && mapDrawn()) clock.map = now();
      if (clock.panel === null && panelShown()) clock.panel = now();
    }
    if (clock.panel === null || (count !== null && clock.map === null)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}""" % MAP_ROOT_JS


def browser_steps(browser, url: str, has_map: bool, steps, fills: list[str]) -> dict[str, object]:
    """Key press to redrawn polygons, and bytes received, for one ArrowRight onto each round start.

    Each step opens a fresh page two days before the round start and presses ArrowRight twice:
    the first press (onto the day before) is the first key press on a fresh page, the second
    (onto the round start) a key press after another, as when a reader scrubs. Both are reported;
    the map step and the bytes are the second press's."""
    durations, first_durations, map_durations, sizes = [], [], [], []
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    failures: list[str] = []
    for day, two_before, before, after in steps:
        page = context.new_page()
        traffic = Traffic(page)
        try:
            eve, start_day = day - dt.timedelta(days=1), day - dt.timedelta(days=2)
            page.goto(f"{url}/?date={start_day.isoformat()}", wait_until="domcontentloaded")
            wait_for_date(page, start_day)
            wait_until_idle(page, has_map)
            slider = page.locator(SLIDER_INPUT).first
            slider.focus()
            for target in (eve, day):
                # The references print the ISO date; this app's panel writes it in words.
                # The map step is timed where the map has something new to draw: the set of features changes.
                if has_map:
                    wait_for_polygons(page, fills, len(before) if target == day else len(two_before), replaced=False)
                    mark_paths(page, fills)
                timed_map = has_map and target == day and before != after
                page.evaluate(STEP_CLOCK_JS, {"fills": fills, "count": len(after) if timed_map else None,
                                              "words": Locale().date(target), "plain": f"{'naive' if has_map else 'empty'} {target.isoformat()}"})
                received = traffic.bytes
                slider.press("ArrowRight")
                # The map step (key -> the day's polygons painted) and the panel step (key -> the page
                # names the new date, a server round trip) are measured apart: this app's map redraws
                # in the browser before the server answers (components.live_date).
                page.wait_for_function(f"() => window.__stepClock.panel !== null && ({'window.__stepClock.map !== null' if timed_map else 'true'})", timeout=WAIT_MS)
                clock = page.evaluate("() => window.__stepClock")
                (durations if target == day else first_durations).append(clock["panel"] - clock["key"])
                if timed_map:
                    map_durations.append(clock["map"] - clock["key"])
                wait_until_idle(page, has_map)
            if has_map:
                wait_for_polygons(page, fills, len(after), replaced=False)  # settled on the day
            sizes.append(traffic.bytes - received)
        except Exception as error:  # a step that never settled is reported, not hidden
            failures.append(f"{day}: {error}")
            print(f"step onto {day} failed: {error}", file=sys.stderr)
        finally:
            page.close()
    context.close()
    return {"step_ms": summary(durations), "first_step_ms": summary(first_durations), "map_step_ms": summary(map_durations) if map_durations else None,
            "step_bytes": summary(sizes), "failed_steps": failures}


SCRUB_START = dt.date(2019, 7, 1)
SCRUB_PRESSES = 30
SCRUB_SETTLE_S = 2.0


def scrubbing_steps(browser, url: str, has_map: bool, presses: int = SCRUB_PRESSES) -> dict[str, float]:
    """Key press to the panel's new date on a page in use: a reader scrubbing day by day on a page
    open for a while, not one just loaded (on a fresh page the map is still drawing its base
    layers and the browser compiling: its first keys are reported apart, `first_step_ms`)."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    page.goto(f"{url}/?date={SCRUB_START.isoformat()}", wait_until="domcontentloaded")
    wait_for_date(page, SCRUB_START)
    wait_until_idle(page, has_map)
    time.sleep(SCRUB_SETTLE_S)
    slider = page.locator(SLIDER_INPUT).first
    slider.focus()
    durations = []
    for press in range(1, presses + 1):
        target = SCRUB_START + dt.timedelta(days=press)
        page.evaluate(STEP_CLOCK_JS, {"fills": [], "count": None, "words": Locale().date(target),
                                      "plain": f"{'naive' if has_map else 'empty'} {target.isoformat()}"})
        slider.press("ArrowRight")
        page.wait_for_function("() => window.__stepClock.panel !== null", timeout=WAIT_MS)
        clock = page.evaluate("() => window.__stepClock")
        durations.append(clock["panel"] - clock["key"])
        wait_until_idle(page, has_map)
    context.close()
    return summary(durations)


def cold_start(browser, url: str, has_map: bool, fills: list[str]) -> float:
    context = browser.new_context()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    if has_map:
        page.wait_for_function(f"(fills) => {{ const p = ({FEATURE_PATHS_JS})(fills); return p !== null && p.length > 0; }}", arg=fills, timeout=WAIT_MS)
    else:
        page.locator('[data-testid="stMarkdownContainer"]').first.wait_for(timeout=WAIT_MS)
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def soak(browser, url: str, pid: int, sessions: int, seconds: float) -> dict[str, object]:
    """`sessions` pages stepping the slider round-robin for `seconds`: memory and errors."""
    pages = []
    for _ in range(sessions):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        page.locator(SLIDER_INPUT).first.wait_for(state="attached", timeout=WAIT_MS)
        pages.append(page)
    deadline, steps, peak = time.monotonic() + seconds, 0, resident_mb(pid)
    while time.monotonic() < deadline:
        for page in pages:
            page.locator(SLIDER_INPUT).first.press("ArrowRight")
            steps += 1
        peak = max(peak, resident_mb(pid))
    errors = sum(page.locator('[data-testid="stException"]').count() for page in pages)
    for page in pages:
        page.context.close()
    return {"sessions": sessions, "seconds": seconds, "key_presses": steps, "errors": errors, "peak_rss_mb": peak}


def png_seconds() -> float:
    """Seconds to render the 1920x1080 PNG from loaded data, as the dashboard's download does."""
    from components.png import render_png
    from geo.dataset import build_dataset

    dataset = build_dataset()
    render_png(dataset, "2020-03-05")  # the first render also loads fonts
    start = time.perf_counter()
    render_png(dataset, "2020-03-06")
    return time.perf_counter() - start


def run(limit: int | None, soak_seconds: float, only: list[str] | None = None) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    from components.symbology import KIND_STYLES, leaflet_style

    # The naive app fills every kind with its colour; this app fills the bands with their hatching.
    fills = sorted({str(style["fillColor"]) for style in KIND_STYLES.values()} | {str(leaflet_style(kind)["fillColor"]) for kind in KIND_STYLES})
    steps = step_dates(limit)
    results: dict[str, object] = {
        "machine": {"cores": __import__("os").cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "rounds_stepped": len(steps),
        "server_step_ms": server_step_times([day for day, *_ in steps]),
        "png_export_s": png_seconds(),
        "apps": {},
    }
    logs = Path(tempfile.mkdtemp())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for name, script in APPS.items():
            if only and name not in only:
                continue
            has_map = name != "empty"
            # Cold start: a server just started (its first session imports the script's modules
            # and loads the data) to the first polygons painted. This app reads its dataset from
            # the store an earlier server filled (geo.dataset_store); the first start ever, with
            # an empty store, is measured too.
            if name == "this app":
                with running_app(script, logs / f"{name}-first-ever.log", env={STORE_ENV: str(logs / "empty-store")}) as (url, _process):
                    first_ever_ms = cold_start(browser, url, has_map, fills)
            if name == "this app":
                # An earlier server with this data and code: it fills the store the cold start
                # reads (after an edit of geo/ or components/ the store holds nothing current).
                with running_app(script, logs / f"{name}-fill-store.log") as (url, _process):
                    cold_start(browser, url, has_map, fills)
            with running_app(script, logs / f"{name}-cold.log") as (url, _process):
                cold_ms = cold_start(browser, url, has_map, fills)
            with running_app(script, logs / f"{name}.log") as (url, process):
                app = browser_steps(browser, url, has_map, steps, fills)
                app["scrub_step_ms"] = scrubbing_steps(browser, url, has_map)
                app["cold_start_ms"] = cold_ms
                app["new_session_ms"] = cold_start(browser, url, has_map, fills)  # a new reader on a warm server
                if name == "this app":
                    app["first_ever_start_ms"] = first_ever_ms
                if name == "this app" and soak_seconds > 0:
                    app["memory_1_session"] = soak(browser, url, process.pid, 1, min(soak_seconds, 10))
                    app["memory_many_sessions"] = soak(browser, url, process.pid, SOAK_SESSIONS, soak_seconds)
                results["apps"][name] = app
        browser.close()
    return results


def _cell(values: dict[str, float] | None, statistic: str) -> str:
    return f"{values[statistic]:12.0f}" if values else f"{'-':>12}"


def table(results: dict[str, object]) -> str:
    apps = results["apps"]
    ours, naive, empty = (apps[name]["scrub_step_ms"]["p95"] for name in ("this app", "naive", "empty"))
    empty_map_reference = apps["empty"]["step_ms"]["p95"]
    lines = [
        f"{'':28}" + "".join(f"{name:>12}" for name in APPS),
        "map step (key->polygons), median ms".ljust(28) + "".join(_cell(apps[n].get("map_step_ms"), "median") for n in APPS),
        "map step, p95 ms".ljust(28) + "".join(_cell(apps[n].get("map_step_ms"), "p95") for n in APPS),
        "panel step, page in use, median ms".ljust(28) + "".join(f"{apps[n]['scrub_step_ms']['median']:12.0f}" for n in APPS),
        "panel step, page in use, p95 ms".ljust(28) + "".join(f"{apps[n]['scrub_step_ms']['p95']:12.0f}" for n in APPS),
        "second key on a page, median ms".ljust(28) + "".join(f"{apps[n]['step_ms']['median']:12.0f}" for n in APPS),
        "second key on a page, p95 ms".ljust(28) + "".join(f"{apps[n]['step_ms']['p95']:12.0f}" for n in APPS),
        "first key on a page, median ms".ljust(28) + "".join(f"{apps[n]['first_step_ms']['median']:12.0f}" for n in APPS),
        "first key on a page, p95 ms".ljust(28) + "".join(f"{apps[n]['first_step_ms']['p95']:12.0f}" for n in APPS),
        "bytes per step, median".ljust(28) + "".join(f"{apps[n]['step_bytes']['median']:12.0f}" for n in APPS),
        "bytes per step, p95".ljust(28) + "".join(f"{apps[n]['step_bytes']['p95']:12.0f}" for n in APPS),
        "cold start (new server) ms".ljust(28) + "".join(f"{apps[n]['cold_start_ms']:12.0f}" for n in APPS),
        "new session, warm server ms".ljust(28) + "".join(f"{apps[n]['new_session_ms']:12.0f}" for n in APPS),
        "server step, median ms".ljust(28) + "".join(f"{results['server_step_ms'][n]['median']:12.1f}" if n in results["server_step_ms"] else f"{'-':>12}" for n in APPS),
        "",
        f"panel step p95 on a page in use ({SCRUB_PRESSES} presses): {ours / naive:.2f} x naive, {ours / empty:.2f} x the empty app's rerun (target <= 1.5); "
        f"on a fresh page, the first key: {apps['this app']['first_step_ms']['p95'] / apps['empty']['first_step_ms']['p95']:.2f} x, "
        f"the second: {apps['this app']['step_ms']['p95'] / apps['empty']['step_ms']['p95']:.2f} x",
        f"cold start: {apps['this app']['cold_start_ms']:.0f} ms, {apps['this app']['cold_start_ms'] / apps['empty']['cold_start_ms']:.2f} x the empty app's "
        f"(target <= 2,000 ms); the first start ever (empty dataset store): {apps['this app']['first_ever_start_ms']:.0f} ms",
        f"map step p95: {apps['this app']['map_step_ms']['p95']:.0f} ms, {apps['this app']['map_step_ms']['p95'] / empty_map_reference:.2f} x the empty app's rerun (target <= 50 ms)"
        if apps["this app"].get("map_step_ms") else "map step: not measured",
        "steps that never settled: " + ", ".join(f"{name} {len(apps[name]['failed_steps'])}" for name in APPS),
        f"PNG export: {results['png_export_s']:.2f} s" if results["png_export_s"] is not None else "PNG export: not available",
        (f"memory, 1 session: {apps['this app']['memory_1_session']['peak_rss_mb']:.0f} MB; {SOAK_SESSIONS} sessions for {apps['this app']['memory_many_sessions']['seconds']:.0f} s: "
         f"{apps['this app']['memory_many_sessions']['peak_rss_mb']:.0f} MB peak, {apps['this app']['memory_many_sessions']['errors']} errors")
        if "memory_1_session" in apps["this app"] else "memory: not measured (--soak 0)",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark this app against a naive app and an empty app.")
    parser.add_argument("--rounds", type=int, default=None, help="step onto only the first N round starts")
    parser.add_argument("--soak", type=float, default=20, help=f"seconds the {SOAK_SESSIONS} sessions step (the target is stated for 60)")
    parser.add_argument("--apps", nargs="*", choices=list(APPS), help="measure only these apps (the table needs all four)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json")
    arguments = parser.parse_args()
    results = run(arguments.rounds, arguments.soak, arguments.apps)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(table(results) if len(results["apps"]) == len(APPS) else json.dumps(results["apps"], indent=1, default=str))
    print(f"\nwritten: {arguments.out}")


if __name__ == "__main__":
    main()
