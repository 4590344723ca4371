"""Issue 12 concurrency: rules hold when people save at the same moment, each on a real
PostgreSQL connection of their own, 30 rounds each. Every service locks the plan row
first (one lock order), so counts and first writes see the other save, and nothing ends
in an error page: a save either lands or answers with a rule or a conflict."""

import threading
from collections.abc import Callable

import pytest
from django.utils import timezone

from regie.core.errors import ConflictError, RuleViolation
from regie.plans.models import (
    DomainAssessment,
    FamilyGroupPlan,
    Goal,
    GoalStatus,
    GoalTerm,
    GroupPlanAnswer,
    Participant,
)
from regie.plans.services import analysis, entries, goals
from tests.personas import Cast, build_cast
from tests.plans.concurrency import Job, fresh, needs_postgresql, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 30


def _outcome(save: Callable[[], object]) -> str:
    """What the person would see: saved, a rule that refuses, or a conflict."""
    try:
        save()
    except RuleViolation as error:
        return f"rule {error.rule}"
    except ConflictError:
        return "conflict"
    return "saved"


def _job(participant: Participant, save: Callable[[Participant], object]) -> Job:
    """A job that loads its own copy of `participant` and saves as them at the barrier."""

    def job(barrier: threading.Barrier) -> str:
        actor = fresh(participant)
        barrier.wait(timeout=10)
        return _outcome(lambda: save(actor))

    return job


def _goal(cast: Cast, text: str, status: str = GoalStatus.ACTIVE, priority: int = 1) -> Goal:
    """An unsaved goal of the parent's."""
    return Goal(
        plan=cast.plan,
        created_by=cast.parent,
        text=text,
        term=GoalTerm.SHORT,
        priority=priority,
        status=status,
    )


def test_r8_adding_and_reactivating_at_once_never_make_six_active_goals() -> None:
    """R8: four active goals and one stopped; one person adds a goal while another makes
    the stopped one active again. One of them is told there are five already."""
    needs_postgresql()
    cast = build_cast()
    for number in range(ROUNDS):
        Goal.objects.filter(plan=cast.plan).update(status=GoalStatus.STOPPED)
        Goal.objects.bulk_create(
            _goal(cast, f"Doel {place} van ronde {number}.", priority=place)
            for place in range(1, 5)
        )
        stopped = _goal(cast, f"Gestopt in ronde {number}.", GoalStatus.STOPPED, priority=5)
        stopped.save()

        def add(actor: Participant, number: int = number) -> object:
            return goals.add_goal(
                actor=actor, plan=actor.plan, text=f"Nieuw in ronde {number}.", term="short"
            )

        def reactivate(actor: Participant, stopped: Goal = stopped) -> object:
            goal = Goal.objects.select_related("plan__family").get(pk=stopped.pk)
            return goals.set_goal_status(
                actor=actor,
                goal=goal,
                expected_version=goal.version,
                status=GoalStatus.ACTIVE,
                reason="Toch weer nodig.",
            )

        results = run_together([_job(cast.parent, add), _job(cast.wijkteam_worker, reactivate)])

        assert sorted(results) == ["rule R8", "saved"], f"round {number}: {results}"
        active = Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE).count()
        assert active == goals.MAX_ACTIVE_GOALS, f"round {number}"


def test_r5_filling_in_a_life_domain_at_once_gives_one_save_and_one_conflict() -> None:
    """R5: two people fill in the same life domain for the first time: one saves, the
    other gets a conflict (never a unique-constraint error)."""
    needs_postgresql()
    cast = build_cast()
    domain = cast.plan.domain_set.domains.order_by("order").first()
    assert domain is not None
    for number in range(ROUNDS):
        DomainAssessment.objects.filter(plan=cast.plan).delete()

        def fill(actor: Participant, number: int = number) -> object:
            return analysis.assess_domain(
                actor=actor,
                plan=actor.plan,
                domain=domain,
                concerns=f"Zorg van {actor.display_name} in ronde {number}.",
                strengths="",
            )

        results = run_together([_job(cast.parent, fill), _job(cast.wijkteam_worker, fill)])

        assert sorted(results) == ["conflict", "saved"], f"round {number}: {results}"
        assert DomainAssessment.objects.filter(plan=cast.plan, domain=domain).count() == 1


