"""Plans per step (issue 15): how many plans were in each of the eight steps at the end of
each quarter that is over, per organisation, type of help and framework.

A plan counts at the end of a quarter when it was opened on or before that day and not yet
closed; its step then is the one its step moves (StepChange) had brought it to by that day.
The moves and the opening and closing days never change afterwards, so two readings on
different days give the same figure for a quarter, and the running quarter is not shown:
nobody can watch one plan move. Organisation, type of help and framework are the plan's
current ones (its latest decision about help), as in the outcome indicators' cube. These
can change after the quarter (a new decision, a child-protection measure), so a quarter's
counts are kept as first counted (FrozenStepCounts) and every later reading shows those:
comparing two readings never shows the one plan that changed.

Every count is suppressed like the indicators (regie.insight.suppression), in a cube of
its own: one quarter × step × organisation × type of help × framework. The quarter has no
year above it: a year's plans per step would count the same plan up to four times. As no
cell spans two quarters, each quarter's blocks are formed on their own. The units here are
a plan at the end of a quarter, those of the indicators a plan closed in a quarter: at a
quarter's end a plan is open or was closed, never both, so no cell of one cube lies inside
a cell of the other, and subtracting them separates no group of plans (docs/indicators.md).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from regie.insight.facts import PlanFacts
from regie.insight.indicators import ALL, flat_dimension, quarter_end, quarter_of
from regie.insight.suppression import MINIMUM, Cell, Dimension, cells_of, hidden_cells
from regie.plans.models import Step


@dataclass(frozen=True)
class StepCount:
    plans: int = 0
    hidden: bool = False


@dataclass
class PlansPerStep:
    """The counts of every quarter; `count(...)` reads one cell."""

    quarters: list[str]  # oldest first
    dimensions: Sequence[Dimension]  # step, organisation, type of help, framework
    counts: Mapping[tuple[str, Cell], StepCount]
    # The quarters counted now, not kept yet: per quarter, plans per leaf.
    new: Mapping[str, Mapping[Cell, int]] = field(default_factory=dict)

    def quarter_for(self, period: str) -> str | None:
        """The quarter a period's plans per step are shown for: a quarter itself, or a
        year's last quarter that is over; None when there is none."""
        if period in self.quarters:
            return period
        in_year = [quarter for quarter in self.quarters if quarter[:4] == period]
        return in_year[-1] if in_year else None

    def count(self, quarter: str, step: object, *rest: object) -> StepCount:
        """One cell; `rest` is the organisation, type of help and framework, each all
        when left out."""
        cell = (step, *rest, *(ALL,) * (3 - len(rest)))
        return self.counts.get((quarter, cell), StepCount())


def step_on(plan: PlanFacts, day: datetime.date) -> int:
    """The plan's step at the end of `day`, from its moves (the current step for a plan
    without recorded moves)."""
    step: int | None = None
    for moved_on, from_step, to_step in plan.step_moves:
        if moved_on > day:
            return step or from_step or to_step
        step = to_step
    return step or plan.step


def quarter_ends(plans: Sequence[PlanFacts], today: datetime.date) -> list[datetime.date]:
    """The last day of every quarter that is over, from the first plan's opening."""
    if not plans:
        return []
    ends = []
    end = quarter_end(min(plan.opened_on for plan in plans))
    while end < today:
        ends.append(end)
        end = quarter_end(end + datetime.timedelta(days=1))
    return ends


def leaves(
    plans: Sequence[PlanFacts], today: datetime.date, skip: Collection[str] = ()
) -> Iterator[tuple[int, str, Cell]]:
    """Each plan open at the end of a quarter (but those in `skip`): (plan, quarter, its
    leaf)."""
    for end in quarter_ends(plans, today):
        if quarter_of(end) in skip:
            continue
        for plan in plans:
            if plan.opened_on > end or (plan.is_closed and (plan.closed_on or end) <= end):
                continue
            leaf = (step_on(plan, end), plan.organisation, plan.help_type, plan.framework)
            yield plan.plan_id, quarter_of(end), leaf


def compute_steps(
    plans: Sequence[PlanFacts],
    today: datetime.date,
    minimum: int = MINIMUM,
    frozen: Mapping[str, Mapping[Cell, int]] | None = None,
) -> PlansPerStep:
    """The counts of every quarter that is over; those in `frozen` (per quarter, plans
    per leaf) as they were first counted, the others counted now (in `.new`)."""
    frozen = frozen or {}
    new: dict[str, dict[Cell, int]] = {
        quarter_of(end): defaultdict(int)
        for end in quarter_ends(plans, today)
        if quarter_of(end) not in frozen
    }
    for _plan, quarter, leaf in leaves(plans, today, skip=frozen.keys()):
        new[quarter][leaf] += 1
    per_quarter = {**frozen, **new}
    values: list[set[object]] = [set(), set(), set()]
    for leaf_counts in per_quarter.values():
        for leaf in leaf_counts:
            for axis, value in enumerate(leaf[1:]):
                values[axis].add(value)
    dimensions = (
        flat_dimension("step", Step.values),
        *(
            flat_dimension(name, axis_values)
            for name, axis_values in zip(
                ("organisation", "help_type", "framework"), values, strict=True
            )
        ),
    )
    counts: dict[tuple[str, Cell], StepCount] = {}
    for quarter, leaf_counts in per_quarter.items():
        totals: dict[Cell, int] = defaultdict(int)
        for leaf, number in leaf_counts.items():
            for cell in cells_of(leaf, dimensions):
                totals[cell] += number
        hidden = hidden_cells(leaf_counts, dimensions, minimum)
        for cell, number in totals.items():
            counts[(quarter, cell)] = StepCount(number, cell in hidden)
    return PlansPerStep(
        sorted(per_quarter), dimensions, counts, {q: dict(c) for q, c in new.items()}
    )
