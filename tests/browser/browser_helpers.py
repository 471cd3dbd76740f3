"""The browser tests' helpers, in one place: start a Streamlit app on a free local port and wait
until it answers (polling its health endpoint, never a fixed sleep), and a browser context that
cannot reach the internet. benchmarks/run.py uses them too.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60
POLL_SECONDS = 0.2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(POLL_SECONDS)
    raise RuntimeError(f"the app did not answer within {START_SECONDS} s")


@contextmanager
def running_app(script: Path, log_path: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """Yield the URL of a Streamlit server running `script`, and its process; stop it after."""
    port = free_port()
    # The way `make run` starts the dashboard: Streamlit behind scripts/serve.py (imports loaded first).
    command = [
        sys.executable, str(ROOT / "scripts" / "serve.py"), str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log_path)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()

LOCAL_HOSTS = ("127.0.0.1", "localhost")


def offline_context(browser):
    """A browser context in which every request to another host is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    blocked: list[str] = []

    def only_local(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    context.blocked_requests = blocked
    return context


def open_sidebar(page) -> None:
    """Unfold the sidebar (the page starts with it folded, the map taking the width)."""
    button = page.locator('[data-testid="stExpandSidebarButton"]')
    button.wait_for(state="visible", timeout=30_000)
    button.click()
    page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for(state="visible", timeout=30_000)


def feature_shapes_selector() -> str:
    """The map's shapes filled in a feature kind's colour (hatched kinds: their pattern's): the
    features, which arrive after the base layers (any shape at all would be a base layer's)."""
    from components.symbology import KIND_STYLES, leaflet_style

    fills = sorted({str(style["fillColor"]) for style in KIND_STYLES.values()} | {str(leaflet_style(kind)["fillColor"]) for kind in KIND_STYLES})
    return ", ".join(f'path.leaflet-interactive[fill="{fill}"]' for fill in fills)


# The dashboard's time control (components/date_control.py): its <input type="range">.
DATE_CONTROL_INPUT = ".st-key-date_control input.dc-input"
# Its thumb is 16 px wide (components/standalone/date_control.css): its centre runs from 8 px to
# the width minus 8 px.
THUMB_PX = 16


def date_handle(page) -> tuple[float, float, float]:
    """Where the time control's handle is (x, y of its centre) and how many px a day is."""
    box = page.locator(DATE_CONTROL_INPUT).bounding_box()
    value, maximum = page.locator(DATE_CONTROL_INPUT).evaluate("input => [Number(input.value), Number(input.max)]")
    day_px = (box["width"] - THUMB_PX) / maximum
    return box["x"] + THUMB_PX / 2 + value * day_px, box["y"] + box["height"] / 2, day_px


def control_iso(page) -> str:
    """The day the time control's handle is on (ISO; its value text is in words)."""
    return page.locator(DATE_CONTROL_INPUT).get_attribute("data-iso")
