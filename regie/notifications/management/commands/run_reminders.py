"""Send every due reminder once. Safe to run every few minutes, and twice at the same time:
each reminder is recorded under a unique key before it is sent (see services.py).

`--baseline`, once when Regie goes live (docs/deploy.md): record what is due now as sent,
without sending, so that families do not get a reminder for every old open item."""

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from regie.notifications.reminders import due_reminders
from regie.notifications.services import record_as_sent, send_all

logger = logging.getLogger("regie.notifications")


class Command(BaseCommand):
    help = "Send due reminders (evaluations, deadlines, entries, aftercare, actions, ...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="Leg alles wat nu verschuldigd is vast als verstuurd, zonder te versturen.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["baseline"]:
            recorded = record_as_sent(due_reminders())
            logger.info("reminders baselined", extra={"total": recorded})
            self.stdout.write(f"Vastgelegd zonder te versturen: {recorded}")
            return
        sent = send_all(due_reminders())
        total = sum(sent.values())
        # Counts per kind only: no names, no plan, no content.
        logger.info("reminders sent", extra={"sent": sent, "total": total})
        self.stdout.write(f"Herinneringen verstuurd: {total}")
