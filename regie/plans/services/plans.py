"""Opening a plan, its team and its steps (R1, R3, R6, R9, R16, A7)."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.accounts.models import User
from regie.catalog.models import LifeDomainSet
from regie.core.errors import ConflictError, RuleViolation
from regie.families.models import Family, Gender, Person, PersonKind, Relation, RelationKind
from regie.plans import workflow
from regie.plans.models import (
    FAMILY_ROLES,
    PROFESSIONAL_ROLES,
    CoherentPicture,
    Consultation,
    ConsultationKind,
    Decision,
    Evaluation,
    FamilyGroupPlan,
    FamilyStory,
    Framework,
    Goal,
    GoalStatus,
    NetworkAssessment,
    Participant,
    PicturePosition,
    Plan,
    PlanStatus,
    Position,
    Role,
    Step,
    StepChange,
    Wish,
)
from regie.plans.services.common import authorize, edit, lock_plan, log


def _check_framework(framework: str, legal_measure: str) -> None:
    if framework == Framework.COMPULSORY and not legal_measure:
        raise RuleViolation(
            "R9",
            _("Kies de maatregel (bijvoorbeeld OTS) die het kader gedwongen maakt."),
            field="legal_measure",
        )
    if framework == Framework.VOLUNTARY and legal_measure:
        raise RuleViolation(
            "R9",
            _(
                "Een vrijwillig plan heeft geen maatregel. Kies 'gedwongen kader' of laat "
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
    if by.organisation_id is None or role not in PROFESSIONAL_ROLES:
        raise policy.NotAllowed(_("Alleen een hulpverlener van een organisatie opent een plan."))
    _check_framework(framework, legal_measure)
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
        with transaction.atomic():
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
    lock_plan(plan)
    plan.framework = framework
    plan.legal_measure = legal_measure
    plan.legal_measure_until = legal_measure_until
    plan.version += 1
    plan.save(update_fields=["framework", "legal_measure", "legal_measure_until", "version"])
    log(Event.FRAMEWORK_CHANGED, actor=actor, plan=plan, obj=plan)
    return plan


@transaction.atomic
def add_person(
    *,
    actor: Participant,
    plan: Plan,
    first_name: str,
    last_name: str = "",
    kind: str,
    gender: str = Gender.OTHER,
    birth_date: datetime.date | None = None,
    has_parental_authority: bool = False,
    is_index_child: bool = False,
    in_household: bool = False,
    deceased: bool = False,
    description: str = "",
    role: str | None = None,
    user: User | None = None,
) -> Person:
    """Record someone of the family or its network; with `role` they also take part."""
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    if kind == PersonKind.CHILD and birth_date is None:
        raise RuleViolation(
            "A4",
            _("Vul de geboortedatum van het kind in: vanaf 12 en 16 jaar gelden eigen rechten."),
            field="birth_date",
        )
    if birth_date is not None and birth_date > timezone.localdate():
        raise RuleViolation("A4", _("De geboortedatum ligt in de toekomst."), field="birth_date")
    person = Person.objects.create(
        family=plan.family,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        kind=kind,
        gender=gender,
        birth_date=birth_date,
        has_parental_authority=has_parental_authority,
        is_index_child=is_index_child,
        in_household=in_household,
        deceased=deceased,
        description=description,
        user=user,
    )
    log(Event.PERSON_ADDED, actor=actor, plan=plan, obj=person)
    if role is not None:
        add_family_participant(actor=actor, plan=plan, person=person, role=role)
    return person


def _role_for_person(person: Person, role: str) -> None:
    if role == Role.PARENT and person.kind != PersonKind.PARENT:
        raise RuleViolation(
            "A2", _("Alleen een ouder of verzorger doet mee als ouder."), field="role"
        )
    if role == Role.CHILD and person.kind != PersonKind.CHILD:
        raise RuleViolation("A4", _("Alleen een kind doet mee als kind of jongere."), field="role")
    if role not in FAMILY_ROLES | {Role.NETWORK}:
        raise RuleViolation("R16", _("Een gezinslid of netwerklid kan geen hulpverlener zijn."))
    if role == Role.CHILD and person.user_id is not None:
        age = person.age_on(timezone.localdate())
        if age is None or age < policy.YOUTH_LOGIN_AGE:
            raise RuleViolation(
                "A4", _("Een kind krijgt pas vanaf 12 jaar een eigen account."), field="user"
            )


@transaction.atomic
def add_family_participant(
    *, actor: Participant, plan: Plan, person: Person, role: str
) -> Participant:
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    if person.family_id != plan.family_id:
        raise RuleViolation("R1", _("Deze persoon hoort niet bij dit gezin."))
    _role_for_person(person, role)
    participant = Participant.objects.create(plan=plan, role=role, person=person, user=person.user)
    log(Event.PARTICIPANT_ADDED, actor=actor, plan=plan, obj=participant)
    return participant


@transaction.atomic
def add_professional(
    *, actor: Participant, plan: Plan, user: User, role: str, task: str = ""
) -> Participant:
    """Invite a professional. They see the plan only after the family approves (R16),
    unless a parent invites them, which is the approval."""
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    if role not in PROFESSIONAL_ROLES or user.organisation_id is None:
        raise RuleViolation("R16", _("Kies een hulpverlener met een organisatie en een rol."))
    if plan.participants.filter(user=user, role=role, ends_on__isnull=True).exists():
        raise RuleViolation("R16", _("Deze hulpverlener doet al mee in deze rol."), field="user")
    approved = policy.may_approve_professional(actor)
    participant = Participant.objects.create(
        plan=plan,
        role=role,
        user=user,
        organisation=user.organisation,
        task=task,
        approved_at=timezone.now() if approved else None,
        approved_by=actor if approved else None,
    )
    log(Event.PARTICIPANT_ADDED, actor=actor, plan=plan, obj=participant)
    return participant


def _authorize_approval(actor: Participant, participant: Participant) -> None:
    """Approval is decided by role and age (policy.may_approve_professional)."""
    if not policy.may_approve_professional(actor):
        raise policy.NotAllowed(_("Alleen ouders of een jongere vanaf 16 laten hulpverleners toe."))
    authorize(actor, None, plan=participant.plan)
    if not participant.is_professional:
        raise RuleViolation("R16", _("Alleen hulpverleners hoeven te worden toegelaten."))


@transaction.atomic
def approve_professional(*, actor: Participant, participant: Participant) -> Participant:
    plan = participant.plan
    _authorize_approval(actor, participant)
    participant.approved_at = timezone.now()
    participant.approved_by = actor
    participant.refused_at = None
    participant.refused_reason = ""
    participant.save(update_fields=["approved_at", "approved_by", "refused_at", "refused_reason"])
    log(Event.PARTICIPANT_APPROVED, actor=actor, plan=plan, obj=participant)
    return participant


@transaction.atomic
def refuse_professional(
    *, actor: Participant, participant: Participant, reason: str
) -> Participant:
    """The family refuses or withdraws its approval: access ends at once."""
    plan = participant.plan
    _authorize_approval(actor, participant)
    if plan.coordinator_id == participant.pk:
        raise RuleViolation(
            "R16", _("Kies eerst een andere zorgcoördinator; het plan heeft er altijd één.")
        )
    participant.approved_at = None
    participant.approved_by = None
    participant.refused_at = timezone.now()
    participant.refused_reason = reason
    participant.save(update_fields=["approved_at", "approved_by", "refused_at", "refused_reason"])
    log(Event.PARTICIPANT_REFUSED, actor=actor, plan=plan, obj=participant)
    return participant


@transaction.atomic
def end_participation(
    *,
    actor: Participant,
    participant: Participant,
    reason: str,
    ends_on: datetime.date | None = None,
) -> Participant:
    """A7: the role ends, and with it the access."""
    plan = participant.plan
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    if plan.coordinator_id == participant.pk:
        raise RuleViolation(
            "R16", _("Kies eerst een andere zorgcoördinator; het plan heeft er altijd één.")
        )
    if not reason.strip():
        raise RuleViolation("A7", _("Schrijf op waarom de rol eindigt."), field="reason")
    participant.ends_on = ends_on or timezone.localdate()
    participant.end_reason = reason
    participant.save(update_fields=["ends_on", "end_reason"])
    log(Event.PARTICIPANT_ENDED, actor=actor, plan=plan, obj=participant)
    return participant


@transaction.atomic
def set_coordinator(*, actor: Participant, plan: Plan, participant: Participant) -> Plan:
    """R16: exactly one coordinator; a parent may take the role."""
    authorize(actor, Permission.SET_COORDINATOR, plan=plan)
    if participant.plan_id != plan.pk or not policy.is_active_participant(participant):
        raise RuleViolation("R16", _("De zorgcoördinator moet nu meedoen in het plan."))
    if participant.role not in PROFESSIONAL_ROLES | {Role.PARENT}:
        raise RuleViolation("R16", _("Zorgcoördinator is een ouder of een hulpverlener."))
    lock_plan(plan)
    plan.coordinator = participant
    plan.version += 1
    plan.save(update_fields=["coordinator", "version"])
    log(Event.COORDINATOR_SET, actor=actor, plan=plan, obj=participant)
    return plan


@transaction.atomic
def confirm_story_read(*, actor: Participant, plan: Plan) -> Participant:
    """R16 tell it once: the professional read the family's story; the family sees it."""
    authorize(actor, Permission.CONFIRM_STORY_READ, plan=plan)
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


