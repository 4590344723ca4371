"""What the indicators need from the plans, read in a fixed number of queries and without
any text a person wrote: dates, steps, choices, scores and counts (issue 15).

Each plan is placed in one cell per dimension, so the cells of a dimension split the plans
without overlap (what makes "total = sum of parts" hold for the suppression):
- organisation: the provider of the plan's latest decision about help, or none yet;
- type of help: from that decision: own strength and network only, youth care in kind, or
  a personal budget (pgb); none yet;
- framework: voluntary or compulsory;
- period: the quarter and year in which the plan was closed.

For the plans per step (regie.insight.steps) each plan's step moves are read too, with
the day of each move, to reconstruct the step at the end of every quarter.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from regie.plans.models import (
    PROFESSIONAL_ROLES,
    Application,
    ClosingVoice,
    Decision,
    FamilyGroupPlan,
    Funding,
    Goal,
    GoalScore,
    GroupPlanAnswer,
    Participant,
    Plan,
    PlanStatus,
    StepChange,
)

NO_PROVIDER = 0  # organisation key of plans without a decided provider


class HelpType:
    NONE = "none"
    OWN_STRENGTH = "own_strength"
    IN_KIND = "in_kind"
    PGB = "pgb"


@dataclass
class PlanFacts:
    plan_id: int
    family_id: int
    is_closed: bool
    step: int
    framework: str
    opened_on: datetime.date
    help_ended_on: datetime.date | None
    # The day the plan was closed (set by the service, never backdated): its period.
    closed_on: datetime.date | None
    ending: str
    follow_up_help: bool | None
    organisation: int
    help_type: str
    usefulness: list[int] = field(default_factory=list)
    going_on: list[str] = field(default_factory=list)
    goal_statuses: list[str] = field(default_factory=list)
    # Per goal with scores at two or more held evaluations: (first average, last average).
    goal_changes: list[tuple[float, float]] = field(default_factory=list)
    # Distinct professionals (logins) who took part, approved by the family (R16).
    professionals: int = 0
    # R11: a family group plan was offered; the family accepted and wrote one.
    group_plan_offered: bool = False
    group_plan_made: bool = False
    # R15: per decided application, (decided on, deadline).
    decisions: list[tuple[datetime.date, datetime.date]] = field(default_factory=list)
    # Every step move: (day, from step or None at the start, to step), oldest first.
    step_moves: list[tuple[datetime.date, int | None, int]] = field(default_factory=list)


def help_type_of(is_professional_help: bool | None, funding: str | None) -> str:
    if is_professional_help is None:
        return HelpType.NONE
    if not is_professional_help or funding == Funding.NONE:
        return HelpType.OWN_STRENGTH
    return HelpType.PGB if funding == Funding.PGB else HelpType.IN_KIND


def _plan_rows() -> QuerySet[Plan, tuple[Any, ...]]:
    """Per plan its own columns, its latest decision and its family group plan."""
    latest = Decision.objects.filter(plan=OuterRef("pk")).order_by("-created_at", "-id")
    group_plan = FamilyGroupPlan.objects.filter(plan=OuterRef("pk")).annotate(
        # Whether the family wrote a plan, as a boolean: the text itself is never read.
        made=ExpressionWrapper(
            Q(answer=GroupPlanAnswer.ACCEPTED) & ~Q(family_plan=""), output_field=BooleanField()
        )
    )
    return Plan.objects.annotate(
        provider=Subquery(latest.values("provider_id")[:1]),
        professional_help=Subquery(latest.values("option__is_professional_help")[:1]),
        funding=Subquery(latest.values("funding")[:1]),
        offered_on=Subquery(group_plan.values("offered_on")[:1]),
        group_plan_made=Subquery(group_plan.values("made")[:1]),
    ).values_list(
        "pk",
        "family_id",
        "status",
        "step",
        "framework",
        "opened_at",
        "help_ended_on",
        "closed_at",
        "help_ending",
        "follow_up_help",
        "provider",
        "professional_help",
        "funding",
        "offered_on",
        "group_plan_made",
    )


def read_facts() -> list[PlanFacts]:
    """One PlanFacts per plan (seven queries, whatever the number of plans)."""
    facts: dict[int, PlanFacts] = {}
    for (
        pk,
        family_id,
        status,
        step,
        framework,
        opened_at,
        ended_on,
        closed_at,
        ending,
        follow_up,
        provider,
        professional_help,
        funding,
        offered_on,
        group_plan_made,
    ) in _plan_rows():
        closed = status == PlanStatus.CLOSED
        closed_on = timezone.localdate(closed_at) if closed and closed_at is not None else None
        if closed and ended_on is None:
            ended_on = closed_on
        facts[pk] = PlanFacts(
            plan_id=pk,
            family_id=family_id,
            is_closed=closed,
            step=step,
            framework=framework,
            opened_on=timezone.localdate(opened_at),
            help_ended_on=ended_on if closed else None,
            closed_on=closed_on,
            ending=ending,
            follow_up_help=follow_up,
            organisation=provider or NO_PROVIDER,
            help_type=help_type_of(professional_help, funding),
            group_plan_offered=offered_on is not None,
            group_plan_made=bool(group_plan_made),
        )
    for plan_id, usefulness, going_on in ClosingVoice.objects.values_list(
        "plan_id", "usefulness", "going_on"
    ):
        if usefulness is not None:
            facts[plan_id].usefulness.append(usefulness)
        if going_on:
            facts[plan_id].going_on.append(going_on)
    for plan_id, status in Goal.objects.values_list("plan_id", "status"):
        facts[plan_id].goal_statuses.append(status)
    _read_goal_changes(facts)
    _read_process(facts)
    return list(facts.values())


def _read_process(facts: dict[int, PlanFacts]) -> None:
    """The process figures: who took part, the applications' terms and the step moves."""
    professionals = Participant.objects.filter(
        role__in=PROFESSIONAL_ROLES, approved_at__isnull=False, refused_at__isnull=True
    )
    # Distinct here, not in SQL: at 100,000 families PostgreSQL's parallel DISTINCT over
    # 256,000 rows took minutes on 2 cores; the plain rows come in under a second.
    counted: set[tuple[int, int | None]] = set()
    for seat in professionals.order_by().values_list("plan_id", "user_id"):
        if seat not in counted:
            counted.add(seat)
            facts[seat[0]].professionals += 1
    for plan_id, decided_on, deadline in Application.objects.filter(
        decided_on__isnull=False
    ).values_list("plan_id", "decided_on", "deadline"):
        assert decided_on is not None  # noqa: S101  # filtered on above
        facts[plan_id].decisions.append((decided_on, deadline))
    here = timezone.get_current_timezone()  # once, not per move: 170,000 at scale
    for plan_id, changed_at, from_step, to_step in StepChange.objects.order_by(
        "changed_at", "id"
    ).values_list("plan_id", "changed_at", "from_step", "to_step"):
        facts[plan_id].step_moves.append((changed_at.astimezone(here).date(), from_step, to_step))


def _read_goal_changes(facts: dict[int, PlanFacts]) -> None:
    """Indicator 3.3: per goal, the average score at its first and at its last held
    evaluation (everyone's scores at one evaluation averaged)."""
    per_goal: dict[tuple[int, int], list[tuple[datetime.date, float]]] = defaultdict(list)
    rows = (
        GoalScore.objects.filter(evaluation__held_on__isnull=False)
        .values("goal__plan_id", "goal_id", "evaluation_id", "evaluation__held_on")
        .annotate(average=Avg("score"))
        .values_list("goal__plan_id", "goal_id", "evaluation__held_on", "average")
    )
    for plan_id, goal_id, held_on, average in rows:
        assert held_on is not None  # noqa: S101  # filtered on above
        per_goal[(plan_id, goal_id)].append((held_on, float(average)))
    for (plan_id, _goal), scores in per_goal.items():
        if len(scores) >= 2:
            scores.sort()
            facts[plan_id].goal_changes.append((scores[0][1], scores[-1][1]))
