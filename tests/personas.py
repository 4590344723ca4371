"""The cast every test shares (STYLE habit 8): one family, its network, the professionals
around it and the people who must never see the plan.

`build_cast()` makes the people and ONE plan in step 1, with every professional approved by
the parent, through the same services the web and the API call. `walk_to()` moves the plan
forward honestly: before each move it records what the guard in
`regie.plans.workflow.move_problems` asks for, then moves through `move_step`.

    cast = build_cast()                 # voluntary plan, step 1
    cast = build_cast(compulsory=True)  # OTS, with the child-protection worker in the plan
    walk_to(cast, Step.GOALS)           # step 4, through steps 2 and 3
    close_out(cast)                     # step 8 and closed, with aftercare

Who is who (family "Jansen"):

| attribute              | who                                 | login | role in plan           |
| ---------------------- | ----------------------------------- | ----- | ---------------------- |
| parent                 | Sanne Jansen, mother, with authority| yes   | parent                 |
| second_parent          | Mark de Vries, father, with authority| no   | parent                 |
| youth16                | Daan, 16                            | yes   | child                  |
| youth13                | Noa, 13                             | yes   | child                  |
| child8                 | Lotte, 8                            | no    | child                  |
| grandmother            | Ria Jansen, oma                     | yes   | network                |
| wijkteam_worker        | Fatima El Amrani, Wijkteam Noord    | yes   | referrer, coordinator  |
| care_provider          | Joost Bakker, Jeugdhulp Horizon     | yes   | care professional      |
| behavioural_scientist  | Karin Visser, Jeugdhulp Horizon     | yes   | behavioural scientist  |
| child_protection       | Ingrid de Boer, Jeugdbescherming    | yes   | child protection (only |
|                        | Regio (certified institution)       |       | in compulsory plans)   |
| outsider               | Olaf Smit, Zorggroep Elders         | yes   | not in the plan        |
| admin                  | Bram Beheer, functional admin       | yes   | not in the plan        |
| privacy_officer        | Pim Privacy, privacy officer        | yes   | not in the plan        |

Participants carry their User and Person; the `*_user` attributes are the same Users,
typed without `None`, for logging in (`client.force_login(cast.parent_user)`).
Every login has the password `PASSWORD`.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db.models import Max
from django.utils import timezone

from regie.access.events import EventKind
from regie.access.models import AccessLogEntry
from regie.accounts.models import Organisation, OrganisationKind, User
from regie.catalog.models import LifeDomainSet
from regie.catalog.services import load_domain_sets
from regie.families.models import Family, Gender, PersonKind
from regie.plans.models import (
    Enough,
    Evaluation,
    EvaluationOutcome,
    FamilyStory,
    Framework,
    Funding,
    Goal,
    GoalStatus,
    GoalTerm,
    GroupPlanAnswer,
    LegalMeasure,
    Participant,
    Plan,
    Position,
    Role,
    Step,
    Wish,
)
from regie.plans.services import analysis, entries, evaluation, goals, help, plans, team

PASSWORD = "regie-persona-wachtwoord"
ZRM_SLUG = "zelfredzaamheid-matrix-13"  # the Zelfredzaamheid-Matrix set, scored 1–5


@functools.cache
def _password_hash() -> str:
    """Hash the shared password once per test run: hashing it per user would cost seconds
    per test. Everyone gets the same (salted) hash, which is fine for test logins."""
    return make_password(PASSWORD)


def born_years_ago(years: int, *, today: datetime.date | None = None) -> datetime.date:
    """A birth date that makes someone exactly `years` old today, their birthday about four
    months behind them, so the age holds for the whole test run."""
    anchor = (today or timezone.localdate()) - datetime.timedelta(days=120)
    try:
        return anchor.replace(year=anchor.year - years)
    except ValueError:  # 29 February
        return anchor.replace(year=anchor.year - years, day=28)


def make_organisation(name: str, kind: str, complaints_email: str = "") -> Organisation:
    return Organisation.objects.create(name=name, kind=kind, complaints_email=complaints_email)


def make_user(
    username: str,
    first_name: str,
    last_name: str,
    *,
    organisation: Organisation | None = None,
    is_functional_admin: bool = False,
    is_privacy_officer: bool = False,
) -> User:
    return User.objects.create(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@example.org",
        password=_password_hash(),
        organisation=organisation,
        is_functional_admin=is_functional_admin,
        is_privacy_officer=is_privacy_officer,
    )


@dataclass
class Cast:
    plan: Plan
    family: Family
    # Organisations
    wijkteam_org: Organisation
    provider_org: Organisation
    institution_org: Organisation
    other_org: Organisation
    # The family and its network, in the plan
    parent: Participant
    second_parent: Participant
    youth16: Participant
    youth13: Participant
    child8: Participant
    grandmother: Participant
    # Professionals in the plan
    wijkteam_worker: Participant
    care_provider: Participant
    behavioural_scientist: Participant
    child_protection_participant: Participant | None
    # Logins
    parent_user: User
    youth16_user: User
    youth13_user: User
    grandmother_user: User
    wijkteam_user: User
    care_provider_user: User
    behavioural_scientist_user: User
    child_protection_user: User
    # People who must never see the plan
    outsider: User
    admin: User
    privacy_officer: User

    @property
    def child_protection(self) -> Participant:
        """The child-protection worker's place in the plan (compulsory casts only)."""
        if self.child_protection_participant is None:
            raise AssertionError("Only build_cast(compulsory=True) has a child-protection worker.")
        return self.child_protection_participant

    @property
    def professionals(self) -> list[Participant]:
        """Every professional taking part in the plan."""
        found = [self.wijkteam_worker, self.care_provider, self.behavioural_scientist]
        if self.child_protection_participant is not None:
            found.append(self.child_protection_participant)
        return found

    def logins_in_plan(self) -> dict[str, User]:
        """Persona name → login of everyone who may open the plan."""
        logins = {
            "parent": self.parent_user,
            "youth16": self.youth16_user,
            "youth13": self.youth13_user,
            "grandmother": self.grandmother_user,
            "wijkteam_worker": self.wijkteam_user,
            "care_provider": self.care_provider_user,
            "behavioural_scientist": self.behavioural_scientist_user,
        }
        if self.child_protection_participant is not None:
            logins["child_protection"] = self.child_protection_user
        return logins

    def logins_outside_plan(self) -> dict[str, User]:
        """Persona name → login of everyone who must get a 404 for the plan (A1)."""
        outside = {
            "outsider": self.outsider,
            "admin": self.admin,
            "privacy_officer": self.privacy_officer,
        }
        if self.child_protection_participant is None:
            outside["child_protection"] = self.child_protection_user
        return outside

    def refresh(self) -> Plan:
        """Reload the plan after a service changed it through another instance."""
        self.plan.refresh_from_db()
        return self.plan


