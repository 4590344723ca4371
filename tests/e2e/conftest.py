"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server,
and axe-core checks every page a journey visits (issue 5, "Quality every page meets").

No browser is ever downloaded: the tests use /usr/bin/chromium (`.ci/run` installs it
from Debian when missing). Without it the tests are skipped locally and fail in CI.

Why DJANGO_ALLOW_ASYNC_UNSAFE: Playwright's sync API runs its own asyncio event loop in
the test thread. Django then sees a running event loop and refuses database access from
that thread ("You cannot call this from an async context"), although the test code is
plain synchronous code and the live server answers in its own thread. The flag only
switches off that guard; nothing here is asynchronous Django code. It is set when the
first browser test starts (the `playwright` fixture), not for the tests that never start
a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.e2e.helpers import BrowserSession

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"{CHROMIUM} is missing: apt-get install chromium (never a downloaded browser)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    runner = sync_playwright().start()
    yield runner
    runner.stop()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        headless=True,
    )
    yield browser
    browser.close()


def _session(browser: Browser, live_server: LiveServer, width: int, height: int) -> BrowserSession:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}, locale="nl-NL"
    )
    context.set_default_timeout(10_000)
    return BrowserSession(context.new_page())


@pytest.fixture
def desktop(browser: Browser, live_server: LiveServer) -> Iterator[BrowserSession]:
    """A fresh browser window (its own cookies) at a laptop's width."""
    session = _session(browser, live_server, 1440, 900)
    yield session
    session.page.context.close()


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[BrowserSession]:
    """A fresh browser window at a small phone's width: 360 × 800."""
    session = _session(browser, live_server, 360, 800)
    yield session
    session.page.context.close()


@pytest.fixture
def page(desktop: BrowserSession) -> Page:
    return desktop.page
