"""Account pages (A6): the second factor, recovery codes, password reset and change, and
the lockout page. Login and logout are Django's own views (regie/web/urls.py)."""

from typing import Any

from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from regie.access.events import Event
from regie.accounts import changes, services
from regie.accounts.forms import (
    AccountChangeAnswerForm,
    CodeForm,
    ContactForm,
    LoginForm,
    SetupCodeForm,
)
from regie.accounts.models import User
from regie.accounts.signals import TWO_FACTOR_SESSION_KEY
from regie.core.errors import RuleViolation
from regie.web import youth

RECOVERY_CODES_SESSION_KEY = "regie_recovery_codes"
RECOVERY_NEXT_SESSION_KEY = "regie_recovery_next"


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # login_required ran before
        raise PermissionDenied
    return user


def _next_url(request: HttpRequest) -> str:
    """Where to go after this step: a same-site `next`, else the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    url = reverse(name)
    return f"{url}?{urlencode({'next': nxt})}" if nxt else url


def _is_verified(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False


def _passed(request: HttpRequest, device: Any) -> None:
    """The second factor is passed: remember the device, and a new session key, because
    the session now carries more rights than before."""
    otp_login(request, device)
    request.session[TWO_FACTOR_SESSION_KEY] = True
    request.session.cycle_key()


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Overview: is the second factor on, how many recovery codes are left."""
    user = _user(request)
    enabled = services.has_second_factor(user)
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": enabled,
            "codes_left": services.recovery_codes_left(user) if enabled else 0,
            "required": user.needs_two_factor,
        },
    )


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if services.has_second_factor(user):
        # Someone who only knows the password must not replace the device.
        if _is_verified(user):
            messages.info(request, _("Tweestapsverificatie staat al aan."))
            return redirect("two-factor")
        return redirect(_with_next("two-factor-verify", request))
    device = services.pending_totp_device(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_device(
            user=user, device=device, code=form.cleaned_data["code"], request=request
        )
        if codes is None:
            form.add_error(
                "code",
                _(
                    "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat, en probeer "
                    "de code die de app nu laat zien."
                ),
            )
        else:
            device.refresh_from_db()
            _passed(request, device)
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            request.session[RECOVERY_NEXT_SESSION_KEY] = _next_url(request)
            return redirect("two-factor-recovery-codes")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "secret": services.totp_secret(device),
            "qr": services.totp_qr_data_uri(device),
            "next": request.POST.get("next") or request.GET.get("next") or "",
            "required": user.needs_two_factor,
        },
        status=400 if form.errors else 200,
    )


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if _is_verified(user):
        return redirect(_next_url(request))
    if not services.has_second_factor(user):
        if user.needs_two_factor:
            return redirect(_with_next("two-factor-setup", request))
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = services.verify_second_factor(
            user=user, code=form.cleaned_data["code"], request=request
        )
        if device is not None:
            _passed(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = services.recovery_codes_left(user)
                messages.warning(
                    request,
                    _(
                        "U gebruikte een herstelcode; die werkt nu niet meer. U hebt er nog "
                        "%(left)d over."
                    )
                    % {"left": left},
                )
            return redirect(_next_url(request))
        if throttled:
            form.add_error(
                "code", _("Te veel onjuiste codes achter elkaar. Wacht even en probeer opnieuw.")
            )
        else:
            form.add_error("code", _("Deze code klopt niet of is al gebruikt."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next") or ""},
        status=400 if form.errors else 200,
    )


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Shows the new recovery codes once: they leave the session as they are shown."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    next_url = request.session.pop(RECOVERY_NEXT_SESSION_KEY, None) or reverse("two-factor")
    if not codes:
        return redirect("two-factor")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})


