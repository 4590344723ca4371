"""Load the invented demo families and print who can log in."""

from typing import Any, TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regie.demo.helpers import DemoDataError
from regie.demo.history import QUARTERS, QUARTERS_BACK
from regie.demo.loader import DemoLogin, load_demo

URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Laadt verzonnen demogegevens: drie gezinnen met hun plannen en de hulpverleners "
        "eromheen, en afgesloten plannen voor de cijfers. Twee keer draaien verandert niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kwartalen",
            type=int,
            default=QUARTERS,
            choices=range(len(QUARTERS_BACK) + 1),
            help=(
                f"Kwartalen met afgesloten plannen voor de cijfers (standaard {QUARTERS}; 0: "
                f"geen, {len(QUARTERS_BACK)}: twee jaar). Elk kwartaal kost enkele seconden."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "De demo heeft één gedeeld wachtwoord voor alle accounts en hoort niet in "
                "productie. Gebruik een ontwikkel- of testomgeving."
            )
        try:
            # OutputWrapper is a TextIOBase: it writes text like any TextIO.
            logins = load_demo(stdout=cast(TextIO, self.stdout), quarters=options["kwartalen"])
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("")
        self.stdout.write(format_logins(logins))
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                "Alle demo-accounts hebben hetzelfde wachtwoord. Dat is alleen goed voor een "
                "demo op uw eigen computer; alle namen en gegevens zijn verzonnen."
            )
        )
        self.stdout.write(self.style.SUCCESS(f"Open {URL}"))
        self.stdout.write(f"Beheer (functioneel beheerder): {URL}/beheer/")
        self.stdout.write(
            f"Cijfers (gemeente.dekker voor de gemeente, kwaliteit.delinde voor De Linde): "
            f"{URL}/cijfers/"
        )


def format_logins(logins: list[DemoLogin]) -> str:
    """The logins as a plain-text table: username, password, who."""
    header = ("gebruikersnaam", "wachtwoord", "wie", "gezin(nen)")
    rows = [
        (login.username, login.password, login.role, login.family.replace("Gezin ", ""))
        for login in logins
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)
