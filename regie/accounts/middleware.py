"""Session rules of A6 that Django does not have built in: a session ends 30 minutes
after the last request, written at most once a minute, and 12 hours after login however
active it is; a person who needs a second factor reaches nothing but the account pages
until they passed it."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse

from regie.access.events import Event
from regie.accounts import services
from regie.accounts.signals import (
    LOGIN_AT_SESSION_KEY,
    REFRESHED_AT_SESSION_KEY,
    TWO_FACTOR_SESSION_KEY,
)

Handler = Callable[[HttpRequest], HttpResponseBase]

# Pages someone who still has to pass the second factor may open: logging in and out,
# setting up or passing the second factor, resetting a forgotten password, answering an
# administrator's change of their account (a lost phone), and the language switch (it
# only sets a cookie and goes back to a page of this site).
TWO_FACTOR_EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "set_language",
        "two-factor-setup",
        "two-factor-verify",
        "password-reset",
        "password-reset-done",
        "password-reset-confirm",
        "password-reset-complete",
        "account-change-confirm",
    }
)


# A session's idle clock (SESSION_COOKIE_AGE) restarts when it is saved; saving it on
# every request was a database write per page (issue 13), so it is saved at most this
# often. The session therefore ends between 29 and 30 idle minutes, never later.
SESSION_REFRESH_SECONDS = 60


class SessionLifetimeMiddleware:
    """Restarts the idle clock of a session at most once a minute and ends a session
    REGIE_SESSION_ABSOLUTE_HOURS after login. Only this session ends; the person's other
    sessions keep their own clock."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request, user)
        _slide(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest, user: Any) -> None:
        now = int(time.time())
        login_at = request.session.get(LOGIN_AT_SESSION_KEY)
        if not isinstance(login_at, int):
            request.session[LOGIN_AT_SESSION_KEY] = now
            return
        if now - login_at < settings.REGIE_SESSION_ABSOLUTE_HOURS * 3600:
            return
        services.record_account_event(
            Event.SESSION_EXPIRED, user=user, request=request, part="absolute"
        )
        request.session.flush()
        request.user = AnonymousUser()


def _slide(request: HttpRequest) -> None:
    """Marks the session changed, so Django saves it with a new expiry, when its last
    save is a minute old. A session that does not exist (no cookie, or an expired or
    unknown key) stays unwritten: the `keys()` of an unknown key are empty."""
    session = request.session
    if session.session_key is None or not session.keys():
        return
    now = int(time.time())
    refreshed_at = session.get(REFRESHED_AT_SESSION_KEY)
    if isinstance(refreshed_at, int) and 0 <= now - refreshed_at < SESSION_REFRESH_SECONDS:
        return
    session[REFRESHED_AT_SESSION_KEY] = now


class TwoFactorMiddleware:
    """Sends a person who needs the second factor and has not passed it in this session
    to the set-up page (no device yet) or the code page, from every page but the exempt
    ones. Runs after OTPMiddleware, which provides `user.is_verified()`."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.static_prefix = settings.STATIC_URL or "/static/"
        if not self.static_prefix.startswith("/"):
            self.static_prefix = f"/{self.static_prefix}"

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if not settings.REGIE_REQUIRE_TWO_FACTOR:
            return None
        user = request.user
        if not user.is_authenticated or _is_verified(user):
            return None
        if not _needs_second_factor(request, user):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in TWO_FACTOR_EXEMPT_URL_NAMES:
            return None
        if request.path.startswith(self.static_prefix):
            return None
        step = "two-factor-verify" if services.has_second_factor(user) else "two-factor-setup"
        return redirect_to_login(request.get_full_path(), reverse(step))


def _is_verified(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


def _needs_second_factor(request: HttpRequest, user: Any) -> bool:
    if user.needs_two_factor:
        return True
    flag = request.session.get(TWO_FACTOR_SESSION_KEY)
    if flag is None:
        # A session from before this flag existed: look once, remember the answer.
        flag = services.has_second_factor(user)
        request.session[TWO_FACTOR_SESSION_KEY] = flag
    return bool(flag)
