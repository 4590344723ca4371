"""Mijn plan (issue 5): the page a youth opens for their own part of the plan, in simple
words: their wishes (R4), their goals with their own 0–10 score (R19), what others do for
them, what they keep from their parents (A4) and who takes part."""

import datetime
import re
from html import unescape

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.plans.models import (
    EntryKind,
    Evaluation,
    Goal,
    GoalScore,
    GoalStatus,
    GoalTerm,
    Step,
    Wish,
)
from regie.plans.services import entries, evaluation, goals, sharing
from regie.web.readability import EASY_FROM, find_jargon, flesch_douma
from tests.access.test_authorization_matrix import World, world
from tests.personas import Cast, build_cast, expect_log, last_log_id, walk_to
from tests.web.matrix import check_youth_page_for_every_role

__all__ = ["world"]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(cast: Cast) -> str:
    return reverse("plan-youth", args=[cast.plan.public_id])


def _action(cast: Cast, name: str) -> str:
    return reverse("plan-action", args=[cast.plan.public_id, name])


def _text(html: str) -> str:
    """The words a reader sees in <main>, without tags."""
    main = re.split(r"<main\b[^>]*>", html, maxsplit=1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|datalist)\b.*?</\1>", " ", main, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def _executing(cast: Cast) -> tuple[Goal, Evaluation]:
    walk_to(cast, Step.EXECUTING)  # one goal, one evaluation planned and not yet held
    goal = Goal.objects.get(plan=cast.plan, status=GoalStatus.ACTIVE)
    planned = Evaluation.objects.get(plan=cast.plan, held_on__isnull=True)
    return goal, planned


# ---- Who may open it (A1, A4) ------------------------------------------------------------


def test_a1_a4_only_the_youth_themself_opens_mijn_plan(world: World) -> None:
    check_youth_page_for_every_role(world)


def test_a5_opening_mijn_plan_is_logged_as_a_read(cast: Cast) -> None:
    client = _client(cast.youth13_user)
    with expect_log(cast.youth13, Event.PLAN_VIEWED) as rows:
        assert client.get(_page(cast)).status_code == 200
    assert rows[0].part == "mijn plan (voor jou)"


def test_a5_a_parent_refused_mijn_plan_is_logged(cast: Cast) -> None:
    client = _client(cast.parent_user)
    before = last_log_id()
    response = client.get(_page(cast))
    assert response.status_code == 403
    row = AccessLogEntry.objects.filter(id__gt=before).get()
    assert (row.event, row.outcome) == (Event.PLAN_ACCESS_REFUSED.code, "refused")


# ---- What it shows ------------------------------------------------------------------------


def test_r4_youth_sees_their_own_wishes_and_never_another_family_members(cast: Cast) -> None:
    walk_to(cast, Step.ANALYSIS)  # the parent's, Noa's and Lotte's wishes are written
    body = _client(cast.youth13_user).get(_page(cast)).content.decode()
    assert "Dat ik weer naar school durf." in body
    assert "Minder ruzie thuis." not in body  # the parent's
    assert "Lotte wil dat papa en mama niet meer schreeuwen." not in body


def test_r19_youth_sees_each_goal_with_their_latest_score_on_a_slider(cast: Cast) -> None:
    goal, planned = _executing(cast)
    evaluation.score_goal(actor=cast.youth13, evaluation=planned, goal=goal, score=7)
    evaluation.score_goal(actor=cast.parent, evaluation=planned, goal=goal, score=2)
    body = _client(cast.youth13_user).get(_page(cast)).content.decode()
    assert goal.text in body
    assert "Jouw laatste cijfer:" in body
    slider = re.search(r'<input type="range"[^>]*>', body)
    assert slider is not None
    assert 'value="7"' in slider.group(0)  # mine, not the parent's 2
    assert 'min="0"' in slider.group(0) and 'max="10"' in slider.group(0)
    label = re.search(r'<label[^>]* for="([^"]+)">Jouw cijfer voor dit doel', body)
    assert label is not None and f'id="{label.group(1)}"' in slider.group(0)
    assert "😟" in body and "😐" in body and "😀" in body
    assert "web/score.js" in body


