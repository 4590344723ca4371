"""The HL7 FHIR R4 bundle (issue 6, docs/fhir.md): it validates with fhir.resources, every
reference resolves inside the bundle, it maps the plan as documented, and each download
is one row in "who looked" (A5)."""

import json
from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.exports import fhir
from regie.plans.models import Participant
from tests.accounts.helpers import client_for
from tests.exports.conftest import GRANDMOTHER_ACTION, PROFESSIONAL_ACTION, Rich
from tests.exports.helpers import references
from tests.personas import Cast, close_out, last_log_id


def _bundle_json(cast: Cast, viewer: Participant) -> dict[str, Any]:
    bundle = fhir.build_bundle(cast.plan, viewer, timezone.localdate())
    data: dict[str, Any] = json.loads(bundle.model_dump_json())
    return data


def _resources(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def _assert_valid_and_closed(data: dict[str, Any]) -> None:
    Bundle.model_validate_json(json.dumps(data))  # parses back with fhir.resources
    full_urls = [entry["fullUrl"] for entry in data["entry"]]
    assert len(full_urls) == len(set(full_urls))
    for entry in data["entry"]:
        assert entry["fullUrl"] == f"urn:uuid:{entry['resource']['id']}"
    dangling = set(references(data["entry"])) - set(full_urls)
    assert not dangling, dangling


def test_fhir_bundle_validates_and_every_reference_resolves(rich: Rich) -> None:
    for viewer in (rich.cast.parent, rich.cast.youth13, rich.cast.wijkteam_worker):
        _assert_valid_and_closed(_bundle_json(rich.cast, viewer))


def test_fhir_bundle_maps_people_team_and_plan(rich: Rich) -> None:
    cast = rich.cast
    data = _bundle_json(cast, cast.parent)
    assert data["type"] == "collection"
    kinds = Counter(entry["resource"]["resourceType"] for entry in data["entry"])
    assert kinds["Patient"] == 3  # Daan, Noa, Lotte
    assert kinds["RelatedPerson"] == 3  # Sanne, Mark, oma Ria
    assert kinds["Practitioner"] == kinds["PractitionerRole"] == 4
    assert kinds["Organization"] == 3
    assert kinds["CareTeam"] == kinds["CarePlan"] == 1
    assert kinds["Goal"] == 3
    index = _resources(data, "Patient")[0]
    assert index["id"] == str(cast.youth13.public_id)  # Noa is the child it is about
    parent = next(
        r for r in _resources(data, "RelatedPerson") if r["id"] == str(cast.parent.public_id)
    )
    assert parent["relationship"][0]["coding"][0]["code"] == "PRN"
    team = _resources(data, "CareTeam")[0]
    coordinator = next(
        p
        for p in team["participant"]
        if p["member"]["reference"].endswith(str(cast.wijkteam_worker.public_id))
    )
    assert {"text": "zorgcoördinator"} in coordinator["role"]
    care_plan = _resources(data, "CarePlan")[0]
    assert (care_plan["status"], care_plan["intent"]) == ("active", "plan")
    assert "verplichte hulp" in care_plan["category"][0]["text"]
    activities = {a["detail"]["description"]: a["detail"] for a in care_plan["activity"]}
    assert activities[GRANDMOTHER_ACTION]["status"] == "in-progress"
    assert (
        activities[GRANDMOTHER_ACTION]["performer"][0]["reference"]
        == f"urn:uuid:{cast.grandmother.public_id}"
    )
    assert (
        activities[GRANDMOTHER_ACTION]["goal"][0]["reference"]
        == f"urn:uuid:{rich.school_goal.public_id}"
    )
    assert activities[PROFESSIONAL_ACTION]["extension"][1]["url"] == fhir.EXT_TAKEOVER_REASON


def test_fhir_goals_carry_priority_status_and_latest_scores(rich: Rich) -> None:
    data = _bundle_json(rich.cast, rich.cast.parent)
    goals = {g["id"]: g for g in _resources(data, "Goal")}
    safety = goals[str(rich.safety_goal.public_id)]
    assert safety["priority"]["coding"][0]["code"] == "high-priority"
    assert (
        goals[str(rich.school_goal.public_id)]["priority"]["coding"][0]["code"] == "medium-priority"
    )
    assert safety["lifecycleStatus"] == "active"
    assert safety["achievementStatus"]["coding"][0]["code"] == "in-progress"
    score = next(e for e in safety["extension"] if e["url"] == fhir.EXT_LATEST_SCORE)
    parts = {part["url"]: part for part in score["extension"]}
    assert parts["parents"]["valueDecimal"] == 8
    assert parts["child"]["valueDecimal"] == 4
    assert parts["professionals"]["valueDecimal"] == 6
    assert parts["divergent"]["valueBoolean"] is True
    provenance_targets = {p["target"][0]["reference"] for p in _resources(data, "Provenance")}
    for goal_id in goals:
        assert f"urn:uuid:{goal_id}" in provenance_targets  # who wrote each goal


def test_fhir_closed_plan_is_completed_and_goals_achieved(cast: Cast) -> None:
    close_out(cast)
    data = _bundle_json(cast, cast.parent)
    _assert_valid_and_closed(data)
    assert _resources(data, "CarePlan")[0]["status"] == "completed"
    for goal in _resources(data, "Goal"):
        assert goal["lifecycleStatus"] == "completed"
        assert goal["achievementStatus"]["coding"][0]["code"] == "achieved"


def test_a5_fhir_export_is_logged(rich: Rich) -> None:
    cast = rich.cast
    client = client_for(cast.wijkteam_user)
    before = last_log_id()
    response = client.get(reverse("plan-export-fhir", args=[cast.plan.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    _assert_valid_and_closed(json.loads(response.content))
    rows = list(AccessLogEntry.objects.filter(id__gt=before))
    assert [(r.event, r.action, r.role) for r in rows] == [
        (Event.PLAN_EXPORTED_FHIR.code, "export", "referrer")
    ]


def test_a3_shared_with_gets_403_for_fhir_and_it_is_logged(rich: Rich) -> None:
    cast = rich.cast
    client = client_for(cast.grandmother_user)
    before = last_log_id()
    response = client.get(reverse("plan-export-fhir", args=[cast.plan.public_id]))
    assert response.status_code == 403
    assert GRANDMOTHER_ACTION.encode() not in response.content
    rows = list(AccessLogEntry.objects.filter(id__gt=before))
    assert [(r.event, r.outcome) for r in rows] == [(Event.PLAN_ACCESS_REFUSED.code, "refused")]


def test_fhir_export_of_a_plan_without_a_child_says_what_to_do_first(db: None) -> None:
    from django.test import Client
    from django.urls import reverse

    from regie.accounts.models import Organisation, OrganisationKind, User
    from regie.catalog.services import load_domain_sets
    from regie.plans.services import plans as plan_services
    from tests.accounts.helpers import login_verified

    load_domain_sets()
    team = Organisation.objects.create(
        name="Wijkteam Zuid", kind=OrganisationKind.NEIGHBOURHOOD_TEAM
    )
    worker = User.objects.create(username="zuid", organisation=team)
    plan = plan_services.open_plan(by=worker, family_name="Gezin Zonder Kind")
    client = Client()
    login_verified(client, worker)
    response = client.get(reverse("plan-export-fhir", args=[plan.public_id]))
    assert response.status_code == 409
    assert "Leg eerst het kind vast" in response.content.decode()
