"""Django's `flush`, able to empty the access log on PostgreSQL, where a trigger refuses
TRUNCATE on its two tables (A5, migration 0004).

Tests that commit (`django_db(transaction=True)`) flush the database after each test, and
a developer may reset a local database. For that one transaction the truncate trigger is
disabled on both tables (ALTER TABLE is transactional on PostgreSQL, so it is back on at commit or
rollback; only the table's owner may do it). In production `flush` refuses outright: the
log must outlive any reset (kept at least REGIE_LOG_RETENTION_YEARS)."""

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import connections, transaction

TRIGGER_EXISTS = (
    "SELECT 1 FROM pg_trigger WHERE tgname = 'access_log_seal_refuse_truncate' "
    "AND tgrelid = 'access_accesslogseal'::regclass"
)
_TRIGGERS = (
    ("access_accesslogentry", "access_log_refuse_truncate"),
    ("access_accesslogseal", "access_log_seal_refuse_truncate"),
)
DISABLE = [f"ALTER TABLE {table} DISABLE TRIGGER {trigger}" for table, trigger in _TRIGGERS]
ENABLE = [f"ALTER TABLE {table} ENABLE TRIGGER {trigger}" for table, trigger in _TRIGGERS]
TABLE_EXISTS = "SELECT to_regclass('access_accesslogseal') IS NOT NULL"


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
                for statement in DISABLE if guarded else []:
                    cursor.execute(statement)
            super().handle(**options)
            with connection.cursor() as cursor:
                for statement in ENABLE if guarded else []:
                    cursor.execute(statement)
