"""Refused attempts on plans (A1, A5). Every refusal is one access-log row: the privacy
officer sees who, from where; the family sees that someone outside the plan was refused,
never who. A person refused too often in a short time gets 429 before their attempts
flood a family's log.

The count comes from the access log itself, which every process shares (the cache is
local to one process). Its index on (user_id, at) keeps the count one cheap query."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone

from regie.access.events import Event, Outcome
from regie.access.log import Actor, record
from regie.access.models import AccessLogEntry
from regie.plans.models import Plan

# The refusals the throttle counts; login failures have their own throttle (A6).
COUNTED = (Event.PLAN_ACCESS_REFUSED.code, Event.OUTSIDER_REFUSED.code)


class TooManyRefusals(PermissionDenied):
    """Answered with 429 (the web middleware, the API's problem handler). A subclass of
    PermissionDenied so that an entry point that forgets it still answers 403, never 500."""

    def __init__(self, minutes: int) -> None:
        super().__init__(f"Too many refused attempts; wait {minutes} minutes.")
        self.minutes = minutes

    @property
    def retry_after(self) -> int:
        """Seconds, for the Retry-After header: the window, the longest possible wait."""
        return self.minutes * 60


def window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.REGIE_REFUSALS_WINDOW_MINUTES)


def check_throttle(actor: Actor, *, requested: str = "") -> None:
    """Raise TooManyRefusals when the actor was refused REGIE_REFUSALS_PER_WINDOW times in
    the window. The first throttled attempt writes one row, of no plan, with what was
    asked in `part`; later ones in the same window write nothing."""
    if actor.user_id is None:
        return
    counts = AccessLogEntry.objects.filter(
        user_id=actor.user_id,
        at__gte=timezone.now() - window(),
        event__in=(*COUNTED, Event.REFUSALS_THROTTLED.code),
    ).aggregate(
        refused=Count("id", filter=Q(event__in=COUNTED)),
        throttled=Count("id", filter=Q(event=Event.REFUSALS_THROTTLED.code)),
    )
    if counts["refused"] < settings.REGIE_REFUSALS_PER_WINDOW:
        return
    if not counts["throttled"]:
        record(Event.REFUSALS_THROTTLED, actor=actor, part=requested, outcome=Outcome.REFUSED)
    raise TooManyRefusals(settings.REGIE_REFUSALS_WINDOW_MINUTES)


def refuse_outsider(actor: Actor, plan: Plan | None, requested: uuid.UUID | str) -> None:
    """Log that someone outside the plan was refused it (A1, A5), or refused a plan id
    that does not exist: the same work either way, so the answer's timing does not tell
    which ids exist. A plan that exists gets the row in its family's log; a missing one
    keeps the requested id in `part`, for the privacy officer."""
    check_throttle(actor, requested=f"plan {requested}")
    record(
        Event.OUTSIDER_REFUSED,
        actor=actor,
        family_id=plan.family.public_id if plan is not None else None,
        plan_id=plan.public_id if plan is not None else None,
        part="" if plan is not None else f"plan {requested}",
        outcome=Outcome.REFUSED,
    )
