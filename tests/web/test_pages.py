"""The plan pages: every step page renders for people in the plan, outsiders get the same
404 as for a plan that does not exist (A1), rejected forms keep the input, and each page
reads in a fixed number of queries."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.accounts.models import Organisation, OrganisationKind, User
from regie.catalog.services import load_domain_sets
from regie.families.models import PersonKind
from regie.plans.models import EntryKind, Participant, Plan, Role, Step
from regie.plans.services import entries, plans, team
from tests.accounts.helpers import client_for

PASSWORD = "a-long-test-password"


@dataclass
class Scene:
    plan: Plan
    worker: User
    parent: User
    outsider: User
    coordinator: Participant


@pytest.fixture
def scene(db: None) -> Scene:
    load_domain_sets()
    wijkteam = Organisation.objects.create(
        name="Wijkteam", kind=OrganisationKind.NEIGHBOURHOOD_TEAM
    )
    other = Organisation.objects.create(name="Elders", kind=OrganisationKind.CARE_PROVIDER)
    worker = User.objects.create_user("worker", password=PASSWORD, organisation=wijkteam)
    parent = User.objects.create_user("parent", password=PASSWORD)
    outsider = User.objects.create_user("outsider", password=PASSWORD, organisation=other)
    plan = plans.open_plan(by=worker, family_name="Gezin Test")
    assert plan.coordinator is not None
    team.add_person(
        actor=plan.coordinator,
        plan=plan,
        first_name="Anna",
        kind=PersonKind.PARENT,
        role=Role.PARENT,
        user=parent,
        has_parental_authority=True,
    )
    return Scene(plan, worker, parent, outsider, plan.coordinator)


def _page_urls(plan: Plan) -> list[str]:
    return [reverse("plan", args=[plan.public_id])] + [
        reverse("plan-step", args=[plan.public_id, step]) for step in Step.values
    ]


def test_r3_every_step_page_shows_the_current_step_and_why(scene: Scene) -> None:
    client = client_for(scene.parent)
    for url in _page_urls(scene.plan):
        response = client.get(url)
        assert response.status_code == 200, url
    overview = client.get(_page_urls(scene.plan)[0]).content.decode()
    assert "Nu: stap 1, Kennismaken" in overview
    assert "Waarom:" in overview


def test_a1_outsider_gets_the_same_404_as_for_a_missing_plan(scene: Scene) -> None:
    client = client_for(scene.outsider)
    missing = "00000000-0000-4000-8000-000000000000"
    for url in _page_urls(scene.plan):
        response = client.get(url)
        assert response.status_code == 404
        assert (
            response.content == client.get(url.replace(str(scene.plan.public_id), missing)).content
        )
        assert b"Gezin Test" not in response.content
    action = reverse("plan-action", args=[scene.plan.public_id, "entry"])
    assert client.post(action, {"kind": "observation", "body": "x"}).status_code == 404


def test_anonymous_visitor_is_sent_to_login(scene: Scene) -> None:
    response = Client().get(_page_urls(scene.plan)[0])
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_r2_rejected_entry_keeps_what_was_typed_and_says_why(scene: Scene) -> None:
    client = client_for(scene.worker)
    url = reverse("plan-action", args=[scene.plan.public_id, "entry"])
    response = client.post(url, {"body": "Moeder vertelde over de nachten."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Moeder vertelde over de nachten." in page
    assert "Dit is nog niet opgeslagen" in page


def test_r8_rule_message_shows_next_to_the_form(scene: Scene) -> None:
    client = client_for(scene.parent)
    url = reverse("plan-action", args=[scene.plan.public_id, "goal"])
    for number in range(5):
        assert client.post(url, {"text": f"Doel {number}", "term": "short"}).status_code == 302
    response = client.post(url, {"text": "Zesde doel", "term": "long"})
    assert response.status_code == 400
    assert "Er zijn al vijf doelen" in response.content.decode()
    assert "Zesde doel" in response.content.decode()


def test_r2_parent_disputes_entry_and_everyone_sees_the_reaction(scene: Scene) -> None:
    entry = entries.write_entry(
        actor=scene.coordinator,
        plan=scene.plan,
        kind=EntryKind.OBSERVATION,
        body="Vader komt niet naar afspraken.",
    )
    response = client_for(scene.parent).post(
        reverse("plan-action", args=[scene.plan.public_id, "react"]),
        {"entry": str(entry.public_id), "verdict": "disagrees", "comment": "Ik werkte die dagen."},
    )
    assert response.status_code == 302
    page = client_for(scene.worker).get(_page_urls(scene.plan)[0]).content.decode()
    assert "Ik werkte die dagen." in page
    assert "klopt niet" in page


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_query_counts_do_not_grow_with_the_plan(scene: Scene) -> None:
    client = client_for(scene.worker)
    parent = scene.plan.participants.get(role=Role.PARENT)

    def add(count: int) -> None:
        for number in range(count):
            entry = entries.write_entry(
                actor=scene.coordinator,
                plan=scene.plan,
                kind=EntryKind.ASSESSMENT,
                body=f"Gedachte {number}",
            )
            entries.react_to_entry(actor=parent, entry=entry, verdict="agrees")
            entries.add_wish(actor=parent, plan=scene.plan, member=parent, text=f"Wens {number}")

    add(5)
    small = {url: _count_queries(client, url) for url in _page_urls(scene.plan)}
    add(45)
    large = {url: _count_queries(client, url) for url in _page_urls(scene.plan)}
    assert small == large


def test_r5_second_person_editing_a_domain_gets_a_conflict_not_an_overwrite(scene: Scene) -> None:
    worker, parent = client_for(scene.worker), client_for(scene.parent)
    step3 = reverse("plan-step", args=[scene.plan.public_id, Step.ANALYSIS])
    domain = scene.plan.domain_set.domains.first()
    assert domain is not None
    add = reverse("plan-action", args=[scene.plan.public_id, "domain"])
    assert parent.post(add, {"domain": domain.pk, "concerns": "Ruzie thuis."}).status_code == 302
    assessment = scene.plan.domainassessment_set.get()
    edit = reverse("plan-action", args=[scene.plan.public_id, "edit-domain"])
    seen = {"assessment": str(assessment.public_id), "expected_version": assessment.version}
    assert parent.post(edit, {**seen, "concerns": "Minder ruzie."}).status_code == 302
    response = worker.post(edit, {**seen, "concerns": "Veel ruzie."})
    assert response.status_code == 400
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    assert "Veel ruzie." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.concerns == "Minder ruzie."
    assert worker.get(step3).status_code == 200


def test_closing_a_plan_asks_to_confirm_first(scene: Scene) -> None:
    """Destructive actions ask to confirm (issue 5): without the tick nothing happens."""
    client = client_for(scene.worker)
    response = client.post(
        reverse("plan-action", args=[scene.plan.public_id, "close"]),
        {"summary": "Doelen bereikt."},
    )
    assert response.status_code == 400
    assert "Vink aan dat u het zeker weet." in response.content.decode()
    scene.plan.refresh_from_db()
    assert scene.plan.is_open
