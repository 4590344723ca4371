"""`manage.py benchmark_access_log --rows 1000000`: how fast `verify_access_log` is.

Appends N synthetic rows with their seals (bulk_create, after the rows already there),
times `verify_chain` over the whole log and prints rows per second. By default all of
this happens in one transaction that is rolled back at the end, so the configured
database is left as it was; `--keep` commits the rows instead (for a scratch database
only). Refused in production: synthetic rows do not belong in a real log."""

import datetime
import secrets
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from regie.access.events import Event, Outcome
from regie.access.log import CANONICAL_FIELDS, GENESIS, chain_seals, content_hash_of
from regie.access.models import AccessLogEntry, AccessLogSeal
from regie.access.verify import verify_chain
from regie.plans.models import Role


class Command(BaseCommand):
    help = "Meet hoe snel de hashketen van het toegangslog gecontroleerd wordt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=1_000_000, help="Aantal testrijen.")
        parser.add_argument("--batch-size", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=1, help="Zo vaak controleren.")
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Bewaar de testrijen (alleen voor een kladdatabase); anders teruggedraaid.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Geen benchmark op een productiedatabase.")
        rows, batch_size = options["rows"], options["batch_size"]
        if rows < 1 or batch_size < 1 or options["runs"] < 1:
            raise CommandError("--rows, --batch-size en --runs moeten positief zijn.")
        with transaction.atomic():
            started = time.perf_counter()
            _append_synthetic_rows(rows, batch_size)
            inserted = time.perf_counter() - started
            self.stdout.write(f"{rows} testrijen met zegels toegevoegd in {inserted:.1f} s")
            for _ in range(options["runs"]):
                started = time.perf_counter()
                result = verify_chain(batch_size=batch_size)
                seconds = time.perf_counter() - started
                rate = result.checked / seconds if seconds else float("inf")
                self.stdout.write(
                    f"verify_chain: {result.checked} rijen in {seconds:.2f} s "
                    f"({rate:,.0f} rijen/s), keten {'klopt' if result.ok else 'gebroken'}"
                )
            if not options["keep"]:
                transaction.set_rollback(True)
                self.stdout.write("Testrijen teruggedraaid.")
        if not result.ok:
            raise CommandError(f"Keten gebroken bij {result.where} ({result.problem}).")


def _append_synthetic_rows(count: int, batch_size: int) -> None:
    """Rows that look like plan reads by a thousand users in a hundred plans, one second
    apart, sealed on after the last seal already there (run `seal_access_log` first on a
    log with unsealed rows)."""
    head = AccessLogSeal.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev = head or (0, GENESIS)
    plans = [uuid.uuid4() for _ in range(100)]
    families = [uuid.uuid4() for _ in range(100)]
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=count)
    kind = Event.PLAN_VIEWED
    entries: list[AccessLogEntry] = []
    for number in range(count):
        values = {
            "at": start + datetime.timedelta(seconds=number, microseconds=number % 997),
            "event": kind.code,
            "action": str(kind.action),
            "outcome": Outcome.SUCCESS,
            "user_id": number % 1000,
            "user_label": f"Testgebruiker {number % 1000}",
            "role": Role.CARE_PROFESSIONAL,
            "organisation": "Benchmark",
            "family_id": families[number % 100],
            "plan_id": plans[number % 100],
            "object_type": "plans.Plan",
            "object_id": str(plans[number % 100]),
            "part": "",
            "on_behalf_of": "",
            "ip_address": f"192.0.2.{number % 250}",
        }
        nonce = secrets.token_hex(16)
        digest = content_hash_of([values[name] for name in CANONICAL_FIELDS], nonce)
        entries.append(AccessLogEntry(**values, nonce=nonce, content_hash=digest))
        if len(entries) >= batch_size:
            seq, prev = _store(entries, seq, prev)
            entries = []
    if entries:
        _store(entries, seq, prev)


def _store(entries: list[AccessLogEntry], seq: int, prev: str) -> tuple[int, str]:
    """Insert a batch of rows and their seals; return the last seal's number and hash."""
    created = AccessLogEntry.objects.bulk_create(entries)
    seals = chain_seals(((entry.pk, entry.content_hash) for entry in created), seq, prev)
    AccessLogSeal.objects.bulk_create(seals)
    return seals[-1].seq, seals[-1].hash
