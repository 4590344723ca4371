"""The whole guideline, step 1 to 8 and closed, through the service layer only."""

import pytest

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.plans.models import Goal, PlanStatus, Step, StepChange
from regie.plans.services.evaluation import close_plan
from regie.plans.services.plans import move_step
from tests.personas import Cast, close_out, expect_log, prepare_close, prepare_for

pytestmark = pytest.mark.django_db


def test_plan_walks_from_introduction_to_closing_and_closes(cast: Cast) -> None:
    plan = cast.plan
    assert plan.step == Step.INTRODUCTION

    for to_step in range(Step.REQUEST, Step.CLOSING + 1):
        prepare_for(cast, to_step)
        from_step = plan.step
        with expect_log(cast.wijkteam_worker, Event.STEP_MOVED) as rows:
            move_step(actor=cast.wijkteam_worker, plan=plan, to_step=to_step)
        assert plan.step == to_step
        plan.refresh_from_db()
        assert plan.step == to_step
        assert rows[0].object_id == str(plan.public_id)
        change = StepChange.objects.filter(plan=plan).last()
        assert change is not None
        assert (change.from_step, change.to_step) == (from_step, to_step)
        assert change.changed_by_id == cast.wijkteam_worker.pk

    moves = AccessLogEntry.objects.filter(plan_id=plan.public_id, event=Event.STEP_MOVED.code)
    assert moves.count() == Step.CLOSING - Step.INTRODUCTION

    prepare_close(cast)
    with expect_log(cast.wijkteam_worker, Event.PLAN_CLOSED):
        close_plan(actor=cast.wijkteam_worker, plan=plan, summary="Doelen bereikt.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    assert plan.closed_at is not None
    assert plan.help_ended_on is not None


def test_compulsory_plan_walks_to_closing_with_its_safety_goal_first(
    compulsory_cast: Cast,
) -> None:
    cast = compulsory_cast
    close_out(cast)
    plan = cast.refresh()
    assert plan.status == PlanStatus.CLOSED
    assert plan.legal_measure == "ots"
    # Reached goals keep the place they had; the safety goal was written first.
    first = Goal.objects.filter(plan=plan).order_by("priority", "id").first()
    assert first is not None and first.is_safety_goal
    steps = list(StepChange.objects.filter(plan=plan).values_list("to_step", flat=True))
    assert steps == list(range(Step.INTRODUCTION, Step.CLOSING + 1))
