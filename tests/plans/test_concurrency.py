"""Two people saving at the same moment, on two real PostgreSQL connections."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from regie.access.events import Event
from regie.access.log import seal_everything
from regie.access.models import AccessLogEntry
from regie.access.verify import verify_chain
from regie.core.errors import ConflictError
from regie.plans.models import Goal, GoalTerm, Participant, Revision
from regie.plans.services.entries import write_entry
from regie.plans.services.goals import add_goal, edit_goal
from tests.personas import build_cast

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs two real PostgreSQL connections")


def _fresh(participant: Participant) -> Participant:
    """This thread's own copy of a participant, loaded on this thread's connection."""
    return Participant.objects.select_related("plan__family", "user", "organisation").get(
        pk=participant.pk
    )


def _run_together(jobs: list[Callable[[threading.Barrier], str]]) -> list[str]:
    """Run the jobs in threads that start their service call at the same moment. Each
    thread has its own database connection and closes it at the end."""
    barrier = threading.Barrier(len(jobs))
    results: list[str] = []
    lock = threading.Lock()

    def run(job: Callable[[threading.Barrier], str]) -> None:
        try:
            outcome = job(barrier)
        except Exception as exc:  # reported in the assertion, not lost in the thread
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_two_connections_editing_the_same_goal_give_one_success_and_one_conflict() -> None:
    _needs_postgresql()
    cast = build_cast()
    goal = add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term=GoalTerm.SHORT)
    editors = {"Sanne": cast.parent, "Joost": cast.care_provider}

    def edit_as(name: str) -> Callable[[threading.Barrier], str]:
        def job(barrier: threading.Barrier) -> str:
            actor = _fresh(editors[name])
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

    results = _run_together([edit_as("Sanne"), edit_as("Joost")])

    assert sorted(results) == ["conflict", "saved"]
    stored = Goal.objects.get(pk=goal.pk)
    assert stored.version == 2
    assert stored.text in {"Versie van Sanne.", "Versie van Joost."}
    revisions = Revision.objects.filter(record_type="plans.Goal", record_id=goal.pk)
    assert [revision.data["text"] for revision in revisions] == ["Naar school."]
    edits = AccessLogEntry.objects.filter(event=Event.GOAL_EDITED.code)
    assert edits.count() == 1


def test_concurrent_writers_do_not_fork_the_log_chain() -> None:
    _needs_postgresql()
    cast = build_cast()
    writers = [cast.care_provider, cast.wijkteam_worker, cast.behavioural_scientist]

    def write_as(participant: Participant) -> Callable[[threading.Barrier], str]:
        def job(barrier: threading.Barrier) -> str:
            actor = _fresh(participant)
            barrier.wait(timeout=10)
            for number in range(5):
                write_entry(
                    actor=actor, plan=actor.plan, kind="observation", body=f"Notitie {number}."
                )
            return "written"

        return job

    results = _run_together([write_as(participant) for participant in writers])

    assert results == ["written"] * 3
    seal_everything()
    assert verify_chain().ok
    assert AccessLogEntry.objects.filter(event=Event.ENTRY_WRITTEN.code).count() == 15
