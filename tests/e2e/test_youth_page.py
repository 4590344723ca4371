"""Mijn plan in a real browser (issue 5): a youth of 13 opens their own page on a phone,
gives a goal a score with the slider using only the keyboard, writes a wish, and sees
both; axe-core checks every page on the way (tests/e2e/helpers.py). The slider also works
without its script (score.js).

Set REGIE_SHOTS to a folder to keep screenshots of the page (phone and desktop)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from regie.plans.models import ConditionKind, Goal, GoalScore, GoalStatus, Step, Wish
from regie.plans.services import goals
from tests.e2e.helpers import BrowserSession
from tests.personas import Cast, build_cast, walk_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _shot(session: BrowserSession, name: str) -> None:
    folder = os.environ.get("REGIE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        session.page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _plan_in_step_7() -> tuple[Cast, Goal]:
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)  # one goal, one evaluation planned and not yet held
    goal = Goal.objects.get(plan=cast.plan, status=GoalStatus.ACTIVE)
    goals.add_action(
        actor=cast.parent,
        plan=cast.plan,
        description="Noa op dinsdag uit school halen.",
        owner=cast.grandmother,
        goal=goal,
    )
    return cast, goal


def test_r4_r19_youth_of_13_scores_with_the_slider_and_adds_a_wish_on_a_phone(
    phone: BrowserSession,
) -> None:
    cast, goal = _plan_in_step_7()
    page = phone.page
    url = f"/plannen/{cast.plan.public_id}/voor-mij/"

    phone.log_in(cast.youth13_user)
    phone.visit(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn plan")
    _shot(phone, "youth-phone-360")

    card = page.locator("article", has=page.get_by_role("heading", name=goal.text))
    slider = card.get_by_role("slider", name="Jouw cijfer voor dit doel")
    expect(slider).to_have_value("5")
    expect(card.locator("output")).to_have_text("😐 5")  # score.js shows the number
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_value("8")
    expect(card.locator("output")).to_have_text("😀 8")
    page.keyboard.press("Home")
    expect(card.locator("output")).to_have_text("😟 0")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    expect(slider).to_have_value("9")
    phone.submit(card.get_by_role("button", name="Cijfer opslaan"))

    assert re.search(r"/voor-mij/$", page.url), page.url
    card = page.locator("article", has=page.get_by_role("heading", name=goal.text))
    expect(card).to_contain_text("Jouw laatste cijfer: 😀 9")
    expect(card.get_by_role("slider", name="Jouw cijfer voor dit doel")).to_have_value("9")

    wishes = page.locator("section", has=page.get_by_role("heading", name="Wat ik wil", level=2))
    wishes.get_by_label("Wat wil jij dat er anders wordt?").fill("Dat ik mijn vriendinnen zie.")
    phone.submit(wishes.get_by_role("button", name="Wens opslaan"))

    assert re.search(r"/voor-mij/$", page.url), page.url
    wishes = page.locator("section", has=page.get_by_role("heading", name="Wat ik wil", level=2))
    expect(wishes.get_by_text("Dat ik mijn vriendinnen zie.")).to_be_visible()
    expect(wishes).to_contain_text("Dat ik weer naar school durf.")
    expect(page.locator("article", has_text=goal.text)).to_contain_text("Jouw laatste cijfer: 😀 9")
    helpers = page.locator("section", has=page.get_by_role("heading", name="Wat anderen"))
    expect(helpers).to_contain_text("Ria Jansen: Noa op dinsdag uit school halen.")
    _shot(phone, "youth-phone-360-after")

    assert GoalScore.objects.get(goal=goal, participant=cast.youth13).score == 9
    assert Wish.objects.filter(participant=cast.youth13, text__startswith="Dat ik mijn").exists()


@pytest.fixture
def phone_without_score_js(browser: Browser, live_server: LiveServer) -> Iterator[BrowserSession]:
    """A phone on which score.js never arrives: the slider as it is without JavaScript.
    (Switching JavaScript off for the whole window would also stop axe-core, which runs
    in the page.)"""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 800}, locale="nl-NL"
    )
    context.set_default_timeout(10_000)
    context.route("**/score.js", lambda route: route.abort())
    yield BrowserSession(context.new_page())
    context.close()


def test_r19_the_slider_works_with_the_keyboard_without_javascript(
    phone_without_score_js: BrowserSession,
) -> None:
    session = phone_without_score_js
    cast, goal = _plan_in_step_7()
    page = session.page

    session.log_in(cast.youth13_user)
    session.visit(f"/plannen/{cast.plan.public_id}/voor-mij/")
    card = page.locator("article", has=page.get_by_role("heading", name=goal.text))
    expect(card.locator("output")).to_be_hidden()  # no number that could be stale
    expect(card).to_contain_text("0 is heel slecht.")
    slider = card.get_by_role("slider", name="Jouw cijfer voor dit doel")
    slider.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(slider).to_have_value("3")
    session.submit(card.get_by_role("button", name="Cijfer opslaan"))
    expect(page.locator("article", has_text=goal.text)).to_contain_text("Jouw laatste cijfer")
    assert GoalScore.objects.get(goal=goal, participant=cast.youth13).score == 3


def test_mijn_plan_on_a_laptop(desktop: BrowserSession) -> None:
    cast, _goal = _plan_in_step_7()
    desktop.log_in(cast.youth16_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/voor-mij/")
    expect(desktop.page.get_by_role("heading", level=1)).to_contain_text("Mijn plan")
    _shot(desktop, "youth-desktop-1440")


def test_issue14_a4_youth_lands_on_mijn_plan_and_keeps_a_wish_before_saving(
    phone: BrowserSession,
) -> None:
    """Issue 14: logging in leads a youth to their own page; "alleen voor mij" is a choice
    in the wish form, made before saving (A4); the page fits a phone."""
    cast, _goal = _plan_in_step_7()
    page = phone.page
    phone.log_in(cast.youth13_user)
    assert re.search(r"/voor-mij/$", page.url), page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn plan")

    wishes = page.locator("section", has=page.get_by_role("heading", name="Wat ik wil", level=2))
    wishes.get_by_label("Wat wil jij dat er anders wordt?").fill("Een eigen kamer.")
    choice = wishes.get_by_role("radio", name="Alleen voor mij: mijn ouders lezen het niet")
    expect(wishes.get_by_role("radio", name="Ook mijn ouders")).to_be_checked()
    choice.check()
    phone.submit(wishes.get_by_role("button", name="Wens opslaan"))

    assert re.search(r"/voor-mij/$", page.url), page.url
    kept = page.locator("section", has=page.get_by_role("heading", name="Wat ik voor mezelf houd"))
    expect(kept).to_contain_text("Een eigen kamer.")
    wish = Wish.objects.get(participant=cast.youth13, text="Een eigen kamer.")
    assert wish.kept_from_parents_by_id == cast.youth13.pk
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_issue14_r9_under_a_measure_whom_to_call_comes_first_on_a_phone(
    phone: BrowserSession,
) -> None:
    """Issue 14: a youth of 16 under a supervision order sees "Voel je je niet veilig?"
    with her child-protection worker and the national numbers at the top of her page,
    and the safety agreements below it."""
    cast = build_cast(compulsory=True)
    goals.set_condition(
        actor=cast.child_protection,
        plan=cast.plan,
        kind=ConditionKind.SAFETY_AGREEMENT,
        text="Voel je je thuis niet veilig, dan ga je naar tante.",
    )
    page = phone.page
    phone.log_in(cast.youth16_user)
    safe = page.locator("section", has=page.get_by_role("heading", name="Voel je je niet veilig?"))
    expect(safe).to_be_in_viewport()
    expect(safe).to_contain_text("Ingrid de Boer")
    expect(safe.get_by_role("link", name="0800-0432")).to_have_attribute("href", "tel:08000432")
    expect(safe.get_by_role("link", name="0800-2000")).to_have_attribute("href", "tel:08002000")
    agreements = page.locator(
        "section", has=page.get_by_role("heading", name="Afspraken om je veilig te houden")
    )
    expect(agreements).to_contain_text("Voel je je thuis niet veilig, dan ga je naar tante.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(phone, "youth-under-measure-phone-360")
