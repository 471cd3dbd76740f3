"""Browser helpers shared by the Chromium tests: a context that cannot reach the internet."""

from __future__ import annotations

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
