"""Helpers for tests of people saving at the same moment, each on a real PostgreSQL
connection of their own (tests marked `postgres`)."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from regie.plans.models import Participant

Job = Callable[[threading.Barrier], str]


def needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs two real PostgreSQL connections")


def fresh(participant: Participant) -> Participant:
    """This thread's own copy of a participant, loaded on this thread's connection."""
    return Participant.objects.select_related("plan__family", "user", "organisation").get(
        pk=participant.pk
    )


def run_together(jobs: list[Job]) -> list[str]:
    """Run the jobs in threads that start their service call at the same moment. Each
    thread has its own database connection and closes it at the end. The outcomes come
    back in the order of `jobs`."""
    barrier = threading.Barrier(len(jobs))
    results = [""] * len(jobs)

    def run(index: int, job: Job) -> None:
        try:
            results[index] = job(barrier)
        except Exception as exc:  # reported in the assertion, not lost in the thread
            results[index] = f"error: {exc!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results
