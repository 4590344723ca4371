"""The crawl of issue 14: every page a demo person can reach, checked at one window width.

For each demo account, and for someone not logged in, a fresh browser window logs in
(professionals with a session that passed the second factor, as `client_for` makes it),
opens the home page and follows every same-origin GET link (<a href>) breadth-first; the
project's own 404 page is checked too. Each page reached is checked:

(a) nothing sticks out sideways: the document is no wider than the window and no element
    (not even inside a scrolling table) reaches past its right edge;
(b) the content comes first: the first visible element after the page's <h1> in <main>
    (skipping the step navigation and empty live regions; see FIRST_CONTENT) starts less
    than 640 px from the top of the page, so header, back link and the step indicator
    leave the content in the first screen of a phone;
(c) axe-core reports 0 violations, with every <details> opened, and no id is used twice
    (`BrowserSession.check`).

Not followed: logging out and switching the language (forms, never links anyway), the
downloads (PDF, ZIP, JSON, FHIR: the `export/` urls, and any answer that is not HTML), the
admin (`/beheer/`: Django's own pages, not the family's) and links out of the site.

So that a width stays within a few minutes on a small machine, variants are visited once
per person: query strings (pagination, filters, "show history") are dropped, a fragment
never makes a new page, and for a person in several plans only the first plan found is
crawled page by page; the other plans' overviews are checked too (their data differs).
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Error

from regie.accounts.models import User
from regie.demo.loader import demo_logins, load_demo
from tests.accounts.helpers import client_for
from tests.e2e.helpers import BrowserSession

FIRST_SCREEN = 640

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Pages no link leads to that everyone may meet: the project's own "not found" page.
ERROR_PAGES = [("/bestaat-niet/", 404)]
NOT_FOLLOWED = (
    re.compile(r"/export/"),  # plan-export-pdf/-data/-fhir and privacy-log-export: downloads
    re.compile(r"^/beheer/"),  # the admin: Django's pages
    re.compile(r"^/i18n/"),
    re.compile(r"^/uitloggen/"),
    re.compile(r"^/api/"),
    re.compile(r"^/bench/"),
)

# Where the content starts: the first element after <main>'s <h1> in document order that
# is shown (has a size), is not the step navigation or inside it, and is not an empty
# live region. Its top, from the top of the page, in px; null when the page has no <h1>.
FIRST_CONTENT = """() => {
  const main = document.querySelector('main');
  const h1 = main && main.querySelector('h1');
  if (!h1) return null;
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_ELEMENT);
  walker.currentNode = h1;
  let el;
  while ((el = walker.nextNode())) {
    if (h1.contains(el) || el.closest('nav.regie-steps')) continue;
    const box = el.getBoundingClientRect();
    if (box.height === 0 || box.width === 0) continue;
    return {top: Math.round(box.top + window.scrollY),
            what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')};
  }
  return {top: Math.round(h1.getBoundingClientRect().top + window.scrollY), what: 'h1'};
}"""


@dataclass
class Crawl:
    """What one width's crawl saw: pages checked per person, and every failure."""

    width: int
    pages: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def report(self) -> str:
        total = sum(self.pages.values())
        per_person = ", ".join(f"{name} {n}" for name, n in self.pages.items())
        return (
            f"{total} pages checked at {self.width} px in {self.seconds:.0f} s ({per_person}); "
            f"{len(self.failures)} failure(s)"
        )


def followed(url: str, origin: str) -> str | None:
    """The path to visit for a link, or None when the crawl does not follow it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if any(pattern.search(parts.path) for pattern in NOT_FOLLOWED):
        return None
    return parts.path


def crawl_as(browser: Browser, base_url: str, user: User | None, width: int, crawl: Crawl) -> None:
    """Log `user` in (None: nobody logged in), crawl breadth-first from the home page, and
    note every failure. The pages in ERROR_PAGES are checked too, with their status."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 800}, locale="nl-NL"
    )
    context.set_default_timeout(15_000)
    host = urlsplit(base_url)
    if user is not None:
        cookie = client_for(user).cookies["sessionid"].value
        domain = host.hostname or "localhost"
        context.add_cookies([{"name": "sessionid", "value": cookie, "domain": domain, "path": "/"}])
    name = user.username if user is not None else "(niet ingelogd)"
    session = BrowserSession(context.new_page())
    origin = f"{host.scheme}://{host.netloc}"
    queue: deque[tuple[str, int]] = deque([("/", 200), *ERROR_PAGES])
    seen: set[str] = {"/", *(path for path, _ in ERROR_PAGES)}
    first_plan: str | None = None
    checked = 0
    try:
        while queue:
            path, status = queue.popleft()
            links = visit(session, path, status, width, f"{name} {path}", crawl)
            if links is None:
                continue
            checked += 1
            for href in links:
                next_path = followed(href, origin)
                if next_path is None or next_path in seen:
                    continue
                plan = UUID.search(next_path)
                if plan is not None:
                    first_plan = first_plan or plan.group()
                    is_overview = next_path == f"/plannen/{plan.group()}/"
                    if plan.group() != first_plan and not is_overview:
                        continue
                seen.add(next_path)
                queue.append((next_path, 200))
    finally:
        context.close()
    crawl.pages[name] = checked


def visit(
    session: BrowserSession, path: str, status: int, width: int, where: str, crawl: Crawl
) -> list[str] | None:
    """Open `path` and note its problems; the links on it, or None when it is no page (a
    download) or answered with another status than `status`."""
    page = session.page
    try:
        response = page.goto(path)
    except Error as error:  # a download starts instead of a page
        if "Download is starting" in str(error):
            return None
        raise
    if response is None or response.status != status:
        crawl.failures.append(f"{where}: answer {response and response.status}, not {status}")
        return None
    if "text/html" not in (response.headers.get("content-type") or ""):
        return None
    for problem in page_problems(session, width):
        crawl.failures.append(f"{where}: {problem}")
    links: list[str] = page.eval_on_selector_all(
        "a[href]:not([download])", "links => links.map(a => a.href)"
    )
    return links


def page_problems(session: BrowserSession, width: int) -> list[str]:
    """The failures of checks (a), (b) and (c) on the page as it is now."""
    page = session.page
    session.visited.append(page.url)
    problems = [problem.replace(page.url, "") for problem in session.overflow_problems()]
    start = page.evaluate(FIRST_CONTENT)
    if start is None:
        problems.append("no <h1> in <main>")
    elif start["top"] >= FIRST_SCREEN:
        problems.append(f"content starts at {start['top']} px ({start['what']})")
    problems += session.accessibility_problems()
    return problems


def crawl_demo(browser: Browser, base_url: str, width: int) -> None:
    """Load the demo, crawl as every demo account, print what was checked, and fail with
    every problem found."""
    load_demo()
    users: list[User | None] = [None]
    users += [User.objects.get(username=login.username) for login in demo_logins()]
    crawl = crawl_everyone(browser, base_url, users, width)
    print(crawl.report())  # the run's size and time: pytest -s or -rP shows it
    assert not crawl.failures, crawl.report() + ":\n" + "\n".join(crawl.failures)


def crawl_everyone(browser: Browser, base_url: str, users: list[User | None], width: int) -> Crawl:
    crawl = Crawl(width)
    started = time.monotonic()
    for user in users:
        crawl_as(browser, base_url, user, width, crawl)
    crawl.seconds = time.monotonic() - started
    return crawl
