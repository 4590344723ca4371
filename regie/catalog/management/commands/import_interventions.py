"""Import the intervention catalogue (R13) from a CSV file, or the invented example set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from regie.catalog.services import import_interventions_csv, load_example_interventions


class Command(BaseCommand):
    help = (
        "Importeert interventies uit een CSV-bestand (kolommen: code, name, summary, "
        "target_group, recognition_level, source_url, is_example). Regels met fouten worden "
        "overgeslagen; de rest wordt wel geïmporteerd."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path", nargs="?", type=Path, help="Pad naar het CSV-bestand.")
        parser.add_argument(
            "--example",
            action="store_true",
            help="Laad de meegeleverde, verzonnen voorbeeldcatalogus.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        csv_path: Path | None = options["csv_path"]
        if options["example"] == (csv_path is not None):
            raise CommandError(_("Geef een CSV-bestand op, of --example, maar niet allebei."))
        if csv_path is not None and not csv_path.is_file():
            raise CommandError(_("Bestand niet gevonden: %(path)s") % {"path": csv_path})

        result = (
            load_example_interventions() if csv_path is None else import_interventions_csv(csv_path)
        )
        self.stdout.write(
            _("Interventies: %(created)d nieuw, %(updated)d bijgewerkt.")
            % {"created": result.created, "updated": result.updated}
        )
        for error in result.errors:
            self.stderr.write(error)
        if result.errors:
            raise CommandError(
                _("%(count)d fout(en) bij het importeren; die regels zijn overgeslagen.")
                % {"count": len(result.errors)}
            )
