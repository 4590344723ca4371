"""A5 the access log's hash chain (docs/access-log.md): rows are written without a lock
and sealed after; `verify_chain` and `manage.py verify_access_log` name the first row or
checkpoint that is not as Regie wrote it; true tombstones (A8) still verify."""

import datetime
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from regie.access import checkpoints
from regie.access.events import Event
from regie.access.log import (
    GENESIS,
    Actor,
    canonical_values,
    content_hash,
    log_retention_years,
    record,
    seal_everything,
    seal_hash,
    seal_pending,
    tombstone_account_rows,
    tombstone_plan_rows,
)
from regie.access.models import AccessLogEntry, AccessLogSeal
from regie.access.verify import verify_chain
from tests.access.helpers import tamper, write_rows
from tests.personas import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed(cast: Cast) -> Cast:
    """The Jansen cast with its log sealed and a checkpoint written outside the database."""
    seal_everything()
    checkpoints.write_latest()
    return cast


def _middle_row() -> AccessLogEntry:
    rows = list(AccessLogEntry.objects.filter(is_tombstone=False).order_by("seal__seq"))
    assert len(rows) >= 3
    return rows[len(rows) // 2]


def _purge_row(plan_id: uuid.UUID) -> AccessLogEntry:
    return record(Event.PLAN_PURGED, actor=Actor(user_id=None, label="Regie"), plan_id=plan_id)


def test_a5_a_transaction_asks_for_the_sealer_once_however_many_rows_it_writes(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        write_rows(3)
    assert callbacks.count(seal_pending) == 1
    assert AccessLogSeal.objects.count() == 3  # sealed right after the commit


def test_a5_writing_a_row_takes_no_lock_and_the_sealer_chains_it_after(db: None) -> None:
    """A5: `record` is one INSERT; the row is in the log (the family sees it) before it
    is sealed, and the sealer links it to the seal before."""
    first, second = write_rows(2)
    assert not AccessLogSeal.objects.exists()
    assert AccessLogEntry.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert seal_pending() == 2
    seals = list(AccessLogSeal.objects.order_by("seq"))
    assert [(seal.seq, seal.entry_id) for seal in seals] == [(1, first.pk), (2, second.pk)]
    assert seals[0].prev_hash == GENESIS and seals[1].prev_hash == seals[0].hash
    assert seals[1].hash == seal_hash(2, second.pk, seals[0].hash, second.content_hash)
    assert seal_pending() == 0  # nothing left


def test_a5_a_row_that_commits_late_is_sealed_after_the_rows_sealed_before_it(db: None) -> None:
    """A5: seals follow the order the sealer found rows in, not their ids, so a row whose
    transaction committed late still gets the next seal and the chain stays whole."""
    early, late = write_rows(2)
    with tamper() as cursor:  # as if `late` had been sealed before `early` committed
        cursor.execute(
            "INSERT INTO access_accesslogseal (seq, entry_id, prev_hash, hash, sealed_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [
                1,
                late.pk,
                GENESIS,
                seal_hash(1, late.pk, GENESIS, late.content_hash),
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )
    assert seal_pending(sweep=True) == 1
    assert AccessLogSeal.objects.get(entry_id=early.pk).seq == 2
    assert verify_chain().ok


def test_a5_an_untouched_log_verifies(sealed: Cast) -> None:
    result = verify_chain()
    assert result.ok and result.unsealed == 0
    assert result.checked == AccessLogEntry.objects.count() > 10


def test_a5_verify_walks_the_log_in_small_batches_too(sealed: Cast) -> None:
    assert verify_chain(batch_size=3) == verify_chain()


def test_a5_verify_in_parts_finds_the_same_as_in_one_walk(sealed: Cast) -> None:
    """A long chain is walked in parts side by side; the links between the parts are
    checked too, so a row removed where one part ends is still named."""
    assert verify_chain(parts=3) == verify_chain(parts=1)
    count = AccessLogSeal.objects.count()
    boundary = -(-count // 3)  # the last seal of the first part
    row = AccessLogSeal.objects.get(seq=boundary)
    with tamper() as cursor:
        cursor.execute("DELETE FROM access_accesslogseal WHERE seq = %s", [boundary])
    expected = (AccessLogSeal.objects.get(seq=boundary + 1).entry_id, "removed")
    for parts in (1, 3, 4):
        result = verify_chain(parts=parts)
        assert (result.bad_row_id, result.problem) == expected, parts
    assert row.entry_id != expected[0]


def test_a5_an_empty_log_verifies(db: None) -> None:
    assert verify_chain().ok and verify_chain().checked == 0


def test_a5_rows_waiting_for_the_sealer_are_counted_and_fail_when_too_old(
    sealed: Cast, settings: object
) -> None:
    """A5: a row not yet sealed is fine for a while; one left unsealed longer than
    REGIE_LOG_SEAL_MAX_AGE_SECONDS is reported by name."""
    (waiting,) = write_rows(1)
    assert verify_chain().ok and verify_chain().unsealed == 1
    with tamper() as cursor:
        old = timezone.now() - datetime.timedelta(hours=1)
        cursor.execute(
            "UPDATE access_accesslogentry SET at = %s WHERE id = %s",
            [connection.ops.adapt_datetimefield_value(old), waiting.pk],
        )
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (waiting.pk, "unsealed")


def test_a5_altered_row_is_named(sealed: Cast) -> None:
    row = _middle_row()
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET user_label = %s WHERE id = %s",
            ["Iemand anders", row.pk],
        )
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (row.pk, "altered")


def test_a5_altered_row_with_a_recomputed_content_hash_is_still_named(sealed: Cast) -> None:
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


def test_a5_deleted_row_is_named_by_the_row_after_it(sealed: Cast) -> None:
    row = _middle_row()
    after = AccessLogSeal.objects.get(seq=AccessLogSeal.objects.get(entry_id=row.pk).seq + 1)
    with tamper() as cursor:
        cursor.execute("DELETE FROM access_accesslogseal WHERE entry_id = %s", [row.pk])
        cursor.execute("DELETE FROM access_accesslogentry WHERE id = %s", [row.pk])
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (after.entry_id, "removed")


def test_a5_renumbered_seals_after_a_deletion_are_still_caught(sealed: Cast) -> None:
    """Closing the gap in the numbers needs new links, which need the key."""
    row = _middle_row()
    seq = AccessLogSeal.objects.get(entry_id=row.pk).seq
    with tamper() as cursor:
        cursor.execute("DELETE FROM access_accesslogseal WHERE entry_id = %s", [row.pk])
        cursor.execute("UPDATE access_accesslogseal SET seq = seq - 1 WHERE seq > %s", [seq])
    result = verify_chain()
    assert result.problem == "forged"


@pytest.mark.parametrize("count", [1, 10, None])
def test_a5_rows_removed_at_the_end_are_caught_by_the_checkpoint(
    sealed: Cast, count: int | None
) -> None:
    """A5: the checkpoint outside the database saw more seals than are left: the last
    row, the last ten and all rows removed are all reported, naming the checkpoint."""
    mark = checkpoints.latest()
    assert mark is not None and mark.valid
    seals = AccessLogSeal.objects.order_by("-seq")
    doomed = list((seals[:count] if count else seals).values_list("entry_id", flat=True))
    with tamper() as cursor:
        for entry_id in doomed:
            cursor.execute("DELETE FROM access_accesslogseal WHERE entry_id = %s", [entry_id])
            cursor.execute("DELETE FROM access_accesslogentry WHERE id = %s", [entry_id])
    result = verify_chain()
    assert (result.problem, result.checkpoint) == ("truncated", mark.name)
    with pytest.raises(CommandError, match=f"controlepunt {mark.name}"):
        call_command("verify_access_log")


def test_a5_a_checkpoint_someone_edited_is_named(sealed: Cast) -> None:
    mark = checkpoints.latest()
    assert mark is not None
    path = checkpoints.directory() / mark.name
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "count": data["count"] - 1}))
    result = verify_chain()
    assert (result.problem, result.checkpoint) == ("checkpoint", mark.name)


