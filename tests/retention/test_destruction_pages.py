"""A8 through the pages: a parent asks for early destruction on the plan page; a
professional of the plan decides on the requests page, which shows the request only."""

from django.test import Client
from django.urls import reverse

from regie.plans.models import DestructionRequest, Plan
from tests.accounts.helpers import login_verified
from tests.personas import Cast


def test_a8_parent_requests_and_professional_grants_through_the_pages(cast: Cast) -> None:
    parent = Client()
    parent.force_login(cast.parent_user)
    response = parent.post(
        reverse("plan-action", args=[cast.plan.public_id, "request-destruction"]),
        {"reason": "We willen dit afsluiten."},
    )
    assert response.status_code == 302
    request = DestructionRequest.objects.get(plan=cast.plan)

    outsider = Client()
    login_verified(outsider, cast.outsider)
    assert b"Gezin Jansen" not in outsider.get(reverse("destruction-requests")).content
    assert (
        outsider.post(
            reverse("destruction-requests"), {"request": str(request.public_id), "grant": "grant"}
        ).status_code
        == 404
    )

    worker = Client()
    login_verified(worker, cast.wijkteam_user)
    page = worker.get(reverse("destruction-requests"))
    assert page.status_code == 200
    assert "We willen dit afsluiten." in page.content.decode()
    refused = worker.post(
        reverse("destruction-requests"), {"request": str(request.public_id), "grant": "refuse"}
    )
    assert refused.status_code == 400
    unconfirmed = worker.post(
        reverse("destruction-requests"), {"request": str(request.public_id), "grant": "grant"}
    )
    assert unconfirmed.status_code == 400  # destroying needs the tick: it cannot be undone
    assert Plan.objects.filter(pk=cast.plan.pk).exists()
    granted = worker.post(
        reverse("destruction-requests"),
        {"request": str(request.public_id), "grant": "grant", "confirm": "on"},
    )
    assert granted.status_code == 302
    assert not Plan.objects.filter(pk=cast.plan.pk).exists()
