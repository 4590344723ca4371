"""Issue 12 concurrency: a conflict always answers on the page the form came from, with
both versions and the input kept: also when the record left the page's list meanwhile
(a goal someone ended), for the forms that fill in something for the first time (R5 a
life domain) and for the family group plan (R11)."""

import html
import re
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.plans.models import (
    DomainAssessment,
    FamilyGroupPlan,
    Goal,
    GoalStatus,
    GoalTerm,
    GroupPlanAnswer,
    Step,
)
from regie.plans.services import goals
from tests.accounts.helpers import client_for
from tests.personas import Cast

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

CONFLICT = "Er is niets overschreven: wat u schreef, staat nog in het formulier."
APART = "Nog niet opgeslagen"


def _url(cast: Cast, action: str) -> str:
    return reverse("plan-action", args=[cast.plan.public_id, action])


def _text(response: "Response") -> str:
    return html.unescape(response.content.decode())


def _version_in_form(response: "Response", form_id: str) -> int:
    """The version the form with this id prefix names (its hidden field)."""
    found = re.search(
        rf'name="expected_version" value="(\d+)" id="id_{re.escape(form_id)}[^"]*expected_version"',
        response.content.decode(),
    )
    assert found is not None, f"no expected_version in {form_id}"
    return int(found.group(1))


@pytest.fixture
def ended_goal(cast: Cast) -> Goal:
    """A goal the parent saw active, which the worker then set to reached."""
    goal = goals.add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term="short")
    goals.set_goal_status(
        actor=cast.wijkteam_worker,
        goal=goal,
        expected_version=goal.version,
        status=GoalStatus.REACHED,
        reason="Noa gaat elke dag.",
    )
    return goal


def test_r8_rewording_a_goal_someone_ended_shows_the_conflict_with_the_input(
    cast: Cast, ended_goal: Goal
) -> None:
    parent = client_for(cast.parent_user)
    mine = {"text": "Elke ochtend op tijd naar school.", "term": GoalTerm.SHORT, "van_stap": 4}
    posted = {"goal": str(ended_goal.public_id), "expected_version": 1, **mine}

    response = parent.post(_url(cast, "edit-goal"), posted)

    assert response.status_code == 400
    page = _text(response)
    assert APART in page and "Dit hoort bij „Naar school.”" in page
    assert CONFLICT in page
    assert page.count("Elke ochtend op tijd naar school.") == 2  # in the table and the form
    assert "Mijn versie toch opslaan" in page
    stored = Goal.objects.get(pk=ended_goal.pk)
    assert (stored.text, stored.status) == ("Naar school.", GoalStatus.REACHED)

    # "Mijn versie toch opslaan" names the version the conflict showed, and saves.
    offered = _version_in_form(response, f"edit-goal_{ended_goal.public_id}")
    assert offered == stored.version
    saved = parent.post(_url(cast, "edit-goal"), {**posted, "expected_version": offered})
    assert saved.status_code == 302
    assert Goal.objects.get(pk=ended_goal.pk).text == "Elke ochtend op tijd naar school."


def test_r8_ending_a_goal_someone_ended_first_shows_the_conflict_with_the_reason(
    cast: Cast, ended_goal: Goal
) -> None:
    worker = client_for(cast.care_provider_user)
    response = worker.post(
        _url(cast, "goal-status"),
        {
            "goal": str(ended_goal.public_id),
            "expected_version": 1,
            "status": GoalStatus.STOPPED,
            "reason": "Het lukt niet meer.",
            "van_stap": 4,
        },
    )
    assert response.status_code == 400
    page = _text(response)
    assert APART in page and CONFLICT in page
    assert "Noa gaat elke dag." in page  # what is saved now
    assert page.count("Het lukt niet meer.") == 2
    assert Goal.objects.get(pk=ended_goal.pk).status == GoalStatus.REACHED


