"""A6: password reset by e-mail, and strong passwords only."""

import re
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from tests.accounts.conftest import PASSWORD, Scene

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "fietsen-naar-de-zee-2026"


def reset_link(email: str) -> str:
    response = Client().post(reverse("password-reset"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password-reset-done")
    (message,) = mail.outbox
    assert message.subject == "Nieuw wachtwoord voor Regie"
    assert message.to == [email]
    link = re.search(r"http://testserver(/\S+)", str(message.body))
    assert link is not None
    return link.group(1)


def test_a6_password_reset_by_email_sets_a_new_password(scene: Scene) -> None:
    logged_in_elsewhere = Client()
    logged_in_elsewhere.force_login(scene.parent)
    client = Client()
    form_page = client.get(reset_link("sanne@example.org"), follow=True)
    assert "Nieuw wachtwoord kiezen" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("password-reset-complete")
    scene.parent.refresh_from_db()
    assert scene.parent.check_password(NEW_PASSWORD)
    # The new password ends the sessions that used the old one.
    assert logged_in_elsewhere.get(reverse("home")).status_code == 302
    row = AccessLogEntry.objects.get(event=Event.PASSWORD_RESET.code)
    assert row.user_id == scene.parent.pk
    # The link works once.
    again = client.get(set_password_url)
    assert "werkt niet meer" in again.content.decode()


def test_a6_unknown_address_gets_the_same_answer_and_no_mail(scene: Scene) -> None:
    response = Client().post(reverse("password-reset"), {"email": "niemand@example.org"})
    assert response["Location"] == reverse("password-reset-done")
    assert mail.outbox == []


def test_a6_a_reset_lifts_an_earlier_lockout(scene: Scene) -> None:
    for _attempt in range(5):
        Client().post(reverse("login"), {"username": "sanne", "password": "fout"})
    client = Client()
    form_page = client.get(reset_link("sanne@example.org"), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    client.post(reverse("login"), {"username": "sanne", "password": NEW_PASSWORD})
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "weak",
    ["kort", "12345678901234", "password123", "Jansen2026", "wachtwoord"],
)
def test_a6_weak_passwords_are_refused(scene: Scene, weak: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(weak, user=scene.parent)


def test_a6_a_strong_password_is_accepted(scene: Scene) -> None:
    validate_password(NEW_PASSWORD, user=scene.parent)


def test_a6_the_reset_form_explains_a_refused_password(scene: Scene) -> None:
    client = Client()
    form_page = client.get(reset_link("sanne@example.org"), follow=True)
    response: Any = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "12345678901234", "new_password2": "12345678901234"},
    )
    assert response.status_code == 200
    assert "nog niet veranderd" in response.content.decode()
    scene.parent.refresh_from_db()
    assert scene.parent.check_password(PASSWORD)
