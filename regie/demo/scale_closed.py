"""Closed plans at scale (issue 15): for `regie.demo.scale`, an earlier plan of a family that
ran through all eight steps and closed in the past two years, so the outcome indicators
can be measured on 100,000 families.

Like the rest of `seed_scale` this writes plain rows past the services (see that module
for why that is acceptable only for invented data in a scratch database). What it writes
is what the services leave when a plan closes: a decision with a provider and its
funding, the application and its decision (now and then after the 8-week term), the
family group plan offer, two held evaluations with the parents' scores, each goal reached
or stopped, the family's voice at the end, how the help ended and whether follow-up help
starts."""

from __future__ import annotations

import datetime
import random
import uuid
from typing import Any, Protocol

from django.db.models import Model

from regie.catalog.models import LifeDomainSet
from regie.demo import history_text as words
from regie.demo import scale_text as text
from regie.demo.dates import moment
from regie.demo.scale_rows import Rows
from regie.plans.models import (
    DROP_OUT_ENDINGS,
    Application,
    ApplicationOutcome,
    ClosingVoice,
    Decision,
    Evaluation,
    EvaluationOutcome,
    FamilyGroupPlan,
    Framework,
    Funding,
    Goal,
    GoalScore,
    GoalStatus,
    GoalTerm,
    GoingOn,
    GroupPlanAnswer,
    HelpEnding,
    HelpOption,
    LegalMeasure,
    Participant,
    Plan,
    PlanStatus,
    Role,
    Step,
    StepChange,
)
from regie.plans.services.help import decision_deadline


class Seeder(Protocol):
    """What of `regie.demo.scale.Seeder` the closed plans use."""

    rng: random.Random
    rows: Rows
    today: datetime.date
    domain_set: LifeDomainSet

    def uuid(self) -> uuid.UUID: ...

    def professional(self, role: str) -> tuple[int, int]: ...


CLOSED_SHARE = 0.3  # families that had an earlier plan, closed in the past two years
OLDEST = 730  # days before today


def add_closed_plan(
    seeder: Seeder, family: int, parents: list[int], before: datetime.date, compulsory: bool
) -> bool:
    """A closed plan of `family` with the persons `parents`, closed at least a month
    before the family's open plan opened on `before` (R1: one open plan at a time);
    False when that leaves no day in the past two years."""
    rng, rows = seeder.rng, seeder.rows
    latest = min(seeder.today - datetime.timedelta(days=20), before - datetime.timedelta(days=30))
    oldest = seeder.today - datetime.timedelta(days=OLDEST)
    if latest <= oldest:
        return False
    closed_on = oldest + datetime.timedelta(days=rng.randint(0, (latest - oldest).days))
    opened = closed_on - datetime.timedelta(days=rng.randint(190, 300))
    plan = rows.new_id(Plan)
    seated = [_seat(seeder, plan, opened, Role.PARENT, person=person) for person in parents]
    coordinator_role = Role.CHILD_PROTECTION if compulsory else Role.REFERRER
    coordinator, _organisation = seeder.professional(coordinator_role)
    helper, provider = seeder.professional(Role.CARE_PROFESSIONAL)
    lead = _seat(seeder, plan, opened, coordinator_role, user=coordinator)
    _seat(seeder, plan, opened, Role.CARE_PROFESSIONAL, user=helper, organisation=provider)
    ending = rng.choices(list(HelpEnding), weights=(72, 10, 5, 5, 8))[0]
    good = ending not in DROP_OUT_ENDINGS
    rows.add(
        Plan,
        id=plan,
        public_id=seeder.uuid(),
        family_id=family,
        step=Step.CLOSING,
        status=PlanStatus.CLOSED,
        framework=Framework.COMPULSORY if compulsory else Framework.VOLUNTARY,
        legal_measure=LegalMeasure.SUPERVISION_ORDER if compulsory else "",
        domain_set_id=seeder.domain_set.pk,
        coordinator_id=lead,
        opened_at=moment(opened, 9),
        closed_at=moment(closed_on, 15),
        help_ended_on=closed_on,
        closing_summary=words.SUMMARY,
        help_ending=ending,
        follow_up_help=None if rng.random() < 0.05 else rng.random() < (0.15 if good else 0.5),
    )
    for step in range(Step.INTRODUCTION, Step.CLOSING + 1):
        at = moment(opened + datetime.timedelta(days=(step - 1) * 14), 10)
        rows.add(
            StepChange,
            plan_id=plan,
            from_step=step - 1 or None,
            to_step=step,
            changed_by_id=lead,
            changed_at=at,
        )
    _decide(seeder, plan, opened, lead, seated[0], provider)
    goals = _goals(seeder, plan, opened, seated[0], compulsory, good)
    _evaluate(seeder, plan, opened, closed_on, lead, seated, goals)
    for parent in seated:
        _record(
            seeder,
            ClosingVoice,
            plan,
            parent,
            moment(closed_on, 11),
            usefulness=rng.randint(6, 10) if good else rng.randint(2, 7),
            going_on=rng.choices(list(GoingOn), weights=(55, 35, 10) if good else (15, 35, 50))[0],
        )
    return True


