"""Writing and checking the access log (A5, NEN 7513).

Services call `record` inside their transaction, so a change and its log row commit
together or not at all (STYLE habit 2). Rows form a keyed hash chain:

    content_hash = sha256(canonical content of the row)
    hash         = HMAC(REGIE_AUDIT_KEY, prev_hash + content_hash)

`verify_chain` walks it and names the first row that was altered, inserted or removed.
When a plan is purged (A8), `tombstone_plan_rows` clears the personal fields of its rows
but keeps their place, content_hash and hash, so the chain still verifies.

Retention: log rows are kept at least `log_retention_years()` years (setting
REGIE_LOG_RETENTION_YEARS, default 5). Nothing deletes log rows today; the database
refuses it on PostgreSQL (migration 0002)."""

import datetime
import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from regie.access.events import EventKind, Outcome
from regie.access.models import AccessLogEntry

GENESIS = "0" * 64
_LOCK_ID = 7_513  # NEN 7513; any constant shared by all writers works.
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
# The trigger of migration 0002 allows exactly this one update on PostgreSQL.
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


def canonical_values(values: Sequence[Any]) -> bytes:
    """The canonical bytes of one row's content, from its values in CANONICAL_FIELDS
    order (a `values_list` row works as is; no model instance needed). `at` must be the
    stored value: aware, UTC, microsecond precision, as `record` writes it."""
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
        "at": at.isoformat(),
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
    return _ENCODER.encode(content).encode()


def canonical(entry: AccessLogEntry) -> bytes:
    return canonical_values([getattr(entry, name) for name in CANONICAL_FIELDS])


def content_hash_of(values: Sequence[Any]) -> str:
    return hashlib.sha256(canonical_values(values)).hexdigest()


def content_hash(entry: AccessLogEntry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def _audit_key() -> bytes:
    return str(settings.REGIE_AUDIT_KEY).encode()


def chain_hash(prev_hash: str, entry_content_hash: str) -> str:
    """Keyed with a secret from the environment: whoever can write the database cannot
    recompute the chain after changing a row."""
    message = (prev_hash + entry_content_hash).encode()
    return hmac.digest(_audit_key(), message, "sha256").hex()


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


def record(
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
    """Append one row. Inserts are serialised so the hash chain cannot fork."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
        last = AccessLogEntry.objects.order_by("-id").values_list("hash", flat=True).first()
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
            prev_hash=last or GENESIS,
        )
        entry.content_hash = content_hash(entry)
        entry.hash = chain_hash(entry.prev_hash, entry.content_hash)
        entry.save()
    return entry


def lock_chain() -> None:
    """Serialise with every `record` call until the current transaction ends (PostgreSQL;
    SQLite serialises writers itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])


def tombstone_plan_rows(plan_public_id: uuid.UUID | str) -> int:
    """A8: when a plan is purged, its log rows keep their place and hashes but lose
    everything personal. One UPDATE; returns the number of rows it turned."""
    return AccessLogEntry.objects.filter(plan_id=plan_public_id, is_tombstone=False).update(
        is_tombstone=True, **TOMBSTONE_CLEARED
    )


def tombstone_account_rows(user_id: int) -> int:
    """A8: when a family member's login is removed with their purged plan, the rows about
    the account itself (logins, second factor; rows of no plan) become tombstones too.
    Their rows in plans follow their plan (`tombstone_plan_rows`). One UPDATE."""
    rows = AccessLogEntry.objects.filter(user_id=user_id, plan_id__isnull=True)
    return rows.filter(is_tombstone=False).update(is_tombstone=True, **TOMBSTONE_CLEARED)


# ---- Verifying the chain ---------------------------------------------------------------

Problem = Literal["altered", "inserted", "removed", "forged"]

PROBLEM_TEXT: dict[str, str] = {
    "altered": "de inhoud van deze rij is veranderd",
    "inserted": "deze rij is tussengevoegd",
    "removed": "een of meer rijen vóór deze rij zijn verwijderd",
    "forged": "deze rij is niet door Regie geschreven of achteraf herschreven",
}


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    bad_row_id: int | None = None
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.bad_row_id is None

    @property
    def explanation(self) -> str:
        return PROBLEM_TEXT[self.problem] if self.problem else ""


_VERIFY_FIELDS = ("id", *CANONICAL_FIELDS, "content_hash", "prev_hash", "hash", "is_tombstone")
_ID = 0
_CONTENT = slice(1, 1 + len(CANONICAL_FIELDS))
_CONTENT_HASH, _PREV_HASH, _HASH, _TOMBSTONE = range(1 + len(CANONICAL_FIELDS), len(_VERIFY_FIELDS))
_CLEARED_POSITIONS = tuple(
    (1 + CANONICAL_FIELDS.index(name), value) for name, value in TOMBSTONE_CLEARED.items()
)


def _rows(batch_size: int) -> Iterable[tuple[Any, ...]]:
    """Every row in id order, as plain tuples, fetched in keyset-paginated batches."""
    last_id = 0
    while True:
        batch = list(
            AccessLogEntry.objects.filter(id__gt=last_id)
            .order_by("id")
            .values_list(*_VERIFY_FIELDS)[:batch_size]
        )
        if not batch:
            return
        yield from batch
        last_id = batch[-1][_ID]


def _next_prev_hash(row_id: int) -> str | None:
    return (
        AccessLogEntry.objects.filter(id__gt=row_id)
        .order_by("id")
        .values_list("prev_hash", flat=True)
        .first()
    )


def _diagnose_bad_hmac(row: tuple[Any, ...], expected_prev: str) -> Problem:
    """The row's stored hash is not the HMAC of its link and content, so Regie did not
    write it like this. If the next row links past it, to the row before, it was slipped
    in between; otherwise it was forged or rewritten in place."""
    following = _next_prev_hash(row[_ID])
    return "inserted" if following is not None and following == expected_prev else "forged"


def verify_chain(*, batch_size: int = 10_000) -> VerifyResult:
    """Walk the log in id order and return the first row that breaks the chain:
    - "altered": its content no longer matches its content hash (or a tombstone still
      holds personal data);
    - "removed": its own hash is genuine but its link points to a row that is no longer
      there (rows before it were deleted);
    - "inserted": its hash is not genuine and the next row links past it, to the row
      before (it was slipped in between);
    - "forged": its hash is not the HMAC Regie would have written for its link and
      content (written outside Regie, or rewritten with a recomputed content hash).
    Fetches plain tuples in id-ordered batches, no model instances. Rows removed from
    the very end leave no trace in the chain itself."""
    key = _audit_key()
    digest = hmac.digest
    sha256 = hashlib.sha256
    expected_prev = GENESIS
    checked = 0
    for row in _rows(batch_size):
        checked += 1
        if row[_TOMBSTONE]:
            if any(row[position] != value for position, value in _CLEARED_POSITIONS):
                return VerifyResult(checked, row[_ID], "altered")
        elif sha256(canonical_values(row[_CONTENT])).hexdigest() != row[_CONTENT_HASH]:
            return VerifyResult(checked, row[_ID], "altered")
        genuine = (
            digest(key, (row[_PREV_HASH] + row[_CONTENT_HASH]).encode(), "sha256").hex()
            == row[_HASH]
        )
        if not genuine:
            return VerifyResult(checked, row[_ID], _diagnose_bad_hmac(row, expected_prev))
        if row[_PREV_HASH] != expected_prev:
            return VerifyResult(checked, row[_ID], "removed")
        expected_prev = row[_HASH]
    return VerifyResult(checked)
