"""A5: issuing and revoking an API client each leave one row in the access log, written in
the same transaction as the change."""

from regie.access.events import Event, Outcome
from regie.access.models import AccessLogEntry
from regie.api.models import ApiClient
from regie.api.services import issue_client, revoke_client
from tests.personas import Cast


def _rows(client: ApiClient) -> list[AccessLogEntry]:
    return list(
        AccessLogEntry.objects.filter(object_type="api.ApiClient", object_id=str(client.pk))
    )


def test_a5_issuing_a_client_is_logged(cast: Cast) -> None:
    user = cast.wijkteam_user
    assert user.organisation is not None
    client, _token = issue_client(organisation=user.organisation, acting_user=user, name="Sys")
    [row] = _rows(client)
    assert row.event == Event.ACCOUNT_CREATED.code
    assert row.outcome == Outcome.SUCCESS
    assert row.on_behalf_of == str(user)
    assert row.family_id is None and row.plan_id is None


def test_a5_revoking_a_client_is_logged(cast: Cast) -> None:
    user = cast.wijkteam_user
    assert user.organisation is not None
    client, _token = issue_client(organisation=user.organisation, acting_user=user, name="Sys")
    revoke_client(client)
    rows = _rows(client)
    assert [row.event for row in rows] == [
        Event.ACCOUNT_CREATED.code,
        Event.ACCOUNT_DEACTIVATED.code,
    ]
    assert rows[-1].on_behalf_of == str(user)
    client.refresh_from_db()
    assert client.revoked_at is not None