def build_cast(*, compulsory: bool = False, domain_set_slug: str | None = None) -> Cast:
    """Create the organisations and people, and ONE plan in step 1 in which everyone takes
    part and the parent has approved every professional (R16)."""
    load_domain_sets()
    domain_set = (
        LifeDomainSet.objects.get(slug=domain_set_slug) if domain_set_slug is not None else None
    )

    wijkteam_org = make_organisation(
        "Wijkteam Noord", OrganisationKind.NEIGHBOURHOOD_TEAM, "klachten@wijkteam-noord.example.nl"
    )
    provider_org = make_organisation(
        "Jeugdhulp Horizon", OrganisationKind.CARE_PROVIDER, "klachten@horizon.example.nl"
    )
    institution_org = make_organisation(
        "Jeugdbescherming Regio",
        OrganisationKind.CERTIFIED_INSTITUTION,
        "klachten@jeugdbescherming.example.nl",
    )
    other_org = make_organisation(
        "Zorggroep Elders", OrganisationKind.CARE_PROVIDER, "klachten@elders.example.nl"
    )

    parent_user = make_user("sanne", "Sanne", "Jansen")
    youth16_user = make_user("daan", "Daan", "Jansen")
    youth13_user = make_user("noa", "Noa", "Jansen")
    grandmother_user = make_user("ria", "Ria", "Jansen")
    wijkteam_user = make_user("fatima", "Fatima", "El Amrani", organisation=wijkteam_org)
    care_provider_user = make_user("joost", "Joost", "Bakker", organisation=provider_org)
    behavioural_scientist_user = make_user("karin", "Karin", "Visser", organisation=provider_org)
    child_protection_user = make_user("ingrid", "Ingrid", "de Boer", organisation=institution_org)
    outsider = make_user("olaf", "Olaf", "Smit", organisation=other_org)
    admin = make_user("beheer", "Bram", "Beheer", is_functional_admin=True)
    privacy_officer = make_user("privacy", "Pim", "Privacy", is_privacy_officer=True)

    plan = plans.open_plan(
        by=wijkteam_user,
        role=Role.REFERRER,
        family_name="Gezin Jansen",
        framework=Framework.COMPULSORY if compulsory else Framework.VOLUNTARY,
        legal_measure=LegalMeasure.SUPERVISION_ORDER if compulsory else "",
        domain_set=domain_set,
    )
    wijkteam_worker = plan.coordinator
    assert wijkteam_worker is not None

    def member(
        first_name: str,
        last_name: str,
        *,
        kind: str,
        role: str,
        gender: str,
        age: int | None = None,
        user: User | None = None,
        has_parental_authority: bool = False,
        is_index_child: bool = False,
        in_household: bool = False,
        description: str = "",
    ) -> Participant:
        person = team.add_person(
            actor=wijkteam_worker,
            plan=plan,
            first_name=first_name,
            last_name=last_name,
            kind=kind,
            gender=gender,
            birth_date=born_years_ago(age) if age is not None else None,
            user=user,
            has_parental_authority=has_parental_authority,
            is_index_child=is_index_child,
            in_household=in_household,
            description=description,
        )
        return team.add_family_participant(
            actor=wijkteam_worker, plan=plan, person=person, role=role
        )

    parent = member(
        "Sanne",
        "Jansen",
        kind=PersonKind.PARENT,
        role=Role.PARENT,
        gender=Gender.FEMALE,
        age=41,
        user=parent_user,
        has_parental_authority=True,
        in_household=True,
    )
    second_parent = member(
        "Mark",
        "de Vries",
        kind=PersonKind.PARENT,
        role=Role.PARENT,
        gender=Gender.MALE,
        age=44,
        has_parental_authority=True,
        description="vader, woont niet meer thuis",
    )
    youth16 = member(
        "Daan",
        "Jansen",
        kind=PersonKind.CHILD,
        role=Role.CHILD,
        gender=Gender.MALE,
        age=16,
        user=youth16_user,
        in_household=True,
    )
    youth13 = member(
        "Noa",
        "Jansen",
        kind=PersonKind.CHILD,
        role=Role.CHILD,
        gender=Gender.FEMALE,
        age=13,
        user=youth13_user,
        is_index_child=True,
        in_household=True,
    )
    child8 = member(
        "Lotte",
        "Jansen",
        kind=PersonKind.CHILD,
        role=Role.CHILD,
        gender=Gender.FEMALE,
        age=8,
        in_household=True,
    )
    grandmother = member(
        "Ria",
        "Jansen",
        kind=PersonKind.RELATIVE,
        role=Role.NETWORK,
        gender=Gender.FEMALE,
        age=68,
        user=grandmother_user,
        description="oma van moederskant",
    )

    care_provider = team.add_professional(
        actor=wijkteam_worker,
        plan=plan,
        user=care_provider_user,
        role=Role.CARE_PROFESSIONAL,
        task="gezinscoach",
    )
    behavioural_scientist = team.add_professional(
        actor=wijkteam_worker,
        plan=plan,
        user=behavioural_scientist_user,
        role=Role.BEHAVIOURAL_SCIENTIST,
    )
    child_protection_participant = None
    if compulsory:
        child_protection_participant = team.add_professional(
            actor=wijkteam_worker,
            plan=plan,
            user=child_protection_user,
            role=Role.CHILD_PROTECTION,
            task="jeugdbeschermer (OTS)",
        )
    # The family confirms everyone at the table, the opener included (step 1).
    for professional in [wijkteam_worker, care_provider, behavioural_scientist]:
        team.approve_professional(actor=parent, participant=professional)
    if child_protection_participant is not None:
        team.approve_professional(actor=parent, participant=child_protection_participant)

    return Cast(
        plan=plan,
        family=plan.family,
        wijkteam_org=wijkteam_org,
        provider_org=provider_org,
        institution_org=institution_org,
        other_org=other_org,
        parent=parent,
        second_parent=second_parent,
        youth16=youth16,
        youth13=youth13,
        child8=child8,
        grandmother=grandmother,
        wijkteam_worker=wijkteam_worker,
        care_provider=care_provider,
        behavioural_scientist=behavioural_scientist,
        child_protection_participant=child_protection_participant,
        parent_user=parent_user,
        youth16_user=youth16_user,
        youth13_user=youth13_user,
        grandmother_user=grandmother_user,
        wijkteam_user=wijkteam_user,
        care_provider_user=care_provider_user,
        behavioural_scientist_user=behavioural_scientist_user,
        child_protection_user=child_protection_user,
        outsider=outsider,
        admin=admin,
        privacy_officer=privacy_officer,
    )


