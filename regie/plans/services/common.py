"""Shared steps of every service: lock the plan, check it is open, check the policy, keep
history, write the access-log row.

One lock order (issue 12 concurrency): every service that changes a plan locks the plan
row first, in `authorize`, and only then reads or writes the plan's records. So two saves
in one plan take turns instead of deadlocking, every counting rule (R8: at most five
active goals) counts what the other save committed, and a record written for the first
time (one assessment per life domain, one family group plan) is found by the second
writer instead of written twice."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import EventKind
from regie.access.log import record
from regie.core.errors import ConflictError, RuleViolation
from regie.core.versioning import Versioned, update_versioned
from regie.plans.models import Participant, Plan, Revision

M = TypeVar("M", bound=Versioned)


def authorize(actor: Participant, permission: policy.Permission | None, *, plan: Plan) -> None:
    """The actor must be active in this plan, the plan open, and the role allowed.
    `None`: the caller decides by ownership or age instead of by role. Locks the plan
    for the rest of the transaction (see the module docstring)."""
    if actor.plan_id != plan.pk or not policy.is_active_participant(actor):
        raise policy.NotAllowed(_("U doet niet (meer) mee in dit plan."))
    lock_plan(plan)
    if not plan.is_open:
        raise RuleViolation("A8", _("Dit plan is afgesloten; er kan niets meer bij."))
    if permission is not None:
        policy.require(actor, permission)


def log(
    kind: EventKind,
    *,
    actor: Participant,
    plan: Plan,
    obj: models.Model | None = None,
    for_whom: Participant | None = None,
) -> None:
    """`for_whom`: the family member the actor wrote this down for (NEN 7513 'namens')."""
    behalf = for_whom.display_name if for_whom is not None and for_whom.pk != actor.pk else ""
    record(
        kind,
        actor=policy.actor_of(actor),
        family_id=plan.family.public_id,
        plan_id=plan.public_id,
        obj=obj,
        on_behalf_of=behalf,
    )


def edit(
    obj: M,
    *,
    actor: Participant,
    plan: Plan,
    expected_version: int,
    changes: dict[str, Any],
    reason: str = "",
) -> M:
    """Save `changes` if nobody saved in between, keeping the old values as a Revision."""
    before = keep_revision(
        obj, actor=actor, plan=plan, version=expected_version, fields=changes, reason=reason
    )
    update_versioned(obj, expected_version=expected_version, changes=changes)
    before.save()
    return obj


def keep_revision(
    obj: models.Model,
    *,
    actor: Participant,
    plan: Plan,
    version: int,
    fields: Iterable[str],
    reason: str = "",
) -> Revision:
    """The values `fields` of `obj` have now, as an unsaved Revision: save it once the
    change it precedes is made, so nothing a person wrote is lost."""
    before = model_to_dict(obj, fields=list(fields))
    return Revision(
        plan=plan,
        record_type=obj._meta.label,
        record_id=obj.pk,
        version=version,
        data={key: _jsonable(value) for key, value in before.items()},
        changed_by=actor,
        reason=reason,
    )


def expected_for_edit(expected_version: int | None) -> int:
    """Editing a record someone already wrote needs the version the editor saw; without
    it, a second writer would silently overwrite the first."""
    if expected_version is None:
        raise ConflictError(
            _("Iemand heeft dit intussen al ingevuld. Bekijk wat er nu staat en pas het daar aan.")
        )
    return expected_version


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def lock_plan(plan: Plan) -> Plan:
    """Lock the plan row for the rest of the transaction (STYLE habit 4) and refresh what
    may have changed. FOR NO KEY UPDATE: the foreign-key checks of other transactions at
    their commit (FOR KEY SHARE on the plan row) never wait for it, so a save that holds
    the plan cannot deadlock with one that merely refers to it (issue 12 concurrency)."""
    locked = Plan.objects.select_for_update(no_key=True).select_related("family").get(pk=plan.pk)
    plan.step = locked.step
    plan.version = locked.version
    plan.status = locked.status
    plan.coordinator_id = locked.coordinator_id
    return plan


def own_participant(plan: Plan, participant: Participant) -> Participant:
    if participant.plan_id != plan.pk:
        raise RuleViolation("A1", _("Deze persoon hoort niet bij dit plan."))
    return participant
