"""Reads for pages: each function fetches what a page needs in a fixed number of queries,
whatever the size of the plan (select_related / prefetch_related, no per-row queries)."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, overload

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Field,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import ngettext

from regie.access import policy
from regie.access.policy import Section
from regie.accounts.models import Invitation, User
from regie.plans import scores, workflow
from regie.plans.models import (
    NETWORK_ROLES,
    Action,
    AftercareAgreement,
    Application,
    ApplicationOutcome,
    CoherentPicture,
    Complaint,
    Condition,
    Consultation,
    Decision,
    DecisionAgreement,
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


@dataclass(frozen=True)
class Answers:
    """R14: whether each person agrees with a decision. Someone may change their mind:
    their latest answer counts, the earlier ones stay visible as history."""

    current: list[DecisionAgreement]
    earlier: list[DecisionAgreement]
    answered: set[int]  # participants with an answer


def _answers(decision: Decision) -> Answers:
    given = list(decision.agreements.all())  # oldest first (Meta.ordering)
    latest = {answer.participant_id: answer for answer in given}
    current = list(latest.values())
    earlier = [answer for answer in given if latest[answer.participant_id] is not answer]
    return Answers(current=current, earlier=earlier, answered=set(latest))


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
        from regie.web.diagrams.network_map import step_one_data  # genogram and sociogram (R7)

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
        data["ended_goals"] = [goal for goal in data["goals"] if goal.status != GoalStatus.ACTIVE]
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
        data["agreements"] = {d.pk: _answers(d) for d in data["decisions"]}
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
            (evaluation, scores.scores_per_goal(evaluation, goals)) for evaluation in evaluations
        ]
        data["progress"] = scores.goal_progress(goals, evaluations)
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


# ---- Mijn plan: the page for a youth (issue 5; R4, R19, A4) ----------------------------


@dataclass
class YouthGoal:
    goal: Goal
    last_score: GoalScore | None  # my most recent score for this goal, from any evaluation
    open_score: GoalScore | None  # my score in the evaluation that is open now
    actions: list[Action]  # what is done for this goal, and by whom


@dataclass
class YouthPage:
    me: Participant
    age: int | None
    may_keep_own_words: bool  # A4: from 12, my own wishes
    may_keep_about_me: bool  # A4: from 16, also what is written about me
    wishes: list[Wish]
    goals: list[YouthGoal]
    reached_goals: list[Goal]
    open_evaluation: Evaluation | None  # where a new score goes (R19)
    other_actions: list[Action]  # agreements that serve no active goal
    entries_about_me: list[Entry]
    team: list[Participant]

    @property
    def kept(self) -> list[Wish | Entry]:
        """What I keep from my parents (A4)."""
        records: list[Wish | Entry] = [*self.wishes, *self.entries_about_me]
        return [r for r in records if r.kept_from_parents_by_id == self.me.pk]


def youth_page(plan: Plan, me: Participant, today: datetime.date) -> YouthPage:
    """Mijn plan, for a youth: only their own wishes, the goals with their own scores, what
    is done for those goals, what is written about them and what they keep from their
    parents (A4), and who takes part. Never another family member's wishes or what a
    sibling keeps. Seven queries, whatever the size of the plan."""
    seen = policy.sections(me)
    goals = list(visible_goals(plan, me, seen).exclude(status=GoalStatus.STOPPED))
    open_evaluation = (
        Evaluation.objects.filter(plan=plan, held_on__isnull=True)
        .order_by("scheduled_for", "id")
        .first()
        if Section.EVALUATIONS in seen
        else None
    )
    last: dict[int, GoalScore] = {}
    now: dict[int, GoalScore] = {}
    for score in GoalScore.objects.filter(participant=me, evaluation__plan=plan).order_by(
        "evaluation__scheduled_for", "evaluation_id"
    ):
        last[score.goal_id] = score
        if open_evaluation is not None and score.evaluation_id == open_evaluation.pk:
            now[score.goal_id] = score
    actions = list(
        visible_actions(plan, me, seen)
        .exclude(status="cancelled")
        .select_related("owner__person", "owner__user", "owner__organisation")
    )
    active = [goal for goal in goals if goal.status == GoalStatus.ACTIVE]
    active_ids = {goal.pk for goal in active}
    members = team(plan)
    return YouthPage(
        me=me,
        age=policy.age_on(me, today),
        may_keep_own_words=policy.may_keep_from_parents(me, own_words=True),
        may_keep_about_me=policy.may_keep_from_parents(me, own_words=False),
        wishes=list(_by(Wish.objects.filter(plan=plan, participant=me, withdrawn_at__isnull=True))),
        goals=[
            YouthGoal(
                goal=goal,
                last_score=last.get(goal.pk),
                open_score=now.get(goal.pk),
                actions=[a for a in actions if a.goal_id == goal.pk],
            )
            for goal in active
        ],
        reached_goals=[goal for goal in goals if goal.status == GoalStatus.REACHED],
        open_evaluation=open_evaluation,
        other_actions=[a for a in actions if a.goal_id not in active_ids],
        entries_about_me=list(
            Entry.objects.filter(plan=plan, about=me, withdrawn_at__isnull=True).select_related(
                "created_by__person", "created_by__user", "created_by__organisation"
            )
        )
        if Section.ENTRIES in seen
        else [],
        team=[
            p
            for p in members
            if p.is_active_on(today)
            and p.is_approved
            and p.refused_at is None
            and (Section.TEAM in seen or p.pk == plan.coordinator_id)
        ],
    )


# ---- The caseload: a professional's list of their plans (issue 5; A1, R2, R15, R19) ----

CASELOAD_SORTS = ("family", "step", "deadline")
DEADLINE_SOON_DAYS = 14  # "beslistermijn binnen 14 dagen": runs out within two weeks or ran out


@dataclass
class CaseloadRow:
    """One plan in the caseload. The signals are None where this person may not see them
    (A3: in a plan where they are a network member)."""

    plan: Plan
    my_role: str
    is_coordinator: bool
    overdue_evaluations: int | None
    next_evaluation: datetime.date | None
    entries_waiting: int | None
    nearest_deadline: datetime.date | None
    days_left: int | None

    @property
    def role_label(self) -> str:
        return str(Role(self.my_role).label) if self.my_role in Role.values else ""

    @property
    def signals_shown(self) -> bool:
        return self.my_role not in NETWORK_ROLES

    @property
    def days_over(self) -> int:
        """How many days the deadline has run out (R15), for the template."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def deadline_soon(self) -> bool:
        """Runs out within DEADLINE_SOON_DAYS, today included (R15)."""
        return self.days_left is not None and 0 <= self.days_left <= DEADLINE_SOON_DAYS


