"""Issue 14, the youth: lands on their own page "Mijn plan" (after logging in and from
home), chooses "alleen voor mij" for a new wish before saving it (A4), and under a
child-protection measure finds whom to call and the safety agreements at the top of
their page (R9)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from regie.access.events import Event
from regie.accounts.services import set_contact
from regie.plans.models import ConditionKind, Wish
from regie.plans.services import goals
from tests.accounts.helpers import client_for
from tests.personas import PASSWORD, Cast, build_cast, expect_log
from tests.web.test_htmx import element


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def _youth_page(cast: Cast) -> str:
    return reverse("plan-youth", args=[cast.plan.public_id])


def test_issue14_a_youth_lands_on_their_own_page_after_logging_in(cast: Cast) -> None:
    response = Client().post(reverse("login"), {"username": "noa", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == _youth_page(cast)
    parent = Client().post(reverse("login"), {"username": "sanne", "password": PASSWORD})
    assert parent["Location"] == reverse("home")


def test_issue14_home_links_a_youth_to_their_own_page_and_a_parent_to_the_overview(
    cast: Cast,
) -> None:
    youth_home = client_for(cast.youth13_user).get(reverse("home")).content.decode()
    assert f'href="{_youth_page(cast)}"' in youth_home
    parent_home = client_for(cast.parent_user).get(reverse("home")).content.decode()
    assert f'href="{reverse("plan", args=[cast.plan.public_id])}"' in parent_home
    # The overview stays one link away from the youth's page.
    page = client_for(cast.youth13_user).get(_youth_page(cast)).content.decode()
    assert f'href="{reverse("plan", args=[cast.plan.public_id])}"' in page


def test_issue14_a4_the_youth_chooses_alleen_voor_mij_before_saving(cast: Cast) -> None:
    youth = client_for(cast.youth13_user)
    page = youth.get(_youth_page(cast)).content.decode()
    wish_form = page.split("Een wens opschrijven", 1)[1].split("</form>", 1)[0]
    assert "Wie mag dit lezen?" in wish_form
    assert "Alleen voor mij: mijn ouders lezen het niet" in wish_form
    # Shared unless the youth chooses otherwise, as the rules have it (A2).
    assert re.search(r'value="False" id="[^"]+" checked', wish_form)
    url = reverse("plan-action", args=[cast.plan.public_id, "wish"])
    data = {
        "member": cast.youth13.public_id,
        "text": "Een eigen kamer.",
        "keep_from_parents": "True",
        "terug": "plan-youth",
    }
    with expect_log(cast.youth13, Event.WISH_ADDED, Event.KEPT_FROM_PARENTS):
        response = youth.post(url, data)
    assert response.status_code == 302
    wish = Wish.objects.get(plan=cast.plan, text="Een eigen kamer.")
    assert wish.kept_from_parents_by == cast.youth13
    step2 = reverse("plan-step", args=[cast.plan.public_id, 2])
    assert "Een eigen kamer." not in client_for(cast.parent_user).get(step2).content.decode()


def test_issue14_a4_a_parent_is_not_offered_the_choice(cast: Cast) -> None:
    step2 = reverse("plan-step", args=[cast.plan.public_id, 2])
    assert "Wie mag dit lezen?" not in client_for(cast.parent_user).get(step2).content.decode()
    assert "Wie mag dit lezen?" in client_for(cast.youth16_user).get(step2).content.decode()


def test_issue14_r9_under_a_measure_whom_to_call_stands_first_with_the_agreements(
    db: None,
) -> None:
    cast = build_cast(compulsory=True)
    goals.set_condition(
        actor=cast.child_protection,
        plan=cast.plan,
        kind=ConditionKind.SAFETY_AGREEMENT,
        text="Geen alcohol in huis als Daan er is.",
    )
    page = client_for(cast.youth16_user).get(_youth_page(cast)).content.decode()
    safe = element(page, "safe")
    assert page.index('id="safe"') < page.index('id="wishes"')  # at the top
    assert "Voel je je niet veilig?" in safe
    assert "0800-0432" in page and "0800-2000" in page
    main = page.split("<main", 1)[1]
    assert "Ingrid de Boer" in main.split('id="wishes"', 1)[0]
    assert "Geen alcohol in huis als Daan er is." in page


def test_issue14_r9_a_voluntary_plan_shows_no_safety_box(cast: Cast) -> None:
    page = client_for(cast.youth16_user).get(_youth_page(cast)).content.decode()
    assert "Voel je je niet veilig?" not in page


def test_issue14_r9_the_youth_can_call_her_child_protection_worker_when_shown(db: None) -> None:
    """Under a measure the safety box gives the child-protection worker's own number, when
    she chose to show it to the people in her plans."""
    cast = build_cast(compulsory=True)

    def safety_box() -> str:
        page = client_for(cast.youth16_user).get(_youth_page(cast)).content.decode()
        return page.split('id="safe"', 1)[1].split('id="safety-agreements"', 1)[0]

    assert "06 12345678" not in safety_box()
    set_contact(user=cast.child_protection_user, phone="06 12345678", email="", shown=True)
    assert 'href="tel:+31612345678"' in safety_box() and "06 12345678" in safety_box()
