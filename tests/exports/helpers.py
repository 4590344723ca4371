"""Helpers for the export tests: logging in as a persona and walking FHIR references."""

from collections.abc import Iterator
from typing import Any

from django.test import Client

from regie.accounts.models import User
from tests.accounts.helpers import login_verified


def client_for(user: User) -> Client:
    """A client logged in as `user`, past the second factor where Regie asks one (A6)."""
    client = Client()
    if user.needs_two_factor:
        login_verified(client, user)
    else:
        client.force_login(user)
    return client


def references(node: Any) -> Iterator[str]:
    """Every `reference` string anywhere in a FHIR JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)
