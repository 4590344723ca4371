"""Evaluation and closing: R19 the evaluation cycle, R20 closing and aftercare."""

import datetime

import pytest
from django.utils import timezone

from regie.access.events import Event
from regie.access.policy import NotAllowed, sections
from regie.core.errors import RuleViolation
from regie.plans import scores, selectors
from regie.plans.models import (
    AftercareKind,
    EntryKind,
    Evaluation,
    EvaluationOutcome,
    Goal,
    GoalScore,
    GoalStatus,
    GoalTerm,
    PlanStatus,
    Step,
)
from regie.plans.services.entries import write_entry
from regie.plans.services.evaluation import (
    add_aftercare,
    close_plan,
    record_evaluation,
    request_extra_evaluation,
    schedule_evaluation,
    score_goal,
)
from regie.plans.services.goals import add_goal, set_goal_status
from regie.plans.services.help import decide, propose_option
from regie.plans.services.plans import move_step
from tests.personas import Cast, close_out, expect_log, expect_no_log, prepare_for, walk_to

pytestmark = pytest.mark.django_db


def _goal_and_evaluation(cast: Cast) -> tuple[Goal, Evaluation]:
    goal = add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term=GoalTerm.SHORT)
    with expect_log(cast.wijkteam_worker, Event.EVALUATION_SCHEDULED):
        evaluation = schedule_evaluation(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            scheduled_for=timezone.localdate() + datetime.timedelta(weeks=6),
        )
    return goal, evaluation


def _record(cast: Cast, evaluation: Evaluation, **overrides: object) -> Evaluation:
    values: dict[str, object] = {
        "held_on": timezone.localdate(),
        "working_relationship": "Open en eerlijk.",
        "satisfaction": 7,
        "satisfaction_reasons": "Er wordt geluisterd.",
        "outcome": EvaluationOutcome.CONTINUE,
    }
    values.update(overrides)
    return record_evaluation(
        actor=cast.wijkteam_worker,
        evaluation=evaluation,
        expected_version=evaluation.version,
        **values,  # type: ignore[arg-type]
    )


# ---- R19 Evaluation cycle ------------------------------------------------------------


def test_r19_goal_scores_run_from_0_to_10(cast: Cast) -> None:
    goal, evaluation = _goal_and_evaluation(cast)
    for score in (-1, 11):
        with expect_no_log(), pytest.raises(RuleViolation) as refused:
            score_goal(actor=cast.youth13, evaluation=evaluation, goal=goal, score=score)
        assert (refused.value.rule, refused.value.field) == ("R19", "score")
    for score in (0, 10):
        with expect_log(cast.youth13, Event.GOAL_SCORED):
            given = score_goal(actor=cast.youth13, evaluation=evaluation, goal=goal, score=score)
        assert given.score == score
    # One score per person per goal: the later one counts.
    assert GoalScore.objects.get(evaluation=evaluation, participant=cast.youth13).score == 10


def test_r19_each_participant_scores_for_themselves(cast: Cast) -> None:
    goal, evaluation = _goal_and_evaluation(cast)
    score_goal(actor=cast.parent, evaluation=evaluation, goal=goal, score=6)
    score_goal(actor=cast.care_provider, evaluation=evaluation, goal=goal, score=5)
    # A parent writes down what the child of 8 says; a youth with a login scores herself.
    with expect_log(cast.parent, Event.GOAL_SCORED):
        score_goal(actor=cast.parent, evaluation=evaluation, goal=goal, score=9, member=cast.child8)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        score_goal(
            actor=cast.parent, evaluation=evaluation, goal=goal, score=9, member=cast.youth13
        )
    assert refused.value.rule == "R19"
    scores = dict(
        GoalScore.objects.filter(evaluation=evaluation).values_list("participant_id", "score")
    )
    assert scores == {cast.parent.pk: 6, cast.care_provider.pk: 5, cast.child8.pk: 9}


