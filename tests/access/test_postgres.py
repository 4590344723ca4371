"""A5 on PostgreSQL: the database itself refuses to change or remove log rows (except
turning a purged plan's rows into tombstones), and concurrent writers leave one chain."""

import itertools
import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from regie.access.events import Event
from regie.access.log import GENESIS, Actor, record, tombstone_plan_rows, verify_chain
from regie.access.models import AccessLogEntry
from tests.access.helpers import write_rows
from tests.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")


def _refused(sql: str, params: list[int] | None = None) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
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
    _refused("TRUNCATE access_accesslogentry")
    assert AccessLogEntry.objects.count() == count


def test_a5_postgresql_allows_turning_a_plans_rows_into_tombstones(cast: Cast) -> None:
    of_plan = AccessLogEntry.objects.filter(plan_id=cast.plan.public_id).count()
    assert tombstone_plan_rows(cast.plan.public_id) == of_plan > 0
    assert verify_chain().ok


@pytest.mark.parametrize(
    "change",
    [
        # a tombstone that keeps who it was
        "is_tombstone = true, user_id = NULL, organisation = '', family_id = NULL, "
        "plan_id = NULL, object_id = '', ip_address = NULL, on_behalf_of = ''",
        # a tombstone with a different hash
        "is_tombstone = true, user_id = NULL, user_label = '', organisation = '', "
        "family_id = NULL, plan_id = NULL, object_id = '', ip_address = NULL, "
        "on_behalf_of = '', hash = repeat('a', 64)",
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
    tombstone_plan_rows(cast.plan.public_id)
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
    _refused("TRUNCATE access_accesslogentry")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a5_eight_threads_writing_500_rows_each_leave_one_unforked_chain(db: None) -> None:
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

    rows = list(AccessLogEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert len(rows) == threads_count * per_thread
    assert rows[0][0] == GENESIS
    for (_, previous_hash), (prev_hash, _) in itertools.pairwise(rows):
        assert prev_hash == previous_hash
    assert len({prev for prev, _ in rows}) == len(rows)  # no two rows share a parent
    result = verify_chain()
    assert result.ok and result.checked == len(rows)
