"""Django's `flush`, able to empty the access log on PostgreSQL, where a trigger refuses
TRUNCATE on it (A5, migration 0002).

Tests that commit (`django_db(transaction=True)`) flush the database after each test, and
a developer may reset a local database. For that one transaction the truncate trigger is
disabled (ALTER TABLE is transactional on PostgreSQL, so it is back on at commit or
rollback; only the table's owner may do it). In production `flush` refuses outright: the
log must outlive any reset (kept at least REGIE_LOG_RETENTION_YEARS)."""

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections, transaction

TRIGGER_EXISTS = (
    "SELECT 1 FROM pg_trigger WHERE tgname = 'access_log_refuse_truncate' "
    "AND tgrelid = 'access_accesslogentry'::regclass"
)
DISABLE = "ALTER TABLE access_accesslogentry DISABLE TRIGGER access_log_refuse_truncate"
ENABLE = "ALTER TABLE access_accesslogentry ENABLE TRIGGER access_log_refuse_truncate"
TABLE_EXISTS = "SELECT to_regclass('access_accesslogentry') IS NOT NULL"


class Command(flush.Command):
    help = flush.Command.help + " Refused in production: the access log must be kept."

    def handle(self, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "Regie weigert een productiedatabase leeg te maken: het toegangslog moet "
                "bewaard blijven (A5)."
            )
        database = options["database"]
        connection = connections[database]
        if connection.vendor != "postgresql":
            super().handle(**options)
            return
        if options["interactive"]:
            answer = input(
                f'Dit maakt database "{connection.settings_dict["NAME"]}" helemaal leeg, '
                "het toegangslog inbegrepen. Typ 'yes' om door te gaan: "
            )
            if answer != "yes":
                self.stdout.write("Flush cancelled.")
                return
            options["interactive"] = False
        with transaction.atomic(using=database):
            with connection.cursor() as cursor:
                cursor.execute(TABLE_EXISTS)
                guarded = bool(cursor.fetchone()[0])
                if guarded:
                    cursor.execute(TRIGGER_EXISTS)
                    guarded = cursor.fetchone() is not None
                if guarded:
                    cursor.execute(DISABLE)
            super().handle(**options)
            if guarded:
                with connection.cursor() as cursor:
                    cursor.execute(ENABLE)