def add_approved_professional(cast: Cast, user: User, role: str, task: str = "") -> Participant:
    """The wijkteam worker invites a professional and the parent approves them (R16)."""
    invited = team.add_professional(
        actor=cast.wijkteam_worker, plan=cast.plan, user=user, role=role, task=task
    )
    return team.approve_professional(actor=cast.parent, participant=invited)


# ---- Walking the plan forward --------------------------------------------------------


def _story(cast: Cast) -> FamilyStory:
    return FamilyStory.objects.get(plan=cast.plan)


def prepare_request(cast: Cast) -> None:
    """Step 1 → 2: a coordinator, a parent, every professional approved (build_cast)."""


def prepare_analysis(cast: Cast) -> None:
    """Step 2 → 3 (R4): the request for help in the family's words, and their wishes."""
    story = _story(cast)
    if not story.request_for_help:
        plans.edit_story(
            actor=cast.parent,
            plan=cast.plan,
            expected_version=story.version,
            story="Sinds de scheiding is het thuis onrustig. Noa gaat bijna niet meer naar school.",
            request_for_help="We willen weer rust in huis en dat Noa weer naar school gaat.",
        )
    if not Wish.objects.filter(plan=cast.plan, withdrawn_at__isnull=True).exists():
        entries.add_wish(
            actor=cast.parent, plan=cast.plan, member=cast.parent, text="Minder ruzie thuis."
        )
        entries.add_wish(
            actor=cast.youth13,
            plan=cast.plan,
            member=cast.youth13,
            text="Dat ik weer naar school durf.",
        )
        entries.add_wish(
            actor=cast.parent,
            plan=cast.plan,
            member=cast.child8,
            text="Lotte wil dat papa en mama niet meer schreeuwen.",
        )


