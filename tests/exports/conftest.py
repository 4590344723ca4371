"""A plan with something in every part the exports show: a compulsory framework with a
condition, wishes (one a youth keeps from the parents), goals with actions for the
family, the grandmother and a professional, a held evaluation with diverging scores, a
pending application and a meeting."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from regie.plans.models import (
    Action,
    ConditionKind,
    Decision,
    Evaluation,
    Goal,
    GoalStatus,
    Step,
    Wish,
)
from regie.plans.services import entries, evaluation, goals, help, meetings, sharing
from tests.personas import Cast, build_cast, walk_to

KEPT_WISH = "Ik wil bij papa wonen, zeg het nog niet tegen mama."
GRANDMOTHER_ACTION = "Oma haalt Noa op dinsdag en donderdag uit school."
PROFESSIONAL_ACTION = "Joost oefent met Sanne hoe ze rustig blijft bij ruzie."
OTHER_ACTION = "Sanne maakt een weekschema met vaste bedtijden."
CONDITION = "Er is elke week contact met de jeugdbeschermer."
SECOND_GOAL = "Sanne en Mark maken afspraken over de weekenden."


@dataclass
class Rich:
    cast: Cast
    school_goal: Goal
    safety_goal: Goal
    second_goal: Goal
    kept_wish: Wish
    grandmother_action: Action
    held: Evaluation


def build_rich() -> Rich:
    cast = build_cast(compulsory=True)
    plan = cast.plan
    goals.set_condition(
        actor=cast.child_protection, plan=plan, kind=ConditionKind.CONDITION, text=CONDITION
    )
    walk_to(cast, Step.GOALS)
    kept = entries.add_wish(actor=cast.youth16, plan=plan, member=cast.youth16, text=KEPT_WISH)
    sharing.keep_from_parents(actor=cast.youth16, record=kept)
    walk_to(cast, Step.EXECUTING)
    second = goals.add_goal(
        actor=cast.parent,
        plan=plan,
        text=SECOND_GOAL,
        term="long",
        life_wish="Rust voor de kinderen.",
    )
    safety = Goal.objects.get(plan=plan, is_safety_goal=True)
    school = Goal.objects.get(plan=plan, is_safety_goal=False, text__startswith="Noa")
    grandmother_action = goals.add_action(
        actor=cast.parent,
        plan=plan,
        description=GRANDMOTHER_ACTION,
        owner=cast.grandmother,
        goal=school,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    goals.add_action(
        actor=cast.wijkteam_worker,
        plan=plan,
        description=PROFESSIONAL_ACTION,
        owner=cast.care_provider,
        goal=safety,
        takeover_reason="Dit vraagt begeleiding van een gezinscoach.",
    )
    goals.add_action(actor=cast.parent, plan=plan, description=OTHER_ACTION, owner=cast.parent)
    held = Evaluation.objects.filter(plan=plan).order_by("id").first()
    assert held is not None
    for goal in Goal.objects.filter(plan=plan, status=GoalStatus.ACTIVE):
        evaluation.score_goal(actor=cast.parent, evaluation=held, goal=goal, score=8)
        evaluation.score_goal(actor=cast.youth13, evaluation=held, goal=goal, score=4)
        evaluation.score_goal(actor=cast.care_provider, evaluation=held, goal=goal, score=6)
    evaluation.record_evaluation(
        actor=cast.wijkteam_worker,
        evaluation=held,
        expected_version=held.version,
        held_on=timezone.localdate(),
        working_relationship="Goed.",
        satisfaction=7,
        satisfaction_reasons="Het gaat beter.",
        outcome="continue",
    )
    evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker,
        plan=plan,
        scheduled_for=timezone.localdate() + datetime.timedelta(weeks=8),
    )
    decision = Decision.objects.get(plan=plan)
    help.file_application(
        actor=cast.wijkteam_worker,
        decision=decision,
        submitted_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    meetings.plan_meeting(
        actor=cast.wijkteam_worker,
        plan=plan,
        title="Overleg over school",
        planned_at=timezone.now() + datetime.timedelta(days=14),
        attendees=[(cast.parent, ""), (cast.grandmother, "haalt Noa op")],
    )
    cast.refresh()
    return Rich(cast, school, safety, second, kept, grandmother_action, held)


@pytest.fixture
def rich(db: None) -> Rich:
    return build_rich()
