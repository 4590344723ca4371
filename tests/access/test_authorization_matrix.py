"""The authorization matrix (A1–A4, A7): every URL of the URL configuration against every
role of DESIGN.md §1. The URL list is generated from the configuration, so a new view that
nobody classified here fails the suite. Refused answers carry no case content, and an
outsider's 404 is byte-for-byte the 404 of a plan that does not exist."""

import datetime
import importlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from regie.access import policy
from regie.accounts.models import User
from regie.families.models import Gender, PersonKind
from regie.plans.models import EntryKind, Participant, Role, ShareKind, Step
from regie.plans.services import entries, sharing, team
from regie.web.actions import ACTIONS, REQUIRES
from tests.accounts.helpers import login_verified
from tests.personas import Cast, add_approved_professional, build_cast, make_user

SECRET = "GEHEIM-INHOUD-7513"  # written in the plan; no refused answer may contain it
MISSING_PLAN = uuid.UUID("00000000-0000-4000-8000-000000000000")

# How a person stands to the plan decides most answers.
FAMILY, NETWORK, NETWORK_SHARED, PROFESSIONAL, OUTSIDE, ANONYMOUS = (
    "family",
    "network",
    "network_shared",
    "professional",
    "outside",
    "anonymous",
)


@dataclass
class Person:
    name: str
    kind: str
    user: User | None
    participant: Participant | None = None


@dataclass
class World:
    cast: Cast
    people: list[Person]