@transaction.atomic
def add_relation(
    *,
    actor: Participant,
    plan: Plan,
    from_person: Person,
    to_person: Person,
    kind: str,
    closeness: int | None = None,
    conflict: bool = False,
    can_help_with: str = "",
) -> Relation:
    """R7: the genogram and sociogram are drawn from these relations."""
    authorize(actor, Permission.WRITE_ANALYSIS, plan=plan)
    if from_person.family_id != plan.family_id or to_person.family_id != plan.family_id:
        raise RuleViolation("R7", _("Beide personen moeten bij dit gezin horen."))
    if from_person.pk == to_person.pk:
        raise RuleViolation("R7", _("Een relatie gaat tussen twee verschillende mensen."))
    if kind not in RelationKind.values:
        raise RuleViolation("R7", _("Kies een soort relatie."), field="kind")
    # One tie per kind between two people; recording it again updates how close it is.
    relation, created = Relation.objects.update_or_create(
        family=plan.family,
        from_person=from_person,
        to_person=to_person,
        kind=kind,
        defaults={"closeness": closeness, "conflict": conflict, "can_help_with": can_help_with},
    )
    log(
        Event.RELATION_ADDED if created else Event.RELATION_CHANGED,
        actor=actor,
        plan=plan,
        obj=relation,
    )
    return relation


