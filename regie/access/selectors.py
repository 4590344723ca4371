"""Reading the access log for pages and exports (A5). Only log columns, never case
content: the log holds labels and ids, not what was written in the plan."""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.access.events import EVENTS, Event, Outcome
from regie.access.models import AccessLogEntry
from regie.families.models import Family
from regie.plans.models import Role

PRIVACY_OFFICER_ROLE = "privacy_officer"
FUNCTIONAL_ADMIN_ROLE = "functional_admin"
_EXTRA_ROLES = {
    PRIVACY_OFFICER_ROLE: _("privacy officer"),
    FUNCTIONAL_ADMIN_ROLE: _("functioneel beheerder"),
}
# A6: an administrator reset the account of someone in the plan. The family sees that,
# when, and the administrator's role and organisation; the administrator is outside the
# plan, so like a refused outsider (A5) not by name.
ACCOUNT_RESET_EVENTS = frozenset({Event.EMAIL_CHANGED.code, Event.TWO_FACTOR_RESET.code})


# Issue 14: outcomes in words on the pages; the CSV keeps the codes.
OUTCOME_LABELS: dict[str, object] = {
    Outcome.SUCCESS: _("toegestaan"),
    Outcome.FAILURE: _("mislukt"),
    Outcome.REFUSED: _("geweigerd"),
}


def outcome_label(code: str) -> str:
    return str(OUTCOME_LABELS.get(code, code))


def role_label(code: str) -> str:
    """The Dutch name of the role a row was written in."""
    if code in Role.values:
        return str(Role(code).label)
    return str(_EXTRA_ROLES.get(code, code))


def what_happened(row: AccessLogEntry) -> str:
    """The family's sentence for the event, with the part of the plan if known."""
    kind = EVENTS.get(row.event)
    sentence = str(kind.sentence) if kind is not None else row.event
    return f"{sentence} ({row.part})" if row.part else sentence


@dataclass(frozen=True)
class LogLine:
    """One row as the privacy officer reads it: everything, ids included (NEN 7513)."""

    id: int
    at: datetime.datetime
    who: str
    role: str
    organisation: str
    on_behalf_of: str
    what: str
    outcome: str
    user_id: int | None
    family_id: uuid.UUID | None
    plan_id: uuid.UUID | None
    family_name: str = ""

    @property
    def outcome_label(self) -> str:
        return outcome_label(self.outcome)

    @property
    def refused(self) -> bool:
        return self.outcome != Outcome.SUCCESS


def log_line(row: AccessLogEntry, family_names: dict[uuid.UUID, str] | None = None) -> LogLine:
    return LogLine(
        id=row.pk,
        at=row.at,
        who=row.user_label,
        role=role_label(row.role),
        organisation=row.organisation,
        on_behalf_of=row.on_behalf_of,
        what=what_happened(row),
        outcome=row.outcome,
        user_id=row.user_id,
        family_id=row.family_id,
        plan_id=row.plan_id,
        family_name=(family_names or {}).get(row.family_id, "") if row.family_id else "",
    )


def family_names(rows: list[AccessLogEntry]) -> dict[uuid.UUID, str]:
    """The names of the families a page of log rows is about, in one query: the privacy
    officer finds families by name (`policy.may_search_access_log`), never their plans."""
    ids = {row.family_id for row in rows if row.family_id is not None}
    if not ids:
        return {}
    return dict(Family.objects.filter(public_id__in=ids).values_list("public_id", "name"))


def is_outsider_refusal(row: AccessLogEntry) -> bool:
    """Someone outside the plan was refused it. Rows from before OUTSIDER_REFUSED existed
    are the refusals written without a role in the plan."""
    if row.event == Event.OUTSIDER_REFUSED.code:
        return True
    return row.event == Event.PLAN_ACCESS_REFUSED.code and not row.role


@dataclass(frozen=True)
class FamilyLogLine:
    """One row as the family reads and downloads it (Wabvpz art. 15e): when, who, in
    which role and organisation, did what. Never a user id or an address, and never the
    name of someone outside the plan who was refused: that is for the privacy officer (A5)."""

    at: datetime.datetime
    event: str
    action: str
    outcome: str
    who: str
    role: str
    organisation: str
    on_behalf_of: str
    what: str


