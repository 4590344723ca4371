"""Goals: R8 at most five, in the family's order; R9 the compulsory framework with its
safety goal first and its conditions."""

import pytest

from regie.access.events import Event
from regie.access.policy import NotAllowed
from regie.core.errors import RuleViolation
from regie.plans.models import Condition, ConditionKind, Goal, GoalStatus, GoalTerm, Role, Step
from regie.plans.services.goals import (
    add_goal,
    move_goal,
    reorder_goals,
    set_condition,
    set_goal_status,
    withdraw_condition,
)
from regie.plans.services.plans import move_step
from tests.personas import (
    Cast,
    add_approved_professional,
    expect_log,
    expect_no_log,
    walk_to,
)

pytestmark = pytest.mark.django_db

GOAL_TEXTS = [
    "Noa gaat weer elke dag naar school.",
    "Minder ruzie aan tafel.",
    "Sanne slaapt weer door.",
    "Daan heeft een bijbaan.",
    "Lotte logeert één keer per maand bij papa.",
]


def _add_goals(cast: Cast, texts: list[str]) -> list[Goal]:
    return [
        add_goal(actor=cast.parent, plan=cast.plan, text=text, term=GoalTerm.SHORT)
        for text in texts
    ]


def _order(cast: Cast) -> list[str]:
    return list(
        Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE)
        .order_by("priority")
        .values_list("text", flat=True)
    )


# ---- R8 At most five goals -----------------------------------------------------------


def test_r8_goal_is_written_in_the_familys_words_with_a_life_wish(cast: Cast) -> None:
    with expect_log(cast.parent, Event.GOAL_ADDED):
        goal = add_goal(
            actor=cast.parent,
            plan=cast.plan,
            text="Noa gaat weer elke dag naar school.",
            term=GoalTerm.LONG,
            life_wish="Dat Noa later kan worden wat ze wil.",
        )
    assert (goal.term, goal.priority, goal.life_wish) == (
        GoalTerm.LONG,
        1,
        "Dat Noa later kan worden wat ze wil.",
    )
    with pytest.raises(RuleViolation) as no_term:
        add_goal(actor=cast.parent, plan=cast.plan, text="Rust.", term="altijd")
    assert no_term.value.rule == "R8"


def test_r8_sixth_active_goal_is_refused_with_advice(cast: Cast) -> None:
    _add_goals(cast, GOAL_TEXTS)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        add_goal(actor=cast.care_provider, plan=cast.plan, text="Zesde doel.", term="short")
    assert refused.value.rule == "R8"
    assert "bereikt of gestopt" in refused.value.message
    assert "samen" in refused.value.message
    assert Goal.objects.filter(plan=cast.plan).count() == 5


def test_r8_reaching_a_goal_makes_room_for_a_new_one(cast: Cast) -> None:
    first, *_ = _add_goals(cast, GOAL_TEXTS)
    with expect_log(cast.parent, Event.GOAL_STATUS):
        set_goal_status(
            actor=cast.parent,
            goal=first,
            expected_version=first.version,
            status=GoalStatus.REACHED,
            reason="Noa gaat weer elke dag.",
        )
    add_goal(actor=cast.parent, plan=cast.plan, text="Samen op vakantie.", term=GoalTerm.LONG)
    assert Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE).count() == 5
    assert _order(cast)[0] == GOAL_TEXTS[1]  # the rest move up
    # A reached goal cannot come back while five are active.
    first.refresh_from_db()
    with pytest.raises(RuleViolation) as full:
        set_goal_status(
            actor=cast.parent,
            goal=first,
            expected_version=first.version,
            status=GoalStatus.ACTIVE,
            reason="Toch weer nodig.",
        )
    assert full.value.rule == "R8"


def test_r8_family_sets_the_priority_order(cast: Cast) -> None:
    goals = _add_goals(cast, GOAL_TEXTS[:3])
    with expect_log(cast.parent, Event.GOALS_REORDERED):
        reorder_goals(
            actor=cast.parent, plan=cast.plan, goal_ids=[goals[2].pk, goals[0].pk, goals[1].pk]
        )
    assert _order(cast) == [GOAL_TEXTS[2], GOAL_TEXTS[0], GOAL_TEXTS[1]]
    with expect_log(cast.youth13, Event.GOALS_REORDERED):
        move_goal(actor=cast.youth13, goal=goals[1], direction=-1)
    assert _order(cast) == [GOAL_TEXTS[2], GOAL_TEXTS[1], GOAL_TEXTS[0]]
    with pytest.raises(RuleViolation) as incomplete:
        reorder_goals(actor=cast.parent, plan=cast.plan, goal_ids=[goals[0].pk])
    assert incomplete.value.rule == "R8"


def test_r8_a_drag_moves_a_goal_several_places_and_keeps_the_others_in_order(
    cast: Cast,
) -> None:
    goals = _add_goals(cast, GOAL_TEXTS[:4])
    move_goal(actor=cast.parent, goal=goals[3], direction=-2)
    assert _order(cast) == [GOAL_TEXTS[0], GOAL_TEXTS[3], GOAL_TEXTS[1], GOAL_TEXTS[2]]
    move_goal(actor=cast.parent, goal=goals[0], direction=4)  # past the end: last
    assert _order(cast) == [GOAL_TEXTS[3], GOAL_TEXTS[1], GOAL_TEXTS[2], GOAL_TEXTS[0]]