def test_a5_a_chain_rewritten_under_a_checkpoint_is_named(sealed: Cast) -> None:
    mark = checkpoints.latest()
    assert mark is not None
    with tamper() as cursor:  # a seal with the right number but another head
        cursor.execute("UPDATE access_accesslogseal SET hash = %s WHERE seq = %s", ["e" * 64, 1])
    assert verify_chain().problem in {"forged", "rewritten"}


def test_a5_checkpoints_are_written_once_and_never_replaced(sealed: Cast) -> None:
    first = checkpoints.latest()
    assert first is not None
    assert checkpoints.write_latest() == first  # nothing new sealed: the same file
    write_rows(2)
    seal_everything()
    second = checkpoints.write_latest()
    assert second is not None and second.count == first.count + 2
    assert [mark.name for mark in checkpoints.all_checkpoints()] == [first.name, second.name]
    assert isinstance(checkpoints.directory(), Path)


def test_a5_a_copied_row_is_refused_by_the_database(sealed: Cast) -> None:
    """A5: a replayed row has the same content and nonce, so the same content hash."""
    copy = _middle_row()
    copy.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_a5_two_rows_written_in_the_same_microsecond_are_both_kept(db: None) -> None:
    """The nonce keeps genuine rows apart even when everything else is equal."""
    first, second = write_rows(2, label="Zelfde")
    values = [first.at, *["x"] * 14]
    assert canonical_values(values, first.nonce) != canonical_values(values, second.nonce)


