"""A5 the access log's hash chain: `verify_chain` and `manage.py verify_access_log` name
the first row that was altered, inserted or removed; tombstones (A8) still verify."""

import hashlib
import json
import uuid
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from regie.access.events import Event
from regie.access.log import (
    GENESIS,
    Actor,
    canonical,
    chain_hash,
    content_hash,
    content_hash_of,
    log_retention_years,
    record,
    tombstone_account_rows,
    tombstone_plan_rows,
    verify_chain,
)
from regie.access.models import AccessLogEntry
from tests.access.helpers import leave_id_gap, tamper, write_rows
from tests.personas import Cast

pytestmark = pytest.mark.django_db


def _middle_row() -> AccessLogEntry:
    rows = list(AccessLogEntry.objects.order_by("id"))
    assert len(rows) >= 3
    return rows[len(rows) // 2]


def _next_id(row: AccessLogEntry) -> int:
    following = AccessLogEntry.objects.filter(id__gt=row.pk).order_by("id").first()
    assert following is not None
    return following.pk


def test_a5_an_untouched_log_verifies(cast: Cast) -> None:
    result = verify_chain()
    assert result.ok
    assert result.checked == AccessLogEntry.objects.count() > 10


def test_a5_verify_walks_the_log_in_small_batches_too(cast: Cast) -> None:
    assert verify_chain(batch_size=3) == verify_chain()


def test_a5_an_empty_log_verifies(db: None) -> None:
    assert verify_chain().ok and verify_chain().checked == 0


def test_a5_altered_row_is_named(cast: Cast) -> None:
    row = _middle_row()
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET user_label = %s WHERE id = %s",
            ["Iemand anders", row.pk],
        )
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (row.pk, "altered")


def test_a5_altered_row_with_a_recomputed_content_hash_is_still_named(cast: Cast) -> None:
    row = _middle_row()
    row.role = "admin"
    forged_content_hash = content_hash(row)  # anyone can compute sha256; not the HMAC
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET role = %s, content_hash = %s WHERE id = %s",
            ["admin", forged_content_hash, row.pk],
        )
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (row.pk, "forged")


def test_a5_deleted_row_is_named_by_the_row_after_it(cast: Cast) -> None:
    row = _middle_row()
    after = _next_id(row)
    with tamper() as cursor:
        cursor.execute("DELETE FROM access_accesslogentry WHERE id = %s", [row.pk])
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (after, "removed")


def test_a5_deleting_the_first_row_is_detected(cast: Cast) -> None:
    first = AccessLogEntry.objects.order_by("id").first()
    assert first is not None and first.prev_hash == GENESIS
    with tamper() as cursor:
        cursor.execute("DELETE FROM access_accesslogentry WHERE id = %s", [first.pk])
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (_next_id(first), "removed")


def _insert_forged_row(row_id: int, prev_hash: str) -> None:
    """A row someone with database access slips in: plausible content, a correct
    content hash and link, but they cannot compute the keyed hash."""
    at = timezone.now()
    values: dict[str, Any] = {
        "at": at,
        "event": Event.PLAN_VIEWED.code,
        "action": "read",
        "outcome": "success",
        "user_id": None,
        "user_label": "Niemand",
        "role": "parent",
        "organisation": "",
        "family_id": None,
        "plan_id": None,
        "object_type": "",
        "object_id": "",
        "part": "",
        "on_behalf_of": "",
        "ip_address": None,
    }
    digest = content_hash_of(list(values.values()))
    fake_hash = hashlib.sha256((prev_hash + digest).encode()).hexdigest()
    with tamper() as cursor:
        cursor.execute(
            "INSERT INTO access_accesslogentry (id, at, event, action, outcome, user_id, "
            "user_label, role, organisation, family_id, plan_id, object_type, object_id, "
            "part, on_behalf_of, ip_address, content_hash, prev_hash, hash, is_tombstone) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s, %s)",
            [
                row_id,
                connection.ops.adapt_datetimefield_value(at),
                *list(values.values())[1:],
                digest,
                prev_hash,
                fake_hash,
                False,
            ],
        )


def test_a5_inserted_row_is_named(cast: Cast) -> None:
    before = write_rows(1)[0]
    leave_id_gap(10)
    after = write_rows(1)[0]
    assert after.pk > before.pk + 5 and after.prev_hash == before.hash
    _insert_forged_row(before.pk + 5, before.hash)
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (before.pk + 5, "inserted")


def test_a5_row_appended_outside_regie_is_named(cast: Cast) -> None:
    last = AccessLogEntry.objects.order_by("-id").first()
    assert last is not None
    _insert_forged_row(last.pk + 1, last.hash)
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (last.pk + 1, "forged")


def test_a5_row_with_a_changed_link_is_detected(cast: Cast) -> None:
    row = _middle_row()
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET prev_hash = %s WHERE id = %s", ["f" * 64, row.pk]
        )
    result = verify_chain()
    assert result.bad_row_id == row.pk and result.problem in {"inserted", "forged"}


