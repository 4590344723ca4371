"""Issue 14: "Mijn rechten", a page of its own for what the family can ask: a complaint or
second opinion (R22), early destruction with a confirmation first (A8), the downloads and
the data export (AVG), and who looked (A5). Each part shows for whoever may use it; the
page's read is logged like the other plan pages (A5)."""

import pytest
from django.urls import reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.plans.models import Complaint, DestructionRequest
from tests.accounts.helpers import client_for
from tests.personas import Cast, build_cast, last_log_id
from tests.web.test_htmx import element


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def _rights(cast: Cast) -> str:
    return reverse("plan-rights", args=[cast.plan.public_id])


def _action(cast: Cast, name: str) -> str:
    return reverse("plan-action", args=[cast.plan.public_id, name])


def test_issue14_parent_finds_every_right_explained_on_one_page(cast: Cast) -> None:
    response = client_for(cast.parent_user).get(_rights(cast))
    assert response.status_code == 200
    page = response.content.decode()
    plan_id = cast.plan.public_id
    assert "<h1>\n    Mijn rechten" in page
    assert "Niet tevreden?" in page and "second opinion" in page
    assert reverse("plan-access-log", args=[plan_id]) in page
    assert reverse("plan-export-data", args=[plan_id]) in page
    assert reverse("plan-export-pdf", args=[plan_id]) in page
    assert "Voor een ander zorgsysteem" in page and "HL7" not in page
    destroy = element(page, "destroy").split("</h2>", 1)[0]
    assert "Plan laten vernietigen" in destroy
    # A8: the request sits behind a question first, and says it cannot be undone.
    assert "<summary>Ik wil vragen om het plan te vernietigen</summary>" in page
    assert "Weet u het zeker?" in page and "Dat kan niet meer terug." in page


def test_issue14_a_professional_gets_the_downloads_and_no_family_rights(cast: Cast) -> None:
    page = client_for(cast.care_provider_user).get(_rights(cast)).content.decode()
    assert "Het plan downloaden" in page
    assert reverse("plan-export-fhir", args=[cast.plan.public_id]) in page
    for family_only in ("Niet tevreden?", "Plan laten vernietigen", "plan-access-log", "zip"):
        assert family_only not in page, family_only


def test_issue14_a3_the_network_gets_the_printable_plan_only(cast: Cast) -> None:
    page = client_for(cast.grandmother_user).get(_rights(cast)).content.decode()
    assert reverse("plan-export-pdf", args=[cast.plan.public_id]) in page
    assert reverse("plan-export-fhir", args=[cast.plan.public_id]) not in page
    assert reverse("plan-export-data", args=[cast.plan.public_id]) not in page


def test_issue14_r22_a_complaint_is_sent_from_mijn_rechten_and_its_status_shows(
    cast: Cast,
) -> None:
    parent = client_for(cast.parent_user)
    data = {"organisation": cast.provider_org.public_id, "kind": "complaint", "text": "Te laat."}
    response = parent.post(_action(cast, "complaint"), data)
    assert response.status_code == 302
    assert response["Location"] == _rights(cast)
    assert Complaint.objects.filter(plan=cast.plan).count() == 1
    page = parent.get(_rights(cast)).content.decode()
    assert "Jeugdhulp Horizon" in page and "verstuurd" in page


def test_issue14_r22_a_rejected_complaint_keeps_what_was_typed_on_mijn_rechten(
    cast: Cast,
) -> None:
    parent = client_for(cast.parent_user)
    response = parent.post(
        _action(cast, "complaint"), {"kind": "complaint", "text": "Niemand belde terug."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn rechten" in page
    assert "Niemand belde terug." in page
    assert "<details open>\n        <summary>Een klacht of second opinion sturen" in page
    assert not Complaint.objects.filter(plan=cast.plan).exists()


def test_issue14_a8_a_destruction_request_returns_to_mijn_rechten_with_its_status(
    cast: Cast,
) -> None:
    parent = client_for(cast.parent_user)
    response = parent.post(_action(cast, "request-destruction"), {"reason": "Het is klaar."})
    assert response.status_code == 302
    assert response["Location"] == _rights(cast)
    assert DestructionRequest.objects.filter(plan=cast.plan).count() == 1
    page = parent.get(_rights(cast)).content.decode()
    assert "Wat u al vroeg" in page and "aangevraagd" in page


def test_issue14_a5_opening_mijn_rechten_is_logged_as_a_read(cast: Cast) -> None:
    parent = client_for(cast.parent_user)
    before = last_log_id()
    parent.get(_rights(cast))
    rows = list(AccessLogEntry.objects.filter(pk__gt=before))
    assert [(row.event, row.part) for row in rows] == [(Event.PLAN_VIEWED.code, "mijn rechten")]


def test_issue14_a_youth_is_spoken_to_as_je_on_mijn_rechten(cast: Cast) -> None:
    """A youth of 12+ may complain and ask for destruction too (R22, A8): the page speaks
    to them as their own page does, never "u" next to "je"."""
    page = client_for(cast.youth13_user).get(_rights(cast)).content.decode()
    assert "Ben je niet tevreden" in page and "Wat wil je kwijt?" in page
    assert "Weet je het zeker?" in page
    for adult in ("Bent u niet tevreden", "Wat wilt u kwijt?", "Weet u het zeker?", "U kunt"):
        assert adult not in page, adult