# ---- Steps ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something that must happen before a step move, and the rule that asks for it."""

    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"


def move_problems(plan: Plan, to_step: int) -> list[Problem]:
    """What still has to happen before the plan can enter `to_step` (empty: it can)."""
    if to_step < plan.step:
        return []
    problems: list[Problem] = []
    if to_step > Step.INTRODUCTION:
        if plan.coordinator_id is None:
            problems.append(Problem("R16", _("kies een zorgcoördinator.")))
        if not plan.participants.filter(role=Role.PARENT, ends_on__isnull=True).exists():
            problems.append(
                Problem("R16", _("voeg minstens één ouder of verzorger toe aan het plan."))
            )
        pending = plan.participants.filter(
            role__in=PROFESSIONAL_ROLES,
            approved_by__isnull=True,
            ends_on__isnull=True,
            refused_at__isnull=True,
        )
        if plan.is_compulsory:
            # Under a measure the court appoints the child-protection worker: no consent.
            pending = pending.exclude(role=Role.CHILD_PROTECTION)
        if pending.exists():
            problems.append(
                Problem("R16", _("het gezin moet nog toestemming geven voor elke hulpverlener."))
            )
    if to_step > Step.REQUEST:
        if not FamilyStory.objects.filter(plan=plan).exclude(request_for_help="").exists():
            problems.append(
                Problem("R4", _("schrijf de hulpvraag op, in de woorden van het gezin."))
            )
        if not Wish.objects.filter(plan=plan, withdrawn_at__isnull=True).exists():
            problems.append(
                Problem("R4", _("schrijf op wat ieder gezinslid wil; er staat nog geen wens."))
            )
    if to_step > Step.ANALYSIS:
        problems.extend(picture_problems(plan))
    if Step.GOALS < to_step < Step.CLOSING:
        goals = list(Goal.objects.filter(plan=plan, status=GoalStatus.ACTIVE).order_by("priority"))
        if not goals:
            problems.append(Problem("R8", _("stel samen minstens één doel op.")))
        if plan.is_compulsory and (not goals or not goals[0].is_safety_goal):
            problems.append(
                Problem("R9", _("in het gedwongen kader staat een veiligheidsdoel als eerste."))
            )
    elif to_step == Step.CLOSING and not Goal.objects.filter(plan=plan).exists():
        # Closing follows reached goals (R20): they need not be active any more.
        problems.append(Problem("R8", _("er zijn nooit doelen gesteld.")))
    if to_step > Step.OWN_STRENGTH:
        problems.extend(network_first_problems(plan))
    if to_step > Step.DECIDING:
        if not Decision.objects.filter(plan=plan).exists():
            problems.append(Problem("R14", _("leg het besluit over de hulp vast.")))
        if not Evaluation.objects.filter(plan=plan).exists():
            problems.append(Problem("R19", _("plan de evaluaties voordat de hulp begint.")))
    if to_step > Step.EXECUTING:
        if not Evaluation.objects.filter(plan=plan, held_on__isnull=False).exists():
            problems.append(Problem("R19", _("evalueer minstens één keer voordat je afrondt.")))
    return problems


