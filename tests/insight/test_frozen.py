"""Issue 15, figures that do not move: a quarter's outcomes are kept as first settled, so
a plan destroyed early (A8) or purged after 20 years does not change a figure someone has
read already; two readings side by side would otherwise show what that one plan held."""

from __future__ import annotations

import datetime

import pytest

from regie.access.policy.accounts import IndicatorScope
from regie.insight.facts import PlanFacts
from regie.insight.indicators import Indicator, compute
from regie.insight.models import FrozenOutcomes
from regie.insight.report import build_report
from tests.insight.test_indicators import TODAY, twelve  # noqa: F401  # the fixture

pytestmark = pytest.mark.django_db

ALL_PLANS = IndicatorScope(organisation_id=None)
SUMMER = datetime.date(2025, 7, 1)  # 2025-K1 is over, its twelve months are not


def _drop_out(day: datetime.date) -> tuple[int, str]:
    row = {r.indicator: r for r in build_report(ALL_PLANS, day).rows("2025-K1", *"***")}
    return row[Indicator.DROP_OUT].figure.plans, row[Indicator.DROP_OUT].shown


def test_a_destroyed_plan_leaves_a_quarters_figures_as_they_were_read(
    twelve: list[PlanFacts],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plans = list(twelve)
    monkeypatch.setattr("regie.insight.report.read_facts", lambda: plans)
    # 3 of the 11 recorded endings were early: 27%.
    assert _drop_out(SUMMER) == (11, "27%")
    kept = {indicator for _quarter, indicator in FrozenOutcomes.read()}
    assert kept == set(Indicator) - {Indicator.NO_NEW_START}  # 3.2 is not settled yet

    plans.remove(twelve[0])  # stopped early by the family; its family asks to destroy it
    assert compute(plans, SUMMER).figure(Indicator.DROP_OUT, "2025-K1").plans == 10
    assert _drop_out(SUMMER + datetime.timedelta(days=60)) == (11, "27%")


def test_no_new_start_is_kept_once_its_twelve_months_are_over(
    twelve: list[PlanFacts],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("regie.insight.report.read_facts", lambda: twelve)
    build_report(ALL_PLANS, SUMMER)
    assert ("2025-K1", Indicator.NO_NEW_START) not in FrozenOutcomes.read()
    report = build_report(ALL_PLANS, TODAY)
    kept = FrozenOutcomes.read()[("2025-K1", Indicator.NO_NEW_START)]
    assert sum(sums.plans for sums in kept.values()) == 12
    # 11 of 12 families did not start again within a year (test_indicators works it out).
    figure = report.indicators.figure(Indicator.NO_NEW_START, "2025-K1")
    assert (figure.numerator, figure.denominator) == (11.0, 12.0)