def test_r19_scores_three_or_more_apart_are_a_point_to_talk_about(cast: Cast) -> None:
    school, evaluation = _goal_and_evaluation(cast)
    quiet = add_goal(actor=cast.parent, plan=cast.plan, text="Rust.", term=GoalTerm.LONG)
    for member, school_score, quiet_score in [
        (cast.youth13, 3, 6),
        (cast.parent, 7, 7),
        (cast.second_parent, 5, 8),
        (cast.care_provider, 8, 8),
    ]:
        actor = cast.parent if member == cast.second_parent else member
        score_goal(
            actor=actor, evaluation=evaluation, goal=school, score=school_score, member=member
        )
        score_goal(actor=actor, evaluation=evaluation, goal=quiet, score=quiet_score, member=member)
    by_goal = {row.goal.pk: row for row in scores.scores_per_goal(evaluation, [school, quiet])}
    assert by_goal[school.pk].by_group == {"child": 3, "parents": 6, "professionals": 8}
    assert by_goal[school.pk].divergent  # the child says 3, the professional 8
    assert by_goal[quiet.pk].by_group == {"child": 6, "parents": 7.5, "professionals": 8}
    assert not by_goal[quiet.pk].divergent


def test_r19_overdue_evaluations_are_flagged(cast: Cast) -> None:
    today = timezone.localdate()
    overdue = schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=today - datetime.timedelta(days=3)
    )
    upcoming = schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=today + datetime.timedelta(days=3)
    )
    overview = selectors.overview(
        cast.plan, today, cast.wijkteam_worker, sections(cast.wijkteam_worker)
    )
    assert overview.overdue_evaluations == [overdue]
    assert overview.next_evaluation == upcoming


def test_r19_shared_with_can_ask_for_an_extra_evaluation(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as no_reason:
        request_extra_evaluation(actor=cast.grandmother, plan=cast.plan, reason=" ")
    assert no_reason.value.rule == "R19"
    with expect_log(cast.grandmother, Event.EVALUATION_REQUESTED):
        extra = request_extra_evaluation(
            actor=cast.grandmother,
            plan=cast.plan,
            reason="Het ophalen lukt niet meer; we moeten praten.",
        )
    assert extra.is_extra
    assert extra.request_reason == "Het ophalen lukt niet meer; we moeten praten."
    assert extra.scheduled_for > timezone.localdate()
    with pytest.raises(NotAllowed):  # asking is for everyone, planning is not
        schedule_evaluation(
            actor=cast.grandmother, plan=cast.plan, scheduled_for=timezone.localdate()
        )


def test_r19_evaluation_without_scores_is_refused(cast: Cast) -> None:
    goal, evaluation = _goal_and_evaluation(cast)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        _record(cast, evaluation)
    assert refused.value.rule == "R19"
    evaluation.refresh_from_db()
    assert evaluation.held_on is None

    score_goal(actor=cast.parent, evaluation=evaluation, goal=goal, score=7)
    for field, value in [
        ("satisfaction", 11),
        ("working_relationship", ""),
        ("satisfaction_reasons", ""),
        ("outcome", "misschien"),
        ("held_on", timezone.localdate() + datetime.timedelta(days=1)),
    ]:
        with pytest.raises(RuleViolation) as invalid:
            _record(cast, evaluation, **{field: value})
        assert invalid.value.rule == "R19"

    with expect_log(cast.wijkteam_worker, Event.EVALUATION_RECORDED):
        _record(cast, evaluation, outcome=EvaluationOutcome.ADJUST, notes="Doel bijstellen.")
    evaluation.refresh_from_db()
    assert evaluation.held_on == timezone.localdate()
    assert (evaluation.outcome, evaluation.satisfaction) == (EvaluationOutcome.ADJUST, 7)
    assert evaluation.working_relationship == "Open en eerlijk."


def test_r19_evaluations_are_scheduled_before_help_starts(cast: Cast) -> None:
    walk_to(cast, Step.DECIDING)
    option = propose_option(
        actor=cast.care_provider, plan=cast.plan, title="Coaching", pros="Thuis.", cons="Vaak."
    )
    decide(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        option=option,
        rationale="Past.",
        funding="in_kind",
        aftercare="Nabellen.",
        provider=cast.provider_org,
        provider_chosen_by=cast.parent,
    )
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.EXECUTING)
    assert (
        refused.value.rule == "R19" and "R19" not in refused.value.message
    )  # the id is not for people
    schedule_evaluation(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        scheduled_for=timezone.localdate() + datetime.timedelta(weeks=6),
    )
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.EXECUTING)
    assert cast.plan.step == Step.EXECUTING


