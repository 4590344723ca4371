"""R2 entries and R4 wishes: what professionals write is checked with the family; what
family members want is written in their own words."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.core.errors import RuleViolation
from regie.plans.models import (
    Entry,
    EntryKind,
    EntryReaction,
    Participant,
    Plan,
    Verdict,
    Wish,
)
from regie.plans.services import sharing
from regie.plans.services.common import authorize, edit, log, own_participant


def _required(text: str, rule: str, message: str, field: str) -> str:
    if not text.strip():
        raise RuleViolation(rule, message, field=field)
    return text.strip()


@transaction.atomic
def write_entry(
    *, actor: Participant, plan: Plan, kind: str, body: str, about: Participant | None = None
) -> Entry:
    """R2: every entry says whether it is an observation or the writer's assessment."""
    authorize(actor, Permission.WRITE_ENTRY, plan=plan)
    if kind not in EntryKind.values:
        raise RuleViolation(
            "R2", _("Kies of dit een waarneming is of uw eigen inschatting."), field="kind"
        )
    body = _required(body, "R2", _("Schrijf de aantekening op."), "body")
    if about is not None:
        own_participant(plan, about)
    entry = Entry.objects.create(
        plan=plan, created_by=actor, kind=kind, step=plan.step, body=body, about=about
    )
    log(Event.ENTRY_WRITTEN, actor=actor, plan=plan, obj=entry)
    return entry


@transaction.atomic
def react_to_entry(
    *, actor: Participant, entry: Entry, verdict: str, comment: str = ""
) -> EntryReaction:
    """R2: a family member marks an entry 'klopt' or 'klopt niet', in their own words."""
    plan = entry.plan
    authorize(actor, Permission.REACT_TO_ENTRY, plan=plan)
    if entry.is_withdrawn:
        raise RuleViolation("R2", _("Deze aantekening is ingetrokken."))
    if verdict not in Verdict.values:
        raise RuleViolation("R2", _("Kies 'klopt' of 'klopt niet'."), field="verdict")
    if verdict == Verdict.DISAGREES and not comment.strip():
        raise RuleViolation(
            "R2",
            _("Schrijf op wat er niet klopt, dan kan de schrijver het verbeteren."),
            field="comment",
        )
    reaction = EntryReaction.objects.create(
        entry=entry,
        participant=actor,
        entry_version=entry.version,
        verdict=verdict,
        comment=comment.strip(),
    )
    log(Event.ENTRY_REACTED, actor=actor, plan=plan, obj=entry)
    return reaction


@transaction.atomic
def correct_entry(
    *,
    actor: Participant,
    entry: Entry,
    expected_version: int,
    body: str,
    reason: str,
    kind: str | None = None,
) -> Entry:
    """R2: the writer corrects an entry; the old text stays in its history and the
    family's reaction stays next to it. Later pages show only the corrected text."""
    plan = entry.plan
    authorize(actor, Permission.WRITE_ENTRY, plan=plan)
    if entry.created_by_id != actor.pk:
        raise RuleViolation("R2", _("Alleen wie de aantekening schreef, kan haar verbeteren."))
    if entry.is_withdrawn:
        raise RuleViolation("R2", _("Deze aantekening is ingetrokken."))
    body = _required(body, "R2", _("Schrijf de verbeterde tekst op."), "body")
    reason = _required(reason, "R2", _("Schrijf op wat u verbetert en waarom."), "reason")
    changes: dict[str, object] = {"body": body, "corrected_at": timezone.now()}
    if kind is not None:
        if kind not in EntryKind.values:
            raise RuleViolation(
                "R2", _("Kies of dit een waarneming is of uw eigen inschatting."), field="kind"
            )
        changes["kind"] = kind
    edit(
        entry,
        actor=actor,
        plan=plan,
        expected_version=expected_version,
        changes=changes,
        reason=reason,
    )
    log(Event.ENTRY_CORRECTED, actor=actor, plan=plan, obj=entry)
    return entry


@transaction.atomic
def withdraw_entry(*, actor: Participant, entry: Entry, reason: str) -> Entry:
    """Withdrawn, never deleted: the entry and the reactions stay visible as withdrawn."""
    plan = entry.plan
    authorize(actor, Permission.WRITE_ENTRY, plan=plan)
    if entry.created_by_id != actor.pk:
        raise RuleViolation("R2", _("Alleen wie de aantekening schreef, kan haar intrekken."))
    reason = _required(reason, "R2", _("Schrijf op waarom u de aantekening intrekt."), "reason")
    entry.withdrawn_at = timezone.now()
    entry.withdrawn_by = actor
    entry.withdrawn_reason = reason
    entry.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    log(Event.ENTRY_WITHDRAWN, actor=actor, plan=plan, obj=entry)
    return entry


@transaction.atomic
def add_wish(
    *,
    actor: Participant,
    plan: Plan,
    member: Participant,
    text: str,
    keep_from_parents: bool = False,
) -> Wish:
    """R4: each family member, the child included, says what they want; A4: a youth may
    keep their own wish from their parents from the start (issue 14: chosen before
    saving, so it is never shared for a moment)."""
    # Professionals write down a wish they heard; family members write their own.
    permission = Permission.WRITE_ANALYSIS if actor.is_professional else Permission.WRITE_WISH
    authorize(actor, permission, plan=plan)
    own_participant(plan, member)
    if not member.is_family:
        raise RuleViolation("R4", _("Wensen zijn van gezinsleden: ouders en kinderen."))
    if not policy.may_write_for(actor, member):
        raise RuleViolation(
            "R4",
            _("%(name)s schrijft zelf een wens op met een eigen account.")
            % {"name": member.display_name},
        )
    text = _required(text, "R4", _("Schrijf de wens op, in eigen woorden."), "text")
    wish = Wish.objects.create(plan=plan, created_by=actor, participant=member, text=text)
    log(Event.WISH_ADDED, actor=actor, plan=plan, obj=wish, for_whom=member)
    if keep_from_parents:
        sharing.keep_from_parents(actor=actor, record=wish)  # refused: nothing is saved
    return wish


@transaction.atomic
def edit_wish(*, actor: Participant, wish: Wish, expected_version: int, text: str) -> Wish:
    plan = wish.plan
    authorize(actor, Permission.WRITE_WISH, plan=plan)
    if not policy.may_write_for(actor, wish.participant):
        raise RuleViolation("R4", _("Alleen wie de wens heeft, past haar aan."))
    text = _required(text, "R4", _("Schrijf de wens op, in eigen woorden."), "text")
    edit(wish, actor=actor, plan=plan, expected_version=expected_version, changes={"text": text})
    log(Event.WISH_EDITED, actor=actor, plan=plan, obj=wish)
    return wish


@transaction.atomic
def withdraw_wish(*, actor: Participant, wish: Wish, reason: str = "") -> Wish:
    plan = wish.plan
    authorize(actor, Permission.WRITE_WISH, plan=plan)
    if not policy.may_write_for(actor, wish.participant):
        raise RuleViolation("R4", _("Alleen wie de wens heeft, trekt haar in."))
    wish.withdrawn_at = timezone.now()
    wish.withdrawn_by = actor
    wish.withdrawn_reason = reason
    wish.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    log(Event.WISH_WITHDRAWN, actor=actor, plan=plan, obj=wish)
    return wish
