"""`manage.py benchmark_refusals --requests 300`: does a refused plan answer as fast as a
missing one (A1)?

An outsider, logged in, asks the plan page of a plan that exists but is not theirs and of
plan ids that do not exist, alternately, through Django's test client (every middleware,
the real 404 page, DEBUG off). Prints the median time of each and the difference; the
goal is a difference within 1 ms, so that timing does not tell which plan ids exist.

Everything happens in one transaction that is rolled back, so the configured database is
left as it was. The throttle's limit is lifted for the run (it would answer 429 after
REGIE_REFUSALS_PER_WINDOW refusals); its count still runs on every refusal. Refused in
production: synthetic plans and refusals do not belong in a real log."""

import logging
import statistics
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from regie.access.models import AccessLogEntry
from regie.accounts.models import Organisation, OrganisationKind, User
from regie.catalog.models import LifeDomainSet
from regie.catalog.services import load_domain_sets
from regie.plans.models import Plan
from regie.plans.services.plans import open_plan

WARM_UP = 20


class Command(BaseCommand):
    help = "Meet of een geweigerd bestaand plan even snel antwoordt als een plan dat niet bestaat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--requests", type=int, default=300, help="Verzoeken per geval.")

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Geen benchmark op een productiedatabase.")
        count = options["requests"]
        if count < 1:
            raise CommandError("--requests moet positief zijn.")
        # Six hundred "Not Found" warnings would bury the figures.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        with (
            transaction.atomic(),
            override_settings(DEBUG=False, REGIE_REFUSALS_PER_WINDOW=10 * (count + WARM_UP)),
        ):
            plan, outsider = _scene()
            client = Client()
            client.force_login(outsider)
            before = AccessLogEntry.objects.filter(user_id=outsider.pk).count()
            existing, missing = _measure(client, plan, count)
            rows = AccessLogEntry.objects.filter(user_id=outsider.pk).count() - before
            transaction.set_rollback(True)
        self._report(existing, missing, rows, count)

    def _report(self, existing: list[float], missing: list[float], rows: int, count: int) -> None:
        real, absent = statistics.median(existing), statistics.median(missing)
        self.stdout.write(f"{count} verzoeken per geval, mediaan:")
        self.stdout.write(f"  bestaat, niet van u : {real * 1000:.3f} ms")
        self.stdout.write(f"  bestaat niet        : {absent * 1000:.3f} ms")
        self.stdout.write(f"  verschil            : {(real - absent) * 1000:+.3f} ms")
        self.stdout.write(f"  logregels geschreven: {rows} (verwacht {2 * (count + WARM_UP)})")
        self.stdout.write("Testgegevens teruggedraaid.")


def _scene() -> tuple[Plan, User]:
    """A plan opened by a professional, and a parent of another family who is not in it."""
    if not LifeDomainSet.objects.filter(is_default=True).exists():
        load_domain_sets()
    tag = uuid.uuid4().hex[:8]
    organisation = Organisation.objects.create(
        name=f"Benchmark {tag}", kind=OrganisationKind.NEIGHBOURHOOD_TEAM
    )
    professional = User.objects.create(username=f"benchmark-{tag}", organisation=organisation)
    plan = open_plan(by=professional, family_name=f"Gezin Benchmark {tag}")
    outsider = User.objects.create(username=f"benchmark-outsider-{tag}", first_name="Buiten")
    return plan, outsider


def _measure(client: Client, plan: Plan, count: int) -> tuple[list[float], list[float]]:
    """Seconds per request for each case, alternating which goes first, so that a log
    that grows and caches that warm up weigh on both alike."""
    existing_url = reverse("plan", args=[plan.public_id])
    times: dict[bool, list[float]] = {True: [], False: []}
    for number in range(WARM_UP + count):
        for exists in (True, False) if number % 2 else (False, True):
            url = existing_url if exists else reverse("plan", args=[uuid.uuid4()])
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 404:
                raise CommandError(f"Verwacht 404, kreeg {response.status_code} voor {url}.")
            if number >= WARM_UP:
                times[exists].append(elapsed)
    return times[True], times[False]
