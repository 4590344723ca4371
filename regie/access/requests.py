"""What every view that reads a plan does with the request: find the plan through the
policy (404 for outsiders, A1) and write the read's access-log row (A5)."""

import datetime
import enum
import ipaddress
import uuid
from collections.abc import Iterable
from typing import Literal, NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from regie.access import policy
from regie.access.events import Event, EventKind, Outcome
from regie.access.log import new_entry, record_all
from regie.access.models import AccessLogEntry
from regie.access.refusals import check_throttle
from regie.plans.models import Participant

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Default(enum.Enum):
    """The object a read row names unless the caller names another (or none): the plan."""

    PLAN = enum.auto()


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, for the access log (A5) and the login lockout (A6, django-axes
    calls this too); None when unknown. Without trusted proxies REMOTE_ADDR; behind N of
    them, the N-th address from the right in their header, which they append to. A header
    with fewer hops or no valid address there did not pass through them: REMOTE_ADDR."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    count: int = settings.REGIE_TRUSTED_PROXY_COUNT
    if count == 0:
        return remote
    hops = str(request.META.get(settings.REGIE_TRUSTED_PROXY_HEADER, "")).split(",")
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count].strip()))
    except ValueError:
        return remote


def plan_for(request: HttpRequest, plan_id: uuid.UUID) -> policy.Viewer:
    return policy.plan_for(
        request.user,  # type: ignore[arg-type]
        plan_id,
        ip_address=client_ip(request),
    )


def log_read(
    viewer: policy.Viewer,
    kind: EventKind,
    address: str | None,
    *,
    part: str = "",
    outcome: Outcome = Outcome.SUCCESS,
    obj: models.Model | Literal[_Default.PLAN] | None = _Default.PLAN,
) -> None:
    """A5: the one row for a read of plan data (web page, download, API call, the family's
    log), in the role the person acts in. `obj` is the plan unless the caller says what
    else was read, or None for a search."""
    plan = viewer.plan
    record_all(
        [
            _read(
                viewer.participant,
                kind,
                address,
                part,
                outcome,
                plan if obj is _Default.PLAN else obj,
            )
        ]
    )


def log_reads(
    participants: Iterable[Participant], kind: EventKind, address: str | None, *, part: str = ""
) -> None:
    """A5: `log_read` of several plans on one page, a row for each, in one INSERT."""
    record_all([_read(me, kind, address, part, Outcome.SUCCESS, me.plan) for me in participants])


def _read(
    participant: Participant,
    kind: EventKind,
    address: str | None,
    part: str,
    outcome: Outcome,
    obj: models.Model | None,
) -> AccessLogEntry:
    plan = participant.plan
    return new_entry(
        kind,
        actor=policy.actor_of(participant, address),
        family_id=plan.family.public_id,
        plan_id=plan.public_id,
        obj=obj,
        part=part,
        outcome=outcome,
    )


def refuse(request: HttpRequest, viewer: policy.Viewer, part: str, message: str) -> NoReturn:
    """Someone in the plan asked for a part they may not have: log it, answer 403; after
    too many refusals in a short time, 429 and no further row in the family's log."""
    address = client_ip(request)
    check_throttle(policy.actor_of(viewer.participant, address), requested=part)
    log_read(viewer, Event.PLAN_ACCESS_REFUSED, address, part=part, outcome=Outcome.REFUSED)
    raise PermissionDenied(message)


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text
