"""`manage.py access_log_drill`: try what an insider with the owner's database rights
could do to the access log, and print how much of it `verify_access_log` finds (A5,
docs/access-log.md). Leaves the database and the checkpoints as they were. Exits 1 when
any attack went unnoticed."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from regie.access.drill import DrillError, run_drill


class Command(BaseCommand):
    help = "Oefent aanvallen op het toegangslog en telt hoeveel de controle ontdekt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=400, help="Rijen om mee te oefenen.")
        parser.add_argument("--alterations", type=int, default=1_000)
        parser.add_argument("--tombstones", type=int, default=100)
        parser.add_argument("--seed", type=int, default=None, help="Voor een herhaalbare oefening.")

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Geen oefening op een productiedatabase.")
        if min(options["rows"], options["alterations"], options["tombstones"]) < 1:
            raise CommandError("--rows, --alterations en --tombstones moeten positief zijn.")
        try:
            attacks = run_drill(
                rows=options["rows"],
                alterations=options["alterations"],
                tombstones=options["tombstones"],
                seed=options["seed"],
            )
        except DrillError as error:
            raise CommandError(f"Het log klopte al niet voor de oefening: {error}") from error
        self.stdout.write(f"Oefening op {connection.vendor}, {options['rows']} rijen:")
        for attack in attacks:
            refused = f", {attack.prevented} door de database geweigerd" if attack.prevented else ""
            self.stdout.write(
                f"  {attack.name}: {attack.detected} van {attack.tried} ontdekt{refused}"
            )
        missed = [attack.name for attack in attacks if not attack.all_caught]
        if missed:
            raise CommandError("Niet ontdekt: " + ", ".join(missed), returncode=1)
        self.stdout.write("Alles ontdekt.")
