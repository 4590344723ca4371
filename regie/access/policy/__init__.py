"""Who may see or do what (A1, R16, A7). Views, services, commands and the API ask this
package; nothing else decides access. Outsiders get 404, never a hint a plan exists. What a
person reads of a plan is in `parts` (A2–A4, A3b), who may change whose account in
`accounts` (A6); both are re-exported here."""

import datetime
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access.log import Actor
from regie.access.policy.accounts import (
    is_privileged,
    may_approve_account_change,
    may_manage_account,
    may_request_account_change,
    may_search_access_log,
)
from regie.access.policy.parts import (
    ALL_SECTIONS,
    CARE_PROVIDER_SECTIONS,
    OWN_PART_ONLY,
    ROLE_SECTIONS,
    SAFETY_SHARE_ROLES,
    SHARE_SECTIONS,
    SHAREABLE_ROLES,
    STEP_SECTIONS,
    Section,
    may_receive_share,
    role_sections,
    sections,
    sees_all_meetings,
    shared_kinds,
)
from regie.access.refusals import refuse_outsider
from regie.accounts.models import User
from regie.plans.models import (
    PROFESSIONAL_ROLES,
    Participant,
    Plan,
    PlanStatus,
    Role,
    Step,
)

# What the parts of the package decide, asked through this one.
__all__ = [
    "ALL_SECTIONS",
    "CARE_PROVIDER_SECTIONS",
    "OWN_PART_ONLY",
    "ROLE_SECTIONS",
    "SAFETY_SHARE_ROLES",
    "SHAREABLE_ROLES",
    "SHARE_SECTIONS",
    "STEP_SECTIONS",
    "Section",
    "is_privileged",
    "may_approve_account_change",
    "may_manage_account",
    "may_receive_share",
    "may_request_account_change",
    "may_search_access_log",
    "role_sections",
    "sections",
    "sees_all_meetings",
    "shared_kinds",
]


class Permission(StrEnum):
    MOVE_STEP = "move_step"
    EDIT_STORY = "edit_story"
    EDIT_PROFILE = "edit_profile"
    MANAGE_TEAM = "manage_team"
    APPROVE_PROFESSIONAL = "approve_professional"
    SET_COORDINATOR = "set_coordinator"
    SET_FRAMEWORK = "set_framework"
    CONFIRM_STORY_READ = "confirm_story_read"
    WRITE_ENTRY = "write_entry"
    REACT_TO_ENTRY = "react_to_entry"
    WRITE_WISH = "write_wish"
    WRITE_ANALYSIS = "write_analysis"
    WRITE_PICTURE = "write_picture"
    RECORD_POSITION = "record_position"
    ADD_GOAL = "add_goal"
    PRIORITISE_GOALS = "prioritise_goals"
    SET_CONDITION = "set_condition"
    ASSESS_NETWORK = "assess_network"
    OFFER_GROUP_PLAN = "offer_group_plan"
    ANSWER_GROUP_PLAN = "answer_group_plan"
    ADD_ACTION = "add_action"
    PROPOSE_OPTION = "propose_option"
    GIVE_PREFERENCE = "give_preference"
    DECIDE = "decide"
    CHOOSE_PROVIDER = "choose_provider"
    AGREE_DECISION = "agree_decision"
    APPLY = "apply"
    SCHEDULE_EVALUATION = "schedule_evaluation"
    REQUEST_EVALUATION = "request_evaluation"
    RECORD_EVALUATION = "record_evaluation"
    SCORE_GOAL = "score_goal"
    CLOSE_PLAN = "close_plan"
    GIVE_CLOSING_VOICE = "give_closing_voice"
    ADD_AFTERCARE = "add_aftercare"
    PLAN_MEETING = "plan_meeting"
    RECORD_CONSULTATION = "record_consultation"
    ADD_INFO_AGREEMENT = "add_info_agreement"
    COMPLAIN = "complain"
    HANDLE_COMPLAINT = "handle_complaint"
    SHARE_PARTS = "share_parts"
    SHARE_FOR_SAFETY = "share_for_safety"
    REQUEST_DESTRUCTION = "request_destruction"


P = Permission

