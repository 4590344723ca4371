"""`seed_scale` (issue 13): invented families at scale that the app accepts as real plans.
Every seeded open plan opens for its coordinator and its parents (A1, R16), children get a
login only from 12 (A4), some families had a plan closed before (issue 15), and nothing
lands in the access log, which stays whole (A5)."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from regie.access import policy
from regie.access.models import AccessLogEntry
from regie.access.verify import verify_chain
from regie.demo.scale import BUSIEST_USERNAME, ScaleError, seed_scale
from regie.families.models import Family
from regie.plans.models import (
    ClosingVoice,
    Entry,
    Evaluation,
    Goal,
    GoalStatus,
    Participant,
    Plan,
    PlanStatus,
    Role,
    StepChange,
)
from tests.accounts.helpers import client_for

pytestmark = pytest.mark.django_db
FAMILIES = 5
LARGE = 40  # entries in the first family's plan; 1,000 in the benchmark


def test_a1_r16_every_seeded_plan_opens_for_its_coordinator_and_parents() -> None:
    result = seed_scale(families=FAMILIES, seed=7, large_plan_entries=LARGE)
    assert AccessLogEntry.objects.count() == 0
    plans = Plan.objects.filter(status=PlanStatus.OPEN).select_related("coordinator__user")
    assert (Family.objects.count(), plans.count()) == (FAMILIES, FAMILIES)
    assert result.entries == Entry.objects.count() > LARGE
    assert sorted(plans.values_list("step", flat=True)) == [1, 2, 3, 4, 5]
    for plan in plans:
        coordinator = plan.coordinator
        assert coordinator is not None and coordinator.user is not None
        # With fewer than 500 plans the busiest worker coordinates every one.
        assert coordinator.user.username == BUSIEST_USERNAME
        assert Goal.objects.filter(plan=plan).count() == 5
        assert StepChange.objects.filter(plan=plan).count() == plan.step
        parents = Participant.objects.filter(plan=plan, role=Role.PARENT)
        assert parents.count() == 2
        for participant in Participant.objects.filter(plan=plan).select_related("plan", "person"):
            assert policy.is_active_participant(participant), participant
        url = reverse("plan", args=[plan.public_id])
        for user in [coordinator.user, *(parent.user for parent in parents)]:
            assert user is not None
            assert client_for(user).get(url).status_code == 200, (plan.step, user.username)
    assert verify_chain().ok


def test_r20_some_families_had_a_plan_closed_in_the_past_two_years() -> None:
    """Issue 15: closed plans with an ending, the family's voice and two held evaluations,
    each closed before the family's open plan opened (R1), for the indicators at scale."""
    result = seed_scale(families=40, large_plan_entries=LARGE)
    closed = Plan.objects.filter(status=PlanStatus.CLOSED)
    assert result.closed_plans == closed.count() > 0
    today = timezone.localdate()
    for plan in closed:
        assert plan.closed_at is not None and plan.help_ended_on is not None
        assert today - datetime.timedelta(days=731) <= plan.help_ended_on < today
        assert plan.help_ending and plan.step == 8
        assert ClosingVoice.objects.filter(plan=plan).exists()
        assert Evaluation.objects.filter(plan=plan, held_on__isnull=False).count() == 2
        assert not Goal.objects.filter(plan=plan, status=GoalStatus.ACTIVE).exists()
        again = Plan.objects.get(family=plan.family, status=PlanStatus.OPEN)
        assert plan.closed_at < again.opened_at
    assert verify_chain().ok


def test_a4_children_under_12_have_no_login() -> None:
    seed_scale(families=FAMILIES, large_plan_entries=LARGE)
    today = timezone.localdate()
    for child in Participant.objects.filter(role=Role.CHILD).select_related("person", "plan"):
        if child.user_id is not None:
            assert policy.old_enough_to_log_in(child, today)


def _seeded(seed: int) -> list[tuple[str, str]]:
    """The families a seed makes, rolled back afterwards."""
    with transaction.atomic():
        seed_scale(families=2, seed=seed, large_plan_entries=LARGE)
        made = sorted((str(plan.public_id), plan.family.name) for plan in Plan.objects.all())
        transaction.set_rollback(True)
    return made


def test_the_same_seed_gives_the_same_families() -> None:
    assert _seeded(3) == _seeded(3) != _seeded(4)


def test_seeding_refuses_a_database_with_families() -> None:
    seed_scale(families=1, large_plan_entries=LARGE)
    with pytest.raises(ScaleError):
        seed_scale(families=1)


def test_the_command_prints_the_busiest_worker_and_refuses_production() -> None:
    out = StringIO()
    call_command("seed_scale", "--families", "1", stdout=out)
    assert BUSIEST_USERNAME in out.getvalue()
    with override_settings(PRODUCTION=True), pytest.raises(CommandError):
        call_command("seed_scale", "--families", "1")


def test_an_anonymous_visitor_sees_no_seeded_plan() -> None:
    seed_scale(families=1, large_plan_entries=LARGE)
    plan = Plan.objects.get(status=PlanStatus.OPEN)
    response = Client().get(reverse("plan", args=[plan.public_id]))
    assert response.status_code == 302


def test_the_benchmark_floor_shows_the_plan_only_when_switched_on(settings: Settings) -> None:
    """Issue 13: the floor is a bare page without session or policy, so it is off (404)
    unless the benchmark switches it on; on, it reads the family, goals and 30 entries in
    three queries."""
    seed_scale(families=1, large_plan_entries=LARGE)
    plan = Plan.objects.select_related("family").get(status=PlanStatus.OPEN)
    url = reverse("bench-floor", args=[plan.public_id])
    assert Client().get(url).status_code == 404
    settings.REGIE_BENCH_FLOOR = True
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    assert plan.family.name in response.content.decode()
    assert len(queries) == 3
