"""R17 meetings (a small table), 001 information agreements, R22 complaints."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from regie.access.events import Event
from regie.access.policy import Permission
from regie.accounts.models import Organisation
from regie.core.errors import RuleViolation
from regie.plans.models import (
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    ComplaintUpdate,
    InformationAgreement,
    Meeting,
    MeetingAttendee,
    Participant,
    Plan,
)
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


@transaction.atomic
def add_information_agreement(
    *,
    actor: Participant,
    plan: Plan,
    from_organisation: Organisation,
    to_organisation: Organisation,
    what: str,
    frequency: str,
) -> InformationAgreement:
    """001: organisations agree who reports what back to whom, and how often."""
    authorize(actor, Permission.ADD_INFO_AGREEMENT, plan=plan)
    in_plan = set(
        plan.participants.filter(organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    if from_organisation.pk not in in_plan or to_organisation.pk not in in_plan:
        raise RuleViolation("R16", _("Kies organisaties die in dit plan meedoen."))
    if not what.strip() or not frequency.strip():
        raise RuleViolation(
            "R16", _("Schrijf op wat er wordt teruggekoppeld en hoe vaak."), field="what"
        )
    agreement = InformationAgreement.objects.create(
        plan=plan,
        created_by=actor,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        what=what.strip(),
        frequency=frequency.strip(),
    )
    log(Event.INFO_AGREEMENT, actor=actor, plan=plan, obj=agreement)
    return agreement


def _notify_complaints_contact(complaint: Complaint) -> None:
    # No case content in e-mail: only that there is something to pick up in Regie.
    email = complaint.organisation.complaints_email
    if email:
        send_mail(
            subject=_("Nieuwe klacht of verzoek om second opinion in Regie"),
            message=_(
                "Een gezin heeft via Regie een %(kind)s ingediend over %(org)s. Log in om "
                "het te lezen en de status bij te werken."
            )
            % {"kind": complaint.get_kind_display(), "org": complaint.organisation.name},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )


@transaction.atomic
def file_complaint(
    *, actor: Participant, plan: Plan, organisation: Organisation, kind: str, text: str
) -> Complaint:
    """R22: one place to complain or ask for a second opinion about any organisation in
    the plan; it reaches that organisation's complaints contact."""
    authorize(actor, Permission.COMPLAIN, plan=plan)
    if not plan.participants.filter(
        organisation=organisation, approved_at__isnull=False, ends_on__isnull=True
    ).exists():
        raise RuleViolation(
            "R22", _("Kies een organisatie die in dit plan meedoet."), field="organisation"
        )
    if kind not in ComplaintKind.values:
        raise RuleViolation("R22", _("Kies klacht of second opinion."), field="kind")
    if not text.strip():
        raise RuleViolation("R22", _("Schrijf op waar het over gaat."), field="text")
    complaint = Complaint.objects.create(
        plan=plan, created_by=actor, organisation=organisation, kind=kind, text=text.strip()
    )
    ComplaintUpdate.objects.create(
        complaint=complaint, status=ComplaintStatus.SUBMITTED, changed_by=actor
    )
    log(Event.COMPLAINT_FILED, actor=actor, plan=plan, obj=complaint)
    transaction.on_commit(lambda: _notify_complaints_contact(complaint))
    return complaint


@transaction.atomic
def update_complaint(
    *, actor: Participant, complaint: Complaint, status: str, note: str = ""
) -> Complaint:
    """The organisation the complaint is about updates its status; the family sees it."""
    plan = complaint.plan
    authorize(actor, Permission.HANDLE_COMPLAINT, plan=plan)
    if actor.organisation_id != complaint.organisation_id:
        raise RuleViolation(
            "R22", _("Alleen de organisatie waarover de klacht gaat, behandelt haar.")
        )
    if status not in ComplaintStatus.values:
        raise RuleViolation("R22", _("Kies een status."), field="status")
    complaint.status = status
    complaint.save(update_fields=["status"])
    ComplaintUpdate.objects.create(
        complaint=complaint, status=status, note=note.strip(), changed_by=actor
    )
    log(Event.COMPLAINT_UPDATED, actor=actor, plan=plan, obj=complaint)
    return complaint
