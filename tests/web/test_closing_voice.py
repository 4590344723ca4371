"""The family's voice at the end (step 8, issue 15, R20): each parent and each youth of 12+
says how useful the help was and whether they can go on without help, may skip either
question and change their answer; each sees only their own answer, the professionals
only how many answered. The professional who closes records how the help ended and
whether follow-up help starts."""

import datetime
import io
import json
import re
import zipfile

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import User
from regie.plans.models import ClosingVoice, GoingOn, HelpEnding, Participant, Plan, Step
from tests.accounts.helpers import client_for
from tests.personas import Cast, build_cast, prepare_close, walk_to

VOICE_FORM = 'action="/plannen/{}/actie/closing-voice/"'


@pytest.fixture
def closing(db: None) -> Cast:
    """The Jansen plan in step 8, goals reached and aftercare agreed."""
    cast = build_cast()
    walk_to(cast, Step.CLOSING)
    prepare_close(cast)
    return cast


def _answer(user: User, plan: Plan, **data: str) -> tuple[int, str]:
    response = client_for(user).post(
        reverse("plan-action", args=[plan.public_id, "closing-voice"]), data
    )
    return response.status_code, response.content.decode()


def _step8(user: User, plan: Plan) -> str:
    response = client_for(user).get(reverse("plan-step", args=[plan.public_id, Step.CLOSING]))
    assert response.status_code == 200
    return response.content.decode()


def _voice(participant: Participant) -> tuple[int | None, str]:
    voice = ClosingVoice.objects.get(plan=participant.plan, created_by=participant)
    return voice.usefulness, voice.going_on


def test_parent_answers_both_questions_and_sees_their_own_answer(closing: Cast) -> None:
    page = _step8(closing.parent_user, closing.plan)
    assert "Hoe nuttig was de hulp voor u?" in page
    assert "Kunt u nu verder zonder hulp?" in page
    assert "<legend" in page  # a fieldset per question, for screen readers

    status, _page = _answer(closing.parent_user, closing.plan, usefulness="8", going_on="partly")
    assert status == 302
    assert _voice(closing.parent) == (8, GoingOn.PARTLY)
    page = _step8(closing.parent_user, closing.plan)
    assert "8 van de 10" in page
    assert "een beetje" in page
    assert "Uw antwoord veranderen" in page


def test_parent_changes_their_answer_and_keeps_one_row(closing: Cast) -> None:
    _answer(closing.parent_user, closing.plan, usefulness="4", going_on="no")
    status, _page = _answer(closing.parent_user, closing.plan, usefulness="6", going_on="")
    assert status == 302
    assert ClosingVoice.objects.filter(created_by=closing.parent).count() == 1
    assert _voice(closing.parent) == (6, "")
    page = _step8(closing.parent_user, closing.plan)
    assert "6 van de 10" in page
    assert "overgeslagen" in page  # the second question, skipped this time


def test_parent_may_skip_both_questions(closing: Cast) -> None:
    status, _page = _answer(closing.parent_user, closing.plan, usefulness="", going_on="")
    assert status == 302
    assert _voice(closing.parent) == (None, "")


def test_youth_of_13_answers_in_their_own_words(closing: Cast) -> None:
    page = _step8(closing.youth13_user, closing.plan)
    assert "Hoe nuttig was de hulp voor jou?" in page
    assert "Kun je nu verder zonder hulp?" in page
    assert "Hoe nuttig was de hulp voor u?" not in page
    status, _page = _answer(closing.youth13_user, closing.plan, usefulness="10", going_on="yes")
    assert status == 302
    assert _voice(closing.youth13) == (10, GoingOn.YES)
    assert "Je antwoord veranderen" in _step8(closing.youth13_user, closing.plan)


def test_youth_page_leads_to_the_questions_while_the_plan_is_in_step_8(closing: Cast) -> None:
    """The youth lands on "Mijn plan" (issue 14); in step 8 it points to the questions."""
    client = client_for(closing.youth13_user)
    page = client.get(reverse("plan-youth", args=[closing.plan.public_id])).content.decode()
    assert f'/plannen/{closing.plan.public_id}/stap/8/#closing-voice"' in page


