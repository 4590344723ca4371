"""Send every due reminder once. Safe to run every few minutes, and twice at the same time:
each reminder is recorded under a unique key before it is sent (see services.py)."""

import logging
from typing import Any

from django.core.management.base import BaseCommand

from regie.notifications.reminders import due_reminders
from regie.notifications.services import send_all

logger = logging.getLogger("regie.notifications")


class Command(BaseCommand):
    help = "Send due reminders (evaluations, deadlines, entries, aftercare, actions, ...)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_all(due_reminders())
        total = sum(sent.values())
        # Counts per kind only: no names, no plan, no content.
        logger.info("reminders sent", extra={"sent": sent, "total": total})
        self.stdout.write(f"Herinneringen verstuurd: {total}")