def prepare_goals(cast: Cast) -> None:
    """Step 3 → 4 (R5, R6): the analysis and a coherent picture the parents agree with."""
    if analysis.current_picture(cast.plan) is None:
        domain = cast.plan.domain_set.domains.order_by("order").first()
        assert domain is not None
        analysis.assess_domain(
            actor=cast.parent,
            plan=cast.plan,
            domain=domain,
            concerns="Slecht slapen sinds de scheiding.",
            strengths="We sporten samen op zaterdag.",
        )
        analysis.write_picture(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            summary="Spanning na de scheiding; Noa verzuimt school. Veel steun van oma.",
        )
    analysis.record_position(actor=cast.parent, plan=cast.plan, position=Position.AGREES)
    analysis.record_position(actor=cast.wijkteam_worker, plan=cast.plan, position=Position.AGREES)


def prepare_own_strength(cast: Cast) -> None:
    """Step 4 → 5 (R8, R9): at least one goal; a compulsory plan's safety goal first."""
    active = Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE)
    if cast.plan.is_compulsory and not active.filter(is_safety_goal=True).exists():
        goals.add_goal(
            actor=cast.child_protection,
            plan=cast.plan,
            text="Lotte en Noa zijn thuis veilig: niemand wordt geslagen.",
            term=GoalTerm.SHORT,
            is_safety_goal=True,
        )
    if not active.filter(is_safety_goal=False).exists():
        goals.add_goal(
            actor=cast.parent,
            plan=cast.plan,
            text="Noa gaat weer elke dag naar school.",
            term=GoalTerm.SHORT,
            life_wish="Dat Noa een diploma haalt.",
        )


def prepare_deciding(cast: Cast) -> None:
    """Step 5 → 6 (R10, R11): what family and network do themselves, and the family
    group plan offered and answered."""
    goals.assess_network(
        actor=cast.parent,
        plan=cast.plan,
        family_does="Vaste bedtijden; Sanne brengt Noa naar school.",
        network_does="Oma haalt Noa en Lotte drie middagen op.",
        is_enough=Enough.PARTLY,
    )
    today = timezone.localdate()
    goals.offer_group_plan(
        actor=cast.wijkteam_worker, plan=cast.plan, offered_on=today, pgb_informed_on=today
    )
    goals.answer_group_plan(
        actor=cast.parent,
        plan=cast.plan,
        answer=GroupPlanAnswer.DECLINED,
        reason="We hebben oma al; een groot familieberaad wil Mark niet.",
    )


def prepare_executing(cast: Cast) -> None:
    """Step 6 → 7 (R13, R14, R19): an option, the joint decision, evaluations planned."""
    option = help.propose_option(
        actor=cast.care_provider,
        plan=cast.plan,
        title="Gezinscoaching",
        pros="Thuis, op momenten die het gezin kiest.",
        cons="Drie maanden lang elke week een afspraak.",
        fit="Sanne wil hulp thuis, niet op kantoor.",
        goals=list(Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE)),
    )
    help.decide(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        option=option,
        rationale="Past bij het doel en bij wat Sanne wil.",
        funding=Funding.IN_KIND,
        aftercare="Na afloop belt het wijkteam na zes weken.",
        provider=cast.provider_org,
        provider_chosen_by=cast.parent,
    )
    evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        scheduled_for=timezone.localdate() + datetime.timedelta(weeks=6),
    )