def _walk(
    patterns: list[URLPattern | URLResolver], namespace: str | None = None
) -> Iterator[tuple[str | None, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, pattern.namespace or namespace)
        else:
            yield namespace, pattern.name or ""


def url_names() -> set[str]:
    """Every named view of the app; the admin has its own test below."""
    return {name for namespace, name in _walk(get_resolver().url_patterns) if namespace is None}


ACCOUNT_PAGES = {
    "two-factor",
    "two-factor-setup",
    "two-factor-verify",
    "two-factor-recovery-codes",
    "two-factor-renew-codes",
    "two-factor-disable",
    "password-reset",
    "password-reset-done",
    "password-reset-confirm",
    "password-reset-complete",
    "password-change",
    "password-change-done",
    "login",
    "logout",
}
PLAN_PAGES = {"plan", "plan-step", "plan-action", "plan-access-log"}
OTHER_PAGES = {
    "home",
    "plan-open",
    "invitation",
    "destruction-requests",
    "privacy-log",
    "privacy-log-export",
}


def classified_elsewhere() -> set[str]:
    """Areas with their own matrix test (tests/<area>/matrix.py) list their views in a
    CLASSIFIED set there, next to the test that walks them for every role."""
    names: set[str] = set()
    for path in sorted(Path(__file__).resolve().parent.parent.glob("*/matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.matrix")
        names |= set(module.CLASSIFIED)
    return names


def test_every_url_is_classified_in_the_matrix() -> None:
    """A new view must be added to this matrix before the suite passes."""
    unclassified = url_names() - ACCOUNT_PAGES - PLAN_PAGES - OTHER_PAGES - classified_elsewhere()
    assert not unclassified, f"add these views to the authorization matrix: {unclassified}"


@pytest.fixture
def world(db: None) -> World:
    cast = build_cast()
    plan = cast.plan
    entries.write_entry(
        actor=cast.care_provider, plan=plan, kind=EntryKind.OBSERVATION, body=SECRET
    )
    entries.add_wish(actor=cast.parent, plan=plan, member=cast.parent, text=SECRET)
    school = add_approved_professional(
        cast, make_user("mentor", "Mees", "Mentor", organisation=cast.other_org), Role.SCHOOL
    )
    gp = add_approved_professional(
        cast, make_user("huisarts", "Hanna", "Huisarts", organisation=cast.other_org), Role.GP
    )
    ended = add_approved_professional(
        cast,
        make_user("oud", "Otto", "Oud", organisation=cast.provider_org),
        Role.CARE_PROFESSIONAL,
    )
    team.end_participation(
        actor=cast.wijkteam_worker,
        participant=ended,
        reason="Overgedragen.",
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    pending_user = make_user("wacht", "Wim", "Wacht", organisation=cast.other_org)
    team.add_professional(
        actor=cast.wijkteam_worker, plan=plan, user=pending_user, role=Role.CARE_PROFESSIONAL
    )
    neighbour_user = User.objects.create(username="buur", password=make_password(None))
    neighbour = team.add_person(
        actor=cast.parent,
        plan=plan,
        first_name="Bea",
        last_name="Buur",
        kind=PersonKind.NETWORK,
        gender=Gender.FEMALE,
        role=Role.NETWORK,
        user=neighbour_user,
    ).participations.get(plan=plan)
    sharing.share_with_network(
        actor=cast.parent, plan=plan, member=neighbour, kind=ShareKind.ANALYSIS
    )
    youth12_user = User.objects.create(username="twaalf", password=make_password(None))
    today = timezone.localdate()
    youth12 = team.add_person(
        actor=cast.parent,
        plan=plan,
        first_name="Tim",
        last_name="Jansen",
        kind=PersonKind.CHILD,
        gender=Gender.MALE,
        role=Role.CHILD,
        user=youth12_user,
        birth_date=today.replace(year=today.year - 12),
    ).participations.get(plan=plan)
    people = [
        Person("parent", FAMILY, cast.parent_user, cast.parent),
        Person("youth12", FAMILY, youth12_user, youth12),
        Person("youth13", FAMILY, cast.youth13_user, cast.youth13),
        Person("youth16", FAMILY, cast.youth16_user, cast.youth16),
        Person("network_without_share", NETWORK, cast.grandmother_user, cast.grandmother),
        Person("network_with_share", NETWORK_SHARED, neighbour_user, neighbour),
        Person("referrer", PROFESSIONAL, cast.wijkteam_user, cast.wijkteam_worker),
        Person("care_provider", PROFESSIONAL, cast.care_provider_user, cast.care_provider),
        Person(
            "behavioural_scientist",
            PROFESSIONAL,
            cast.behavioural_scientist_user,
            cast.behavioural_scientist,
        ),
        Person("school", PROFESSIONAL, school.user, school),
        Person("gp", PROFESSIONAL, gp.user, gp),
        Person("ended_professional", OUTSIDE, ended.user),
        Person("pending_professional", OUTSIDE, pending_user),
        Person("other_organisation", OUTSIDE, cast.outsider),
        Person("child_protection_not_in_plan", OUTSIDE, cast.child_protection_user),
        Person("functional_admin", OUTSIDE, cast.admin),
        Person("privacy_officer", OUTSIDE, cast.privacy_officer),
        Person("anonymous", ANONYMOUS, None),
    ]
    return World(cast, people)


def _client(person: Person) -> Client:
    client = Client()
    if person.user is not None:
        if person.user.needs_two_factor:
            login_verified(client, person.user)
        else:
            client.force_login(person.user)
    return client


def _refused_without_content(body: bytes) -> None:
    assert SECRET.encode() not in body
    assert b"Gezin Jansen" not in body


def expected_step(person: Person, step: int) -> int:
    if person.kind == ANONYMOUS:
        return 302
    if person.kind == OUTSIDE:
        return 404
    if person.kind == NETWORK:
        return 403
    if person.kind == NETWORK_SHARED:
        return 200 if step == Step.ANALYSIS else 403
    return 200


def test_a1_plan_pages_for_every_role(world: World) -> None:
    plan_id = world.cast.plan.public_id
    for person in world.people:
        client = _client(person)
        overview = client.get(reverse("plan", args=[plan_id]))
        expected = {ANONYMOUS: 302, OUTSIDE: 404}.get(person.kind, 200)
        assert overview.status_code == expected, person.name
        for step in Step.values:
            response = client.get(reverse("plan-step", args=[plan_id, step]))
            assert response.status_code == expected_step(person, step), (person.name, step)
            if response.status_code in (403, 404):
                _refused_without_content(response.content)
        who_looked = client.get(reverse("plan-access-log", args=[plan_id]))
        expected_log = {FAMILY: 200, OUTSIDE: 404, ANONYMOUS: 302}.get(person.kind, 403)
        assert who_looked.status_code == expected_log, person.name
        if person.kind in (OUTSIDE, ANONYMOUS):
            _refused_without_content(overview.content)


def test_a1_outsiders_404_is_the_same_as_for_a_missing_plan(world: World) -> None:
    plan_id = world.cast.plan.public_id
    urls = [
        ("plan", []),
        ("plan-step", [Step.ANALYSIS]),
        ("plan-access-log", []),
    ]
    for person in world.people:
        if person.kind != OUTSIDE:
            continue
        client = _client(person)
        for name, extra in urls:
            real = client.get(reverse(name, args=[plan_id, *extra]))
            missing = client.get(reverse(name, args=[MISSING_PLAN, *extra]))
            assert real.status_code == missing.status_code == 404, (person.name, name)
            assert real.content == missing.content, (person.name, name)
        real = client.post(reverse("plan-action", args=[plan_id, "entry"]), {})
        missing = client.post(reverse("plan-action", args=[MISSING_PLAN, "entry"]), {})
        assert real.status_code == missing.status_code == 404
        assert real.content == missing.content


def _may(participant: Participant, action: str) -> bool:
    required = REQUIRES[action]
    spec = ACTIONS[action]
    seen = policy.sections(participant)
    if spec.step is not None and not policy.may_open_step(participant, spec.step, seen):
        return False
    return required is None or policy.can(participant, required)


def test_a1_every_action_endpoint_for_every_role(world: World) -> None:
    """An empty POST: refused people get 403 (in the plan) or 404 (outside) with no case
    content; people who may act get the form back with errors (400) or their change."""
    plan_id = world.cast.plan.public_id
    for person in world.people:
        client = _client(person)
        for action in ACTIONS:
            response = client.post(reverse("plan-action", args=[plan_id, action]), {})
            status = response.status_code
            if person.kind == ANONYMOUS:
                assert status == 302, (person.name, action)
            elif person.kind == OUTSIDE:
                assert status == 404, (person.name, action)
            elif person.participant is not None and _may(person.participant, action):
                assert status in (200, 302, 400), (person.name, action, status)
            else:
                assert status == 403, (person.name, action, status)
            if status in (403, 404):
                _refused_without_content(response.content)


def test_a3_network_member_is_refused_what_the_family_does(world: World) -> None:
    """Spot checks of the table above, written out so the policy cannot silently drift."""
    plan_id = world.cast.plan.public_id
    grandmother = _client(next(p for p in world.people if p.name == "network_without_share"))
    for action in ("entry", "goal", "wish", "move-step", "share", "complaint", "decide"):
        assert (
            grandmother.post(reverse("plan-action", args=[plan_id, action]), {}).status_code == 403
        )
    assert (
        grandmother.post(
            reverse("plan-action", args=[plan_id, "request-evaluation"]), {}
        ).status_code
        == 400
    )
    youth = _client(next(p for p in world.people if p.name == "youth13"))
    for action in ("move-step", "entry", "decide", "share", "condition"):
        assert youth.post(reverse("plan-action", args=[plan_id, action]), {}).status_code == 403


def test_a1_other_pages_for_every_role(world: World) -> None:
    for person in world.people:
        client = _client(person)
        logged_in = person.user is not None
        home = client.get(reverse("home"))
        assert home.status_code == (200 if logged_in else 302), person.name
        if person.kind in (OUTSIDE, ANONYMOUS):
            _refused_without_content(home.content)
        opened = client.post(reverse("plan-open"), {})
        professional = person.user is not None and person.user.is_professional
        assert opened.status_code == (302 if not logged_in else 400 if professional else 403)
        assert client.get(reverse("invitation", args=["geen-geldige-link"])).status_code == 410
        requests = client.get(reverse("destruction-requests"))
        assert requests.status_code == (200 if logged_in else 302), person.name
        for name in ("privacy-log", "privacy-log-export"):
            response = client.get(reverse(name))
            privacy = person.name == "privacy_officer"
            assert response.status_code in ((200,) if privacy else (302, 404)), (person.name, name)


def test_a1_account_pages_answer_everyone_without_errors(world: World) -> None:
    for person in world.people:
        client = _client(person)
        for name in sorted(ACCOUNT_PAGES):
            kwargs = {"uidb64": "MQ", "token": "x-y"} if name == "password-reset-confirm" else {}
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code in (200, 302, 405), (person.name, name)
            _refused_without_content(response.content)


def test_a1_the_admin_holds_no_case_content() -> None:
    """The functional administrator manages accounts and the catalogue in the admin;
    no plan or family model is registered there."""
    from django.contrib import admin

    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & {"plans", "families", "access"}


def test_a1_lists_never_show_plans_a_person_may_not_open(db: None) -> None:
    first = build_cast()
    assert first.plan not in policy.visible_plans(first.outsider)
    assert first.plan not in policy.visible_plans(first.admin)
    assert first.plan in policy.visible_plans(first.parent_user)
