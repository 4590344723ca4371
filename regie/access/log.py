"""Writing the access log (A5, NEN 7513); docs/access-log.md has the design and its
threat model.

Services call `record` inside their transaction, so a change and its log row commit
together or not at all (STYLE habit 2). `record` is one plain INSERT: no lock, no read
of other rows, so no reader waits for another. Each row carries

    content_hash = sha256(canonical content of the row, with a random nonce)

and after its transaction commits the sealer (`regie.access.sealing`) chains it into
`AccessLogSeal` within seconds; `regie.access.verify` walks the chain.

When a plan is purged (A8), `tombstone_rows` clears the personal fields of its rows but
keeps their content_hash, so the chain still verifies, and marks each with a keyed
reference to the recorded purge, which `verify` checks: a row blanked any other way is
reported as altered, and the PostgreSQL trigger refuses it too.

Retention: log rows are kept at least `log_retention_years()` years (setting
REGIE_LOG_RETENTION_YEARS, default 5). Nothing deletes log rows; the database refuses it
on PostgreSQL (migration 0003)."""

import datetime
import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from regie.access import checkpoints
from regie.access.events import EventKind, Outcome
from regie.access.models import AccessLogEntry, AccessLogSeal

DEFAULT_LOG_RETENTION_YEARS = 5

# The fields a row's content_hash covers, in the order `canonical_values` takes them.
CANONICAL_FIELDS: tuple[str, ...] = (
    "at",
    "event",
    "action",
    "outcome",
    "user_id",
    "user_label",
    "role",
    "organisation",
    "family_id",
    "plan_id",
    "object_type",
    "object_id",
    "part",
    "on_behalf_of",
    "ip_address",
)
# What a tombstone clears (A8): everything that says who, about whom and from where.
# The trigger of migration 0003 allows exactly this one update on PostgreSQL.
TOMBSTONE_CLEARED: dict[str, Any] = {
    "user_id": None,
    "user_label": "",
    "organisation": "",
    "family_id": None,
    "plan_id": None,
    "object_id": "",
    "ip_address": None,
    "on_behalf_of": "",
}


def log_retention_years() -> int:
    """A5: log rows are kept at least this many years (REGIE_LOG_RETENTION_YEARS)."""
    return int(getattr(settings, "REGIE_LOG_RETENTION_YEARS", DEFAULT_LOG_RETENTION_YEARS))


@dataclass(frozen=True)
class Actor:
    """Who acts, in which capacity: the user, the role and organisation they act in."""

    user_id: int | None
    label: str
    role: str = ""
    organisation: str = ""
    ip_address: str | None = None


_ENCODER = json.JSONEncoder(separators=(",", ":"))


def _uuid_text(value: uuid.UUID | str | None) -> str | None:
    return str(value) if value else None


def canonical_values(values: Sequence[Any], nonce: str = "") -> bytes:
    """The canonical bytes of one row's content, from its values in CANONICAL_FIELDS
    order (a `values_list` row works as is; no model instance needed) and its nonce.
    `at` must be the stored value: aware, UTC, microsecond precision, as `record` writes
    it. Rows from before the nonce (nonce "") hash exactly as they always did."""
    (
        at,
        event,
        action,
        outcome,
        user_id,
        user_label,
        role,
        organisation,
        family_id,
        plan_id,
        object_type,
        object_id,
        part,
        on_behalf_of,
        ip_address,
    ) = values
    # Keys in sorted order, so the encoder need not sort them: the bytes are exactly
    # json.dumps(content, sort_keys=True, separators=(",", ":")), as rows were always hashed.
    content: dict[str, Any] = {
        "action": action,
        "at": at if isinstance(at, str) else at.isoformat(),
        "event": event,
        "family_id": _uuid_text(family_id),
        "ip_address": ip_address,
        "object_id": object_id,
        "object_type": object_type,
        "on_behalf_of": on_behalf_of,
        "organisation": organisation,
        "outcome": outcome,
        "part": part,
        "plan_id": _uuid_text(plan_id),
        "role": role,
        "user_id": user_id,
        "user_label": user_label,
    }
    if nonce:  # in its sorted place, between "ip_address" and "object_id"
        content["nonce"] = nonce
        content = dict(sorted(content.items()))
    return _ENCODER.encode(content).encode()


def content_hash_of(values: Sequence[Any], nonce: str = "") -> str:
    return hashlib.sha256(canonical_values(values, nonce)).hexdigest()


def content_hash(entry: AccessLogEntry) -> str:
    values = [getattr(entry, name) for name in CANONICAL_FIELDS]
    return content_hash_of(values, entry.nonce)


def audit_key() -> bytes:
    """The secret of the chain, from the environment: the database never holds it, so
    whoever can write the database cannot recompute a seal after changing a row."""
    return str(settings.REGIE_AUDIT_KEY).encode()


def keyed(*parts: object) -> str:
    """HMAC-SHA256 with the audit key over the parts joined by "|"."""
    message = "|".join(str(part) for part in parts).encode()
    return hmac.digest(audit_key(), message, "sha256").hex()


