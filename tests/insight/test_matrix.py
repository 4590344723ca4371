"""Issue 15, A1: the municipality's policy officer and an organisation's quality officer
see figures only. Every page, fragment, action, export and API endpoint that names a plan
answers them with the 404 of a missing plan; the figures pages answer only them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from regie.accounts.models import User
from regie.api.services import issue_client
from regie.plans.models import Step
from tests.access.test_authorization_matrix import (
    ANONYMOUS,
    World,
    _client,
    _refused_without_content,
    world,  # noqa: F401  # the fixture, shared with the main matrix
)
from tests.accounts.helpers import login_verified
from tests.personas import Cast, make_organisation, make_user

pytestmark = pytest.mark.django_db


def figure_people(cast: Cast) -> list[User]:
    municipality = make_organisation("Gemeente Voorbeeld", "municipality")
    officer = make_user("beleid", "Bea", "Beleid", organisation=municipality)
    officer.is_municipality_officer = True
    quality = make_user("kwaliteit", "Kees", "Kwaliteit", organisation=cast.provider_org)
    quality.is_quality_officer = True
    for user in (officer, quality):
        user.save()
    return [officer, quality]


def _signed_in(user: User) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _plan_patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith("beheer/"):
                yield from _plan_patterns(pattern.url_patterns, route)
        elif "plan_id" in pattern.pattern.converters and pattern.name:
            yield pattern.name, route


def _plan_urls(plan_id: uuid.UUID) -> Iterator[tuple[str, str]]:
    """Every named URL that takes a plan, filled in for this plan (and a goal, step or
    action where the URL takes one)."""
    extra = {"step": Step.ANALYSIS, "action": "entry", "goal_id": uuid.uuid4()}
    for name, route in _plan_patterns(get_resolver().url_patterns):
        kwargs = {"plan_id": plan_id}
        for key, value in extra.items():
            if f"<{key}>" in route or f":{key}>" in route:
                kwargs[key] = value  # type: ignore[assignment]
        yield name, reverse(name, kwargs=kwargs)


def test_figure_roles_get_the_404_of_a_missing_plan_everywhere(world: World) -> None:  # noqa: F811
    plan_id = world.cast.plan.public_id
    urls = list(_plan_urls(plan_id))
    names = {name for name, _url in urls}
    assert {
        "plan",
        "plan-step",
        "plan-action",
        "plan-youth",
        "plan-export-pdf",
        "api-plan-detail",
    } <= names
    for user in figure_people(world.cast):
        client = _signed_in(user)
        for name, url in urls:
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code == 405:
                    continue
                missing = getattr(client, method)(url.replace(str(plan_id), str(uuid.uuid4())))
                assert response.status_code in (401, 404), (
                    user.username,
                    name,
                    method,
                    response.status_code,
                )
                assert response.status_code == missing.status_code, (user.username, name, method)
                _refused_without_content(response.content)


def test_figure_roles_calling_the_api_get_the_404_of_a_missing_plan(world: World) -> None:  # noqa: F811
    for user in figure_people(world.cast):
        assert user.organisation is not None
        _client_row, token = issue_client(
            organisation=user.organisation, acting_user=user, name="Rapportage"
        )
        api = Client(headers={"Authorization": f"Bearer {token}"})
        plan_id = world.cast.plan.public_id
        for name, kwargs in (
            ("api-plan-detail", {"plan_id": plan_id}),
            ("api-goal-list", {"plan_id": plan_id}),
            ("api-action-list", {"plan_id": plan_id}),
            ("api-evaluation-list", {"plan_id": plan_id}),
        ):
            response = api.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 404, (user.username, name)
            _refused_without_content(response.content)
        listed = api.get(reverse("api-plan-list"))
        assert listed.status_code == 200 and listed.json()["count"] == 0
        figures = api.get(reverse("api-figures"))
        assert figures.status_code == 200, user.username  # the figures, and only those
        _refused_without_content(figures.content)


def test_only_the_figure_roles_open_the_figures(world: World) -> None:  # noqa: F811
    """Everyone of the main matrix's world gets 404 (anonymous: the login); the two
    figure roles 200."""
    pages = [reverse("indicators"), reverse("indicators-csv")]
    for person in world.people:
        client = _client(person)
        for url in pages:
            response = client.get(url)
            expected = 302 if person.kind == ANONYMOUS else 404
            assert response.status_code == expected, (person.name, url)
    for user in figure_people(world.cast):
        client = _signed_in(user)
        for url in pages:
            assert client.get(url).status_code == 200, (user.username, url)


def test_figure_roles_never_join_a_plan_and_land_on_the_figures(world: World) -> None:  # noqa: F811
    """They belong to an organisation, yet they open no plan and cannot be added to one
    as a professional: figures only (issue 15, A1)."""
    from regie.access.policy import NotAllowed
    from regie.core.errors import RuleViolation
    from regie.plans.models import Role
    from regie.plans.services import team

    for user in figure_people(world.cast):
        assert not user.is_professional and user.needs_two_factor
        client = _signed_in(user)
        assert client.get(reverse("home"))["Location"] == reverse("indicators")
        assert client.post(reverse("plan-open"), {}).status_code == 403
        with pytest.raises((NotAllowed, RuleViolation)):
            team.add_professional(
                actor=world.cast.wijkteam_worker,
                plan=world.cast.plan,
                user=user,
                role=Role.CARE_PROFESSIONAL,
            )


def test_a_professional_made_figure_role_loses_the_plans_she_was_in(world: World) -> None:  # noqa: F811
    """A1, issue 15: giving someone a figure role ends what they saw as a professional,
    on the web and in the lists, even while their old role still runs."""
    from regie.access import policy

    user = world.cast.care_provider_user
    client = _signed_in(user)
    plan_url = reverse("plan", args=[world.cast.plan.public_id])
    assert client.get(plan_url).status_code == 200
    user.is_quality_officer = True
    user.save()
    assert client.get(plan_url).status_code == 404
    assert not policy.visible_plans(user).exists()
