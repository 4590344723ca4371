"""The plan as an HL7 FHIR R4 bundle (issue 6), built with `fhir.resources` (R4B models,
which carry the R4 resources used here unchanged). The mapping is documented in
docs/fhir.md. Every resource's id is a public id from Regie, and every reference is an
`urn:uuid:` reference to an entry in the same bundle."""

import datetime
import uuid
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle

from regie.access import policy
from regie.exports.document import latest_scores, plan_actions, scored_evaluations
from regie.families.models import Person
from regie.plans import scores, selectors
from regie.plans.models import (
    Action,
    Evaluation,
    Goal,
    GoalScore,
    Participant,
    Plan,
    Step,
)

EXTENSION_BASE = "https://regie.example.nl/fhir/StructureDefinition"
EXT_LATEST_SCORE = f"{EXTENSION_BASE}/goal-latest-score"
EXT_GOAL_ORDER = f"{EXTENSION_BASE}/goal-order"
EXT_SAFETY_GOAL = f"{EXTENSION_BASE}/goal-safety"
EXT_ACTION_ID = f"{EXTENSION_BASE}/action-id"
EXT_TAKEOVER_REASON = f"{EXTENSION_BASE}/action-takeover-reason"
EXT_LEGAL_MEASURE = f"{EXTENSION_BASE}/careplan-legal-measure"
IDENTIFIER_SYSTEM = "https://regie.example.nl/id"
GOAL_PRIORITY = "http://terminology.hl7.org/CodeSystem/goal-priority"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"

LIFECYCLE = {"active": "active", "reached": "completed", "stopped": "cancelled"}
ACHIEVEMENT = {
    "active": ("in-progress", "In Progress"),
    "reached": ("achieved", "Achieved"),
    "stopped": ("not-achieved", "Not Achieved"),
}
ACTIVITY_STATUS = {"open": "in-progress", "done": "completed", "cancelled": "cancelled"}
GENDER = {"female": "female", "male": "male", "other": "unknown"}
SCORE_GROUPS = ("child", "parents", "professionals")


def urn(public_id: uuid.UUID) -> str:
    return f"urn:uuid:{public_id}"


def ref(public_id: uuid.UUID, display: str = "") -> dict[str, str]:
    reference = {"reference": urn(public_id)}
    if display:
        reference["display"] = display
    return reference


def _instant(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).isoformat()


def _priority(order: int) -> dict[str, Any]:
    """The family's order as FHIR's three levels: the first goal high, the next two
    medium, the rest low. The exact order travels in the goal-order extension."""
    code, display = (
        ("high-priority", "High Priority")
        if order == 1
        else ("medium-priority", "Medium Priority")
        if order <= 3
        else ("low-priority", "Low Priority")
    )
    return {"coding": [{"system": GOAL_PRIORITY, "code": code, "display": display}]}


def _person(member: Participant) -> Person:
    if member.person is None:
        raise ValueError("A family or network member in a plan is a person.")
    return member.person


