"""The plan overview: where the plan stands and what waits, as one person may see it."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, QuerySet

from regie.access.policy import Section
from regie.plans import workflow
from regie.plans.models import (
    Condition,
    Evaluation,
    Goal,
    Meeting,
    Participant,
    Plan,
    Step,
    StepChange,
)
from regie.plans.selectors import todo
from regie.plans.selectors.common import (
    DeadlineView,
    deadlines,
    evaluation_figures,
    kept_notes,
    pending_applications,
    team,
    visible_meetings,
)


@dataclass
class PlanOverview:
    plan: Plan
    steps: list[tuple[int, str, bool, bool]]
    info: workflow.StepInfo
    team: list[Participant]
    members: list[Participant]  # everyone with a role, ended ones too (`team`)
    coordinator: Participant | None
    conditions: list[Condition]
    goals: list[Goal]
    deadlines: list[DeadlineView]
    next_evaluation: Evaluation | None
    overdue_evaluations: list[Evaluation]
    next_evaluation_on: datetime.date | None
    overdue_count: int
    entries_waiting: int
    step_changes: list[StepChange]
    story: Any
    todo: todo.ToDo  # what waits for this person (issue 14)
    meetings: list[Meeting]
    kept_notes: list[str]
    problems: list[workflow.Problem]
    along: dict[str, Any]


def overview(
    plan: Plan,
    today: datetime.date,
    viewer: Participant,
    seen: frozenset[Section],
    *,
    movable: bool = False,
    rights: todo.ToDoRights | None = None,
    evaluation_rows: bool = True,
    along: dict[str, Any] | None = None,
) -> PlanOverview:
    """`seen`: the sections the request's viewer computed once (issue 13); `movable`:
    this person may move the plan on, so `problems` says what blocks its next step (R3);
    `rights`: what this person may do from their to-do list (issue 14);
    `evaluation_rows`: read the open evaluations, not only how many are late and the
    next date; `along`: annotations the page reads with them (the header's unread
    notifications), answered in `PlanOverview.along`. The figures (entries waiting,
    evaluations, the step checks, the to-do's) are read in one query."""
    rights = rights or todo.ToDoRights()
    figures = {**(along or {}), **(workflow.move_checks(plan) if movable else {})}
    figures.update(todo.figures(plan, today, viewer, seen, rights))
    if Section.EVALUATIONS in seen and not evaluation_rows:
        figures.update(evaluation_figures(today))
    lists = {**_short_lists(plan, today, viewer, seen), **todo.lists(plan, viewer, seen, rights)}
    figures.update({f"any_{name}": Exists(rows) for name, rows in lists.items()})
    known = workflow.read_facts(plan, figures)
    shown = {
        name: list(rows) if known[f"any_{name}"] else []
        for name, rows in lists.items()
        if name != "deadlines"  # read with their late notices below
    }
    members = team(plan)
    goals = list(todo.with_my_score(todo.active_goals_seen(plan, viewer, seen), viewer, known))
    coordinator = next((p for p in members if p.pk == plan.coordinator_id), None)
    evaluations = (
        list(Evaluation.objects.filter(plan=plan, held_on__isnull=True))
        if Section.EVALUATIONS in seen and evaluation_rows
        else []
    )
    upcoming = [e for e in evaluations if e.scheduled_for >= today]
    next_evaluation = min(upcoming, key=lambda e: e.scheduled_for, default=None)
    overdue = [e for e in evaluations if e.scheduled_for < today]
    return PlanOverview(
        plan=plan,
        steps=[
            (value, str(label), value == plan.step, value < plan.step)
            for value, label in Step.choices
        ],
        info=workflow.STEPS[plan.step],
        # A3: a network member sees who coordinates, not the whole team.
        team=members if Section.TEAM in seen else [m for m in members if m is coordinator],
        members=members,
        coordinator=coordinator,
        conditions=shown.get("conditions", []),
        goals=goals,
        deadlines=deadlines(plan, today) if known.get("any_deadlines") else [],
        next_evaluation=next_evaluation,
        overdue_evaluations=overdue,
        next_evaluation_on=known.get(
            "next_evaluation", next_evaluation.scheduled_for if next_evaluation else None
        ),
        overdue_count=known.get("overdue_evaluations", len(overdue)),
        entries_waiting=known.get("entries_waiting", 0),
        step_changes=list(
            StepChange.objects.filter(plan=plan)
            .select_related("changed_by__person", "changed_by__user")
            .order_by("-changed_at", "-id")[:10]
        )
        if Section.HISTORY in seen
        else [],
        story=plan.story,
        todo=todo.build(
            plan, viewer, seen, rights, known=known, shown=shown, members=members, goals=goals
        ),
        meetings=shown["meetings"],
        kept_notes=kept_notes(plan, viewer, today),
        problems=workflow.move_problems(plan, plan.step + 1, known) if movable else [],
        along={name: known[name] for name in along or {}},
    )


def _short_lists(
    plan: Plan,
    today: datetime.date,
    viewer: Participant,
    seen: frozenset[Section],
) -> dict[str, QuerySet[Any]]:
    """The short lists the page shows, each read only when the figures say it has rows:
    most plans have no meeting ahead, nothing waiting for this person."""
    lists: dict[str, QuerySet[Any]] = {
        "meetings": visible_meetings(plan, viewer).filter(planned_at__date__gte=today),
    }
    if Section.GOALS in seen:  # R9's conditions belong to the goals (A3, A3b)
        lists["conditions"] = Condition.objects.filter(plan=plan, withdrawn_at__isnull=True)
    if Section.DECISIONS in seen:
        lists["deadlines"] = pending_applications(plan)
    return lists
