"""The harness itself: the axe check fails on a page with known problems, also inside a
folded <details>, and the 360 px check notices a page that sticks out sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.e2e.helpers import BrowserSession

pytestmark = pytest.mark.e2e

BROKEN = """<!DOCTYPE html><html lang="nl"><head><title>Kapot</title></head><body>
<main><h1>Kapot</h1>
<details><summary>Meer</summary><input type="text" name="zonder-label"></details>
<p style="color: #bbb">Te licht</p></main></body></html>"""

WIDE = """<!DOCTYPE html><html lang="nl"><head><title>Breed</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<main><h1>Breed</h1><div style="width: 600px">Te breed</div></main></body></html>"""


def test_axe_reports_a_missing_label_in_a_folded_form_and_low_contrast(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(BROKEN)
        with pytest.raises(AssertionError) as failure:
            BrowserSession(page).check()
        assert "label (critical)" in str(failure.value)
        assert "color-contrast (serious)" in str(failure.value)
        assert page.locator("details[open]").count() == 0  # folded back as it was
    finally:
        page.close()


def test_a_page_wider_than_a_phone_fails_the_360_px_check(browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        page.set_content(WIDE)
        with pytest.raises(AssertionError, match="wider than 360 px"):
            BrowserSession(page).check()
    finally:
        page.close()