@login_required
@require_POST
def renew_recovery_codes(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not services.has_second_factor(user) or not _is_verified(user):
        return redirect("two-factor")
    request.session[RECOVERY_CODES_SESSION_KEY] = services.renew_recovery_codes(
        user=user, request=request
    )
    request.session[RECOVERY_NEXT_SESSION_KEY] = reverse("two-factor")
    return redirect("two-factor-recovery-codes")


@login_required
@require_POST
def disable_two_factor(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.needs_two_factor:
        messages.error(
            request, _("Als hulpverlener of beheerder kunt u tweestapsverificatie niet uitzetten.")
        )
        return redirect("two-factor")
    if services.has_second_factor(user):
        services.disable_two_factor(user=user, request=request)
        request.session[TWO_FACTOR_SESSION_KEY] = False
        messages.success(request, _("Tweestapsverificatie staat uit."))
    return redirect("two-factor")


@never_cache
@require_http_methods(["GET", "POST"])
def answer_account_change(request: HttpRequest, token: str) -> HttpResponse:
    """A6: the person confirms or stops an administrator's change of their account, with
    the single-use link sent to their old address. No login needed: the link shows they
    read that address. Opening the link changes nothing (mail scanners open links); only
    the posted answer does. A link that does not work is a 400 with the reason."""
    template = "accounts/account_change.html"
    try:
        change = changes.open_change(token)
    except RuleViolation as error:
        return render(request, template, {"problem": error.message}, status=400)
    form = AccountChangeAnswerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        accept = form.cleaned_data["decision"] == AccountChangeAnswerForm.CONFIRM
        try:
            change = changes.answer_by_link(token=token, accept=accept, request=request)
        except RuleViolation as error:
            return render(request, template, {"problem": error.message}, status=400)
        return render(request, template, {"done": True, "confirmed": accept})
    context = {"change": change, "form": form, "what": changes.what_is_asked(change)}
    return render(request, template, context, status=400 if form.is_bound else 200)


def lockout(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' lockout response: a Dutch page, status 429."""
    return render(
        request,
        "accounts/lockout.html",
        {"minutes": settings.REGIE_LOCKOUT_MINUTES},
        status=429,
    )


# ---- Passwords: Django's views with Dutch templates, and a log row on success --------


class LoginView(auth_views.LoginView):
    """Logging in. A field the form refuses (empty, or a username longer than any
    account's) answers 400 with the message (issue 12); a wrong password stays the page
    with its message, as django-axes counts it."""

    template_name = "web/login.html"
    authentication_form = LoginForm

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if any(name != NON_FIELD_ERRORS for name in form.errors):
            response.status_code = 400
        return response

    def get_default_redirect_url(self) -> str:
        """Issue 14: a youth lands on their own page "Mijn plan"; everyone else at home."""
        return youth.landing(self.request.user) or super().get_default_redirect_url()  # type: ignore[arg-type]


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        # A new password is a fresh start: earlier failures no longer lock this name out.
        reset_axes(username=user.get_username())
        services.record_account_event(Event.PASSWORD_RESET, user=user, request=self.request)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password ends the person's other sessions (the auth hash changes);
    this one stays."""

    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("password-change-done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_account_event(
            Event.PASSWORD_CHANGED, user=_user(self.request), request=self.request
        )
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def contact(request: HttpRequest) -> HttpResponse:
    """Issue 14: one's own phone and e-mail for the others in one's plans, and whether to
    show them. A rejected form is a 400 that keeps what was typed."""
    user = _user(request)
    if request.method == "POST":
        form = ContactForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            services.set_contact(
                user=user,
                phone=form.cleaned_data["contact_phone"],
                email=form.cleaned_data["contact_email"],
                shown=form.cleaned_data["shows_contact"],
                request=request,
            )
            messages.success(request, _("Uw contactgegevens zijn opgeslagen."))
            return redirect("account-contact")
        return render(request, "accounts/contact.html", {"form": form}, status=400)
    return render(request, "accounts/contact.html", {"form": ContactForm(instance=user)})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; for someone logged in it also keeps the choice for the
    e-mails Regie sends them."""
    response = i18n.set_language(request)
    if isinstance(request.user, User):
        services.set_language(request.user, request.POST.get("language", ""))
    return response
