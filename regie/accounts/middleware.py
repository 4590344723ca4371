"""Session rules of A6 that Django does not have built in: a session ends 12 hours after
login however active it is, and a person who needs a second factor reaches nothing but
the account pages until they passed it."""

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
from regie.accounts.signals import LOGIN_AT_SESSION_KEY, TWO_FACTOR_SESSION_KEY

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


class SessionLifetimeMiddleware:
    """Ends a session REGIE_SESSION_ABSOLUTE_HOURS after login. The idle timeout is
    Django's own (SESSION_COOKIE_AGE, saved on every request). Only this session ends;
    the person's other sessions keep their own clock."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request, user)
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
