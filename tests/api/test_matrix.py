"""Every API endpoint for every role (A1–A4, A3b, A7): people in the plan, the network with
and without the family's share, an ended and a pending professional, another organisation's
client, staff, and no token at all, against the table written out in tests/api/matrix.py.
Refused answers carry no case content, and an outsider's 404 is the 404 of a plan that does
not exist."""

import datetime
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, reverse
from django.utils import timezone

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.families.models import Gender, PersonKind
from regie.plans.models import Goal, Role, ShareKind
from regie.plans.services import sharing, team
from tests.access.test_authorization_matrix import Table, assert_statuses
from tests.api.conftest import SECRET
from tests.api.helpers import Api, token_for
from tests.api.matrix import ANONYMOUS, CLASSIFIED, EXPECTED, IN_PLAN, OUTSIDE
from tests.personas import Cast, add_approved_professional, make_user

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")


@dataclass
class Caller:
    name: str
    stands: str
    token: str | None


def _callers(cast: Cast) -> list[Caller]:
    plan = cast.plan
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
    pending = make_user("wacht", "Wim", "Wacht", organisation=cast.other_org)
    team.add_professional(
        actor=cast.wijkteam_worker, plan=plan, user=pending, role=Role.CARE_PROFESSIONAL
    )
    neighbour_user = make_user("buur", "Bea", "Buur")
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
    sharing.share_part(actor=cast.parent, plan=plan, member=neighbour, kind=ShareKind.EVALUATIONS)
    assert ended.user is not None
    return [
        Caller("parent", IN_PLAN, token_for(cast.parent_user)),
        Caller("youth13", IN_PLAN, token_for(cast.youth13_user)),
        Caller("youth16", IN_PLAN, token_for(cast.youth16_user)),
        Caller("network_without_share", IN_PLAN, token_for(cast.grandmother_user)),
        Caller("network_with_share", IN_PLAN, token_for(neighbour_user)),
        Caller("referrer", IN_PLAN, token_for(cast.wijkteam_user)),
        Caller("care_provider", IN_PLAN, token_for(cast.care_provider_user)),
        Caller("behavioural_scientist", IN_PLAN, token_for(cast.behavioural_scientist_user)),
        Caller("ended_professional", OUTSIDE, token_for(ended.user)),
        Caller("pending_professional", OUTSIDE, token_for(pending)),
        Caller("other_organisation", OUTSIDE, token_for(cast.outsider)),
        Caller("child_protection_not_in_plan", OUTSIDE, token_for(cast.child_protection_user)),
        Caller("functional_admin", OUTSIDE, token_for(cast.admin)),
        Caller("anonymous", ANONYMOUS, None),
    ]


