"""What waits for one person in a plan (issue 14): one list with one count, so the overview
never says "nothing waits" next to a note to check. The overview reads its parts with its
own figures and lists (`figures`, `lists`, `build`); the answer to "Klopt dit?" on the
overview reads them alone (`to_do`)."""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from regie.access import policy
from regie.access.policy import Section
from regie.plans import workflow
from regie.plans.models import (
    Action,
    Decision,
    Entry,
    Evaluation,
    Goal,
    GoalScore,
    GoalStatus,
    Participant,
    Plan,
)
from regie.plans.selectors.common import (
    ENTRIES_PER_PAGE,
    counted,
    open_actions_of,
    team,
    visible_entries,
    visible_goals,
)

SCORE_AHEAD_DAYS = 7  # R19: a score can be given from a week before the evaluation
ENTRIES_LISTED = 3  # the newest notes to check, each with its link; the rest as a number


@dataclass(frozen=True)
class ToDoRights:
    """What this person may do from the list, as the policy answered for the request."""

    approve: bool = False  # R16: let a professional in
    react: bool = False  # R2: say whether a note is right
    score: bool = False  # R19: score a goal at an evaluation that is due
    answer: bool = False  # R14: say whether they agree with a decision


@dataclass
class ToDo:
    approvals: list[Participant] = field(default_factory=list)
    entries_waiting: int = 0  # every note to check, also those not listed
    entries: list[Entry] = field(default_factory=list)  # the newest, each with `entries_page`
    evaluation: uuid.UUID | None = None  # the public id of the evaluation that is due
    evaluation_on: datetime.date | None = None
    goals_to_score: list[Goal] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Everything that waits: each item of the list, each note to check counted."""
        return (
            len(self.approvals)
            + self.entries_waiting
            + len(self.goals_to_score)
            + len(self.decisions)
            + len(self.actions)
        )

    @property
    def entries_not_listed(self) -> int:
        return self.entries_waiting - len(self.entries)


def waiting_entries(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> QuerySet[Entry]:
    """R2: the notes this person reads (A3, A4) that nobody of the family reacted to yet."""
    return visible_entries(plan, viewer, seen).filter(
        withdrawn_at__isnull=True, reactions__isnull=True
    )


def figures(
    plan: Plan,
    today: datetime.date,
    viewer: Participant,
    seen: frozenset[Section],
    rights: ToDoRights,
) -> dict[str, Any]:
    """The to-do's figures, read with the page's own in one query: how many notes wait
    (for everyone who reads the notes: the overview's "what comes next" says it too) and
    the evaluation that is due now."""
    result: dict[str, Any] = {}
    if Section.ENTRIES in seen:
        result["entries_waiting"] = counted(waiting_entries(plan, viewer, seen))
    if rights.score and Section.EVALUATIONS in seen:
        due = Evaluation.objects.filter(
            plan=plan,
            held_on__isnull=True,
            scheduled_for__lte=today + datetime.timedelta(days=SCORE_AHEAD_DAYS),
        ).order_by("scheduled_for", "id")
        result["due_evaluation"] = Subquery(due.values("public_id")[:1])
        result["due_evaluation_on"] = Subquery(due.values("scheduled_for")[:1])
    return result


def lists(
    plan: Plan, viewer: Participant, seen: frozenset[Section], rights: ToDoRights
) -> dict[str, QuerySet[Any]]:
    """The to-do's short lists; the page reads each only when its figure says it has rows."""
    result: dict[str, QuerySet[Any]] = {"my_actions": open_actions_of(plan, viewer)}
    if rights.answer and Section.DECISIONS in seen:
        # R14: the decision that counts now is the latest; an earlier one nobody answered
        # is history, not a task.
        latest = Decision.objects.filter(plan=plan).order_by("-created_at", "-id")[:1]
        result["decisions"] = (
            Decision.objects.filter(pk__in=latest.values("pk"))
            .exclude(agreements__participant=viewer)
            .select_related("option")
        )
    return result


def with_my_score(
    goals: QuerySet[Goal], viewer: Participant, known: dict[str, Any]
) -> QuerySet[Goal]:
    """The goals, each with `scored`: whether this person scored it in the evaluation that
    is due (read with the goals, not apart)."""
    due = known.get("due_evaluation")
    if due is None:
        return goals
    mine = GoalScore.objects.filter(
        goal=OuterRef("pk"), participant=viewer, evaluation__public_id=due
    )
    return goals.annotate(scored=Exists(mine))


def waiting_for_approval(plan: Plan, members: list[Participant]) -> list[Participant]:
    """R16: the professionals who wait for the family's permission."""
    return [p for p in members if policy.waits_for_approval(p, plan)]


def build(
    plan: Plan,
    viewer: Participant,
    seen: frozenset[Section],
    rights: ToDoRights,
    *,
    known: dict[str, Any],
    shown: dict[str, list[Any]],
    members: list[Participant],
    goals: list[Goal],
) -> ToDo:
    """The list from what the page read: `known` its figures, `shown` its short lists
    (`lists`, read where they have rows), `members` the team, `goals` the active goals this
    person sees (`with_my_score`)."""
    waiting = known.get("entries_waiting", 0) if rights.react else 0
    due = known.get("due_evaluation")
    return ToDo(
        approvals=waiting_for_approval(plan, members) if rights.approve else [],
        entries_waiting=waiting,
        entries=_listed_entries(plan, viewer, seen) if waiting else [],
        evaluation=due,
        evaluation_on=known.get("due_evaluation_on"),
        goals_to_score=[g for g in goals if not getattr(g, "scored", True)] if due else [],
        decisions=shown.get("decisions", []),
        actions=shown.get("my_actions", []),
    )


def _listed_entries(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> list[Entry]:
    """The newest notes to check, each with `entries_page`: the page of the overview's
    notes (newest first) that shows it, so its link opens there (issue 13)."""
    newer = visible_entries(plan, viewer, seen).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    rows: list[Entry] = list(
        waiting_entries(plan, viewer, seen).annotate(newer=counted(newer))[:ENTRIES_LISTED]
    )
    for entry in rows:
        entry.entries_page = vars(entry)["newer"] // ENTRIES_PER_PAGE + 1  # type: ignore[attr-defined]
    return rows


def to_do(
    plan: Plan,
    today: datetime.date,
    viewer: Participant,
    seen: frozenset[Section],
    rights: ToDoRights,
) -> ToDo:
    """The list on its own (the overview's htmx answers): the same parts as the overview."""
    short = lists(plan, viewer, seen, rights)
    checks = {**figures(plan, today, viewer, seen, rights)}
    checks.update({f"any_{name}": Exists(rows) for name, rows in short.items()})
    if rights.approve:  # the team is read only when someone waits (R16)
        checks["any_approvals"] = workflow.move_checks(plan)["pending"]
    known = workflow.read_facts(plan, checks)
    shown = {name: list(rows) if known[f"any_{name}"] else [] for name, rows in short.items()}
    goals = (
        list(with_my_score(active_goals_seen(plan, viewer, seen), viewer, known))
        if known.get("due_evaluation")
        else []
    )
    members = team(plan) if known.get("any_approvals") else []
    return build(plan, viewer, seen, rights, known=known, shown=shown, members=members, goals=goals)


def active_goals_seen(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> QuerySet[Goal]:
    return visible_goals(plan, viewer, seen).filter(status=GoalStatus.ACTIVE)
