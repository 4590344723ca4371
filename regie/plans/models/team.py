"""Working together around the family: meetings, consultations, information agreements
between organisations and complaints (R16–R18, R22, 001)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.plans.models.base import PlanRecord
from regie.plans.models.plan import Participant, Step


class Meeting(PlanRecord):
    step = models.PositiveSmallIntegerField(_("stap"), choices=Step.choices)
    title = models.CharField(_("onderwerp"), max_length=200)
    planned_at = models.DateTimeField(_("wanneer"))
    notes = models.TextField(_("verslag"), blank=True)

    class Meta:
        ordering = ["planned_at", "id"]


class MeetingAttendee(models.Model):
    """R17: who is needed at the table for this meeting, and why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    participant = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    why_needed = models.CharField(_("waarom nodig"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="attend_once")
        ]


class ConsultationKind(models.TextChoices):
    BEHAVIOURAL_SCIENTIST = "behavioural", _("overleg met gedragswetenschapper")
    CASE_DISCUSSION = "case", _("casuïstiekbespreking")
    SAFETY_ASSESSMENT = "safety", _("veiligheidsinschatting met gedragswetenschapper")


class Consultation(PlanRecord):
    """R18 consultations and case discussions; R6 safety assessments."""

    kind = models.CharField(_("soort"), max_length=12, choices=ConsultationKind.choices)
    consultant = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gedragswetenschapper"),
    )
    held_on = models.DateField(_("datum"))
    question = models.TextField(_("vraag"))
    advice = models.TextField(_("advies"))
    child_is_safe = models.BooleanField(
        _("is het kind veilig als er niets verandert?"), null=True, blank=True
    )
    picture = models.ForeignKey(
        "plans.CoherentPicture", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["held_on", "id"]


class InformationAgreement(PlanRecord):
    """001: clear agreements between organisations on who reports what back, and how often."""

    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("van")
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("aan")
    )
    what = models.TextField(_("wat wordt teruggekoppeld?"))
    frequency = models.CharField(_("hoe vaak"), max_length=120)

    class Meta:
        ordering = ["created_at", "id"]


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("klacht")
    SECOND_OPINION = "second_opinion", _("second opinion")


class ComplaintStatus(models.TextChoices):
    SUBMITTED = "submitted", _("verstuurd")
    RECEIVED = "received", _("ontvangen door de organisatie")
    IN_PROGRESS = "in_progress", _("in behandeling")
    CLOSED = "closed", _("afgehandeld")


class Complaint(PlanRecord):
    """R22: one place to complain about any organisation in the plan."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("over welke organisatie"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ComplaintKind.choices)
    text = models.TextField(_("wat wilt u kwijt?"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.SUBMITTED,
    )

    class Meta:
        ordering = ["-created_at", "-id"]


class ComplaintUpdate(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=ComplaintStatus.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(Participant, on_delete=models.RESTRICT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]


__all__ = [
    "Complaint",
    "ComplaintKind",
    "ComplaintStatus",
    "ComplaintUpdate",
    "Consultation",
    "ConsultationKind",
    "InformationAgreement",
    "Meeting",
    "MeetingAttendee",
]