def test_a5_tombstones_still_verify(sealed: Cast) -> None:
    """A8: a purged plan's rows keep their place, hashes and what names no one."""
    plan_id = sealed.plan.public_id
    of_plan = AccessLogEntry.objects.filter(plan_id=plan_id).count()
    other = write_rows(2)  # rows of no plan stay as they are
    assert of_plan > 5
    purge = _purge_row(plan_id)
    assert tombstone_plan_rows(purge, plan_id) == of_plan
    assert list(AccessLogEntry.objects.filter(plan_id=plan_id)) == [purge]
    stones = AccessLogEntry.objects.filter(is_tombstone=True)
    assert stones.count() == of_plan
    for stone in stones:
        assert (stone.user_id, stone.user_label, stone.organisation) == (None, "", "")
        assert (stone.family_id, stone.plan_id, stone.object_id) == (None, None, "")
        assert (stone.ip_address, stone.on_behalf_of) == (None, "")
        assert stone.event and stone.content_hash and stone.purged_by == purge.pk
        assert len(stone.purge_ref) == 64
    assert not AccessLogEntry.objects.get(pk=other[0].pk).is_tombstone
    seal_everything()
    assert verify_chain().ok
    assert tombstone_plan_rows(purge, plan_id) == 0  # once is enough
    write_rows(1)  # the chain goes on after tombstones
    seal_everything()
    assert verify_chain().ok


def test_a5_a_removed_logins_account_rows_become_tombstones(sealed: Cast) -> None:
    user_id = sealed.parent_user.pk
    account = record(Event.PLAN_VIEWED, actor=Actor(user_id=user_id, label="Sanne Jansen"))
    in_plan = AccessLogEntry.objects.filter(user_id=user_id, plan_id__isnull=False).count()
    purge = _purge_row(sealed.plan.public_id)
    assert tombstone_account_rows(purge, [user_id]) == 1
    assert AccessLogEntry.objects.get(pk=account.pk).is_tombstone
    assert AccessLogEntry.objects.filter(user_id=user_id).count() == in_plan  # plans' own
    seal_everything()
    assert verify_chain().ok


