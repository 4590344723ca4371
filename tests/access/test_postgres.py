"""A5 on PostgreSQL: the database itself refuses to change or remove log rows and seals
(except turning a purged plan's rows into tombstones of a recorded purge), the app's role
cannot even try, and concurrent writers leave one chain once sealed."""

import threading
import uuid
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from regie.access.events import Event
from regie.access.log import Actor, record, seal_everything, tombstone_plan_rows
from regie.access.management.commands.grant_app_role import grant_app_role
from regie.access.models import AccessLogEntry, AccessLogSeal
from regie.access.verify import verify_chain
from tests.access.helpers import write_rows
from tests.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")


def _refused(sql: str, params: list[int | None] | None = None) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the seals' checks, not later
        cursor.execute(sql, params)


def test_a5_postgresql_refuses_update_of_a_log_row(cast: Cast) -> None:
    row = AccessLogEntry.objects.order_by("id").first()
    assert row is not None
    _refused("UPDATE access_accesslogentry SET user_label = 'X' WHERE id = %s", [row.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=row.pk).update(role="admin")
    assert AccessLogEntry.objects.get(pk=row.pk).user_label == row.user_label


def test_a5_postgresql_refuses_delete_of_a_log_row(cast: Cast) -> None:
    count = AccessLogEntry.objects.count()
    _refused("DELETE FROM access_accesslogentry")
    assert AccessLogEntry.objects.count() == count


def test_a5_postgresql_refuses_truncate_of_the_log(cast: Cast) -> None:
    count = AccessLogEntry.objects.count()
    _refused("TRUNCATE access_accesslogentry, access_accesslogseal")
    assert AccessLogEntry.objects.count() == count


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE access_accesslogseal SET hash = repeat('a', 64)",
        "DELETE FROM access_accesslogseal",
        "TRUNCATE access_accesslogseal",
    ],
    ids=["update", "delete", "truncate"],
)
def test_a5_postgresql_refuses_changing_the_seals(cast: Cast, sql: str) -> None:
    seal_everything()
    _refused(sql)
    assert AccessLogSeal.objects.count() == AccessLogEntry.objects.count()


def _purge(plan_id: uuid.UUID) -> AccessLogEntry:
    return record(Event.PLAN_PURGED, actor=Actor(user_id=None, label="Regie"), plan_id=plan_id)


def test_a5_postgresql_allows_turning_a_plans_rows_into_tombstones(cast: Cast) -> None:
    of_plan = AccessLogEntry.objects.filter(plan_id=cast.plan.public_id).count()
    purge = _purge(cast.plan.public_id)
    assert tombstone_plan_rows(purge, cast.plan.public_id) == of_plan > 0
    seal_everything()
    assert verify_chain().ok


def test_a5_postgresql_refuses_a_tombstone_without_a_recorded_purge(cast: Cast) -> None:
    """A8: the trigger wants the purge row of this very plan, not just any reference."""
    row = AccessLogEntry.objects.filter(plan_id=cast.plan.public_id).first()
    assert row is not None
    other_plans_purge = _purge(uuid.uuid4())
    clean = (
        "is_tombstone = true, user_id = NULL, user_label = '', organisation = '', "
        "family_id = NULL, plan_id = NULL, object_id = '', ip_address = NULL, "
        "on_behalf_of = '', purge_ref = repeat('a', 64), purged_by = %s"
    )
    for purge_id in (None, row.pk + 1_000_000, other_plans_purge.pk):
        _refused(f"UPDATE access_accesslogentry SET {clean} WHERE id = %s", [purge_id, row.pk])  # noqa: S608


@pytest.mark.parametrize(
    "change",
    [
        # a tombstone that keeps who it was
        "is_tombstone = true, user_id = NULL, organisation = '', family_id = NULL, "
        "plan_id = NULL, object_id = '', ip_address = NULL, on_behalf_of = ''",
        # a tombstone with a different hash
        "is_tombstone = true, user_id = NULL, user_label = '', organisation = '', "
        "family_id = NULL, plan_id = NULL, object_id = '', ip_address = NULL, "
        "on_behalf_of = '', content_hash = repeat('a', 64)",
        # a tombstone that changes what happened
        "is_tombstone = true, user_id = NULL, user_label = '', organisation = '', "
        "family_id = NULL, plan_id = NULL, object_id = '', ip_address = NULL, "
        "on_behalf_of = '', event = 'iets.anders'",
    ],
    ids=["keeps-personal-data", "changes-hash", "changes-event"],
)
def test_a5_postgresql_refuses_anything_but_a_clean_tombstone(cast: Cast, change: str) -> None:
    row = AccessLogEntry.objects.filter(plan_id=cast.plan.public_id).first()
    assert row is not None
    _refused(f"UPDATE access_accesslogentry SET {change} WHERE id = %s", [row.pk])  # noqa: S608


