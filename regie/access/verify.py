"""Checking the access log (A5, NEN 7513; docs/access-log.md).

`verify_chain` streams the seals in order with their entries and names the first row or
checkpoint that is not as Regie wrote it. It holds no more than one batch per process in
memory, builds no model instances, and walks a long chain in parts side by side
(`manage.py benchmark_access_log` measures it)."""

import datetime
import hashlib
import hmac
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.access import checkpoints
from regie.access.events import Event
from regie.access.log import (
    CANONICAL_FIELDS,
    GENESIS,
    TOMBSTONE_CLEARED,
    TOMBSTONE_KEPT,
    audit_key,
    canonical_values,
    tombstone_ref,
)
from regie.access.models import AccessLogEntry, AccessLogSeal

Problem = Literal[
    "altered",
    "forged",
    "removed",
    "replayed",
    "unsealed",
    "truncated",
    "rewritten",
    "checkpoint",
]

PROBLEM_TEXT: dict[str, Any] = {
    "altered": _("de inhoud van deze rij is veranderd, of ze is zonder vernietiging gewist"),
    "forged": _("deze rij is niet door Regie verzegeld of achteraf herschreven"),
    "removed": _("een of meer rijen vóór deze rij zijn verwijderd"),
    "replayed": _("deze rij is een kopie van een andere rij"),
    "unsealed": _("deze rij is te lang niet verzegeld"),
    "truncated": _(
        "rijen aan het eind van het log zijn verwijderd (het controlepunt telde er meer)"
    ),
    "rewritten": _("de keten wijkt af van wat het controlepunt vastlegde"),
    "checkpoint": _("dit controlepunt is niet door Regie ondertekend of is onleesbaar"),
}


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    bad_row_id: int | None = None
    problem: Problem | None = None
    checkpoint: str = ""  # the checkpoint file the problem is about, if any
    unsealed: int = 0  # rows still waiting for the sealer (younger than the limit)

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def explanation(self) -> str:
        return str(PROBLEM_TEXT[self.problem]) if self.problem else ""

    @property
    def where(self) -> str:
        """The row or checkpoint the problem is about, as the command names it."""
        if self.bad_row_id is not None:
            return f"rij {self.bad_row_id}"
        return f"controlepunt {self.checkpoint}" if self.checkpoint else ""


_ENTRY_FIELDS = (*CANONICAL_FIELDS, "nonce", "content_hash", "is_tombstone")
_FIELDS = (
    "seq",
    "prev_hash",
    "hash",
    "entry_id",
    *(f"entry__{name}" for name in (*_ENTRY_FIELDS, "purged_by", "purge_ref")),
)
_SEQ, _PREV, _HASH, _ENTRY = range(4)
_CONTENT = slice(4, 4 + len(CANONICAL_FIELDS))
_NONCE, _DIGEST, _TOMBSTONE, _PURGED_BY, _PURGE_REF = range(4 + len(CANONICAL_FIELDS), len(_FIELDS))
_CLEARED = tuple(
    (4 + CANONICAL_FIELDS.index(name), value) for name, value in TOMBSTONE_CLEARED.items()
)
_KEPT = tuple(4 + CANONICAL_FIELDS.index(name) for name in TOMBSTONE_KEPT)


def _links(first: int, last: int, batch_size: int) -> Iterator[tuple[Any, ...]]:
    """The seals numbered first..last in order with their entry's columns, streamed, as
    plain tuples."""
    if connection.vendor == "postgresql":
        return _postgresql_links(first, last, batch_size)
    seals = AccessLogSeal.objects.filter(seq__gte=first, seq__lte=last).order_by("seq")
    return seals.values_list(*_FIELDS).iterator(chunk_size=batch_size)


# Times, ids and addresses as text, the time already in isoformat: parsing them into
# objects only to turn them back into text for the hash was half the time of a walk,
# and PostgreSQL does its part in a process of its own. `at` is aware UTC, so "+00:00";
# isoformat leaves out microseconds that are zero.
_TEXT_CASTS = {
    "at": "replace(to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '.000000', '')"
    " || '+00:00'",
    "family_id": "{}::text",
    "plan_id": "{}::text",
    "ip_address": "host({})",
}
_ENTRY_COLUMNS = ", ".join(
    _TEXT_CASTS.get(name, "{}").format(f"e.{name}")
    for name in (*_ENTRY_FIELDS, "purged_by", "purge_ref")
)
# Constant text: column names from this module; the bounds are parameters.
_POSTGRESQL_WALK = (
    f"SELECT s.seq, s.prev_hash, s.hash, s.entry_id, {_ENTRY_COLUMNS} "  # noqa: S608  # nosec B608
    "FROM access_accesslogseal s JOIN access_accesslogentry e ON e.id = s.entry_id "
    "WHERE s.seq BETWEEN %s AND %s ORDER BY s.seq"
)


def _postgresql_links(first: int, last: int, batch_size: int) -> Iterator[tuple[Any, ...]]:
    with transaction.atomic():
        cursor = connection.chunked_cursor()
        cursor.execute(_POSTGRESQL_WALK, [first, last])
        while batch := cursor.fetchmany(batch_size):
            yield from batch
        cursor.close()


def _purges() -> dict[int, str]:
    """The recorded purges (A8) a tombstone may point to: row id -> content hash."""
    rows = AccessLogEntry.objects.filter(event=Event.PLAN_PURGED.code, is_tombstone=False)
    return dict(rows.values_list("pk", "content_hash"))


@dataclass(frozen=True)
class _Part:
    """What the walk along seals first..last found."""

    first_prev: str  # the link of its first seal, to be checked against the part before
    first_entry: int | None
    last_hash: str
    checked: int
    bad_row_id: int | None = None
    problem: Problem | None = None
    checkpoint: str = ""


