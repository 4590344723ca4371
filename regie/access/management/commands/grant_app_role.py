"""`manage.py grant_app_role ROLE`: give the app's PostgreSQL role what it needs and no
more (A5, docs/access-log.md, docs/deploy.md). Run as the owner, after `migrate`.

The owner runs migrations; the app runs as ROLE, which may read and write the case
tables but may only INSERT and SELECT on the access log: no UPDATE, DELETE or TRUNCATE,
and, not owning the tables, it cannot alter, disable or drop their triggers. Tombstones
(A8) go through the one function that may make them."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from psycopg import sql

from regie.access.models import AccessLogEntry, AccessLogSeal

LOG_TABLES = (AccessLogEntry._meta.db_table, AccessLogSeal._meta.db_table)


class Command(BaseCommand):
    help = "Geeft de databaserol van de app alleen de rechten die ze nodig heeft."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="De PostgreSQL-rol waaronder de app draait.")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Alleen voor PostgreSQL; SQLite kent geen databaserollen.")
        role = options["role"]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT role.rolsuper, role.rolname = log.tableowner "
                "FROM pg_roles AS role, pg_tables AS log "
                "WHERE role.rolname = %s AND log.tablename = %s",
                [role, LOG_TABLES[0]],
            )
            found = cursor.fetchone()
            if found is None:
                raise CommandError(f"De rol {role} bestaat niet.")
            if found[0] or found[1]:
                raise CommandError(
                    f"De rol {role} is superuser of eigenaar: de app moet onder een eigen, "
                    "beperkte rol draaien."
                )
            grant_app_role(cursor, role)
        self.stdout.write(f"Rechten gezet voor {role}: het toegangslog alleen lezen en aanvullen.")


def grant_app_role(cursor: Any, role: str) -> None:
    """The grants themselves (the PostgreSQL test calls this on a role of its own)."""
    name = sql.Identifier(role)
    statements = [
        "GRANT USAGE ON SCHEMA public TO {role}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        "REVOKE ALL ON {log_tables} FROM {role}",
        "GRANT SELECT, INSERT ON {log_tables} TO {role}",
        "GRANT EXECUTE ON FUNCTION access_log_tombstone(bigint, bigint[], text[]) TO {role}",
    ]
    tables = sql.SQL(", ").join(sql.Identifier(table) for table in LOG_TABLES)
    for statement in statements:
        cursor.execute(sql.SQL(statement).format(role=name, log_tables=tables))