def test_each_family_member_sees_only_their_own_answer(closing: Cast) -> None:
    _answer(closing.youth16_user, closing.plan, usefulness="3", going_on="no")
    page = _step8(closing.parent_user, closing.plan)
    assert "3 van de 10" not in page
    assert "Uw antwoord veranderen" not in page  # the parent has not answered yet


def test_professionals_see_how_many_answered_not_what(closing: Cast) -> None:
    page = _step8(closing.wijkteam_user, closing.plan)
    assert "Nog niemand van het gezin heeft gezegd wat ze van de hulp vonden." in page
    _answer(closing.parent_user, closing.plan, usefulness="7", going_on="yes")
    _answer(closing.youth16_user, closing.plan, usefulness="3", going_on="no")
    _answer(closing.youth13_user, closing.plan, usefulness="", going_on="")  # skipped both
    page = _step8(closing.wijkteam_user, closing.plan)
    assert "2 gezinsleden hebben gezegd wat ze van de hulp vonden." in page
    assert "7 van de 10" not in page and "3 van de 10" not in page
    assert VOICE_FORM.format(closing.plan.public_id) not in page


@pytest.mark.parametrize("role", ["wijkteam_worker", "care_provider", "behavioural_scientist"])
def test_professionals_may_not_answer_for_the_family(closing: Cast, role: str) -> None:
    user = getattr(closing, role).user
    status, _page = _answer(user, closing.plan, usefulness="9", going_on="yes")
    assert status == 403
    assert not ClosingVoice.objects.exists()


def test_network_member_may_not_answer(closing: Cast) -> None:
    status, _page = _answer(closing.grandmother_user, closing.plan, usefulness="9")
    assert status == 403
    assert not ClosingVoice.objects.exists()


def test_a4_child_under_12_has_no_login_into_the_plan(closing: Cast) -> None:
    """A4: a child logs in only from 12; an account of a child of 8 finds no plan (404)."""
    child_user = User.objects.create(username="kind8", password=make_password(None))
    Participant.objects.filter(pk=closing.child8.pk).update(user=child_user)
    status, _page = _answer(child_user, closing.plan, usefulness="9")
    assert status == 404
    assert not ClosingVoice.objects.exists()


NUMBER = "Kies een cijfer van 0 tot en met 10, of sla de vraag over."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        *(({"usefulness": wrong}, NUMBER) for wrong in ("11", "abc", "-1", "7.5")),
        ({"going_on": "misschien"}, "Kies ja, een beetje of nee, of sla de vraag over."),
    ],
)
def test_a_wrong_answer_is_refused_in_dutch_and_nothing_is_saved(
    closing: Cast, data: dict[str, str], message: str
) -> None:
    status, page = _answer(closing.parent_user, closing.plan, **data)
    assert status == 400
    assert message in page
    assert not ClosingVoice.objects.exists()


def test_the_voice_waits_for_step_8(db: None) -> None:
    """R20: the questions come at the end; before step 8 the service says so (400)."""
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)
    status, page = _answer(cast.parent_user, cast.plan, usefulness="5")
    assert status == 400
    assert "Dit kan als het plan in stap 8 is, bij het afsluiten." in page
    assert not ClosingVoice.objects.exists()


# ---- Closing: how the help ended and whether follow-up help starts (issue 15) ---------------

CLOSE = {"summary": "De doelen zijn bereikt.", "confirm": "on"}


def _close(cast: Cast, **data: str) -> tuple[int, str]:
    response = client_for(cast.wijkteam_user).post(
        reverse("plan-action", args=[cast.plan.public_id, "close"]), {**CLOSE, **data}
    )
    return response.status_code, response.content.decode()


def test_r20_closing_records_how_the_help_ended_and_follow_up(closing: Cast) -> None:
    status, _page = _close(closing, ending="by_family", follow_up_help="yes")
    assert status == 302
    closing.plan.refresh_from_db()
    assert not closing.plan.is_open
    assert closing.plan.help_ending == HelpEnding.STOPPED_BY_FAMILY
    assert closing.plan.follow_up_help is True