def test_r8_professional_cannot_reorder_the_goals(cast: Cast) -> None:
    goals = _add_goals(cast, GOAL_TEXTS[:2])
    for professional in (cast.wijkteam_worker, cast.care_provider):
        with expect_no_log(), pytest.raises(NotAllowed):
            reorder_goals(actor=professional, plan=cast.plan, goal_ids=[goals[1].pk, goals[0].pk])
    assert _order(cast) == GOAL_TEXTS[:2]


def test_r8_plan_cannot_leave_goals_without_a_goal(cast: Cast) -> None:
    walk_to(cast, Step.GOALS)
    with pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.OWN_STRENGTH)
    assert refused.value.rule == "R8"


# ---- R9 Compulsory framework ---------------------------------------------------------


def test_r9_safety_goal_goes_first_in_a_compulsory_plan(compulsory_cast: Cast) -> None:
    cast = compulsory_cast
    _add_goals(cast, GOAL_TEXTS[:2])
    with expect_log(cast.child_protection, Event.GOAL_ADDED):
        safety = add_goal(
            actor=cast.child_protection,
            plan=cast.plan,
            text="Lotte is thuis veilig.",
            term=GoalTerm.SHORT,
            is_safety_goal=True,
        )
    assert safety.priority == 1
    assert _order(cast) == ["Lotte is thuis veilig.", *GOAL_TEXTS[:2]]


def test_r9_reorder_that_moves_the_safety_goal_down_is_refused(compulsory_cast: Cast) -> None:
    cast = compulsory_cast
    safety = add_goal(
        actor=cast.child_protection,
        plan=cast.plan,
        text="Lotte is thuis veilig.",
        term=GoalTerm.SHORT,
        is_safety_goal=True,
    )
    school, quiet = _add_goals(cast, GOAL_TEXTS[:2])
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        reorder_goals(actor=cast.parent, plan=cast.plan, goal_ids=[school.pk, safety.pk, quiet.pk])
    assert refused.value.rule == "R9"
    with pytest.raises(RuleViolation):
        move_goal(actor=cast.parent, goal=school, direction=-1)
    # The family orders what is theirs to order, under the safety goal.
    reorder_goals(actor=cast.parent, plan=cast.plan, goal_ids=[safety.pk, quiet.pk, school.pk])
    assert _order(cast) == ["Lotte is thuis veilig.", GOAL_TEXTS[1], GOAL_TEXTS[0]]


def test_r9_only_the_child_protection_worker_stops_the_safety_goal(
    compulsory_cast: Cast,
) -> None:
    cast = compulsory_cast
    safety = add_goal(
        actor=cast.child_protection,
        plan=cast.plan,
        text="Lotte is thuis veilig.",
        term=GoalTerm.SHORT,
        is_safety_goal=True,
    )
    with pytest.raises(RuleViolation) as refused:
        set_goal_status(
            actor=cast.parent,
            goal=safety,
            expected_version=safety.version,
            status=GoalStatus.STOPPED,
            reason="Niet meer nodig.",
        )
    assert refused.value.rule == "R9"


def test_r9_safety_goal_belongs_to_the_compulsory_framework(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        add_goal(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            text="Veilig thuis.",
            term=GoalTerm.SHORT,
            is_safety_goal=True,
        )
    assert refused.value.rule == "R9"


def test_r9_conditions_are_set_only_by_the_child_protection_worker(
    compulsory_cast: Cast,
) -> None:
    cast = compulsory_cast
    for someone in (cast.parent, cast.wijkteam_worker, cast.care_provider):
        with expect_no_log(), pytest.raises(NotAllowed):
            set_condition(actor=someone, plan=cast.plan, kind=ConditionKind.CONDITION, text="Iets.")
    with expect_log(cast.child_protection, Event.CONDITION_SET):
        condition = set_condition(
            actor=cast.child_protection,
            plan=cast.plan,
            kind=ConditionKind.SAFETY_AGREEMENT,
            text="Bij ruzie gaat Lotte naar oma.",
        )
    assert condition.kind == ConditionKind.SAFETY_AGREEMENT
    with expect_log(cast.child_protection, Event.CONDITION_WITHDRAWN):
        withdraw_condition(
            actor=cast.child_protection, condition=condition, reason="Vervangen door nieuwe."
        )
    condition.refresh_from_db()
    assert condition.is_withdrawn  # kept, shown as withdrawn


def test_r9_conditions_only_in_a_compulsory_plan(cast: Cast) -> None:
    child_protection = add_approved_professional(
        cast, cast.child_protection_user, Role.CHILD_PROTECTION
    )
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        set_condition(
            actor=child_protection,
            plan=cast.plan,
            kind=ConditionKind.CONDITION,
            text="Dagelijks naar school.",
        )
    assert refused.value.rule == "R9"
    assert not Condition.objects.filter(plan=cast.plan).exists()


def test_r9_compulsory_plan_cannot_leave_goals_without_the_safety_goal_first(
    compulsory_cast: Cast,
) -> None:
    cast = compulsory_cast
    walk_to(cast, Step.GOALS)
    _add_goals(cast, GOAL_TEXTS[:1])
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.OWN_STRENGTH)
    assert (
        refused.value.rule == "R9" and "R9" not in refused.value.message
    )  # the id is not for people
    add_goal(
        actor=cast.child_protection,
        plan=cast.plan,
        text="Lotte is thuis veilig.",
        term=GoalTerm.SHORT,
        is_safety_goal=True,
    )
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.OWN_STRENGTH)
    assert cast.plan.step == Step.OWN_STRENGTH