def test_r8_a_goal_is_reworded_on_its_step_page(cast: Cast) -> None:
    goal = goals.add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term="short")
    parent = client_for(cast.parent_user)
    page = parent.get(reverse("plan-step", args=[cast.plan.public_id, Step.GOALS]))
    assert "Anders verwoorden" in _text(page)
    seen = _version_in_form(page, f"edit-goal_{goal.public_id}")
    response = parent.post(
        _url(cast, "edit-goal"),
        {
            "goal": str(goal.public_id),
            "expected_version": seen,
            "text": "Elke dag naar school.",
            "life_wish": "Een diploma.",
            "term": GoalTerm.LONG,
        },
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.text, goal.life_wish, goal.term) == (
        "Elke dag naar school.",
        "Een diploma.",
        GoalTerm.LONG,
    )


def test_r5_filling_in_a_domain_someone_filled_in_meanwhile_is_a_conflict(cast: Cast) -> None:
    domain = cast.plan.domain_set.domains.order_by("order").first()
    assert domain is not None
    parent, worker = client_for(cast.parent_user), client_for(cast.wijkteam_user)
    url = _url(cast, "domain")
    first = {"domain": domain.pk, "concerns": "Slecht slapen.", "strengths": ""}
    assert parent.post(url, first).status_code == 302

    response = worker.post(url, {**first, "concerns": "Veel ruzie."})

    assert response.status_code == 400
    page = _text(response)
    assert CONFLICT in page
    assert "Slecht slapen." in page and page.count("Veel ruzie.") == 2
    assessment = DomainAssessment.objects.get(plan=cast.plan, domain=domain)
    assert assessment.concerns == "Slecht slapen."
    offered = _version_in_form(response, "domain")
    assert offered == assessment.version
    anyway = worker.post(url, {**first, "concerns": "Veel ruzie.", "expected_version": offered})
    assert anyway.status_code == 302
    assert DomainAssessment.objects.get(pk=assessment.pk).concerns == "Veel ruzie."


def test_r11_a_second_answer_from_an_older_page_is_a_conflict_not_an_overwrite(
    cast: Cast,
) -> None:
    goals.offer_group_plan(
        actor=cast.wijkteam_worker, plan=cast.plan, offered_on=timezone.localdate()
    )
    parent, youth = client_for(cast.parent_user), client_for(cast.youth16_user)
    step = reverse("plan-step", args=[cast.plan.public_id, Step.OWN_STRENGTH])
    seen = _version_in_form(youth.get(step), "answer-group-plan")
    url = _url(cast, "answer-group-plan")
    first = {"answer": GroupPlanAnswer.ACCEPTED, "reason": "Oma helpt.", "expected_version": seen}
    assert parent.post(url, first).status_code == 302

    response = youth.post(
        url,
        {"answer": GroupPlanAnswer.DECLINED, "reason": "Liever niet.", "expected_version": seen},
    )

    assert response.status_code == 400
    page = _text(response)
    assert CONFLICT in page
    assert "Oma helpt." in page and page.count("Liever niet.") == 2
    stored = FamilyGroupPlan.objects.get(plan=cast.plan)
    assert (stored.answer, stored.answer_reason) == (GroupPlanAnswer.ACCEPTED, "Oma helpt.")
    assert _version_in_form(response, "answer-group-plan") == stored.version


def test_r11_changing_the_offer_from_an_older_page_is_a_conflict(cast: Cast) -> None:
    worker, provider = client_for(cast.wijkteam_user), client_for(cast.care_provider_user)
    url = _url(cast, "offer-group-plan")
    today = timezone.localdate()
    assert worker.post(url, {"offered_on": today.isoformat()}).status_code == 302
    response = provider.post(url, {"not_offered_reason": "Crisis."})  # opened before the offer
    assert response.status_code == 400
    assert CONFLICT in _text(response)
    assert FamilyGroupPlan.objects.get(plan=cast.plan).offered_on == today
