"""What every view that reads a plan does with the request: find the plan through the
policy (404 for outsiders, A1) and write the read's access-log row (A5)."""

import datetime
import uuid
from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from regie.access import policy
from regie.access.events import Event, EventKind, Outcome
from regie.access.log import record
from regie.plans.models import Participant, Plan

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plan_for(request: HttpRequest, plan_id: uuid.UUID) -> policy.Viewer:
    return policy.plan_for(
        request.user,  # type: ignore[arg-type]
        plan_id,
        ip_address=request.META.get("REMOTE_ADDR"),
    )


def log_read(
    request: HttpRequest,
    plan: Plan,
    me: Participant,
    kind: EventKind,
    *,
    part: str = "",
    outcome: str = Outcome.SUCCESS,
) -> None:
    record(
        kind,
        actor=policy.actor_of(me, request.META.get("REMOTE_ADDR")),
        family_id=plan.family.public_id,
        plan_id=plan.public_id,
        obj=plan,
        part=part,
        outcome=outcome,
    )


def refuse(request: HttpRequest, plan: Plan, me: Participant, part: str, message: str) -> NoReturn:
    """Someone in the plan asked for a part they may not have: log it, answer 403."""
    log_read(request, plan, me, Event.PLAN_ACCESS_REFUSED, part=part, outcome=Outcome.REFUSED)
    raise PermissionDenied(message)


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text
