"""Issue 14, done when: every page every demo person can reach works on a phone, 360 × 800.

The crawl (tests/e2e/crawl.py says what it follows and skips) loads the demo, logs in as
each of its accounts and checks every page reached: (a) no wider than the window, no
element sticking out, scrolling tables included; (b) the content starts in the first
screen: the first shown element after the page's <h1> in <main> (not the step navigation)
begins less than 640 px from the top; (c) axe-core reports 0 violations. The same crawl at
1,280 px is in test_every_page_desktop.py, so pytest-xdist runs the two side by side.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.e2e.crawl import crawl_demo

pytestmark = [pytest.mark.e2e, pytest.mark.crawl, pytest.mark.django_db(transaction=True)]


def test_every_page_fits_a_phone_starts_with_its_content_and_passes_axe(
    browser: Browser, live_server: LiveServer
) -> None:
    crawl_demo(browser, live_server.url, width=360)
