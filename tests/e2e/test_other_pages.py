"""The pages outside the journeys of issue 5, each checked with axe-core (0 violations):
who looked at the plan, notifications, the privacy officer's log search, requests for
destruction, invitation links, password reset, two-factor setup, the home page's form
with errors and the login page with a wrong password. Pages are grouped per person so
the suite builds few casts and opens few windows (the browser is the session's)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regie.accounts.models import Invitation
from regie.notifications.models import Notification, NotificationKind
from regie.plans.models import Plan
from regie.plans.services import invitations, retention
from tests.e2e.helpers import BrowserSession
from tests.personas import build_cast

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DANGLING = """() => {
  const missing = [];
  document.querySelectorAll('[aria-describedby], [aria-labelledby], [for], a[href^="#"]')
    .forEach(el => {
      const ids = [el.getAttribute('aria-describedby'), el.getAttribute('aria-labelledby'),
                   el.getAttribute('for'), (el.getAttribute('href') || '').slice(1)]
        .filter(Boolean).join(' ').split(/\\s+/).filter(Boolean);
      ids.forEach(id => { if (!document.getElementById(id)) missing.push(id); });
    });
  return missing.slice(0, 10);
}"""


class Session(BrowserSession):
    """The harness's checks, and also: every label, description and in-page link
    (error summaries) points at an element that exists."""

    def check(self) -> None:
        super().check()
        dangling = self.page.evaluate(DANGLING)
        assert not dangling, f"{self.page.url} refers to ids that do not exist: {dangling}"


@pytest.fixture
def session(desktop: BrowserSession) -> Session:
    return Session(desktop.page)


def test_parent_sees_who_looked_and_the_notifications(session: Session) -> None:
    cast = build_cast()
    Notification.objects.create(
        user=cast.parent_user,
        kind=NotificationKind.values[0],
        plan=cast.plan,
        text="Er staat iets voor u klaar om te bekijken.",
        url=f"/plannen/{cast.plan.public_id}/",
    )
    page = session.page
    session.log_in(cast.parent_user)
    session.visit(f"/plannen/{cast.plan.public_id}/wie-keek/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wie heeft ons plan bekeken?")
    session.visit("/meldingen/")
    expect(page.get_by_text("Er staat iets voor u klaar om te bekijken.")).to_be_visible()


def test_privacy_officer_searches_the_log(session: Session) -> None:
    cast = build_cast()
    page = session.page
    session.log_in_professional(cast.privacy_officer)
    session.visit("/privacy/log/")
    page.get_by_label("Gezin", exact=True).fill("jansen")  # issue 14: by name
    session.submit(page.get_by_role("button", name="Zoeken"))
    expect(page.get_by_text("gevonden")).to_be_visible()
    # a search with an error: the summary links to the field
    page.get_by_label("Gebruiker").fill("niemand")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    session.check()
    expect(page.get_by_role("alert")).to_contain_text("Gebruiker")


def test_professional_home_form_errors_and_destruction_requests(session: Session) -> None:
    cast = build_cast()
    request = retention.request_destruction(
        actor=cast.parent, plan=cast.plan, reason="We willen dat alles weg is."
    )
    page = session.page
    session.log_in_professional(cast.wijkteam_user)
    session.submit(page.get_by_role("button", name="Plan openen"))  # nothing filled in
    expect(page.get_by_role("alert")).to_be_visible()
    session.visit("/vernietigingsverzoeken/")
    expect(page.get_by_role("heading", level=2, name="Gezin Jansen")).to_be_visible()
    confirm = page.get_by_label("Ik begrijp dat alles van dit plan wordt verwijderd")
    expect(confirm).to_have_attribute("required", "")
    # refusing without a reason: the error is shown next to the field and linked to it
    with page.expect_navigation():
        page.get_by_role("button", name="Niet vernietigen").click()
    session.check()
    expect(page.get_by_role("alert").get_by_role("link")).to_have_attribute(
        "href", f"#reason-{request.public_id}"
    )
    expect(page.get_by_label("Toelichting voor het gezin")).to_have_attribute(
        "aria-invalid", "true"
    )
    # destroying needs the tick: the browser asks for it before anything is sent
    page.get_by_role("button", name="Plan vernietigen").click()
    assert confirm.evaluate("el => !el.validity.valid")
    assert Plan.objects.filter(pk=cast.plan.pk).exists()


def test_pages_before_logging_in(session: Session) -> None:
    cast = build_cast()
    page = session.page
    invitation, token = invitations.invite(
        actor=cast.parent, plan=cast.plan, member=cast.second_parent
    )
    session.visit(f"/uitnodiging/{token}/")
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Account maken").click()  # empty: errors
    session.check()

    Invitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())
    response = page.goto(f"/uitnodiging/{token}/")
    assert response is not None and response.status == 410
    session.check()
    expect(page.get_by_role("alert")).to_contain_text("al gebruikt")

    session.visit("/account/wachtwoord-vergeten/")

    session.visit("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(cast.parent_user.username)
    page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    session.check()
    expect(page.get_by_role("alert")).to_contain_text("klopt niet")

    # a professional without an authenticator app yet is sent to set one up
    session.log_in(cast.care_provider_user)
    assert "tweestaps/instellen" in page.url, page.url
    with page.expect_navigation():
        page.get_by_role("button", name="Aanzetten").click()  # no code: an error
    session.check()