def test_a5_postgresql_refuses_reviving_a_tombstone(cast: Cast) -> None:
    tombstone_plan_rows(_purge(cast.plan.public_id), cast.plan.public_id)
    stone = AccessLogEntry.objects.filter(is_tombstone=True).first()
    assert stone is not None
    _refused(
        "UPDATE access_accesslogentry SET is_tombstone = false, user_label = 'X' WHERE id = %s",
        [stone.pk],
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a5_flush_still_empties_the_database_and_keeps_the_guard(db: None) -> None:
    write_rows(3)
    call_command("flush", interactive=False, verbosity=0)
    assert AccessLogEntry.objects.count() == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'access_log_refuse_truncate'"
        )
        assert cursor.fetchone() == ("O",)  # enabled again
    write_rows(1)
    _refused("TRUNCATE access_accesslogentry, access_accesslogseal")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a5_eight_threads_writing_500_rows_each_leave_one_unforked_chain(db: None) -> None:
    """A5: writers wait for no one (one INSERT each, sealing when nobody else is); once
    sealed, every row has exactly one seal and the chain is whole."""
    threads_count, per_thread = 8, 500
    barrier = threading.Barrier(threads_count)
    errors: list[str] = []

    def write(number: int) -> None:
        actor = Actor(user_id=number, label=f"Schrijver {number}", role="care_professional")
        try:
            barrier.wait(timeout=30)
            for _ in range(per_thread):
                record(Event.PLAN_VIEWED, actor=actor)
        except Exception as exc:  # reported in the assertion, not lost in the thread
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []

    seal_everything()
    count = threads_count * per_thread
    assert AccessLogEntry.objects.count() == AccessLogSeal.objects.count() == count
    assert list(AccessLogSeal.objects.values_list("seq", flat=True)) == list(range(1, count + 1))
    result = verify_chain()
    assert result.ok and result.checked == count


APP_ROLE = "regie_test_app"


@pytest.fixture
def as_app_role(cast: Cast) -> Iterator[None]:
    """The app's own database role, set up as `manage.py grant_app_role` does, for the
    rest of the test's transaction (roles are transactional: it is gone afterwards)."""
    seal_everything()
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {APP_ROLE} NOLOGIN")
        grant_app_role(cursor, APP_ROLE)
        cursor.execute(f"SET ROLE {APP_ROLE}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE access_accesslogentry SET user_label = 'X'",
        "UPDATE access_accesslogentry SET is_tombstone = true, user_label = ''",
        "DELETE FROM access_accesslogentry",
        "TRUNCATE access_accesslogentry, access_accesslogseal",
        "UPDATE access_accesslogseal SET hash = repeat('a', 64)",
        "DELETE FROM access_accesslogseal",
        "TRUNCATE access_accesslogseal",
        "ALTER TABLE access_accesslogentry DISABLE TRIGGER USER",
        "ALTER TABLE access_accesslogseal DISABLE TRIGGER access_log_seal_refuse_truncate",
        "DROP TRIGGER access_log_refuse_update_delete ON access_accesslogentry",
        "ALTER TABLE access_accesslogentry DROP CONSTRAINT access_accesslogentry_pkey CASCADE",
        "DROP TABLE access_accesslogseal",
        "CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$",
        "SET session_replication_role = replica",
    ],
)
def test_a5_the_apps_database_role_cannot_change_or_unguard_the_log(
    as_app_role: None, sql: str
) -> None:
    """A5 (issue 11): the app runs as a role that may only INSERT and SELECT on the log:
    no UPDATE, DELETE or TRUNCATE, and, not the owner, it cannot alter, disable or drop
    the guard."""
    count = AccessLogEntry.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AccessLogEntry.objects.count() == AccessLogSeal.objects.count() == count


def test_a5_the_apps_database_role_writes_reads_seals_and_purges(
    as_app_role: None, cast: Cast
) -> None:
    """What the app needs still works under its role: a read row, its seal, a purge
    that turns the plan's rows into tombstones through the one function that may."""
    write_rows(2)
    assert seal_everything() == 2
    purge = _purge(cast.plan.public_id)
    assert tombstone_plan_rows(purge, cast.plan.public_id) > 0
    seal_everything()
    assert verify_chain().ok


def test_a5_grant_app_role_refuses_the_owner_and_sqlite_has_no_roles(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match="superuser of eigenaar"):
        call_command("grant_app_role", owner)
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("grant_app_role", "regie_no_such_role")
