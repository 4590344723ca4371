"""What the family shares beyond what a role sees by default (A3, A3b), and the
child-protection worker's safety decisions for school and GP in a compulsory framework."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.plans.models.base import PlanRecord
from regie.plans.models.plan import Participant


class ShareKind(models.TextChoices):
    """Parts of the plan that can be opened to one person. By default a network member,
    school or GP sees their own actions, the goals those serve and meeting dates; a care
    provider sees everything but other people's entries (policy.ROLE_SECTIONS)."""

    GOALS = "goals", _("alle doelen")
    ACTIONS = "actions", _("alle acties")
    WISHES = "wishes", _("de wensen")
    STORY = "story", _("ons verhaal en de hulpvraag")
    ANALYSIS = "analysis", _("zorgen, sterke kanten en het hele beeld")
    DECISIONS = "decisions", _("mogelijkheden en besluiten over hulp")
    EVALUATIONS = "evaluations", _("de evaluaties")
    ENTRIES = "entries", _("aantekeningen van hulpverleners")


class Share(PlanRecord):
    """One part opened to one person until it is revoked. A share the child-protection
    worker makes for safety carries the reason, which the family reads (A3b)."""

    shared_with = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="shares", verbose_name=_("met wie")
    )
    kind = models.CharField(_("wat"), max_length=12, choices=ShareKind.choices)
    for_safety = models.BooleanField(_("besluit voor de veiligheid"), default=False)
    reason = models.TextField(_("waarom"), blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        Participant, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shared_with", "kind"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_share_per_kind",
            )
        ]


__all__ = ["Share", "ShareKind"]
