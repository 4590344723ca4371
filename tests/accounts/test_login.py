"""A6: failed logins are throttled and locked out, the session key changes at login, and
logins, failed logins, lockouts and logouts are in the access log."""

import datetime
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.signals import UNKNOWN_USERNAME
from tests.accounts.conftest import PASSWORD, Scene

pytestmark = pytest.mark.django_db


def log_in(client: Client, username: str, password: str, address: str = "127.0.0.1") -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a6_five_failed_logins_lock_out_with_a_dutch_message(scene: Scene) -> None:
    client = Client()
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        response = log_in(client, "sanne", "verkeerd-wachtwoord")
        assert response.status_code == 200
        assert "klopt niet" in response.content.decode()
    response = log_in(client, "sanne", "verkeerd-wachtwoord")
    assert response.status_code == 429
    page = response.content.decode()
    assert "te vaak een verkeerd wachtwoord" in page
    assert "15 minuten geblokkeerd" in page
    # Locked: even the right password does not get in now.
    response = log_in(client, "sanne", PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)
    locked = AccessLogEntry.objects.filter(event=Event.LOCKED_OUT.code).first()
    assert locked is not None
    assert (locked.user_id, locked.outcome) == (scene.parent.pk, "refused")


def test_a6_lockout_is_per_username_and_address(scene: Scene) -> None:
    for _attempt in range(5):
        log_in(Client(), "sanne", "verkeerd-wachtwoord")
    other_address = Client()
    log_in(other_address, "sanne", PASSWORD, address="10.1.2.3")
    assert is_logged_in(other_address)
    other_person = Client()
    log_in(other_person, "fatima", PASSWORD)
    assert is_logged_in(other_person)


def test_a6_lockout_ends_after_fifteen_minutes(scene: Scene) -> None:
    start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        for _attempt in range(5):
            log_in(Client(), "sanne", "verkeerd-wachtwoord")
        traveller.shift(datetime.timedelta(minutes=14))
        client = Client()
        log_in(client, "sanne", PASSWORD)
        assert not is_logged_in(client)
        traveller.shift(datetime.timedelta(minutes=16))
        log_in(client, "sanne", PASSWORD)
        assert is_logged_in(client)


def test_a6_session_key_changes_at_login(scene: Scene) -> None:
    client = Client()
    session = client.session
    session["seen_before_login"] = True
    session.save()
    before = session.session_key
    log_in(client, "sanne", PASSWORD)
    assert is_logged_in(client)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a6_login_failed_login_and_logout_are_in_the_access_log(scene: Scene) -> None:
    client = Client()
    log_in(client, "sanne", "verkeerd-wachtwoord")
    log_in(client, "sanne", PASSWORD)
    client.post(reverse("logout"))
    rows = list(
        AccessLogEntry.objects.filter(event__startswith="account.")
        .order_by("id")
        .values_list("event", "outcome", "user_id", "ip_address", "plan_id", "family_id")
    )
    assert rows == [
        (Event.LOGIN_FAILED.code, "failure", scene.parent.pk, "127.0.0.1", None, None),
        (Event.LOGIN.code, "success", scene.parent.pk, "127.0.0.1", None, None),
        (Event.LOGOUT.code, "success", scene.parent.pk, "127.0.0.1", None, None),
    ]
    login = AccessLogEntry.objects.get(event=Event.LOGIN.code)
    assert login.user_label == "Sanne Jansen"


def test_a6_a_mistyped_username_is_not_written_to_the_log(scene: Scene) -> None:
    log_in(Client(), "mijn-geheime-wachtwoord", "x")
    row = AccessLogEntry.objects.get(event=Event.LOGIN_FAILED.code)
    assert row.user_id is None
    assert row.user_label == UNKNOWN_USERNAME
    assert "mijn-geheime" not in str(row.__dict__)


def test_a6_professional_logs_in_with_password_then_code(scene: Scene) -> None:
    client = Client()
    response = log_in(client, "fatima", PASSWORD)
    assert response.status_code == 302
    home = client.get(response["Location"])
    assert home["Location"].startswith(reverse("two-factor-setup"))
