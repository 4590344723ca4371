"""The access log (A5, NEN 7513). Rows hold ids and labels, not foreign keys, so they
outlive what they describe (A8 purges a plan, the log keeps the fact).

Two append-only tables (docs/access-log.md): `AccessLogEntry` is what happened, written
by one plain INSERT that waits for no one; `AccessLogSeal` is the hash chain over the
entries, one seal per entry in the order the sealer found them (`regie.access.sealing`).
The ORM refuses save() of an existing row, delete() and queryset delete(); on PostgreSQL
triggers (migration 0003) refuse UPDATE, DELETE and TRUNCATE, except the one update that
turns an entry into a tombstone of a recorded purge (`regie.access.log.tombstone_rows`),
and the app's database role may only INSERT and SELECT (`manage.py grant_app_role`)."""

from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from regie.access.events import Outcome

_Row = TypeVar("_Row", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_Row]):
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
    family_id = models.UUIDField(null=True)
    plan_id = models.UUIDField(null=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    part = models.CharField(_("welk deel"), max_length=80, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True)
    # Random, part of the hashed content: two genuine rows never hash alike, so a copied
    # (replayed) row is refused by the unique content hash.
    nonce = models.CharField(max_length=32, blank=True)
    # sha256 of the canonical content; the seal chains it. A purged plan's rows become
    # tombstones: personal fields cleared, content_hash kept, so the chain still verifies
    # (A8), and `purge_ref` (keyed, names no one) proves which recorded purge did it.
    content_hash = models.CharField(max_length=64, unique=True)
    is_tombstone = models.BooleanField(default=False)
    purged_by = models.BigIntegerField(null=True)
    purge_ref = models.CharField(max_length=64, blank=True)

    objects = AppendOnlyQuerySet["AccessLogEntry"].as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [
            # A person's recent refusals are counted on every refused attempt (the throttle).
            models.Index(fields=["user_id", "at"], name="access_log_user_at"),
            # "Wie heeft ons plan bekeken?" and the privacy officer's search: a plan's or a
            # family's rows newest first, read from the index in order. They replace the
            # single-column indexes: every page read inserts a row, each index costs.
            models.Index(fields=["plan_id", "id"], name="access_log_plan_newest"),
            models.Index(fields=["family_id", "id"], name="access_log_family_newest"),
        ]
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


class AccessLogSeal(models.Model):
    """One link of the hash chain: the entry sealed as number `seq`.

    hash = HMAC(REGIE_AUDIT_KEY, seq | entry id | prev_hash | entry content_hash)

    Seals are numbered without gaps from 1, so a removed seal shows as a gap or a broken
    link, and removed seals at the end show against the signed checkpoints kept outside
    the database (`regie.access.checkpoints`)."""

    seq = models.PositiveBigIntegerField(primary_key=True)
    entry = models.OneToOneField(
        AccessLogEntry, on_delete=models.PROTECT, related_name="seal", db_index=True
    )
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    sealed_at = models.DateTimeField()

    objects = AppendOnlyQuerySet["AccessLogSeal"].as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("zegel")
        verbose_name_plural = _("zegels van het toegangslog")

    def __str__(self) -> str:
        return f"{self.seq}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("The access log is append-only.")
