"""A6: no single administrator takes over someone else's account.

An administrator's change of another person's e-mail address or second factor waits as an
`AccountChange` until a different administrator approves it, or the person confirms it
with a single-use link sent to their old address (only a hash of its token is stored).
The old address hears of the request and of the outcome; once the change takes effect,
each plan the person takes part in gets a log row, so the family sees it in "Wie heeft
ons plan bekeken?". Each step writes its log row in the same transaction as the change
(STYLE habit 2); e-mails go after commit (habit 3)."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event, EventKind, Outcome
from regie.access.log import Actor, record
from regie.access.selectors import FUNCTIONAL_ADMIN_ROLE
from regie.accounts.models import (
    AccountChange,
    AccountChangeKind,
    AccountChangeStatus,
    User,
)
from regie.accounts.services import record_account_event, wipe_second_factor
from regie.core.errors import RuleViolation
from regie.plans.models import Participant

Kind = AccountChangeKind
Status = AccountChangeStatus


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def confirmation_link(token: str) -> str:
    path = reverse("account-change-confirm", args=[token])
    return f"{settings.REGIE_BASE_URL.rstrip('/')}{path}"


def _part(change: AccountChange, how: str = "") -> str:
    """What the log row's `part` says: which change, so its rows can be found together."""
    return "; ".join(filter(None, [change.kind, how, str(change.public_id)]))


def is_open(change: AccountChange, now: datetime.datetime | None = None) -> bool:
    return change.status == Status.PENDING and change.expires_at > (now or timezone.now())


# ---- Telling the old address ----------------------------------------------------------


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def what_is_asked(change: AccountChange) -> str:
    if change.kind == Kind.EMAIL:
        return _("het e-mailadres van uw account in Regie wijzigen")
    return _("de tweestapsverificatie van uw account in Regie wissen")


def _contact() -> str:
    return _(
        "Was dit niet de bedoeling, neem dan direct contact op met de beheerders van Regie "
        "via %(contact)s."
    ) % {"contact": settings.REGIE_ACCOUNT_CONTACT_EMAIL}


def _requested_text(change: AccountChange, token: str) -> str:
    return _(
        "Op %(when)s heeft een beheerder van Regie gevraagd: %(what)s. Dat gebeurt pas als "
        "een tweede beheerder het goedkeurt, of als u het zelf bevestigt.\n\n"
        "Hebt u hierom gevraagd? Bevestig het dan met deze link. De link werkt één keer en "
        "verloopt over %(days)s dagen:\n\n%(link)s\n\n"
        "Hebt u er niet om gevraagd? Open dezelfde link en kies 'Niet doorvoeren'. %(contact)s"
    ) % {
        "when": _when(change.requested_at),
        "what": what_is_asked(change),
        "days": settings.REGIE_ACCOUNT_CHANGE_DAYS,
        "link": confirmation_link(token),
        "contact": _contact(),
    }


def _done_text(change: AccountChange) -> str:
    how = (
        _("U hebt dit zelf bevestigd.")
        if change.status == Status.CONFIRMED
        else _("Een tweede beheerder heeft dit goedgekeurd.")
    )
    after = (
        _("Berichten van Regie gaan voortaan naar het nieuwe adres.")
        if change.kind == Kind.EMAIL
        else _("Bij de volgende keer inloggen stelt u de tweestapsverificatie opnieuw in.")
    )
    return _("Op %(when)s is uitgevoerd: %(what)s. %(how)s %(after)s\n\n%(contact)s") % {
        "when": _when(change.decided_at or timezone.now()),
        "what": what_is_asked(change),
        "how": how,
        "after": after,
        "contact": _contact(),
    }


def _stopped_text(change: AccountChange) -> str:
    return _(
        "Op %(when)s is de aanvraag tegengehouden: %(what)s. Er is niets veranderd aan uw "
        "account.\n\n%(contact)s"
    ) % {
        "when": _when(change.decided_at or timezone.now()),
        "what": what_is_asked(change),
        "contact": _contact(),
    }


def _tell_old_address(change: AccountChange, token: str = "") -> None:
    """One e-mail to the address the account had when the change was asked, in the
    person's language, after commit. It says what, when and whom to contact; no case
    content."""
    if not change.old_email:
        return
    with translation.override(change.user.language):
        if change.status == Status.PENDING:
            subject = _("Regie: wijziging van uw account aangevraagd")
            body = _requested_text(change, token)
        elif change.status in (Status.APPROVED, Status.CONFIRMED):
            subject, body = _("Regie: uw account is gewijzigd"), _done_text(change)
        else:
            subject = _("Regie: wijziging van uw account niet doorgevoerd")
            body = _stopped_text(change)
    address = change.old_email
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))


