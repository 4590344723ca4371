"""Reminders (R2, R12, R15, R19, R20, A6): each kind reaches the right people exactly
once, in their own language, and says nothing about the case."""

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.notifications.models import Notification, NotificationKind, SentReminder
from regie.plans.models import Evaluation
from regie.plans.services import help, sharing, team
from tests.notifications import helpers
from tests.notifications.helpers import IMMEDIATE_TASKS, SECRET
from tests.personas import Cast

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_immediate_tasks")]

K = NotificationKind


@pytest.fixture
def _immediate_tasks() -> Any:
    with override_settings(TASKS=IMMEDIATE_TASKS, REGIE_BASE_URL="https://regie.example.nl"):
        yield


def _run(capture: DjangoCaptureOnCommitCallbacks) -> None:
    with capture(execute=True):
        helpers.run_reminders()


def _receivers(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


CASES: list[tuple[str, Callable[[Cast], object], str, set[str]]] = [
    ("evaluation-due", helpers.evaluation_due, K.EVALUATION_DUE, {"fatima", "joost", "karin"}),
    (
        "evaluation-overdue",
        helpers.evaluation_overdue,
        K.EVALUATION_OVERDUE,
        {"fatima", "joost", "karin"},
    ),
    ("late-notice-week-6", helpers.application_in_week_six, K.LATE_NOTICE_DUE, {"fatima"}),
    ("deadline", helpers.application_at_deadline, K.DEADLINE_REACHED, {"fatima"}),
    ("entry-waiting", helpers.entry_waiting, K.ENTRY_WAITING, {"sanne", "daan"}),
    ("aftercare", helpers.aftercare_moment, K.AFTERCARE_CONTACT, {"joost", "sanne"}),
    ("network-action", helpers.network_action_due, K.ACTION_DUE, {"ria"}),
    ("check-in", helpers.check_in_due, K.CHECK_IN, {"sanne", "daan", "noa", "ria"}),
    ("invitation", helpers.invitation_expiring, K.INVITATION_EXPIRING, {"fatima"}),
]


@pytest.mark.parametrize(
    ("setup", "kind", "receivers"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_each_reminder_reaches_the_right_people_once(
    cast: Cast,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    setup: Callable[[Cast], object],
    kind: str,
    receivers: set[str],
) -> None:
    setup(cast)
    mail.outbox.clear()
    _run(django_capture_on_commit_callbacks)
    assert _receivers(kind) == receivers
    assert Notification.objects.count() == len(receivers)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{u}@example.org" for u in receivers)

    _run(django_capture_on_commit_callbacks)  # cron runs again five minutes later
    assert Notification.objects.count() == len(receivers)
    assert SentReminder.objects.count() == len(receivers)
    assert len(mail.outbox) == len(receivers)


def test_reminders_leave_a_trail_the_family_can_read(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    helpers.network_action_due(cast)
    _run(django_capture_on_commit_callbacks)
    row = AccessLogEntry.objects.get(event=Event.REMINDER_SENT.code)
    assert row.plan_id == cast.plan.public_id
    assert row.object_id == str(cast.grandmother.public_id)
    assert row.part == K.ACTION_DUE
    assert row.user_id is None


def test_emails_hold_no_case_content_and_speak_the_receivers_language(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    User.objects.filter(pk=cast.care_provider_user.pk).update(language="en")
    for setup in (helpers.evaluation_due, helpers.entry_waiting, helpers.aftercare_moment):
        setup(cast)
    mail.outbox.clear()
    _run(django_capture_on_commit_callbacks)
    assert mail.outbox
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        for forbidden in (SECRET, "Jansen", "Daan", "Sanne", "El Amrani", str(cast.plan.public_id)):
            assert forbidden not in text, forbidden
        assert "https://regie.example.nl/meldingen/" in message.body
        if message.to == ["joost@example.org"]:
            assert message.subject == "There is something new in your plan"
        else:
            assert message.subject == "Er is iets nieuws in uw plan"
    for notification in Notification.objects.all():
        assert SECRET not in notification.text
        assert "Jansen" not in notification.text
    english = Notification.objects.filter(user=cast.care_provider_user)
    assert {n.text for n in english} == {
        "An evaluation is coming up soon",
        "An aftercare contact moment is coming up",
    }


def test_nothing_is_sent_before_it_is_due(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    later = helpers.evaluation_due(cast)
    Evaluation.objects.filter(pk=later.pk).update(
        scheduled_for=helpers.today() + datetime.timedelta(days=30)
    )
    helpers.decision(cast)  # agreements made today: the check-in is four weeks away
    _run(django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()
    assert not mail.outbox


def test_a_rescheduled_evaluation_gets_a_fresh_reminder(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    scheduled = helpers.evaluation_due(cast)
    _run(django_capture_on_commit_callbacks)
    Evaluation.objects.filter(pk=scheduled.pk).update(
        scheduled_for=helpers.today() + datetime.timedelta(days=6)
    )
    _run(django_capture_on_commit_callbacks)
    assert Notification.objects.filter(kind=K.EVALUATION_DUE).count() == 6


def test_r15_no_prompt_once_the_family_was_told(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    helpers.application_in_week_six(cast)
    application = cast.plan.application_set.get()
    help.send_late_notice(
        actor=cast.wijkteam_worker,
        application=application,
        sent_on=helpers.today(),
        message="Het besluit komt twee weken later.",
    )
    _run(django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(kind=K.LATE_NOTICE_DUE).exists()


def test_a4_parents_hear_nothing_of_what_a_youth_keeps_from_them(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    entry = helpers.entry_waiting(cast)
    sharing.keep_from_parents(actor=cast.youth16, record=entry)
    _run(django_capture_on_commit_callbacks)
    assert _receivers(K.ENTRY_WAITING) == {"daan"}


def test_a7_people_whose_role_ended_get_no_reminders(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    team.end_participation(
        actor=cast.wijkteam_worker,
        participant=cast.care_provider,
        reason="Overgedragen.",
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    helpers.evaluation_due(cast)
    _run(django_capture_on_commit_callbacks)
    assert _receivers(K.EVALUATION_DUE) == {"fatima", "karin"}


def test_the_first_run_after_going_live_can_skip_old_items(
    cast: Cast, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    """`run_reminders --baseline` records what is due now without sending it, so a new
    installation does not send one reminder for every item that was open long before;
    what becomes due afterwards is sent as usual."""
    helpers.network_action_due(cast)
    mail.outbox.clear()
    out = StringIO()
    call_command("run_reminders", "--baseline", stdout=out)
    assert "Vastgelegd zonder te versturen: 1" in out.getvalue()
    _run(django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 0 and mail.outbox == []

    helpers.entry_waiting(cast)
    _run(django_capture_on_commit_callbacks)
    assert _receivers(K.ENTRY_WAITING) == {"sanne", "daan"}
    assert Notification.objects.count() == 2
