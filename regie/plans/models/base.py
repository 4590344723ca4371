"""Pieces every plan record shares."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanRecord(models.Model):
    """Something written in a plan, by someone in it. Deleting the plan (only retention,
    A8, does that) removes it; nothing else deletes it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="%(class)s_set")
    created_by = models.ForeignKey(
        "plans.Participant",
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("geschreven door"),
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        abstract = True


class Withdrawable(models.Model):
    """Withdrawn instead of deleted, so the trail stays (R2: nothing disappears)."""

    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "plans.Participant", on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(_("reden van intrekken"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class KeptFromParents(models.Model):
    """A4: a youth keeps this from their parents (from 12 their own words, from 16 also
    what is written about them; Jeugdwet art. 7.3.5)."""

    kept_from_parents_by = models.ForeignKey(
        "plans.Participant",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("niet gedeeld met ouders door"),
    )

    class Meta:
        abstract = True