# ---- Asking ------------------------------------------------------------------------------


def _refuse(
    admin: User, user: User, kind: EventKind, part: str, request: HttpRequest | None, message: str
) -> RuleViolation:
    """A refused step is logged too, in its own write, before the refusal is raised."""
    record_account_event(
        kind, user=admin, request=request, subject=user, outcome=Outcome.REFUSED, part=part
    )
    return RuleViolation("A6", message)


def request_email_change(
    *, admin: User, user: User, new_email: str, request: HttpRequest | None = None
) -> AccountChange:
    """An administrator asks to give `user` a new e-mail address. It is not the account's
    address until approved, so no password link can go there before that."""
    new_email = User.objects.normalize_email(new_email.strip())
    try:
        validate_email(new_email)
    except ValidationError as error:
        raise RuleViolation("A6", _("Vul een geldig e-mailadres in."), field="email") from error
    if new_email.lower() == user.email.lower():
        raise RuleViolation("A6", _("Dit is al het e-mailadres van dit account."), field="email")
    return _request(admin=admin, user=user, kind=Kind.EMAIL, new_email=new_email, request=request)


def request_second_factor_reset(
    *, admin: User, user: User, request: HttpRequest | None = None
) -> AccountChange:
    """An administrator asks to wipe `user`'s second factor (a lost phone)."""
    return _request(admin=admin, user=user, kind=Kind.SECOND_FACTOR, new_email="", request=request)


def _request(
    *, admin: User, user: User, kind: str, new_email: str, request: HttpRequest | None
) -> AccountChange:
    if not policy.may_request_account_change(admin, user):
        raise _refuse(
            admin,
            user,
            Event.ACCOUNT_CHANGE_REQUESTED,
            kind,
            request,
            _("U kunt zo'n wijziging niet aanvragen voor dit account, ook niet voor uw eigen."),
        )
    now = timezone.now()
    with transaction.atomic():
        # Only the newest request of a kind counts: an older open one is withdrawn.
        for older in AccountChange.objects.select_for_update().filter(
            user=user, kind=kind, status=Status.PENDING
        ):
            _stop(older, by=admin, status=Status.CANCELLED, how="vervangen", request=request)
        token = secrets.token_urlsafe(32)
        change = AccountChange.objects.create(
            user=user,
            kind=kind,
            new_email=new_email,
            old_email=user.email,
            requested_by=admin,
            expires_at=now + datetime.timedelta(days=settings.REGIE_ACCOUNT_CHANGE_DAYS),
            token_hash=_hash(token),
        )
        record_account_event(
            Event.ACCOUNT_CHANGE_REQUESTED,
            user=admin,
            request=request,
            subject=user,
            part=_part(change),
        )
        _tell_old_address(change, token)
    return change


# ---- Deciding ----------------------------------------------------------------------------


def _locked_open(change: AccountChange) -> AccountChange:
    """The change, locked, if it can still be decided; otherwise a Dutch reason."""
    change = (
        AccountChange.objects.select_for_update(of=("self",))
        .select_related("user", "requested_by__organisation")
        .get(pk=change.pk)
    )
    if change.status != Status.PENDING:
        raise RuleViolation("A6", _("Over deze wijziging is al besloten."))
    if change.expires_at <= timezone.now():
        raise RuleViolation("A6", _("Deze aanvraag is verlopen. Vraag de wijziging opnieuw aan."))
    if change.old_email != change.user.email:
        raise RuleViolation("A6", _("Het e-mailadres van dit account is intussen gewijzigd."))
    return change


def approve_change(
    *, admin: User, change: AccountChange, request: HttpRequest | None = None
) -> AccountChange:
    """A second administrator approves: the change takes effect. Whoever asked for it,
    and the person it is about, can never approve it."""
    if not policy.may_approve_account_change(admin, change.user, change.requested_by):
        raise _refuse(
            admin,
            change.user,
            Event.ACCOUNT_CHANGE_APPROVED,
            _part(change),
            request,
            _("Een tweede beheerder moet dit goedkeuren, niet wie het aanvroeg."),
        )
    with transaction.atomic():
        change = _locked_open(change)
        _decide(change, by=admin, status=Status.APPROVED)
        record_account_event(
            Event.ACCOUNT_CHANGE_APPROVED,
            user=admin,
            request=request,
            subject=change.user,
            part=_part(change),
        )
        _take_effect(change, how="goedgekeurd door een tweede beheerder")
    return change


