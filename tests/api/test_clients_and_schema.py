"""Issuing API clients, and the OpenAPI schema: it generates without warnings."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from regie.api.models import ApiClient
from regie.api.services import hash_token
from tests.api.helpers import Api
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
    assert "bearerAuth" in text


def test_schema_is_served(db: None) -> None:
    response = Api(None).get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"openapi: 3" in response.content