def _family_who(row: AccessLogEntry, outsider: bool) -> str:
    if outsider:
        return str(_("Iemand buiten het plan"))
    if row.event in ACCOUNT_RESET_EVENTS:
        return str(_("Een beheerder van Regie"))
    return row.user_label


def family_line(row: AccessLogEntry) -> FamilyLogLine:
    outsider = is_outsider_refusal(row)
    return FamilyLogLine(
        at=row.at,
        event=row.event,
        action=row.action,
        outcome=row.outcome,
        who=_family_who(row, outsider),
        role="" if outsider else role_label(row.role),
        # A professional is refused as one of their organisation; it stays, so the family
        # can ask that organisation why.
        organisation=row.organisation,
        on_behalf_of="" if outsider else row.on_behalf_of,
        what=str(Event.OUTSIDER_REFUSED.sentence) if outsider else what_happened(row),
    )


# The family's download of its plan's log: the columns of the page, no ids, no addresses.
FAMILY_EXPORT_COLUMNS: list[tuple[str, str]] = [
    ("at", "wanneer"),
    ("event", "gebeurtenis"),
    ("action", "handeling"),
    ("outcome", "uitkomst"),
    ("who", "wie"),
    ("role", "rol"),
    ("organisation", "organisatie"),
    ("on_behalf_of", "namens"),
    ("what", "wat"),
]


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def in_period(
    rows: QuerySet[AccessLogEntry], since: datetime.date | None, until: datetime.date | None
) -> QuerySet[AccessLogEntry]:
    """Rows from the start of `since` up to and including the day `until`, in local time."""
    if since is not None:
        rows = rows.filter(at__gte=_start_of(since))
    if until is not None:
        rows = rows.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return rows


def plan_log(
    plan_public_id: uuid.UUID,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AccessLogEntry]:
    """Who looked at and changed this plan, newest first (Wabvpz art. 15e). Read it
    through `family_line`, which leaves out what is only for the privacy officer."""
    rows = AccessLogEntry.objects.filter(plan_id=plan_public_id)
    return in_period(rows, since, until).order_by("-id")


@dataclass(frozen=True)
class LogQuery:
    family_or_plan: uuid.UUID | None = None
    user_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None

    def describe(self) -> str:
        """What was searched, for the LOG_SEARCHED / LOG_EXPORTED row's `part`."""
        parts = []
        if self.user_id is not None:
            parts.append(f"gebruiker {self.user_id}")
        if self.since is not None:
            parts.append(f"van {self.since:%Y-%m-%d}")
        if self.until is not None:
            parts.append(f"t/m {self.until:%Y-%m-%d}")
        return "; ".join(parts)


def search_log(query: LogQuery) -> QuerySet[AccessLogEntry]:
    """The privacy officer's search, newest first."""
    rows = AccessLogEntry.objects.all()
    if query.family_or_plan is not None:
        rows = rows.filter(Q(family_id=query.family_or_plan) | Q(plan_id=query.family_or_plan))
    if query.user_id is not None:
        rows = rows.filter(user_id=query.user_id)
    return in_period(rows, query.since, query.until).order_by("-id")


EXPORT_COLUMNS: list[tuple[str, str]] = [
    ("id", "id"),
    ("at", "wanneer"),
    ("event", "gebeurtenis"),
    ("action", "handeling"),
    ("outcome", "uitkomst"),
    ("user_id", "gebruiker_id"),
    ("user_label", "wie"),
    ("role", "rol"),
    ("organisation", "organisatie"),
    ("on_behalf_of", "namens"),
    ("family_id", "gezin_id"),
    ("plan_id", "plan_id"),
    ("object_type", "objecttype"),
    ("object_id", "object_id"),
    ("part", "deel"),
    ("ip_address", "ip_adres"),
    ("is_tombstone", "grafsteen"),
]
