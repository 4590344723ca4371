"""A8: remove closed plans whose retention term has passed. Run it daily (cron, a timer)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import ngettext

from regie.plans.services.retention import expired_plans, purge_expired_plans, retention_years


class Command(BaseCommand):
    help = (
        "Verwijdert afgesloten plannen waarvan de hulp langer dan de bewaartermijn "
        "(REGIE_RETENTION_YEARS, standaard 20 jaar) geleden is beëindigd, met alles wat erbij "
        "hoort. Het toegangslog legt elke verwijdering vast, zonder de inhoud."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tellen wat verwijderd zou worden; er verandert niets.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        years = retention_years()
        if options["dry_run"]:
            count = expired_plans(today).count()
            self.stdout.write(
                ngettext(
                    "Proefdraai: %(count)d plan is langer dan %(years)d jaar afgesloten en "
                    "zou worden verwijderd. Er is niets verwijderd.",
                    "Proefdraai: %(count)d plannen zijn langer dan %(years)d jaar afgesloten en "
                    "zouden worden verwijderd. Er is niets verwijderd.",
                    count,
                )
                % {"count": count, "years": years}
            )
            return
        count = purge_expired_plans(today)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "%(count)d plan verwijderd waarvan de bewaartermijn van %(years)d jaar "
                    "voorbij was.",
                    "%(count)d plannen verwijderd waarvan de bewaartermijn van %(years)d jaar "
                    "voorbij was.",
                    count,
                )
                % {"count": count, "years": years}
            )
        )
