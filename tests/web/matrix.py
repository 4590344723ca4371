"""The web pages outside the plan steps in the authorization matrix (A1, issue 5).
`CLASSIFIED` tells tests/access/test_authorization_matrix.py that these views are walked
here, for every role of its world.

- `set_language` (Django's language switch, issue 5): everyone may switch between Dutch
  and English, signed in or not; it only sets a cookie and redirects. A `next` that points
  to another host is never followed (no open redirect).
- `plan-youth` ("Mijn plan", issue 5): only the youth themself (role child, 12+); everyone
  else in the plan gets 403 without content, outsiders the 404 of a missing plan.
- `plan-readability` (the plain-language hint while writing, issue 5): whoever may take
  the action (write an entry) gets the hint; everyone else in the plan 403, outsiders the
  404 of a missing plan."""

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from tests.access.test_authorization_matrix import (
    ANONYMOUS,
    MISSING_PLAN,
    OUTSIDE,
    World,
    _client,
    _refused_without_content,
    status_table,
)

CLASSIFIED = {
    "set_language",
    "plan-youth",
    "plan-readability",
}

# A4: "Mijn plan" is the youth's own page. A3: the readability hint answers who may write
# an entry (the professionals). A1: outsiders get the 404 of a missing plan.
EXPECTED = status_table(
    """
page                   par y12 y13 y16 nw- nw+ ref car bsc sch gp  end pnd oth cpw adm prv ano
plan-youth             403 200 200 200 403 403 403 403 403 403 403 404 404 404 404 404 404 302
plan-readability       403 403 403 403 403 403 200 200 200 200 200 404 404 404 404 404 404 302
"""
)

OUTSIDE_TARGETS = ("https://evil.example/phish", "//evil.example/phish", "https:evil.example")


def check_everyone_can_switch_language(world: World) -> None:
    url = reverse("set_language")
    for person in world.people:
        client = _client(person)
        response = client.post(url, {"language": "en", "next": reverse("home")})
        assert response.status_code == 302, person.name
        assert response["Location"] == reverse("home"), person.name
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en", person.name

        back = client.post(url, {"language": "nl", "next": reverse("login")})
        assert back.status_code == 302, person.name
        assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl", person.name

        for target in OUTSIDE_TARGETS:
            assert not url_has_allowed_host_and_scheme(target, allowed_hosts={"testserver"})
            refused = client.post(url, {"language": "en", "next": target})
            assert refused.status_code == 302, (person.name, target)
            location = refused["Location"]
            assert "evil.example" not in location, (person.name, target)
            assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})


def check_youth_page_for_every_role(world: World) -> None:
    """Mijn plan (A1, A4): youths of 12, 13 and 16 open it; parents, network members and
    professionals get 403 without content; outsiders the same 404 as a missing plan."""
    plan_id = world.cast.plan.public_id
    opened = set()
    for person in world.people:
        client = _client(person)
        response = client.get(reverse("plan-youth", args=[plan_id]))
        assert response.status_code == EXPECTED["plan-youth"][person.name], person.name
        if response.status_code == 200:
            opened.add(person.name)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), person.name
        if response.status_code in (403, 404):
            _refused_without_content(response.content)
        if person.kind == OUTSIDE:
            missing = client.get(reverse("plan-youth", args=[MISSING_PLAN]))
            assert missing.status_code == 404, person.name
            assert missing.content == response.content, person.name
    assert opened == {"youth12", "youth13", "youth16"}


def check_readability_hint_for_every_role(world: World) -> None:
    """The hint answers exactly those who may write an entry (A3); it carries no plan
    content, and outsiders get the same 404 as for a missing plan (A1)."""
    plan_id = world.cast.plan.public_id
    text = {"body": "De casuïstiek vraagt om een multidisciplinair traject."}
    hinted = set()
    for person in world.people:
        client = _client(person)
        response = client.post(reverse("plan-readability", args=[plan_id, "entry"]), text)
        assert response.status_code == EXPECTED["plan-readability"][person.name], person.name
        if person.kind == ANONYMOUS:
            continue
        if person.kind == OUTSIDE:
            missing = client.post(reverse("plan-readability", args=[MISSING_PLAN, "entry"]), text)
            assert missing.content == response.content, person.name
            continue
        _refused_without_content(response.content)
        if response.status_code == 200:
            assert "multidisciplinair" in response.content.decode(), person.name
            hinted.add(person.name)
    assert {"referrer", "care_provider", "school", "gp"} <= hinted
