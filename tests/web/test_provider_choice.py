"""R14 on the step 6 page: the family chooses who gives the help, through its own form
(professionals and the network do not get that form), and everyone's answer to the
decision shows as their latest one, with the earlier ones kept."""

from django.urls import reverse

from regie.plans.models import Decision, Step
from tests.accounts.helpers import client_for
from tests.personas import Cast, build_cast, walk_to


def _deciding() -> tuple[Cast, Decision]:
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)
    return cast, Decision.objects.get(plan=cast.plan)


def test_r14_parent_chooses_the_provider_on_the_step_6_page(db: None) -> None:
    cast, decision = _deciding()
    client = client_for(cast.parent_user)
    page = reverse("plan-step", args=[cast.plan.public_id, Step.DECIDING])
    assert "Aanbieder kiezen" in client.get(page).content.decode()

    response = client.post(
        reverse("plan-action", args=[cast.plan.public_id, "choose-provider"]),
        {"decision": str(decision.public_id), "provider_name": "Jeugdhulp De Brug"},
    )
    assert response.status_code == 302
    shown = client.get(page).content.decode()
    assert "Jeugdhulp De Brug" in shown
    assert "gekozen door Sanne Jansen" in shown


def test_r14_empty_provider_choice_keeps_the_page_and_says_what_to_do(db: None) -> None:
    cast, decision = _deciding()
    response = client_for(cast.parent_user).post(
        reverse("plan-action", args=[cast.plan.public_id, "choose-provider"]),
        {"decision": str(decision.public_id), "provider_name": ""},
    )
    assert response.status_code == 400
    assert "Kies een aanbieder uit de lijst of schrijf de naam op." in response.content.decode()


def test_r14_professionals_do_not_choose_the_provider(db: None) -> None:
    cast, decision = _deciding()
    client = client_for(cast.care_provider_user)
    page = reverse("plan-step", args=[cast.plan.public_id, Step.DECIDING])
    assert "Aanbieder kiezen" not in client.get(page).content.decode()
    response = client.post(
        reverse("plan-action", args=[cast.plan.public_id, "choose-provider"]),
        {"decision": str(decision.public_id), "provider_name": "Elders"},
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.provider_name != "Elders"


def test_r14_a_changed_answer_counts_and_the_earlier_one_stays_as_history(db: None) -> None:
    """Someone may change their mind about a decision: the latest answer shows as theirs,
    the earlier one under "Eerdere antwoorden", and the form says it changes the answer."""
    cast, decision = _deciding()
    client = client_for(cast.youth16_user)
    page = reverse("plan-step", args=[cast.plan.public_id, Step.DECIDING])
    agree = reverse("plan-action", args=[cast.plan.public_id, "agree"])
    assert "Bent u het eens?" in client.get(page).content.decode()
    client.post(agree, {"decision": str(decision.public_id), "agrees": "yes"})
    client.post(
        agree,
        {"decision": str(decision.public_id), "agrees": "no", "comment": "Toch liever niet."},
    )
    shown = client.get(page).content.decode()
    name = cast.youth16.display_name
    current, earlier = shown.split("Eerdere antwoorden", 1)
    assert f"{name}: niet eens — Toch liever niet." in current
    assert f"{name}: eens" not in current
    assert f"{name}: eens" in earlier
    assert "Uw antwoord veranderen" in earlier
