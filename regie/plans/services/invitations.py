"""Invitations for family and network members (A3, A6): single-use links that expire,
can be revoked, and let the invitee set their own password. Only a hash of the token is
stored, so a database leak reveals no working link."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.accounts.models import Invitation, User
from regie.core.errors import RuleViolation
from regie.plans.models import Participant, Plan
from regie.plans.services.common import authorize, log, own_participant


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send(email: str, link: str) -> None:
    # The e-mail holds the link only, no case content.
    send_mail(
        subject=_("Uitnodiging voor een gezinsplan in Regie"),
        message=_(
            "U bent uitgenodigd om mee te doen in een gezinsplan in Regie. Maak met deze link "
            "een wachtwoord aan. De link werkt één keer en verloopt over %(days)s dagen:\n\n"
            "%(link)s"
        )
        % {"days": settings.REGIE_INVITATION_DAYS, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )


def invitation_link(token: str) -> str:
    return f"{settings.REGIE_BASE_URL.rstrip('/')}{reverse('invitation', args=[token])}"


@transaction.atomic
def invite(
    *, actor: Participant, plan: Plan, member: Participant, email: str = ""
) -> tuple[Invitation, str]:
    """Returns the invitation and its token; the token is shown or sent once, never again."""
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    own_participant(plan, member)
    if member.is_professional or member.person is None:
        raise RuleViolation("A6", _("Hulpverleners krijgen een account via hun organisatie."))
    if member.user_id is not None:
        raise RuleViolation(
            "A6", _("%(name)s heeft al een account.") % {"name": member.display_name}
        )
    if not policy.old_enough_to_log_in(member):
        raise RuleViolation("A4", _("Een kind krijgt pas vanaf 12 jaar een eigen account."))
    # A new invitation replaces any open one: only the newest link works.
    Invitation.objects.filter(
        participant=member, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        token_hash=_hash(token),
        participant=member,
        email=email,
        created_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=settings.REGIE_INVITATION_DAYS),
    )
    log(Event.INVITATION_SENT, actor=actor, plan=plan, obj=member)
    if email:
        link = invitation_link(token)
        transaction.on_commit(lambda: _send(email, link))
    return invitation, token


@transaction.atomic
def revoke_invitation(*, actor: Participant, invitation: Invitation) -> Invitation:
    plan = invitation.participant.plan
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log(Event.INVITATION_REVOKED, actor=actor, plan=plan, obj=invitation.participant)
    return invitation


def open_invitation(token: str) -> Invitation:
    """The invitation behind a link, or a Dutch reason why the link no longer works."""
    invitation = (
        Invitation.objects.select_related("participant__person", "participant__plan__family")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None:
        raise RuleViolation("A6", _("Deze uitnodiging bestaat niet. Vraag een nieuwe link."))
    if invitation.used_at is not None:
        raise RuleViolation("A6", _("Deze link is al gebruikt. Log in met uw wachtwoord."))
    if invitation.revoked_at is not None:
        raise RuleViolation("A6", _("Deze uitnodiging is ingetrokken. Vraag een nieuwe link."))
    if invitation.expires_at <= timezone.now():
        raise RuleViolation("A6", _("Deze link is verlopen. Vraag een nieuwe link."))
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, username: str, password: str) -> User:
    """The invitee picks a username and password; the link then stops working."""
    invitation = open_invitation(token)
    # Lock the row: two clicks at once must not make two accounts.
    Invitation.objects.select_for_update().filter(pk=invitation.pk).get()
    invitation.refresh_from_db()
    if invitation.used_at is not None:
        raise RuleViolation("A6", _("Deze link is al gebruikt. Log in met uw wachtwoord."))
    username = username.strip()
    if not username:
        raise RuleViolation("A6", _("Kies een gebruikersnaam."), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise RuleViolation(
            "A6", _("Deze gebruikersnaam is al bezet. Kies een andere."), field="username"
        )
    participant = invitation.participant
    person = participant.person
    if person is None:  # invite() only invites persons; guard against hand-made rows
        raise RuleViolation("A6", _("Deze uitnodiging bestaat niet. Vraag een nieuwe link."))
    user = User(
        username=username,
        first_name=person.first_name,
        last_name=person.last_name,
        email=invitation.email,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise RuleViolation("A6", " ".join(error.messages), field="password") from error
    user.set_password(password)
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    Participant.objects.filter(person=person, user__isnull=True).update(user=user)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    participant.user = user
    log(Event.INVITATION_USED, actor=participant, plan=participant.plan, obj=participant)
    return user