def test_a5_a_row_blanked_without_its_purge_is_altered(sealed: Cast) -> None:
    """A8: the insider's fake tombstone: personal fields cleared, marked as tombstone,
    even pointing at a real purge; without the keyed reference it is reported."""
    purge = _purge_row(uuid.uuid4())
    seal_everything()
    row = _middle_row()
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET is_tombstone = %s, user_id = NULL, "
            "user_label = '', organisation = '', family_id = NULL, plan_id = NULL, "
            "object_id = '', ip_address = NULL, on_behalf_of = '', purged_by = %s, "
            "purge_ref = %s WHERE id = %s",
            [True, purge.pk, "a" * 64, row.pk],
        )
    result = verify_chain()
    assert (result.bad_row_id, result.problem) == (row.pk, "altered")


def test_a5_tombstone_that_still_holds_personal_data_is_altered(sealed: Cast) -> None:
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
    seal_everything()
    assert verify_chain().ok


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
    seal_everything()
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
    values: list[object] = [entry.at, *list(reference.values())[1:]]
    old_style = json.dumps(reference, sort_keys=True, separators=(",", ":")).encode()
    assert canonical_values(values) == old_style  # rows from before the nonce
    with_nonce = json.dumps(
        {**reference, "nonce": entry.nonce}, sort_keys=True, separators=(",", ":")
    )
    assert canonical_values(values, entry.nonce) == with_nonce.encode()


def test_a5_log_rows_cannot_be_deleted_through_a_queryset(sealed: Cast) -> None:
    with pytest.raises(ValueError, match="append-only"):
        AccessLogEntry.objects.filter(plan_id=sealed.plan.public_id).delete()
    with pytest.raises(ValueError, match="append-only"):
        AccessLogSeal.objects.all().delete()


def test_a5_log_rows_are_kept_at_least_five_years_by_default(settings: object) -> None:
    assert log_retention_years() >= 5


# ---- The commands -----------------------------------------------------------------------


def test_a5_verify_command_says_the_chain_holds(
    sealed: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("verify_access_log")
    count = AccessLogEntry.objects.count()
    assert f"{count} rijen gecontroleerd, keten klopt" in capsys.readouterr().out


def test_a5_verify_command_names_the_altered_row_and_fails(sealed: Cast) -> None:
    row = _middle_row()
    with tamper() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET organisation = %s WHERE id = %s", ["X", row.pk]
        )
    with pytest.raises(CommandError, match=f"rij {row.pk} \\(altered\\)") as raised:
        call_command("verify_access_log")
    assert raised.value.returncode == 1


def test_a5_seal_command_seals_and_writes_a_checkpoint(
    cast: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    count = AccessLogEntry.objects.count()
    call_command("seal_access_log")
    assert f"{count} rijen verzegeld; controlepunt bij {count} zegels" in capsys.readouterr().out
    mark = checkpoints.latest()
    assert mark is not None and mark.valid and mark.count == count


def test_a5_tamper_drill_finds_every_attack(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A5 (issue 11): single-field alterations, forged tombstones, rows removed at the
    end, a swapped pair and a replayed row; a small drill here, the full one is
    `manage.py access_log_drill` (1,000 alterations, 100 tombstones)."""
    call_command("access_log_drill", rows=60, alterations=60, tombstones=10, seed=11)
    out = capsys.readouterr().out
    assert "een veld veranderd: 60 van 60 ontdekt" in out
    assert "vervalste grafsteen: 10 van 10 ontdekt" in out
    assert "Alles ontdekt." in out
    assert not AccessLogEntry.objects.exists()  # the drill leaves nothing behind


def test_a5_benchmark_command_reports_a_rate_and_leaves_the_log_as_it_was(
    sealed: Cast, capsys: pytest.CaptureFixture[str]
) -> None:
    before = AccessLogEntry.objects.count()
    call_command("benchmark_access_log", rows=300, batch_size=100)
    out = capsys.readouterr().out
    assert "rijen/s" in out and "keten klopt" in out
    assert AccessLogEntry.objects.count() == before
    assert verify_chain().ok


def test_a5_benchmark_command_can_keep_its_rows_in_a_scratch_database(db: None) -> None:
    call_command("benchmark_access_log", rows=250, batch_size=100, keep=True)
    assert AccessLogEntry.objects.count() == AccessLogSeal.objects.count() == 250
    assert verify_chain().ok
