"""The tamper drill (A5, docs/access-log.md): what an insider with the owner's rights on
the database could do to the access log, each attack tried in a savepoint that is rolled
back, and whether `verify_chain` finds it. Nothing of it stays: the drill's own rows,
seals and checkpoints go with the outer transaction and a temporary folder.

`manage.py access_log_drill` prints the figures; a test runs a smaller drill on SQLite
and PostgreSQL."""

import datetime
import random
import secrets
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.backends.utils import CursorWrapper
from django.test import override_settings

from regie.access import checkpoints
from regie.access.events import Event, Outcome
from regie.access.log import (
    CANONICAL_FIELDS,
    TOMBSTONE_CLEARED,
    Actor,
    record,
    seal_everything,
    tombstone_rows,
)
from regie.access.models import AccessLogEntry, AccessLogSeal
from regie.access.verify import verify_chain

ENTRY = AccessLogEntry._meta.db_table
SEAL = AccessLogSeal._meta.db_table
# Every column an insider could change in one row: the entry's content and hashes, and
# its seal's links.
ENTRY_COLUMNS = (*CANONICAL_FIELDS, "nonce", "content_hash", "is_tombstone")
SEAL_COLUMNS = ("prev_hash", "hash", "seq")


class DrillError(Exception):
    """The log did not verify before the drill began: nothing would be measured."""


@dataclass(frozen=True)
class Attack:
    name: str
    tried: int
    detected: int
    prevented: int = 0  # refused by the database itself (a constraint), not needing verify

    @property
    def all_caught(self) -> bool:
        return self.detected + self.prevented == self.tried


def run_drill(
    *, rows: int = 400, alterations: int = 1_000, tombstones: int = 100, seed: int | None = None
) -> list[Attack]:
    """Write `rows` rows (with one recorded purge and its tombstones), seal them, write a
    checkpoint, then try every attack; return what was found."""
    chance = random.Random(seed)  # noqa: S311  # nosec B311 - picks rows, guards nothing
    with (
        tempfile.TemporaryDirectory() as folder,
        override_settings(REGIE_LOG_CHECKPOINT_DIR=folder),
        transaction.atomic(),
    ):
        purge = _prepare(rows)
        baseline = verify_chain()
        if not baseline.ok:
            raise DrillError(f"{baseline.where}: {baseline.explanation}")
        attacks = [
            _try("een veld veranderd", alterations, lambda c: _alter_one_field(c, chance)),
            _try("vervalste grafsteen", tombstones, lambda c: _forge_tombstone(c, chance, purge)),
            _try("laatste rij verwijderd", 1, lambda c: _delete_last(c, 1)),
            _try("laatste 10 rijen verwijderd", 1, lambda c: _delete_last(c, 10)),
            _try("alle rijen verwijderd", 1, lambda c: _delete_last(c, None)),
            _try("twee rijen verwisseld", 1, lambda c: _swap_pair(c, chance)),
            _try("rij herhaald", 1, lambda c: _replay(c, chance)),
        ]
        transaction.set_rollback(True)
    return attacks


def _prepare(rows: int) -> AccessLogEntry:
    """Rows as Regie writes them, a plan purged among them, all sealed and checkpointed."""
    plan_id, family_id = uuid.uuid4(), uuid.uuid4()
    for number in range(rows):
        actor = Actor(
            user_id=number % 7 + 1,
            label=f"Oefengebruiker {number % 7}",
            role="care_professional",
            organisation="Oefenorganisatie",
            ip_address=f"192.0.2.{number % 200 + 1}",
        )
        of_plan = number % 3 == 0
        record(
            Event.PLAN_VIEWED,
            actor=actor,
            family_id=family_id if of_plan else uuid.uuid4(),
            plan_id=plan_id if of_plan else uuid.uuid4(),
            outcome=Outcome.SUCCESS,
            part=f"stap {number % 8 + 1}",
        )
    system = Actor(user_id=None, label="Regie")
    purge = record(Event.PLAN_PURGED, actor=system, plan_id=plan_id, part="oefening")
    tombstone_rows(purge, AccessLogEntry.objects.filter(plan_id=plan_id))
    seal_everything()
    checkpoints.write_latest()
    return purge


def _try(name: str, times: int, attack: Callable[[CursorWrapper], None]) -> Attack:
    detected = prevented = 0
    for _ in range(times):
        with transaction.atomic():
            try:
                with transaction.atomic(), _as_owner() as cursor:
                    attack(cursor)
            except IntegrityError:
                prevented += 1
            else:
                detected += not verify_chain().ok
            transaction.set_rollback(True)
    return Attack(name, times, detected, prevented)


