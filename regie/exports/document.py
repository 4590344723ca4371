"""What the printed plan holds for one reader (issue 6, A2–A4). Everything is read through
the page selectors' rules with the reader as viewer, so the PDF never shows more than the
pages do:
a network member gets their own actions, the goals those serve and the meeting dates
(plus what the family shared with them); a parent never gets what a youth keeps."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regie.access.policy import Section
from regie.plans import scores, selectors, workflow
from regie.plans.models import (
    Action,
    Condition,
    Decision,
    Entry,
    Evaluation,
    Goal,
    GoalScore,
    Meeting,
    Participant,
    Plan,
    Wish,
)
from regie.plans.selectors.common import kept_notes, not_kept, with_author

GROUP_LABELS: dict[str, Promise] = {
    "child": _("kind of jongere"),
    "parents": _("ouders"),
    "professionals": _("hulpverleners"),
}
YOUTH_GROUP_LABELS: dict[str, Promise] = {
    "child": _("jij"),
    "parents": _("je ouders"),
    "professionals": _("hulpverleners"),
}


@dataclass
class GoalLine:
    goal: Goal
    order: int
    scores: dict[str, float]
    divergent: bool
    actions: list[Action]


@dataclass
class PlanDocument:
    """The plan as one reader may see it, ready for a template."""

    plan: Plan
    viewer: Participant
    today: datetime.date
    seen: frozenset[Section]
    step_info: workflow.StepInfo
    wishes: list[Wish]
    goals: list[GoalLine]
    scored_on: datetime.date | None
    actions_without_goal: list[Action]
    decisions: list[Decision]
    entries: list[Entry]  # R2: the current text, with its earlier versions after it
    deadlines: list[selectors.DeadlineView]
    next_evaluation: Evaluation | None
    overdue_evaluations: list[Evaluation]
    conditions: list[Condition]
    team: list[Participant]
    coordinator: Participant | None
    meetings: list[Meeting]
    kept_notes: list[str]
    shows: dict[str, bool] = field(default_factory=dict)

    @property
    def is_network_view(self) -> bool:
        return self.viewer.is_network


@dataclass(frozen=True)
class PlanReads:
    """The records the printed plan is made of, each list read once in one query (issue
    13): the data export reuses them for its own records instead of reading them again.
    Lists of a part this person does not see are empty."""

    seen: frozenset[Section]
    team: list[Participant]
    kept_notes: list[str]
    wishes: list[Wish]  # with the withdrawn ones, as the request step lists them
    entries: list[Entry]
    goals: list[Goal]  # by priority
    conditions: list[Condition]  # with the withdrawn ones
    actions: list[Action]
    evaluations: list[Evaluation]  # with their scores
    decisions: list[Decision]
    deadlines: list[selectors.DeadlineView]
    meetings: list[Meeting]  # past and coming


def plan_actions(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> list[Action]:
    """The actions `viewer` sees, with their goal and owner (A3: a network member's own)."""
    return list(
        with_author(selectors.visible_actions(plan, viewer, seen)).select_related(
            "goal", "owner__person", "owner__user"
        )
    )


def scored_evaluations(plan: Plan, seen: frozenset[Section]) -> list[Evaluation]:
    """The evaluations with the scores given in them, for those who see them."""
    if Section.EVALUATIONS not in seen:
        return []
    given = GoalScore.objects.select_related("participant__person", "participant__user")
    return list(
        with_author(Evaluation.objects.filter(plan=plan)).prefetch_related(
            Prefetch("scores", queryset=given)
        )
    )


def latest_scores(
    evaluations: list[Evaluation], goals: list[Goal]
) -> tuple[Evaluation | None, dict[int, scores.GoalScores]]:
    """R19: the last held evaluation, and per goal the scores given in it."""
    held = [evaluation for evaluation in evaluations if evaluation.held_on is not None]
    latest = max(held, key=lambda evaluation: (evaluation.held_on, evaluation.pk), default=None)
    if latest is None:
        return None, {}
    return latest, {row.goal.pk: row for row in scores.scores_per_goal(latest, goals)}


def read_plan(
    plan: Plan,
    viewer: Participant,
    today: datetime.date,
    seen: frozenset[Section],
    *,
    youth: bool = False,
) -> PlanReads:
    """What `viewer` may see of the parts the printed plan shows, through the page
    selectors' visibility rules (A3, A3b, A4). The youth version prints no entries, so
    for it they are not read."""
    return PlanReads(
        seen=seen,
        team=selectors.team(plan),
        kept_notes=kept_notes(plan, viewer, today),
        wishes=list(
            with_author(not_kept(Wish.objects.filter(plan=plan), viewer)).select_related(
                "participant__person", "participant__user"
            )
        )
        if Section.WISHES in seen
        else [],
        entries=[] if youth else selectors.entries(plan, viewer, seen),
        goals=list(with_author(selectors.visible_goals(plan, viewer, seen))),
        conditions=list(with_author(Condition.objects.filter(plan=plan)))
        if Section.GOALS in seen
        else [],
        actions=plan_actions(plan, viewer, seen),
        evaluations=scored_evaluations(plan, seen),
        decisions=list(
            with_author(Decision.objects.filter(plan=plan)).select_related(
                "option", "provider", "provider_chosen_by__person", "provider_chosen_by__user"
            )
        )
        if Section.DECISIONS in seen
        else [],
        deadlines=selectors.deadlines(plan, today) if Section.DECISIONS in seen else [],
        meetings=list(with_author(selectors.visible_meetings(plan, viewer))),
    )


def plan_document(
    plan: Plan, viewer: Participant, today: datetime.date, reads: PlanReads
) -> PlanDocument:
    """The printed plan for `viewer`, made of what `read_plan` read."""
    seen = reads.seen
    actions = reads.actions
    latest, scored = latest_scores(reads.evaluations, reads.goals)
    goals = []
    for order, goal in enumerate(reads.goals, start=1):
        row = scored.get(goal.pk)
        goals.append(
            GoalLine(
                goal=goal,
                order=order,
                scores=dict(row.by_group) if row else {},
                divergent=row.divergent if row else False,
                actions=[action for action in actions if action.goal_id == goal.pk],
            )
        )
    goal_ids = {line.goal.pk for line in goals}
    coordinator = next((p for p in reads.team if p.pk == plan.coordinator_id), None)
    waiting = [e for e in reads.evaluations if e.held_on is None]
    upcoming = [e for e in waiting if e.scheduled_for >= today]
    return PlanDocument(
        plan=plan,
        viewer=viewer,
        today=today,
        seen=seen,
        step_info=workflow.STEPS[plan.step],
        wishes=[wish for wish in reads.wishes if not wish.is_withdrawn],
        goals=goals,
        scored_on=latest.held_on if latest else None,
        actions_without_goal=[a for a in actions if a.goal_id not in goal_ids],
        decisions=reads.decisions,
        entries=[entry for entry in reads.entries if not entry.is_withdrawn],
        deadlines=reads.deadlines,
        next_evaluation=min(upcoming, key=lambda e: e.scheduled_for, default=None),
        overdue_evaluations=[e for e in waiting if e.scheduled_for < today],
        conditions=[c for c in reads.conditions if c.withdrawn_at is None],
        # A3: a network member sees who coordinates, not the whole team.
        team=reads.team if Section.TEAM in seen else [m for m in reads.team if m is coordinator],
        coordinator=coordinator,
        meetings=[m for m in reads.meetings if timezone.localtime(m.planned_at).date() >= today],
        kept_notes=reads.kept_notes,
        shows={
            "wishes": Section.WISHES in seen,
            "decisions": Section.DECISIONS in seen,
            "evaluations": Section.EVALUATIONS in seen,
            "team": Section.TEAM in seen,
            # R9: the framework's conditions go with the goals (A3, A3b).
            "framework": plan.is_compulsory and Section.GOALS in seen,
        },
    )