def test_r20_closing_asks_how_the_help_ended_and_keeps_what_was_typed(closing: Cast) -> None:
    status, page = _close(closing, follow_up_help="no")
    assert status == 400
    assert "Kies hoe de hulp is geëindigd." in page
    assert "De doelen zijn bereikt." in page  # the summary is not lost
    assert re.search(r'name="follow_up_help" value="no"[^>]* checked', page)  # nor the choice
    closing.plan.refresh_from_db()
    assert closing.plan.is_open


def test_r20_closing_asks_whether_follow_up_help_starts(closing: Cast) -> None:
    status, page = _close(closing, ending="as_agreed")
    assert status == 400
    assert "Kies ja of nee." in page
    closing.plan.refresh_from_db()
    assert closing.plan.is_open and closing.plan.help_ending == ""


def test_r20_a7_closing_refuses_a_day_the_help_ended_in_the_future(closing: Cast) -> None:
    """A help that "ended" in 2999 would keep the professionals in the closed plan (A7) and
    leave indicator 3.2 (no new start within 12 months) open after it is shown."""
    later = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    status, page = _close(closing, ending="as_agreed", follow_up_help="no", help_ended_on=later)
    assert status == 400
    assert "De hulp kan niet later eindigen dan vandaag." in page
    closing.plan.refresh_from_db()
    assert closing.plan.is_open and closing.plan.help_ended_on is None


def test_r20_a8_closing_refuses_a_day_before_the_plan_began(closing: Cast) -> None:
    """A typed 1926 for 2026 would put the plan past its 20 years at once: the retention
    command would destroy it (A8)."""
    status, page = _close(
        closing, ending="as_agreed", follow_up_help="no", help_ended_on="1926-01-05"
    )
    assert status == 400
    assert "De hulp kan niet eindigen voordat het plan begon." in page
    closing.plan.refresh_from_db()
    assert closing.plan.is_open and closing.plan.help_ended_on is None


def test_r20_closing_refuses_an_unknown_ending(closing: Cast) -> None:
    status, _page = _close(closing, ending="weg", follow_up_help="no")
    assert status == 400
    closing.plan.refresh_from_db()
    assert closing.plan.is_open


def test_after_closing_the_family_still_sees_their_answer_but_cannot_change_it(
    closing: Cast,
) -> None:
    _answer(closing.parent_user, closing.plan, usefulness="9", going_on="yes")
    assert _close(closing, ending="as_agreed", follow_up_help="no")[0] == 302
    page = _step8(closing.parent_user, closing.plan)
    assert "9 van de 10" in page
    assert VOICE_FORM.format(closing.plan.public_id) not in page
    # The figures count a plan once it is closed: its answers no longer change (A8).
    status, page = _answer(closing.parent_user, closing.plan, usefulness="2", going_on="no")
    assert status == 400
    assert "Dit plan is afgesloten; er kan niets meer bij." in page
    assert _voice(closing.parent) == (9, GoingOn.YES)


def test_a_closed_plan_does_not_ask_a_family_member_who_did_not_answer(closing: Cast) -> None:
    assert _close(closing, ending="as_agreed", follow_up_help="no")[0] == 302
    page = _step8(closing.youth16_user, closing.plan)
    assert "Wat vond jij van de hulp?" not in page
    assert "Als het plan in stap 8 staat" not in page
    status, page = _answer(closing.youth16_user, closing.plan, usefulness="5")
    assert status == 400
    assert "Dit plan is afgesloten; er kan niets meer bij." in page  # said, not swallowed


def test_a4_the_data_export_holds_ones_own_answer_and_nobody_elses(closing: Cast) -> None:
    """AVG inzage: what someone answered at the end is in their own export; the other
    family member's answer is not, as step 8 shows only one's own."""
    _answer(closing.parent_user, closing.plan, usefulness="8", going_on="partly")
    _answer(closing.youth16_user, closing.plan, usefulness="3", going_on="no")
    url = reverse("plan-export-data", args=[closing.plan.public_id])
    response = client_for(closing.parent_user).get(url)
    assert response.status_code == 200
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    voice = data["records"]["my_closing_voice"]
    assert (voice["usefulness"], voice["going_on"]) == (8, GoingOn.PARTLY)
    assert '"usefulness": 3' not in json.dumps(data)
