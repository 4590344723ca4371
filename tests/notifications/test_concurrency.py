"""Two reminder runs at the same moment on PostgreSQL send every reminder exactly once:
the unique key in the ledger is inserted before anything is sent."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import override_settings

from regie.notifications.models import Notification, SentReminder
from tests.notifications import helpers
from tests.notifications.helpers import IMMEDIATE_TASKS
from tests.personas import build_cast

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("two concurrent writers need PostgreSQL")


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_two_runs_at_once_send_each_reminder_exactly_once() -> None:
    cast = build_cast()
    for setup in (
        helpers.evaluation_due,
        helpers.entry_waiting,
        helpers.aftercare_moment,
        helpers.network_action_due,
        helpers.check_in_due,
        helpers.invitation_expiring,
    ):
        setup(cast)
    expected = 3 + 2 + 2 + 1 + 4 + 1
    mail.outbox.clear()
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            helpers.run_reminders()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert SentReminder.objects.count() == expected
    assert Notification.objects.count() == expected
    assert len(mail.outbox) == expected
    assert len({m.to[0] for m in mail.outbox}) == len(
        set(Notification.objects.values_list("user_id", flat=True))
    )