def test_saves_of_many_people_in_one_plan_never_fail() -> None:
    """Six people save in one plan at once: two reword the same goal while a third moves
    it in the order, one adds an action to it, one writes a note, one edits a life
    domain. Each save lands or is a conflict; none deadlocks (the move locks the plan and
    then the goals, the rewording saves a goal and checks its plan at commit), none
    breaks on a foreign-key check at commit."""
    needs_postgresql()
    cast = build_cast()
    goal = goals.add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term="short")
    goals.add_goal(actor=cast.parent, plan=cast.plan, text="Samen eten.", term="short")
    domain = cast.plan.domain_set.domains.order_by("order").first()
    assert domain is not None
    assessment = analysis.assess_domain(
        actor=cast.parent, plan=cast.plan, domain=domain, concerns="Slecht slapen.", strengths=""
    )
    for number in range(ROUNDS):
        goal_version = Goal.objects.get(pk=goal.pk).version
        domain_version = DomainAssessment.objects.get(pk=assessment.pk).version

        def reword(actor: Participant, number: int = number, seen: int = goal_version) -> object:
            mine = Goal.objects.select_related("plan__family").get(pk=goal.pk)
            return goals.edit_goal(
                actor=actor,
                goal=mine,
                expected_version=seen,
                text=f"{actor.display_name}, ronde {number}.",
                term=GoalTerm.SHORT,
            )

        def move(actor: Participant, number: int = number) -> object:
            mine = Goal.objects.select_related("plan__family").get(pk=goal.pk)
            return goals.move_goal(actor=actor, goal=mine, direction=1 if number % 2 else -1)

        def act(actor: Participant, number: int = number) -> object:
            mine = Goal.objects.get(pk=goal.pk)
            return goals.add_action(
                actor=actor,
                plan=actor.plan,
                description=f"Actie {number}.",
                owner=cast.parent,
                goal=mine,
            )

        def note(actor: Participant, number: int = number) -> object:
            return entries.write_entry(
                actor=actor, plan=actor.plan, kind="observation", body=f"Notitie {number}."
            )

        def assess(actor: Participant, number: int = number, seen: int = domain_version) -> object:
            return analysis.assess_domain(
                actor=actor,
                plan=actor.plan,
                domain=domain,
                concerns=f"Ronde {number}.",
                strengths="",
                expected_version=seen,
            )

        results = run_together(
            [
                _job(cast.parent, reword),
                _job(cast.youth16, reword),
                _job(cast.youth13, move),
                _job(cast.wijkteam_worker, act),
                _job(cast.care_provider, note),
                _job(cast.behavioural_scientist, assess),
            ]
        )

        assert sorted(results[:2]) == ["conflict", "saved"], f"round {number}: {results}"
        assert results[2:] == ["saved"] * 4, f"round {number}: {results}"


def test_r11_two_parents_answering_from_the_same_page_give_a_conflict() -> None:
    """R11: two family members answer the family group plan offer from the same version
    of the page: one answer is saved, the other is a conflict, never an overwrite."""
    needs_postgresql()
    cast = build_cast()
    goals.offer_group_plan(
        actor=cast.wijkteam_worker, plan=cast.plan, offered_on=timezone.localdate()
    )
    answers = {cast.parent.pk: GroupPlanAnswer.ACCEPTED, cast.youth16.pk: GroupPlanAnswer.DECLINED}
    for number in range(ROUNDS):
        seen = FamilyGroupPlan.objects.get(plan=cast.plan).version

        def answer(actor: Participant, seen: int = seen) -> object:
            return goals.answer_group_plan(
                actor=actor,
                plan=actor.plan,
                answer=answers[actor.pk],
                reason=f"{actor.display_name}.",
                expected_version=seen,
            )

        results = run_together([_job(cast.parent, answer), _job(cast.youth16, answer)])

        assert sorted(results) == ["conflict", "saved"], f"round {number}: {results}"
        stored = FamilyGroupPlan.objects.get(plan=cast.plan)
        assert stored.version == seen + 1
        winner = cast.parent if results[0] == "saved" else cast.youth16
        assert stored.answer == answers[winner.pk]
