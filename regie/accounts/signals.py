"""Login, failed login, lockout and logout land in the access log (A6). The login and
logout views are Django's own, so their signals are the place to hear them; these rows
belong to no plan."""

import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest

from regie.access.events import Event, Outcome
from regie.accounts import services
from regie.accounts.models import User

# Session keys. The login time drives the absolute session lifetime; the two-factor flag
# says whether this session must pass the second factor (professionals always, family
# members once they turned it on).
LOGIN_AT_SESSION_KEY = "regie_login_at"
TWO_FACTOR_SESSION_KEY = "regie_two_factor"
# When the session was last saved, which restarted its idle clock (middleware.py).
REFRESHED_AT_SESSION_KEY = "regie_refreshed_at"

UNKNOWN_USERNAME = "(onbekende gebruikersnaam)"


def _known_user(username: object) -> User | None:
    if not isinstance(username, str) or not username:
        return None
    return User.objects.filter(username=username).select_related("organisation").first()


@receiver(user_logged_in, dispatch_uid="regie.accounts.login")
def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[LOGIN_AT_SESSION_KEY] = session[REFRESHED_AT_SESSION_KEY] = int(time.time())
        session[TWO_FACTOR_SESSION_KEY] = user.needs_two_factor or services.has_second_factor(user)
    services.record_account_event(Event.LOGIN, user=user, request=request)


@receiver(user_login_failed, dispatch_uid="regie.accounts.login_failed")
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # What someone typed as a username is not logged unless it is one: people type their
    # password into the wrong field.
    user = _known_user(credentials.get("username"))
    services.record_account_event(
        Event.LOGIN_FAILED,
        user=user,
        request=request,
        outcome=Outcome.FAILURE,
        label="" if user else UNKNOWN_USERNAME,
    )


@receiver(user_locked_out, dispatch_uid="regie.accounts.locked_out")
def on_locked_out(
    sender: Any, request: HttpRequest | None = None, username: str | None = None, **kwargs: Any
) -> None:
    user = _known_user(username)
    services.record_account_event(
        Event.LOCKED_OUT,
        user=user,
        request=request,
        outcome=Outcome.REFUSED,
        label="" if user else UNKNOWN_USERNAME,
    )


@receiver(user_logged_out, dispatch_uid="regie.accounts.logout")
def on_logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    """Logging out anywhere ends every session of this person (A6)."""
    if user is None or not user.is_authenticated:
        return
    with transaction.atomic():
        services.end_all_sessions(user)
        services.record_account_event(Event.LOGOUT, user=user, request=request)
