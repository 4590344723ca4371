"""What a plan leaves behind in the database, found without a list of tables: every model
Django knows (auto-created many-to-many tables included) is walked, so a table added later
is checked too (A8: "nothing of the plan remains in any table")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.families.models import Family
from regie.plans.models import Plan

# Names of the Jansen family that appear nowhere else in the cast.
FAMILY_NAMES = ("Jansen", "de Vries")

Rows = dict[type[models.Model], set[object]]


@dataclass
class Footprint:
    """Every row that hangs off a plan (and its family and logins), taken before a purge."""

    rows: Rows
    markers: tuple[str, ...]
    log_row_ids: list[int] = field(default_factory=list)

    def count(self, model: type[models.Model]) -> int:
        return len(self.rows.get(model, ()))


def _models() -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if m is not AccessLogEntry]


def footprint(plan: Plan, *, family_goes: bool, users: Iterable[User]) -> Footprint:
    """Start at the plan (the family too when it goes, and the given logins) and follow
    every foreign key pointing at a collected row, until nothing new turns up."""
    rows: Rows = {Plan: {plan.pk}}
    if family_goes:
        rows[Family] = {plan.family_id}
    user_ids: set[object] = {user.pk for user in users}
    if user_ids:
        rows[User] = user_ids
    changed = True
    while changed:
        changed = False
        for model in _models():
            for fk in model._meta.concrete_fields:
                target = fk.related_model if fk.is_relation else None
                if not isinstance(target, type) or target not in rows:
                    continue
                found = set(
                    model._default_manager.filter(
                        **{f"{fk.attname}__in": list(rows[target])}
                    ).values_list("pk", flat=True)
                )
                known = rows.setdefault(model, set())
                if not found <= known:
                    known |= found
                    changed = True
    markers: tuple[str, ...] = (*FAMILY_NAMES, str(plan.public_id))
    if family_goes:
        markers = (*markers, str(plan.family.public_id))
    log_rows = AccessLogEntry.objects.filter(plan_id=plan.public_id).values_list("id", flat=True)
    return Footprint(rows=rows, markers=markers, log_row_ids=list(log_rows))


def leftovers(print_: Footprint) -> list[str]:
    """Rows of the footprint still there, and any text field in any table (the access log
    apart) that still holds one of the family's names or the plan's id."""
    found: list[str] = []
    for model, pks in print_.rows.items():
        remaining = model._default_manager.filter(pk__in=list(pks)).count()
        if remaining:
            found.append(f"{model._meta.label}: {remaining} rij(en)")
    for model in _models():
        found.extend(_text_hits(model, print_.markers))
    return found


def _text_hits(model: type[models.Model], markers: tuple[str, ...]) -> list[str]:
    hits: list[str] = []
    manager = model._default_manager
    for fld in model._meta.concrete_fields:
        if isinstance(fld, models.CharField | models.TextField):
            column = fld.attname
            queryset = manager.all()
        elif isinstance(fld, models.JSONField):
            column = "_as_text"
            queryset = manager.annotate(_as_text=Cast(fld.attname, models.TextField()))
        else:
            continue
        for marker in markers:
            if queryset.filter(**{f"{column}__icontains": marker}).exists():
                hits.append(f"{model._meta.label}.{fld.name} bevat {marker!r}")
    return hits


def log_leaks(markers: Iterable[str]) -> list[str]:
    """Access-log rows that still name the family."""
    leaks = []
    for marker in markers:
        for name in ("user_label", "organisation", "on_behalf_of", "part", "object_id"):
            ids = list(
                AccessLogEntry.objects.filter(**{f"{name}__icontains": marker}).values_list(
                    "id", flat=True
                )
            )
            if ids:
                leaks.append(f"logregels {ids} noemen {marker!r} in {name}")
    return leaks
