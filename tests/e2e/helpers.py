"""What a journey does in the browser: open a page and check it with axe-core, log in
through the real forms (with the second factor for professionals), submit a form.

Every page a journey lands on goes through `check()`: axe-core (bundled with
axe-playwright-python, no network) with its default rules, WCAG 2.1 A/AA and best
practices, must report 0 violations. Before the check every <details> is opened, so the
forms folded away on the page are checked too, then folded back as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Locator, Page

from regie.accounts.models import User
from tests.accounts.helpers import confirmed_device, current_code
from tests.personas import PASSWORD

AXE = Axe()

MARK_AND_OPEN = """() => {
  document.querySelectorAll('details:not([open])').forEach(d => {
    d.setAttribute('data-e2e-opened', ''); d.setAttribute('open', '');
  });
}"""
UNMARK_AND_CLOSE = """() => {
  document.querySelectorAll('details[data-e2e-opened]').forEach(d => {
    d.removeAttribute('open'); d.removeAttribute('data-e2e-opened');
  });
}"""
DUPLICATE_IDS = """() => {
  const seen = new Map();
  document.querySelectorAll('[id]').forEach(el => seen.set(el.id, (seen.get(el.id) || 0) + 1));
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id).slice(0, 10);
}"""
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1
                  && getComputedStyle(el).position !== 'absolute'
                  && !el.closest('.visually-hidden, .utrecht-skip-link'))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
               + (el.className && typeof el.className === 'string'
                  ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
  if (document.documentElement.scrollWidth > width) {
    wide.unshift('document ' + document.documentElement.scrollWidth + ' px');
  }
  return wide;
}"""


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable list: rule id, impact, help text and the first few elements it hit."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}  {summary[:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@dataclass
class BrowserSession:
    """One browser window; `visited` lists every page checked, for the journey's report."""

    page: Page
    visited: list[str] = field(default_factory=list)

    # ---- checks -----------------------------------------------------------------------

    def check(self) -> None:
        """axe-core on the page as it is now (all folded parts open): 0 violations. On a
        narrow window also: nothing sticks out sideways (usable at 360 px)."""
        page = self.page
        self.visited.append(page.url)
        problems = self.accessibility_problems()
        viewport = page.viewport_size
        if viewport is not None and viewport["width"] < 500:
            problems += self.overflow_problems()
        assert not problems, "\n".join(problems)

    def accessibility_problems(self) -> list[str]:
        """axe-core's violations with every <details> open, and ids used twice."""
        page = self.page
        path = page.url
        page.evaluate(MARK_AND_OPEN)
        try:
            results = AXE.run(page)
        finally:
            page.evaluate(UNMARK_AND_CLOSE)
        problems = []
        violations = results.response["violations"]
        if violations:
            problems.append(
                f"axe-core found {len(violations)} kind(s) of violation on {path}:\n"
                + describe(violations)
            )
        # axe-core 4.12 no longer reports duplicate ids; a label or error link pointing at
        # another form's field is still a WCAG 1.3.1/4.1.1 problem, so check it here.
        duplicates = page.evaluate(DUPLICATE_IDS)
        if duplicates:
            problems.append(f"{path} has duplicate ids: {duplicates}")
        return problems

    def overflow_problems(self) -> list[str]:
        """Anything reaching past the window's right edge, scrolling tables included: a
        page must fit its window (360 px phones first)."""
        sticking_out = self.page.evaluate(OVERFLOW)
        if not sticking_out:
            return []
        width = self.page.evaluate("document.documentElement.clientWidth")
        return [f"{self.page.url} is wider than {width} px: {sticking_out}"]

    def visit(self, url: str) -> None:
        """Go to `url` (relative to the live server) and check the page."""
        response = self.page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        self.check()

    def submit(self, button: Locator) -> None:
        """Press a form's button, wait for the page that comes back, and check it."""
        with self.page.expect_navigation():
            button.click()
        self.check()

    # ---- logging in -------------------------------------------------------------------

    def log_in(self, user: User) -> None:
        """Log in through the login form, as a family or network member does."""
        self.visit("/inloggen/")
        self.page.get_by_label("Gebruikersnaam").fill(user.username)
        self.page.get_by_label("Wachtwoord").fill(PASSWORD)
        self.submit(self.page.get_by_role("button", name="Inloggen"))

    def log_in_professional(self, user: User) -> TOTPDevice:
        """Log in with the password, then the code from the person's authenticator app
        (A6), computed the way the app does (TOTP)."""
        device = confirmed_device(user)
        self.log_in(user)
        assert "tweestaps" in self.page.url, f"expected the second step, got {self.page.url}"
        self.page.get_by_label("Code").fill(current_code(device))
        self.submit(self.page.get_by_role("button", name="Verder"))
        return device
