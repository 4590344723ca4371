"""Reads for pages: each function fetches what a page needs in a fixed number of queries,
whatever the size of the plan (select_related / prefetch_related, no per-row queries)."""

import datetime
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from regie.access import policy
from regie.access.policy import Section
from regie.accounts.models import Invitation
from regie.plans import progress, workflow
from regie.plans.models import (
    Action,
    AftercareAgreement,
    Application,
    CoherentPicture,
    Complaint,
    Condition,
    Consultation,
    Decision,
    DomainAssessment,
    Entry,
    EntryReaction,
    Evaluation,
    FamilyGroupPlan,
    Goal,
    GoalScore,
    GoalStatus,
    HelpOption,
    InformationAgreement,
    Meeting,
    NetworkAssessment,
    Participant,
    PicturePosition,
    Plan,
    ProtectiveFactor,
    Role,
    Share,
    Step,
    StepChange,
    Wish,
)

DIVERGENCE_POINTS = 3  # R19: scores 3 or more apart are a point to talk about
LATE_NOTICE_WARNING_DAYS = 14  # R15: from week 6 the family should hear if it will be late


def team(plan: Plan) -> list[Participant]:
    return list(
        plan.participants.select_related(
            "person", "user", "organisation", "approved_by__person"
        ).order_by("role", "id")
    )


def entries(plan: Plan, viewer: Participant, *, step: int | None = None) -> list[Entry]:
    """Entries this person may read: none for a network member without the share (A3),
    none that a youth keeps from a parent (A4)."""
    if Section.ENTRIES not in policy.sections(viewer):
        return []
    queryset: QuerySet[Entry] = _not_kept(Entry.objects.filter(plan=plan), viewer)
    if step is not None:
        queryset = queryset.filter(step=step)
    return list(
        queryset.select_related(
            "created_by__user",
            "created_by__organisation",
            "created_by__person",
            "about__person",
            "about__user",
            "kept_from_parents_by__person",
            "kept_from_parents_by__user",
        ).prefetch_related(
            Prefetch(
                "reactions",
                queryset=EntryReaction.objects.select_related(
                    "participant__person", "participant__user"
                ),
            )
        )
    )


def _not_kept(queryset: QuerySet[Any], viewer: Participant) -> QuerySet[Any]:
    if viewer.role == Role.PARENT:
        return queryset.filter(kept_from_parents_by__isnull=True)
    return queryset


def kept_notes(plan: Plan, viewer: Participant, today: datetime.date) -> list[str]:
    """A4: tell a parent that something is kept from them, and by whom, never what."""
    if viewer.role != Role.PARENT:
        return []
    keepers: dict[int, list[Any]] = {}
    for model in (Wish, Entry):
        rows = model.objects.filter(plan=plan, kept_from_parents_by__isnull=False).values_list(
            "kept_from_parents_by",
            "kept_from_parents_by__person__first_name",
            "kept_from_parents_by__person__birth_date",
        )
        for keeper, name, born in rows:
            keepers.setdefault(keeper, [name, born, 0])[2] += 1
    notes = []
    for name, born, count in keepers.values():
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        notes.append(
            ngettext(
                "Dit deel deelt %(name)s (%(age)s) niet met ouders: %(n)s wens of aantekening.",
                "Dit deel deelt %(name)s (%(age)s) niet met ouders: %(n)s wensen of aantekeningen.",
                count,
            )
            % {"name": name, "age": age, "n": count}
        )
    return notes


def own_actions(plan: Plan, viewer: Participant) -> list[Action]:
    """What waits for this person (R12: each action has one owner)."""
    return list(
        Action.objects.filter(plan=plan, owner=viewer, status="open").select_related("goal")
    )