def reject_change(
    *, admin: User, change: AccountChange, request: HttpRequest | None = None
) -> AccountChange:
    """Whoever asked withdraws it, or another administrator rejects it. The change stays
    as a trace, and the old address hears nothing was changed."""
    if not policy.may_request_account_change(admin, change.user):
        raise _refuse(
            admin,
            change.user,
            Event.ACCOUNT_CHANGE_REJECTED,
            _part(change),
            request,
            _("U kunt over wijzigingen van dit account niet beslissen."),
        )
    with transaction.atomic():
        change = _locked_open(change)
        own = admin.pk == change.requested_by_id
        status, how = (Status.CANCELLED, "ingetrokken") if own else (Status.REJECTED, "afgewezen")
        _stop(change, by=admin, status=status, how=how, request=request)
    return change


def _decide(change: AccountChange, *, by: User, status: str) -> None:
    change.status = status
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])


def _stop(
    change: AccountChange, *, by: User, status: str, how: str, request: HttpRequest | None
) -> None:
    _decide(change, by=by, status=status)
    record_account_event(
        Event.ACCOUNT_CHANGE_REJECTED,
        user=by,
        request=request,
        subject=change.user,
        part=_part(change, how),
    )
    _tell_old_address(change)


# ---- The person's own confirmation ---------------------------------------------------


def open_change(token: str) -> AccountChange:
    """The change behind a confirmation link, or a Dutch reason why the link does not
    work (RuleViolation)."""
    change = (
        AccountChange.objects.select_related("user", "requested_by")
        .filter(token_hash=_hash(token))
        .first()
    )
    if change is None:
        raise RuleViolation(
            "A6", _("Deze link bestaat niet. Kijk of u hem helemaal hebt gekopieerd.")
        )
    if change.status != Status.PENDING:
        raise RuleViolation(
            "A6", _("Deze link is al gebruikt, of over de wijziging is al besloten.")
        )
    if change.expires_at <= timezone.now():
        raise RuleViolation("A6", _("Deze link is verlopen. Er is niets veranderd aan uw account."))
    if change.old_email != change.user.email:
        raise RuleViolation(
            "A6", _("Deze link hoort bij een eerder e-mailadres en werkt niet meer.")
        )
    return change


def answer_by_link(
    *, token: str, accept: bool, request: HttpRequest | None = None
) -> AccountChange:
    """The person, who controls the old address, confirms the change or stops it."""
    with transaction.atomic():
        change = _locked_open(open_change(token))
        person = change.user
        if not accept:
            _stop(change, by=person, status=Status.REJECTED, how="door de persoon", request=request)
            return change
        _decide(change, by=person, status=Status.CONFIRMED)
        record_account_event(
            Event.ACCOUNT_CHANGE_CONFIRMED, user=person, request=request, part=_part(change)
        )
        _take_effect(change, how="bevestigd door de persoon zelf")
    return change


# ---- Taking effect -------------------------------------------------------------------------


def _take_effect(change: AccountChange, *, how: str) -> None:
    """Make the change, log it as the requesting administrator's, in each of the person's
    plans too, and tell the old address."""
    user = User.objects.select_for_update().get(pk=change.user_id)
    if change.kind == Kind.EMAIL:
        user.email = change.new_email
        user.save(update_fields=["email"])
        event = Event.EMAIL_CHANGED
    else:
        wipe_second_factor(user)
        event = Event.TWO_FACTOR_RESET
    admin = change.requested_by
    organisation = admin.organisation.name if admin.organisation_id and admin.organisation else ""
    # Not the request's address: the decider's request is not the administrator's.
    actor = Actor(
        user_id=admin.pk, label=str(admin), role=FUNCTIONAL_ADMIN_ROLE, organisation=organisation
    )
    record(event, actor=actor, obj=user, part=_part(change, how))
    for participant in _participations(user):
        plan = participant.plan
        record(
            event,
            actor=actor,
            plan_id=plan.public_id,
            family_id=plan.family.public_id,
            obj=user,
            part=f"{participant.display_name}; {how}",
        )
    _tell_old_address(change)


def _participations(user: User) -> list[Participant]:
    """One place per plan the person takes part in, ended roles included: the family
    should know the account of someone who was in their plan changed hands."""
    seen: dict[int, Participant] = {}
    for participant in Participant.objects.filter(user=user).select_related(
        "plan__family", "person", "user"
    ):
        seen.setdefault(participant.plan_id, participant)
    return list(seen.values())
