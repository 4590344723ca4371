"""Issue 15 "Also": plans per step at the end of each quarter that is over, reconstructed
from the step moves, compared with counts worked out by hand; the same figures on any
later day; and no small group revealed by differencing, within the step counts or
against the outcome indicators."""

from __future__ import annotations

import datetime

import pytest

from regie.access.policy.accounts import IndicatorScope
from regie.insight.facts import PlanFacts
from regie.insight.indicators import ALL, Indicator, compute
from regie.insight.models import FrozenStepCounts
from regie.insight.report import build_report
from regie.insight.steps import StepCount, compute_steps, leaves
from regie.insight.suppression import MINIMUM
from regie.plans.models import Framework
from tests.insight.attacks import separable_groups
from tests.insight.test_indicators import ORG, TODAY, closed_plan

Day = datetime.date


def plan_with_moves(
    number: int,
    opened_on: Day,
    *moves: tuple[Day, int],
    closed_on: Day | None = None,
    **facts: object,
) -> PlanFacts:
    """A plan opened in step 1 that moved to each (day, step) in turn."""
    steps: list[tuple[Day, int | None, int]] = [(opened_on, None, 1)]
    for day, step in moves:
        steps.append((day, steps[-1][2], step))
    return closed_plan(
        number,
        opened_on=opened_on,
        step=steps[-1][2],
        step_moves=steps,
        is_closed=closed_on is not None,
        closed_on=closed_on,
        help_ended_on=closed_on,
        **facts,
    )


@pytest.fixture
def fifteen() -> list[PlanFacts]:
    """Plans 1-12 opened on 15 January 2025 and went to step 2 on 1 February; plans 1-6
    to step 3 on 31 March (the last day of 2025-K1), plans 7-12 on 1 April. Plan 13
    opened on 31 March, plan 14 on 1 April. Plan 15 was closed on 31 March."""
    opened = Day(2025, 1, 15)
    plans = [
        plan_with_moves(
            n, opened, (Day(2025, 2, 1), 2), (Day(2025, 3, 31) if n <= 6 else Day(2025, 4, 1), 3)
        )
        for n in range(1, 13)
    ]
    plans.append(plan_with_moves(13, Day(2025, 3, 31)))
    plans.append(plan_with_moves(14, Day(2025, 4, 1)))
    plans.append(
        plan_with_moves(15, Day(2025, 1, 10), (Day(2025, 1, 20), 2), closed_on=Day(2025, 3, 31))
    )
    return plans


def test_plans_per_step_at_the_end_of_each_quarter(fifteen: list[PlanFacts]) -> None:
    """End of 2025-K1: step 1 plan 13; step 2 plans 7-12 (they move on 1 April); step 3
    plans 1-6 (moved on the last day); plan 15 closed that day, plan 14 not yet open:
    1 + 6 + 6 = 13. End of 2025-K2: step 1 plans 13 and 14, step 3 plans 1-12: 14, and so
    every quarter after, up to 2026-K3, the last one over on 1 December 2026."""
    steps = compute_steps(fifteen, TODAY, minimum=1)
    assert (steps.quarters[0], steps.quarters[-1]) == ("2025-K1", "2026-K3")
    k1 = [steps.count("2025-K1", step).plans for step in (1, 2, 3, 4, ALL)]
    assert k1 == [1, 6, 6, 0, 13]
    for quarter in ("2025-K2", "2026-K3"):
        counts = [steps.count(quarter, step).plans for step in (1, 2, 3, ALL)]
        assert counts == [2, 0, 12, 14]
    assert steps.count("2025-K1", 3, ORG, ALL, Framework.VOLUNTARY).plans == 6


def test_a_year_shows_its_last_quarter_that_is_over(fifteen: list[PlanFacts]) -> None:
    steps = compute_steps(fifteen, TODAY)
    assert steps.quarter_for("2025") == "2025-K4"
    assert steps.quarter_for("2026") == "2026-K3"  # 2026-K4 is still running
    assert steps.quarter_for("2025-K2") == "2025-K2"
    assert steps.quarter_for("2024") is None


