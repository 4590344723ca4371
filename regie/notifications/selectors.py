"""Reads for the notification pages."""

from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from regie.accounts.models import User
from regie.notifications.models import Notification
from regie.plans.selectors.common import counted


def notifications_for(user: User) -> QuerySet[Notification]:
    """A person's own notifications, newest first; nobody sees someone else's."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    """How many notifications the person has not opened yet (for a badge in the header)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def unread_figure(user_id: int) -> Coalesce:
    """`unread_count` as an annotation, for a page that reads its figures in one query
    (issue 13): it hands the number to the header as `unread_notifications`."""
    return counted(Notification.objects.filter(user=user_id, read_at__isnull=True), per="user")