class _Builder:
    """Collects the entries; `resource_for` maps a participant to its resource."""

    def __init__(self, plan: Plan, viewer: Participant, today: datetime.date) -> None:
        self.plan = plan
        self.viewer = viewer
        self.today = today
        self.entries: list[dict[str, Any]] = []
        self.participant_refs: dict[int, dict[str, str]] = {}
        self.seen_ids: set[uuid.UUID] = set()

    def add(self, public_id: uuid.UUID, resource: dict[str, Any]) -> None:
        if public_id in self.seen_ids:
            return
        self.seen_ids.add(public_id)
        resource["id"] = str(public_id)
        self.entries.append({"fullUrl": urn(public_id), "resource": resource})

    # ---- People -----------------------------------------------------------------------

    def people(self, members: list[Participant]) -> uuid.UUID:
        children = [m for m in members if m.is_child and m.person is not None]
        index = next((m for m in children if m.person and m.person.is_index_child), None)
        index = index or (children[0] if children else None)
        if index is None:
            raise NoSubject(_("Leg eerst het kind vast: een FHIR-dossier gaat over een kind."))
        self.index_id = index.public_id
        for child in [index, *[c for c in children if c is not index]]:
            self.patient(child)
        for member in members:
            if (member.is_parent or member.is_network) and member.person is not None:
                self.related_person(member)
            elif member.is_professional and member.approved_at is not None:
                self.practitioner_role(member)
        return self.index_id

    def _human_name(self, member: Participant) -> list[dict[str, Any]]:
        person = _person(member)
        name: dict[str, Any] = {"text": person.full_name, "given": [person.first_name]}
        if person.last_name:
            name["family"] = person.last_name
        return [name]

    def _identifier(self, public_id: uuid.UUID) -> list[dict[str, str]]:
        return [{"system": IDENTIFIER_SYSTEM, "value": str(public_id)}]

    def _person_resource(
        self, member: Participant, resource_type: str, details: dict[str, Any]
    ) -> None:
        """A Patient or RelatedPerson: the person's name, gender and birth date, with
        `details` for what only that kind of resource says."""
        person = _person(member)
        resource: dict[str, Any] = {
            "resourceType": resource_type,
            "identifier": self._identifier(member.public_id),
            "active": True,
            **details,
            "name": self._human_name(member),
            "gender": GENDER.get(person.gender, "unknown"),
        }
        if person.birth_date:
            resource["birthDate"] = person.birth_date.isoformat()
        self.add(member.public_id, resource)
        self.participant_refs[member.pk] = ref(member.public_id, person.full_name)

    def patient(self, member: Participant) -> None:
        self._person_resource(member, "Patient", {})

    def related_person(self, member: Participant) -> None:
        person = _person(member)
        if member.is_parent:
            coding = [{"system": ROLE_CODE, "code": "PRN", "display": "parent"}]
            text = "ouder" + (" met gezag" if person.has_parental_authority else "")
        else:
            coding = []
            text = person.description or "netwerklid"
        relationship: dict[str, Any] = {"text": text}
        if coding:
            relationship["coding"] = coding
        details = {"patient": ref(self.index_id), "relationship": [relationship]}
        self._person_resource(member, "RelatedPerson", details)

    def practitioner_role(self, member: Participant) -> None:
        user = member.user
        if user is None:
            raise ValueError("A professional in a plan has a login.")
        self.add(
            user.public_id,
            {
                "resourceType": "Practitioner",
                "identifier": self._identifier(user.public_id),
                "active": True,
                "name": [{"text": str(user), "given": [user.first_name], "family": user.last_name}]
                if user.last_name
                else [{"text": str(user)}],
            },
        )
        role: dict[str, Any] = {
            "resourceType": "PractitionerRole",
            "identifier": self._identifier(member.public_id),
            "active": policy.is_active_participant(member, self.today),
            "period": self._period(member),
            "practitioner": ref(user.public_id, str(user)),
            "code": [{"text": str(member.get_role_display())}],
        }
        if member.task:
            role["specialty"] = [{"text": member.task}]
        organisation = member.organisation
        if organisation is not None:
            self.add(
                organisation.public_id,
                {
                    "resourceType": "Organization",
                    "identifier": self._identifier(organisation.public_id),
                    "active": True,
                    "name": organisation.name,
                    "type": [{"text": str(organisation.get_kind_display())}],
                },
            )
            role["organization"] = ref(organisation.public_id, organisation.name)
        self.add(member.public_id, role)
        self.participant_refs[member.pk] = ref(member.public_id, member.display_name)

    def _period(self, member: Participant) -> dict[str, str]:
        period = {"start": member.starts_on.isoformat()}
        if member.ends_on:
            period["end"] = member.ends_on.isoformat()
        return period

    # ---- Team, plan, goals --------------------------------------------------------------

    def care_team(self, members: list[Participant]) -> None:
        participants = []
        for member in members:
            reference = self.participant_refs.get(member.pk)
            if reference is None:
                continue
            roles = [{"text": str(member.get_role_display())}]
            if member.pk == self.plan.coordinator_id:
                roles.append({"text": "zorgcoördinator"})
            entry: dict[str, Any] = {
                "role": roles,
                "member": reference,
                "period": self._period(member),
            }
            if member.is_professional and member.organisation is not None:
                entry["onBehalfOf"] = ref(member.organisation.public_id, member.organisation.name)
            participants.append(entry)
        self.care_team_id = uuid.uuid5(self.plan.public_id, "careteam")
        self.add(
            self.care_team_id,
            {
                "resourceType": "CareTeam",
                "status": "active" if self.plan.is_open else "inactive",
                "name": f"Team rond {self.plan.family.name}",
                "subject": ref(self.index_id),
                "participant": participants,
            },
        )

    def goal(self, goal: Goal, order: int, scores: scores.GoalScores | None) -> None:
        extensions: list[dict[str, Any]] = [{"url": EXT_GOAL_ORDER, "valueInteger": order}]
        if goal.is_safety_goal:
            extensions.append({"url": EXT_SAFETY_GOAL, "valueBoolean": True})
        if scores is not None and scores.by_group:
            extensions.append(self._score_extension(scores))
        achievement, display = ACHIEVEMENT[goal.status]
        target: dict[str, Any] = {
            "measure": {"text": "cijfer voor het doel (0–10), gegeven bij de evaluatie"},
            "detailInteger": 10,
        }
        resource: dict[str, Any] = {
            "resourceType": "Goal",
            "identifier": self._identifier(goal.public_id),
            "extension": extensions,
            "lifecycleStatus": LIFECYCLE[goal.status],
            "achievementStatus": {
                "coding": [{"system": GOAL_ACHIEVEMENT, "code": achievement, "display": display}]
            },
            "category": [{"text": str(goal.get_term_display())}],
            "priority": _priority(order),
            "description": {"text": goal.text},
            "subject": ref(self.index_id),
            "startDate": timezone.localtime(goal.created_at).date().isoformat(),
            "target": [target],
            "expressedBy": self.participant_refs.get(goal.created_by_id),
        }
        if goal.life_wish:
            resource["note"] = [{"text": f"Wat dit betekent voor ons leven: {goal.life_wish}"}]
        if goal.status_reason:
            resource["statusReason"] = goal.status_reason
        if resource["expressedBy"] is None:
            del resource["expressedBy"]
        self.add(goal.public_id, resource)
        self.provenance(goal.public_id, goal.created_by_id, goal.created_at)

    def _score_extension(self, scores: scores.GoalScores) -> dict[str, Any]:
        first: GoalScore | None = scores.scores[0] if scores.scores else None
        evaluation: Evaluation | None = first.evaluation if first else None
        parts: list[dict[str, Any]] = [
            {"url": group, "valueDecimal": scores.by_group[group]}
            for group in SCORE_GROUPS
            if group in scores.by_group
        ]
        if evaluation is not None and evaluation.held_on is not None:
            parts.append({"url": "date", "valueDate": evaluation.held_on.isoformat()})
        parts.append({"url": "divergent", "valueBoolean": scores.divergent})
        return {"url": EXT_LATEST_SCORE, "extension": parts}

    def provenance(
        self,
        record_id: uuid.UUID,
        author_pk: int,
        moment: datetime.datetime,
        *,
        target: dict[str, str] | None = None,
    ) -> None:
        """Who wrote a goal or an action, and when. An action is an activity inside the
        CarePlan, not a resource of its own: its Provenance targets the CarePlan and names
        the action's public id in the action-id extension (docs/fhir.md)."""
        who = self.participant_refs.get(author_pk)
        if who is None:  # the author left no resource (e.g. a refused professional)
            return
        resource: dict[str, Any] = {"resourceType": "Provenance"}
        if target is not None:
            resource["extension"] = [
                {
                    "url": EXT_ACTION_ID,
                    "valueIdentifier": {"system": IDENTIFIER_SYSTEM, "value": str(record_id)},
                }
            ]
        self.add(
            uuid.uuid5(record_id, "provenance"),
            {
                **resource,
                "target": [target or {"reference": urn(record_id)}],
                "recorded": _instant(moment),
                "agent": [
                    {
                        "type": {
                            "coding": [
                                {"system": PROVENANCE_AGENT, "code": "author", "display": "Author"}
                            ]
                        },
                        "who": who,
                    }
                ],
            },
        )

    def care_plan(self, goals: list[Goal], actions: list[Action]) -> None:
        plan = self.plan
        activities = []
        for action in actions:
            detail: dict[str, Any] = {
                "kind": "Task",
                "status": ACTIVITY_STATUS.get(action.status, "unknown"),
                "description": action.description,
            }
            owner = self.participant_refs.get(action.owner_id)
            if owner is not None:
                detail["performer"] = [owner]
            if action.goal_id is not None and action.goal is not None:
                if action.goal.public_id in self.seen_ids:
                    detail["goal"] = [ref(action.goal.public_id)]
            if action.due_on:
                detail["scheduledPeriod"] = {"end": action.due_on.isoformat()}
            detail["extension"] = [
                {
                    "url": EXT_ACTION_ID,
                    "valueIdentifier": {
                        "system": IDENTIFIER_SYSTEM,
                        "value": str(action.public_id),
                    },
                }
            ]
            if action.takeover_reason:
                detail["extension"].append(
                    {"url": EXT_TAKEOVER_REASON, "valueString": action.takeover_reason}
                )
            activity: dict[str, Any] = {"detail": detail}
            if action.done_note:
                activity["progress"] = [{"text": action.done_note}]
            activities.append(activity)
        period: dict[str, str] = {"start": _instant(plan.opened_at)}
        if plan.closed_at:
            period["end"] = _instant(plan.closed_at)
        resource: dict[str, Any] = {
            "resourceType": "CarePlan",
            "identifier": self._identifier(plan.public_id),
            "status": "active" if plan.is_open else "completed",
            "intent": "plan",
            "category": [
                {
                    "text": "gezinsplan jeugdhulp (Samen beslissen over hulp), "
                    f"{plan.get_framework_display()}"
                }
            ],
            "title": f"Gezinsplan {plan.family.name}",
            "description": f"Stap {plan.step}: {Step(plan.step).label}",
            "subject": ref(self.index_id),
            "period": period,
            "created": _instant(plan.opened_at),
            "careTeam": [{"reference": urn(self.care_team_id)}],
            "goal": [ref(goal.public_id) for goal in goals],
            "activity": activities,
        }
        if plan.is_compulsory:
            resource["extension"] = [
                {"url": EXT_LEGAL_MEASURE, "valueString": str(plan.get_legal_measure_display())}
            ]
        coordinator = self.participant_refs.get(plan.coordinator_id or 0)
        if coordinator is not None:
            resource["author"] = coordinator
        self.add(plan.public_id, resource)


