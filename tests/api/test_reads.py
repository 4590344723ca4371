"""Reading plans, goals, actions and evaluations: only what the caller may see, in pages,
filtered by changed_since, each read in the family's access log (A5)."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from regie.access.events import Event
from regie.plans.models import Action, Goal, Revision, ShareKind
from regie.plans.services import goals, sharing
from tests.api.conftest import SECRET
from tests.api.helpers import Api, token_for
from tests.personas import Cast, new_rows_since
from tests.personas import last_log_id as last_id


def _ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_professional_lists_their_plan_with_uuids_only(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    body = api.get(reverse("api-plan-list")).json()
    assert body["count"] == 1
    plan = body["results"][0]
    assert plan["id"] == str(plan_cast.plan.public_id)
    assert plan["coordinator"]["id"] == str(plan_cast.wijkteam_worker.public_id)
    assert "pk" not in plan and isinstance(plan["id"], str)
    detail = api.get(reverse("api-plan-detail", args=[plan_cast.plan.public_id])).json()
    assert detail["step"] == 7 and detail["family"] == "Gezin Jansen"


def test_other_organisations_client_sees_no_plans_and_gets_404(plan_cast: Cast) -> None:
    # Olaf of Zorggroep Elders: a professional of another organisation, not in the plan.
    api = Api(token_for(plan_cast.outsider))
    assert api.get(reverse("api-plan-list")).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }
    for name in ("api-plan-detail", "api-goal-list", "api-action-list", "api-evaluation-list"):
        response = api.get(reverse(name, args=[plan_cast.plan.public_id]))
        assert response.status_code == 404
        assert SECRET.encode() not in response.content


def test_shared_with_sees_only_own_actions_and_their_goals(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.grandmother_user))
    plan_id = plan_cast.plan.public_id
    actions = api.get(reverse("api-action-list", args=[plan_id])).json()["results"]
    own = Action.objects.get(plan=plan_cast.plan, owner=plan_cast.grandmother)
    assert [a["id"] for a in actions] == [str(own.public_id)]
    goal_ids = _ids(api.get(reverse("api-goal-list", args=[plan_id])))
    assert own.goal is not None
    assert goal_ids == [str(own.goal.public_id)]
    hidden = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    response = api.get(reverse("api-goal-detail", args=[plan_id, hidden.public_id]))
    assert response.status_code == 404
    # Filters and pages never widen the set.
    assert len(_ids(api.get(reverse("api-goal-list", args=[plan_id]) + "?page_size=200"))) == 1
    assert (
        api.get(reverse("api-evaluation-list", args=[plan_id])).status_code == 403
    )  # evaluations not shared


def test_shared_actions_widen_what_the_shared_with_sees(plan_cast: Cast) -> None:
    sharing.share_part(
        actor=plan_cast.parent,
        plan=plan_cast.plan,
        member=plan_cast.grandmother,
        kind=ShareKind.ACTIONS,
    )
    api = Api(token_for(plan_cast.grandmother_user))
    actions = _ids(api.get(reverse("api-action-list", args=[plan_cast.plan.public_id])))
    assert len(actions) == Action.objects.filter(plan=plan_cast.plan).count()


def test_evaluation_scores_only_for_goals_the_caller_sees(plan_cast: Cast) -> None:
    """The nested scores are an 'include': a network member with the evaluations shared
    but not the goals sees the scores of the goals of their own actions only."""
    sharing.share_part(
        actor=plan_cast.parent,
        plan=plan_cast.plan,
        member=plan_cast.grandmother,
        kind=ShareKind.EVALUATIONS,
    )
    from regie.plans.models import Evaluation
    from regie.plans.services import evaluation

    held = Evaluation.objects.filter(plan=plan_cast.plan).first()
    assert held is not None
    for goal in Goal.objects.filter(plan=plan_cast.plan):
        evaluation.score_goal(actor=plan_cast.parent, evaluation=held, goal=goal, score=6)
    seen_goal = Action.objects.get(plan=plan_cast.plan, owner=plan_cast.grandmother).goal
    assert seen_goal is not None
    grandmother = Api(token_for(plan_cast.grandmother_user))
    rows = grandmother.get(reverse("api-evaluation-list", args=[plan_cast.plan.public_id]))
    scored = {s["goal"] for e in rows.json()["results"] for s in e["scores"]}
    assert scored == {str(seen_goal.public_id)}
    worker = Api(token_for(plan_cast.wijkteam_user))
    rows = worker.get(reverse("api-evaluation-list", args=[plan_cast.plan.public_id]))
    scored = {s["goal"] for e in rows.json()["results"] for s in e["scores"]}
    assert len(scored) == Goal.objects.filter(plan=plan_cast.plan).count()


def test_pagination(plan_cast: Cast) -> None:
    for number in range(3):
        goals.add_action(
            actor=plan_cast.parent,
            plan=plan_cast.plan,
            description=f"Actie {number}",
            owner=plan_cast.youth16,
        )
    api = Api(token_for(plan_cast.wijkteam_user))
    url = reverse("api-action-list", args=[plan_cast.plan.public_id])
    total = Action.objects.filter(plan=plan_cast.plan).count()
    first = api.get(url + "?page_size=2").json()
    assert first["count"] == total and len(first["results"]) == 2
    assert first["next"] is not None and first["previous"] is None
    seen: list[str] = []
    page = first
    while True:
        seen += [row["id"] for row in page["results"]]
        if page["next"] is None:
            break
        page = api.get(page["next"]).json()
    assert len(seen) == len(set(seen)) == total
    beyond = api.get(url + "?page=99")
    assert beyond.status_code == 404
    assert beyond["Content-Type"] == "application/problem+json"


def test_changed_since_filters_goals_actions_and_plans(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.wijkteam_user))
    plan_id = plan_cast.plan.public_id
    before = timezone.now()
    later = (before + datetime.timedelta(seconds=1)).isoformat()
    assert (
        _ids(api.get(reverse("api-action-list", args=[plan_id]) + f"?changed_since={later}")) == []
    )
    new = goals.add_action(
        actor=plan_cast.parent, plan=plan_cast.plan, description="Nieuw", owner=plan_cast.parent
    )
    since = before.isoformat().replace("+", "%2B")
    assert _ids(
        api.get(reverse("api-action-list", args=[plan_id]) + f"?changed_since={since}")
    ) == [str(new.public_id)]
    # An edited goal counts as changed (its Revision), though it was created earlier.
    goal = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    goals.edit_goal(
        actor=plan_cast.parent,
        goal=goal,
        expected_version=goal.version,
        text=SECRET,
        term="short",
    )
    assert Revision.objects.filter(record_type="plans.Goal", record_id=goal.pk).exists()
    changed = _ids(api.get(reverse("api-goal-list", args=[plan_id]) + f"?changed_since={since}"))
    assert changed == [str(goal.public_id)]
    # Plans: opened or moved a step since.
    assert _ids(api.get(reverse("api-plan-list") + f"?changed_since={since}")) == []
    old = (before - datetime.timedelta(days=1)).isoformat().replace("+", "%2B")
    assert _ids(api.get(reverse("api-plan-list") + f"?changed_since={old}")) == [str(plan_id)]
    bad = api.get(reverse("api-goal-list", args=[plan_id]) + "?changed_since=gisteren")
    assert bad.status_code == 400
    assert "changed_since" in bad.json()["errors"]
    # Found by schemathesis: offsets PostgreSQL does not accept are converted to UTC first.
    odd = api.get(reverse("api-plan-list") + "?changed_since=0267-11-05T00:59:07-22:01")
    assert odd.status_code == 200
    extreme = api.get(reverse("api-plan-list") + "?changed_since=0001-01-01T00:00:00%2B23:59")
    assert extreme.status_code == 400
    naive = api.get(reverse("api-goal-list", args=[plan_id]) + "?changed_since=2025-01-01T10:00")
    assert naive.status_code == 400


def test_every_read_writes_one_log_row(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    plan = plan_cast.plan
    goal = Goal.objects.filter(plan=plan).first()
    assert goal is not None
    cases = [
        (reverse("api-plan-list"), Event.API_SEARCH, "api:plans", False),
        (reverse("api-plan-detail", args=[plan.public_id]), Event.API_READ, "api:plan", True),
        (reverse("api-goal-list", args=[plan.public_id]), Event.API_SEARCH, "api:goals", True),
        (
            reverse("api-goal-detail", args=[plan.public_id, goal.public_id]),
            Event.API_READ,
            "api:goal",
            True,
        ),
        (reverse("api-action-list", args=[plan.public_id]), Event.API_SEARCH, "api:actions", True),
        (
            reverse("api-evaluation-list", args=[plan.public_id]),
            Event.API_SEARCH,
            "api:evaluations",
            True,
        ),
    ]
    for url, event, part, in_plan in cases:
        before = last_id()
        assert api.get(url).status_code == 200
        rows = new_rows_since(before)
        assert [(row.event, row.part) for row in rows] == [(event.code, part)], url
        row = rows[0]
        assert row.user_id == plan_cast.care_provider_user.pk
        assert row.organisation == "Jeugdhulp Horizon"
        if in_plan:
            assert row.plan_id == plan.public_id
            assert row.role == plan_cast.care_provider.role
    before = last_id()
    api.get(reverse("api-schema"))
    assert new_rows_since(before) == []
