"""The demo loader: idempotent, built through the services, and the families look the way
the demo promises (steps, evaluations, compulsory framework, ages, logins). The history of
closed plans for the figures has tests of its own (test_history.py)."""

from collections import defaultdict
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Model
from django.test import RequestFactory, override_settings
from django.utils import timezone

from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.demo.cast import DEMO_PASSWORD
from regie.demo.history import QUARTERS, history_size
from regie.demo.loader import DemoLogin, load_demo
from regie.families.models import Person, PersonKind
from regie.plans.models import (
    Complaint,
    Condition,
    ConditionKind,
    Entry,
    EntryReaction,
    Evaluation,
    Goal,
    GoalScore,
    GoalStatus,
    Participant,
    Plan,
    PlanStatus,
    Role,
    Step,
    StepChange,
    Verdict,
)

pytestmark = pytest.mark.django_db

COUNTED: tuple[type[Model], ...] = (Plan, Participant, Goal, Entry, AccessLogEntry)


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in COUNTED}


def plan_of(family_name: str) -> Plan:
    return Plan.objects.get(family__name=family_name, status=PlanStatus.OPEN)


@pytest.fixture
def logins() -> list[DemoLogin]:
    """The three families without the history: it takes seconds per test, and these
    tests are about the families."""
    return load_demo(quarters=0)


def test_loading_twice_changes_nothing() -> None:
    first = load_demo()
    after_first = counts()
    second = load_demo()
    assert counts() == after_first
    assert second == first
    assert after_first["Plan"] == 3 + history_size(QUARTERS)
    assert Plan.objects.filter(status=PlanStatus.OPEN).count() == 3
    assert all(after_first[name] > 0 for name in after_first)


def test_second_run_says_nothing_changed(logins: list[DemoLogin]) -> None:
    out = StringIO()
    load_demo(stdout=out)
    assert "niets veranderd" in out.getvalue()


def test_three_families_are_in_their_steps(logins: list[DemoLogin]) -> None:
    assert plan_of("Gezin Jansen").step == Step.EXECUTING
    assert plan_of("Gezin El Amrani").step in (Step.OWN_STRENGTH, Step.DECIDING)
    assert plan_of("Gezin de Vries").step == Step.INTRODUCTION


def test_plans_moved_one_step_at_a_time_through_the_service(logins: list[DemoLogin]) -> None:
    plan = plan_of("Gezin Jansen")
    moves = list(StepChange.objects.filter(plan=plan).values_list("from_step", "to_step"))
    assert moves == [(None, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7)]
    logged = AccessLogEntry.objects.filter(plan_id=plan.public_id, event="plan.step_moved")
    assert logged.count() == 6


def test_jansen_held_two_evaluations_and_planned_one_more(logins: list[DemoLogin]) -> None:
    plan = plan_of("Gezin Jansen")
    today = timezone.localdate()
    held = Evaluation.objects.filter(plan=plan, held_on__isnull=False)
    assert held.count() == 2
    assert all(evaluation.held_on and evaluation.held_on < today for evaluation in held)
    assert Evaluation.objects.filter(plan=plan, held_on__isnull=True, scheduled_for__gt=today)


def test_jansen_scores_come_from_parent_youth_and_professional(
    logins: list[DemoLogin],
) -> None:
    plan = plan_of("Gezin Jansen")
    for evaluation in Evaluation.objects.filter(plan=plan, held_on__isnull=False):
        for goal in Goal.objects.filter(plan=plan):
            roles = set(
                GoalScore.objects.filter(evaluation=evaluation, goal=goal).values_list(
                    "participant__role", flat=True
                )
            )
            assert {Role.PARENT, Role.CHILD, Role.CARE_PROFESSIONAL} <= roles


def test_jansen_has_a_goal_to_talk_about(logins: list[DemoLogin]) -> None:
    """R19: one goal where the scores differ by 3 or more."""
    plan = plan_of("Gezin Jansen")
    spread: dict[tuple[int, int], list[int]] = defaultdict(list)
    for score in GoalScore.objects.filter(evaluation__plan=plan):
        spread[(score.evaluation_id, score.goal_id)].append(score.score)
    far_apart = [key for key, scores in spread.items() if max(scores) - min(scores) >= 3]
    assert len(far_apart) == 1


def test_jansen_disputed_entry_was_corrected_and_keeps_the_reaction(
    logins: list[DemoLogin],
) -> None:
    plan = plan_of("Gezin Jansen")
    corrected = Entry.objects.get(plan=plan, corrected_at__isnull=False)
    reaction = EntryReaction.objects.get(entry=corrected)
    assert reaction.verdict == Verdict.DISAGREES
    assert reaction.participant.role == Role.PARENT
    assert reaction.entry_version < corrected.version


def test_el_amrani_is_compulsory_with_safety_first_and_conditions(
    logins: list[DemoLogin],
) -> None:
    plan = plan_of("Gezin El Amrani")
    assert plan.is_compulsory
    assert plan.legal_measure == "ots"
    active = list(Goal.objects.filter(plan=plan, status=GoalStatus.ACTIVE).order_by("priority"))
    assert len(active) >= 2
    assert active[0].is_safety_goal
    kinds = set(Condition.objects.filter(plan=plan).values_list("kind", flat=True))
    assert kinds == {ConditionKind.CONDITION, ConditionKind.SAFETY_AGREEMENT}
    assert plan.family.religion
    assert Complaint.objects.filter(plan=plan).exists()


def test_de_vries_care_professional_still_waits_for_approval(logins: list[DemoLogin]) -> None:
    plan = plan_of("Gezin de Vries")
    pending = Participant.objects.get(plan=plan, role=Role.CARE_PROFESSIONAL)
    assert pending.approved_at is None


def test_there_is_a_youth_of_13_and_one_of_16(logins: list[DemoLogin]) -> None:
    today = timezone.localdate()
    youths = Person.objects.filter(kind=PersonKind.CHILD, user__isnull=False)
    ages = sorted(age for person in youths if (age := person.age_on(today)) is not None)
    assert ages == [13, 16]


def test_every_demo_login_can_log_in(logins: list[DemoLogin]) -> None:
    assert len({login.username for login in logins}) == len(logins)
    for login in logins:
        assert login.password == DEMO_PASSWORD
        request = RequestFactory().post("/inloggen/")  # django-axes needs the request
        assert authenticate(request, username=login.username, password=login.password) is not None


def test_functional_admin_reaches_admin_but_is_no_superuser(logins: list[DemoLogin]) -> None:
    admin = User.objects.get(username="beheerder")
    assert admin.is_functional_admin
    assert admin.is_staff
    assert not admin.is_superuser
    assert admin.has_perm("catalog.change_intervention")
    assert not admin.has_perm("plans.view_plan")


def test_command_prints_logins_and_where_to_go() -> None:
    out = StringIO()
    call_command("load_demo", kwartalen=0, stdout=out)
    text = out.getvalue()
    assert "sanne.jansen" in text
    assert "gemeente.dekker" in text and "kwaliteit.delinde" in text
    assert "http://127.0.0.1:8000/cijfers/" in text
    assert DEMO_PASSWORD in text
    assert "Open http://127.0.0.1:8000" in text


@override_settings(PRODUCTION=True)
def test_command_refuses_production() -> None:
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(username="beheerder").exists()
