"""Issue 15: each harmonised outcome indicator, computed for a hand-made set of plans and
compared with the figure worked out by hand (in the comments)."""

import datetime

import pytest

from regie.insight.facts import NO_PROVIDER, HelpType, PlanFacts
from regie.insight.indicators import ALL, Indicator, compute
from regie.plans.models import Framework, GoalStatus, GoingOn, HelpEnding

TODAY = datetime.date(2026, 12, 1)
ENDED = datetime.date(2025, 2, 10)  # 2025-K1, more than 12 months before TODAY
ORG = 7


def closed_plan(number: int, **facts: object) -> PlanFacts:
    values: dict[str, object] = {
        "plan_id": number,
        "family_id": number,
        "is_closed": True,
        "step": 8,
        "framework": Framework.VOLUNTARY,
        "opened_on": datetime.date(2024, 6, 1),
        "help_ended_on": ENDED,
        "ending": HelpEnding.AS_AGREED,
        "follow_up_help": False,
        "organisation": ORG,
        "help_type": HelpType.IN_KIND,
    }
    values.update(facts)
    values.setdefault("closed_on", values["help_ended_on"])
    return PlanFacts(**values)  # type: ignore[arg-type]


@pytest.fixture
def twelve() -> list[PlanFacts]:
    """Twelve plans closed in 2025-K1 at one organisation, so the cell is shown."""
    plans = [closed_plan(n) for n in range(1, 13)]
    # 1 drop-out: plans 1-3 stopped early (2 by the family, 1 by the provider), plan 4 has
    # no recorded ending, plan 5 moved: 3 of 11 recorded endings.
    plans[0].ending = plans[1].ending = HelpEnding.STOPPED_BY_FAMILY
    plans[2].ending = HelpEnding.STOPPED_BY_PROVIDER
    plans[3].ending = ""
    plans[4].ending = HelpEnding.MOVED
    # 2 satisfaction: plans 1-10 answer (two answers in plan 1, none in 11 and 12):
    # 3, 9 | 5 | 6 | 7 | 7 | 8 | 8 | 8 | 9 | 10 -> 11 answers, median is the 6th: 8.
    answers = [[3, 9], [5], [6], [7], [7], [8], [8], [8], [9], [10]]
    for plan, given in zip(plans, answers, strict=False):
        plan.usefulness = given
    # 3.1 going on: plans 1-10 answer once: 6 yes, 3 partly, 1 no -> 6/10 = 0.6.
    for plan, answer in zip(
        plans, [GoingOn.YES] * 6 + [GoingOn.PARTLY] * 3 + [GoingOn.NO], strict=False
    ):
        plan.going_on = [answer]
    # 3.2 no new start: the family of plan 1 opened a new plan 5 months after the help
    # ended, that of plan 2 after 14 months (outside the window): 11 of 12 -> 0.9167.
    plans.append(
        closed_plan(
            101,
            family_id=1,
            opened_on=ENDED + datetime.timedelta(days=150),
            is_closed=False,
            help_ended_on=None,
        )
    )
    plans.append(
        closed_plan(
            102,
            family_id=2,
            opened_on=ENDED + datetime.timedelta(days=420),
            is_closed=False,
            help_ended_on=None,
        )
    )
    # 3.3 problems reduced: plans 1-10 have one goal 4 -> 7 (+3); plan 11 two goals
    # 2 -> 6 (+4) and 5 -> 5 (0), average +2; plan 12 none. (10 * 3 + 2) / 11 = 2.909.
    for plan in plans[:10]:
        plan.goal_changes = [(4.0, 7.0)]
    plans[10].goal_changes = [(2.0, 6.0), (5.0, 5.0)]
    # 3.4 goals reached: each of the 12 plans has 2 goals; plans 1-9 reached both, plans
    # 10-12 reached one and stopped one: 18 + 3 = 21 of 24 -> 0.875.
    for index, plan in enumerate(plans[:12]):
        plan.goal_statuses = [
            GoalStatus.REACHED,
            GoalStatus.REACHED if index < 9 else GoalStatus.STOPPED,
        ]
    # P1 family group plan offered: in plans 1-9 -> 9 of 12 = 0.75.
    # P2 made: the families of plans 1-4 accepted and wrote one -> 4 of 12 = 0.3333.
    # P3 professionals: plans 1-6 two each, plans 7-11 three, plan 12 one:
    # (12 + 15 + 1) / 12 = 28 / 12 = 2.3333.
    # P4 decisions in time: plans 1-10 one decision each, in time (plan 1 on the deadline
    # itself); plan 11 two, one a day late; plan 12 none: 11 of 12 decisions, over 11 plans.
    deadline = datetime.date(2024, 8, 1)
    for index, plan in enumerate(plans[:12]):
        plan.group_plan_offered = index < 9
        plan.group_plan_made = index < 4
        plan.professionals = 2 if index < 6 else 3 if index < 11 else 1
        if index < 10:
            plan.decisions = [(deadline - datetime.timedelta(days=index), deadline)]
    plans[10].decisions = [(deadline + datetime.timedelta(days=1), deadline), (deadline, deadline)]
    return plans