def picture_problems(plan: Plan) -> list[Problem]:
    """R6: everyone agrees on the coherent picture; 'does not want to act' needs a
    safety assessment with a behavioural scientist."""
    picture = current_picture(plan)
    if picture is None:
        return [Problem("R6", _("beschrijf samen het samenhangend beeld."))]
    positions = latest_positions(picture)
    problems: list[Problem] = []
    if not any(p.participant.role == Role.PARENT for p in positions.values()):
        problems.append(
            Problem("R6", _("vraag de ouders wat zij van het samenhangend beeld vinden."))
        )
    if any(p.position == Position.DISAGREES for p in positions.values()):
        problems.append(
            Problem("R6", _("niet iedereen is het eens met het beeld; bespreek waarom."))
        )
    if any(p.position == Position.NO_ACTION for p in positions.values()):
        if not Consultation.objects.filter(
            plan=plan, kind=ConsultationKind.SAFETY_ASSESSMENT, picture=picture
        ).exists():
            problems.append(
                Problem(
                    "R6",
                    _(
                        "iemand wil niets met het beeld doen; schat eerst met de "
                        "gedragswetenschapper de veiligheid in."
                    ),
                )
            )
    return problems


def current_picture(plan: Plan) -> CoherentPicture | None:
    return CoherentPicture.objects.filter(plan=plan, superseded_at__isnull=True).first()


def latest_positions(picture: CoherentPicture) -> dict[int, PicturePosition]:
    latest: dict[int, PicturePosition] = {}
    for position in picture.positions.select_related("participant").order_by("created_at", "id"):
        latest[position.participant_id] = position
    return latest


def network_first_problems(plan: Plan) -> list[Problem]:
    """R10 and R11: own strength and the family group plan come before professional help."""
    return own_strength_problems(plan) + group_plan_problems(plan)


def own_strength_problems(plan: Plan) -> list[Problem]:
    """R10: what the family and network do themselves, and whether it is enough."""
    assessment = NetworkAssessment.objects.filter(plan=plan).first()
    if assessment is None or not (assessment.is_enough or assessment.skip_reason):
        return [
            Problem(
                "R10",
                _(
                    "schrijf eerst op wat het gezin en het netwerk zelf doen en of dat genoeg "
                    "is, of waarom dat nu niet kan."
                ),
            )
        ]
    return []


def group_plan_problems(plan: Plan) -> list[Problem]:
    """R11: the offer and the answer, or the reason it was not offered."""
    group_plan = FamilyGroupPlan.objects.filter(plan=plan).first()
    if group_plan is None or not (
        (group_plan.offered_on and group_plan.answer != "pending") or group_plan.not_offered_reason
    ):
        return [
            Problem(
                "R11",
                _(
                    "bied het gezin een familiegroepsplan aan en schrijf het antwoord op, of "
                    "waarom het niet is aangeboden."
                ),
            )
        ]
    return []


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
    moves = workflow.allowed_moves(plan.step)
    if to_step not in moves:
        raise RuleViolation(
            "R3",
            _("Van stap %(a)s kan het plan niet naar stap %(b)s; ga één stap verder of terug.")
            % {"a": plan.step, "b": to_step},
        )
    if workflow.is_revisit(plan.step, to_step) and not reason.strip():
        raise RuleViolation(
            "R3", _("Schrijf op waarom het plan een stap terug gaat."), field="reason"
        )
    problems = move_problems(plan, to_step)
    if problems:
        raise RuleViolation(problems[0].rule, " ".join(map(str, problems)))
    StepChange.objects.create(
        plan=plan,
        from_step=plan.step,
        to_step=to_step,
        reason=reason,
        rule=rule or moves[to_step].rule,
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