def test_two_readings_give_the_same_figures_and_the_running_quarter_is_not_shown(
    fifteen: list[PlanFacts],
) -> None:
    """Read on 1 July 2025 and again later, after plan 1 closed and plan 2 moved on in
    2025-K3: the quarters that were over are unchanged, and 2025-K3 was not shown while
    it ran, so nobody watches one plan move."""
    early = compute_steps(fifteen, Day(2025, 7, 1), minimum=1)
    assert early.quarters == ["2025-K1", "2025-K2"]
    fifteen[0].is_closed, fifteen[0].closed_on = True, Day(2025, 8, 1)
    fifteen[1].step_moves.append((Day(2025, 9, 1), 3, 4))
    late = compute_steps(fifteen, TODAY, minimum=1)
    for quarter in early.quarters:
        for step in (1, 2, 3, 4, ALL):
            assert early.count(quarter, step) == late.count(quarter, step)
    assert late.count("2025-K3", 4).plans == 1


def test_a_step_of_fewer_than_ten_plans_is_hidden_and_so_is_its_complement(
    fifteen: list[PlanFacts],
) -> None:
    """End of 2025-K2: step 3 holds 12 plans, step 1 holds 2. Showing step 3 beside the
    total of 14 would reveal step 1 (14 - 12), so both are hidden; the total is shown."""
    steps = compute_steps(fifteen, TODAY)
    assert steps.count("2025-K2", 1).hidden and steps.count("2025-K2", 3).hidden
    assert steps.count("2025-K2", ALL) == StepCount(plans=14, hidden=False)


# Plans open at the end of 2025-K1 per (step, organisation, framework), with small
# corners; and twelve plans of organisation 1 that closed during 2025-K1.
V, C = Framework.VOLUNTARY, Framework.COMPULSORY
LEAF_COUNTS = {
    (2, 1, V): 14,
    (2, 1, C): 3,
    (3, 1, V): 12,
    (3, 2, V): 1,
    (5, 2, C): 11,
    (5, 1, V): 4,
    (7, 2, V): 15,
}


@pytest.fixture
def quarter() -> list[PlanFacts]:
    plans: list[PlanFacts] = []
    opened = Day(2025, 1, 15)
    for (step, organisation, framework), count in LEAF_COUNTS.items():
        for _ in range(count):
            plans.append(
                plan_with_moves(
                    len(plans) + 1,
                    opened,
                    (Day(2025, 2, 1), step),
                    organisation=organisation,
                    framework=framework,
                )
            )
    for framework in [V] * 9 + [C] * 3:
        plans.append(
            plan_with_moves(
                len(plans) + 1,
                opened,
                (Day(2025, 2, 1), 3),
                closed_on=Day(2025, 3, 1),
                organisation=1,
                framework=framework,
            )
        )
    return plans


def shown_step_cells(plans: list[PlanFacts], period: str) -> list[frozenset[int]]:
    """The plans in each shown cell with plans of the steps at the end of `period`."""
    steps = compute_steps(plans, TODAY)
    members: dict[tuple[object, ...], set[int]] = {}
    for plan_id, quarter, leaf in leaves(plans, TODAY):
        if quarter == period:
            for step in (leaf[0], ALL):
                for organisation in (leaf[1], ALL):
                    for help_type in (leaf[2], ALL):
                        for framework in (leaf[3], ALL):
                            cell = (step, organisation, help_type, framework)
                            members.setdefault(cell, set()).add(plan_id)
    return [
        frozenset(plan_ids)
        for cell, plan_ids in members.items()
        if not steps.count(period, *cell).hidden
    ]


def test_differencing_the_plans_per_step_reveals_no_small_group(
    quarter: list[PlanFacts],
) -> None:
    shown = shown_step_cells(quarter, "2025-K1")
    assert frozenset(range(1, 61)) in shown  # all 60 open plans
    for group in separable_groups(shown):
        assert len(group) == 0 or len(group) >= MINIMUM, sorted(group)


