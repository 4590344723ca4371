"""What several pages read: the team, the entries and what is kept from parents (A3, A3b,
A4), the goals, actions and meetings a person sees, and the decision deadlines (R15)."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, DenseRank
from django.utils.translation import ngettext

from regie.access import policy
from regie.access.policy import Section
from regie.plans.models import (
    Action,
    ActionStatus,
    Application,
    ApplicationOutcome,
    Entry,
    EntryReaction,
    Evaluation,
    FamilyGroupPlan,
    Goal,
    LateNotice,
    Meeting,
    NetworkAssessment,
    Participant,
    Plan,
    Wish,
)
from regie.plans.selectors.corrections import attach_earlier_versions

LATE_NOTICE_WARNING_DAYS = 14  # R15: from week 6 the family should hear if it will be late


def team(plan: Plan) -> list[Participant]:
    """Everyone with a role in the plan, ended roles too; `organisation_order` puts their
    organisations in the database's order of names, so a page can list those without
    reading them again (issue 13)."""
    by_name = Window(DenseRank(), order_by=F("organisation__name").asc())
    return list(
        plan.participants.select_related("person", "user", "organisation", "approved_by__person")
        .annotate(organisation_order=by_name)
        .order_by("role", "id")
    )


def counted(queryset: QuerySet[Any], per: str = "plan") -> Coalesce:
    """The number of rows of `queryset` (filtered on `<per>=OuterRef(...)`, one value of
    `per`), as an annotation: 0 when there are none."""
    rows = queryset.order_by().values(per).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows), 0)


def entries_waiting() -> Coalesce:
    """R2: a plan's entries that wait for a reaction of the family, as an annotation."""
    return counted(
        Entry.objects.filter(plan=OuterRef("pk"), withdrawn_at__isnull=True, reactions__isnull=True)
    )


def evaluation_figures(today: datetime.date) -> dict[str, Any]:
    """R19: how many of a plan's evaluations are late, and the date of the next one, as
    annotations."""
    open_evaluations = Evaluation.objects.filter(plan=OuterRef("pk"), held_on__isnull=True)
    return {
        "overdue_evaluations": counted(open_evaluations.filter(scheduled_for__lt=today)),
        "next_evaluation": Subquery(
            open_evaluations.filter(scheduled_for__gte=today)
            .order_by("scheduled_for")
            .values("scheduled_for")[:1]
        ),
    }


