"""Queries per page (issue 13), for a small plan and a large one, in this process through
Django's test client: what each request costs the database, whatever the machine."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from regie.accounts.models import User
from regie.bench.targets import api_token, confirmed_device
from regie.plans.models import Participant, Plan, Role


@dataclass(frozen=True)
class PageCost:
    page: str
    plan: str  # "klein" or "groot", or "" for a page of no plan
    status: int
    queries: int
    kib: float


def client_for(user: User) -> Client:
    """Signed in and, where Regie asks it (A6), past the second factor."""
    host = next((name for name in settings.ALLOWED_HOSTS if "*" not in name), "localhost")
    client = Client(SERVER_NAME=host)
    client.force_login(user)
    if user.needs_two_factor:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
        session.save()
    return client


def _cost(client: Client, page: str, label: str, url: str, **headers: str) -> PageCost:
    client.get(url, headers=headers)  # warm: first-request work is not the page's
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return PageCost(page, label, response.status_code, len(queries), len(response.content) / 1024)


def plan_costs(plan: Plan, label: str) -> list[PageCost]:
    """The plan's pages as its coordinator and its first parent with a login."""
    coordinator = plan.coordinator.user if plan.coordinator is not None else None
    parent = (
        Participant.objects.filter(plan=plan, role=Role.PARENT, user__isnull=False)
        .select_related("user")
        .first()
    )
    if coordinator is None or parent is None or parent.user is None:
        return []
    professional, family = client_for(coordinator), client_for(parent.user)
    token = api_token(coordinator)
    plan_id = plan.public_id
    with override_settings(REGIE_BENCH_FLOOR=True):
        floor = _cost(Client(), "vloer", label, reverse("bench-floor", args=[plan_id]))
    return [
        floor,
        _cost(professional, "overzicht, hulpverlener", label, reverse("plan", args=[plan_id])),
        _cost(family, "overzicht, ouder", label, reverse("plan", args=[plan_id])),
        _cost(professional, "stap 3", label, reverse("plan-step", args=[plan_id, 3])),
        _cost(professional, "stap 7", label, reverse("plan-step", args=[plan_id, 7])),
        _cost(
            Client(),
            "API: plan lezen",
            label,
            reverse("api-plan-detail", args=[plan_id]),
            authorization=f"Bearer {token}",
        ),
    ]


def page_costs(small: Plan, large: Plan, busiest: User) -> list[PageCost]:
    caseload = _cost(client_for(busiest), "caseload van 500", "", reverse("home"))
    return [*plan_costs(small, "klein"), *plan_costs(large, "groot"), caseload]


def cost_table(costs: list[PageCost], entries: dict[str, int]) -> str:
    lines = ["| pagina | plan | status | queries | KiB |", "|---|---|---:|---:|---:|"]
    for cost in costs:
        plan = f"{cost.plan} ({entries[cost.plan]} aantekeningen)" if cost.plan else ""
        lines.append(f"| {cost.page} | {plan} | {cost.status} | {cost.queries} | {cost.kib:.0f} |")
    return "\n".join(lines)
