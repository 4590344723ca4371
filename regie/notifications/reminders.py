"""Which reminders are due (DESIGN.md §5 background work). Each finder yields one
`Reminder` per receiver, with a key that names the record, its relevant date and the
receiver, so the same reminder is never sent twice (`services.send_reminder`) while a
rescheduled evaluation gets a fresh one.

Receivers are only people active in the plan now (A7, R16 approval, A4 age 12+) who have a
login; the policy module decides that, as it does for the pages.

- evaluation_due (R19): scheduled within 7 days, not held; to the professionals and the
  coordinator.
- evaluation_overdue (R19): the date passed, not held; to the same people.
- late_notice_due (R15): from week 6 (14 days left), no late notice yet; to the referrers
  and the coordinator, with the prompt to tell the family.
- deadline_reached (R15): the decision deadline reached, still pending; to the same people.
- entry_waiting (R2): no reaction for more than 7 days; to the parents (not when a youth
  keeps the entry from them, A4) and the youth it is about, if they have a login.
- aftercare_contact (R20): a contact moment within 7 days; to its owner and the parents.
- action_due (R12): a network member's action due within 3 days; to that member.
- check_in (R12): 4 weeks after a decision (agreements) was made; to the family members
  with a login and the network.
- invitation_expiring (A6): an unused invitation expires within 2 days; to its sender.
"""

import datetime
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from regie.access import policy
from regie.accounts.models import Invitation, User
from regie.notifications.models import NotificationKind
from regie.notifications.services import Reminder
from regie.plans.models import (
    Action,
    ActionStatus,
    AftercareAgreement,
    AftercareKind,
    Application,
    ApplicationOutcome,
    Decision,
    Entry,
    Evaluation,
    Participant,
    Plan,
    PlanStatus,
    Role,
    Step,
)
from regie.plans.selectors import LATE_NOTICE_WARNING_DAYS

K = NotificationKind


class Team:
    """Everyone in a plan, fetched once per plan per run."""

    def __init__(self, day: datetime.date) -> None:
        self.day = day
        self._cache: dict[int, list[Participant]] = {}

    def of(self, plan: Plan) -> list[Participant]:
        if plan.pk not in self._cache:
            members = list(
                Participant.objects.filter(plan=plan, user__isnull=False).select_related(
                    "user", "person"
                )
            )
            for member in members:
                member.plan = plan
            self._cache[plan.pk] = [
                m
                for m in members
                if m.user is not None
                and m.user.is_active
                and policy.is_active_participant(m, self.day)
            ]
        return self._cache[plan.pk]

    def professionals_and_coordinator(self, plan: Plan) -> list[Participant]:
        return [m for m in self.of(plan) if m.is_professional or m.pk == plan.coordinator_id]

    def told_of_deadlines(self, plan: Plan) -> list[Participant]:
        return [m for m in self.of(plan) if policy.hears_of_deadlines(m, plan)]

    def parents(self, plan: Plan) -> list[Participant]:
        return [m for m in self.of(plan) if m.is_parent]

    def youth(self, plan: Plan, participant_id: int | None) -> list[Participant]:
        return [m for m in self.of(plan) if m.is_child and m.pk == participant_id]

    def family_and_network(self, plan: Plan) -> list[Participant]:
        return [m for m in self.of(plan) if m.is_family or m.is_network]

    def member(self, plan: Plan, participant_id: int | None) -> list[Participant]:
        return [m for m in self.of(plan) if m.pk == participant_id]


def _reminders(
    kind: NotificationKind, record_key: str, plan: Plan, receivers: Iterable[Participant], url: str
) -> Iterator[Reminder]:
    seen: set[int] = set()
    for participant in receivers:
        user: User | None = participant.user
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        yield Reminder(
            key=f"{kind.value}:{record_key}:{user.pk}",
            kind=kind,
            plan=plan,
            participant=participant,
            user=user,
            url=url,
        )


def _plan_url(plan: Plan, step: int | None = None) -> str:
    if step is None:
        return reverse("plan", args=[plan.public_id])
    return reverse("plan-step", args=[plan.public_id, step])


def evaluations(today: datetime.date, team: Team) -> Iterator[Reminder]:
    """R19: an evaluation within 7 days, and an overdue one."""
    soon = today + datetime.timedelta(days=settings.REGIE_REMINDER_EVALUATION_DAYS)
    pending = Evaluation.objects.filter(
        plan__status=PlanStatus.OPEN, held_on__isnull=True, scheduled_for__lte=soon
    ).select_related("plan__family")
    for evaluation in pending:
        plan = evaluation.plan
        kind = K.EVALUATION_OVERDUE if evaluation.scheduled_for < today else K.EVALUATION_DUE
        yield from _reminders(
            kind,
            f"{evaluation.public_id}:{evaluation.scheduled_for.isoformat()}",
            plan,
            team.professionals_and_coordinator(plan),
            _plan_url(plan, Step.EXECUTING),
        )