def with_author(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Records shown with who wrote them."""
    return queryset.select_related("created_by__person", "created_by__user")


def visible_entries(plan: Plan, viewer: Participant, seen: frozenset[Section]) -> QuerySet[Entry]:
    """A3, A3b: without the share a professional reads only their own entries and a network
    member none; A4: a parent reads none that a youth keeps from them."""
    queryset: QuerySet[Entry] = not_kept(Entry.objects.filter(plan=plan), viewer)
    if Section.ENTRIES in seen:
        return queryset
    if viewer.is_professional:
        return queryset.filter(created_by=viewer)
    return queryset.none()


ENTRIES_PER_PAGE = 20  # issue 13: a plan with 1,000 entries opens as fast as one with 10


@dataclass
class EntryPage:
    """One page of entries, newest first (issue 13): page 1 is the newest."""

    entries: list[Entry]
    number: int
    has_older: bool

    @property
    def first(self) -> int:
        """The place of the page's first entry, counted from the newest (1)."""
        return (self.number - 1) * ENTRIES_PER_PAGE + 1

    @property
    def last(self) -> int:
        return self.first + len(self.entries) - 1


def entries(
    plan: Plan, viewer: Participant, seen: frozenset[Section], *, step: int | None = None
) -> list[Entry]:
    """All entries this person may read (`visible_entries`), newest first, each with its
    earlier versions (R2): for the downloads, which hold everything."""
    return attach_earlier_versions(list(_shown(_entries(plan, viewer, seen, step))))


def entry_page(
    plan: Plan,
    viewer: Participant,
    seen: frozenset[Section],
    *,
    number: int = 1,
    step: int | None = None,
    members: list[Participant] | None = None,
) -> EntryPage:
    """Page `number` of the entries this person may read: only its rows, their reactions
    and earlier versions are read, however many entries the plan has. `members`: the
    plan's participants as `team` read them, if the page has them (see `_shown`)."""
    start = (number - 1) * ENTRIES_PER_PAGE
    shown = _shown(_entries(plan, viewer, seen, step), members)
    rows = _with_people(list(shown[start : start + ENTRIES_PER_PAGE + 1]), members)
    return EntryPage(
        entries=attach_earlier_versions(rows[:ENTRIES_PER_PAGE]),
        number=number,
        has_older=len(rows) > ENTRIES_PER_PAGE,
    )


def shown_entry(
    plan: Plan, viewer: Participant, seen: frozenset[Section], public_id: str
) -> Entry | None:
    """One entry with everything its card shows, if this person may read it (as
    `visible_entries`), else None: the part of a page an htmx answer sends back."""
    try:
        uuid.UUID(public_id)
    except ValueError:
        return None
    rows = list(_shown(visible_entries(plan, viewer, seen).filter(public_id=public_id)))
    return attach_earlier_versions(rows)[0] if rows else None


def entry_page_number(
    plan: Plan, viewer: Participant, seen: frozenset[Section], entry: Entry, step: int | None
) -> int:
    """The page that holds `entry` (1 if this list does not show it): a form posted for
    an older entry comes back on that entry's page, with what was typed (issue 13)."""
    newer = _entries(plan, viewer, seen, step).filter(
        Q(created_at__gt=entry.created_at) | Q(created_at=entry.created_at, pk__gt=entry.pk)
    )
    return newer.count() // ENTRIES_PER_PAGE + 1


def _entries(
    plan: Plan, viewer: Participant, seen: frozenset[Section], step: int | None
) -> QuerySet[Entry]:
    queryset = visible_entries(plan, viewer, seen)
    return queryset if step is None else queryset.filter(step=step)


# Who an entry's card names: its author, whom it is about, who keeps it from the parents.
ENTRY_PEOPLE = ("created_by", "about", "kept_from_parents_by")


def _shown(queryset: QuerySet[Entry], members: list[Participant] | None = None) -> QuerySet[Entry]:
    """Entries with everything their card shows (Meta.ordering: newest first). The people
    they name are the plan's own participants: a page that read them already passes them
    as `members` (`_with_people` puts them in place). Joined in SQL they made the query 12
    tables, which PostgreSQL took about 10 ms to plan on every page (issue 13)."""
    if members is not None:
        return queryset.prefetch_related("reactions")
    return queryset.select_related(
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


def _with_people(rows: list[Entry], members: list[Participant] | None) -> list[Entry]:
    """Each entry and reaction given its people from `members` (when `_shown` had them);
    one that is not among them (none, as every record names this plan's own participants)
    would still be read by Django on first use rather than shown wrong."""
    if members is None:
        return rows
    by_id = {member.pk: member for member in members}
    for entry in rows:
        for name in ENTRY_PEOPLE:
            _put(entry, name, by_id)
        for reaction in entry.reactions.all():
            _put(reaction, "participant", by_id)
    return rows


def _put(record: Any, name: str, by_id: dict[int, Participant]) -> None:
    member = by_id.get(getattr(record, f"{name}_id"))
    if member is not None:
        setattr(record, name, member)


def not_kept(queryset: QuerySet[Any], viewer: Participant) -> QuerySet[Any]:
    """The records of `queryset` this person sees (A4)."""
    if policy.misses_kept_records(viewer):
        return queryset.filter(kept_from_parents_by__isnull=True)
    return queryset


def kept_notes(plan: Plan, viewer: Participant, today: datetime.date) -> list[str]:
    """A4: tell a parent that something is kept from them, and by whom, never what."""
    if not policy.misses_kept_records(viewer):
        return []
    kept_wishes, kept_entries = (
        model.objects.filter(plan=plan, kept_from_parents_by__isnull=False)
        .order_by()  # a union takes no ordering of its parts
        .values_list(
            "kept_from_parents_by",
            "kept_from_parents_by__person__first_name",
            "kept_from_parents_by__person__birth_date",
        )
        for model in (Wish, Entry)
    )
    keepers: dict[int, list[Any]] = {}
    for keeper, name, born in kept_wishes.union(kept_entries, all=True):  # one query
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


def open_actions_of(plan: Plan, viewer: Participant) -> QuerySet[Action]:
    """What waits for this person (R12: each action has one owner)."""
    return Action.objects.filter(plan=plan, owner=viewer, status=ActionStatus.OPEN).select_related(
        "goal"
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


def visible_meetings(plan: Plan, viewer: Participant) -> QuerySet[Meeting]:
    """A3b: school and GP see the meetings they are invited to (R17's table)."""
    meetings = Meeting.objects.filter(plan=plan)
    if not policy.sees_all_meetings(viewer):
        meetings = meetings.filter(attendees__participant=viewer)
    return meetings


@dataclass
class DeadlineView:
    application: Application
    days_left: int
    needs_late_notice: bool
    late_without_notice: bool


def with_notice(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Applications with `noticed`: whether the family was told in time it will be late."""
    told = LateNotice.objects.filter(application=OuterRef("pk"), sent_on__lte=OuterRef("deadline"))
    return applications.annotate(noticed=Exists(told))


def deadlines(plan: Plan, today: datetime.date) -> list[DeadlineView]:
    """R15: days left on each pending application, and whether the family must be told."""
    return deadline_views(with_notice(pending_applications(plan)), today)


def deadline_views(applications: Iterable[Any], today: datetime.date) -> list[DeadlineView]:
    """`deadlines` of applications read `with_notice` (so each has `noticed`): the pending
    ones among them."""
    views = []
    for application in applications:
        if application.outcome != ApplicationOutcome.PENDING:
            continue
        days_left = (application.deadline - today).days
        noticed = application.noticed
        views.append(
            DeadlineView(
                application=application,
                days_left=days_left,
                needs_late_notice=not noticed and 0 <= days_left <= LATE_NOTICE_WARNING_DAYS,
                late_without_notice=not noticed and days_left < 0,
            )
        )
    return views


def pending_applications(plan: Plan) -> QuerySet[Application]:
    return Application.objects.filter(plan=plan, outcome=ApplicationOutcome.PENDING)


def network_assessment(plan: Plan) -> NetworkAssessment | None:
    """R10: what the family and network do themselves, once per plan (None: not yet)."""
    return NetworkAssessment.objects.filter(plan=plan).first()


def group_plan(plan: Plan) -> FamilyGroupPlan | None:
    """R11: the offer of a family group plan and the answer, once per plan (None: not yet)."""
    return FamilyGroupPlan.objects.filter(plan=plan).first()
