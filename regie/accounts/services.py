"""Account security (A6): the second factor, recovery codes, ending sessions. Each change
writes its access-log row in the same transaction (STYLE habit 2)."""

import base64

import segno
from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import verify_token
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.access.events import Event, EventKind, Outcome
from regie.access.log import Actor, record
from regie.access.requests import client_ip
from regie.accounts.models import User

TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"


def account_actor(user: User | None, request: HttpRequest | None = None, label: str = "") -> Actor:
    """The person acting on their own account (or an admin on someone's): no plan role."""
    if user is None:
        return Actor(user_id=None, label=label, ip_address=client_ip(request))
    organisation = user.organisation.name if user.organisation_id and user.organisation else ""
    return Actor(
        user_id=user.pk,
        label=label or str(user),
        organisation=organisation,
        ip_address=client_ip(request),
    )


def record_account_event(
    kind: EventKind,
    *,
    user: User | None,
    request: HttpRequest | None = None,
    outcome: str = Outcome.SUCCESS,
    part: str = "",
    subject: User | None = None,
    label: str = "",
) -> None:
    """One row for something that happened to an account; `subject` is the account an
    administrator acted on, when that is someone else."""
    record(
        kind,
        actor=account_actor(user, request, label),
        obj=subject,
        outcome=outcome,
        part=part,
    )


# ---- Sessions ------------------------------------------------------------------------


def end_all_sessions(user: User) -> None:
    """Every session of this person stops matching their auth hash at once (A6)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


# ---- Second factor -------------------------------------------------------------------


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user: User) -> TOTPDevice:
    """The device being set up: the same secret until it is confirmed, so reloading the
    set-up page does not invalidate a code the person already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The base32 secret, in groups of four for typing it over."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG data: URI: no external image, allowed by the CSP."""
    svg = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    return str(svg)


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.REGIE_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_totp_device(
    *, user: User, device: TOTPDevice, code: str, request: HttpRequest | None = None
) -> list[str] | None:
    """Turn the pending device on when `code` matches it. Returns the new recovery codes
    (shown once), or None when the code is wrong."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if device.confirmed or not device.verify_token(normalise_code(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _new_recovery_codes(user)
        record_account_event(Event.TWO_FACTOR_ENABLED, user=user, request=request)
    return codes


def renew_recovery_codes(*, user: User, request: HttpRequest | None = None) -> list[str]:
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        record_account_event(Event.RECOVERY_CODES_RENEWED, user=user, request=request)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def verify_second_factor(
    *, user: User, code: str, request: HttpRequest | None = None
) -> tuple[Device | None, bool]:
    """Check a code from the app (6 digits) or a recovery code (used up on success).
    Returns the device that accepted it, and whether the device is throttled after too
    many wrong codes. Both outcomes are logged."""
    token = normalise_code(code)
    if token.isdigit() and len(token) == 6:
        device: Device | None = confirmed_totp_device(user)
        part = "app"
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        part = "herstelcode"
    if device is None:
        record_account_event(
            Event.TWO_FACTOR_FAILED, user=user, request=request, outcome=Outcome.FAILURE, part=part
        )
        return None, False
    allowed, details = device.verify_is_allowed()
    if not allowed:
        record_account_event(
            Event.TWO_FACTOR_FAILED, user=user, request=request, outcome=Outcome.REFUSED, part=part
        )
        return None, (details or {}).get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS
    with transaction.atomic():
        verified = verify_token(user, device.persistent_id, token)
        if verified is None:
            record_account_event(
                Event.TWO_FACTOR_FAILED,
                user=user,
                request=request,
                outcome=Outcome.FAILURE,
                part=part,
            )
        else:
            record_account_event(Event.TWO_FACTOR_VERIFIED, user=user, request=request, part=part)
    return verified, False


def disable_two_factor(*, user: User, request: HttpRequest | None = None) -> None:
    """A family member turns the optional second factor off; professionals cannot."""
    if user.needs_two_factor:
        raise PermissionError("Professionals and administrators keep their second factor.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        record_account_event(Event.TWO_FACTOR_DISABLED, user=user, request=request)


def wipe_second_factor(user: User) -> None:
    """Remove the person's devices (a lost phone): they set up a new one at their next
    login. Their sessions end, so nobody stays verified with the old device. Only an
    account change a second person agreed to calls this (regie.accounts.changes, A6)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_all_sessions(user)


# ---- Accounts made by an administrator -------------------------------------------------


def send_password_link(user: User, *, request: HttpRequest) -> None:
    """A new account gets no password from the administrator: the person chooses one
    through a single-use link, so nobody else ever knows it. Sent after commit."""
    if not user.email:
        return
    link = request.build_absolute_uri(
        reverse(
            "password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )
    context = {"user": user, "link": link}
    subject = "".join(render_to_string("accounts/new_account_subject.txt", context).splitlines())
    body = render_to_string("accounts/new_account_email.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    )


def create_account(*, admin: User, user: User, request: HttpRequest) -> User:
    """An administrator adds an account; it has no usable password until the person
    follows the link in their e-mail."""
    with transaction.atomic():
        user.set_unusable_password()
        user.save()
        record_account_event(Event.ACCOUNT_CREATED, user=admin, request=request, subject=user)
        send_password_link(user, request=request)
    return user


def change_account(*, admin: User, user: User, changed: list[str], request: HttpRequest) -> None:
    with transaction.atomic():
        user.save()
        if "is_active" in changed and not user.is_active:
            end_all_sessions(user)
            record_account_event(
                Event.ACCOUNT_DEACTIVATED, user=admin, request=request, subject=user
            )
        record_account_event(
            Event.ACCOUNT_CHANGED,
            user=admin,
            request=request,
            subject=user,
            part=",".join(changed),
        )


def deactivate_account(*, admin: User, user: User, request: HttpRequest | None = None) -> None:
    """Deactivating ends every session of the person at once (A6)."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        end_all_sessions(user)
        record_account_event(Event.ACCOUNT_DEACTIVATED, user=admin, request=request, subject=user)


def unlock_account(*, admin: User, user: User, request: HttpRequest | None = None) -> None:
    """Lifts a django-axes lockout for this username, from every address."""
    with transaction.atomic():
        reset_axes(username=user.get_username())
        record_account_event(Event.ACCOUNT_UNLOCKED, user=admin, request=request, subject=user)


def set_language(user: User, code: str) -> None:
    """The language someone chose in the page header is also the language of their
    e-mails and notifications; an unknown code changes nothing."""
    if code in dict(settings.LANGUAGES) and user.language != code:
        user.language = code
        user.save(update_fields=["language"])


CONTACT_FIELDS = ("contact_phone", "contact_email", "shows_contact")


@transaction.atomic
def set_contact(
    *,
    user: User,
    phone: str,
    email: str,
    shown: bool,
    request: HttpRequest | None = None,
) -> User:
    """Issue 14: one's own phone number and e-mail address for the others in one's plans,
    shown only when one chooses to (off by default). Checked like the form checks them,
    so a caller that skips the form still stores nothing that is not a Dutch number."""
    user.contact_phone = " ".join(phone.split())
    user.contact_email = email.strip()
    user.shows_contact = shown
    user.full_clean(
        exclude=[field.name for field in User._meta.fields if field.name not in CONTACT_FIELDS]
    )
    user.save(update_fields=list(CONTACT_FIELDS))
    # Which of the three changed is enough for the log; the values are the person's own.
    record_account_event(
        Event.CONTACT_CHANGED, user=user, request=request, part="getoond" if shown else "verborgen"
    )
    return user
