"""The plan itself: opening it, its framework, the family's story and profile, and its
moves between steps (R1, R3, R4, R6, R9, R21)."""

import datetime
from contextlib import nullcontext

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.accounts.models import User
from regie.catalog.models import LifeDomainSet
from regie.core.errors import ConflictError, RuleViolation
from regie.families.models import Family
from regie.plans import workflow
from regie.plans.models import (
    FamilyStory,
    Framework,
    Participant,
    Plan,
    PlanStatus,
    Role,
    Step,
    StepChange,
)
from regie.plans.services.common import authorize, edit, lock_plan, log


def _check_framework(framework: str, legal_measure: str) -> None:
    if framework == Framework.COMPULSORY and not legal_measure:
        raise RuleViolation(
            "R9",
            _("Kies de maatregel (bijvoorbeeld OTS) die de hulp verplicht maakt."),
            field="legal_measure",
        )
    if framework == Framework.VOLUNTARY and legal_measure:
        raise RuleViolation(
            "R9",
            _(
                "Een vrijwillig plan heeft geen maatregel. Kies 'verplichte hulp' of laat "
                "de maatregel leeg."
            ),
            field="legal_measure",
        )


@transaction.atomic
def open_plan(
    *,
    by: User,
    role: str = Role.REFERRER,
    family: Family | None = None,
    family_name: str = "",
    framework: str = Framework.VOLUNTARY,
    legal_measure: str = "",
    domain_set: LifeDomainSet | None = None,
) -> Plan:
    """A professional opens the family's one plan (R1) and takes part as `role`."""
    if not policy.may_act_as_professional(by, role):
        raise policy.NotAllowed(_("Alleen een hulpverlener van een organisatie opent een plan."))
    _check_framework(framework, legal_measure)
    new_family = family is None
    if family is None:
        if not family_name.strip():
            raise RuleViolation("R1", _("Geef het gezin een naam."), field="family_name")
        family = Family.objects.create(name=family_name.strip())
    elif family.plans.filter(status=PlanStatus.OPEN).exists():
        raise RuleViolation(
            "R1",
            _("Dit gezin heeft al een lopend plan. Werk in dat plan: één gezin, één plan."),
        )
    domain_set = domain_set or LifeDomainSet.objects.filter(is_default=True).first()
    if domain_set is None:
        raise RuleViolation(
            "R5", _("Er is nog geen standaardset levensdomeinen. Laad de catalogus.")
        )
    try:
        # A family made just now has no plan a concurrent request could open: no
        # savepoint to fall back to (issue 13).
        with nullcontext() if new_family else transaction.atomic():
            plan = Plan.objects.create(
                family=family,
                framework=framework,
                legal_measure=legal_measure,
                domain_set=domain_set,
            )
    except IntegrityError as exc:  # a concurrent open_plan won the race
        raise RuleViolation("R1", _("Dit gezin heeft al een lopend plan.")) from exc
    # The opener starts with the family in the room; the family confirms them in step 1.
    opener = Participant.objects.create(
        plan=plan, role=role, user=by, organisation=by.organisation, approved_at=timezone.now()
    )
    plan.coordinator = opener
    plan.save(update_fields=["coordinator"])
    FamilyStory.objects.create(plan=plan)
    StepChange.objects.create(
        plan=plan, from_step=None, to_step=Step.INTRODUCTION, changed_by=opener
    )
    log(Event.PLAN_OPENED, actor=opener, plan=plan, obj=plan)
    return plan


@transaction.atomic
def set_framework(
    *,
    actor: Participant,
    plan: Plan,
    framework: str,
    legal_measure: str = "",
    legal_measure_until: datetime.date | None = None,
) -> Plan:
    authorize(actor, Permission.SET_FRAMEWORK, plan=plan)
    _check_framework(framework, legal_measure)
    plan.framework = framework
    plan.legal_measure = legal_measure
    plan.legal_measure_until = legal_measure_until
    plan.version += 1
    plan.save(update_fields=["framework", "legal_measure", "legal_measure_until", "version"])
    log(Event.FRAMEWORK_CHANGED, actor=actor, plan=plan, obj=plan)
    return plan