class Caseload:
    """The caseload as a lazy sequence: Django's Paginator counts it and slices one page in
    SQL, and every row is built from annotations, never from a query per row."""

    def __init__(self, plans: QuerySet[Plan], today: datetime.date) -> None:
        self.plans = plans
        self.today = today

    def count(self) -> int:
        return self.plans.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[CaseloadRow]:
        return (self._row(plan) for plan in self.plans)

    @overload
    def __getitem__(self, index: int) -> CaseloadRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[CaseloadRow]: ...
    def __getitem__(self, index: int | slice) -> CaseloadRow | list[CaseloadRow]:
        if isinstance(index, int):
            return self._row(self.plans[index])
        return [self._row(plan) for plan in self.plans[index]]

    def _row(self, plan: Plan) -> CaseloadRow:
        annotated = vars(plan)  # the annotations below live on the instance
        deadline = annotated["nearest_deadline"]
        return CaseloadRow(
            plan=plan,
            my_role=annotated["my_role"] or "",
            is_coordinator=annotated["is_coordinator"],
            overdue_evaluations=annotated["overdue_evaluations"],
            next_evaluation=annotated["next_evaluation"],
            entries_waiting=annotated["entries_waiting"],
            nearest_deadline=deadline,
            days_left=(deadline - self.today).days if deadline is not None else None,
        )


def _count(queryset: QuerySet[Any]) -> Coalesce:
    counted = queryset.order_by().values("plan").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def _not_for_network(name: str, output_field: Field) -> Case:
    """A3: a network member sees evaluations, entries and decisions only when the family
    shares them; the caseload shows them none of it."""
    return Case(
        When(my_role__in=sorted(NETWORK_ROLES), then=Value(None)),
        default=F(name),
        output_field=output_field,
    )


def caseload(
    user: User,
    *,
    query: str = "",
    step: int | None = None,
    overdue_only: bool = False,
    waiting_only: bool = False,
    deadline_soon: bool = False,
    coordinator_only: bool = False,
    sort: str = "family",
    today: datetime.date | None = None,
) -> Caseload:
    """The plans `policy.visible_plans` gives this person (A1), each with their role, the
    overdue evaluations and the next one (R19), the entries waiting for a family reaction
    (R2, as the plan overview counts them) and the nearest decision deadline (R15).
    Searched, filtered, sorted and paged in SQL: the same queries for 5 plans or 500."""
    today = today or timezone.localdate()
    mine = (
        Participant.objects.filter(plan=OuterRef("pk"), user=user, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("id")
    )
    open_evaluations = Evaluation.objects.filter(plan=OuterRef("pk"), held_on__isnull=True)
    plans = (
        policy.visible_plans(user)
        .select_related("family")
        .annotate(
            my_role=Subquery(mine.values("role")[:1]),
            is_coordinator=Exists(
                Participant.objects.filter(pk=OuterRef("coordinator_id"), user=user)
            ),
            any_overdue=_count(open_evaluations.filter(scheduled_for__lt=today)),
            any_next=Subquery(
                open_evaluations.filter(scheduled_for__gte=today)
                .order_by("scheduled_for")
                .values("scheduled_for")[:1]
            ),
            any_waiting=_count(
                Entry.objects.filter(
                    plan=OuterRef("pk"), withdrawn_at__isnull=True, reactions__isnull=True
                )
            ),
            any_deadline=Subquery(
                Application.objects.filter(plan=OuterRef("pk"), outcome=ApplicationOutcome.PENDING)
                .order_by("deadline")
                .values("deadline")[:1]
            ),
        )
        .annotate(
            overdue_evaluations=_not_for_network("any_overdue", IntegerField()),
            next_evaluation=_not_for_network("any_next", DateField()),
            entries_waiting=_not_for_network("any_waiting", IntegerField()),
            nearest_deadline=_not_for_network("any_deadline", DateField()),
        )
    )
    if query.strip():
        plans = plans.filter(family__name__icontains=query.strip())
    if step is not None:
        plans = plans.filter(step=step)
    if overdue_only:
        plans = plans.filter(overdue_evaluations__gt=0)
    if waiting_only:
        plans = plans.filter(entries_waiting__gt=0)
    if deadline_soon:
        soon = today + datetime.timedelta(days=DEADLINE_SOON_DAYS)
        plans = plans.filter(nearest_deadline__lte=soon)
    if coordinator_only:
        plans = plans.filter(is_coordinator=True)
    name = Lower("family__name")
    order = {
        "step": [F("step").asc(), name],
        "deadline": [F("nearest_deadline").asc(nulls_last=True), name],
    }.get(sort, [name])
    return Caseload(plans.order_by(*order, "pk"), today)