# What the family itself steers (000: the family keeps control).
_FAMILY = frozenset(
    {
        P.EDIT_STORY,
        P.EDIT_PROFILE,
        P.REACT_TO_ENTRY,
        P.WRITE_WISH,
        P.WRITE_ANALYSIS,
        P.RECORD_POSITION,
        P.ADD_GOAL,
        P.PRIORITISE_GOALS,
        P.ASSESS_NETWORK,
        P.ANSWER_GROUP_PLAN,
        P.ADD_ACTION,
        P.PROPOSE_OPTION,
        P.GIVE_PREFERENCE,
        P.CHOOSE_PROVIDER,
        P.AGREE_DECISION,
        P.REQUEST_EVALUATION,
        P.SCORE_GOAL,
        P.ADD_AFTERCARE,
        P.GIVE_CLOSING_VOICE,
        P.COMPLAIN,
        P.REQUEST_DESTRUCTION,
    }
)
_PARENT = _FAMILY | {
    P.MANAGE_TEAM,
    P.APPROVE_PROFESSIONAL,
    P.SET_COORDINATOR,
    P.SHARE_PARTS,
}
_PROFESSIONAL = frozenset(
    {
        P.EDIT_PROFILE,
        P.CONFIRM_STORY_READ,
        P.WRITE_ENTRY,
        P.WRITE_ANALYSIS,
        P.WRITE_PICTURE,
        P.RECORD_POSITION,
        P.ADD_GOAL,
        P.ASSESS_NETWORK,
        P.OFFER_GROUP_PLAN,
        P.ADD_ACTION,
        P.PROPOSE_OPTION,
        P.GIVE_PREFERENCE,
        P.AGREE_DECISION,
        P.REQUEST_EVALUATION,
        P.SCORE_GOAL,
        P.ADD_AFTERCARE,
        P.RECORD_CONSULTATION,
        P.ADD_INFO_AGREEMENT,
        P.HANDLE_COMPLAINT,
    }
)
# The referrer keeps the overview and plans evaluations (000).
_REFERRER = _PROFESSIONAL | {
    P.MOVE_STEP,
    P.MANAGE_TEAM,
    P.SET_COORDINATOR,
    P.SET_FRAMEWORK,
    P.DECIDE,
    P.APPLY,
    P.SCHEDULE_EVALUATION,
    P.RECORD_EVALUATION,
    P.CLOSE_PLAN,
    P.PLAN_MEETING,
}
# The coordinator keeps the plan moving, whoever they are (R16).
_COORDINATOR = frozenset(
    {P.MOVE_STEP, P.MANAGE_TEAM, P.SCHEDULE_EVALUATION, P.RECORD_EVALUATION, P.PLAN_MEETING}
)

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.PARENT: _PARENT,
    Role.CHILD: _FAMILY,
    Role.NETWORK: frozenset({P.REQUEST_EVALUATION}),
    Role.REFERRER: _REFERRER,
    Role.CARE_PROFESSIONAL: _PROFESSIONAL | {P.DECIDE, P.RECORD_EVALUATION, P.PLAN_MEETING},
    Role.CHILD_PROTECTION: _REFERRER | {P.SET_CONDITION, P.SHARE_FOR_SAFETY},
    Role.BEHAVIOURAL_SCIENTIST: _PROFESSIONAL,
    Role.SCHOOL: frozenset({P.CONFIRM_STORY_READ, P.WRITE_ENTRY, P.ADD_ACTION, P.SCORE_GOAL}),
    Role.GP: frozenset({P.CONFIRM_STORY_READ, P.WRITE_ENTRY}),
}

YOUTH_LOGIN_AGE = 12  # A4, Jeugdwet art. 7.3.5
YOUTH_SELF_DECIDES_AGE = 16


class NotAllowed(PermissionDenied):
    """Someone in the plan tried something their role does not allow."""


def today() -> datetime.date:
    return timezone.localdate()


def is_active_participant(participant: Participant, day: datetime.date | None = None) -> bool:
    """Counts only while the role runs (A7) and, for professionals, after the family's
    approval (R16). A child logs in only from 12 (A4)."""
    day = day or today()
    if not participant.is_active_on(day) or not participant.is_approved:
        return False
    if participant.plan.status != PlanStatus.OPEN and participant.is_professional:
        return participant.plan.help_ended_on is None or participant.plan.help_ended_on >= day
    return participant.user_id is None or old_enough_to_log_in(participant, day)


