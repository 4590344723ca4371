"""Reminders and in-app notifications. Nothing here holds case content: a notification
says *that* something waits in a plan ("Evaluatie over 7 dagen"), never what or about whom.
Both tables hang off the plan, so retention (A8) removes them with it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    EVALUATION_DUE = "evaluation_due", _("Er komt binnenkort een evaluatie")
    EVALUATION_OVERDUE = "evaluation_overdue", _("Een evaluatie is over datum")
    LATE_NOTICE_DUE = (
        "late_notice_due",
        _("Een aanvraag nadert de beslistermijn: laat het gezin weten als het besluit later komt"),
    )
    DEADLINE_REACHED = "deadline_reached", _("De beslistermijn van een aanvraag is verstreken")
    ENTRY_WAITING = "entry_waiting", _("Er wacht een aantekening op uw reactie")
    AFTERCARE_CONTACT = "aftercare_contact", _("Er komt een nazorgmoment aan")
    ACTION_DUE = "action_due", _("Uw actie moet binnenkort klaar zijn")
    CHECK_IN = "check_in", _("Hoe gaat het met de afspraken? Tijd om even bij te praten")
    INVITATION_EXPIRING = "invitation_expiring", _("Een uitnodiging verloopt binnenkort")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=NotificationKind.choices)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.CharField(
        _("melding"), max_length=200, help_text=_("Zonder inhoud uit het dossier.")
    )
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [
            models.Index(fields=["user", "read_at"]),
            # The notifications page: a person's newest first.
            models.Index(fields=["user", "created_at", "id"], name="notification_user_newest"),
        ]

    def __str__(self) -> str:
        return self.text


class SentReminder(models.Model):
    """The idempotency ledger: one row per reminder ever sent, by a deterministic key.
    The row is inserted before the notification in the same transaction; the unique key
    makes a second (or concurrent) run fail to insert and send nothing."""

    key = models.CharField(max_length=200, unique=True)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")

    def __str__(self) -> str:
        return self.key
