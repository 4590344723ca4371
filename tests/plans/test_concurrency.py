"""Two people saving at the same moment, on two real PostgreSQL connections."""

import threading
from collections.abc import Callable

import pytest

from regie.access.events import Event
from regie.access.log import seal_everything
from regie.access.models import AccessLogEntry
from regie.access.verify import verify_chain
from regie.core.errors import ConflictError
from regie.plans.models import Goal, GoalTerm, Participant, Revision
from regie.plans.services.entries import write_entry
from regie.plans.services.goals import add_goal, edit_goal
from tests.personas import build_cast
from tests.plans.concurrency import fresh, needs_postgresql, run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_connections_editing_the_same_goal_give_one_success_and_one_conflict() -> None:
    needs_postgresql()
    cast = build_cast()
    goal = add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term=GoalTerm.SHORT)
    editors = {"Sanne": cast.parent, "Joost": cast.care_provider}

    def edit_as(name: str) -> Callable[[threading.Barrier], str]:
        def job(barrier: threading.Barrier) -> str:
            actor = fresh(editors[name])
            mine = Goal.objects.select_related("plan__family").get(pk=goal.pk)
            barrier.wait(timeout=10)
            try:
                edit_goal(
                    actor=actor,
                    goal=mine,
                    expected_version=1,
                    text=f"Versie van {name}.",
                    term=GoalTerm.SHORT,
                )
            except ConflictError:
                return "conflict"
            return "saved"

        return job

    results = run_together([edit_as("Sanne"), edit_as("Joost")])

    assert sorted(results) == ["conflict", "saved"]
    stored = Goal.objects.get(pk=goal.pk)
    assert stored.version == 2
    assert stored.text in {"Versie van Sanne.", "Versie van Joost."}
    revisions = Revision.objects.filter(record_type="plans.Goal", record_id=goal.pk)
    assert [revision.data["text"] for revision in revisions] == ["Naar school."]
    edits = AccessLogEntry.objects.filter(event=Event.GOAL_EDITED.code)
    assert edits.count() == 1


def test_concurrent_writers_do_not_fork_the_log_chain() -> None:
    needs_postgresql()
    cast = build_cast()
    writers = [cast.care_provider, cast.wijkteam_worker, cast.behavioural_scientist]

    def write_as(participant: Participant) -> Callable[[threading.Barrier], str]:
        def job(barrier: threading.Barrier) -> str:
            actor = fresh(participant)
            barrier.wait(timeout=10)
            for number in range(5):
                write_entry(
                    actor=actor, plan=actor.plan, kind="observation", body=f"Notitie {number}."
                )
            return "written"

        return job

    results = run_together([write_as(participant) for participant in writers])

    assert results == ["written"] * 3
    seal_everything()
    assert verify_chain().ok
    assert AccessLogEntry.objects.filter(event=Event.ENTRY_WRITTEN.code).count() == 15
