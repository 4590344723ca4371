"""The caseload: a professional's list of their plans (issue 5; A1, R2, R15, R19)."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import overload

from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.utils import timezone

from regie.access import policy
from regie.accounts.models import User
from regie.plans.models import (
    NETWORK_ROLES,
    Application,
    ApplicationOutcome,
    Participant,
    Plan,
    Role,
)
from regie.plans.selectors.common import entries_waiting, evaluation_figures

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
        row = CaseloadRow(
            plan=plan,
            my_role=annotated["my_role"] or "",
            is_coordinator=annotated["is_coordinator"],
            overdue_evaluations=annotated["overdue_evaluations"],
            next_evaluation=annotated["next_evaluation"],
            entries_waiting=annotated["entries_waiting"],
            nearest_deadline=deadline,
            days_left=(deadline - self.today).days if deadline is not None else None,
        )
        if row.signals_shown:
            return row
        return replace(
            row,
            overdue_evaluations=None,
            next_evaluation=None,
            entries_waiting=None,
            nearest_deadline=None,
            days_left=None,
        )


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
    evaluations = evaluation_figures(today)
    plans = (
        policy.visible_plans(user)
        .select_related("family")
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
        )
    )
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
    order = {
        "step": [F("step").asc(), name],
        "deadline": [shown_deadline.asc(nulls_last=True), name],
    }.get(sort, [name])
    return Caseload(plans.order_by(*order, "pk"), today)
