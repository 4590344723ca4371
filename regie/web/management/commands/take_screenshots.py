"""`manage.py take_screenshots [--out docs/screenshots]`: screenshots of the main pages at
phone (360 × 800) and desktop (1280 × 900, full page) width, for the README (issue 5).

It starts `manage.py runserver` on a free localhost port as a subprocess with the same
environment (so the same database), logs in through the login form with the demo
accounts, and drives Debian's Chromium (`/usr/bin/chromium`, never a downloaded browser)
with Playwright. It needs the demo data and two-factor sign-in switched off; `make
screenshots` sets up a throwaway SQLite database with both and then runs this command.
"""

from __future__ import annotations

import os
import socket
import subprocess  # nosec B404: starts this project's own manage.py, no shell
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.urls import reverse

from regie.access import policy
from regie.accounts.models import User
from regie.demo.cast import DEMO_PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE: ViewportSize = {"width": 360, "height": 800}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
MAX_HEIGHT = 3000  # desktop shots are full page, cut off here to keep the PNGs small
MARGIN = 24

# The top and bottom (page coordinates) of the sections around the given headings.
SECTIONS = """(selectors) => {
  const boxes = selectors.map(s => document.querySelector(s)).filter(Boolean)
    .map(el => (el.closest('section') || el).getBoundingClientRect());
  if (!boxes.length) return null;
  return [Math.min(...boxes.map(b => b.top)) + window.scrollY,
          Math.max(...boxes.map(b => b.bottom)) + window.scrollY];
}"""


@dataclass(frozen=True)
class Shot:
    name: str  # file name without the width suffix
    username: str  # who is logged in; empty for the login page
    page: str  # "login", "home", "plan", "step", "youth", "access-log", "rights", "figures"
    step: int = 0
    # Headings (CSS selectors) of the sections the shot is about: the phone shot scrolls to
    # the first, the desktop shot moves down when they lie below MAX_HEIGHT.
    focus: tuple[str, ...] = ()


