"""htmx partial updates (issue 5): reacting to an entry, completing an action and moving
a goal answer an htmx request with only the part of the page that changed, rendered from
the template the full page includes, so it reads the same as on the full page. Without
JavaScript the same URL answers as before, and the refusal rules are the same with or
without the HX-Request header, for every role of the authorization matrix."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.plans.models import Action, Entry, EntryKind, EntryReaction, Goal, Step
from regie.plans.services import entries, goals
from tests.access.test_authorization_matrix import (
    ACTIONS_EXPECTED,
    ANONYMOUS,
    MISSING_PLAN,
    OUTSIDE,
    World,
    _client,
    _refused_without_content,
    world,
)
from tests.accounts.helpers import client_for
from tests.personas import Cast, build_cast

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

__all__ = ["world"]

HTMX_ACTIONS = ("react", "complete-action", "move-goal")


@dataclass
class Scene:
    cast: Cast
    entry: Entry
    action: Action
    first: Goal
    second: Goal


def _scene(cast: Cast) -> Scene:
    plan = cast.plan
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=plan,
        kind=EntryKind.OBSERVATION,
        body="Moeder vertelde dat de nachten onrustig zijn.",
    )
    first = goals.add_goal(actor=cast.parent, plan=plan, text="Rust in huis", term="short")
    second = goals.add_goal(actor=cast.parent, plan=plan, text="Noa gaat naar school", term="long")
    action = goals.add_action(
        actor=cast.parent, plan=plan, description="Een weekschema maken", owner=cast.parent
    )
    return Scene(cast, entry, action, first, second)


@pytest.fixture
def scene(db: None) -> Scene:
    return _scene(build_cast())


def _url(scene: Scene, action: str) -> str:
    return reverse("plan-action", args=[scene.cast.plan.public_id, action])


def _htmx(client: Client, url: str, data: dict[str, object], page: str) -> "Response":
    """Post as htmx does from a form on `page`: the HX-Request header, and the form's own
    fields, which on a step page name that step (`van_stap`, web/form.html)."""
    step = resolve(page).kwargs.get("step")
    fields = {**data, "van_stap": step} if step is not None else data
    return client.post(
        url, fields, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{page}"
    )


def _overview(scene: Scene) -> str:
    return reverse("plan", args=[scene.cast.plan.public_id])


def _step(scene: Scene, step: int) -> str:
    return reverse("plan-step", args=[scene.cast.plan.public_id, step])


class _Element(HTMLParser):
    """Finds the element with one id and where it ends, counting nested tags of its kind."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=False)
        self.element_id = element_id
        self.tag = ""
        self.depth = 0
        self.start: tuple[int, int] | None = None
        self.end: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end is not None:
            return
        if self.start is None and ("id", self.element_id) in attrs:
            self.tag, self.depth, self.start = tag, 1, self.getpos()
        elif self.start is not None and tag == self.tag:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.start is not None and self.end is None and tag == self.tag:
            self.depth -= 1
            if self.depth == 0:
                line, column = self.getpos()
                self.end = (line, column + len(f"</{tag}>"))


def element(html: str, element_id: str) -> str:
    """The outer HTML of the element with this id, with the per-render CSRF tokens
    blanked, so a fragment and the full page can be compared."""
    parser = _Element(element_id)
    parser.feed(html)
    assert parser.start is not None and parser.end is not None, f"no #{element_id}"
    lines = html.splitlines(keepends=True)

    def offset(position: tuple[int, int]) -> int:
        return sum(len(line) for line in lines[: position[0] - 1]) + position[1]

    found = html[offset(parser.start) : offset(parser.end)]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', found)


def _is_fragment(response: "Response") -> str:
    body = response.content.decode()
    assert response.status_code == 200, body[:500]
    assert "<html" not in body and "<main" not in body
    return body