def test_the_step_counts_cannot_be_differenced_against_the_indicators(
    quarter: list[PlanFacts],
) -> None:
    """A plan is open at the end of a quarter or was closed in it, never both: no cell of
    the plans per step lies inside a cell of the indicators or the other way round, and
    no sum or difference of shown cells of both separates fewer than 10 plans."""
    indicators = compute(quarter, TODAY)
    closed = [plan for plan in quarter if plan.is_closed]
    outcome_cells = []
    for organisation in (1, ALL):
        for framework in (V, C, ALL):
            figure = indicators.figure(
                Indicator.PROFESSIONALS, "2025-K1", organisation, ALL, framework
            )
            if not figure.hidden and figure.plans:
                outcome_cells.append(
                    frozenset(
                        plan.plan_id
                        for plan in closed
                        if organisation in (ALL, plan.organisation)
                        and framework in (ALL, plan.framework)
                    )
                )
    assert frozenset(range(61, 73)) in outcome_cells  # the twelve closed plans
    step_cells = shown_step_cells(quarter, "2025-K1")
    assert all(not (a & b) for a in outcome_cells for b in step_cells)
    for group in separable_groups(step_cells + outcome_cells, most=2):
        assert len(group) == 0 or len(group) >= MINIMUM, sorted(group)


def shown_figures(plans: list[PlanFacts]) -> dict[object, object]:
    """Everything the page and the CSV show about the plans, in both cubes."""
    steps = compute_steps(plans, TODAY)
    shown: dict[object, object] = {
        key: count.plans for key, count in steps.counts.items() if not count.hidden
    }
    indicators = compute(plans, TODAY)
    for indicator, cells in indicators.figures.items():
        for cell, figure in cells.items():
            if not figure.hidden:
                shown[(indicator, cell)] = (figure.plans, figure.value)
    return shown


def test_a_quarter_minus_the_next_closings_does_not_give_a_hidden_count(
    quarter: list[PlanFacts],
) -> None:
    """From one quarter's end to the next, plans close (shown in blocks) and open (never
    shown). In 2025-K2 twelve plans of organisation 1 close and three plans of
    organisation 2 open in step 1; in one world two of them are voluntary, in the other
    one. Every figure shown, in both cubes and every quarter, is the same in both worlds,
    yet the hidden count of organisation 2's voluntary plans in step 1 is 2 or 1: no
    combination of shown figures can tell it."""
    for plan in quarter[:12]:  # in step 2, at organisation 1, voluntary
        plan.is_closed, plan.closed_on = True, Day(2025, 5, 1)
        plan.help_ended_on = plan.closed_on

    def world(voluntary: int) -> list[PlanFacts]:
        frameworks = [V] * voluntary + [C] * (3 - voluntary)
        return [
            *quarter,
            *(
                plan_with_moves(100 + n, Day(2025, 5, 10), organisation=2, framework=framework)
                for n, framework in enumerate(frameworks)
            ),
        ]

    first, second = world(2), world(1)
    assert shown_figures(first) == shown_figures(second)
    for plans, voluntary in ((first, 2), (second, 1)):
        count = compute_steps(plans, TODAY).count("2025-K2", 1, 2, ALL, V)
        assert count.hidden
        assert count == StepCount(voluntary, hidden=True)
    assert compute(first, TODAY).figure(Indicator.PROFESSIONALS, "2025-K2", 1).plans == 12


@pytest.mark.django_db
def test_a_later_change_to_a_plan_does_not_change_a_quarter_already_read(
    fifteen: list[PlanFacts], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15, two readings: the quarter's counts are kept as first read. Without that, a
    plan in step 3 at the end of 2025-K1 that later got a child-protection measure would
    move one plan from the voluntary to the compulsory count of that past quarter, and
    the two readings side by side would tell it."""
    monkeypatch.setattr("regie.insight.report.read_facts", lambda: fifteen)
    scope = IndicatorScope(organisation_id=None)
    before = build_report(scope, TODAY).steps
    assert before.count("2025-K1", 3, ORG, ALL, Framework.VOLUNTARY).plans == 6
    assert FrozenStepCounts.objects.filter(quarter="2025-K1").exists()

    fifteen[0].framework = Framework.COMPULSORY  # plan 1, in step 3 at the end of 2025-K1
    assert (
        compute_steps(fifteen, TODAY).count("2025-K1", 3, ORG, ALL, Framework.VOLUNTARY).plans == 5
    )
    after = build_report(scope, TODAY + datetime.timedelta(days=30)).steps
    assert {key: after.counts.get(key) for key in before.counts} == before.counts