def test_r19_youth_scores_a_goal_through_the_score_action_and_comes_back(cast: Cast) -> None:
    goal, planned = _executing(cast)
    client = _client(cast.youth13_user)
    data = {
        "terug": "plan-youth",
        "evaluation": planned.public_id,
        "goal": goal.public_id,
        "score": "6",
        "comment": "Het gaat al beter.",
    }
    with expect_log(cast.youth13, Event.GOAL_SCORED):
        response = client.post(_action(cast, "score"), data)
    assert response.status_code == 302
    assert response["Location"] == _page(cast)
    given = GoalScore.objects.get(goal=goal, participant=cast.youth13)
    assert (given.score, given.comment) == (6, "Het gaat al beter.")
    page = client.get(_page(cast)).content.decode()
    assert "Opgeslagen." in page
    assert re.search(r"Jouw laatste cijfer:.*?</span> 6</strong>", page)


def test_r19_a_score_outside_0_to_10_is_refused_on_the_youth_page(cast: Cast) -> None:
    goal, planned = _executing(cast)
    response = _client(cast.youth13_user).post(
        _action(cast, "score"),
        {"terug": "plan-youth", "evaluation": planned.public_id, "goal": goal.public_id,
         "score": "11"},
    )  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mijn plan" in body and "Dit is nog niet opgeslagen" in body
    assert not GoalScore.objects.filter(participant=cast.youth13).exists()


def test_r4_youth_adds_a_wish_through_the_wish_action_and_comes_back(cast: Cast) -> None:
    client = _client(cast.youth13_user)
    data = {"terug": "plan-youth", "member": cast.youth13.public_id, "text": "Een hond."}
    with expect_log(cast.youth13, Event.WISH_ADDED):
        response = client.post(_action(cast, "wish"), data)
    assert response["Location"] == _page(cast)
    assert Wish.objects.get(participant=cast.youth13).text == "Een hond."
    assert "Een hond." in client.get(_page(cast)).content.decode()


