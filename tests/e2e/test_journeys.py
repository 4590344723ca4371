"""The journeys of issue 5 ("Done when"), in a real browser on the live server, with
axe-core on every page they visit (tests/e2e/helpers.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from regie.plans.models import ActionStatus, EntryKind, Goal, GoalScore, GoalStatus, GoalTerm, Step
from regie.plans.services import entries, goals
from tests.e2e.helpers import BrowserSession
from tests.personas import build_cast, prepare_for, walk_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_r2_parent_disputes_an_entry_and_sees_the_reaction_next_to_it(
    desktop: BrowserSession,
) -> None:
    cast = build_cast()
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Noa was drie keer niet op school deze week.",
        about=cast.youth13,
    )
    page = desktop.page

    desktop.log_in(cast.parent_user)
    desktop.submit(page.get_by_role("link", name="Gezin Jansen"))

    card = page.locator("article.entry", has_text=entry.body)
    card.locator("summary", has_text="Klopt dit?").click()
    card.get_by_label("klopt niet").check()
    card.get_by_label("In uw eigen woorden").fill("Het was twee keer, ze was ziek.")
    desktop.submit(card.get_by_role("button", name="Reactie opslaan"))

    card = page.locator("article.entry", has_text=entry.body)
    expect(card.locator(".reaction")).to_contain_text("Sanne Jansen: klopt niet")
    expect(card.locator(".reaction")).to_contain_text("Het was twee keer, ze was ziek.")
    expect(page.locator(".messages")).to_be_visible()
    assert re.search(r"/plannen/[0-9a-f-]+/$", page.url)


def test_r4_r19_youth_of_13_adds_a_wish_and_scores_a_goal_on_a_phone(
    phone: BrowserSession,
) -> None:
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)  # one evaluation planned, not yet held
    goal = Goal.objects.get(plan=cast.plan, status=GoalStatus.ACTIVE)
    page = phone.page

    phone.log_in(cast.youth13_user)
    phone.submit(page.get_by_role("link", name="Gezin Jansen"))

    phone.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.REQUEST}/")
    page.locator("summary", has_text="Wens opschrijven").click()
    wish_form = page.locator("form[action$='/actie/wish/']")
    wish_form.get_by_label("Wat wil je dat er gebeurt?").fill("Dat ik mijn vriendinnen weer zie.")
    phone.submit(wish_form.get_by_role("button", name="Opslaan"))
    expect(page.get_by_text("Noa Jansen: Dat ik mijn vriendinnen weer zie.")).to_be_visible()

    phone.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.EXECUTING}/")
    evaluation_card = page.locator("article", has=page.locator("summary", has_text="Cijfer geven"))
    evaluation_card.locator("summary", has_text="Cijfer geven").click()
    score_form = evaluation_card.locator("form[action$='/actie/score/']")
    score_form.get_by_label("Doel").select_option(label=goal.text)
    score_form.get_by_label("Cijfer (0–10)").fill("6")
    phone.submit(score_form.get_by_role("button", name="Opslaan"))

    row = page.get_by_role("row", name=re.compile(re.escape(goal.text)))
    expect(row.get_by_role("cell").nth(0)).to_have_text("6")  # the child's column
    assert GoalScore.objects.get(goal=goal, participant=cast.youth13).score == 6


def test_a3_network_member_marks_their_action_done_and_cannot_open_the_analysis(
    desktop: BrowserSession,
) -> None:
    cast = build_cast()
    walk_to(cast, Step.OWN_STRENGTH)
    action = goals.add_action(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        description="Noa en Lotte op dinsdag uit school halen.",
        owner=cast.grandmother,
    )
    page = desktop.page

    desktop.log_in(cast.grandmother_user)
    desktop.submit(page.get_by_role("link", name="Gezin Jansen"))
    mine = page.locator("section", has=page.get_by_role("heading", name="Wat wacht op mij"))
    item = mine.locator("li", has_text=action.description)
    item.locator("summary", has_text="Afronden").click()
    item.get_by_label("Hoe ging het?").fill("Gedaan, ze waren blij.")
    desktop.submit(item.get_by_role("button", name="Gedaan"))
    expect(mine).not_to_contain_text(action.description)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.done_note == "Gedaan, ze waren blij."

    # Step 3 is not in the step list as a link for her, and typing the address is refused.
    steps = page.get_by_role("navigation", name="Stappen van het plan")
    expect(steps.get_by_role("link", name=re.compile("Probleem"))).to_have_count(0)
    response = page.goto(f"/plannen/{cast.plan.public_id}/stap/{Step.ANALYSIS}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Slecht slapen")
    desktop.check()


def test_r9_family_reorders_goals_and_the_safety_goal_stays_first(
    desktop: BrowserSession,
) -> None:
    cast = build_cast(compulsory=True)
    walk_to(cast, Step.GOALS)
    safety = goals.add_goal(
        actor=cast.child_protection,
        plan=cast.plan,
        text="Lotte en Noa zijn thuis veilig.",
        term=GoalTerm.SHORT,
        is_safety_goal=True,
    )
    school = goals.add_goal(
        actor=cast.parent, plan=cast.plan, text="Noa gaat weer naar school.", term=GoalTerm.SHORT
    )
    calm = goals.add_goal(
        actor=cast.parent, plan=cast.plan, text="Minder ruzie thuis.", term=GoalTerm.LONG
    )
    page = desktop.page
    order = page.locator("section", has=page.get_by_role("heading", name="Onze doelen")).locator(
        "ol > li strong"
    )

    desktop.log_in(cast.parent_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.GOALS}/")
    expect(order).to_have_text([safety.text, school.text, calm.text])

    # The family puts "less fighting" above "school": allowed, under the safety goal.
    goal_item = page.locator("li", has=page.locator("strong", has_text=calm.text))
    desktop.submit(goal_item.get_by_role("button", name=re.compile("omhoog")))
    expect(order).to_have_text([safety.text, calm.text, school.text])

    # Moving it above the safety goal is refused with the reason, and nothing moves.
    goal_item = page.locator("li", has=page.locator("strong", has_text=calm.text))
    desktop.submit(goal_item.get_by_role("button", name=re.compile("omhoog")))
    expect(page.get_by_role("alert")).to_contain_text(
        "In het gedwongen kader staat veiligheid altijd eerst."
    )
    expect(order).to_have_text([safety.text, calm.text, school.text])


def test_r3_professional_opens_a_plan_and_walks_it_from_step_1_to_step_8(
    desktop: BrowserSession,
) -> None:
    """The professional passes the second factor, opens a new plan from the home page,
    and walks the family's plan through all eight steps with the step form on the plan
    page, opening every step page on the way. What each step needs before the next is
    recorded through the services (tests/personas.py), not typed in: that is the part of
    this journey still to be done in the browser."""
    cast = build_cast()
    page = desktop.page

    desktop.log_in_professional(cast.wijkteam_user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn plannen")
    page.get_by_label("Naam van het gezin").fill("Gezin Yılmaz")
    desktop.submit(page.get_by_role("button", name="Plan openen"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezin Yılmaz")

    desktop.visit(f"/plannen/{cast.plan.public_id}/")
    desktop.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.INTRODUCTION}/")
    for step in range(Step.REQUEST, Step.CLOSING + 1):
        cast.refresh()
        prepare_for(cast, step)
        desktop.visit(f"/plannen/{cast.plan.public_id}/")
        move = page.locator("form[action$='/actie/move-step/']")
        expect(move.get_by_label("Naar stap")).to_have_value(str(step))
        desktop.submit(move.get_by_role("button", name="Stap wijzigen"))
        current = page.get_by_role("navigation", name="Stappen van het plan").locator(
            "[aria-current='step']"
        )
        expect(current).to_contain_text(f"{step}. {Step(step).label}")
        desktop.visit(f"/plannen/{cast.plan.public_id}/stap/{step}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Stap {step}")
    assert cast.refresh().step == Step.CLOSING