def _record(
    seeder: Seeder, model: type[Model], plan: int, by: int, at: datetime.datetime, **values: Any
) -> int:
    """A row of something written in the plan (PlanRecord): by whom and when."""
    return seeder.rows.add(
        model, public_id=seeder.uuid(), plan_id=plan, created_by_id=by, created_at=at, **values
    )


def _seat(
    seeder: Seeder,
    plan: int,
    opened: datetime.date,
    role: str,
    *,
    person: int | None = None,
    user: int | None = None,
    organisation: int | None = None,
) -> int:
    joined = moment(opened, 9)
    professional = person is None
    return seeder.rows.add(
        Participant,
        public_id=seeder.uuid(),
        plan_id=plan,
        role=role,
        person_id=person,
        user_id=user,
        organisation_id=organisation,
        starts_on=opened,
        approved_at=joined if professional else None,
        story_read_at=joined if professional else None,
        created_at=joined,
    )


def _decide(
    seeder: Seeder, plan: int, opened: datetime.date, lead: int, parent: int, provider: int
) -> None:
    """Step 5 and 6: the family group plan offer, the decision with the provider the
    parent chose, and the application, decided within the term nine times in ten."""
    rng = seeder.rng
    offered = opened + datetime.timedelta(days=28)
    answer = rng.choices((GroupPlanAnswer.ACCEPTED, GroupPlanAnswer.DECLINED), (1, 3))[0]
    _record(
        seeder,
        FamilyGroupPlan,
        plan,
        lead,
        moment(offered, 10),
        offered_on=offered,
        pgb_informed_on=offered,
        answer=answer,
        answer_reason="" if answer == GroupPlanAnswer.ACCEPTED else words.DECLINED,
    )
    decided = moment(opened + datetime.timedelta(days=42), 11)
    title, _code = rng.choice(words.HELP)
    option = _record(
        seeder,
        HelpOption,
        plan,
        lead,
        decided,
        title=title,
        pros=words.PROS,
        cons=words.CONS,
    )
    decision = _record(
        seeder,
        Decision,
        plan,
        lead,
        decided,
        option_id=option,
        rationale=words.RATIONALE,
        provider_id=provider,
        provider_chosen_by_id=parent,
        aftercare=words.AFTERCARE,
        funding=rng.choices((Funding.IN_KIND, Funding.PGB), (3, 1))[0],
    )
    submitted = decided.date()
    waited = rng.randint(57, 70) if rng.random() < 0.1 else rng.randint(14, 50)
    _record(
        seeder,
        Application,
        plan,
        lead,
        decided,
        decision_id=decision,
        submitted_on=submitted,
        deadline=decision_deadline(submitted),
        outcome=ApplicationOutcome.GRANTED,
        decided_on=submitted + datetime.timedelta(days=waited),
    )


def _goals(
    seeder: Seeder, plan: int, opened: datetime.date, parent: int, compulsory: bool, good: bool
) -> list[tuple[int, int, int]]:
    """Two or three goals, each reached or stopped; per goal (id, first score, gain)."""
    rng = seeder.rng
    goals = []
    for priority, goal_text in enumerate(rng.sample(text.GOAL_TEXTS, rng.randint(2, 3)), 1):
        first, gain = rng.randint(2, 6), rng.randint(0, 5) if good else rng.randint(-2, 2)
        reached = good and first + gain >= 6
        goal = seeder.rows.add(
            Goal,
            public_id=seeder.uuid(),
            plan_id=plan,
            created_by_id=parent,
            created_at=moment(opened + datetime.timedelta(days=21), 10),
            text=words.SAFETY_GOAL if compulsory and priority == 1 else goal_text,
            term=GoalTerm.SHORT,
            priority=priority,
            is_safety_goal=compulsory and priority == 1,
            status=GoalStatus.REACHED if reached else GoalStatus.STOPPED,
            status_reason=words.STATUS_REACHED if reached else words.STATUS_STOPPED,
        )
        goals.append((goal, first, gain))
    return goals


def _evaluate(
    seeder: Seeder,
    plan: int,
    opened: datetime.date,
    closed_on: datetime.date,
    lead: int,
    parents: list[int],
    goals: list[tuple[int, int, int]],
) -> None:
    """Two held evaluations, each parent scoring every goal; the last shows the gain."""
    rng, rows = seeder.rng, seeder.rows
    days = (rng.randint(110, 135), rng.randint(160, 180))
    for number, after in enumerate(days):
        held = min(closed_on, opened + datetime.timedelta(days=after))
        evaluation = _record(
            seeder,
            Evaluation,
            plan,
            lead,
            moment(opened + datetime.timedelta(days=42), 12),
            scheduled_for=held,
            held_on=held,
            working_relationship=words.WORKING,
            satisfaction=rng.randint(5, 9),
            satisfaction_reasons=words.REASONS,
            outcome=EvaluationOutcome.STOP if number else EvaluationOutcome.CONTINUE,
        )
        for goal, first, gain in goals:
            score = min(10, max(0, first + gain * number))
            for parent in parents:
                rows.add(
                    GoalScore,
                    evaluation_id=evaluation,
                    goal_id=goal,
                    participant_id=parent,
                    score=min(10, max(0, score + rng.randint(-1, 1))),
                )
