"""A form that sits on more than one page answers on the page it was on (issue 5: people
stay where they were working): "Bereikt of stoppen" on step 8 returns to step 8, planning
the first evaluation on step 6 returns to step 6. A forged or closed page falls back to
the action's own page, and a rejected form comes back on the page it was posted from."""

from typing import Any

from django.urls import reverse

from regie.plans.models import Goal, GoalStatus, Step
from tests.accounts.helpers import client_for
from tests.personas import Cast, walk_to


def _goal_status(cast: Cast, goal: Goal, from_step: str, reason: str = "Het gaat goed.") -> Any:
    return client_for(cast.parent_user).post(
        reverse("plan-action", args=[cast.plan.public_id, "goal-status"]),
        {
            "goal": str(goal.public_id),
            "expected_version": goal.version,
            "status": GoalStatus.REACHED,
            "reason": reason,
            "van_stap": from_step,
        },
    )


def test_goal_status_on_step_8_returns_to_step_8(cast: Cast) -> None:
    walk_to(cast, Step.CLOSING)
    goal = Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE).first()
    assert goal is not None
    response = _goal_status(cast, goal, str(Step.CLOSING))
    assert response["Location"] == reverse("plan-step", args=[cast.plan.public_id, Step.CLOSING])


def test_a_forged_page_falls_back_to_the_actions_own_page(cast: Cast) -> None:
    walk_to(cast, Step.CLOSING)
    goal = Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE).first()
    assert goal is not None
    response = _goal_status(cast, goal, "99")
    assert response["Location"] == reverse("plan-step", args=[cast.plan.public_id, Step.GOALS])


def test_a_rejected_form_comes_back_on_the_page_it_was_posted_from(cast: Cast) -> None:
    walk_to(cast, Step.CLOSING)
    goal = Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE).first()
    assert goal is not None
    response = _goal_status(cast, goal, str(Step.CLOSING), reason="")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Stap 8: " in body and "Dit is nog niet opgeslagen" in body


def test_the_first_evaluation_can_be_planned_on_step_6(cast: Cast) -> None:
    walk_to(cast, Step.EXECUTING)
    worker = client_for(cast.wijkteam_user)
    step_6 = reverse("plan-step", args=[cast.plan.public_id, Step.DECIDING])
    assert "Evaluatie plannen" in worker.get(step_6).content.decode()
    assert "Evaluatie plannen" not in client_for(cast.grandmother_user).get(step_6).text