def test_drop_out_is_early_endings_of_recorded_endings(twelve: list[PlanFacts]) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.DROP_OUT, "2025-K1", ORG)
    assert figure.plans == 11
    assert figure.value == pytest.approx(3 / 11)


def test_satisfaction_is_the_median_and_distribution_of_the_answers(
    twelve: list[PlanFacts],
) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.SATISFACTION, "2025")
    assert figure.plans == 10
    assert figure.value == 8
    assert figure.distribution == {
        0: 0,
        1: 0,
        2: 0,
        3: 1,
        4: 0,
        5: 1,
        6: 1,
        7: 2,
        8: 3,
        9: 2,
        10: 1,
    }


def test_going_on_without_help_is_the_share_of_yes(twelve: list[PlanFacts]) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.GOING_ON, "2025-K1")
    assert (figure.plans, figure.value) == (10, pytest.approx(0.6))


def test_no_new_start_within_twelve_months_of_the_end(twelve: list[PlanFacts]) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.NO_NEW_START, "2025-K1", ORG, HelpType.IN_KIND)
    assert (figure.plans, figure.value) == (12, pytest.approx(11 / 12))


def test_no_new_start_waits_until_twelve_months_have_passed(twelve: list[PlanFacts]) -> None:
    early = compute(twelve, ENDED + datetime.timedelta(days=200))
    assert early.figure(Indicator.NO_NEW_START, "2025-K1").plans == 0


def test_problems_reduced_is_the_average_change_from_first_to_last_score(
    twelve: list[PlanFacts],
) -> None:
    figure = compute(twelve, TODAY).figure(
        Indicator.PROBLEMS_REDUCED, "2025-K1", ALL, ALL, Framework.VOLUNTARY
    )
    assert (figure.plans, figure.value) == (11, pytest.approx(32 / 11))


def test_goals_reached_is_the_share_of_all_goals(twelve: list[PlanFacts]) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.GOALS_REACHED, "2025-K1")
    assert (figure.plans, figure.value) == (12, pytest.approx(21 / 24))


def test_a_cell_of_fewer_than_ten_plans_shows_nothing(twelve: list[PlanFacts]) -> None:
    """Issue 15: a cell resting on fewer than 10 plans is "< 10": no value, no
    distribution. The satisfaction cell for 2025-K1 rests on 10 plans; take two away."""
    for plan in twelve[:2]:
        plan.usefulness = []
    figure = compute(twelve, TODAY).figure(Indicator.SATISFACTION, "2025-K1")
    assert figure.plans == 8 and figure.hidden
    assert figure.value is None and figure.distribution == {}


def test_open_plans_and_plans_without_a_provider_are_placed_apart(twelve: list[PlanFacts]) -> None:
    twelve.append(closed_plan(200, organisation=NO_PROVIDER, help_type=HelpType.NONE))
    indicators = compute(twelve, TODAY)
    assert indicators.figure(Indicator.GOALS_REACHED, "2025-K1", NO_PROVIDER).plans == 0
    assert indicators.figure(Indicator.DROP_OUT, "2025-K1", NO_PROVIDER).plans == 1
    assert indicators.figure(Indicator.DROP_OUT, "2025-K1").plans == 12


