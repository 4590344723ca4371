"""Invented families at scale, for the benchmark of issue 13 (`manage.py seed_scale`).

`seed_scale(families=N, seed=S)` fills an empty scratch database with N families, each
with one open plan in one of the eight steps (three in ten also with an earlier plan that
closed in the past two years, regie.demo.scale_closed, for the outcome indicators): two
parents (both with a login), one to three children (those of 12 and over with a login, as
the policy allows, A4), one or two network members, one to three professionals from 200
organisations, five goals and about ten entries with the family's reactions.
Professionals have caseloads of 20–40 plans; one neighbourhood-team worker coordinates
500 (`BUSIEST_USERNAME`), and the first family's plan holds 1,000 entries (the large
plan of the query counts). The same seed on the same
day gives the same data, public ids included.

This writes plain rows (regie.demo.scale_rows: COPY on PostgreSQL), past the plan
services and so past their checks and their access-log rows: acceptable here only because
it is invented benchmark data for a scratch database (100,000 families through the
services would take hours). It writes no
access-log rows at all, so `verify_access_log` still passes. What it writes is what the
services would leave: professionals approved by a parent, everyone active from the day the
plan opened, the opener as coordinator, a step change for every step reached."""

import datetime
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from regie.access import policy
from regie.accounts.models import Organisation, OrganisationKind, User
from regie.catalog.models import LifeDomainSet
from regie.catalog.services import load_domain_sets
from regie.demo import scale_text as text
from regie.demo.dates import birth_date, moment
from regie.demo.scale_closed import CLOSED_SHARE, add_closed_plan
from regie.demo.scale_rows import Rows
from regie.families.models import Family, Gender, Person, PersonKind
from regie.plans.models import (
    Entry,
    EntryKind,
    EntryReaction,
    FamilyStory,
    Framework,
    Goal,
    GoalTerm,
    LegalMeasure,
    Participant,
    Plan,
    Role,
    StepChange,
    Verdict,
)

# Fine for invented data in a scratch database; seed_scale refuses to run in production.
SCALE_PASSWORD = "regie-schaal-2026"  # noqa: S105
BUSIEST_USERNAME = "schaal.wijkteam.druk"
BUSIEST_CASELOAD = 500
LARGE_PLAN_ENTRIES = 1_000
GOALS_PER_PLAN = 5
BATCH_FAMILIES = 1_000
STEP_DAYS = 42  # about six weeks a step
# Organisations by kind, 200 in all, and the role their professionals take in a plan.
ORGANISATIONS: tuple[tuple[str, str, int, str], ...] = (
    (OrganisationKind.NEIGHBOURHOOD_TEAM, "Wijkteam", 40, Role.REFERRER),
    (OrganisationKind.CERTIFIED_INSTITUTION, "Jeugdbescherming", 10, Role.CHILD_PROTECTION),
    (OrganisationKind.CARE_PROVIDER, "Jeugdhulp", 80, Role.CARE_PROFESSIONAL),
    (OrganisationKind.SCHOOL, "School", 40, Role.SCHOOL),
    (OrganisationKind.GP_PRACTICE, "Huisartsenpraktijk", 30, Role.GP),
)
# Who joins the coordinator: a care provider most often, a behavioural scientist of a
# care provider, the school or the GP.
OTHER_ROLES = (
    Role.CARE_PROFESSIONAL,
    Role.CARE_PROFESSIONAL,
    Role.BEHAVIOURAL_SCIENTIST,
    Role.SCHOOL,
    Role.GP,
)


@dataclass(frozen=True)
class ScaleResult:
    families: int
    users: int
    professionals: int
    participants: int
    entries: int
    reactions: int
    closed_plans: int
    busiest: str
    password: str
    seconds: float


class ScaleError(Exception):
    """The database is not an empty scratch database; nothing was written."""


