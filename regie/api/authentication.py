"""`Authorization: Bearer <token>`: the request acts as the client's professional."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from regie.accounts.models import User
from regie.api.models import ApiClient
from regie.api.services import hash_token

# "Last used" to the minute: a write on every call cost each API request a query
# (issue 13), as the session's save did on every page.
LAST_USED_SECONDS = 60


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiClient] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige token."))
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Ongeldige token.")) from None
        client = (
            ApiClient.objects.select_related("acting_user", "organisation")
            .filter(token_hash=hash_token(token), revoked_at__isnull=True)
            .first()
        )
        if client is None or not client.acting_user.is_active:
            raise exceptions.AuthenticationFailed(_("Ongeldige token."))
        user = client.acting_user
        # A professional who moved to another organisation no longer acts for this one.
        if user.organisation_id is not None and user.organisation_id != client.organisation_id:
            raise exceptions.AuthenticationFailed(_("Ongeldige token."))
        now = timezone.now()
        last = client.last_used_at
        if last is None or not 0 <= (now - last).total_seconds() < LAST_USED_SECONDS:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return user, client

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "regie.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer"}
