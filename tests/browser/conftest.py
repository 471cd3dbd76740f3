"""Start the dashboard once per session on a free port and drive it with Debian's Chromium.

No sleeps: the server is polled until its health check answers, and the page is waited on
for what the user would see. Every request that leaves the machine is blocked, as in a demo
room with no internet.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.server import running_app

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    with running_app(ROOT / "dashboard.py", log_path) as (url, _process):
        yield url


@pytest.fixture
def offline_page(browser, app_url):
    """A page on which every request to another host is aborted and recorded."""
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
    page = context.new_page()
    page.blocked_requests = blocked
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
