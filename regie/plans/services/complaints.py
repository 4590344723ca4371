"""R22: one place to complain or ask for a second opinion about an organisation in the
plan, and the organisation's answer."""

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
    Participant,
    Plan,
)
from regie.plans.services.common import authorize, log


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
