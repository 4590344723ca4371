"""`manage.py benchmark_plan_reads --reads 2000 --processes 1 4`: no reader waits for
another (A5, issue 11). The same number of plan-page reads, first in one process, then
spread over more, each read writing its access-log row; prints reads per second, the
speed-up, and checks afterwards that every read left exactly one row and that the chain
is whole once sealed.

Reads the demo family's plan as its parent (`make demo` first), through Django's test
client, so it measures the view, the policy and the log, not a network. Needs a database
that other processes can see: PostgreSQL (or a SQLite file with one process). The rows
it writes stay: they are real reads. Refused in production."""

import multiprocessing
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.test import Client
from django.urls import reverse

from regie.access.events import Event
from regie.access.log import wait_until_sealed
from regie.access.models import AccessLogEntry
from regie.access.verify import verify_chain
from regie.accounts.models import User
from regie.plans.models import Participant, Role


class Command(BaseCommand):
    help = "Meet of lezers van een plan op elkaar wachten (toegangslog, issue 11)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reads", type=int, default=2_000, help="Lezingen per meting.")
        parser.add_argument(
            "--processes", type=int, nargs="+", default=[1, 4], help="Aantallen processen."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Geen benchmark op een productiedatabase.")
        reads, counts = options["reads"], options["processes"]
        if reads < 1 or min(counts) < 1:
            raise CommandError("--reads en --processes moeten positief zijn.")
        parent = Participant.objects.filter(role=Role.PARENT, user__isnull=False).first()
        if parent is None or parent.user_id is None:
            raise CommandError("Geen plan met een ouder met login: laad eerst de demo.")
        url = reverse("plan", args=[parent.plan.public_id])
        first_rate = None
        for processes in counts:
            before = _reads_logged()
            seconds = _measure(parent.user_id, url, reads, processes)
            rate = reads / seconds
            first_rate = first_rate or rate
            wait_until_sealed(timeout=60)
            logged = _reads_logged() - before
            result = verify_chain()
            self.stdout.write(
                f"{processes} proces(sen): {reads} lezingen in {seconds:.2f} s "
                f"({rate:,.0f}/s, {rate / first_rate:.2f}x); {logged} logregels; "
                f"keten {'klopt' if result.ok else 'gebroken'}"
            )
            if logged != reads or not result.ok:
                raise CommandError("Het log klopt niet na de meting.")


def _reads_logged() -> int:
    return AccessLogEntry.objects.filter(event=Event.PLAN_VIEWED.code).count()


def _measure(user_id: int, url: str, reads: int, processes: int) -> float:
    shares = [reads // processes + (1 if n < reads % processes else 0) for n in range(processes)]
    if processes == 1:
        started = time.perf_counter()
        _read(user_id, url, reads)
        return time.perf_counter() - started
    connections.close_all()  # each process opens its own connection
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        started = time.perf_counter()
        pool.starmap(_read, [(user_id, url, share) for share in shares])
        return time.perf_counter() - started


def _read(user_id: int, url: str, count: int) -> None:
    host = next((name for name in settings.ALLOWED_HOSTS if "*" not in name), "localhost")
    client = Client(SERVER_NAME=host)
    client.force_login(User.objects.get(pk=user_id))
    for _ in range(count):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    connections.close_all()