def test_a5_tombstones_still_verify(cast: Cast) -> None:
    plan_id = cast.plan.public_id
    of_plan = AccessLogEntry.objects.filter(plan_id=plan_id).count()
    other = write_rows(2)  # rows of no plan stay as they are
    assert of_plan > 5
    assert tombstone_plan_rows(plan_id) == of_plan
    assert not AccessLogEntry.objects.filter(plan_id=plan_id).exists()
    stones = AccessLogEntry.objects.filter(is_tombstone=True)
    assert stones.count() == of_plan
    for stone in stones:
        assert (stone.user_id, stone.user_label, stone.organisation) == (None, "", "")
        assert (stone.family_id, stone.plan_id, stone.object_id) == (None, None, "")
        assert (stone.ip_address, stone.on_behalf_of) == (None, "")
        assert stone.event and stone.content_hash and stone.hash
    assert not AccessLogEntry.objects.get(pk=other[0].pk).is_tombstone
    assert verify_chain().ok
    assert tombstone_plan_rows(plan_id) == 0  # once is enough
    write_rows(1)  # the chain goes on after tombstones
    assert verify_chain().ok


def test_a5_a_removed_logins_account_rows_become_tombstones(cast: Cast) -> None:
    user_id = cast.parent_user.pk
    account = record(Event.PLAN_VIEWED, actor=Actor(user_id=user_id, label="Sanne Jansen"))
    in_plan = AccessLogEntry.objects.filter(user_id=user_id, plan_id__isnull=False).count()
    assert tombstone_account_rows(user_id) == 1
    assert AccessLogEntry.objects.get(pk=account.pk).is_tombstone
    assert AccessLogEntry.objects.filter(user_id=user_id).count() == in_plan  # plans' own
    assert verify_chain().ok


def test_a5_tombstone_that_still_holds_personal_data_is_altered(cast: Cast) -> None:
    row = _middle_row()
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET is_tombstone = %s WHERE id = %s", [True, row.pk]
        )
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (row.pk, "altered")


def test_a5_record_hashes_the_row_as_the_database_returns_it(db: None) -> None:
    entry = record(
        Event.PLAN_VIEWED,
        actor=Actor(user_id=7, label="Zoë “Z” O'Brien \\ é", ip_address="2001:db8::1"),
        part="stap 3",
    )
    stored = AccessLogEntry.objects.get(pk=entry.pk)
    assert stored.at == entry.at and stored.at.utcoffset() is not None
    assert stored.at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert content_hash(stored) == stored.content_hash == entry.content_hash
    assert stored.hash == chain_hash(stored.prev_hash, stored.content_hash)


def test_a5_record_stores_ids_and_addresses_in_the_form_it_hashed(db: None) -> None:
    plan_id = uuid.uuid4()
    entry = record(
        Event.PLAN_VIEWED,
        actor=Actor(user_id=1, label="X", ip_address="2001:DB8:0:0:0:0:0:0001"),
        plan_id=str(plan_id).upper(),
    )
    stored = AccessLogEntry.objects.get(pk=entry.pk)
    assert (stored.plan_id, stored.ip_address) == (plan_id, "2001:db8::1")
    assert content_hash(stored) == stored.content_hash
    assert verify_chain().ok


def test_a5_canonical_form_is_the_sorted_compact_json_it_always_was(db: None) -> None:
    entry = record(Event.PLAN_VIEWED, actor=Actor(user_id=3, label='Ünïcode "quote"'))
    reference = {
        "at": entry.at.isoformat(),
        "event": entry.event,
        "action": entry.action,
        "outcome": entry.outcome,
        "user_id": entry.user_id,
        "user_label": entry.user_label,
        "role": entry.role,
        "organisation": entry.organisation,
        "family_id": None,
        "plan_id": None,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "part": entry.part,
        "on_behalf_of": entry.on_behalf_of,
        "ip_address": entry.ip_address,
    }
    expected = json.dumps(reference, sort_keys=True, separators=(",", ":")).encode()
    assert canonical(entry) == expected


def test_a5_log_rows_cannot_be_deleted_through_a_queryset(cast: Cast) -> None:
    with pytest.raises(ValueError, match="append-only"):
        AccessLogEntry.objects.filter(plan_id=cast.plan.public_id).delete()


def test_a5_log_rows_are_kept_at_least_five_years_by_default(settings: object) -> None:
    assert log_retention_years() >= 5


# ---- The commands -----------------------------------------------------------------------


def test_a5_verify_command_says_the_chain_holds(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify_access_log")
    count = AccessLogEntry.objects.count()
    assert f"{count} rijen gecontroleerd, keten klopt" in capsys.readouterr().out


def test_a5_verify_command_names_the_altered_row_and_fails(cast: Cast) -> None:
    row = _middle_row()
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET organisation = %s WHERE id = %s", ["X", row.pk]
        )
    with pytest.raises(CommandError, match=f"rij {row.pk} \\(altered\\)") as raised:
        call_command("verify_access_log")
    assert raised.value.returncode == 1


def test_a5_benchmark_command_reports_a_rate_and_leaves_the_log_as_it_was(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    before = AccessLogEntry.objects.count()
    call_command("benchmark_access_log", rows=300, batch_size=100)
    out = capsys.readouterr().out
    assert "rijen/s" in out and "keten klopt" in out
    assert AccessLogEntry.objects.count() == before
    assert verify_chain().ok


def test_a5_benchmark_command_can_keep_its_rows_in_a_scratch_database(db: None) -> None:
    call_command("benchmark_access_log", rows=250, batch_size=100, keep=True)
    assert AccessLogEntry.objects.count() == 250
    assert verify_chain().ok
    assert connection.vendor in {"sqlite", "postgresql"}
