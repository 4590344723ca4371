"""Background work run by the task worker (`manage.py db_worker`): the reminder e-mail.

The e-mail holds no case content, whatever the reminder is about: only that there is
something new, and a link to the person's notification list (so a forwarded or misdirected
e-mail reveals nothing, not even which plan)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from regie.notifications.models import Notification


def notifications_link() -> str:
    return f"{settings.REGIE_BASE_URL.rstrip('/')}{reverse('notifications')}"


@task()
def send_notification_email(notification_id: int) -> bool:
    """Send the e-mail for one notification, in the receiver's language. Returns whether
    an e-mail went out (no address or an inactive account: nothing to send)."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None:  # purged with its plan before the worker got to it
        return False
    user = notification.user
    if not user.email or not user.is_active:
        return False
    language = user.language if user.language in dict(settings.LANGUAGES) else "nl"
    with translation.override(language):
        subject = _("Er is iets nieuws in uw plan")
        body = _(
            "Er is iets nieuws voor u in Regie, in uw gezinsplan.\n\n"
            "Log in om te zien wat er is:\n%(link)s\n\n"
            "Dit bericht is automatisch verstuurd. U kunt er niet op antwoorden."
        ) % {"link": notifications_link()}
    send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    return True