SHOTS = [
    Shot("login", "", "login"),
    Shot("caseload-professional", "wijkteam.bakker", "home"),
    Shot("plan-overview-parent", "sanne.jansen", "plan"),
    Shot(
        "step-7-evaluations-professional",
        "wijkteam.bakker",
        "step",
        7,
        ("#goal-progress-heading",),
    ),
    Shot(
        "step-1-genogram-parent",
        "sanne.jansen",
        "step",
        1,
        ("#genogram-heading", "#sociogram-heading"),
    ),
    Shot("step-2-wishes-youth", "lotte.jansen", "step", 2),
    Shot("my-plan-youth", "lotte.jansen", "youth"),
    Shot("step-6-deciding-parent", "sanne.jansen", "step", 6),
    Shot("plan-overview-network", "oma.joke", "plan"),
    Shot("step-4-compulsory-plan-protection-worker", "gi.degraaf", "step", 4),
    Shot("who-viewed-our-plan-parent", "sanne.jansen", "access-log"),
    # Issue 14: the pages a parent uses most, on a phone.
    Shot("step-3-worries-and-strengths-parent", "sanne.jansen", "step", 3),
    Shot("step-7-who-does-what-parent", "sanne.jansen", "step", 7),
    Shot("my-rights-parent", "sanne.jansen", "rights"),
    # Issue 15: the municipality's figures (no plan, no name).
    Shot("figures-municipality", "gemeente.dekker", "figures"),
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    """Wait until the server accepts connections on `port`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"runserver stopped with exit code {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"runserver did not answer on port {port} within {seconds:.0f} s")


class Command(BaseCommand):
    help = "Maakt schermafbeeldingen van de belangrijkste pagina's (telefoon en desktop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default="docs/screenshots", help="Map voor de PNG's.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.REGIE_REQUIRE_TWO_FACTOR:
            raise CommandError("Zet REGIE_REQUIRE_TWO_FACTOR=false (make screenshots doet dat).")
        if not os.path.exists(CHROMIUM):
            raise CommandError(f"{CHROMIUM} ontbreekt: apt-get install chromium")
        urls = self._urls()
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        connections.close_all()  # the server subprocess uses the database from now on

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        manage = Path(settings.BASE_DIR) / "manage.py"
        server = subprocess.Popen(  # noqa: S603  # nosec B603: fixed argument list, no shell
            [sys.executable, str(manage), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(port, server)
            written = self._shoot(base, urls, out)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        total = sum(path.stat().st_size for path in written)
        self.stdout.write(f"{len(written)} schermafbeeldingen in {out} ({total / 1e6:.1f} MB)")

    def _urls(self) -> dict[str, str]:
        """The address of each shot, from the demo data."""
        urls: dict[str, str] = {}
        for shot in SHOTS:
            if shot.page in ("login", "figures"):
                urls[shot.name] = reverse("login" if shot.page == "login" else "indicators")
                continue
            user = User.objects.filter(username=shot.username).first()
            if user is None:
                raise CommandError(f"{shot.username} bestaat niet: laad eerst de demo (load_demo).")
            plan = policy.visible_plans(user).order_by("pk").first()
            if plan is None:
                raise CommandError(f"{shot.username} heeft geen plan in de demo.")
            if shot.page == "home":
                urls[shot.name] = reverse("home")
            elif shot.page == "plan":
                urls[shot.name] = reverse("plan", args=[plan.public_id])
            elif shot.page == "youth":
                urls[shot.name] = reverse("plan-youth", args=[plan.public_id])
            elif shot.page == "rights":
                urls[shot.name] = reverse("plan-rights", args=[plan.public_id])
            elif shot.page == "step":
                urls[shot.name] = reverse("plan-step", args=[plan.public_id, shot.step])
            else:
                urls[shot.name] = reverse("plan-access-log", args=[plan.public_id])
        return urls

    def _shoot(self, base: str, urls: dict[str, str], out: Path) -> list[Path]:
        from playwright.sync_api import Browser, sync_playwright

        written: list[Path] = []
        with sync_playwright() as runner:
            browser: Browser = runner.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                for shot in SHOTS:
                    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                        context = browser.new_context(
                            base_url=base, viewport=viewport, locale="nl-NL"
                        )
                        context.set_default_timeout(15_000)
                        page = context.new_page()
                        if shot.username:
                            page.goto(reverse("login"))
                            page.get_by_label("Gebruikersnaam").fill(shot.username)
                            page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
                            with page.expect_navigation():
                                page.get_by_role("button", name="Inloggen").click()
                            if "inloggen" in page.url:
                                raise CommandError(f"Inloggen als {shot.username} lukte niet.")
                        response = page.goto(urls[shot.name])
                        if response is None or not response.ok:
                            status = response.status if response else "geen antwoord"
                            raise CommandError(f"{urls[shot.name]} als {shot.username}: {status}")
                        path = out / f"{shot.name}-{label}.png"
                        region = page.evaluate(SECTIONS, list(shot.focus)) if shot.focus else None
                        if label == "desktop":
                            full = int(page.evaluate("document.documentElement.scrollHeight"))
                            top = 0
                            if region is not None and region[1] + MARGIN > MAX_HEIGHT:
                                # the whole region, and as much of the page above it as fits
                                top = max(
                                    0,
                                    min(
                                        int(region[0]) - MARGIN,
                                        int(region[1]) + MARGIN - MAX_HEIGHT,
                                    ),
                                )
                            page.screenshot(
                                path=str(path),
                                full_page=True,
                                clip={
                                    "x": 0,
                                    "y": top,
                                    "width": DESKTOP["width"],
                                    "height": min(full - top, MAX_HEIGHT),
                                },
                            )
                        else:
                            if region is not None:
                                page.evaluate(f"window.scrollTo(0, {max(0, int(region[0]) - 8)})")
                            page.screenshot(path=str(path))
                        written.append(path)
                        self.stdout.write(f"  {path}")
                        context.close()
            finally:
                browser.close()
        return written
