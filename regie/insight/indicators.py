"""The harmonised outcome indicators of Dutch youth care, computed from the plans (issue
15), per cell of period × organisation × type of help × framework, with small cells
hidden (regie.insight.suppression).

The indicators, over the plans whose help ended in the period:
1    drop-out: share of plans whose help ended early without agreement (stopped by the
     family or by the provider), of the plans with a recorded ending;
2    satisfaction: the family's 0–10 for how useful the help was: median and distribution;
3.1  going on without help: share of the family's answers "yes" (and "partly", "no");
3.2  no new start: share of plans whose family opened no new plan within 12 months after
     the help ended, of the plans that ended at least 12 months ago;
3.3  problems reduced: the change in goal scores from the first to the last evaluation
     (per plan the average over its goals, then the average over the plans);
3.4  goals reached: share of the goals of the plans that were reached.

And four figures about the process (issue 15 "Also"), over the same closed plans:
P1   family group plan offered: share of the plans in which one was offered (R11);
P2   family group plan made: share of the plans whose family accepted and wrote one;
P3   professionals per plan: the average number of distinct professionals who took part;
P4   decisions in time: share of the decided applications decided by their deadline (R15).

Every indicator counts its own plans (its denominator); a figure is hidden when its cell
is hidden for that indicator.

A plan counts in the quarter in which it was closed, and only once that quarter is over;
3.2 only once twelve months have passed after the quarter, when every plan in it has had
its full year. So a quarter's figures do not grow day by day, and comparing two readings
does not single out the plan that closed in between (issue 15).
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from regie.insight.facts import PlanFacts
from regie.insight.suppression import MINIMUM, Cell, Dimension, cells_of, hidden_cells
from regie.plans.models import DROP_OUT_ENDINGS, GoalStatus, GoingOn

ALL = "*"
REPEAT_WINDOW = datetime.timedelta(days=365)  # 3.2: no new plan within 12 months


class Indicator(StrEnum):
    DROP_OUT = "1"
    SATISFACTION = "2"
    GOING_ON = "3.1"
    NO_NEW_START = "3.2"
    PROBLEMS_REDUCED = "3.3"
    GOALS_REACHED = "3.4"
    GROUP_PLAN_OFFERED = "P1"
    GROUP_PLAN_MADE = "P2"
    PROFESSIONALS = "P3"
    DECISIONS_IN_TIME = "P4"


@dataclass
class Figure:
    """One indicator in one cell: how many plans it rests on and, unless hidden, its value
    (a share 0–1, a median or an average change) and the counts behind it."""

    plans: int = 0
    hidden: bool = False
    numerator: float = 0.0
    denominator: float = 0.0
    values: list[int] = field(default_factory=list)  # satisfaction: every answer

    @property
    def value(self) -> float | None:
        if self.hidden or not self.plans:
            return None
        if self.values:
            return float(statistics.median(self.values))
        return self.numerator / self.denominator if self.denominator else None

    @property
    def distribution(self) -> dict[int, int]:
        if self.hidden:
            return {}
        return {score: self.values.count(score) for score in range(11)}


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def quarter_end(day: datetime.date) -> datetime.date:
    """The last day of the quarter `day` is in."""
    first_of_next = datetime.date(
        day.year + (day.month > 9), (((day.month - 1) // 3 + 1) % 4) * 3 + 1, 1
    )
    return first_of_next - datetime.timedelta(days=1)


def period_dimension(years: Iterable[int]) -> Dimension:
    parents: dict[object, object | None] = {}
    for year in sorted(years):
        parents[str(year)] = None
        for quarter in range(1, 5):
            parents[f"{year}-K{quarter}"] = str(year)
    return Dimension("period", parents)


def flat_dimension(name: str, values: Iterable[object]) -> Dimension:
    parents: dict[object, object | None] = {ALL: None}
    parents.update({value: ALL for value in values})
    return Dimension(name, parents)


# Per indicator: does the plan count, and what it adds (numerator, denominator, answers).
Contribution = tuple[float, float, list[int]] | None


def _drop_out(plan: PlanFacts, today: datetime.date) -> Contribution:
    if not plan.ending:
        return None
    return (1.0 if plan.ending in DROP_OUT_ENDINGS else 0.0), 1.0, []


def _satisfaction(plan: PlanFacts, today: datetime.date) -> Contribution:
    return (0.0, 0.0, list(plan.usefulness)) if plan.usefulness else None


def _going_on(plan: PlanFacts, today: datetime.date) -> Contribution:
    if not plan.going_on:
        return None
    return float(plan.going_on.count(GoingOn.YES)), float(len(plan.going_on)), []


def _goals_reached(plan: PlanFacts, today: datetime.date) -> Contribution:
    if not plan.goal_statuses:
        return None
    reached = plan.goal_statuses.count(GoalStatus.REACHED)
    return float(reached), float(len(plan.goal_statuses)), []


def _problems_reduced(plan: PlanFacts, today: datetime.date) -> Contribution:
    if not plan.goal_changes:
        return None
    change = statistics.fmean(last - first for first, last in plan.goal_changes)
    return change, 1.0, []


def _group_plan_offered(plan: PlanFacts, today: datetime.date) -> Contribution:
    return (1.0 if plan.group_plan_offered else 0.0), 1.0, []


def _group_plan_made(plan: PlanFacts, today: datetime.date) -> Contribution:
    return (1.0 if plan.group_plan_made else 0.0), 1.0, []


def _professionals(plan: PlanFacts, today: datetime.date) -> Contribution:
    return float(plan.professionals), 1.0, []


def _decisions_in_time(plan: PlanFacts, today: datetime.date) -> Contribution:
    if not plan.decisions:
        return None
    in_time = sum(decided_on <= deadline for decided_on, deadline in plan.decisions)
    return float(in_time), float(len(plan.decisions)), []


CONTRIBUTIONS: dict[Indicator, Callable[[PlanFacts, datetime.date], Contribution]] = {
    Indicator.DROP_OUT: _drop_out,
    Indicator.SATISFACTION: _satisfaction,
    Indicator.GOING_ON: _going_on,
    Indicator.GOALS_REACHED: _goals_reached,
    Indicator.PROBLEMS_REDUCED: _problems_reduced,
    Indicator.GROUP_PLAN_OFFERED: _group_plan_offered,
    Indicator.GROUP_PLAN_MADE: _group_plan_made,
    Indicator.PROFESSIONALS: _professionals,
    Indicator.DECISIONS_IN_TIME: _decisions_in_time,
}


# One indicator's figures per leaf of one quarter (organisation, type of help, framework
# and the quarter itself): what the outcomes keep of a quarter once it is settled.
QuarterLeaves = dict[Cell, Figure]


@dataclass
class Indicators:
    """All figures of the cube; `figure(...)` reads one cell."""

    dimensions: Sequence[Dimension]
    figures: Mapping[Indicator, Mapping[Cell, Figure]]
    # The (quarter, indicator) parts counted now and settled, not kept yet.
    new: Mapping[tuple[str, Indicator], QuarterLeaves] = field(default_factory=dict)

    def figure(
        self,
        indicator: Indicator,
        period: str,
        organisation: object = ALL,
        help_type: object = ALL,
        framework: object = ALL,
    ) -> Figure:
        cell = (period, organisation, help_type, framework)
        return self.figures[indicator].get(cell, Figure())


def compute(
    plans: Sequence[PlanFacts],
    today: datetime.date,
    minimum: int = MINIMUM,
    frozen: Mapping[tuple[str, Indicator], QuarterLeaves] | None = None,
) -> Indicators:
    """The cube of every indicator. A (quarter, indicator) in `frozen` is taken as kept
    when first settled; the others are counted from `plans`, and those now settled are
    in `.new`, to be kept."""
    frozen = frozen or {}
    counted = _leaf_figures(plans, today, skip=frozen.keys())
    parts = {**counted, **frozen}
    leaves = [leaf for part in parts.values() for leaf in part]
    dimensions = (
        period_dimension({int(str(leaf[0])[:4]) for leaf in leaves}),
        *(
            flat_dimension(name, values)
            for name, values in zip(
                ("organisation", "help_type", "framework"),
                _values(plans, leaves),
                strict=True,
            )
        ),
    )
    cube = _empty_cube(dimensions)
    figures: dict[Indicator, dict[Cell, Figure]] = {}
    for indicator in Indicator:
        cells = {cell: Figure() for cell in cube}
        counts: dict[Cell, int] = {}
        for (_quarter, which), part in parts.items():
            if which is not indicator:
                continue
            for leaf, sums in part.items():
                counts[leaf] = sums.plans
                for cell in cells_of(leaf, dimensions):
                    figure = cells[cell]
                    figure.plans += sums.plans
                    figure.numerator += sums.numerator
                    figure.denominator += sums.denominator
                    figure.values.extend(sums.values)
        for cell in hidden_cells(counts, dimensions, minimum, apart=0):
            cells[cell].hidden = True
        figures[indicator] = cells
    settled = {key: part for key, part in counted.items() if _settled(*key, today)}
    return Indicators(dimensions, figures, settled)


def _leaf_figures(
    plans: Sequence[PlanFacts], today: datetime.date, skip: Collection[tuple[str, Indicator]]
) -> dict[tuple[str, Indicator], QuarterLeaves]:
    """Per (quarter, indicator) not in `skip`, the sums per leaf of the plans closed in a
    quarter that is over."""
    opened = _openings_per_family(plans)
    parts: dict[tuple[str, Indicator], QuarterLeaves] = {}
    for plan in plans:
        if not plan.is_closed or plan.closed_on is None or plan.help_ended_on is None:
            continue
        if quarter_end(plan.closed_on) >= today:
            continue
        leaf = _leaf_of(plan)
        for indicator in Indicator:
            if (leaf[0], indicator) in skip:
                continue
            contribution = (
                _no_new_start(plan, today, opened)
                if indicator is Indicator.NO_NEW_START
                else CONTRIBUTIONS[indicator](plan, today)
            )
            if contribution is None:
                continue
            numerator, denominator, answers = contribution
            sums = parts.setdefault((str(leaf[0]), indicator), {}).setdefault(leaf, Figure())
            sums.plans += 1
            sums.numerator += numerator
            sums.denominator += denominator
            sums.values.extend(answers)
    return parts


def _settled(quarter: str, indicator: Indicator, today: datetime.date) -> bool:
    """Whether a quarter's figures for `indicator` are final: the quarter is over (it is
    counted only then), and for 3.2 the twelve months after it too."""
    if indicator is not Indicator.NO_NEW_START:
        return True
    year, number = int(quarter[:4]), int(quarter[-1])
    return quarter_end(datetime.date(year, number * 3, 1)) + REPEAT_WINDOW <= today


def _values(plans: Sequence[PlanFacts], leaves: Iterable[Cell]) -> list[set[object]]:
    """Organisations, types of help and frameworks of every plan and kept leaf."""
    values: list[set[object]] = [set(), set(), set()]
    for plan in plans:
        for axis, value in enumerate((plan.organisation, plan.help_type, plan.framework)):
            values[axis].add(value)
    for leaf in leaves:
        for axis, value in enumerate(leaf[1:]):
            values[axis].add(value)
    return values


def _no_new_start(
    plan: PlanFacts, today: datetime.date, opened: Mapping[int, list[datetime.date]]
) -> Contribution:
    ended = plan.help_ended_on
    if ended is None or plan.closed_on is None:
        return None
    if quarter_end(plan.closed_on) + REPEAT_WINDOW > today:
        return None
    again = any(ended < day <= ended + REPEAT_WINDOW for day in opened[plan.family_id])
    return (0.0 if again else 1.0), 1.0, []


def _openings_per_family(plans: Iterable[PlanFacts]) -> dict[int, list[datetime.date]]:
    opened: dict[int, list[datetime.date]] = {}
    for plan in plans:
        opened.setdefault(plan.family_id, []).append(plan.opened_on)
    return opened


def _empty_cube(dimensions: Sequence[Dimension]) -> list[Cell]:
    cells: list[Cell] = [()]
    for dimension in dimensions:
        cells = [(*cell, value) for cell in cells for value in dimension.parents]
    return cells


def _leaf_of(plan: PlanFacts) -> Cell:
    assert plan.closed_on is not None  # noqa: S101  # only closed plans are placed
    return (quarter_of(plan.closed_on), plan.organisation, plan.help_type, plan.framework)