def _walk(first: int, last: int, batch_size: int, heads: dict[int, str]) -> _Part:
    """Check seals first..last: numbers without gaps, links, content and tombstones, and
    the heads that checkpoints saw. The link into the part is checked by the caller."""
    key, purges = audit_key(), _purges()
    digest, sha256 = hmac.digest, hashlib.sha256
    first_prev = expected_prev = ""
    first_entry = None
    seq = first - 1
    for row in _links(first, last, batch_size):
        seq += 1
        problem: Problem | None = None
        if row[_SEQ] != seq:  # seals are numbered 1, 2, 3 ... without gaps
            problem = "removed"
        elif row[_TOMBSTONE]:
            problem = None if _true_tombstone(row, purges) else "altered"
        elif sha256(canonical_values(row[_CONTENT], row[_NONCE])).hexdigest() != row[_DIGEST]:
            problem = "altered"
        if problem is None:
            message = f"{seq}|{row[_ENTRY]}|{row[_PREV]}|{row[_DIGEST]}".encode()
            if digest(key, message, "sha256").hex() != row[_HASH]:
                problem = "forged"
            elif expected_prev and row[_PREV] != expected_prev:
                problem = "removed"
        if problem is not None:
            return _Part(first_prev, first_entry, expected_prev, seq - first, row[_ENTRY], problem)
        first_prev, first_entry = first_prev or row[_PREV], first_entry or row[_ENTRY]
        expected_prev = row[_HASH]
        if heads.get(seq, expected_prev) != expected_prev:
            return _Part(
                first_prev, first_entry, expected_prev, seq - first + 1, row[_ENTRY], "rewritten"
            )
    return _Part(first_prev, first_entry, expected_prev, seq - first + 1)


def _true_tombstone(row: tuple[Any, ...], purges: dict[int, str]) -> bool:
    """Blank where a tombstone is blank, and made by a recorded purge (A8)."""
    if any(row[position] != value for position, value in _CLEARED):
        return False
    purge = purges.get(row[_PURGED_BY])
    if purge is None:
        return False
    kept = [row[position] for position in _KEPT]
    return hmac.compare_digest(row[_PURGE_REF], tombstone_ref(purge, row[_DIGEST], kept))


# A walk this long is split over processes, one per core (PostgreSQL, outside a
# transaction, so that other connections see the same rows).
_PARALLEL_FROM = 100_000


def _walk_in_parts(last: int, batch_size: int, heads: dict[int, str], parts: int) -> list[_Part]:
    size = -(-last // parts) if last else 1
    ranges = [
        (start, min(start + size - 1, last), batch_size, heads)
        for start in range(1, last + 1, size)
    ]
    parallel = (
        len(ranges) > 1
        and connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and last >= _PARALLEL_FROM
    )
    if not parallel:
        return [_walk(*arguments) for arguments in ranges] or [_walk(1, 0, batch_size, heads)]
    connections.close_all()  # each process opens its own connection
    with multiprocessing.get_context("fork").Pool(len(ranges)) as pool:
        return pool.starmap(_walk, ranges)


def verify_chain(*, batch_size: int = 10_000, parts: int | None = None) -> VerifyResult:
    """Walk the chain in seal order and return the first problem (see PROBLEM_TEXT):
    a row whose content no longer matches its hash, a tombstone without its purge, a
    seal Regie did not make, a gap, a copied row, a row left unsealed too long, or a
    checkpoint that the chain does not reach or does not match. A long chain is walked
    in `parts` (default: one per core) side by side, and the parts' links checked after."""
    marks = checkpoints.all_checkpoints()
    for mark in marks:
        if not mark.valid:
            return VerifyResult(0, problem="checkpoint", checkpoint=mark.name)
    heads = {mark.count: mark.head for mark in marks}
    names = {mark.count: mark.name for mark in marks}
    last = AccessLogSeal.objects.aggregate(last=Max("seq"))["last"] or 0
    checked, link = 0, GENESIS
    for part in _walk_in_parts(last, batch_size, heads, parts or os.cpu_count() or 1):
        if part.first_entry is not None and part.first_prev != link:  # the link into it
            return VerifyResult(checked, part.first_entry, "removed")
        if part.problem is not None:
            where = names.get(checked + part.checked, "") if part.problem == "rewritten" else ""
            return VerifyResult(checked + part.checked, part.bad_row_id, part.problem, where)
        checked, link = checked + part.checked, part.last_hash or link
    if marks and max(heads) > checked:
        return VerifyResult(checked, problem="truncated", checkpoint=marks[-1].name)
    return _after_the_walk(checked)


def _after_the_walk(checked: int) -> VerifyResult:
    """What the walk along the seals cannot see: copies and rows left unsealed."""
    copies = (
        AccessLogEntry.objects.values("content_hash")
        .annotate(copies=Count("pk"))
        .filter(copies__gt=1)
        .values_list("content_hash", flat=True)
    )
    copied = AccessLogEntry.objects.filter(content_hash__in=copies[:1]).order_by("-pk").first()
    if copied is not None:
        return VerifyResult(checked, copied.pk, "replayed")
    waiting = AccessLogEntry.objects.filter(seal__isnull=True)
    limit = timezone.now() - datetime.timedelta(seconds=settings.REGIE_LOG_SEAL_MAX_AGE_SECONDS)
    stale = waiting.filter(at__lt=limit).order_by("pk").values_list("pk", flat=True).first()
    if stale is not None:
        return VerifyResult(checked, stale, "unsealed")
    return VerifyResult(checked, unsealed=waiting.count())
