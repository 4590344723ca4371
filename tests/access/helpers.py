"""Shared helpers for the access-log tests: tampering as someone with database access
would, and logging in a person (with a verified second factor where Regie asks one)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from regie.access.events import Event
from regie.access.log import Actor, record
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from tests.accounts.helpers import login_verified

TABLE = AccessLogEntry._meta.db_table


@contextmanager
def tamper() -> Iterator[CursorWrapper]:
    """A raw cursor on the log's tables. On PostgreSQL the guard triggers are switched
    off first, as the tables' owner could; the test's transaction rolls that back."""
    tables = ("access_accesslogentry", "access_accesslogseal")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else ALTER TABLE waits on them
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        yield cursor
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def leave_id_gap(size: int = 10) -> None:
    """Skip ids, as rolled-back inserts do on PostgreSQL, so a row can be slipped in."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('access_accesslogentry', 'id'), "
                "(SELECT max(id) FROM access_accesslogentry) + %s)",
                [size],
            )
        else:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = seq + %s WHERE name = %s", [size, TABLE]
            )


def write_rows(count: int, label: str = "Test") -> list[AccessLogEntry]:
    actor = Actor(user_id=None, label=label, role="care_professional", organisation="Org")
    return [record(Event.PLAN_VIEWED, actor=actor, part=f"{n}") for n in range(count)]


def log_in(client: Client, user: User) -> Client:
    """Log `user` in. Professionals, administrators and privacy officers need a second
    factor (A6): the session counts as having passed it (tests/accounts/helpers.py)."""
    login_verified(client, user)
    return client