def test_r4_an_empty_wish_shows_the_error_on_the_youth_page_not_on_step_2(cast: Cast) -> None:
    response = _client(cast.youth13_user).post(
        _action(cast, "wish"), {"terug": "plan-youth", "member": cast.youth13.public_id}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Wat wil jij dat er anders wordt?" in body
    assert 'role="alert"' in body
    assert not Wish.objects.filter(plan=cast.plan).exists()


def test_the_way_back_is_only_for_a_youth_and_only_for_this_pages_actions(cast: Cast) -> None:
    """`terug` names this page, never a URL; a parent's wish still goes to step 2."""
    response = _client(cast.parent_user).post(
        _action(cast, "wish"),
        {"terug": "plan-youth", "member": cast.parent.public_id, "text": "Rust."},
    )
    assert response["Location"] == reverse("plan-step", args=[cast.plan.public_id, 2])
    response = _client(cast.youth13_user).post(
        _action(cast, "wish"),
        {"terug": "https://example.org/", "member": cast.youth13.public_id, "text": "Rust."},
    )
    assert response["Location"] == reverse("plan-step", args=[cast.plan.public_id, 2])


def test_youth_sees_what_others_do_for_their_goals_and_whether_it_is_done(cast: Cast) -> None:
    goal, _planned = _executing(cast)
    pick_up = goals.add_action(
        actor=cast.parent,
        plan=cast.plan,
        description="Noa op dinsdag uit school halen.",
        owner=cast.grandmother,
        goal=goal,
    )
    goals.add_action(
        actor=cast.parent,
        plan=cast.plan,
        description="Elke avond de schooltas inpakken.",
        owner=cast.youth13,
        goal=goal,
    )
    goals.complete_action(actor=cast.grandmother, action=pick_up)
    text = _text(_client(cast.youth13_user).get(_page(cast)).content.decode())
    assert f"Voor het doel: {goal.text}" in text
    assert "Ria Jansen : Noa op dinsdag uit school halen. ✓ klaar" in text
    assert "Jij : Elke avond de schooltas inpakken. nog bezig" in text


def test_r16_youth_sees_who_takes_part_in_child_words(cast: Cast) -> None:
    text = _text(_client(cast.youth13_user).get(_page(cast)).content.decode())
    assert text.index("Noa Jansen : jij") < text.index("Sanne Jansen") < text.index("Karin")
    assert "Joost Bakker : helpt jullie gezin (gezinscoach), Jeugdhulp Horizon" in text
    assert "Sanne Jansen : je ouder" in text
    assert "Ria Jansen : helpt jullie gezin (oma van moederskant)" in text
    assert "Fatima El Amrani : houdt het overzicht en maakt de afspraken, Wijkteam Noord" in text
    assert "zorgt dat het plan doorgaat" in text
    assert "gedragswetenschapper" not in text  # "denkt mee over wat goed voor je is"


def test_every_part_has_an_empty_state_in_child_words(cast: Cast) -> None:
    text = _text(_client(cast.youth13_user).get(_page(cast)).content.decode())
    assert "Je hebt nog geen wensen opgeschreven. Wat zou jij willen?" in text
    assert "Er zijn nog geen doelen." in text
    assert "Er is nog niets afgesproken." in text
    assert "Je houdt nu niets voor jezelf." in text


def test_the_page_speaks_in_simple_words_to_je_and_jij(cast: Cast) -> None:
    """A child of 8 to 12 must get it: easy by the Dutch Flesch-Douma score, no jargon,
    "je" and "jij" and never the formal "u"."""
    text = _text(_client(cast.youth13_user).get(_page(cast)).content.decode())
    assert flesch_douma(text) >= EASY_FROM, flesch_douma(text)
    assert find_jargon(text) == []
    words = set(re.findall(r"\w+", text.lower()))
    assert {"je", "jij", "jouw"} <= words
    assert not {"u", "uw", "evaluatie", "participant"} & words


# ---- What I keep to myself (A4) -------------------------------------------------------


def test_a4_youth_of_13_keeps_their_own_wish_from_their_parents(cast: Cast) -> None:
    wish = entries.add_wish(
        actor=cast.youth13, plan=cast.plan, member=cast.youth13, text="Bij papa wonen."
    )
    client = _client(cast.youth13_user)
    assert "Niet delen met mijn ouders" in client.get(_page(cast)).content.decode()
    response = client.post(
        _action(cast, "keep-private"), {"terug": "plan-youth", "record": wish.public_id}
    )
    assert response["Location"] == _page(cast)
    wish.refresh_from_db()
    assert wish.kept_from_parents_by_id == cast.youth13.pk
    text = _text(client.get(_page(cast)).content.decode())
    assert "Je ouders zien dit niet meer." in text
    assert "jouw wens Bij papa wonen. Weer delen met mijn ouders" in text
    parent_step_2 = _client(cast.parent_user).get(
        reverse("plan-step", args=[cast.plan.public_id, 2])
    )
    assert "Bij papa wonen." not in parent_step_2.content.decode()

    client.post(
        _action(cast, "share-with-parents"), {"terug": "plan-youth", "record": wish.public_id}
    )
    wish.refresh_from_db()
    assert wish.kept_from_parents_by_id is None


def test_a4_youth_of_13_cannot_keep_what_is_written_about_them(cast: Cast) -> None:
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Noa was drie keer niet op school.",
        about=cast.youth13,
    )
    client = _client(cast.youth13_user)
    body = client.get(_page(cast)).content.decode()
    assert "Vanaf 16 jaar kies je dat ook zelf." in body
    assert "Noa was drie keer niet op school." not in body  # no keep button for it under 16
    response = client.post(
        _action(cast, "keep-private"), {"terug": "plan-youth", "record": entry.public_id}
    )
    assert response.status_code == 400
    assert "Vanaf 16 jaar beslis je zelf" in response.content.decode()
    entry.refresh_from_db()
    assert entry.kept_from_parents_by_id is None


