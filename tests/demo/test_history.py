"""The demo's history of closed plans (issue 15): the figures page shows real figures to
the municipality's policy officer and De Linde's quality officer, the plans went through
every step by the services and closed in past quarters, and no demo login ever finds one
of them in a caseload (A1)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.access import policy
from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.demo.history import PER_ORGANISATION, QUARTERS, history_quarters, history_size
from regie.demo.loader import demo_logins, load_demo
from regie.insight.indicators import Indicator
from regie.insight.report import Row
from regie.plans.models import (
    Application,
    ClosingVoice,
    Evaluation,
    FamilyGroupPlan,
    GroupPlanAnswer,
    Plan,
    PlanStatus,
    StepChange,
)
from tests.accounts.helpers import client_for

pytestmark = pytest.mark.django_db

EMPTY = "Er is nog geen plan afgesloten"


def figures(username: str, **cell: str) -> list[Row]:
    page = client_for(User.objects.get(username=username)).get(reverse("indicators"), cell)
    assert page.status_code == 200
    assert EMPTY not in page.content.decode()
    return list(page.context["rows"])


def test_the_policy_officer_and_de_lindes_quality_officer_see_real_figures() -> None:
    load_demo()
    newest = figures("gemeente.dekker")  # the newest year, every organisation
    by_indicator = {row.indicator: row for row in newest}
    # 3.2 waits a year after the quarter ("–"); every other figure of the year is shown.
    assert by_indicator.pop(Indicator.NO_NEW_START).shown == "–"
    assert all(row.figure.plans == 2 * PER_ORGANISATION for row in by_indicator.values())
    assert not any(row.figure.hidden for row in by_indicator.values())
    assert by_indicator[Indicator.GOALS_REACHED].shown.endswith("%")
    # The same quarter a year before also says whether families came back (3.2).
    first, _last = history_quarters(timezone.localdate(), QUARTERS)[0]
    year_before = figures(
        "gemeente.dekker", periode=str(first.year), organisatie="*", hulp="*", kader="*"
    )
    assert not {row.indicator: row for row in year_before}[Indicator.NO_NEW_START].figure.hidden
    own = [row for row in figures("kwaliteit.delinde") if row.indicator != Indicator.NO_NEW_START]
    assert {row.figure.plans for row in own} == {PER_ORGANISATION}
    assert not any(row.figure.hidden for row in own)
    # Compulsory help is there, in cells too small to show; so is De Linde a year before.
    compulsory = figures(
        "gemeente.dekker", periode=str(first.year), organisatie="*", hulp="*", kader="compulsory"
    )
    assert all(row.shown == "< 10" for row in compulsory)
    linde = User.objects.get(username="kwaliteit.delinde").organisation
    assert linde is not None
    small = figures(
        "kwaliteit.delinde",
        periode=str(first.year),
        organisatie=str(linde.public_id),
        hulp="*",
        kader="*",
    )
    assert all(row.shown == "< 10" for row in small)


def test_a1_r3_r20_history_plans_walked_every_step_and_stay_out_of_demo_caseloads() -> None:
    load_demo()
    today = timezone.localdate()
    quarters = history_quarters(today, QUARTERS)
    closed = Plan.objects.filter(status=PlanStatus.CLOSED)
    assert closed.count() == history_size(QUARTERS)
    every_step = [(None, 1), *((step, step + 1) for step in range(1, 8))]
    for plan in closed.select_related("family"):
        moves = StepChange.objects.filter(plan=plan).order_by("pk")
        assert list(moves.values_list("from_step", "to_step")) == every_step
        assert plan.closed_at is not None
        closed_on = timezone.localdate(plan.closed_at)
        assert any(first <= closed_on <= last for first, last in quarters)
        assert plan.help_ending and ClosingVoice.objects.filter(plan=plan).exists()
        assert Evaluation.objects.filter(plan=plan, held_on__isnull=False).count() == 2
    # The service logged the closing on the day it happened.
    logged = AccessLogEntry.objects.filter(event=Event.PLAN_CLOSED.code)
    assert {timezone.localdate(row.at) for row in logged} == {p.help_end_date for p in closed}
    # Some families came back within a year (3.2), some decisions came late (R15), and
    # families both took and declined a family group plan (R11).
    ended = {plan.pk: plan.help_end_date or today for plan in closed}
    assert any(
        datetime.timedelta(0) < later.opened_at.date() - ended[first.pk] < datetime.timedelta(365)
        for first in closed
        for later in closed
        if later.family_id == first.family_id
    )
    assert any(a.decided_on and a.decided_on > a.deadline for a in Application.objects.all())
    answers = set(FamilyGroupPlan.objects.values_list("answer", flat=True))
    assert {GroupPlanAnswer.ACCEPTED, GroupPlanAnswer.DECLINED} <= answers
    # A1: no demo login takes part in a history plan, so no caseload shows one.
    for login in demo_logins():
        assert not policy.visible_plans(User.objects.get(username=login.username)).filter(
            status=PlanStatus.CLOSED
        )
    workers = User.objects.filter(participations__plan__in=closed, organisation__isnull=False)
    assert not any(worker.has_usable_password() for worker in workers.distinct())