def test_r2_parent_disputes_an_entry_and_gets_back_only_that_entry(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    entry_id = f"entry-{scene.entry.public_id}"
    response = _htmx(
        parent,
        _url(scene, "react"),
        {
            "entry": scene.entry.public_id,
            "verdict": "disagrees",
            "comment": "Het was één nacht, niet elke nacht.",
        },
        _overview(scene),
    )
    body = _is_fragment(response)
    fragment = element(body, entry_id)
    assert "klopt niet" in fragment  # R2: the reaction stays next to the entry
    assert "Het was één nacht, niet elke nacht." in fragment
    # The message goes to the page's live region (announced), not lost and not repeated.
    live = element(body, "live-messages")
    assert 'hx-swap-oob="innerHTML"' in live
    assert "Uw reactie staat bij de aantekening." in live
    page = parent.get(_overview(scene)).content.decode()
    assert element(page, entry_id) == fragment  # one template, the same markup
    assert "Uw reactie staat bij de aantekening." not in page
    assert element(page, "live-messages") == '<div id="live-messages" role="status"></div>'


def test_r2_after_a_reaction_the_count_of_notes_to_check_stays_true(scene: Scene) -> None:
    """The overview's "what waits for me" counts the notes still to check; the htmx
    answer replaces it too (out of band), so the count never lags behind (issue 14: one
    count for the whole list)."""
    parent = client_for(scene.cast.parent_user)
    before = element(parent.get(_overview(scene)).content.decode(), "my-actions")
    assert "1 aantekening wacht op uw reactie" in before
    assert "Er staan 2 taken voor u klaar." in before  # the note and the weekly schedule
    response = _htmx(
        parent,
        _url(scene, "react"),
        {"entry": scene.entry.public_id, "verdict": "agrees", "comment": ""},
        _overview(scene),
    )
    after = element(_is_fragment(response), "my-actions")
    assert 'hx-swap-oob="true"' in after
    assert "wacht op uw reactie" not in after
    assert "Er staat 1 taak voor u klaar." in after  # the count follows the list


def test_r2_the_entry_fragment_is_the_same_on_a_step_page(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    step = _step(scene, scene.entry.step)
    response = _htmx(
        parent,
        _url(scene, "react"),
        {"entry": scene.entry.public_id, "verdict": "agrees"},
        step,
    )
    fragment = element(_is_fragment(response), f"entry-{scene.entry.public_id}")
    assert element(parent.get(step).content.decode(), f"entry-{scene.entry.public_id}") == fragment


def test_r2_a_rejected_reaction_comes_back_in_its_entry_with_the_input(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    response = _htmx(
        parent,
        _url(scene, "react"),
        {"entry": scene.entry.public_id, "comment": "Dit wil ik nog kwijt."},
        _overview(scene),
    )
    fragment = element(_is_fragment(response), f"entry-{scene.entry.public_id}")
    assert "Dit is nog niet opgeslagen" in fragment
    assert "Dit wil ik nog kwijt." in fragment
    assert "<details open>" in fragment  # the form stays open where the person was
    assert not EntryReaction.objects.filter(entry=scene.entry).exists()


def test_without_javascript_the_same_url_redirects(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    response = parent.post(
        _url(scene, "react"), {"entry": scene.entry.public_id, "verdict": "agrees"}
    )
    assert response.status_code == 302
    assert response["Location"] == _overview(scene)


def test_issue13_the_reacted_entry_comes_back_as_the_overview_shows_it(scene: Scene) -> None:
    """The overview's answer to a reaction reads only the entry and "what waits for me",
    and draws the entry's card as the page itself does."""
    parent = client_for(scene.cast.parent_user)
    card = f"entry-{scene.entry.public_id}"
    response = _htmx(
        parent,
        _url(scene, "react"),
        {"entry": scene.entry.public_id, "verdict": "agrees", "comment": "Ja, zo ging het."},
        _overview(scene),
    )
    fragment = element(_is_fragment(response), card)
    assert "Ja, zo ging het." in fragment
    assert element(parent.get(_overview(scene)).content.decode(), card) == fragment


def test_completing_an_action_returns_what_waits_for_me(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    page = parent.get(_overview(scene)).content.decode()
    assert "Een weekschema maken" in element(page, "my-actions")
    response = _htmx(
        parent, _url(scene, "complete-action"), {"action": scene.action.public_id}, _overview(scene)
    )
    fragment = element(_is_fragment(response), "my-actions")
    assert "Een weekschema maken" not in fragment
    assert "De actie is afgerond." in element(response.content.decode(), "live-messages")
    assert element(parent.get(_overview(scene)).content.decode(), "my-actions") == fragment


def test_completing_an_action_on_step_5_returns_the_list_of_that_page(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    step5 = _step(scene, Step.OWN_STRENGTH)
    response = _htmx(
        parent, _url(scene, "complete-action"), {"action": scene.action.public_id}, step5
    )
    fragment = element(_is_fragment(response), "step-actions")
    assert "Een weekschema maken" in fragment  # still listed, now done
    assert element(parent.get(step5).content.decode(), "step-actions") == fragment


def test_a_forged_page_gets_no_more_than_the_overview(scene: Scene) -> None:
    """The grandmother may not open step 5 (A3): naming it as the page of her form gives
    her the overview's list of her own actions, not the step page's."""
    cast = scene.cast
    mine = goals.add_action(
        actor=cast.parent, plan=cast.plan, description="Oma haalt Noa op", owner=cast.grandmother
    )
    grandmother = client_for(cast.grandmother_user)
    assert grandmother.get(_step(scene, Step.OWN_STRENGTH)).status_code == 403
    response = _htmx(
        grandmother,
        _url(scene, "complete-action"),
        {"action": mine.public_id},
        _step(scene, Step.OWN_STRENGTH),
    )
    body = _is_fragment(response)
    assert 'id="my-actions"' in body and 'id="step-actions"' not in body
    assert "Een weekschema maken" not in body


def test_r8_moving_a_goal_returns_the_goal_list_in_the_new_order(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    step4 = _step(scene, Step.GOALS)
    response = _htmx(
        parent, _url(scene, "move-goal"), {"goal": scene.second.public_id, "direction": -1}, step4
    )
    fragment = element(_is_fragment(response), "goal-list")
    assert fragment.index("Noa gaat naar school") < fragment.index("Rust in huis")
    assert "De volgorde is aangepast." in element(response.content.decode(), "live-messages")
    assert element(parent.get(step4).content.decode(), "goal-list") == fragment


def test_r8_a_rejected_move_shows_why_in_the_goal_list(scene: Scene) -> None:
    goals.set_goal_status(
        actor=scene.cast.parent,
        goal=scene.first,
        expected_version=scene.first.version,
        status="reached",
        reason="Het is gelukt.",
    )
    parent = client_for(scene.cast.parent_user)
    response = _htmx(
        parent,
        _url(scene, "move-goal"),
        {"goal": scene.first.public_id, "direction": 1},
        _step(scene, Step.GOALS),
    )
    fragment = element(_is_fragment(response), "goal-list")
    assert "De volgorde is niet veranderd" in fragment
    assert "Alleen actieve doelen hebben een volgorde." in fragment


def test_a5_an_htmx_answer_logs_the_read_the_redirected_page_would(scene: Scene) -> None:
    parent = client_for(scene.cast.parent_user)
    before = AccessLogEntry.objects.count()
    _htmx(
        parent,
        _url(scene, "move-goal"),
        {"goal": scene.second.public_id, "direction": -1},
        _step(scene, Step.GOALS),
    )
    events = list(AccessLogEntry.objects.order_by("id")[before:].values_list("event", "part"))
    assert (Event.STEP_VIEWED.code, "stap 4") in events


# ---- The authorization matrix, with and without htmx -----------------------------------


def _post(client: Client, url: str, data: dict[str, object], htmx: bool) -> "Response":
    """One post whose changes are rolled back, so both ways meet the same plan."""
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    with transaction.atomic():
        response = client.post(url, data, **headers)  # type: ignore[arg-type]
        transaction.set_rollback(True)
    return response


def test_a1_every_htmx_action_answers_every_role_as_without_htmx(world: World) -> None:
    """Allowed people get the fragment where the full page would redirect or show the
    form again; refused people get the same 403 without content; outsiders the 404 of a
    plan that does not exist, byte for byte."""
    scene = _scene(world.cast)
    data: dict[str, dict[str, object]] = {
        "react": {"entry": scene.entry.public_id, "verdict": "disagrees", "comment": "Nee."},
        "complete-action": {"action": scene.action.public_id, "note": "Klaar."},
        "move-goal": {"goal": scene.second.public_id, "direction": -1},
    }
    fragments = {"react": f"entry-{scene.entry.public_id}", "complete-action": "my-actions"}
    fragments["move-goal"] = "goal-list"
    allowed_somewhere = set()
    for person in world.people:
        client = _client(person)
        for action in HTMX_ACTIONS:
            url = reverse("plan-action", args=[world.cast.plan.public_id, action])
            plain = _post(client, url, data[action], htmx=False)
            htmx = _post(client, url, data[action], htmx=True)
            where = (person.name, action, plain.status_code, htmx.status_code)
            if person.kind == ANONYMOUS:
                assert plain.status_code == htmx.status_code == 302, where
            elif person.kind == OUTSIDE:
                missing = reverse("plan-action", args=[MISSING_PLAN, action])
                nowhere = _post(client, missing, data[action], htmx=True)
                assert plain.status_code == htmx.status_code == nowhere.status_code == 404, where
                assert htmx.content == nowhere.content == plain.content, where
            elif ACTIONS_EXPECTED[action][person.name] == 403:  # refused before the form
                assert plain.status_code == htmx.status_code == 403, where
            elif plain.status_code == 302:
                allowed_somewhere.add(action)
                assert htmx.status_code == 200, where
                assert f'id="{fragments[action]}"' in htmx.content.decode(), where
                assert "<html" not in htmx.content.decode(), where
            else:  # the service refuses (403) or the form comes back (400, or its fragment)
                assert plain.status_code in (400, 403), where
                assert htmx.status_code in ((200, 400) if plain.status_code == 400 else (403,))
            if htmx.status_code in (403, 404):
                _refused_without_content(htmx.content)
    assert allowed_somewhere == set(HTMX_ACTIONS)