def test_a4_youth_of_16_keeps_what_is_written_about_them(cast: Cast) -> None:
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Daan blowt in het weekend.",
        about=cast.youth16,
    )
    client = _client(cast.youth16_user)
    text = _text(client.get(_page(cast)).content.decode())
    assert "Je bent 16 jaar of ouder." in text
    assert "Daan blowt in het weekend. (Joost Bakker) Niet delen met mijn ouders" in text
    client.post(_action(cast, "keep-private"), {"terug": "plan-youth", "record": entry.public_id})
    entry.refresh_from_db()
    assert entry.kept_from_parents_by_id == cast.youth16.pk
    text = _text(client.get(_page(cast)).content.decode())
    assert "over jou geschreven Daan blowt in het weekend. Weer delen met mijn ouders" in text


def test_a4_youth_never_sees_what_a_sibling_keeps_or_entries_about_others(cast: Cast) -> None:
    kept = entries.add_wish(
        actor=cast.youth16, plan=cast.plan, member=cast.youth16, text="Stoppen met school."
    )
    sharing.keep_from_parents(actor=cast.youth16, record=kept)
    entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Sanne slaapt slecht.",
        about=cast.parent,
    )
    body = _client(cast.youth13_user).get(_page(cast)).content.decode()
    assert "Stoppen met school." not in body
    assert "Sanne slaapt slecht." not in body


# ---- The score slider on step 7 still works, and the page stays cheap -------------------


def test_r19_step_7_shows_the_slider_and_a_parent_still_scores_there(cast: Cast) -> None:
    goal, planned = _executing(cast)
    client = _client(cast.parent_user)
    body = client.get(reverse("plan-step", args=[cast.plan.public_id, 7])).content.decode()
    assert 'type="range"' in body and "web/score.js" in body
    response = client.post(
        _action(cast, "score"),
        {"evaluation": planned.public_id, "goal": goal.public_id, "score": "4"},
    )
    assert response["Location"] == reverse("plan-step", args=[cast.plan.public_id, 7])
    assert GoalScore.objects.get(participant=cast.parent).score == 4


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_mijn_plan_reads_in_a_fixed_number_of_queries(cast: Cast) -> None:
    _goal, planned = _executing(cast)
    client = _client(cast.youth13_user)
    before = _queries(client, _page(cast))
    for n in range(3):
        extra = goals.add_goal(
            actor=cast.parent, plan=cast.plan, text=f"Doel {n}", term=GoalTerm.SHORT
        )
        goals.add_action(
            actor=cast.parent,
            plan=cast.plan,
            description=f"Actie {n}",
            owner=cast.grandmother,
            goal=extra,
        )
        entries.add_wish(actor=cast.youth13, plan=cast.plan, member=cast.youth13, text=f"W{n}")
        evaluation.score_goal(actor=cast.youth13, evaluation=planned, goal=extra, score=n)
    evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        scheduled_for=timezone.localdate() + datetime.timedelta(weeks=12),
    )
    assert _queries(client, _page(cast)) == before


def test_r4_plan_overview_links_a_youth_to_their_own_page(db: None) -> None:
    """A youth finds "Mijn plan" from the plan overview; a parent does not get the link."""
    cast = build_cast()
    youth_page = reverse("plan-youth", args=[cast.plan.public_id])
    overview = reverse("plan", args=[cast.plan.public_id])
    youth = Client()
    youth.force_login(cast.youth13_user)
    assert youth_page in youth.get(overview).content.decode()
    parent = Client()
    parent.force_login(cast.parent_user)
    assert youth_page not in parent.get(overview).content.decode()