@contextmanager
def _as_owner() -> Iterator[CursorWrapper]:
    """A raw cursor with the log's guard triggers off, as the tables' owner can do."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Checks pending from this transaction's own inserts would stop ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in (ENTRY, SEAL):
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")  # nosec B608
        yield cursor


def _sealed_entry(chance: random.Random) -> int:
    """A sealed row that is not a tombstone."""
    ids = AccessLogEntry.objects.filter(seal__isnull=False, is_tombstone=False)
    return chance.choice(list(ids.values_list("pk", flat=True)))


def _write(cursor: CursorWrapper, table: str, key: str, row: int, changes: dict[str, Any]) -> None:
    model = AccessLogEntry if table == ENTRY else AccessLogSeal
    columns = ", ".join(f"{name} = %s" for name in changes)
    fields = {field.name: field for field in model._meta.concrete_fields}
    values = [fields[name].get_db_prep_value(value, connection) for name, value in changes.items()]
    cursor.execute(f"UPDATE {table} SET {columns} WHERE {key} = %s", [*values, row])  # noqa: S608  # nosec B608


_FILLED = {"user_id": 4, "family_id": uuid.uuid4(), "plan_id": uuid.uuid4()}


def _changed(name: str, value: Any) -> Any:
    """Another plausible value of the same kind for column `name`."""
    if value is None:
        return _FILLED.get(name, "192.0.2.9")
    if isinstance(value, bool):
        return not value
    if isinstance(value, datetime.datetime):
        return value + datetime.timedelta(microseconds=1)
    if isinstance(value, uuid.UUID):
        return uuid.uuid4()
    if isinstance(value, int):
        return value + 1
    if name == "ip_address":
        return "192.0.2.251" if value != "192.0.2.251" else "192.0.2.252"
    return (value[:-1] + ("x" if value[-1:] != "x" else "y")) if value else "x"


def _alter_one_field(cursor: CursorWrapper, chance: random.Random) -> None:
    entry_id = _sealed_entry(chance)
    if chance.random() < 0.8:
        name = chance.choice(ENTRY_COLUMNS)
        old = AccessLogEntry.objects.filter(pk=entry_id).values_list(name, flat=True)[0]
        _write(cursor, ENTRY, "id", entry_id, {name: _changed(name, old)})
        return
    name = chance.choice(SEAL_COLUMNS)
    old = AccessLogSeal.objects.filter(entry_id=entry_id).values_list(name, flat=True)[0]
    new = old + 1_000_000 if name == "seq" else _changed(name, old)
    _write(cursor, SEAL, "entry_id", entry_id, {name: new})


def _forge_tombstone(cursor: CursorWrapper, chance: random.Random, purge: AccessLogEntry) -> None:
    """Blank a row as a purge would, pointing at the real purge, with a reference the
    insider made up or copied from a true tombstone."""
    entry_id = _sealed_entry(chance)
    real = AccessLogEntry.objects.filter(is_tombstone=True).values_list("purge_ref", flat=True)
    reference = chance.choice([secrets.token_hex(32), *real[:1]])
    changes = {**TOMBSTONE_CLEARED, "is_tombstone": True, "purged_by": purge.pk}
    _write(cursor, ENTRY, "id", entry_id, {**changes, "purge_ref": reference})


def _delete_last(cursor: CursorWrapper, count: int | None) -> None:
    seals = AccessLogSeal.objects.order_by("-seq")
    entry_ids = list((seals[:count] if count else seals).values_list("entry_id", flat=True))
    marks = ", ".join(["%s"] * len(entry_ids))
    cursor.execute(f"DELETE FROM {SEAL} WHERE entry_id IN ({marks})", entry_ids)  # noqa: S608  # nosec B608
    cursor.execute(f"DELETE FROM {ENTRY} WHERE id IN ({marks})", entry_ids)  # noqa: S608  # nosec B608


def _swap_pair(cursor: CursorWrapper, chance: random.Random) -> None:
    """Two neighbouring rows trade places: each gets the other's whole content."""
    seal = chance.randrange(1, AccessLogSeal.objects.count())
    pair = list(
        AccessLogSeal.objects.filter(seq__in=[seal, seal + 1]).values_list("entry_id", flat=True)
    )
    first, second = (AccessLogEntry.objects.filter(pk=pk).values(*ENTRY_COLUMNS)[0] for pk in pair)
    _write(cursor, ENTRY, "id", pair[0], {"content_hash": "0" * 64})  # unique while swapping
    _write(cursor, ENTRY, "id", pair[1], second | first)
    _write(cursor, ENTRY, "id", pair[0], first | second)


def _replay(cursor: CursorWrapper, chance: random.Random) -> None:
    """A copy of a genuine row, written again and sealed by the sealer as any new row.
    The owner can drop the unique content hash first; on SQLite it cannot."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'u' "
            "AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = %s::regclass "
            "AND attname = 'content_hash')]::smallint[]",
            [ENTRY, ENTRY],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {ENTRY} DROP CONSTRAINT "{name}"')  # nosec B608
    original = AccessLogEntry.objects.get(pk=_sealed_entry(chance))
    original.pk = None
    original.save()
    seal_everything()
