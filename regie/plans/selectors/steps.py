"""The eight step pages. Each step has its own typed data and one builder that fetches it;
`step_page` adds what every step page shows (team, entries, what is kept from parents).
The exports call the builders directly, so they read typed fields, never string keys."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from regie.access.policy import Section
from regie.accounts.models import Invitation
from regie.catalog.models import LifeDomain
from regie.families.models import Person, Relation
from regie.plans import scores, workflow
from regie.plans.models import (
    Action,
    AftercareAgreement,
    Application,
    ClosingVoice,
    CoherentPicture,
    Condition,
    Consultation,
    Decision,
    DecisionAgreement,
    DomainAssessment,
    Entry,
    Evaluation,
    FamilyGroupPlan,
    Goal,
    GoalScore,
    GoalStatus,
    GoingOn,
    HelpOption,
    InformationAgreement,
    Meeting,
    MeetingAttendee,
    NetworkAssessment,
    OptionPreference,
    Participant,
    PicturePosition,
    Plan,
    ProtectiveFactor,
    Share,
    Step,
    Wish,
)
from regie.plans.selectors.common import (
    DeadlineView,
    EntryPage,
    deadline_views,
    entry_page,
    group_plan,
    kept_notes,
    network_assessment,
    not_kept,
    team,
    visible_actions,
    visible_goals,
    visible_meetings,
    with_author,
    with_notice,
)

Seen = frozenset[Section]


@dataclass(frozen=True)
class IntroductionData:
    persons: list[Person]
    relations: list[Relation]
    invitations: list[Invitation]  # open invitations, not yet used
    shares: list[Share]  # what is shared beyond a role's parts (A3, A3b)


@dataclass(frozen=True)
class RequestData:
    wishes: list[Wish]


@dataclass(frozen=True)
class AnalysisData:
    assessments: list[DomainAssessment]
    domains: list[LifeDomain]
    factors: list[ProtectiveFactor]
    pictures: list[CoherentPicture]
    consultations: list[Consultation]


@dataclass(frozen=True)
class GoalsData:
    goals: list[Goal]
    ended_goals: list[Goal]
    conditions: list[Condition]


@dataclass(frozen=True)
class OwnStrengthData:
    assessment: NetworkAssessment | None
    group_plan: FamilyGroupPlan | None
    actions: list[Action]


@dataclass(frozen=True)
class Answers:
    """R14: whether each person agrees with a decision. Someone may change their mind:
    their latest answer counts, the earlier ones stay visible as history."""

    current: list[DecisionAgreement]
    earlier: list[DecisionAgreement]
    answered: set[int]  # participants with an answer


@dataclass(frozen=True)
class DecidingData:
    options: list[HelpOption]
    decisions: list[Decision]
    agreements: dict[int, Answers]  # per decision id
    deadlines: list[DeadlineView]
    applications: list[Application]


@dataclass(frozen=True)
class ExecutingData:
    actions: list[Action]
    goals: list[Goal]  # by priority
    evaluations: list[tuple[Evaluation, list[scores.GoalScores]]]
    progress: list[scores.GoalProgress]
    overdue: list[Evaluation]
    meetings: list[Meeting]
    info_agreements: list[InformationAgreement]


@dataclass(frozen=True)
class Voices:
    """The family's voice at the end (issue 15) as one person in the plan may see it: their
    own answer, and how many family members answered, never what the others said."""

    given: int  # family members who answered at least one of the two questions
    mine: bool  # this person answered, also when they skipped both questions
    usefulness: int | None
    going_on: str

    @property
    def going_on_label(self) -> str:
        return str(GoingOn(self.going_on).label) if self.going_on else ""


@dataclass(frozen=True)
class ClosingData:
    aftercare: list[AftercareAgreement]
    goals: list[Goal]
    voices: Voices


StepData = (
    IntroductionData
    | RequestData
    | AnalysisData
    | GoalsData
    | OwnStrengthData
    | DecidingData
    | ExecutingData
    | ClosingData
)


@dataclass
class StepPage:
    """Everything one step page shows."""

    plan: Plan
    step: int
    info: workflow.StepInfo
    team: list[Participant]
    entry_page: EntryPage
    kept_notes: list[str]
    data: StepData

    @property
    def entries(self) -> list[Entry]:
        return self.entry_page.entries


def introduction_data(
    plan: Plan, today: datetime.date, viewer: Participant, seen: Seen
) -> IntroductionData:
    relations = list(plan.family.relations.select_related("from_person", "to_person"))
    persons = list(plan.family.persons.all())
    return IntroductionData(
        persons=persons,
        relations=relations,
        invitations=list(
            Invitation.objects.filter(
                participant__plan=plan,
                used_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
            ).select_related("participant__person")
        ),
        shares=list(
            Share.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
                "shared_with__person",
                "shared_with__user",
                "shared_with__organisation",
                "created_by__person",
                "created_by__user",
            )
        ),
    )


def request_data(plan: Plan, today: datetime.date, viewer: Participant, seen: Seen) -> RequestData:
    wishes = with_author(not_kept(Wish.objects.filter(plan=plan), viewer))
    return RequestData(wishes=list(wishes.select_related("participant__person")))


def analysis_data(
    plan: Plan, today: datetime.date, viewer: Participant, seen: Seen
) -> AnalysisData:
    positions = PicturePosition.objects.select_related("participant__person", "participant__user")
    return AnalysisData(
        assessments=list(
            with_author(DomainAssessment.objects.filter(plan=plan)).select_related("domain")
        ),
        domains=list(plan.domain_set.domains.all()),
        factors=list(with_author(ProtectiveFactor.objects.filter(plan=plan))),
        pictures=list(
            with_author(CoherentPicture.objects.filter(plan=plan)).prefetch_related(
                Prefetch("positions", queryset=positions)
            )
        ),
        consultations=list(
            with_author(Consultation.objects.filter(plan=plan)).select_related("consultant__user")
        ),
    )


def goals_data(plan: Plan, today: datetime.date, viewer: Participant, seen: Seen) -> GoalsData:
    goals = list(with_author(visible_goals(plan, viewer, seen)))
    return GoalsData(
        goals=goals,
        ended_goals=[goal for goal in goals if goal.status != GoalStatus.ACTIVE],
        conditions=list(with_author(Condition.objects.filter(plan=plan))),
    )


def _actions(plan: Plan, viewer: Participant, seen: Seen) -> list[Action]:
    return list(
        with_author(visible_actions(plan, viewer, seen)).select_related(
            "goal", "owner__person", "owner__user"
        )
    )


def own_strength_data(
    plan: Plan, today: datetime.date, viewer: Participant, seen: Seen
) -> OwnStrengthData:
    return OwnStrengthData(
        assessment=network_assessment(plan),
        group_plan=group_plan(plan),
        actions=_actions(plan, viewer, seen),
    )


def _answers(decision: Decision) -> Answers:
    given = list(decision.agreements.all())  # oldest first (Meta.ordering)
    latest = {answer.participant_id: answer for answer in given}
    current = list(latest.values())
    earlier = [answer for answer in given if latest[answer.participant_id] is not answer]
    return Answers(current=current, earlier=earlier, answered=set(latest))


def deciding_data(
    plan: Plan, today: datetime.date, viewer: Participant, seen: Seen
) -> DecidingData:
    answers = DecisionAgreement.objects.select_related("participant__person", "participant__user")
    decisions = list(
        with_author(Decision.objects.filter(plan=plan))
        .select_related("option", "provider", "provider_chosen_by__person")
        .prefetch_related(Prefetch("agreements", queryset=answers))
    )
    preferences = OptionPreference.objects.select_related(
        "participant__person", "participant__user"
    )
    applications = list(
        with_notice(Application.objects.filter(plan=plan)).prefetch_related("late_notices")
    )
    return DecidingData(
        options=list(
            with_author(HelpOption.objects.filter(plan=plan))
            .select_related("intervention")
            .prefetch_related("goals", Prefetch("preferences", queryset=preferences))
        ),
        decisions=decisions,
        agreements={decision.pk: _answers(decision) for decision in decisions},
        deadlines=deadline_views(applications, today),  # the pending ones, one query for both
        applications=applications,
    )


def executing_data(
    plan: Plan, today: datetime.date, viewer: Participant, seen: Seen
) -> ExecutingData:
    actions = _actions(plan, viewer, seen)
    goals = list(visible_goals(plan, viewer, seen))  # by priority (Meta.ordering)
    given_scores = GoalScore.objects.select_related("participant__person", "participant__user")
    attendees = MeetingAttendee.objects.select_related("participant__person", "participant__user")
    evaluations = list(
        with_author(Evaluation.objects.filter(plan=plan)).prefetch_related(
            Prefetch("scores", queryset=given_scores)
        )
    )
    return ExecutingData(
        actions=actions,
        goals=goals,
        evaluations=[
            (evaluation, scores.scores_per_goal(evaluation, goals)) for evaluation in evaluations
        ],
        progress=scores.goal_progress(goals, evaluations),
        overdue=[e for e in evaluations if e.held_on is None and e.scheduled_for < today],
        meetings=list(
            with_author(visible_meetings(plan, viewer)).prefetch_related(
                Prefetch("attendees", queryset=attendees)
            )
        ),
        info_agreements=list(
            with_author(InformationAgreement.objects.filter(plan=plan)).select_related(
                "from_organisation", "to_organisation"
            )
        ),
    )


def closing_data(plan: Plan, today: datetime.date, viewer: Participant, seen: Seen) -> ClosingData:
    return ClosingData(
        aftercare=list(
            with_author(AftercareAgreement.objects.filter(plan=plan)).select_related(
                "owner__person", "owner__user"
            )
        ),
        goals=list(visible_goals(plan, viewer, seen)),
        voices=voices(plan, viewer),
    )


def voices(plan: Plan, viewer: Participant) -> Voices:
    """One query, and the other family members' answers never leave the database."""
    own = Q(created_by=viewer)
    row = ClosingVoice.objects.filter(plan=plan).aggregate(
        given=Count("pk", filter=Q(usefulness__isnull=False) | ~Q(going_on="")),
        mine=Count("pk", filter=own),
        usefulness=Max("usefulness", filter=own),
        going_on=Max("going_on", filter=own),
    )
    return Voices(
        given=row["given"],
        mine=bool(row["mine"]),
        usefulness=row["usefulness"],
        going_on=row["going_on"] or "",
    )


STEP_DATA: dict[int, Callable[[Plan, datetime.date, Participant, Seen], StepData]] = {
    Step.INTRODUCTION: introduction_data,
    Step.REQUEST: request_data,
    Step.ANALYSIS: analysis_data,
    Step.GOALS: goals_data,
    Step.OWN_STRENGTH: own_strength_data,
    Step.DECIDING: deciding_data,
    Step.EXECUTING: executing_data,
    Step.CLOSING: closing_data,
}


def step_page(
    plan: Plan,
    step: int,
    today: datetime.date,
    viewer: Participant,
    seen: Seen,
    *,
    entries_page: int = 1,
) -> StepPage:
    """The step page as this person may see it; the view checks the step is open to them.
    `seen`: the sections the request's viewer computed once; `entries_page`: which page
    of the step's entries, newest first (issue 13)."""
    members = team(plan)
    return StepPage(
        plan=plan,
        step=step,
        info=workflow.STEPS[step],
        team=members,
        entry_page=entry_page(plan, viewer, seen, number=entries_page, step=step, members=members),
        kept_notes=kept_notes(plan, viewer, today),
        data=STEP_DATA[step](plan, today, viewer, seen),
    )