def prepare_closing(cast: Cast) -> None:
    """Step 7 → 8 (R19): at least one evaluation held, with a score per goal."""
    held = Evaluation.objects.filter(plan=cast.plan, held_on__isnull=True).order_by("id").first()
    assert held is not None
    for goal in Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE):
        evaluation.score_goal(actor=cast.parent, evaluation=held, goal=goal, score=8)
    evaluation.record_evaluation(
        actor=cast.wijkteam_worker,
        evaluation=held,
        expected_version=held.version,
        held_on=timezone.localdate(),
        working_relationship="Goed; Sanne voelt zich gehoord.",
        satisfaction=8,
        satisfaction_reasons="Noa gaat weer naar school.",
        outcome=EvaluationOutcome.STOP,
    )


PREPARE: dict[int, Callable[[Cast], None]] = {
    Step.REQUEST: prepare_request,
    Step.ANALYSIS: prepare_analysis,
    Step.GOALS: prepare_goals,
    Step.OWN_STRENGTH: prepare_own_strength,
    Step.DECIDING: prepare_deciding,
    Step.EXECUTING: prepare_executing,
    Step.CLOSING: prepare_closing,
}


def prepare_for(cast: Cast, step: int) -> None:
    """Record what the plan needs before it may enter `step` (one step ahead)."""
    PREPARE[step](cast)


def walk_to(cast: Cast, step: int) -> Plan:
    """Move the plan forward, one step at a time, through the services (as the
    wijkteam worker, the coordinator). Stays put if the plan is already there."""
    while cast.plan.step < step:
        next_step = cast.plan.step + 1
        prepare_for(cast, next_step)
        plans.move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=next_step)
    return cast.plan


def prepare_close(cast: Cast) -> None:
    """In step 8 (R20): every goal reached, and aftercare agreed (contact moment, relapse)."""
    for goal in Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE):
        goals.set_goal_status(
            actor=cast.parent,
            goal=goal,
            expected_version=goal.version,
            status=GoalStatus.REACHED,
            reason="Gelukt.",
        )
    evaluation.add_aftercare(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        kind="contact",
        description="Het wijkteam belt Sanne om te horen hoe het gaat.",
        planned_on=timezone.localdate() + datetime.timedelta(weeks=6),
        owner=cast.wijkteam_worker,
    )
    evaluation.add_aftercare(
        actor=cast.parent,
        plan=cast.plan,
        kind="relapse",
        description="Als Noa weer thuisblijft, belt Sanne het wijkteam en oma.",
        owner=cast.parent,
    )


def close_out(cast: Cast) -> Plan:
    """Walk to step 8, reach the goals, agree aftercare and close the plan (R20)."""
    walk_to(cast, Step.CLOSING)
    prepare_close(cast)
    return evaluation.close_plan(
        actor=cast.wijkteam_worker, plan=cast.plan, summary="De doelen zijn bereikt."
    )


# ---- The trail (STYLE habit 9) -------------------------------------------------------


def last_log_id() -> int:
    return AccessLogEntry.objects.aggregate(last=Max("id"))["last"] or 0


def assert_row_by(row: AccessLogEntry, actor: Participant, plan: Plan) -> None:
    """The row names the actor, the role and organisation they acted in, and the plan."""
    assert row.user_id == actor.user_id
    assert row.user_label == actor.display_name
    assert row.role == actor.role
    assert row.organisation == (actor.organisation.name if actor.organisation else "")
    assert row.plan_id == plan.public_id
    assert row.family_id == plan.family.public_id
    assert row.outcome == "success"


@contextmanager
def expect_log(actor: Participant, *events: EventKind) -> Iterator[list[AccessLogEntry]]:
    """Assert the block writes exactly these log rows, in order, each by `actor` in
    `actor`'s plan. Yields the list, filled with the rows once the block is done."""
    before = last_log_id()
    rows: list[AccessLogEntry] = []
    yield rows
    rows.extend(AccessLogEntry.objects.filter(id__gt=before).order_by("id"))
    assert [row.event for row in rows] == [event.code for event in events]
    plan = Plan.objects.select_related("family").get(pk=actor.plan_id)
    for row in rows:
        assert_row_by(row, actor, plan)


@contextmanager
def expect_no_log() -> Iterator[None]:
    """Assert the block writes no log row (a refused change leaves no trace of a change)."""
    before = last_log_id()
    yield
    assert last_log_id() == before


def new_rows_since(before: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(id__gt=before).order_by("id"))