# ---- R20 Closing and aftercare -------------------------------------------------------


def test_r20_close_refused_without_aftercare_or_with_active_goals(cast: Cast) -> None:
    walk_to(cast, Step.CLOSING)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        close_plan(actor=cast.wijkteam_worker, plan=cast.plan, summary="Klaar.")
    assert refused.value.rule == "R20"
    assert "contactmoment" in refused.value.message
    assert "terugval" in refused.value.message
    assert "bereikt of gestopt" in refused.value.message

    with pytest.raises(RuleViolation) as no_date:
        add_aftercare(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=AftercareKind.CONTACT_MOMENT,
            description="Nabellen.",
        )
    assert no_date.value.field == "planned_on"
    with expect_log(cast.wijkteam_worker, Event.AFTERCARE_ADDED):
        add_aftercare(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=AftercareKind.CONTACT_MOMENT,
            description="Het wijkteam belt na zes weken.",
            planned_on=timezone.localdate() + datetime.timedelta(weeks=6),
        )
    with pytest.raises(RuleViolation) as still_active:
        close_plan(actor=cast.wijkteam_worker, plan=cast.plan, summary="Klaar.")
    assert "terugval" in still_active.value.message

    with expect_log(cast.parent, Event.AFTERCARE_ADDED):
        add_aftercare(
            actor=cast.parent,
            plan=cast.plan,
            kind=AftercareKind.RELAPSE_PLAN,
            description="Bij terugval belt Sanne oma en het wijkteam.",
            owner=cast.parent,
        )
    with pytest.raises(RuleViolation) as goals_left:
        close_plan(actor=cast.wijkteam_worker, plan=cast.plan, summary="Klaar.")
    assert "bereikt of gestopt" in goals_left.value.message

    for goal in Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE):
        set_goal_status(
            actor=cast.parent,
            goal=goal,
            expected_version=goal.version,
            status=GoalStatus.REACHED,
            reason="Gelukt.",
        )
    with expect_log(cast.wijkteam_worker, Event.PLAN_CLOSED):
        close_plan(actor=cast.wijkteam_worker, plan=cast.plan, summary="Noa gaat weer naar school.")
    plan = cast.refresh()
    assert plan.status == PlanStatus.CLOSED
    assert plan.closing_summary == "Noa gaat weer naar school."
    assert plan.help_ended_on == timezone.localdate()


def test_r20_plan_moves_to_closing_once_the_goals_are_reached(cast: Cast) -> None:
    """Step 7 → 8 is 'De doelen zijn bereikt; we ronden af' (workflow.FORWARD): a family
    that reached its goals during step 7 moves on to closing and aftercare."""
    walk_to(cast, Step.EXECUTING)
    prepare_for(cast, Step.CLOSING)  # an evaluation held, outcome: stop
    for goal in Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE):
        set_goal_status(
            actor=cast.parent,
            goal=goal,
            expected_version=goal.version,
            status=GoalStatus.REACHED,
            reason="Noa gaat weer elke dag naar school.",
        )
    with expect_log(cast.wijkteam_worker, Event.STEP_MOVED):
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.CLOSING)
    assert cast.plan.step == Step.CLOSING


def test_r20_plan_closes_only_from_the_closing_step(cast: Cast) -> None:
    walk_to(cast, Step.EXECUTING)
    with pytest.raises(RuleViolation) as refused:
        close_plan(actor=cast.wijkteam_worker, plan=cast.plan, summary="Klaar.")
    assert refused.value.rule == "R20"
    assert "stap 8" in refused.value.message


def test_r20_closed_plan_takes_no_more_changes(cast: Cast) -> None:
    close_out(cast)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        write_entry(
            actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Nog iets."
        )
    assert refused.value.rule == "A8"
