"""Issuing API clients, and the OpenAPI schema: it generates without warnings and is
served only to an API client or a logged-in person."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.api.models import ApiClient
from regie.api.services import hash_token
from tests.accounts.helpers import login_verified
from tests.api.helpers import Api, token_for
from tests.personas import Cast


def test_create_api_client_prints_the_token_once(cast: Cast) -> None:
    out = StringIO()
    call_command(
        "create_api_client",
        organisation="Wijkteam Noord",
        user="fatima",
        name="Wijkteam-systeem",
        stdout=out,
    )
    token = out.getvalue().strip().splitlines()[-1]
    client = ApiClient.objects.get(name="Wijkteam-systeem")
    assert client.token_hash == hash_token(token) and token not in client.token_hash
    assert client.acting_user == cast.wijkteam_user
    response = Api(token).get(reverse("api-plan-list"))
    assert response.status_code == 200 and response.json()["count"] == 1
    client.refresh_from_db()
    assert client.last_used_at is not None


def test_issue13_last_used_moves_at_most_once_a_minute(cast: Cast) -> None:
    """The client's "last used" is kept to the minute: calls in between write nothing."""
    api = Api(token_for(cast.wijkteam_user))
    client = ApiClient.objects.get(acting_user=cast.wijkteam_user)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        api.get(reverse("api-plan-list"))
        client.refresh_from_db()
        assert client.last_used_at == start
        traveller.shift(datetime.timedelta(seconds=59))
        api.get(reverse("api-plan-list"))
        client.refresh_from_db()
        assert client.last_used_at == start
        traveller.shift(datetime.timedelta(seconds=1))
        api.get(reverse("api-plan-list"))
        client.refresh_from_db()
        assert client.last_used_at == start + datetime.timedelta(seconds=60)


def test_a_client_acts_only_for_its_own_organisations_professional(cast: Cast) -> None:
    with pytest.raises(CommandError, match="werkt niet bij"):
        call_command("create_api_client", organisation="Zorggroep Elders", user="fatima", name="x")
    with pytest.raises(CommandError, match="werkt niet bij"):
        call_command("create_api_client", organisation="Wijkteam Noord", user="sanne", name="x")
    with pytest.raises(CommandError):
        call_command("create_api_client", organisation="Bestaat niet", user="fatima", name="x")


def test_a_professional_who_moved_organisation_loses_the_client(cast: Cast) -> None:
    out = StringIO()
    call_command(
        "create_api_client", organisation="Wijkteam Noord", user="fatima", name="y", stdout=out
    )
    token = out.getvalue().strip().splitlines()[-1]
    cast.wijkteam_user.organisation = cast.other_org
    cast.wijkteam_user.save(update_fields=["organisation"])
    assert Api(token).get(reverse("api-plan-list")).status_code == 401


def test_openapi_schema_generates_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text()
    assert "/api/v1/plans/{plan_id}/goals/{goal_id}/" in text
    assert "/api/v1/figures/" in text and "FigureFilter" not in text  # filters: parameters
    assert "bearerAuth" in text


def test_schema_is_served_to_an_api_client(cast: Cast) -> None:
    response = Api(token_for(cast.wijkteam_user)).get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"openapi: 3" in response.content


def test_a6_the_schema_is_not_public(db: None) -> None:
    """Issue 12: without a token or a login the schema says nothing about the API."""
    response = Api(None).get(reverse("api-schema"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"/api/v1/plans/" not in response.content
    assert Api("onzin").get(reverse("api-schema")).status_code == 401


def test_a6_the_schema_is_served_to_a_logged_in_professional(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.wijkteam_user)
    # Not past the second factor yet: sent to the code page, like every other page.
    assert client.get(reverse("api-schema")).status_code == 302
    login_verified(client, cast.wijkteam_user)
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"/api/v1/plans/{plan_id}/" in response.content
