"""What the family shares with its network and professionals (A3, A3b), and what a youth
keeps from their parents (A4, Jeugdwet art. 7.3.5)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.core.errors import RuleViolation
from regie.plans.models import Entry, Participant, Plan, Share, ShareKind, Wish
from regie.plans.services.common import authorize, log, own_participant


@transaction.atomic
def share_part(
    *, actor: Participant, plan: Plan, member: Participant, kind: str, reason: str = ""
) -> Share:
    """A3, A3b: the family opens a part of the plan to one network member or professional;
    in a compulsory framework the child-protection worker does so for school or GP, for
    safety and with a reason the family reads."""
    for_safety = not policy.can(actor, Permission.SHARE_PARTS)
    authorize(actor, None if for_safety else Permission.SHARE_PARTS, plan=plan)
    own_participant(plan, member)
    if for_safety and not policy.may_share_for_safety(actor, member):
        raise policy.NotAllowed(_("Alleen het gezin deelt delen van het plan."))
    if not policy.may_receive_share(member):
        raise RuleViolation(
            "A3b",
            _("%(name)s ziet het hele plan al.") % {"name": member.display_name},
            field="member",
        )
    if kind not in ShareKind.values:
        raise RuleViolation("A3", _("Kies wat u wilt delen."), field="kind")
    reason = reason.strip()
    if for_safety and not reason:
        raise RuleViolation(
            "A3b", _("Schrijf op waarom dit nodig is voor de veiligheid."), field="reason"
        )
    existing = Share.objects.filter(shared_with=member, kind=kind, revoked_at__isnull=True)
    if existing.exists():
        raise RuleViolation(
            "A3",
            _("%(name)s ziet dit deel al.") % {"name": member.display_name},
            field="kind",
        )
    share = Share.objects.create(
        plan=plan,
        created_by=actor,
        shared_with=member,
        kind=kind,
        for_safety=for_safety,
        reason=reason,
    )
    log(Event.SHARE_GRANTED, actor=actor, plan=plan, obj=share)
    return share


@transaction.atomic
def stop_sharing(*, actor: Participant, share: Share) -> Share:
    """A3, A3b: from now on the person no longer sees this part. The family takes back what
    it shared; a safety decision is the child-protection worker's to take back."""
    plan = share.plan
    needed = Permission.SHARE_FOR_SAFETY if share.for_safety else Permission.SHARE_PARTS
    if share.for_safety and policy.can(actor, Permission.SHARE_PARTS):
        raise RuleViolation(
            "A3b",
            _(
                "Dit besluit nam de jeugdbeschermer voor de veiligheid. Bent u het er niet mee "
                "eens? Bespreek het met de jeugdbeschermer of dien een klacht in."
            ),
        )
    authorize(actor, needed, plan=plan)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.revoked_by = actor
        share.save(update_fields=["revoked_at", "revoked_by"])
        log(Event.SHARE_REVOKED, actor=actor, plan=plan, obj=share)
    return share


def _check_keeper(actor: Participant, record: Wish | Entry) -> None:
    if isinstance(record, Wish):
        own = record.participant_id == actor.pk
        if not own or not policy.may_keep_from_parents(actor, own_words=True):
            raise RuleViolation("A4", _("Vanaf 12 jaar kun je je eigen wensen voor jezelf houden."))
    elif record.about_id != actor.pk or not policy.may_keep_from_parents(actor, own_words=False):
        raise RuleViolation(
            "A4",
            _("Vanaf 16 jaar beslis je zelf of je ouders lezen wat er over jou geschreven is."),
        )


@transaction.atomic
def keep_from_parents(*, actor: Participant, record: Wish | Entry) -> Wish | Entry:
    """A4: a youth keeps their own words (12+) or what is written about them (16+) from
    their parents. Professionals still see it; the parents see that something is kept."""
    plan = record.plan
    authorize(actor, None, plan=plan)
    _check_keeper(actor, record)
    record.kept_from_parents_by = actor
    record.save(update_fields=["kept_from_parents_by"])
    log(Event.KEPT_FROM_PARENTS, actor=actor, plan=plan, obj=record)
    return record


@transaction.atomic
def share_with_parents(*, actor: Participant, record: Wish | Entry) -> Wish | Entry:
    plan = record.plan
    authorize(actor, None, plan=plan)
    if record.kept_from_parents_by_id != actor.pk:
        raise RuleViolation("A4", _("Alleen wie het voor zichzelf hield, kan het weer delen."))
    record.kept_from_parents_by = None
    record.save(update_fields=["kept_from_parents_by"])
    log(Event.SHARED_WITH_PARENTS, actor=actor, plan=plan, obj=record)
    return record