def old_enough_to_log_in(participant: Participant, day: datetime.date | None = None) -> bool:
    """A4 (Jeugdwet 7.3.5): a child has a login of their own only from 12; everyone else
    may have one at any age."""
    if not participant.is_child:
        return True
    age = age_on(participant, day)
    return age is not None and age >= YOUTH_LOGIN_AGE


def can(participant: Participant, permission: Permission) -> bool:
    if permission in ROLE_PERMISSIONS.get(participant.role, frozenset()):
        return True
    return participant.plan.coordinator_id == participant.pk and permission in _COORDINATOR


def require(participant: Participant, permission: Permission) -> None:
    if not can(participant, permission):
        raise NotAllowed(
            _("Dit kan iemand met de rol '%(role)s' in dit plan niet doen.")
            % {"role": participant.get_role_display()}
        )


def participant_for(
    user: User, plan_id: uuid.UUID | str, day: datetime.date | None = None
) -> Participant | None:
    """The user's active role in the plan with this public id. Asked by id, not by plan,
    so it costs the same whether or not the plan exists (A1: no timing hint)."""
    if not user.is_authenticated or user.sees_figures_only:  # issue 15: never in a plan
        return None
    roles = Participant.objects.filter(plan__public_id=plan_id, user=user)
    # One query for the role and everything a page asks of it and its plan (issue 13).
    for participant in roles.select_related(
        "person", "user", "organisation", "plan__family", "plan__domain_set", "plan__story"
    ):
        if is_active_participant(participant, day):
            return participant
    return None


def plan_for(user: User, plan_id: uuid.UUID | str, *, ip_address: str | None = None) -> "Viewer":
    """The user's view of the plan, or 404 for everyone outside it (A1). Every refusal is
    logged, also for an id that does not exist, so both take the same time; too many
    refusals in a short time raise `refusals.TooManyRefusals` (429) instead (A5)."""
    participant = participant_for(user, plan_id)
    if participant is None:
        # An outsider: the plan is read only for the refusal's row, for an id that exists
        # and one that does not alike.
        plan = Plan.objects.select_related("family").filter(public_id=plan_id).first()
        if user.is_authenticated:
            refuse_outsider(user_actor(user, ip_address=ip_address), plan, plan_id)
        raise Http404(_("Niet gevonden."))
    return viewer_of(participant)


