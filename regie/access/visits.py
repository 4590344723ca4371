""" "Wie heeft ons plan bekeken?" per person per day (issue 14): the log rows of a plan
grouped in the database (GROUP BY person, role, organisation, day), so a plan with
thousands of rows reads one page of groups. What was done is counted per kind: pages
read, pdfs, downloads, changes, refusals. The family's own visits are left out unless
asked for. Outsiders who were refused stay nameless (A5), as in `selectors.family_line`."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regie.access.events import EVENTS, AuditAction, Event, Outcome
from regie.access.models import AccessLogEntry
from regie.access.selectors import ACCOUNT_RESET_EVENTS, role_label
from regie.plans.models import FAMILY_ROLES

A = AuditAction
_SUCCESS = Q(outcome=Outcome.SUCCESS)
_OUTSIDER = Q(event=Event.OUTSIDER_REFUSED.code) | Q(event=Event.PLAN_ACCESS_REFUSED.code, role="")
_RESET = Q(event__in=sorted(ACCOUNT_RESET_EVENTS))
# The family's own visits: reading, searching, printing and downloading their plan.
_LOOKING = [A.READ, A.SEARCH, A.PRINT, A.EXPORT]
FAMILY_OWN_VISITS = Q(role__in=sorted(FAMILY_ROLES), action__in=_LOOKING) & _SUCCESS


def _blank_for(condition: Q, field: str) -> Case:
    return Case(When(condition, then=Value("")), default=field, output_field=CharField())


def _count(condition: Q) -> Count:
    return Count("id", filter=condition)


def visits(rows: QuerySet[AccessLogEntry], *, own_visits: bool) -> QuerySet[Any]:
    """`rows` (one plan's log) grouped per person, role, organisation and day, newest day
    first. An outsider's refusal groups without name (A5); an administrator's account
    reset stays a line of its own, with whose account it was (A6)."""
    if not own_visits:
        rows = rows.exclude(FAMILY_OWN_VISITS)
    hidden = _OUTSIDER | _RESET
    return (
        rows.annotate(
            day=TruncDate("at", tzinfo=timezone.get_current_timezone()),
            who_id=Case(When(hidden, then=Value(None)), default="user_id"),
            who=_blank_for(hidden, "user_label"),
            kind=Case(
                When(_OUTSIDER, then=Value("outsider")),
                When(_RESET, then=Value("reset")),
                default=Value(""),
                output_field=CharField(),
            ),
            shown_role=_blank_for(_OUTSIDER, "role"),
            shown_for=_blank_for(_OUTSIDER, "on_behalf_of"),
            reset_event=Case(
                When(_RESET, then="event"), default=Value(""), output_field=CharField()
            ),
            reset_part=Case(When(_RESET, then="part"), default=Value(""), output_field=CharField()),
        )
        .order_by()
        .values(
            "day",
            "who_id",
            "who",
            "kind",
            "shown_role",
            "organisation",
            "shown_for",
            "reset_event",
            "reset_part",
        )
        .annotate(
            first=Min("at"),
            last=Max("at"),
            reads=_count(Q(action=A.READ) & _SUCCESS),
            prints=_count(Q(action=A.PRINT) & _SUCCESS),
            exports=_count(Q(action=A.EXPORT) & _SUCCESS),
            searches=_count(Q(action=A.SEARCH) & _SUCCESS),
            reminders=_count(Q(event=Event.REMINDER_SENT.code) & _SUCCESS),
            changes=_count(
                Q(action__in=[A.CREATE, A.UPDATE, A.DELETE])
                & _SUCCESS
                & ~Q(event=Event.REMINDER_SENT.code)
                & ~_RESET
            ),
            refused=_count(~_SUCCESS),
        )
        .order_by("-day", "-last", "who")
    )


@dataclass(frozen=True)
class Visit:
    """One person on one day, as the family reads it."""

    day: datetime.date
    first: datetime.datetime
    last: datetime.datetime
    who: str
    role: str
    organisation: str
    on_behalf_of: str
    what: str
    refused: bool
    event: str = ""  # the event of a line of its own (an account reset), else empty


def _what(group: dict[str, Any]) -> str:
    """What they did that day, in a few words: "bekeek 5 pagina's, downloadde de pdf"."""
    if group["kind"] == "reset":
        kind = EVENTS.get(group["reset_event"])
        sentence = str(kind.sentence) if kind is not None else group["reset_event"]
        return f"{sentence} ({group['reset_part']})" if group["reset_part"] else sentence
    if group["kind"] == "outsider":
        sentence = str(Event.OUTSIDER_REFUSED.sentence)
        n = group["refused"]
        times = _("%(n)s keer") % {"n": n}
        return sentence if n == 1 else f"{sentence} ({times})"
    parts = []
    n = group["reads"]
    if n:
        parts.append(ngettext("bekeek %(n)s pagina", "bekeek %(n)s pagina's", n) % {"n": n})
    n = group["changes"]
    if n:
        parts.append(
            ngettext(
                "schreef of veranderde 1 keer iets", "schreef of veranderde %(n)s keer iets", n
            )
            % {"n": n}
        )
    n = group["prints"]
    if n:
        parts.append(ngettext("downloadde de pdf", "downloadde de pdf %(n)s keer", n) % {"n": n})
    n = group["exports"]
    if n:
        parts.append(ngettext("downloadde een bestand", "downloadde %(n)s bestanden", n) % {"n": n})
    n = group["searches"]
    if n:
        parts.append(
            ngettext("doorzocht het toegangslog", "doorzocht %(n)s keer het toegangslog", n)
            % {"n": n}
        )
    n = group["reminders"]
    if n:
        parts.append(
            ngettext("stuurde een herinnering", "stuurde %(n)s herinneringen", n) % {"n": n}
        )
    n = group["refused"]
    if n:
        parts.append(
            ngettext("kreeg 1 keer geen toegang", "kreeg %(n)s keer geen toegang", n) % {"n": n}
        )
    return ", ".join(parts)


def visit(group: dict[str, Any]) -> Visit:
    who = group["who"]
    if group["kind"] == "outsider":
        who = _("Iemand buiten het plan")
    elif group["kind"] == "reset":
        who = _("Een beheerder van Regie")
    return Visit(
        day=group["day"],
        first=timezone.localtime(group["first"]),
        last=timezone.localtime(group["last"]),
        who=who,
        role=role_label(group["shown_role"]) if group["shown_role"] else "",
        organisation=group["organisation"],
        on_behalf_of=group["shown_for"],
        what=_what(group),
        refused=bool(group["refused"]),
        event=group["reset_event"],
    )
