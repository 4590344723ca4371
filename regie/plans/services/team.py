"""Who takes part in the plan: the family's people and their relations, the
professionals the family lets in, the coordinator, the end of a role, and what the
organisations agree to report to each other (R7, R16, A2, A4, A7, 001)."""

import datetime
import unicodedata

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.accounts.models import Organisation, User
from regie.core.errors import RuleViolation
from regie.families.models import Gender, Person, PersonKind, Relation, RelationKind
from regie.plans.models import InformationAgreement, Participant, Plan
from regie.plans.services.common import authorize, log


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
    if role:
        add_family_participant(actor=actor, plan=plan, person=person, role=role)
    return person


def _check_family_role(participant: Participant, person: Person) -> None:
    """The role fits the person: only a parent takes part as a parent (A2), only a child as
    a child (A4), and the family and network are never professionals (R16)."""
    if participant.is_parent and person.kind != PersonKind.PARENT:
        raise RuleViolation(
            "A2", _("Alleen een ouder of verzorger doet mee als ouder."), field="role"
        )
    if participant.is_child and person.kind != PersonKind.CHILD:
        raise RuleViolation("A4", _("Alleen een kind doet mee als kind of jongere."), field="role")
    if not (participant.is_family or participant.is_network):
        raise RuleViolation("R16", _("Een gezinslid of netwerklid kan geen hulpverlener zijn."))
    if participant.user_id is not None and not policy.old_enough_to_log_in(participant):
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
    participant = Participant(plan=plan, role=role, person=person, user=person.user)
    _check_family_role(participant, person)
    participant.save()
    log(Event.PARTICIPANT_ADDED, actor=actor, plan=plan, obj=participant)
    return participant


@transaction.atomic
def add_professional(
    *, actor: Participant, plan: Plan, user: User, role: str, task: str = ""
) -> Participant:
    """Invite a professional. They see the plan only after the family approves (R16),
    unless a parent invites them, which is the approval."""
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    if not policy.may_act_as_professional(user, role):
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


def _normalised_name(name: str) -> str:
    """A full name as typed or stored, compared without case or extra spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _not_found(field: str) -> RuleViolation:
    """Issue 12: one answer whether nobody matched, the account is not a professional's or
    is no longer active, so the lookup tells no one who has an account."""
    return RuleViolation(
        "A1",
        _(
            "Geen hulpverlener gevonden met dit e-mailadres / deze naam bij deze organisatie. "
            "Controleer de spelling of vraag de hulpverlener om het e-mailadres. Heeft de "
            "hulpverlener nog geen account? Dat maakt de beheerder van de organisatie."
        ),
        field=field,
    )


def find_professional(
    *,
    actor: Participant,
    plan: Plan,
    email: str = "",
    organisation: Organisation | None = None,
    name: str = "",
) -> User:
    """The professional the team wants to add, named exactly: by e-mail address, or by full
    name within an organisation (issue 12, A1). Never a partial match or a list, so nobody
    can read off who works where; accounts themselves are made by administrators."""
    authorize(actor, Permission.MANAGE_TEAM, plan=plan)
    professionals = User.objects.filter(is_active=True, organisation__isnull=False)
    if organisation is not None:
        professionals = professionals.filter(organisation=organisation)
    email = email.strip()
    if email:
        matches = list(professionals.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            raise RuleViolation(
                "R16",
                _("Meer accounts hebben dit e-mailadres. Kies ook de organisatie.")
                if organisation is None
                else _(
                    "Meer accounts bij deze organisatie hebben dit e-mailadres. Vraag de "
                    "beheerder van de organisatie dat op te lossen."
                ),
                field="email",
            )
        if not matches:
            raise _not_found("email")
        return matches[0]
    wanted = _normalised_name(name)
    if organisation is None or not wanted:
        raise RuleViolation(
            "R16",
            _("Vul het e-mailadres in, of kies de organisatie en vul de volledige naam in."),
            field="email",
        )
    # Compared here, not in SQL: the database cannot fold case and spaces the same way.
    same_name = [
        pk
        for pk, first_name, last_name in professionals.values_list("pk", "first_name", "last_name")
        if _normalised_name(f"{first_name} {last_name}") == wanted
    ]
    if len(same_name) > 1:
        raise RuleViolation(
            "R16",
            _(
                "Bij deze organisatie werken meer mensen met deze naam. Vul het e-mailadres "
                "van de hulpverlener in."
            ),
            field="email",
        )
    if not same_name:
        raise _not_found("name")
    return User.objects.get(pk=same_name[0])


@transaction.atomic
def invite_professional(
    *,
    actor: Participant,
    plan: Plan,
    email: str = "",
    organisation: Organisation | None = None,
    name: str = "",
    role: str,
    task: str = "",
) -> Participant:
    """Add the professional found by e-mail or by name within an organisation; the family
    still lets them in (R16)."""
    user = find_professional(
        actor=actor, plan=plan, email=email, organisation=organisation, name=name
    )
    return add_professional(actor=actor, plan=plan, user=user, role=role, task=task)


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
    if not policy.may_coordinate(participant):
        raise RuleViolation("R16", _("Zorgcoördinator is een ouder of een hulpverlener."))
    plan.coordinator = participant
    plan.version += 1
    plan.save(update_fields=["coordinator", "version"])
    log(Event.COORDINATOR_SET, actor=actor, plan=plan, obj=participant)
    return plan


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


@transaction.atomic
def add_information_agreement(
    *,
    actor: Participant,
    plan: Plan,
    from_organisation: Organisation,
    to_organisation: Organisation,
    what: str,
    frequency: str,
) -> InformationAgreement:
    """001: organisations agree who reports what back to whom, and how often."""
    authorize(actor, Permission.ADD_INFO_AGREEMENT, plan=plan)
    in_plan = set(
        plan.participants.filter(organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    if from_organisation.pk not in in_plan or to_organisation.pk not in in_plan:
        raise RuleViolation("R16", _("Kies organisaties die in dit plan meedoen."))
    if not what.strip() or not frequency.strip():
        raise RuleViolation(
            "R16", _("Schrijf op wat er wordt teruggekoppeld en hoe vaak."), field="what"
        )
    agreement = InformationAgreement.objects.create(
        plan=plan,
        created_by=actor,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        what=what.strip(),
        frequency=frequency.strip(),
    )
    log(Event.INFO_AGREEMENT, actor=actor, plan=plan, obj=agreement)
    return agreement