class NoSubject(Exception):
    """FHIR's CarePlan needs a patient: a plan with no child recorded yet has none."""


def build_bundle(
    plan: Plan,
    viewer: Participant,
    today: datetime.date | None = None,
    *,
    seen: frozenset[policy.Section] | None = None,
) -> Bundle:
    """The plan as `viewer` may see it, as a FHIR collection bundle. `seen`: the
    sections the request computed once."""
    today = today or timezone.localdate()
    seen = policy.sections(viewer) if seen is None else seen
    members = selectors.team(plan)
    if policy.Section.TEAM not in seen:
        # A3b: without the team, the family, the coordinator and oneself.
        members = [m for m in members if m.is_family or m.pk in (plan.coordinator_id, viewer.pk)]
    goals = list(selectors.visible_goals(plan, viewer, seen))  # by priority
    actions = plan_actions(plan, viewer, seen)
    _latest, scores = latest_scores(scored_evaluations(plan, seen), goals)

    builder = _Builder(plan, viewer, today)
    builder.people(members)
    builder.care_team(members)
    for order, goal in enumerate(goals, start=1):
        builder.goal(goal, order, scores.get(goal.pk))
    builder.care_plan(goals, actions)
    for action in actions:
        builder.provenance(
            action.public_id,
            action.created_by_id,
            action.created_at,
            target={"reference": urn(plan.public_id), "display": f"actie: {action.description}"},
        )
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": str(uuid.uuid4()),
            "identifier": {"system": IDENTIFIER_SYSTEM, "value": str(plan.public_id)},
            "type": "collection",
            "timestamp": _instant(timezone.now()),
            "entry": builder.entries,
        }
    )