def test_a_quarter_counts_only_once_it_is_over(twelve: list[PlanFacts]) -> None:
    """Issue 15: figures of the running quarter would grow day by day, and two readings
    would single out the plan that closed in between. A plan counts once its quarter ends."""
    during = compute(twelve, datetime.date(2025, 3, 31))
    assert during.figure(Indicator.GOALS_REACHED, "2025-K1").plans == 0
    after = compute(twelve, datetime.date(2025, 4, 1))
    assert after.figure(Indicator.GOALS_REACHED, "2025-K1").plans == 12


def test_no_new_start_counts_a_whole_quarter_at_once(twelve: list[PlanFacts]) -> None:
    """3.2 opens for the quarter twelve months after it ended, for every plan in it at
    once, so the figure does not change as single plans pass their twelve months."""
    twelve[0].closed_on = twelve[0].help_ended_on = datetime.date(2025, 3, 30)
    before = compute(twelve, datetime.date(2026, 3, 30))
    assert before.figure(Indicator.NO_NEW_START, "2025-K1").plans == 0
    after = compute(twelve, datetime.date(2026, 4, 1))
    assert after.figure(Indicator.NO_NEW_START, "2025-K1").plans == 12


def test_family_group_plan_offered_is_the_share_of_plans_r11(twelve: list[PlanFacts]) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.GROUP_PLAN_OFFERED, "2025-K1", ORG)
    assert (figure.plans, figure.value) == (12, pytest.approx(9 / 12))


def test_family_group_plan_made_counts_accepted_and_written_r11(twelve: list[PlanFacts]) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.GROUP_PLAN_MADE, "2025")
    assert (figure.plans, figure.value) == (12, pytest.approx(4 / 12))


def test_professionals_per_plan_is_the_average(twelve: list[PlanFacts]) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.PROFESSIONALS, "2025-K1")
    assert (figure.plans, figure.value) == (12, pytest.approx(28 / 12))


def test_decisions_in_time_is_the_share_of_decided_applications_r15(
    twelve: list[PlanFacts],
) -> None:
    figure = compute(twelve, TODAY).figure(Indicator.DECISIONS_IN_TIME, "2025-K1", ORG)
    assert (figure.plans, figure.value) == (11, pytest.approx(11 / 12))


def test_process_figures_count_once_the_quarter_is_over(twelve: list[PlanFacts]) -> None:
    """The process figures follow the same rule as the outcomes: closed plans, counted in
    their closing quarter once it is over, and hidden under 10 plans."""
    during = compute(twelve, datetime.date(2025, 3, 31))
    assert during.figure(Indicator.PROFESSIONALS, "2025-K1").plans == 0
    for plan in twelve[:3]:
        plan.decisions = []
    figure = compute(twelve, TODAY).figure(Indicator.DECISIONS_IN_TIME, "2025-K1")
    assert figure.plans == 8 and figure.hidden and figure.value is None


def test_a_small_quarter_cannot_be_read_off_two_readings_of_its_year() -> None:
    """Issue 15 "two periods": ten plans closed in 2026-K1, then two that stopped early in
    2026-K2. Read in May, the year shows the ten; were it shown in August, its drop-out
    minus May's would tell that both families of quarter 2 stopped early."""
    first = [closed_plan(n, help_ended_on=datetime.date(2026, 2, 1)) for n in range(10)]
    late = [
        closed_plan(
            20 + n, help_ended_on=datetime.date(2026, 5, 1), ending=HelpEnding.STOPPED_BY_FAMILY
        )
        for n in range(2)
    ]
    may = compute(first + late, datetime.date(2026, 5, 15)).figure(Indicator.DROP_OUT, "2026")
    august = compute(first + late, datetime.date(2026, 8, 15))
    assert (may.plans, may.hidden) == (10, False)
    assert august.figure(Indicator.DROP_OUT, "2026").hidden
    assert august.figure(Indicator.DROP_OUT, "2026-K2").hidden
    assert august.figure(Indicator.DROP_OUT, "2026-K1").value == 0.0
