"""Writing through the API goes through the same services: entries, actions, and goal
edits guarded by ETag / If-Match. Errors are RFC 9457 problem details in Dutch or English."""

from django.urls import reverse

from regie.access.events import Event
from regie.plans.models import Action, Entry, Goal
from regie.plans.services import goals
from tests.api.conftest import SECRET
from tests.api.helpers import Api, token_for
from tests.personas import Cast, last_log_id, new_rows_since

PROBLEM = "application/problem+json"


def _goal_url(cast: Cast, goal: Goal) -> str:
    return reverse("api-goal-detail", args=[cast.plan.public_id, goal.public_id])


def test_goal_etag_and_if_match(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    goal = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    read = api.get(_goal_url(plan_cast, goal))
    etag = read["ETag"]
    assert etag == f'"{goal.version}"'
    before = last_log_id()
    edited = api.patch(_goal_url(plan_cast, goal), {"text": "Rust in huis."}, **{"If-Match": etag})
    assert edited.status_code == 200, edited.content
    assert edited.json()["text"] == "Rust in huis."
    assert edited["ETag"] == f'"{goal.version + 1}"'
    assert [row.event for row in new_rows_since(before)] == [Event.GOAL_EDITED.code]
    # The same ETag again is stale: someone (we) saved in between.
    stale = api.patch(_goal_url(plan_cast, goal), {"text": "Anders."}, **{"If-Match": etag})
    assert stale.status_code == 412
    assert stale["Content-Type"] == PROBLEM
    goal.refresh_from_db()
    assert goal.text == "Rust in huis."
    weak = api.patch(
        _goal_url(plan_cast, goal),
        {"life_wish": "Samen eten."},
        **{"If-Match": f'W/"{goal.version}"'},
    )
    assert weak.status_code == 200


def test_missing_if_match_is_428(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    goal = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    response = api.patch(_goal_url(plan_cast, goal), {"text": "Zonder versie."})
    assert response.status_code == 428
    body = response.json()
    assert body["status"] == 428 and body["title"] == "Versie ontbreekt"
    assert body["type"].startswith("https://")
    assert body["instance"] == _goal_url(plan_cast, goal)
    garbage = api.patch(_goal_url(plan_cast, goal), {"text": "x"}, **{"If-Match": "abc"})
    assert garbage.status_code == 412


def test_rule_violation_is_422_with_rule_id_in_dutch(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    goal = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    response = api.patch(
        _goal_url(plan_cast, goal), {"text": "   "}, **{"If-Match": f'"{goal.version}"'}
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["rule"] == "R8" and body["field"] == "text"
    assert body["detail"] == "Schrijf het doel op, in de woorden van het gezin."
    assert body["title"] == "Regel niet gevolgd"


def test_problem_details_in_english_on_request(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user), language="en")
    goal = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    missing = api.patch(_goal_url(plan_cast, goal), {"text": "x"})
    assert missing.json()["title"] == "Precondition required"
    assert "If-Match" in missing.json()["detail"]
    assert missing["Content-Language"] == "en"
    rule = api.patch(_goal_url(plan_cast, goal), {"text": " "}, **{"If-Match": f'"{goal.version}"'})
    assert rule.json()["title"] == "Rule not met"
    assert rule.json()["rule"] == "R8"  # the domain message itself stays Dutch
    not_found = api.get(reverse("api-plan-detail", args=["00000000-0000-4000-8000-000000000000"]))
    assert not_found.json()["title"] == "Not found"
    assert not_found.json()["detail"] == "Not found."
    unauthenticated = Api(None, language="en").get(reverse("api-plan-list"))
    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["title"] == "Not authenticated"
    dutch = Api(None).get(reverse("api-plan-list")).json()
    assert dutch["title"] == "Niet aangemeld"


def test_professional_writes_an_entry_through_the_service(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    url = reverse("api-entry-create", args=[plan_cast.plan.public_id])
    before = last_log_id()
    response = api.post(
        url,
        {
            "kind": "observation",
            "body": "Noa lacht weer.",
            "about": str(plan_cast.youth13.public_id),
        },
    )
    assert response.status_code == 201, response.content
    entry = Entry.objects.get(public_id=response.json()["id"])
    assert entry.created_by == plan_cast.care_provider and entry.about == plan_cast.youth13
    rows = new_rows_since(before)
    assert [row.event for row in rows] == [Event.ENTRY_WRITTEN.code]
    assert rows[0].user_id == plan_cast.care_provider_user.pk
    empty = api.post(url, {"kind": "observation", "body": " "})
    assert empty.status_code == 422 and empty.json()["rule"] == "R2"
    invalid = api.post(url, {"kind": "gerucht", "body": "x"})
    assert invalid.status_code == 400 and "kind" in invalid.json()["errors"]
    stranger = api.post(
        url, {"kind": "observation", "body": "x", "about": "00000000-0000-4000-8000-000000000000"}
    )
    assert stranger.status_code == 422 and stranger.json()["field"] == "about"


def test_family_may_not_write_entries_403(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.parent_user))
    url = reverse("api-entry-create", args=[plan_cast.plan.public_id])
    before = last_log_id()
    response = api.post(url, {"kind": "observation", "body": "x"})
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Dit kan iemand met de rol")
    assert new_rows_since(before) == []


def test_action_through_the_service_with_r12(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    url = reverse("api-action-list", args=[plan_cast.plan.public_id])
    goal = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    taken_over = api.post(
        url, {"description": "Ik bel school.", "owner": str(plan_cast.care_provider.public_id)}
    )
    assert taken_over.status_code == 422 and taken_over.json()["rule"] == "R12"
    created = api.post(
        url,
        {
            "description": "Sanne belt school.",
            "owner": str(plan_cast.parent.public_id),
            "goal": str(goal.public_id),
            "due_on": "2031-01-31",
        },
    )
    assert created.status_code == 201, created.content
    action = Action.objects.get(public_id=created.json()["id"])
    assert action.owner == plan_cast.parent and action.goal == goal
    assert created.json()["owner"]["id"] == str(plan_cast.parent.public_id)


def test_shared_with_cannot_edit_goals_or_add_actions(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.grandmother_user))
    own_goal = Action.objects.get(plan=plan_cast.plan, owner=plan_cast.grandmother).goal
    assert own_goal is not None
    edit = api.patch(
        _goal_url(plan_cast, own_goal), {"text": "x"}, **{"If-Match": f'"{own_goal.version}"'}
    )
    assert edit.status_code == 403
    hidden = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    assert (
        api.patch(_goal_url(plan_cast, hidden), {"text": "x"}, **{"If-Match": '"1"'}).status_code
        == 404
    )
    action = api.post(
        reverse("api-action-list", args=[plan_cast.plan.public_id]),
        {"description": "x", "owner": str(plan_cast.grandmother.public_id)},
    )
    assert action.status_code == 403


def test_a_goal_edited_elsewhere_gives_412(plan_cast: Cast) -> None:
    api = Api(token_for(plan_cast.care_provider_user))
    goal = Goal.objects.get(plan=plan_cast.plan, text=SECRET)
    etag = api.get(_goal_url(plan_cast, goal))["ETag"]
    goals.edit_goal(
        actor=plan_cast.parent,
        goal=goal,
        expected_version=goal.version,
        text="Van Sanne",
        term="long",
    )
    response = api.patch(_goal_url(plan_cast, goal), {"text": "Van Joost"}, **{"If-Match": etag})
    assert response.status_code == 412
    goal.refresh_from_db()
    assert goal.text == "Van Sanne"
