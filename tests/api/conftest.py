"""A plan in step 7 with goals, actions owned by family, network and professionals, an
evaluation with scores: every endpoint has rows to show and rows to hide."""

import pytest

from regie.plans.models import Action, Goal, GoalStatus, Step
from regie.plans.services import goals
from tests.personas import Cast, build_cast, walk_to

SECRET = "GEHEIM-INHOUD-7513"  # written in the plan; no refused answer may contain it


@pytest.fixture
def plan_cast(db: None) -> Cast:
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)
    goal = Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE).first()
    second = goals.add_goal(actor=cast.parent, plan=cast.plan, text=SECRET, term="long")
    goals.add_action(
        actor=cast.parent,
        plan=cast.plan,
        description="Oma haalt Noa op dinsdag.",
        owner=cast.grandmother,
        goal=goal,
    )
    goals.add_action(
        actor=cast.parent, plan=cast.plan, description=SECRET, owner=cast.parent, goal=second
    )
    assert Action.objects.filter(plan=cast.plan).count() >= 2
    return cast
