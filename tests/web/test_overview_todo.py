"""Issue 14: "Wat wacht op mij" at the top of the overview is one to-do list per person,
with the buttons in it (approve a professional R16, check a note R2, score a goal R19,
answer a decision R14, finish an action R12), and one count that matches its items."""

import datetime
import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.plans.models import (
    Decision,
    DecisionAgreement,
    EntryKind,
    Goal,
    GoalScore,
    GoalStatus,
    Participant,
    Role,
    Step,
)
from regie.plans.services import entries, evaluation, sharing, team
from tests.accounts.helpers import client_for
from tests.personas import Cast, build_cast, make_user, walk_to
from tests.web.test_htmx import element

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def _overview(cast: Cast) -> str:
    return reverse("plan", args=[cast.plan.public_id])


def _todo(client: Client, cast: Cast) -> str:
    response = client.get(_overview(cast))
    assert response.status_code == 200
    return element(response.content.decode(), "my-actions")


def _post(client: Client, cast: Cast, action: str, data: dict[str, object]) -> "Response":
    """Post as the overview's forms do: they say they were on the overview."""
    url = reverse("plan-action", args=[cast.plan.public_id, action])
    return client.post(url, {**data, "van_stap": "overview"})


def _count(todo: str) -> int:
    found = re.search(r"Er (?:staat|staan) (\d+) ta(?:ak|ken) voor u klaar", todo)
    assert found is not None, todo
    return int(found.group(1))


def _waiting_professional(cast: Cast) -> Participant:
    user = make_user("wacht", "Wim", "Wacht", organisation=cast.other_org)
    return team.add_professional(
        actor=cast.wijkteam_worker, plan=cast.plan, user=user, role=Role.CARE_PROFESSIONAL
    )


def test_issue14_r16_parent_lets_a_waiting_professional_in_from_the_to_do_list(cast: Cast) -> None:
    waiting = _waiting_professional(cast)
    parent = client_for(cast.parent_user)
    todo = _todo(parent, cast)
    assert "Wim Wacht" in todo and "Ja, toelaten" in todo and "Nee, geen toestemming" in todo
    assert _count(todo) == 1
    response = _post(parent, cast, "approve", {"participant": waiting.public_id})
    assert response.status_code == 302
    assert response["Location"] == _overview(cast)  # back on the overview, not step 1
    waiting.refresh_from_db()
    assert waiting.approved_by == cast.parent
    assert "Wim Wacht" not in _todo(parent, cast)


def test_issue14_r16_a_refusal_without_the_tick_comes_back_in_the_list_with_the_reason(
    cast: Cast,
) -> None:
    waiting = _waiting_professional(cast)
    parent = client_for(cast.parent_user)
    response = _post(
        parent, cast, "refuse", {"participant": waiting.public_id, "reason": "Wij kennen hem niet."}
    )
    assert response.status_code == 400
    todo = element(response.content.decode(), "my-actions")
    assert "Wij kennen hem niet." in todo  # what was typed stays
    assert "Vink aan dat u het zeker weet." in todo
    assert "<details open>" in todo
    # The person is fixed by where the form stands: no list of people to choose from.
    assert "<select" not in todo
    waiting.refresh_from_db()
    assert waiting.refused_at is None


def test_issue14_r16_only_who_may_approve_sees_the_question(cast: Cast) -> None:
    _waiting_professional(cast)
    assert "Wim Wacht" not in _todo(client_for(cast.youth13_user), cast)  # A4: from 16
    assert "Wim Wacht" in _todo(client_for(cast.youth16_user), cast)
    assert "Wim Wacht" not in _todo(client_for(cast.wijkteam_user), cast)


def test_issue14_r2_notes_to_check_are_counted_once_and_linked(cast: Cast) -> None:
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Noa sliep slecht.",
    )
    parent = client_for(cast.parent_user)
    page = parent.get(_overview(cast)).content.decode()
    todo = element(page, "my-actions")
    assert _count(todo) == 1
    assert "1 aantekening wacht op uw reactie" in todo
    assert f'href="#entry-{entry.public_id}"' in todo
    assert "Er wacht nu niets op u" not in todo  # never next to a note to check
    # The family's count is in its list, not a second time elsewhere on the page.
    assert "wacht op een reactie van het gezin" not in page
    worker = client_for(cast.wijkteam_user).get(_overview(cast)).content.decode()
    assert "1 aantekening wacht op een reactie van het gezin" in worker


