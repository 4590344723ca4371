"""What the benchmark asks for and as whom: the pages, the people, their sessions and the
API token, picked from the seeded families (regie.demo.scale)."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.test.utils import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.models import User
from regie.accounts.signals import LOGIN_AT_SESSION_KEY, TWO_FACTOR_SESSION_KEY
from regie.api.services import issue_client
from regie.demo.scale import BUSIEST_USERNAME
from regie.plans.models import Entry, Participant, Plan, Role, Step

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The plan with 1,000 entries against one with about ten, same step, same professional.
LARGE_PLAN = "overzicht, 1.000 aantekeningen"
SMALL_PLAN = "overzicht, ~10 aantekeningen"


class NoTargets(Exception):
    """The database holds no seeded families to measure."""


@dataclass(frozen=True)
class People:
    """A typical plan in step 7 with its coordinator and a parent, the plan with the most
    entries, a plan with few in the same step (both coordinated by the busiest), and the
    professional with 500 plans."""

    plan: Plan
    professional: User
    parent: User
    large_plan: Plan
    small_plan: Plan
    busiest: User


@dataclass(frozen=True)
class Target:
    """One page under load: its name in the table, its path and the headers to send."""

    name: str
    path: str
    headers: tuple[str, ...] = ()


def find_people() -> People:
    busiest = User.objects.filter(username=BUSIEST_USERNAME).first()
    in_step_7 = Plan.objects.filter(step=Step.EXECUTING).select_related("coordinator__user")
    # A plan of an ordinary caseload; with under 500 families the busiest has them all.
    plan = (
        in_step_7.exclude(coordinator__user=busiest).order_by("id").first()
        or in_step_7.order_by("id").first()
    )
    if busiest is None or plan is None or plan.coordinator is None:
        raise NoTargets("Geen gezinnen om te meten: draai eerst seed_scale.")
    parent = Participant.objects.filter(plan=plan, role=Role.PARENT, user__isnull=False).first()
    largest = Entry.objects.values("plan").annotate(count=Count("id")).order_by("-count").first()
    if parent is None or parent.user is None or plan.coordinator.user is None or not largest:
        raise NoTargets("Het plan in stap 7 heeft geen ouder met een account.")
    large_plan = Plan.objects.get(pk=largest["plan"])
    return People(
        plan=plan,
        professional=plan.coordinator.user,
        parent=parent.user,
        large_plan=large_plan,
        small_plan=_small_beside(large_plan, busiest) or plan,
        busiest=busiest,
    )


def _small_beside(large_plan: Plan, busiest: User) -> Plan | None:
    """Another plan of the busiest in the large plan's step: the same page with ~10 entries,
    to compare the large plan with (issue 13: 1,000 entries as fast as 10)."""
    theirs = Plan.objects.filter(coordinator__user=busiest).exclude(pk=large_plan.pk)
    return (
        theirs.filter(step=large_plan.step).order_by("id").first() or theirs.order_by("id").first()
    )


def session_cookie(user: User, secret_key: str) -> str:
    """A `Cookie:` value for a signed-in session of `user`, made straight in the session
    table as login would leave it: past the second factor for a professional (A6). Made
    under the server's SECRET_KEY, which signs the session hash."""
    with override_settings(SECRET_KEY=secret_key):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = MODEL_BACKEND
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[LOGIN_AT_SESSION_KEY] = int(time.time())
        store[TWO_FACTOR_SESSION_KEY] = user.needs_two_factor
        if user.needs_two_factor:
            store[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
        store.create()
    return f"{production_cookie_name()}={store.session_key}"


def production_cookie_name() -> str:
    """The server runs with production settings, whose session cookie is `__Host-`."""
    name = settings.SESSION_COOKIE_NAME
    return name if name.startswith("__Host-") else f"__Host-{name}"


def confirmed_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)


def api_token(user: User) -> str:
    """A fresh API client of the professional's organisation, acting for them."""
    if user.organisation is None:
        raise NoTargets(f"{user.username} werkt niet bij een organisatie.")
    _client, token = issue_client(
        organisation=user.organisation, acting_user=user, name="benchmark"
    )
    return token


def targets(people: People, secret_key: str) -> list[Target]:
    """The floor first: every other page is a ratio to it."""
    plan_id = people.plan.public_id
    professional = ("Cookie: " + session_cookie(people.professional, secret_key),)
    parent = ("Cookie: " + session_cookie(people.parent, secret_key),)
    busiest = ("Cookie: " + session_cookie(people.busiest, secret_key),)
    token = (f"Authorization: Bearer {api_token(people.professional)}",)
    return [
        Target("vloer (kale pagina)", reverse("bench-floor", args=[plan_id])),
        Target("overzicht, hulpverlener", reverse("plan", args=[plan_id]), professional),
        Target("overzicht, ouder", reverse("plan", args=[plan_id]), parent),
        Target("stap 3", reverse("plan-step", args=[plan_id, 3]), professional),
        Target("stap 7", reverse("plan-step", args=[plan_id, 7]), professional),
        Target(SMALL_PLAN, reverse("plan", args=[people.small_plan.public_id]), busiest),
        Target(LARGE_PLAN, reverse("plan", args=[people.large_plan.public_id]), busiest),
        Target("caseload van 500", reverse("home"), busiest),
        Target("API: plan lezen", reverse("api-plan-detail", args=[plan_id]), token),
    ]
