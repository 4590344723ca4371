"""A6: sessions expire after 30 minutes idle (the end saved at most once a minute,
issue 13) and 12 hours absolute; logging out and deactivating an account end all that
person's sessions at once."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from tests.accounts.conftest import PASSWORD, Scene
from tests.accounts.helpers import login_verified

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def reaches_home(client: Client) -> bool:
    response = client.get(reverse("home"))
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
        return False
    assert response.status_code == 200
    return True


def test_a6_logout_ends_every_session_of_that_person(scene: Scene) -> None:
    laptop, phone = logged_in(scene.parent), logged_in(scene.parent)
    someone_else = Client()
    login_verified(someone_else, scene.worker)
    assert reaches_home(laptop) and reaches_home(phone)

    assert laptop.post(reverse("logout")).status_code == 302
    assert not reaches_home(laptop)
    assert not reaches_home(phone)
    assert reaches_home(someone_else)


def test_a6_deactivated_account_loses_its_session_and_cannot_log_in(scene: Scene) -> None:
    client = logged_in(scene.parent)
    assert reaches_home(client)
    scene.parent.is_active = False
    scene.parent.save()
    assert not reaches_home(client)
    response = Client().post(reverse("login"), {"username": "sanne", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session


def test_a6_session_ends_after_thirty_minutes_without_a_request(scene: Scene) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in(scene.parent)
        # Activity keeps the session alive: every request restarts the 30 minutes.
        for _step in range(3):
            traveller.shift(datetime.timedelta(minutes=29))
            assert reaches_home(client)
        traveller.shift(datetime.timedelta(minutes=31))
        assert not reaches_home(client)


def session_writes(client: Client) -> list[str]:
    """The statements that wrote a session row during one request to the home page."""
    with CaptureQueriesContext(connection) as queries:
        assert reaches_home(client)
    return [
        query["sql"]
        for query in queries.captured_queries
        if "django_session" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def expires_at(client: Client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a6_a_request_within_a_minute_of_the_last_save_writes_no_session(scene: Scene) -> None:
    """Issue 13: the idle clock is not saved on every page; the session row is left alone
    for a minute after it was last saved (here: at login)."""
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in(scene.parent)
        ends = expires_at(client)
        traveller.shift(datetime.timedelta(seconds=59))
        assert session_writes(client) == []
        assert expires_at(client) == ends


def test_a6_a_request_a_minute_after_the_last_save_moves_the_end(scene: Scene) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in(scene.parent)
        traveller.shift(datetime.timedelta(minutes=1))
        assert len(session_writes(client)) == 1
        assert expires_at(client) == START + datetime.timedelta(minutes=31)
        traveller.shift(datetime.timedelta(seconds=30))
        assert session_writes(client) == []


def test_a6_requests_every_half_minute_keep_the_session_alive(scene: Scene) -> None:
    """The end moves once a minute, so steady activity never hits the idle limit, and 30
    idle minutes after the last save end it."""
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in(scene.parent)
        for _step in range(90):  # 45 minutes
            traveller.shift(datetime.timedelta(seconds=30))
            assert reaches_home(client)
        last_save = expires_at(client) - datetime.timedelta(minutes=30)
        assert last_save >= START + datetime.timedelta(minutes=44)
        traveller.move_to(last_save + datetime.timedelta(minutes=30, seconds=1))
        assert not reaches_home(client)


def test_a6_session_ends_twelve_hours_after_login_however_active(scene: Scene) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in(scene.parent)
        # A request every 20 minutes for 11 h 40 min: still in.
        for _step in range(35):
            traveller.shift(datetime.timedelta(minutes=20))
            assert reaches_home(client)
        traveller.shift(datetime.timedelta(minutes=20))  # 12 h after login
        assert not reaches_home(client)
    row = AccessLogEntry.objects.get(event=Event.SESSION_EXPIRED.code)
    assert (row.user_id, row.part) == (scene.parent.pk, "absolute")


def test_a6_jumping_thirteen_hours_ends_the_session(scene: Scene) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = logged_in(scene.parent)
        traveller.shift(datetime.timedelta(hours=13))
        assert not reaches_home(client)


def test_a6_the_absolute_limit_ends_only_that_session(scene: Scene) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        early = logged_in(scene.parent)
        for _step in range(35):
            traveller.shift(datetime.timedelta(minutes=20))
            assert reaches_home(early)
        late = logged_in(scene.parent)
        traveller.shift(datetime.timedelta(minutes=20))
        assert not reaches_home(early)
        assert reaches_home(late)


def test_a6_changing_the_password_ends_the_other_sessions_but_not_this_one(
    scene: Scene,
) -> None:
    here, elsewhere = logged_in(scene.parent), logged_in(scene.parent)
    response = here.post(
        reverse("password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "nieuw-en-lang-genoeg-2026",
            "new_password2": "nieuw-en-lang-genoeg-2026",
        },
    )
    assert response.status_code == 302
    assert reaches_home(here)
    assert not reaches_home(elsewhere)
    assert AccessLogEntry.objects.filter(event=Event.PASSWORD_CHANGED.code).exists()