def visible_plans(user: User) -> QuerySet[Plan]:
    """Plans the user takes part in now: the list filter of A1. The per-plan check is
    `plan_for`, which also applies the age rule."""
    if user.is_authenticated and user.sees_figures_only:
        return Plan.objects.none()  # issue 15: figures only
    day = today()
    roles = (
        Participant.objects.filter(user=user, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .filter(Q(approved_at__isnull=False) | Q(role__in=[Role.PARENT, Role.CHILD, Role.NETWORK]))
        # A7: a professional's access ends when the help has ended.
        .exclude(
            role__in=PROFESSIONAL_ROLES, plan__status=PlanStatus.CLOSED, plan__help_ended_on__lt=day
        )
    )
    return Plan.objects.filter(pk__in=roles.values("plan_id"))


def actor_of(participant: Participant, ip_address: str | None = None) -> Actor:
    """Who acts in a plan: the person in the role and organisation they act in (A5)."""
    organisation = participant.organisation.name if participant.organisation else ""
    return Actor(
        user_id=participant.user_id,
        label=participant.display_name,
        role=participant.role,
        organisation=organisation,
        ip_address=ip_address,
    )


def user_actor(
    user: User, *, ip_address: str | None = None, role: str = "", label: str = ""
) -> Actor:
    """Who acts outside a plan role: a user with their organisation, if any (A5)."""
    organisation = user.organisation.name if user.organisation_id and user.organisation else ""
    return Actor(
        user_id=user.pk,
        label=label or str(user),
        role=role,
        organisation=organisation,
        ip_address=ip_address,
    )


# ---- What someone may read (A2–A4) -----------------------------------------------------


def may_share_for_safety(actor: Participant, member: Participant) -> bool:
    """A3b: in a compulsory framework the child-protection worker decides what school and
    GP need for safety."""
    return (
        can(actor, Permission.SHARE_FOR_SAFETY)
        and actor.plan.is_compulsory
        and member.role in SAFETY_SHARE_ROLES
    )


def may_open_step(participant: Participant, step: int, seen: frozenset[Section]) -> bool:
    return bool(STEP_SECTIONS[step] & seen)


def age_on(participant: Participant, day: datetime.date | None = None) -> int | None:
    if participant.person is None:
        return None
    return participant.person.age_on(day or today())


def kept_from(viewer: Participant, record: object) -> bool:
    """A4: a parent does not see what a youth keeps from their parents."""
    kept = getattr(record, "kept_from_parents_by_id", None) is not None
    return kept and misses_kept_records(viewer)


def may_approve_professional(actor: Participant) -> bool:
    """R16: parents approve professionals; so does a youth of 16+ (A4, Jeugdwet 7.3.5)."""
    if can(actor, Permission.APPROVE_PROFESSIONAL):
        return True
    age = age_on(actor)
    return actor.role == Role.CHILD and age is not None and age >= YOUTH_SELF_DECIDES_AGE


def shows_contact(member: Participant, day: datetime.date | None = None) -> bool:
    """Issue 14: someone's phone and e-mail show next to their name in a plan when they
    chose so, while their role runs and was not refused. Who sees the name sees them: the
    team list already holds only the people this person may see (A3, A3b)."""
    user = member.user if member.user_id else None
    if user is None or not user.shows_contact or member.refused_at is not None:
        return False
    return member.is_active_on(day or today())


def may_read_access_log(participant: Participant) -> bool:
    """A5, Wabvpz art. 15e: the family sees who looked at and changed their plan."""
    return participant.role in (Role.PARENT, Role.CHILD)


def may_export_data(participant: Participant) -> bool:
    """AVG inzage: family members download everything about themselves and their plan."""
    return participant.role in (Role.PARENT, Role.CHILD)


def may_export_fhir(participant: Participant) -> bool:
    """The FHIR bundle is the whole plan: the family and the professionals, not the network
    (A3)."""
    return not participant.is_network


YOUTH_PAGE_ROLES = frozenset({Role.CHILD})


def has_youth_page(participant: Participant) -> bool:
    """'Mijn plan' in simple words is the youth's own page (A4)."""
    return participant.role in YOUTH_PAGE_ROLES


def may_request_destruction(
    actor: Participant, plan: Plan, day: datetime.date | None = None
) -> bool:
    """A8: a parent, or a youth of 12 or older, who takes part in the plan now. Works on a
    closed plan too: the family keeps its place in a plan after help ended."""
    day = day or today()
    if actor.plan_id != plan.pk or not is_active_participant(actor, day):
        return False
    if actor.role == Role.PARENT:
        return True
    age = age_on(actor, day)
    return actor.role == Role.CHILD and age is not None and age >= YOUTH_LOGIN_AGE


def may_handle_destruction(
    actor: Participant, plan: Plan, day: datetime.date | None = None
) -> bool:
    """A8: a professional in the plan handles the request. In a closed plan professionals no
    longer read the plan once help ended (A7), but whoever was in the plan on the day help
    ended still answers the family's request; handling shows the request, not the plan."""
    day = day or today()
    if actor.plan_id != plan.pk or not actor.is_professional or not actor.is_approved:
        return False
    if is_active_participant(actor, day):
        return True
    ended = plan.help_end_date
    return ended is not None and actor.is_active_on(ended)


def may_keep_from_parents(actor: Participant, *, own_words: bool) -> bool:
    """A4 (Jeugdwet 7.3.5): from 12 a youth keeps their own words from their parents; from
    16 they decide alone about everything written about them."""
    if actor.role != Role.CHILD or actor.user_id is None:
        return False
    age = age_on(actor)
    if age is None:
        return False
    return age >= YOUTH_SELF_DECIDES_AGE or (own_words and age >= YOUTH_LOGIN_AGE)


def misses_kept_records(viewer: Participant) -> bool:
    """A4: a parent sees none of what a youth keeps from their parents; pages tell them
    that something is kept, and by whom, never what."""
    return viewer.role == Role.PARENT


def may_take_action(viewer: "Viewer", permission: Permission | None, page_step: int | None) -> bool:
    """A3: a form action needs its permission (None: the service decides by ownership or
    age), and the step page it belongs to must be one this person may open (None: the
    overview, which everyone in the plan opens)."""
    if permission is not None and not viewer.can(permission):
        return False
    return page_step is None or viewer.may_open_step(page_step)


def may_act_as_professional(user: User, role: str) -> bool:
    """Only a professional of an organisation opens a plan or joins it in a professional
    role (R1, R16): the organisation answers for what they do."""
    return user.is_professional and role in PROFESSIONAL_ROLES


def may_coordinate(participant: Participant) -> bool:
    """R16: the coordinator is a parent or a professional, never a child or the network."""
    return participant.is_professional or participant.is_parent


def may_write_for(actor: Participant, member: Participant) -> bool:
    """R4: one's own words; a parent or professional may write down a young child's or
    partner's words for them. A youth with their own login writes their own (A4)."""
    if member.pk == actor.pk:
        return True
    if member.user_id is not None and member.is_child:
        return False
    return actor.is_parent or actor.is_professional


def may_score_for(actor: Participant, member: Participant) -> bool:
    """R19: everyone scores for themselves; a parent or professional may write down the
    score of someone without a login of their own (a young child)."""
    if member.pk == actor.pk:
        return True
    return (actor.is_professional or actor.is_parent) and member.user_id is None


def waits_for_approval(participant: Participant, plan: Plan) -> bool:
    """R16: a professional waits for the family's permission (as `workflow.move_checks`
    counts them); under a measure the court appoints the child-protection worker, who
    needs none."""
    return (
        participant.is_professional
        and participant.approved_by_id is None
        and participant.refused_at is None
        and participant.ends_on is None
        and not (plan.is_compulsory and participant.role == Role.CHILD_PROTECTION)
    )


def protects_the_child(participant: Participant) -> bool:
    """R9, issue 14: under a measure, whom a youth who does not feel safe can call."""
    return participant.role == Role.CHILD_PROTECTION


def may_stop_safety_goal(actor: Participant) -> bool:
    """R9: under a measure, stopping the safety goal is the child-protection worker's
    decision."""
    return actor.role == Role.CHILD_PROTECTION


def may_assess_safety(participant: Participant) -> bool:
    """R6, R18: a safety assessment or behavioural advice is given by a behavioural
    scientist."""
    return participant.role == Role.BEHAVIOURAL_SCIENTIST


def may_choose_provider(actor: Participant) -> bool:
    """R14: the family chooses the provider of the help, not the professionals."""
    return actor.is_family


def hears_of_deadlines(participant: Participant, plan: Plan) -> bool:
    """R15: the referrer keeps the overview and the coordinator keeps the plan moving, so
    they are told when an application's legal term runs out."""
    return participant.role == Role.REFERRER or participant.pk == plan.coordinator_id


# ---- The viewer: one person's place in one plan, computed once per request ------------


@dataclass(frozen=True)
class Viewer:
    """What one person may see and do in one plan (A1–A4, A7, R16). `plan_for` makes it
    once per request; pages, selectors and templates ask it instead of recomputing."""

    participant: Participant
    permissions: frozenset[Permission]
    sections: frozenset[Section]
    age: int | None

    @property
    def plan(self) -> Plan:
        return self.participant.plan

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def sees(self, section: Section) -> bool:
        return section in self.sections

    def may_open_step(self, step: int) -> bool:
        return may_open_step(self.participant, step, self.sections)

    @property
    def open_steps(self) -> list[int]:
        return [step for step in Step.values if self.may_open_step(step)]

    def may_keep_from_parents(self, *, own_words: bool) -> bool:
        return may_keep_from_parents(self.participant, own_words=own_words)

    def may_take(self, permission: Permission | None, page_step: int | None) -> bool:
        return may_take_action(self, permission, page_step)

    # Questions templates ask (they take no arguments there).
    @property
    def may_approve_professional(self) -> bool:
        return may_approve_professional(self.participant)

    @property
    def may_read_access_log(self) -> bool:
        return may_read_access_log(self.participant)

    @property
    def may_export_data(self) -> bool:
        return may_export_data(self.participant)

    @property
    def may_export_fhir(self) -> bool:
        return may_export_fhir(self.participant)

    @property
    def has_youth_page(self) -> bool:
        return has_youth_page(self.participant)

    @property
    def may_request_destruction(self) -> bool:
        return may_request_destruction(self.participant, self.plan)


def permissions(participant: Participant) -> frozenset[Permission]:
    return frozenset(permission for permission in Permission if can(participant, permission))


def viewer_of(participant: Participant) -> Viewer:
    return Viewer(
        participant=participant,
        permissions=permissions(participant),
        sections=sections(participant),
        age=age_on(participant),
    )