def test_issue14_a4_a_parent_does_not_count_a_note_a_youth_keeps(cast: Cast) -> None:
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Daan vertelde over school.",
        about=cast.youth16,
    )
    sharing.keep_from_parents(actor=cast.youth16, record=entry)
    todo = _todo(client_for(cast.parent_user), cast)
    assert "aantekening" not in todo
    assert "Er wacht nu niets op u" in todo
    assert "1 aantekening wacht op uw reactie" in _todo(client_for(cast.youth16_user), cast)


def test_issue14_r19_score_a_goal_at_an_evaluation_that_is_due(cast: Cast) -> None:
    walk_to(cast, Step.EXECUTING)
    goal = Goal.objects.get(plan=cast.plan, status=GoalStatus.ACTIVE)
    due = evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        scheduled_for=timezone.localdate() + datetime.timedelta(days=2),
    )
    parent = client_for(cast.parent_user)
    todo = _todo(parent, cast)
    assert f"Cijfer geven: {goal.text}" in todo
    response = _post(
        parent, cast, "score", {"evaluation": due.public_id, "goal": goal.public_id, "score": 7}
    )
    assert response.status_code == 302
    assert response["Location"] == _overview(cast)
    assert GoalScore.objects.get(evaluation=due, goal=goal, participant=cast.parent).score == 7
    assert "Cijfer geven" not in _todo(parent, cast)


def test_issue14_r19_a_score_out_of_range_comes_back_in_the_list(cast: Cast) -> None:
    walk_to(cast, Step.EXECUTING)
    goal = Goal.objects.get(plan=cast.plan, status=GoalStatus.ACTIVE)
    due = evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=timezone.localdate()
    )
    parent = client_for(cast.parent_user)
    data = {"evaluation": due.public_id, "goal": goal.public_id, "score": 12, "comment": "Beter!"}
    response = _post(parent, cast, "score", data)
    assert response.status_code == 400
    todo = element(response.content.decode(), "my-actions")
    assert "Beter!" in todo and "<details open>" in todo


def test_issue14_r14_the_family_answers_a_decision_from_the_list(cast: Cast) -> None:
    walk_to(cast, Step.EXECUTING)
    decision = Decision.objects.get(plan=cast.plan)
    youth = client_for(cast.youth16_user)
    DecisionAgreement.objects.filter(decision=decision, participant=cast.youth16).delete()
    todo = _todo(youth, cast)
    assert decision.option.title in todo and "Bent u het ermee eens?" in todo
    response = _post(youth, cast, "agree", {"decision": decision.public_id, "agrees": "yes"})
    assert response.status_code == 302
    assert response["Location"] == _overview(cast)
    assert DecisionAgreement.objects.filter(decision=decision, participant=cast.youth16).exists()
    assert decision.option.title not in _todo(youth, cast)
    # Professionals are not asked here: the list asks the family (R14).
    assert "Bent u het ermee eens?" not in _todo(client_for(cast.care_provider_user), cast)


def test_issue14_nothing_waiting_is_said_in_plain_words(cast: Cast) -> None:
    todo = _todo(client_for(cast.grandmother_user), cast)
    assert "Er wacht nu niets op u." in todo
    assert "taak" not in todo and "<ul" not in todo


def test_issue14_the_overview_ends_with_its_content_and_links_to_mijn_rechten(cast: Cast) -> None:
    page = client_for(cast.parent_user).get(_overview(cast)).content.decode()
    assert reverse("plan-rights", args=[cast.plan.public_id]) in page
    for moved in ("Niet tevreden?", "Vernietiging aanvragen", "Plan laten vernietigen", "HL7 FHIR"):
        assert moved not in page, moved
    assert reverse("plan-export-fhir", args=[cast.plan.public_id]) not in page
