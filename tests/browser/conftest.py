"""Start the dashboard once per session on a free port and drive it with Debian's Chromium.

No sleeps: the server is polled until its health check answers, and the page is waited on
for what the user would see. Every request that leaves the machine is blocked, as in a demo
room with no internet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import offline_context, running_app

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


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
    context = offline_context(browser)
    page = context.new_page()
    page.blocked_requests = context.blocked_requests
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
