"""htmx in the browser (issue 5): disputing an entry and moving a goal replace only their
part of the page (the page does not reload: a marker set in the window survives), the
result shows, the message lands in the live region, and axe-core still finds nothing.
Also the conflict screen, which works without JavaScript, checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from regie.plans.models import EntryKind, FamilyStory, Step
from regie.plans.services import entries, goals, plans
from tests.e2e.helpers import BrowserSession
from tests.personas import build_cast

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SET_MARKER = "() => { window.__regieNoReload = 'still here'; }"
MARKER = "() => window.__regieNoReload || null"
MARK_SETTLE = """() => {
  document.body.removeAttribute('data-e2e-settled');
  document.body.addEventListener('htmx:afterSettle', () => {
    document.body.setAttribute('data-e2e-settled', '');
  }, {once: true});
}"""


def _swap(session: BrowserSession, click: object) -> None:
    """Press a button of an htmx form, wait until htmx has put the answer in place, then
    check that the page did not reload and still passes axe-core."""
    page = session.page
    page.evaluate(SET_MARKER)
    page.evaluate(MARK_SETTLE)
    click()  # type: ignore[operator]
    # A locator, not wait_for_function: that evaluates a string, which the CSP forbids.
    page.locator("body[data-e2e-settled]").wait_for(state="attached")
    assert page.evaluate(MARKER) == "still here", "the page reloaded"
    session.check()


def test_r2_dispute_an_entry_without_a_page_reload(desktop: BrowserSession) -> None:
    cast = build_cast()
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Noa was drie keer niet op school deze week.",
    )
    page = desktop.page
    desktop.log_in(cast.parent_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/")
    card = page.locator(f"#entry-{entry.public_id}")
    card.locator("summary", has_text="Klopt dit?").click()
    card.get_by_label("klopt niet").check()
    card.get_by_label("In uw eigen woorden").fill("Het was twee keer, ze was ziek.")
    _swap(desktop, card.get_by_role("button", name="Reactie opslaan").click)
    card = page.locator(f"#entry-{entry.public_id}")
    expect(card.locator(".reaction")).to_contain_text("klopt niet")
    expect(card.locator(".reaction")).to_contain_text("Het was twee keer, ze was ziek.")
    # The button that had the focus is gone: the focus moves to the entry that changed.
    assert page.evaluate("() => document.activeElement.id") == f"entry-{entry.public_id}"
    live = page.locator("#live-messages")
    expect(live).to_have_attribute("role", "status")
    expect(live).to_contain_text("Uw reactie staat bij de aantekening.")


def test_r2_a_rejected_reaction_shows_its_errors_in_place(desktop: BrowserSession) -> None:
    cast = build_cast()
    entry = entries.write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Een tekst."
    )
    page = desktop.page
    desktop.log_in(cast.parent_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/")
    card = page.locator(f"#entry-{entry.public_id}")
    card.locator("summary", has_text="Klopt dit?").click()
    card.get_by_label("In uw eigen woorden").fill("Ik weet het nog niet.")
    _swap(desktop, card.get_by_role("button", name="Reactie opslaan").click)
    card = page.locator(f"#entry-{entry.public_id}")
    expect(card.get_by_role("alert")).to_contain_text("Dit is nog niet opgeslagen")
    expect(card.get_by_role("alert")).to_be_focused()  # the summary says what to fix
    expect(card.get_by_label("In uw eigen woorden")).to_have_value("Ik weet het nog niet.")


def test_r8_move_a_goal_without_a_page_reload(desktop: BrowserSession) -> None:
    cast = build_cast()
    first = goals.add_goal(actor=cast.parent, plan=cast.plan, text="Rust in huis", term="short")
    goals.add_goal(actor=cast.parent, plan=cast.plan, text="Noa gaat naar school", term="long")
    page = desktop.page
    desktop.log_in(cast.parent_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.GOALS}/")
    down = page.locator(f"#goal-{first.public_id}-down")
    expect(down).to_have_accessible_name(re.compile("omlaag.*Rust in huis"))
    _swap(desktop, down.click)
    items = page.locator("#goal-list > ol > li")
    expect(items.nth(0)).to_contain_text("Noa gaat naar school")
    expect(items.nth(1)).to_contain_text("Rust in huis")
    expect(page.locator("#live-messages")).to_contain_text("De volgorde is aangepast.")
    # The button keeps its id, so the focus stays on it, now with the goal that moved.
    assert page.evaluate("() => document.activeElement.id") == f"goal-{first.public_id}-down"


def test_story_conflict_shows_both_versions_and_saves_mine(desktop: BrowserSession) -> None:
    cast = build_cast()
    page = desktop.page
    desktop.log_in(cast.parent_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.REQUEST}/")
    page.locator("summary", has_text="Aanpassen").click()
    story_form = page.locator("form[action$='/actie/story/']")
    story_form.get_by_label("Ons verhaal").fill("Mijn eigen woorden over thuis.")
    # Someone else saves the story while the parent is still typing.
    story = FamilyStory.objects.get(plan=cast.plan)
    plans.edit_story(
        actor=cast.youth16,
        plan=cast.plan,
        expected_version=story.version,
        story="Het verhaal van Daan.",
        request_for_help="",
    )
    desktop.submit(story_form.get_by_role("button", name="Opslaan"))
    story_form = page.locator("form[action$='/actie/story/']")
    expect(story_form).to_contain_text("Wat u schreef")
    expect(story_form).to_contain_text("Het verhaal van Daan.")
    expect(story_form.get_by_label("Ons verhaal")).to_have_value("Mijn eigen woorden over thuis.")
    expect(story_form.get_by_role("link", name="De opgeslagen versie houden")).to_be_visible()
    desktop.submit(story_form.get_by_role("button", name="Mijn versie toch opslaan"))
    story.refresh_from_db()
    assert story.story == "Mijn eigen woorden over thuis."


def test_the_hint_shows_while_a_professional_writes_for_the_family(
    desktop: BrowserSession,
) -> None:
    """000/004: while typing an entry, the form says how hard it reads and which jargon
    has a plain word, without a reload and without blocking saving."""
    cast = build_cast()
    page = desktop.page
    desktop.log_in_professional(cast.wijkteam_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/")
    page.locator("summary", has_text="Aantekening schrijven").click()
    form = page.locator("form[action$='/actie/entry/']")
    hint = form.locator(".regie-readability")
    page.evaluate(SET_MARKER)
    form.get_by_label("Aantekening", exact=True).fill(
        "De casuïstiek vraagt om een multidisciplinair traject met de ketenpartners."
    )
    expect(hint).to_contain_text("Moeilijk")
    expect(hint).to_contain_text("multidisciplinair → met hulpverleners van verschillende vakken")
    assert page.evaluate(MARKER) == "still here", "the page reloaded"
    desktop.check()


def test_r8_the_family_drags_a_goal_to_another_place(desktop: BrowserSession) -> None:
    """A drag is the mouse way to set the order; the list comes back in the new order
    without a reload, and axe-core finds nothing."""
    cast = build_cast()
    texts = ["Noa gaat weer naar school.", "Minder ruzie thuis.", "Lotte slaapt goed."]
    for text in texts:
        goals.add_goal(actor=cast.parent, plan=cast.plan, text=text, term="short")
    page = desktop.page
    desktop.log_in(cast.parent_user)
    desktop.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.GOALS}/")
    order = page.locator("#goal-list ol > li strong")
    expect(order).to_have_text(texts)
    last = page.locator("#goal-list li[draggable='true']", has_text=texts[2])
    first = page.locator("#goal-list li[draggable='true']", has_text=texts[0])
    _swap(desktop, lambda: last.drag_to(first))
    expect(order).to_have_text([texts[2], texts[0], texts[1]])
