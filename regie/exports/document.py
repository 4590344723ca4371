"""What the printed plan holds for one reader (issue 6, A2–A4). Everything comes from the
page selectors with the reader as viewer, so the PDF never shows more than the pages do:
a network member gets their own actions, the goals those serve and the meeting dates
(plus what the family shared with them); a parent never gets what a youth keeps."""

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regie.access import policy
from regie.access.policy import Section
from regie.plans import scores, selectors, workflow
from regie.plans.models import (
    Action,
    Condition,
    Decision,
    Entry,
    Evaluation,
    Goal,
    Meeting,
    Participant,
    Plan,
    Wish,
)

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


def _latest_held(
    evaluations: list[tuple[Evaluation, list[scores.GoalScores]]],
) -> tuple[Evaluation, list[scores.GoalScores]] | None:
    held = [pair for pair in evaluations if pair[0].held_on is not None]
    return max(held, key=lambda pair: (pair[0].held_on, pair[0].pk), default=None)


def plan_document(plan: Plan, viewer: Participant, today: datetime.date) -> PlanDocument:
    """Gather the printed plan for `viewer` through the page selectors."""
    seen = policy.sections(viewer)
    page = selectors.overview(plan, today, viewer, seen)
    executing = selectors.executing_data(plan, today, viewer, seen)
    wishes: list[Wish] = []
    if Section.WISHES in seen:
        request = selectors.request_data(plan, today, viewer, seen)
        wishes = [wish for wish in request.wishes if not wish.is_withdrawn]
    decisions: list[Decision] = []
    if Section.DECISIONS in seen:
        decisions = selectors.deciding_data(plan, today, viewer, seen).decisions

    actions = executing.actions
    latest = _latest_held(executing.evaluations) if Section.EVALUATIONS in seen else None
    scores = {item.goal.pk: item for item in latest[1]} if latest else {}
    goals = []
    for order, goal in enumerate(executing.goals, start=1):
        scored = scores.get(goal.pk)
        goals.append(
            GoalLine(
                goal=goal,
                order=order,
                scores=dict(scored.by_group) if scored else {},
                divergent=scored.divergent if scored else False,
                actions=[action for action in actions if action.goal_id == goal.pk],
            )
        )
    goal_ids = {line.goal.pk for line in goals}
    return PlanDocument(
        plan=plan,
        viewer=viewer,
        today=today,
        seen=seen,
        step_info=page.info,
        wishes=wishes,
        goals=goals,
        scored_on=latest[0].held_on if latest else None,
        actions_without_goal=[a for a in actions if a.goal_id not in goal_ids],
        decisions=decisions,
        entries=[
            entry for entry in selectors.entries(plan, viewer, seen) if not entry.is_withdrawn
        ],
        deadlines=page.deadlines,
        next_evaluation=page.next_evaluation,
        overdue_evaluations=page.overdue_evaluations,
        conditions=page.conditions,
        team=page.team,
        coordinator=page.coordinator,
        meetings=page.meetings,
        kept_notes=page.kept_notes,
        shows={
            "wishes": Section.WISHES in seen,
            "decisions": Section.DECISIONS in seen,
            "evaluations": Section.EVALUATIONS in seen,
            "team": Section.TEAM in seen,
            # R9: the framework's conditions go with the goals (A3, A3b).
            "framework": plan.is_compulsory and Section.GOALS in seen,
        },
    )
