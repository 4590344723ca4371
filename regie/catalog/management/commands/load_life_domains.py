"""Load the shipped life domain sets (R5) so a fresh installation has its default domains."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from regie.catalog.services import load_domain_sets


class Command(BaseCommand):
    help = "Laadt de sets levensdomeinen (idempotent: twee keer draaien maakt niets dubbel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=None,
            help="JSON-bestand met sets levensdomeinen (standaard: het meegeleverde bestand).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_domain_sets(options["path"])
        self.stdout.write(
            self.style.SUCCESS(_("Levensdomeinen geladen: %(count)d nieuw.") % {"count": created})
        )