def stored_time(moment: datetime.datetime) -> datetime.datetime:
    """`moment` as the database gives it back: aware, in UTC, whole microseconds. The
    content hash is computed from this, so a row read back hashes the same."""
    if timezone.is_naive(moment):
        raise ValueError("The access log needs an aware datetime.")
    return moment.astimezone(datetime.UTC)


def _stored_uuid(value: Any) -> uuid.UUID | None:
    """A UUID as the database gives it back (a string id is parsed, so it hashes alike)."""
    if not value:
        return None
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _stored_ip(value: str | None) -> str | None:
    """An address as the database gives it back: IPv6 in its short, lower-case form."""
    field = AccessLogEntry._meta.get_field("ip_address")
    return field.get_prep_value(value) if value else None


class RowDetails(TypedDict, total=False):
    """What a row says besides its kind and actor (`new_entry`'s keywords)."""

    family_id: Any
    plan_id: Any
    obj: models.Model | None
    outcome: str
    part: str
    on_behalf_of: str


def record(kind: EventKind, *, actor: Actor, **details: Unpack[RowDetails]) -> AccessLogEntry:
    """Append one row: a single INSERT that takes no lock, so no writer waits for another.
    The sealer chains it shortly after its transaction commits."""
    entry = new_entry(kind, actor=actor, **details)
    entry.save()
    _seal_after_commit()
    return entry


def record_all(entries: list[AccessLogEntry]) -> None:
    """Append the rows `new_entry` made in one INSERT (issue 13: a page that shows
    several plans logs a row for each, however many there are)."""
    if entries:
        AccessLogEntry.objects.bulk_create(entries)
        _seal_after_commit()


def _seal_after_commit() -> None:
    if not any(waiting[1] is seal_pending for waiting in connection.run_on_commit):
        transaction.on_commit(seal_pending, robust=True)  # once per transaction


def new_entry(
    kind: EventKind,
    *,
    actor: Actor,
    family_id: Any = None,
    plan_id: Any = None,
    obj: models.Model | None = None,
    outcome: str = Outcome.SUCCESS,
    part: str = "",
    on_behalf_of: str = "",
) -> AccessLogEntry:
    """One row, not saved yet, with its content hash."""
    entry = AccessLogEntry(
        at=stored_time(timezone.now()),
        event=kind.code,
        action=str(kind.action),
        outcome=outcome,
        user_id=actor.user_id,
        user_label=actor.label[:200],
        role=actor.role,
        organisation=actor.organisation[:200],
        family_id=_stored_uuid(family_id),
        plan_id=_stored_uuid(plan_id),
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(getattr(obj, "public_id", None) or getattr(obj, "pk", "") or ""),
        part=part[:80],
        on_behalf_of=on_behalf_of[:200],
        ip_address=_stored_ip(actor.ip_address),
        nonce=secrets.token_hex(16),
    )
    entry.content_hash = content_hash(entry)
    return entry


# ---- Tombstones (A8) --------------------------------------------------------------------


# What a tombstone keeps besides its hashes; its purge reference covers these, so they
# cannot be changed afterwards either.
TOMBSTONE_KEPT: tuple[str, ...] = tuple(f for f in CANONICAL_FIELDS if f not in TOMBSTONE_CLEARED)


def tombstone_ref(purge_content_hash: str, row_content_hash: str, kept: Sequence[Any]) -> str:
    """The keyed reference a tombstone carries to the purge that made it, over what the
    tombstone keeps (TOMBSTONE_KEPT values): it names no one, and nobody without the
    audit key can make one for a row of their choosing."""
    texts = (value.isoformat() if isinstance(value, datetime.datetime) else value for value in kept)
    return keyed("tombstone", purge_content_hash, row_content_hash, *texts)


def tombstone_rows(purge: AccessLogEntry, rows: QuerySet[AccessLogEntry]) -> int:
    """A8: turn `rows` into tombstones of the recorded purge `purge` (a PLAN_PURGED row
    written in the same transaction). Returns how many rows it turned.

    On PostgreSQL the app's database role has no UPDATE on the log: it calls the one
    function that may (migration 0003), and the trigger checks every row against the
    purge. SQLite has neither; there `verify` is the only guard (docs/access-log.md)."""
    found = list(
        rows.filter(is_tombstone=False)
        .exclude(pk=purge.pk)
        .values_list("pk", "content_hash", *TOMBSTONE_KEPT)
    )
    if not found:
        return 0
    ids = [row[0] for row in found]
    refs = [tombstone_ref(purge.content_hash, row[1], row[2:]) for row in found]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT access_log_tombstone(%s, %s, %s)", [purge.pk, ids, refs])
            (turned,) = cursor.fetchone()
        return int(turned)
    stones = [
        AccessLogEntry(
            pk=pk, is_tombstone=True, purged_by=purge.pk, purge_ref=ref, **TOMBSTONE_CLEARED
        )
        for pk, ref in zip(ids, refs, strict=True)
    ]
    fields = ["is_tombstone", "purged_by", "purge_ref", *TOMBSTONE_CLEARED]
    AccessLogEntry.objects.bulk_update(stones, fields, batch_size=500)
    return len(stones)