def _requests(cast: Cast, plan_id: uuid.UUID) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(url name, method, url, body) for every endpoint; the goal is one every caller in
    the plan sees (its action belongs to the grandmother)."""
    goal = Goal.objects.get(plan=cast.plan, actions__owner=cast.grandmother)
    args = [plan_id]
    return [
        ("api-schema", "get", reverse("api-schema"), {}),
        ("api-plan-list", "get", reverse("api-plan-list"), {}),
        ("api-plan-detail", "get", reverse("api-plan-detail", args=args), {}),
        ("api-goal-list", "get", reverse("api-goal-list", args=args), {}),
        ("api-goal-detail", "get", reverse("api-goal-detail", args=[*args, goal.public_id]), {}),
        (
            "api-goal-detail",
            "patch",
            reverse("api-goal-detail", args=[*args, goal.public_id]),
            {"life_wish": "Rust in huis."},
        ),
        ("api-action-list", "get", reverse("api-action-list", args=args), {}),
        (
            "api-action-list",
            "post",
            reverse("api-action-list", args=args),
            {"description": "Sanne belt school.", "owner": str(cast.parent.public_id)},
        ),
        ("api-evaluation-list", "get", reverse("api-evaluation-list", args=args), {}),
        (
            "api-entry-create",
            "post",
            reverse("api-entry-create", args=args),
            {"kind": "observation", "body": "Noa was op tijd op school."},
        ),
        ("api-figures", "get", reverse("api-figures"), {}),
    ]


def _send(api: Api, method: str, url: str, body: dict[str, Any], goal: Goal | None) -> Any:
    if method == "get":
        return api.get(url)
    if method == "patch":
        version = Goal.objects.get(pk=goal.pk).version if goal else 1
        return api.patch(url, body, **{"If-Match": f'"{version}"'})
    return api.post(url, body)


def _without_instance(content: bytes) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(content)
    body.pop("instance", None)
    return body


def test_every_api_url_is_classified_and_walked(plan_cast: Cast) -> None:
    from regie.api.urls import v1

    names = {pattern.name for pattern in v1 if isinstance(pattern, URLPattern)}
    assert names == CLASSIFIED
    requests = _requests(plan_cast, plan_cast.plan.public_id)
    assert {name for name, *_ in requests} == CLASSIFIED
    assert [f"{name} {method}" for name, method, *_ in requests] == list(EXPECTED)


def test_a1_every_endpoint_for_every_role(plan_cast: Cast) -> None:
    """EXPECTED in tests/api/matrix.py (A1, A3, A3b, A7, R2, R8, R12)."""
    cast = plan_cast
    plan_id = cast.plan.public_id
    goal = Goal.objects.get(plan=cast.plan, actions__owner=cast.grandmother)
    seen: Table = {}
    for caller in _callers(cast):
        api = Api(caller.token)
        for name, method, url, body in _requests(cast, plan_id):
            response = _send(api, method, url, body, goal)
            seen.setdefault(f"{name} {method}", {})[caller.name] = response.status_code
            if response.status_code >= 400:
                assert response["Content-Type"] == "application/problem+json"
                assert SECRET.encode() not in response.content
                assert b"Gezin Jansen" not in response.content
            if caller.stands == OUTSIDE and name == "api-plan-list":
                assert response.json()["count"] == 0, caller.name
            if caller.stands == IN_PLAN and name == "api-plan-list":
                assert [p["id"] for p in response.json()["results"]] == [str(plan_id)]
    assert_statuses(EXPECTED, seen)


def test_a1_outsiders_404_is_the_404_of_a_missing_plan(plan_cast: Cast) -> None:
    cast = plan_cast
    goal = Goal.objects.get(plan=cast.plan, actions__owner=cast.grandmother)
    for user in (cast.outsider, cast.child_protection_user):
        api = Api(token_for(user))
        for name in ("api-plan-detail", "api-goal-list", "api-action-list", "api-evaluation-list"):
            real = api.get(reverse(name, args=[cast.plan.public_id]))
            missing = api.get(reverse(name, args=[MISSING]))
            assert real.status_code == missing.status_code == 404
            assert _without_instance(real.content) == _without_instance(missing.content)
        real = api.get(reverse("api-goal-detail", args=[cast.plan.public_id, goal.public_id]))
        missing = api.get(reverse("api-goal-detail", args=[MISSING, goal.public_id]))
        assert _without_instance(real.content) == _without_instance(missing.content)
        post = api.post(reverse("api-entry-create", args=[cast.plan.public_id]), {})
        assert post.status_code == 404


def test_a5_an_outsiders_attempt_is_in_the_familys_log(plan_cast: Cast) -> None:
    """A5: the family's log has the attempt as an outsider's refusal (shown without a
    name); the row itself keeps who it was, for the privacy officer."""
    api = Api(token_for(plan_cast.outsider))
    api.get(reverse("api-plan-detail", args=[plan_cast.plan.public_id]))
    row = AccessLogEntry.objects.order_by("-id").first()
    assert row is not None
    assert (row.event, row.outcome) == (Event.OUTSIDER_REFUSED.code, "refused")
    assert row.plan_id == plan_cast.plan.public_id
    assert row.user_id == plan_cast.outsider.pk


def test_revoked_or_unknown_tokens_get_401(plan_cast: Cast) -> None:
    from regie.api.models import ApiClient
    from regie.api.services import revoke_client

    token = token_for(plan_cast.wijkteam_user)
    url = reverse("api-plan-list")
    assert Api(token).get(url).status_code == 200
    revoke_client(ApiClient.objects.get(acting_user=plan_cast.wijkteam_user))
    refused = Api(token).get(url)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert Api("regie_niet-bestaand").get(url).status_code == 401
    inactive: User = plan_cast.care_provider_user
    other = token_for(inactive)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    assert Api(other).get(url).status_code == 401
