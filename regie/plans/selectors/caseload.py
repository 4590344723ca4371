"""The caseload: a professional's list of their plans (issue 5; A1, R2, R15, R19)."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, overload

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, Lower
from django.utils import timezone

from regie.access import policy
from regie.accounts.models import User
from regie.plans.models import (
    NETWORK_ROLES,
    Action,
    ActionStatus,
    Application,
    ApplicationOutcome,
    Evaluation,
    Participant,
    Plan,
    Role,
)
from regie.plans.selectors.common import counted, entries_waiting, evaluation_figures

# "due" first: a busy worker's first question is what cannot wait (issue 14).
CASELOAD_SORTS = ("due", "family", "step", "deadline")
DEFAULT_SORT = "due"
DEADLINE_SOON_DAYS = 14  # "beslistermijn binnen 14 dagen": runs out within two weeks or ran out
WEEK_DAYS = 7  # "deze week": due within the next seven days, today not counted
# Stands in for "nothing due" where a database's LEAST() would give NULL for any NULL.
_NEVER = datetime.date(9999, 12, 31)


class DueKind(StrEnum):
    """What a plan's first due date is (R15, R19, R12), for the row's words."""

    EVALUATION = "evaluation"
    DEADLINE = "deadline"
    ACTION = "action"


@dataclass(frozen=True)
class DueSummary:
    """How many plans of the list have something overdue, due today and due within the
    week: counted from the same first due date the rows show and sort on."""

    overdue: int
    today: int
    this_week: int


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
    overdue_actions: int | None = None
    first_due: datetime.date | None = None
    first_due_kind: DueKind | None = None
    today: datetime.date | None = None

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

    @property
    def due_in(self) -> int | None:
        """Days until the first due date: negative when it is overdue."""
        if self.first_due is None or self.today is None:
            return None
        return (self.first_due - self.today).days

    @property
    def due_days_over(self) -> int:
        due_in = self.due_in
        return -due_in if due_in is not None and due_in < 0 else 0


class Caseload:
    """The caseload as a lazy sequence: Django's Paginator counts it and slices one page in
    SQL, and every row is built from annotations, never from a query per row."""

    def __init__(self, plans: QuerySet[Plan], today: datetime.date) -> None:
        self.plans = plans
        self.today = today
        self._counts: tuple[int, DueSummary] | None = None

    def count(self) -> int:
        """The number of plans, read with the summary in one query."""
        return self._read_counts()[0]

    @property
    def summary(self) -> DueSummary:
        return self._read_counts()[1]

    def _read_counts(self) -> tuple[int, DueSummary]:
        if self._counts is not None:
            return self._counts
        week_end = self.today + datetime.timedelta(days=WEEK_DAYS)
        counts = self.plans.order_by().aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(shown_due__lt=self.today)),
            today=Count("pk", filter=Q(shown_due=self.today)),
            this_week=Count("pk", filter=Q(shown_due__gt=self.today, shown_due__lte=week_end)),
        )
        summary = DueSummary(
            overdue=counts["overdue"], today=counts["today"], this_week=counts["this_week"]
        )
        self._counts = (counts["total"], summary)
        return self._counts

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
        row = CaseloadRow(
            plan=plan,
            my_role=annotated["my_role"] or "",
            is_coordinator=annotated["is_coordinator"],
            overdue_evaluations=annotated["overdue_evaluations"],
            next_evaluation=annotated["next_evaluation"],
            entries_waiting=annotated["entries_waiting"],
            nearest_deadline=deadline,
            days_left=(deadline - self.today).days if deadline is not None else None,
            overdue_actions=annotated["overdue_actions"],
            today=self.today,
        )
        if row.signals_shown:
            return replace(row, **_first_due(annotated))
        return replace(
            row,
            overdue_evaluations=None,
            next_evaluation=None,
            entries_waiting=None,
            nearest_deadline=None,
            days_left=None,
            overdue_actions=None,
        )


def _first_due(annotated: dict[str, Any]) -> dict[str, Any]:
    """The earliest of the open evaluations, pending deadlines and open actions, and which
    it is; a deadline wins a tie, as the law sets it (R15)."""
    dates = [
        (annotated["nearest_deadline"], DueKind.DEADLINE),
        (annotated["first_evaluation"], DueKind.EVALUATION),
        (annotated["first_action"], DueKind.ACTION),
    ]
    known = [(day, kind) for day, kind in dates if day is not None]
    if not known:
        return {}
    day, kind = min(known, key=lambda pair: pair[0])
    return {"first_due": day, "first_due_kind": kind}


# A3: a network member sees evaluations, entries and decisions only when the family shares
# them; the caseload shows them none of it. Each figure is one subquery, selected once:
# rows hide them in Python (Caseload._row), and only a filter or the deadline order repeats
# a figure in SQL (PostgreSQL cannot reuse a select's subquery in WHERE or ORDER BY).
_SIGNALS_SHOWN = ~Q(my_role__in=sorted(NETWORK_ROLES))


def caseload(
    user: User,
    *,
    query: str = "",
    step: int | None = None,
    overdue_only: bool = False,
    waiting_only: bool = False,
    deadline_soon: bool = False,
    coordinator_only: bool = False,
    sort: str = DEFAULT_SORT,
    today: datetime.date | None = None,
) -> Caseload:
    """The plans `policy.visible_plans` gives this person (A1), each with their role, the
    overdue evaluations and the next one (R19), the entries waiting for a family reaction
    (R2, as the plan overview counts them), the nearest decision deadline (R15), the
    overdue actions (R12) and what is due first; by default what is due first comes first
    (overdue, then the soonest, then the name: issue 14).
    Searched, filtered, sorted and paged in SQL: the same queries for 5 plans or 500."""
    today = today or timezone.localdate()
    plans = _with_figures(policy.visible_plans(user), user, today)
    if query.strip():
        plans = plans.filter(family__name__icontains=query.strip())
    if step is not None:
        plans = plans.filter(step=step)
    if overdue_only:
        plans = plans.filter(_SIGNALS_SHOWN, overdue_evaluations__gt=0)
    if waiting_only:
        plans = plans.filter(_SIGNALS_SHOWN, entries_waiting__gt=0)
    if deadline_soon:
        soon = today + datetime.timedelta(days=DEADLINE_SOON_DAYS)
        plans = plans.filter(_SIGNALS_SHOWN, nearest_deadline__lte=soon)
    if coordinator_only:
        plans = plans.filter(is_coordinator=True)
    name = Lower("family__name")
    shown_deadline = Case(
        When(_SIGNALS_SHOWN, then=F("nearest_deadline")),
        default=Value(None),
        output_field=DateField(),
    )
    by_due: list[Any] = [F("shown_due").asc(), name]
    order: list[Any] = {
        "due": by_due,
        "family": [name],
        "step": [F("step").asc(), name],
        "deadline": [shown_deadline.asc(nulls_last=True), name],
    }.get(sort, by_due)
    return Caseload(plans.order_by(*order, "pk"), today)


def _with_figures(plans: QuerySet[Plan], user: User, today: datetime.date) -> QuerySet[Any]:
    """Each plan with this person's role in it and its figures, one subquery each; and,
    as an alias for the order and the summary, what is due first (hidden from a network
    member, A3)."""
    mine = (
        Participant.objects.filter(plan=OuterRef("pk"), user=user, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("id")
    )
    evaluations = evaluation_figures(today)
    open_actions = Action.objects.filter(
        plan=OuterRef("pk"), status=ActionStatus.OPEN, due_on__isnull=False
    )
    return (
        plans.select_related("family")
        .annotate(
            my_role=Subquery(mine.values("role")[:1]),
            is_coordinator=Exists(
                Participant.objects.filter(pk=OuterRef("coordinator_id"), user=user)
            ),
            overdue_evaluations=evaluations["overdue_evaluations"],
            next_evaluation=evaluations["next_evaluation"],
            entries_waiting=entries_waiting(),
            nearest_deadline=Subquery(
                Application.objects.filter(plan=OuterRef("pk"), outcome=ApplicationOutcome.PENDING)
                .order_by("deadline")
                .values("deadline")[:1]
            ),
            overdue_actions=counted(open_actions.filter(due_on__lt=today)),
            first_evaluation=_earliest(
                Evaluation.objects.filter(plan=OuterRef("pk"), held_on__isnull=True),
                "scheduled_for",
            ),
            first_action=_earliest(open_actions, "due_on"),
        )
        # A3: what comes first, for sorting and the summary; nothing for a network member.
        .alias(
            shown_due=Case(
                When(
                    _SIGNALS_SHOWN,
                    then=Least(
                        Coalesce("nearest_deadline", Value(_NEVER)),
                        Coalesce("first_evaluation", Value(_NEVER)),
                        Coalesce("first_action", Value(_NEVER)),
                    ),
                ),
                default=Value(_NEVER),
                output_field=DateField(),
            )
        )
    )


def _earliest(rows: QuerySet[Any], field: str) -> Subquery:
    """The earliest `field` of a plan's `rows`, as an annotation (an index probe on plan)."""
    return Subquery(rows.order_by().values("plan").annotate(first=Min(field)).values("first"))