def visible_goals(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> QuerySet[Goal]:
    """A3: a network member sees the goals their own actions serve, unless goals are shared."""
    goals = Goal.objects.filter(plan=plan)
    if Section.GOALS not in seen:
        goals = goals.filter(actions__owner=viewer).distinct()
    return goals


def visible_actions(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> QuerySet[Action]:
    actions = Action.objects.filter(plan=plan)
    if Section.ACTIONS not in seen:
        actions = actions.filter(owner=viewer)
    return actions


@dataclass
class DeadlineView:
    application: Application
    days_left: int
    needs_late_notice: bool
    late_without_notice: bool


def deadlines(plan: Plan, today: datetime.date) -> list[DeadlineView]:
    """R15: days left on each pending application, and whether the family must be told."""
    views = []
    for application in Application.objects.filter(plan=plan).prefetch_related("late_notices"):
        if application.outcome != "pending":
            continue
        days_left = (application.deadline - today).days
        noticed = any(n.sent_on <= application.deadline for n in application.late_notices.all())
        views.append(
            DeadlineView(
                application=application,
                days_left=days_left,
                needs_late_notice=not noticed and 0 <= days_left <= LATE_NOTICE_WARNING_DAYS,
                late_without_notice=not noticed and days_left < 0,
            )
        )
    return views


@dataclass
class GoalScores:
    goal: Goal
    by_group: dict[str, float]
    scores: list[GoalScore]

    @property
    def divergent(self) -> bool:
        values = list(self.by_group.values())
        return len(values) > 1 and max(values) - min(values) >= DIVERGENCE_POINTS


def _group(participant: Participant) -> str:
    if participant.role == Role.CHILD:
        return "child"
    if participant.role == Role.PARENT:
        return "parents"
    if participant.is_professional:
        return "professionals"
    return "network"


def scores_per_goal(evaluation: Evaluation, goals: list[Goal]) -> list[GoalScores]:
    """R19: per goal the mean score of the child, the parents and the professionals;
    3 or more apart is shown as a point to talk about."""
    result = []
    all_scores = list(evaluation.scores.all())
    for goal in goals:
        scores = [s for s in all_scores if s.goal_id == goal.pk]
        groups: dict[str, list[int]] = {}
        for score in scores:
            group = _group(score.participant)
            if group != "network":
                groups.setdefault(group, []).append(score.score)
        by_group = {group: round(mean(values), 1) for group, values in groups.items()}
        result.append(GoalScores(goal=goal, by_group=by_group, scores=scores))
    return result


@dataclass
class PlanOverview:
    plan: Plan
    steps: list[tuple[int, str, bool, bool]]
    info: workflow.StepInfo
    team: list[Participant]
    coordinator: Participant | None
    conditions: list[Condition]
    goals: list[Goal]
    deadlines: list[DeadlineView]
    next_evaluation: Evaluation | None
    overdue_evaluations: list[Evaluation]
    entries_waiting: int
    step_changes: list[StepChange]
    story: Any
    complaints: list[Complaint]
    my_actions: list[Action]
    meetings: list[Meeting]
    kept_notes: list[str]


def overview(plan: Plan, today: datetime.date, viewer: Participant) -> PlanOverview:
    seen = policy.sections(viewer)
    members = team(plan)
    coordinator = next((p for p in members if p.pk == plan.coordinator_id), None)
    evaluations = (
        list(Evaluation.objects.filter(plan=plan, held_on__isnull=True))
        if Section.EVALUATIONS in seen
        else []
    )
    upcoming = [e for e in evaluations if e.scheduled_for >= today]
    family_or_professional = not viewer.is_network
    return PlanOverview(
        plan=plan,
        steps=[
            (value, str(label), value == plan.step, value < plan.step)
            for value, label in Step.choices
        ],
        info=workflow.STEPS[plan.step],
        # A3: a network member sees who coordinates, not the whole team.
        team=members if Section.TEAM in seen else [m for m in members if m is coordinator],
        coordinator=coordinator,
        conditions=list(Condition.objects.filter(plan=plan, withdrawn_at__isnull=True))
        if family_or_professional
        else [],
        goals=list(visible_goals(plan, viewer, seen).filter(status=GoalStatus.ACTIVE)),
        deadlines=deadlines(plan, today) if Section.DECISIONS in seen else [],
        next_evaluation=min(upcoming, key=lambda e: e.scheduled_for, default=None),
        overdue_evaluations=[e for e in evaluations if e.scheduled_for < today],
        entries_waiting=Entry.objects.filter(
            plan=plan, withdrawn_at__isnull=True, reactions__isnull=True
        ).count()
        if Section.ENTRIES in seen
        else 0,
        step_changes=list(
            StepChange.objects.filter(plan=plan)
            .select_related("changed_by__person", "changed_by__user")
            .order_by("-changed_at", "-id")[:10]
        )
        if Section.HISTORY in seen
        else [],
        story=plan.story,
        complaints=list(
            Complaint.objects.filter(plan=plan)
            .select_related("organisation")
            .prefetch_related("updates")
        )
        if Section.COMPLAINTS in seen
        else [],
        my_actions=own_actions(plan, viewer),
        meetings=list(Meeting.objects.filter(plan=plan, planned_at__date__gte=today)),
        kept_notes=kept_notes(plan, viewer, today),
    )


@dataclass
class StepPage:
    """Everything one step page shows. Lists not needed by a step stay empty."""

    plan: Plan
    step: int
    info: workflow.StepInfo
    team: list[Participant]
    entries: list[Entry]
    data: dict[str, Any] = field(default_factory=dict)


def _by(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.select_related("created_by__person", "created_by__user")


def step_page(plan: Plan, step: int, today: datetime.date, viewer: Participant) -> StepPage:
    """The step page as this person may see it; the view checks the step is open to them."""
    seen = policy.sections(viewer)
    page = StepPage(
        plan=plan,
        step=step,
        info=workflow.STEPS[step],
        team=team(plan),
        entries=entries(plan, viewer, step=step),
    )
    page.data["kept_notes"] = kept_notes(plan, viewer, today)
    data = page.data
    if step == Step.INTRODUCTION:
        data["relations"] = list(plan.family.relations.select_related("from_person", "to_person"))
        data["persons"] = list(plan.family.persons.all())
        from regie.families.diagrams import step_one_data  # genogram and sociogram (R7)

        data.update(step_one_data(data["persons"], data["relations"], today))
        data["invitations"] = list(
            Invitation.objects.filter(
                participant__plan=plan,
                used_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            ).select_related("participant__person")
        )
        data["shares"] = list(
            Share.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
                "network_member__person"
            )
        )
    elif step == Step.REQUEST:
        data["wishes"] = list(
            _by(_not_kept(Wish.objects.filter(plan=plan), viewer)).select_related(
                "participant__person"
            )
        )
    elif step == Step.ANALYSIS:
        data["assessments"] = list(
            _by(DomainAssessment.objects.filter(plan=plan)).select_related("domain")
        )
        data["domains"] = list(plan.domain_set.domains.all())
        data["factors"] = list(_by(ProtectiveFactor.objects.filter(plan=plan)))
        pictures = list(
            _by(CoherentPicture.objects.filter(plan=plan)).prefetch_related(
                Prefetch(
                    "positions",
                    queryset=PicturePosition.objects.select_related(
                        "participant__person", "participant__user"
                    ),
                )
            )
        )
        data["pictures"] = pictures
        data["consultations"] = list(
            _by(Consultation.objects.filter(plan=plan)).select_related("consultant__user")
        )
    elif step == Step.GOALS:
        data["goals"] = list(_by(visible_goals(plan, viewer, seen)))
        data["conditions"] = list(_by(Condition.objects.filter(plan=plan)))
    elif step == Step.OWN_STRENGTH:
        data["assessment"] = NetworkAssessment.objects.filter(plan=plan).first()
        data["group_plan"] = FamilyGroupPlan.objects.filter(plan=plan).first()
        data["actions"] = _actions(plan, viewer, seen)
    elif step == Step.DECIDING:
        data["options"] = list(
            _by(HelpOption.objects.filter(plan=plan))
            .select_related("intervention")
            .prefetch_related(
                "goals", "preferences__participant__person", "preferences__participant__user"
            )
        )
        data["decisions"] = list(
            _by(Decision.objects.filter(plan=plan))
            .select_related("option", "provider", "provider_chosen_by__person")
            .prefetch_related("agreements__participant__person", "agreements__participant__user")
        )
        data["deadlines"] = deadlines(plan, today)
        data["applications"] = list(
            Application.objects.filter(plan=plan).prefetch_related("late_notices")
        )
    elif step == Step.EXECUTING:
        data["actions"] = _actions(plan, viewer, seen)
        goals = list(visible_goals(plan, viewer, seen).order_by("priority"))
        evaluations = list(
            _by(Evaluation.objects.filter(plan=plan)).prefetch_related(
                Prefetch(
                    "scores",
                    queryset=GoalScore.objects.select_related(
                        "participant__person", "participant__user"
                    ),
                )
            )
        )
        data["goals"] = goals
        data["evaluations"] = [
            (evaluation, scores_per_goal(evaluation, goals)) for evaluation in evaluations
        ]
        data["progress"] = progress.goal_progress(goals, evaluations)
        data["overdue"] = [e for e in evaluations if e.held_on is None and e.scheduled_for < today]
        data["meetings"] = list(
            _by(Meeting.objects.filter(plan=plan)).prefetch_related(
                "attendees__participant__person", "attendees__participant__user"
            )
        )
        data["info_agreements"] = list(
            _by(InformationAgreement.objects.filter(plan=plan)).select_related(
                "from_organisation", "to_organisation"
            )
        )
    elif step == Step.CLOSING:
        data["aftercare"] = list(
            _by(AftercareAgreement.objects.filter(plan=plan)).select_related(
                "owner__person", "owner__user"
            )
        )
        data["goals"] = list(visible_goals(plan, viewer, seen))
    return page


def _actions(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> list[Action]:
    return list(
        _by(visible_actions(plan, viewer, seen)).select_related(
            "goal", "owner__person", "owner__user"
        )
    )
