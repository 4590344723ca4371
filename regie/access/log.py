"""Writing the access log. Services call `record` inside their transaction, so a change
and its log row commit together or not at all (STYLE habit 2)."""

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from regie.access.events import EventKind
from regie.access.models import AccessLogEntry

GENESIS = "0" * 64
_LOCK_ID = 7_513  # NEN 7513; any constant shared by all writers works.


@dataclass(frozen=True)
class Actor:
    """Who acts, in which capacity: the user, the role and organisation they act in."""

    user_id: int | None
    label: str
    role: str = ""
    organisation: str = ""
    ip_address: str | None = None


def canonical(entry: AccessLogEntry) -> bytes:
    content: dict[str, Any] = {
        "at": entry.at.isoformat(),
        "event": entry.event,
        "action": entry.action,
        "outcome": entry.outcome,
        "user_id": entry.user_id,
        "user_label": entry.user_label,
        "role": entry.role,
        "organisation": entry.organisation,
        "family_id": str(entry.family_id) if entry.family_id else None,
        "plan_id": str(entry.plan_id) if entry.plan_id else None,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "part": entry.part,
        "on_behalf_of": entry.on_behalf_of,
        "ip_address": entry.ip_address,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def content_hash(entry: AccessLogEntry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def chain_hash(prev_hash: str, entry_content_hash: str) -> str:
    """Keyed with a secret from the environment: whoever can write the database cannot
    recompute the chain after changing a row."""
    key = settings.REGIE_AUDIT_KEY.encode()
    return hmac.new(key, (prev_hash + entry_content_hash).encode(), hashlib.sha256).hexdigest()


def record(
    kind: EventKind,
    *,
    actor: Actor,
    family_id: Any = None,
    plan_id: Any = None,
    obj: models.Model | None = None,
    outcome: str = "success",
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
            at=timezone.now(),
            event=kind.code,
            action=str(kind.action),
            outcome=outcome,
            user_id=actor.user_id,
            user_label=actor.label[:200],
            role=actor.role,
            organisation=actor.organisation[:200],
            family_id=family_id,
            plan_id=plan_id,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(getattr(obj, "public_id", None) or getattr(obj, "pk", "") or ""),
            part=part[:80],
            on_behalf_of=on_behalf_of[:200],
            ip_address=actor.ip_address,
            prev_hash=last or GENESIS,
        )
        entry.content_hash = content_hash(entry)
        entry.hash = chain_hash(entry.prev_hash, entry.content_hash)
        entry.save()
    return entry
