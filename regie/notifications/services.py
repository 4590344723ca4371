"""Writes of the notifications app: sending one reminder exactly once, and marking
notifications read.

Exactly once: a reminder has a deterministic key. `send_reminder` inserts the key into the
ledger (`SentReminder`, unique) *before* it creates the notification, in one transaction
with the notification and its access-log row; the e-mail task is queued after commit.
A second run finds the key and sends nothing. Two runs at the same moment both try the
insert; on PostgreSQL the second waits for the first transaction and then fails on the
unique key, so it sends nothing either."""

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from regie.access.events import Event
from regie.access.log import Actor, record
from regie.accounts.models import User
from regie.notifications.models import Notification, NotificationKind, SentReminder
from regie.notifications.tasks import send_notification_email
from regie.plans.models import Participant, Plan

logger = logging.getLogger(__name__)

# Who "did" it in the access log: Regie itself, not a person.
SYSTEM_ACTOR = Actor(user_id=None, label="Regie (automatische herinnering)")


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: NotificationKind
    plan: Plan
    participant: Participant  # the receiver's place in the plan
    user: User
    url: str


def notification_text(kind: NotificationKind, user: User) -> str:
    """The sentence in the receiver's own language; never case content."""
    with translation.override(user.language or "nl"):
        return str(kind.label)


def send_reminder(reminder: Reminder) -> bool:
    """Create the notification and queue its e-mail, unless this reminder was sent before.
    Returns whether it was sent now."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=reminder.key, plan=reminder.plan)
            notification = Notification.objects.create(
                user=reminder.user,
                kind=reminder.kind,
                plan=reminder.plan,
                text=notification_text(reminder.kind, reminder.user),
                url=reminder.url,
            )
            record(
                Event.REMINDER_SENT,
                actor=SYSTEM_ACTOR,
                family_id=reminder.plan.family.public_id,
                plan_id=reminder.plan.public_id,
                obj=reminder.participant,
                part=str(reminder.kind),
            )
            transaction.on_commit(
                functools.partial(send_notification_email.enqueue, notification.pk)
            )
    except IntegrityError:
        if SentReminder.objects.filter(key=reminder.key).exists():
            return False  # sent before, or by a run at the same moment
        raise
    return True


def send_all(reminders: Iterable[Reminder]) -> dict[str, int]:
    """Send every due reminder once; returns how many went out per kind (for the log)."""
    sent: dict[str, int] = {}
    for reminder in reminders:
        if send_reminder(reminder):
            sent[str(reminder.kind)] = sent.get(str(reminder.kind), 0) + 1
    return sent


def record_as_sent(reminders: Iterable[Reminder]) -> int:
    """Put every reminder due now in the ledger without sending it: the first run after
    Regie goes live would otherwise send one for every item that was open long before.
    Returns how many were new."""
    keys = {reminder.key: reminder.plan for reminder in reminders}
    known = set(SentReminder.objects.filter(key__in=keys).values_list("key", flat=True))
    new = [SentReminder(key=key, plan=plan) for key, plan in keys.items() if key not in known]
    SentReminder.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def mark_read(user: User, notifications: Iterable[Notification]) -> int:
    """Mark these notifications of `user` read; someone else's are never touched."""
    ids = [n.pk for n in notifications if n.read_at is None]
    if not ids:
        return 0
    return Notification.objects.filter(user=user, pk__in=ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )
