"""A8 retention: a closed plan is kept a fixed term after help ended, then purged; parents
and youths of 12+ may ask for earlier destruction, which a professional handles.

A purge removes the plan from every table. The access log keeps the fact (which plan, when,
why, who handled the request) but none of the content: the plan's own log rows become
tombstones whose hashes keep the chain verifiable."""

import datetime
import uuid

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import log as access_log
from regie.access import policy
from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.core.errors import RuleViolation
from regie.families.models import Family, Person
from regie.plans.models import (
    FAMILY_ROLES,
    NETWORK_ROLES,
    DestructionRequest,
    DestructionStatus,
    Participant,
    Plan,
    PlanStatus,
)
from regie.plans.services.common import lock_plan, log

# Who purges: the system itself, never a person (the log row names no one).
SYSTEM_ACTOR = access_log.Actor(user_id=None, label="Regie")

# Why a plan was purged, as the log row's `part`: a fixed phrase, never free text.
WHY_TERM_EXPIRED = "bewaartermijn verstreken"
WHY_REQUEST_GRANTED = "verzoek om vernietiging toegekend"


def retention_years() -> int:
    return int(getattr(settings, "REGIE_RETENTION_YEARS", 20))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` moved `years` years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def kept_until(plan: Plan) -> datetime.date | None:
    """The last day a closed plan is kept (A8), or None while it is open."""
    ended = plan.help_end_date
    return add_years(ended, retention_years()) if ended is not None else None


# ---- Early destruction on request ------------------------------------------------------


def pending_request(plan: Plan) -> DestructionRequest | None:
    return (
        DestructionRequest.objects.filter(plan=plan, status=DestructionStatus.REQUESTED)
        .order_by("id")
        .first()
    )


@transaction.atomic
def request_destruction(*, actor: Participant, plan: Plan, reason: str) -> DestructionRequest:
    """A8: a parent or a youth of 12+ asks for the plan to be destroyed before its term."""
    if not policy.may_request_destruction(actor, plan):
        raise policy.NotAllowed(
            _("Alleen een ouder of een jongere van 12 jaar of ouder kan dit vragen.")
        )
    lock_plan(plan)
    if pending_request(plan) is not None:
        raise RuleViolation(
            "A8",
            _("Er is al een verzoek om vernietiging. Wacht tot een hulpverlener het afhandelt."),
        )
    request = DestructionRequest.objects.create(plan=plan, created_by=actor, reason=reason.strip())
    log(Event.DESTRUCTION_REQUESTED, actor=actor, plan=plan, obj=request)
    return request


@transaction.atomic
def handle_destruction_request(
    *, actor: Participant, request: DestructionRequest, grant: bool, reason: str
) -> DestructionRequest:
    """A8: a professional in the plan grants (the plan is destroyed at once) or refuses
    with a reason the family reads. The log keeps the fact, not the content."""
    plan = request.plan
    if not policy.may_handle_destruction(actor, plan):
        raise policy.NotAllowed(_("Alleen een hulpverlener in dit plan handelt dit verzoek af."))
    lock_plan(plan)
    request = DestructionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DestructionStatus.REQUESTED:
        raise RuleViolation("A8", _("Dit verzoek is al afgehandeld."))
    reason = reason.strip()
    if not grant and not reason:
        raise RuleViolation(
            "A8", _("Schrijf op waarom het plan (nog) niet vernietigd wordt."), field="reason"
        )
    request.status = DestructionStatus.GRANTED if grant else DestructionStatus.REFUSED
    request.handled_by = actor
    request.handled_at = timezone.now()
    request.handling_reason = reason
    request.save(update_fields=["status", "handled_by", "handled_at", "handling_reason"])
    if not grant:
        log(Event.DESTRUCTION_REFUSED, actor=actor, plan=plan, obj=request)
        return request
    handler = policy.actor_of(actor)
    plan_id, family_id = _erase(plan, why=WHY_REQUEST_GRANTED)
    # Written after the tombstones, so who granted it stays readable; no family content.
    access_log.record(
        Event.DESTRUCTION_GRANTED,
        actor=handler,
        family_id=family_id,
        plan_id=plan_id,
        obj=request,
    )
    return request


# ---- Purging ----------------------------------------------------------------------------


@transaction.atomic
def purge_plan(plan: Plan, *, why: str) -> None:
    """Remove the plan from every table, the family too when it has no other plan, and the
    logins of family and network members who belong nowhere else. The plan's log rows become
    tombstones of one new row that records that the plan was purged and why."""
    _erase(plan, why=why)


def expired_plans(today: datetime.date) -> QuerySet[Plan]:
    """Closed plans whose help ended more than the retention term before `today`: on the
    last day of the term a plan is still kept, the day after it goes."""
    years = retention_years()
    # Superset in SQL (a plan past its term ended on or before this day), exact in Python.
    bound = add_years(today, -years)
    candidates = Plan.objects.filter(status=PlanStatus.CLOSED).filter(
        Q(help_ended_on__lte=bound)
        | Q(help_ended_on__isnull=True, closed_at__isnull=False, closed_at__date__lte=bound)
    )
    expired = [
        plan.pk
        for plan in candidates.only("pk", "status", "help_ended_on", "closed_at")
        if (until := kept_until(plan)) is not None and until < today
    ]
    return Plan.objects.filter(pk__in=expired).order_by("help_ended_on", "pk")


def purge_expired_plans(today: datetime.date | None = None) -> int:
    """Purge every plan past its term, each in its own transaction; return how many."""
    today = today or timezone.localdate()
    purged = 0
    for plan in list(expired_plans(today)):
        purge_plan(plan, why=WHY_TERM_EXPIRED)
        purged += 1
    return purged


def _erase(plan: Plan, *, why: str) -> tuple[uuid.UUID, uuid.UUID | None]:
    """Delete the plan and what hangs off it; record the purge and make its log rows
    tombstones of that record. Returns the plan's public id and the family's when the
    family remains (for the rows written after)."""
    plan = Plan.objects.select_for_update().select_related("family").get(pk=plan.pk)
    family = plan.family
    plan_id = plan.public_id
    family_goes = not Plan.objects.filter(family=family).exclude(pk=plan.pk).exists()

    # Logins of family and network members of this plan (and of the family, when it goes).
    user_ids = set(
        Participant.objects.filter(
            plan=plan, role__in=FAMILY_ROLES | NETWORK_ROLES, user__isnull=False
        ).values_list("user_id", flat=True)
    )
    if family_goes:
        user_ids |= set(
            Person.objects.filter(family=family, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )

    # The plan cascades to its participants, every record, revision, step change and
    # invitation; authorship (RESTRICT) points inside the same cascade, so it is allowed.
    plan.delete()
    if family_goes:
        Family.objects.filter(pk=family.pk).delete()  # persons and relations cascade

    # A login goes with the plan unless it belongs to a professional or staff member, or
    # still takes part in another plan or belongs to a person of another family.
    leaving = (
        User.objects.filter(
            pk__in=user_ids,
            organisation__isnull=True,
            is_functional_admin=False,
            is_privacy_officer=False,
            is_staff=False,
            is_superuser=False,
        )
        .exclude(participations__isnull=False)
        .exclude(person__isnull=False)
    )
    leaving_ids = list(leaving.values_list("pk", flat=True))
    usernames = list(leaving.values_list("username", flat=True))
    leaving.delete()  # second-factor devices and recovery codes cascade
    _forget_login_attempts(usernames)

    family_id = None if family_goes else family.public_id
    purge = _log_purged(plan, plan_id=plan_id, family_id=family_id, why=why)
    # Their account rows (logins, second factor) name no one after this.
    access_log.tombstone_account_rows(purge, leaving_ids)
    access_log.tombstone_plan_rows(purge, plan_id)
    return plan_id, family_id


def _forget_login_attempts(usernames: list[str]) -> None:
    """django-axes keeps failed logins by username and address; an account that is gone
    leaves none behind (Regie's own access log keeps the fact of each login)."""
    if not usernames or not apps.is_installed("axes"):
        return
    for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
        apps.get_model("axes", name)._default_manager.filter(username__in=usernames).delete()


def _log_purged(
    plan: Plan, *, plan_id: uuid.UUID, family_id: uuid.UUID | None, why: str
) -> AccessLogEntry:
    """The one row that says the plan was purged: its id, when and why, no names. Its
    tombstones point to it (A8)."""
    return access_log.record(
        Event.PLAN_PURGED,
        actor=SYSTEM_ACTOR,
        family_id=family_id,
        plan_id=plan_id,
        obj=plan,
        part=why,
    )
