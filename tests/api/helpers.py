"""Tokens and clients for API tests."""

from typing import Any

from django.test import Client

from regie.accounts.models import Organisation, User
from regie.api.models import ApiClient
from regie.api.services import hash_token, issue_client


def token_for(user: User, *, organisation: Organisation | None = None) -> str:
    """A token acting for `user`. Professionals get theirs the real way, through
    `issue_client`. For family and network logins the issuance check would refuse, so the
    row is written directly: those tokens exist to prove that the policy, not the
    issuance check, keeps such a caller to what they may see."""
    if user.organisation is not None and organisation is None:
        return issue_client(organisation=user.organisation, acting_user=user, name="test")[1]
    token = f"test-{user.username}-{user.pk}"
    organisation = organisation or Organisation.objects.order_by("id").first()
    assert organisation is not None
    ApiClient.objects.create(
        organisation=organisation,
        acting_user=user,
        name="test",
        token_hash=hash_token(token),
    )
    return token


class Api:
    """A Django test client that sends the bearer token and JSON."""

    def __init__(self, token: str | None, *, language: str | None = None) -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if token is not None:
            self.headers["Authorization"] = f"Bearer {token}"
        if language is not None:
            self.headers["Accept-Language"] = language

    def get(self, url: str, **headers: str) -> Any:
        return self.client.get(url, headers={**self.headers, **headers})

    def post(self, url: str, data: dict[str, Any], **headers: str) -> Any:
        return self.client.post(
            url, data, content_type="application/json", headers={**self.headers, **headers}
        )

    def patch(self, url: str, data: dict[str, Any], **headers: str) -> Any:
        return self.client.patch(
            url, data, content_type="application/json", headers={**self.headers, **headers}
        )
