"""The notification list (own notifications only, marked read when opened) and the
health endpoint for the load balancer."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from regie.accounts.models import User
from regie.notifications.models import Notification, NotificationKind
from regie.notifications.selectors import unread_count
from tests.accounts.helpers import login_verified
from tests.personas import Cast

pytestmark = pytest.mark.django_db


def _notify(user: User, cast: Cast, text: str) -> Notification:
    return Notification.objects.create(
        user=user,
        kind=NotificationKind.CHECK_IN,
        plan=cast.plan,
        text=text,
        url=reverse("plan", args=[cast.plan.public_id]),
    )


def test_parent_sees_only_her_own_notifications_and_they_are_marked_read(cast: Cast) -> None:
    own = _notify(cast.parent_user, cast, "Voor Sanne")
    other = _notify(cast.grandmother_user, cast, "Voor Ria")
    assert unread_count(cast.parent_user) == 1
    client = Client()
    client.force_login(cast.parent_user)
    response = client.get(reverse("notifications"))
    assert response.status_code == 200
    assert b"Voor Sanne" in response.content
    assert b"Voor Ria" not in response.content
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.read_at is not None
    assert other.read_at is None
    assert unread_count(cast.parent_user) == 0
    assert unread_count(cast.grandmother_user) == 1


def test_notifications_are_newest_first_and_paginated(cast: Cast) -> None:
    for number in range(30):
        _notify(cast.wijkteam_user, cast, f"Melding {number:02d}")
    client = Client()
    login_verified(client, cast.wijkteam_user)
    first = client.get(reverse("notifications")).content.decode()
    assert "Melding 29" in first
    assert "Melding 04" not in first
    assert first.index("Melding 29") < first.index("Melding 28")
    assert unread_count(cast.wijkteam_user) == 5  # only what was shown is read
    second = client.get(reverse("notifications"), {"pagina": 2}).content.decode()
    assert "Melding 04" in second
    assert unread_count(cast.wijkteam_user) == 0


def test_anonymous_visitor_is_sent_to_login(db: None) -> None:
    response = Client().get(reverse("notifications"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_health_answers_ok_without_session(db: None) -> None:
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "Set-Cookie" not in response.headers
    assert Client().head(reverse("health")).status_code == 200


def test_health_answers_503_when_the_database_is_down(db: None) -> None:
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert b"down" not in response.content


def test_health_refuses_writes(db: None) -> None:
    assert Client().post(reverse("health")).status_code == 405
