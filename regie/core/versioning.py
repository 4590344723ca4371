"""Optimistic locking: editable records carry a version; a save names the version it was
made from and is refused when someone else saved first. Every edit keeps the old values
as a Revision, so nothing a person wrote is lost."""

from typing import Any, TypeVar

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from regie.core.errors import ConflictError


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


V = TypeVar("V", bound=Versioned)


def update_versioned(obj: V, *, expected_version: int, changes: dict[str, Any]) -> V:
    """Apply `changes` to `obj` only if its stored version is still `expected_version`.

    One conditional UPDATE does compare-and-set, so two connections saving from the same
    version give one success and one ConflictError, on any database."""
    model = type(obj)
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        current = model._default_manager.filter(pk=obj.pk).values_list("version", flat=True).first()
        raise ConflictError(
            _(
                "Iemand anders heeft dit intussen gewijzigd. Bekijk de nieuwe versie en "
                "breng uw wijziging opnieuw aan."
            ),
            current_version=current,
        )
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.version = expected_version + 1
    return obj