@transaction.atomic
def confirm_story_read(*, actor: Participant, plan: Plan) -> Participant:
    """R16 tell it once: the professional read the family's story; the family sees it.
    A3b: only who sees the story (school and GP when the family shares it)."""
    authorize(actor, Permission.CONFIRM_STORY_READ, plan=plan)
    if policy.Section.STORY not in policy.sections(actor):
        raise RuleViolation(
            "A3b", _("Het gezin deelt zijn verhaal niet met u; er is niets om te bevestigen.")
        )
    if actor.story_read_at is None:
        actor.story_read_at = timezone.now()
        actor.save(update_fields=["story_read_at"])
        log(Event.STORY_READ, actor=actor, plan=plan, obj=actor)
    return actor


@transaction.atomic
def edit_story(
    *, actor: Participant, plan: Plan, expected_version: int, story: str, request_for_help: str
) -> FamilyStory:
    authorize(actor, Permission.EDIT_STORY, plan=plan)
    current = plan.story
    edit(
        current,
        actor=actor,
        plan=plan,
        expected_version=expected_version,
        changes={
            "story": story,
            "request_for_help": request_for_help,
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    log(Event.STORY_EDITED, actor=actor, plan=plan, obj=current)
    return current


@transaction.atomic
def edit_family_profile(
    *,
    actor: Participant,
    plan: Plan,
    expected_version: int,
    name: str,
    language: str,
    culture: str,
    religion: str,
    considerations: str,
) -> Family:
    """R21: language, culture, religion or life philosophy and what to take into account."""
    authorize(actor, Permission.EDIT_PROFILE, plan=plan)
    family = plan.family
    edit(
        family,
        actor=actor,
        plan=plan,
        expected_version=expected_version,
        changes={
            "name": name,
            "language": language,
            "culture": culture,
            "religion": religion,
            "considerations": considerations,
        },
    )
    log(Event.PROFILE_EDITED, actor=actor, plan=plan, obj=family)
    return family


# ---- Steps ---------------------------------------------------------------------------


@transaction.atomic
def move_step(
    *,
    actor: Participant,
    plan: Plan,
    to_step: int,
    reason: str = "",
    expected_version: int | None = None,
    rule: str = "",
) -> Plan:
    authorize(actor, Permission.MOVE_STEP, plan=plan)
    return _move(
        actor=actor,
        plan=plan,
        to_step=to_step,
        reason=reason,
        expected_version=expected_version,
        rule=rule,
    )


def _move(
    *,
    actor: Participant,
    plan: Plan,
    to_step: int,
    reason: str,
    expected_version: int | None,
    rule: str,
) -> Plan:
    lock_plan(plan)
    if expected_version is not None and plan.version != expected_version:
        raise ConflictError(_("Iemand anders heeft het plan intussen naar een andere stap gezet."))
    move = workflow.check_move(plan, to_step, reason=reason)
    StepChange.objects.create(
        plan=plan,
        from_step=plan.step,
        to_step=to_step,
        reason=reason,
        rule=rule or move.rule,
        changed_by=actor,
    )
    plan.step = to_step
    plan.version += 1
    plan.save(update_fields=["step", "version"])
    log(Event.STEP_MOVED, actor=actor, plan=plan, obj=plan)
    return plan


def send_back_to_analysis(*, actor: Participant, plan: Plan, reason: str) -> None:
    """R6: disagreement on the coherent picture returns the plan to step 3."""
    if plan.step > Step.ANALYSIS:
        _move(
            actor=actor,
            plan=plan,
            to_step=Step.ANALYSIS,
            reason=reason,
            expected_version=None,
            rule="R6",
        )
