"""`manage.py verify_access_log`: walk the access log's hash chain (A5), check it against
the signed checkpoints outside the database, and name the first row or checkpoint that is
not as Regie wrote it. Exits 1 when something is wrong (docs/access-log.md)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.access.verify import verify_chain


class Command(BaseCommand):
    help = "Controleert de hashketen van het toegangslog (A5, NEN 7513)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=10_000, help="Rijen per databasequery."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = verify_chain(batch_size=options["batch_size"])
        seconds = time.perf_counter() - started
        if not result.ok:
            raise CommandError(
                f"Keten gebroken bij {result.where} ({result.problem}): "
                f"{result.explanation}. {result.checked} rijen gecontroleerd.",
                returncode=1,
            )
        waiting = f"; {result.unsealed} nog niet verzegeld" if result.unsealed else ""
        self.stdout.write(f"{result.checked} rijen gecontroleerd, keten klopt{waiting}")
        if options["verbosity"] >= 2:
            self.stdout.write(f"in {seconds:.1f} s")
