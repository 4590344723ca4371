"""R17: meetings with a small table; who sits there and why."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from regie.access.events import Event
from regie.access.policy import Permission
from regie.core.errors import RuleViolation
from regie.plans.models import Meeting, MeetingAttendee, Participant, Plan
from regie.plans.services.common import authorize, log, own_participant


def table_warning(attendees: list[Participant]) -> str:
    """R17: warn, without refusing, when too many professionals sit at the table."""
    professionals = sum(1 for p in attendees if p.is_professional)
    limit = settings.REGIE_MAX_PROFESSIONALS_AT_TABLE
    if professionals > limit:
        return _(
            "Er zitten %(n)s hulpverleners aan tafel; meer dan %(max)s kan een gezin "
            "overweldigen. Kies wie echt nodig is."
        ) % {"n": professionals, "max": limit}
    return ""


@transaction.atomic
def plan_meeting(
    *,
    actor: Participant,
    plan: Plan,
    title: str,
    planned_at: datetime.datetime,
    attendees: list[tuple[Participant, str]],
    step: int | None = None,
) -> tuple[Meeting, str]:
    """R17: record who is needed at the table and why. Returns the meeting and the
    small-table warning (empty when the table is small enough)."""
    authorize(actor, Permission.PLAN_MEETING, plan=plan)
    if not title.strip():
        raise RuleViolation("R17", _("Geef het overleg een onderwerp."), field="title")
    if not attendees:
        raise RuleViolation("R17", _("Kies wie er aan tafel nodig is."), field="attendees")
    meeting = Meeting.objects.create(
        plan=plan,
        created_by=actor,
        step=step or plan.step,
        title=title.strip(),
        planned_at=planned_at,
    )
    for participant, why in attendees:
        own_participant(plan, participant)
        if participant.is_professional and not why.strip():
            raise RuleViolation(
                "R17",
                _("Schrijf op waarom %(name)s nodig is.") % {"name": participant.display_name},
                field="attendees",
            )
        MeetingAttendee.objects.create(meeting=meeting, participant=participant, why_needed=why)
    log(Event.MEETING_PLANNED, actor=actor, plan=plan, obj=meeting)
    return meeting, table_warning([participant for participant, _why in attendees])
