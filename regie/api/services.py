"""Issuing and revoking API clients. A client acts for one professional of its own
organisation, so the policy applies to it exactly as to that person (A1). Both are
account events the privacy officer sees in the access log (A5)."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.events import Event, EventKind
from regie.access.log import Actor, record
from regie.accounts.models import Organisation, User
from regie.api.models import ApiClient

VISIBLE_PREFIX = "regie_"  # lets secret scanners recognise a leaked key
# Clients are issued and revoked by an administrator on the server, not by a user in the
# app: the row names the client and the professional it acts for.
ADMIN_ACTOR = Actor(user_id=None, label="Regie (beheer)")


class ClientRefused(ValueError):
    """The client cannot be issued as asked."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_client(
    *, organisation: Organisation, acting_user: User, name: str
) -> tuple[ApiClient, str]:
    """Create a client and return it with its token; the token is never stored."""
    if acting_user.organisation_id != organisation.pk:
        raise ClientRefused(
            _("%(user)s werkt niet bij %(organisation)s.")
            % {"user": acting_user.username, "organisation": organisation.name}
        )
    if not acting_user.is_active:
        raise ClientRefused(_("Dit account is niet actief."))
    if not name.strip():
        raise ClientRefused(_("Geef de koppeling een naam."))
    token = VISIBLE_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        organisation=organisation,
        acting_user=acting_user,
        name=name.strip(),
        token_hash=hash_token(token),
    )
    _log(Event.ACCOUNT_CREATED, client)
    return client, token


@transaction.atomic
def revoke_client(client: ApiClient) -> ApiClient:
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    _log(Event.ACCOUNT_DEACTIVATED, client)
    return client


def _log(kind: EventKind, client: ApiClient) -> None:
    record(kind, actor=ADMIN_ACTOR, obj=client, on_behalf_of=str(client.acting_user))
