"""The access log (A5, NEN 7513). Rows hold ids and labels, not foreign keys, so they
outlive what they describe (A8 purges a plan, the log keeps the fact).

Append-only: the ORM refuses save() of an existing row, delete() and queryset delete();
on PostgreSQL a trigger (migration 0002) refuses UPDATE, DELETE and TRUNCATE, except the
one update that turns a row into a tombstone (`regie.access.log.tombstone_plan_rows`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.access.events import Outcome


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("The access log is append-only.")


class AccessLogEntry(models.Model):
    at = models.DateTimeField(_("wanneer"), db_index=True)
    event = models.CharField(_("gebeurtenis"), max_length=40)
    action = models.CharField(_("handeling"), max_length=10)
    outcome = models.CharField(_("uitkomst"), max_length=10, default=Outcome.SUCCESS)
    user_id = models.BigIntegerField(null=True)
    user_label = models.CharField(_("wie"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=40, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    family_id = models.UUIDField(null=True, db_index=True)
    plan_id = models.UUIDField(null=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    part = models.CharField(_("welk deel"), max_length=80, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True)
    # The chain: hash = HMAC(key, prev_hash + content_hash). A purged plan's rows become
    # tombstones: their content is cleared, content_hash and hash stay, so the chain
    # still verifies (A8).
    content_hash = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    is_tombstone = models.BooleanField(default=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        # A person's recent refusals are counted on every refused attempt (the throttle).
        indexes = [models.Index(fields=["user_id", "at"], name="access_log_user_at")]
        verbose_name = _("logregel")
        verbose_name_plural = _("toegangslog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} {self.event}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("The access log is append-only.")
