"""A6: failed logins are throttled and locked out, per account and per address; the
session key changes at login; logins, failed logins, lockouts and logouts are in the
access log."""

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


def test_a6_lockout_is_per_account_across_addresses(scene: Scene) -> None:
    """A6: an attacker who rotates addresses is stopped after 5 tries on one account."""
    for attempt in range(5):
        log_in(Client(), "sanne", "verkeerd-wachtwoord", address=f"203.0.113.{attempt + 1}")
    from_elsewhere = Client()
    response = log_in(from_elsewhere, "sanne", PASSWORD, address="198.51.100.7")
    assert response.status_code == 429
    assert not is_logged_in(from_elsewhere)
    other_person = Client()
    log_in(other_person, "fatima", PASSWORD, address="198.51.100.8")
    assert is_logged_in(other_person)


def test_a6_failed_logins_from_one_address_across_accounts_lock_that_address(
    scene: Scene,
) -> None:
    """A6: one try per user across many users is throttled per address."""
    for name in ["anna", "bram", "cor", "dirk"]:
        assert log_in(Client(), name, "welkom123", address="203.0.113.9").status_code == 200
    assert log_in(Client(), "eva", "welkom123", address="203.0.113.9").status_code == 429
    same_address = Client()
    assert log_in(same_address, "sanne", PASSWORD, address="203.0.113.9").status_code == 429
    assert not is_logged_in(same_address)
    other_address = Client()
    log_in(other_address, "sanne", PASSWORD, address="203.0.113.10")
    assert is_logged_in(other_address)


def test_a6_logging_in_to_ones_own_account_does_not_reset_the_address_count(
    scene: Scene,
) -> None:
    """A6: an attacker with an account of their own cannot clear the count between guesses."""
    for name in ["anna", "bram", "cor", "dirk"]:
        log_in(Client(), name, "welkom123", address="203.0.113.9")
    own = Client()
    log_in(own, "sanne", PASSWORD, address="203.0.113.9")
    assert is_logged_in(own)
    log_in(Client(), "eva", "welkom123", address="203.0.113.9")
    assert log_in(Client(), "fatima", PASSWORD, address="203.0.113.9").status_code == 429


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
