"""`manage.py seed_scale --families 100000 [--seed 13]`: invented families at scale in an
empty scratch database, for the benchmark (issue 13, `make bench`; regie.demo.scale)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.demo.scale import ScaleError, seed_scale


class Command(BaseCommand):
    help = (
        "Vult een lege kladdatabase met N verzonnen gezinnen en hun plannen, voor de "
        "benchmark (make bench). Niet in productie."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--families", type=int, required=True, help="Aantal gezinnen.")
        parser.add_argument("--seed", type=int, default=13, help="Zelfde seed, zelfde gezinnen.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "Verzonnen gezinnen met één gedeeld wachtwoord horen niet in productie. "
                "Gebruik een kladdatabase in een ontwikkel- of testomgeving."
            )
        say = self.stdout.write if options["verbosity"] > 1 else None
        try:
            result = seed_scale(families=options["families"], seed=options["seed"], progress=say)
        except ScaleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{result.families} gezinnen in {result.seconds:.1f} s: {result.users} accounts "
            f"({result.professionals} hulpverleners), {result.participants} betrokkenen, "
            f"{result.entries} aantekeningen, {result.reactions} reacties, "
            f"{result.closed_plans} afgesloten plannen."
        )
        self.stdout.write(
            f"Hulpverlener met {min(result.families, 500)} plannen: {result.busiest}; "
            f"alle accounts hebben het wachtwoord {result.password}."
        )