@dataclass
class Pool:
    """The professionals of one role: each takes plans until their caseload (20–40) is
    full, then the next one is made."""

    organisations: list[Organisation]
    load: int = 0
    room: int = 0
    current: tuple[int, int] = (0, 0)  # user id, organisation id

    def take(self, seeder: "Seeder") -> tuple[int, int]:
        if self.load >= self.room:
            organisation = seeder.rng.choice(self.organisations)
            seeder.counts.professionals += 1
            username = f"schaal.prof{seeder.counts.professionals}"
            self.current = (seeder.user(username, organisation.pk), organisation.pk)
            self.load, self.room = 0, seeder.rng.randint(20, 40)
        self.load += 1
        return self.current


@dataclass
class Seated:
    """Who takes part in one plan, by participant id."""

    parents: list[int] = field(default_factory=list)
    parent_persons: list[int] = field(default_factory=list)
    children: list[int] = field(default_factory=list)
    professionals: list[int] = field(default_factory=list)


@dataclass
class Counts:
    users: int = 0
    professionals: int = 0
    participants: int = 0
    entries: int = 0
    reactions: int = 0
    closed_plans: int = 0


class Seeder:
    """Makes the rows of one family at a time. One random generator for everything, so a
    seed gives the same families in the same order."""

    def __init__(self, seed: int, domain_set: LifeDomainSet, large_plan_entries: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (invented data, reproducible on purpose)
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.domain_set = domain_set
        self.large_plan_entries = large_plan_entries
        self.password = make_password(SCALE_PASSWORD, salt=f"schaal{seed}")
        self.rows = Rows(self.now)
        self.counts = Counts()
        self.pools: dict[str, Pool] = {}
        self.busiest = 0

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def create_organisations(self) -> None:
        for kind, label, count, role in ORGANISATIONS:
            organisations = Organisation.objects.bulk_create(
                Organisation(
                    public_id=self.uuid(),
                    name=f"{label} {number:03d} (schaal)",
                    kind=kind,
                    complaints_email=f"klachten@{label.lower()}{number}.example.org",
                )
                for number in range(1, count + 1)
            )
            self.pools[role] = Pool(organisations)
        # Behavioural scientists work at the care providers.
        self.pools[Role.BEHAVIOURAL_SCIENTIST] = Pool(
            self.pools[Role.CARE_PROFESSIONAL].organisations
        )
        wijkteam = self.pools[Role.REFERRER].organisations[0]
        self.busiest = self.user(BUSIEST_USERNAME, wijkteam.pk)
        self.counts.professionals += 1
        self.rows.write()

    def user(self, username: str, organisation_id: int | None = None) -> int:
        self.counts.users += 1
        return self.rows.add(
            User,
            public_id=self.uuid(),
            username=username,
            password=self.password,
            first_name=self.rng.choice(text.FIRST_NAMES),
            last_name=self.rng.choice(text.LAST_NAMES),
            email=f"{username}@example.org",
            organisation_id=organisation_id,
        )

    def born(self, low: int, high: int) -> datetime.date:
        """Between the ages low and high, the birthday 30–330 days ago, so the age holds
        for a month whatever the day of the run."""
        age, days = self.rng.randint(low, high), self.rng.randint(30, 330)
        return birth_date(self.today, age=age, days_since_birthday=days)

    def count_batch(self) -> None:
        self.counts.participants += self.rows.count(Participant)
        self.counts.entries += self.rows.count(Entry)
        self.counts.reactions += self.rows.count(EntryReaction)

    def professional(self, role: str) -> tuple[int, int]:
        """The next professional of `role` with room in their caseload: user id and
        organisation id."""
        return self.pools[role].take(self)

    def may_log_in(self, kind: str, born: datetime.date) -> bool:
        """A4: whether a child born then gets a login, as the policy decides it."""
        person = Person(kind=kind, birth_date=born)
        return policy.old_enough_to_log_in(Participant(role=Role.CHILD, person=person), self.today)


def _domain_set() -> LifeDomainSet:
    domain_set = LifeDomainSet.objects.filter(is_default=True).first()
    if domain_set is None:
        load_domain_sets()
        domain_set = LifeDomainSet.objects.filter(is_default=True).first()
    if domain_set is None:
        raise ScaleError("Geen standaardset levensdomeinen na het laden van de catalogus.")
    return domain_set


def seed_scale(
    *,
    families: int,
    seed: int = 13,
    large_plan_entries: int = LARGE_PLAN_ENTRIES,
    progress: Callable[[str], None] | None = None,
) -> ScaleResult:
    """Fill an empty database with `families` invented families (see the module); the
    first family's plan gets `large_plan_entries` entries."""
    if families < 1:
        raise ScaleError("Geef een positief aantal gezinnen.")
    if Family.objects.exists() or User.objects.filter(username=BUSIEST_USERNAME).exists():
        raise ScaleError("De database heeft al gezinnen; gebruik een lege kladdatabase.")
    started = time.perf_counter()
    with transaction.atomic():
        seeder = Seeder(seed, _domain_set(), large_plan_entries)
        seeder.create_organisations()
    # Every `every`-th plan is the busiest worker's, 500 in all (with fewer plans, all).
    every = max(1, families // BUSIEST_CASELOAD)
    for first in range(0, families, BATCH_FAMILIES):
        numbers = range(first, min(families, first + BATCH_FAMILIES))
        with transaction.atomic():
            for number in numbers:
                add_family(seeder, number, every)
            seeder.count_batch()
            seeder.rows.write()
        if progress is not None:
            progress(f"{numbers.stop} van {families} gezinnen")
    seeder.rows.reset_sequences()
    seeder.rows.analyze()
    counts = seeder.counts
    return ScaleResult(
        families=families,
        users=counts.users,
        professionals=counts.professionals,
        participants=counts.participants,
        entries=counts.entries,
        reactions=counts.reactions,
        closed_plans=counts.closed_plans,
        busiest=BUSIEST_USERNAME,
        password=SCALE_PASSWORD,
        seconds=time.perf_counter() - started,
    )


# ---- One family ------------------------------------------------------------------------


def add_family(seeder: Seeder, number: int, every: int) -> None:
    rng, rows = seeder.rng, seeder.rows
    last_name = rng.choice(text.LAST_NAMES)
    family = rows.add(
        Family,
        public_id=seeder.uuid(),
        name=f"Gezin {last_name} {number + 1}",
        language=rng.choice(text.LANGUAGES),
    )
    step = number % 8 + 1  # every step, evenly
    compulsory = rng.random() < 0.1
    opened = moment(
        seeder.today - datetime.timedelta(days=14 + STEP_DAYS * (step - 1) + rng.randint(0, 40)),
        rng.randint(9, 16),
        rng.randint(0, 59),
    )
    plan = rows.new_id(Plan)
    seated = Seated()
    seat_family(seeder, family, plan, opened, last_name, seated)
    seat_professionals(
        seeder, plan, opened, professional_users(seeder, number, compulsory, every), seated
    )
    rows.add(
        Plan,
        id=plan,
        public_id=seeder.uuid(),
        family_id=family,
        step=step,
        framework=Framework.COMPULSORY if compulsory else Framework.VOLUNTARY,
        legal_measure=LegalMeasure.SUPERVISION_ORDER if compulsory else "",
        legal_measure_until=seeder.today + datetime.timedelta(days=200) if compulsory else None,
        domain_set_id=seeder.domain_set.pk,
        coordinator_id=seated.professionals[0],
        opened_at=opened,
    )
    rows.add(
        FamilyStory,
        plan_id=plan,
        story=rng.choice(text.STORIES),
        request_for_help=rng.choice(text.REQUESTS),
    )
    add_step_changes(seeder, plan, step, opened, seated.professionals[0])
    add_goals(seeder, plan, opened, seated.parents[0], compulsory)
    count = seeder.large_plan_entries if number == 0 else rng.randint(6, 14)
    add_entries(seeder, plan, step, opened, seated, count)
    if rng.random() < CLOSED_SHARE and add_closed_plan(
        seeder, family, seated.parent_persons, timezone.localdate(opened), compulsory
    ):
        seeder.counts.closed_plans += 1


def seat_family(
    seeder: Seeder,
    family: int,
    plan: int,
    opened: datetime.datetime,
    last_name: str,
    seated: Seated,
) -> None:
    """Two parents with authority and a login, 1–3 children (a login from 12, A4), 1–2
    relatives in the network (the first with a login half of the time)."""
    rng, rows = seeder.rng, seeder.rows
    # Each: the person's fields, role, login, where to note the participant and the person.
    Seats = list[int] | None
    members: list[tuple[dict[str, object], str, bool, Seats, Seats]] = []
    for index, gender in enumerate((Gender.FEMALE, Gender.MALE)):
        parent: dict[str, object] = {"kind": PersonKind.PARENT, "gender": gender}
        parent.update(last_name=last_name, birth_date=seeder.born(28, 55))
        parent.update(has_parental_authority=True, in_household=index == 0 or rng.random() < 0.7)
        members.append((parent, Role.PARENT, True, seated.parents, seated.parent_persons))
    for index in range(rng.randint(1, 3)):
        born = seeder.born(0, 17)
        child: dict[str, object] = {"kind": PersonKind.CHILD, "birth_date": born}
        child.update(gender=rng.choice((Gender.FEMALE, Gender.MALE)), last_name=last_name)
        child.update(in_household=True, is_index_child=index == 0)
        login = seeder.may_log_in(PersonKind.CHILD, born)
        members.append((child, Role.CHILD, login, seated.children, None))
    for index in range(rng.randint(1, 2)):
        description, relative_gender = rng.choice(text.RELATIVES)
        relative: dict[str, object] = {"kind": PersonKind.RELATIVE, "gender": relative_gender}
        relative.update(description=description, last_name=rng.choice(text.LAST_NAMES))
        members.append((relative, Role.NETWORK, index == 0 and rng.random() < 0.5, None, None))
    for index, (values, role, has_login, seats, persons) in enumerate(members, start=1):
        user = seeder.user(f"schaal.g{family}.{index}") if has_login else None
        person = rows.add(
            Person,
            public_id=seeder.uuid(),
            family_id=family,
            first_name=rng.choice(text.FIRST_NAMES),
            user_id=user,
            **values,
        )
        participant = rows.add(
            Participant,
            public_id=seeder.uuid(),
            plan_id=plan,
            role=role,
            person_id=person,
            user_id=user,
            starts_on=timezone.localdate(opened),
            created_at=opened,
        )
        if seats is not None:
            seats.append(participant)
        if persons is not None:
            persons.append(person)


def professional_users(
    seeder: Seeder, number: int, compulsory: bool, every: int
) -> list[tuple[str, tuple[int, int]]]:
    """The coordinator first: the busiest worker on every `every`-th plan, else a
    neighbourhood-team worker, or in a compulsory plan the child-protection worker (who
    joins the busiest worker's compulsory plans too); then 0–2 others."""
    rng, pools = seeder.rng, seeder.pools
    busy = number % every == 0 and number // every < BUSIEST_CASELOAD
    wijkteam = pools[Role.REFERRER].organisations[0].pk
    if busy:
        chosen = [(str(Role.REFERRER), (seeder.busiest, wijkteam))]
    else:
        role = Role.CHILD_PROTECTION if compulsory else Role.REFERRER
        chosen = [(str(role), pools[role].take(seeder))]
    if busy and compulsory:
        chosen.append((str(Role.CHILD_PROTECTION), pools[Role.CHILD_PROTECTION].take(seeder)))
    # Each role once (the care provider is in OTHER_ROLES twice, to come more often).
    for role in dict.fromkeys(rng.sample(OTHER_ROLES, rng.randint(0, 2))):
        chosen.append((str(role), pools[role].take(seeder)))
    return chosen


def seat_professionals(
    seeder: Seeder,
    plan: int,
    opened: datetime.datetime,
    users: list[tuple[str, tuple[int, int]]],
    seated: Seated,
) -> None:
    """The opener is approved when opening (open_plan); the others by the first parent
    within two weeks (R16)."""
    for index, (role, (user, organisation)) in enumerate(users):
        joined = opened + datetime.timedelta(days=seeder.rng.randint(1, 14) if index else 0)
        seated.professionals.append(
            seeder.rows.add(
                Participant,
                public_id=seeder.uuid(),
                plan_id=plan,
                role=role,
                user_id=user,
                organisation_id=organisation,
                starts_on=timezone.localdate(joined),
                approved_at=joined,
                approved_by_id=seated.parents[0] if index else None,
                story_read_at=joined,
                created_at=joined,
            )
        )


def add_step_changes(
    seeder: Seeder, plan: int, step: int, opened: datetime.datetime, coordinator: int
) -> None:
    rows = seeder.rows
    rows.add(
        StepChange,
        plan_id=plan,
        from_step=None,
        to_step=1,
        changed_by_id=coordinator,
        changed_at=opened,
    )
    for reached in range(2, step + 1):
        rows.add(
            StepChange,
            plan_id=plan,
            from_step=reached - 1,
            to_step=reached,
            changed_by_id=coordinator,
            changed_at=opened + datetime.timedelta(days=STEP_DAYS * (reached - 1)),
        )


def add_goals(
    seeder: Seeder, plan: int, opened: datetime.datetime, parent: int, compulsory: bool
) -> None:
    """Five goals in the family's words, written down by a parent."""
    rng = seeder.rng
    written = opened + datetime.timedelta(days=3)
    for priority, goal_text in enumerate(rng.sample(text.GOAL_TEXTS, GOALS_PER_PLAN), start=1):
        seeder.rows.add(
            Goal,
            public_id=seeder.uuid(),
            plan_id=plan,
            created_by_id=parent,
            created_at=written,
            text=goal_text,
            life_wish=rng.choice(text.LIFE_WISHES),
            term=GoalTerm.SHORT if priority <= 3 else GoalTerm.LONG,
            priority=priority,
            is_safety_goal=compulsory and priority == 1,
        )


def add_entries(
    seeder: Seeder, plan: int, step: int, opened: datetime.datetime, seated: Seated, count: int
) -> None:
    """Entries by the professionals, spread from the opening until now; six in ten get the
    first parent's 'klopt' or 'klopt niet' within days (R2)."""
    rng, rows = seeder.rng, seeder.rows
    span = (seeder.now - opened).total_seconds()
    for _number in range(count):
        written = opened + datetime.timedelta(seconds=rng.uniform(0, span))
        entry = rows.add(
            Entry,
            public_id=seeder.uuid(),
            plan_id=plan,
            created_by_id=rng.choice(seated.professionals),
            created_at=written,
            kind=rng.choice((EntryKind.OBSERVATION, EntryKind.ASSESSMENT)),
            about_id=rng.choice(seated.children) if rng.random() < 0.4 else None,
            step=rng.randint(1, step),
            body=rng.choice(text.ENTRY_TEXTS),
        )
        if rng.random() < 0.6:
            rows.add(
                EntryReaction,
                entry_id=entry,
                participant_id=seated.parents[0],
                entry_version=1,
                verdict=Verdict.AGREES if rng.random() < 0.8 else Verdict.DISAGREES,
                comment=rng.choice(text.REACTION_COMMENTS),
                created_at=min(seeder.now, written + datetime.timedelta(hours=rng.randint(2, 96))),
            )