def tombstone_plan_rows(purge: AccessLogEntry, plan_public_id: uuid.UUID | str) -> int:
    """A8: when a plan is purged, its log rows keep their place and hashes but lose
    everything personal."""
    return tombstone_rows(purge, AccessLogEntry.objects.filter(plan_id=plan_public_id))


def tombstone_account_rows(purge: AccessLogEntry, user_ids: Sequence[int]) -> int:
    """A8: when family members' logins go with their purged plan, the rows about the
    accounts themselves (logins, second factor; rows of no plan) become tombstones too.
    Their rows in plans follow their plan (`tombstone_plan_rows`)."""
    if not user_ids:
        return 0
    rows = AccessLogEntry.objects.filter(user_id__in=user_ids, plan_id__isnull=True)
    return tombstone_rows(purge, rows)


# ---- Sealing ----------------------------------------------------------------------------

GENESIS = "0" * 64
_SEAL_LOCK = 7_513  # NEN 7513; any constant shared by all sealers works.
# Rows whose transaction commits later than this many newer rows are sealed by the full
# sweep that runs with every checkpoint (a minute at most), not by the quick one. Every
# request that logs runs the quick one: with 10,000 it read 10,000 log rows against their
# seals each time, 7 ms of every page at 100,000 families (issue 13); 1,000 rows are
# still many seconds of traffic for a transaction to commit late in.
_QUICK_WINDOW = 1_000


def seal_hash(seq: int, entry_id: int, prev_hash: str, entry_content_hash: str) -> str:
    """The link that seals entry `entry_id` as number `seq` after the seal `prev_hash`."""
    return keyed(seq, entry_id, prev_hash, entry_content_hash)


def _take_seal_lock() -> bool:
    """Only one sealer at a time, and nobody waits for it: whoever finds it busy leaves
    their rows to the sealer at work or the next one (PostgreSQL; on SQLite the unique
    seq refuses a second sealer's seals instead)."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_SEAL_LOCK])
        (taken,) = cursor.fetchone()
    return bool(taken)


def seal_pending(*, limit: int = 5_000, sweep: bool | None = None) -> int:
    """Chain committed rows that have no seal yet, in id order, `limit` at a time; write
    a checkpoint when one is due. Returns how many rows it sealed (0 when another sealer
    is at work). Runs after every transaction that wrote a row and from
    `manage.py seal_access_log`; `sweep` looks at all rows, not only the newest."""
    sweep = checkpoints.due() if sweep is None else sweep
    try:
        with transaction.atomic():
            if not _take_seal_lock():
                return 0
            sealed = _seal_batch(limit, sweep)
            if sweep:
                checkpoints.write_latest()
    except IntegrityError:  # SQLite: another process sealed the same rows first
        return 0
    return sealed


def _seal_batch(limit: int, sweep: bool) -> int:
    head = AccessLogSeal.objects.order_by("-seq").values_list("seq", "hash", "entry_id").first()
    seq, prev_hash, last_entry = head or (0, GENESIS, 0)
    floor = 0 if sweep else max(0, last_entry - _QUICK_WINDOW)
    pending = (
        AccessLogEntry.objects.filter(pk__gt=floor, seal__isnull=True)
        .order_by("pk")
        .values_list("pk", "content_hash")[:limit]
    )
    seals = chain_seals(pending, seq, prev_hash)
    AccessLogSeal.objects.bulk_create(seals)
    return len(seals)


def chain_seals(
    entries: Iterable[tuple[int, str]], seq: int, prev_hash: str
) -> list[AccessLogSeal]:
    """Seals for (entry id, content hash) pairs in order, going on after seal number
    `seq` with hash `prev_hash`."""
    now = timezone.now()
    seals = []
    for entry_id, digest in entries:
        seq += 1
        link = seal_hash(seq, entry_id, prev_hash, digest)
        seals.append(
            AccessLogSeal(seq=seq, entry_id=entry_id, prev_hash=prev_hash, hash=link, sealed_at=now)
        )
        prev_hash = link
    return seals


def seal_everything() -> int:
    """Seal until nothing is left (the demo, the sealer command, tests). Returns how many."""
    total = 0
    while sealed := seal_pending(sweep=True):
        total += sealed
    return total


def wait_until_sealed(timeout: float = 10.0) -> None:
    """Block until every committed row is sealed (benchmarks: count after sealing)."""
    deadline = time.monotonic() + timeout
    while AccessLogEntry.objects.filter(seal__isnull=True).exists():
        if time.monotonic() > deadline:
            raise TimeoutError("access-log rows stayed unsealed")
        seal_pending(sweep=True)
        time.sleep(0.05)
