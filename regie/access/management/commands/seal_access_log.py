"""`manage.py seal_access_log [--every SECONDS]`: chain the access log's new rows and
write a signed checkpoint (A5, docs/access-log.md).

Every request seals its own rows after it commits, unless another sealer is at work;
this command is the sealer that never sleeps longer than `--every` seconds, so rows are
sealed and checkpoints written also when nobody uses Regie (`make serve` runs it)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from regie.access import checkpoints
from regie.access.log import seal_everything


class Command(BaseCommand):
    help = "Verzegelt nieuwe rijen van het toegangslog en schrijft een controlepunt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            help="Blijf draaien en verzegel elke zoveel seconden (0: één keer).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every < 0:
            raise CommandError("--every kan niet negatief zijn.")
        while True:
            sealed = seal_everything()
            checkpoint = checkpoints.write_latest()
            if options["verbosity"] >= 1 and (sealed or not every):
                count = checkpoint.count if checkpoint else 0
                self.stdout.write(f"{sealed} rijen verzegeld; controlepunt bij {count} zegels")
            if not every:
                return
            close_old_connections()
            time.sleep(every)
