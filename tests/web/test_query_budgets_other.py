"""Issue 13: the pages outside a plan read in a fixed number of queries too, the same for
someone with one plan and a few rows as for a professional with a large caseload (60
plans), many notifications, destruction requests, account changes and a long access log.
Like tests/web/test_query_budgets.py, each budget counts what every request pays (the
session, the user, a professional's second factor, the header's unread notifications)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.access import checkpoints
from regie.access.log import seal_everything
from regie.accounts import changes
from regie.accounts.models import User
from regie.notifications.models import Notification, NotificationKind
from regie.plans.models import DestructionRequest, Framework, Role
from regie.plans.services import plans as plan_services
from tests.accounts.conftest import make_functional_admin
from tests.accounts.helpers import client_for
from tests.personas import Cast, build_cast

# The most queries one answer may take, with few rows and with many alike.
BUDGETS: dict[str, int] = {
    "home, professional": 8,
    "home, family": 5,
    "notifications": 6,
    "destruction requests": 7,
    "plan open, rejected": 8,
    "plan open": 14,
    "two-factor": 6,
    "password change": 4,
    "account changes": 9,
    "wie keek, long log": 7,
    "privacy log": 4,
    "privacy log checkpoint": 4,
}

LARGE_CASELOAD = 60  # plans of the coordinator
LARGE_ROWS = 30  # notifications, destruction requests, reads of the plan


@dataclass(frozen=True)
class World:
    cast: Cast
    admin: User
    size: str


def _enlarge(cast: Cast) -> None:
    """Years of work: a large caseload, requests to destroy plans, notifications, and a
    family's plan read many times."""
    worker = cast.wijkteam_user
    opened = [
        plan_services.open_plan(by=worker, family_name=f"Gezin {number:02d}")
        for number in range(LARGE_CASELOAD)
    ]
    # Bulk rows: the opener stands in for the family who asked; the page shows the name.
    DestructionRequest.objects.bulk_create(
        DestructionRequest(
            plan=plan, created_by=plan.coordinator, reason="Het gezin wil het niet bewaren."
        )
        for plan in opened[:LARGE_ROWS]
    )
    for user in (cast.wijkteam_user, cast.parent_user):
        Notification.objects.bulk_create(
            Notification(
                user=user, kind=NotificationKind.EVALUATION_DUE, plan=cast.plan, text=f"Melding {n}"
            )
            for n in range(LARGE_ROWS)
        )
    reader = client_for(cast.wijkteam_user)
    for _ in range(LARGE_ROWS):
        reader.get(reverse("plan", args=[cast.plan.public_id]))


@pytest.fixture(params=["small", "large"])
def world(request: pytest.FixtureRequest, db: None) -> World:
    cast = build_cast()
    admin = make_functional_admin()
    professionals = [cast.wijkteam_user, cast.care_provider_user, cast.behavioural_scientist_user]
    for number, user in enumerate(professionals[: 1 if request.param == "small" else None]):
        changes.request_email_change(admin=admin, user=user, new_email=f"nieuw{number}@example.org")
    DestructionRequest.objects.create(
        plan=cast.plan, created_by=cast.parent, reason="Wij willen niet dat het bewaard blijft."
    )
    if request.param == "large":
        _enlarge(cast)
    return World(cast, admin, request.param)


Answer = Callable[[Client], int]


def _get(url: str) -> Answer:
    return lambda client: client.get(url).status_code


def _post(url: str, data: dict[str, str]) -> Answer:
    return lambda client: client.post(url, data).status_code


def _pages(world: World) -> list[tuple[str, User, Answer, int]]:
    """Each page: who opens it, how, and the status that person gets."""
    cast = world.cast
    home, open_plan = reverse("home"), reverse("plan-open")
    opened = {"family_name": "Gezin Nieuw", "role": Role.REFERRER, "framework": Framework.VOLUNTARY}
    professional, parent = cast.wijkteam_user, cast.parent_user
    return [
        ("home, professional", professional, _get(home), 200),
        ("home, professional", cast.care_provider_user, _get(home), 200),
        ("home, family", parent, _get(home), 200),
        ("notifications", professional, _get(reverse("notifications")), 200),
        ("notifications", parent, _get(reverse("notifications")), 200),
        ("destruction requests", professional, _get(reverse("destruction-requests")), 200),
        ("plan open, rejected", professional, _post(open_plan, {**opened, "family_name": ""}), 400),
        ("plan open", professional, _post(open_plan, opened), 302),
        ("two-factor", professional, _get(reverse("two-factor")), 200),
        ("two-factor", parent, _get(reverse("two-factor")), 200),
        ("password change", professional, _get(reverse("password-change")), 200),
        ("password change", parent, _get(reverse("password-change")), 200),
        (
            "account changes",
            world.admin,
            _get(reverse("admin:accounts_accountchange_changelist")),
            200,
        ),
        (
            "wie keek, long log",
            parent,
            _get(reverse("plan-access-log", args=[cast.plan.public_id])),
            200,
        ),
        ("privacy log", cast.privacy_officer, _get(reverse("privacy-log")), 200),
        (
            "privacy log checkpoint",
            cast.privacy_officer,
            _get(reverse("privacy-log-checkpoint")),
            404 if world.size == "small" else 200,
        ),
    ]


def test_issue13_every_other_page_stays_within_its_query_budget(world: World) -> None:
    """A1, A5, A6, A8: the home page and caseload, notifications, destruction requests,
    opening a plan, the account pages, the administrator's account changes, "wie keek"
    and the privacy officer's log, each in a fixed number of queries however much data
    lies behind it (the large world has a signed checkpoint to download)."""
    if world.size == "large":
        seal_everything()
        checkpoints.write_latest()
    counts: dict[tuple[str, str], int] = {}
    for name, user, answer, status in _pages(world):
        client = client_for(user)
        client.get(reverse("notifications"))  # what Django caches per process
        with CaptureQueriesContext(connection) as queries:
            assert answer(client) == status, name
        counts[name, user.username] = len(queries)
    over = {page: count for page, count in counts.items() if count > BUDGETS[page[0]]}
    assert not over, counts