def applications(today: datetime.date, team: Team) -> Iterator[Reminder]:
    """R15: from week 6 the prompt to send the late notice; and the deadline itself."""
    warn_until = today + datetime.timedelta(days=LATE_NOTICE_WARNING_DAYS)
    pending = (
        Application.objects.filter(
            plan__status=PlanStatus.OPEN,
            outcome=ApplicationOutcome.PENDING,
            deadline__lte=warn_until,
        )
        .select_related("plan__family")
        .prefetch_related("late_notices")
    )
    for application in pending:
        plan = application.plan
        receivers = team.told_of_deadlines(plan)
        url = _plan_url(plan, Step.DECIDING)
        if application.deadline <= today:
            kind = K.DEADLINE_REACHED
        elif any(n.sent_on <= application.deadline for n in application.late_notices.all()):
            continue  # the family has been told; nothing to prompt
        else:
            kind = K.LATE_NOTICE_DUE
        yield from _reminders(
            kind, f"{application.public_id}:{application.deadline}", plan, receivers, url
        )


def entries_waiting(now: datetime.datetime, team: Team) -> Iterator[Reminder]:
    """R2: an entry the family has not reacted to for more than 7 days."""
    before = now - datetime.timedelta(days=settings.REGIE_REMINDER_ENTRY_DAYS)
    waiting = Entry.objects.filter(
        plan__status=PlanStatus.OPEN,
        withdrawn_at__isnull=True,
        reactions__isnull=True,
        created_at__lt=before,
    ).select_related("plan__family")
    for entry in waiting:
        plan = entry.plan
        # A4: what a youth keeps from the parents is not even announced to them.
        receivers = [] if entry.kept_from_parents_by_id else team.parents(plan)
        receivers += team.youth(plan, entry.about_id)
        yield from _reminders(
            K.ENTRY_WAITING, str(entry.public_id), plan, receivers, _plan_url(plan, entry.step)
        )


def aftercare(today: datetime.date, team: Team) -> Iterator[Reminder]:
    """R20: a follow-up contact moment within 7 days (plans are usually closed by then)."""
    soon = today + datetime.timedelta(days=settings.REGIE_REMINDER_AFTERCARE_DAYS)
    moments = AftercareAgreement.objects.filter(
        kind=AftercareKind.CONTACT_MOMENT,
        withdrawn_at__isnull=True,
        done_at__isnull=True,
        planned_on__gte=today,
        planned_on__lte=soon,
    ).select_related("plan__family")
    for moment in moments:
        plan = moment.plan
        receivers = team.member(plan, moment.owner_id) + team.parents(plan)
        yield from _reminders(
            K.AFTERCARE_CONTACT,
            f"{moment.public_id}:{moment.planned_on}",
            plan,
            receivers,
            _plan_url(plan),
        )


def network_actions(today: datetime.date, team: Team) -> Iterator[Reminder]:
    """R12: a network member's action coming due within 3 days."""
    soon = today + datetime.timedelta(days=settings.REGIE_REMINDER_ACTION_DAYS)
    due = Action.objects.filter(
        plan__status=PlanStatus.OPEN,
        status=ActionStatus.OPEN,
        owner__role=Role.NETWORK,
        due_on__gte=today,
        due_on__lte=soon,
    ).select_related("plan__family")
    for action in due:
        plan = action.plan
        yield from _reminders(
            K.ACTION_DUE,
            f"{action.public_id}:{action.due_on}",
            plan,
            team.member(plan, action.owner_id),
            _plan_url(plan),
        )


def check_ins(now: datetime.datetime, team: Team) -> Iterator[Reminder]:
    """R12: four weeks after agreements are made, a check-in with family and network.
    Decisions older than two weeks past that moment are left alone (no burst of stale
    check-ins when reminders are switched on)."""
    weeks = datetime.timedelta(weeks=settings.REGIE_REMINDER_CHECK_IN_WEEKS)
    decided = Decision.objects.filter(
        plan__status=PlanStatus.OPEN,
        created_at__lte=now - weeks,
        created_at__gt=now - weeks - datetime.timedelta(weeks=2),
    ).select_related("plan__family")
    for decision in decided:
        plan = decision.plan
        receivers = team.family_and_network(plan)
        yield from _reminders(K.CHECK_IN, str(decision.public_id), plan, receivers, _plan_url(plan))


def invitations(now: datetime.datetime, team: Team) -> Iterator[Reminder]:
    """A6: an unused invitation that expires within 2 days, to whoever sent it."""
    soon = now + datetime.timedelta(days=settings.REGIE_REMINDER_INVITATION_DAYS)
    expiring = Invitation.objects.filter(
        Q(used_at__isnull=True) & Q(revoked_at__isnull=True),
        participant__plan__status=PlanStatus.OPEN,
        expires_at__gt=now,
        expires_at__lte=soon,
    ).select_related("participant__plan__family", "created_by")
    for invitation in expiring:
        plan = invitation.participant.plan
        yield from _reminders(
            K.INVITATION_EXPIRING,
            str(invitation.public_id),
            plan,
            team.member(plan, invitation.created_by_id),
            _plan_url(plan, Step.INTRODUCTION),
        )


def due_reminders(now: datetime.datetime | None = None) -> Iterator[Reminder]:
    """Every reminder due at `now`, sent or not; `send_all` skips the sent ones."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    team = Team(today)
    yield from evaluations(today, team)
    yield from applications(today, team)
    yield from entries_waiting(now, team)
    yield from aftercare(today, team)
    yield from network_actions(today, team)
    yield from check_ins(now, team)
    yield from invitations(now, team)
