"""Step 1 and 2 for the family: open the plan, record who belongs to the family and its
network, their story, their profile and their wishes; and move the plan on."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from regie.accounts.models import Organisation, User
from regie.catalog.models import LifeDomainSet
from regie.demo.dates import birth_date
from regie.demo.helpers import coordinator_of
from regie.demo.steps.table import Table
from regie.families.models import PersonKind
from regie.plans.models import FamilyStory, Framework, Role
from regie.plans.services import entries, plans, team


@dataclass(frozen=True)
class Opening:
    """Who opens the plan, in which role and framework; `name` is the opener's short name
    at the table (the opener is the first coordinator)."""

    family_name: str
    username: str
    name: str
    role: str = Role.REFERRER
    framework: str = Framework.VOLUNTARY
    legal_measure: str = ""
    measure_until: int | None = None  # days from today; set apart, as the court decides it


def start_plan(
    opening: Opening,
    *,
    today: datetime.date,
    users: dict[str, User],
    organisations: dict[str, Organisation],
    domain_set: LifeDomainSet | None = None,
) -> Table:
    plan = plans.open_plan(
        by=users[opening.username],
        role=opening.role,
        family_name=opening.family_name,
        framework=opening.framework,
        legal_measure=opening.legal_measure,
        domain_set=domain_set,
    )
    table = Table(plan=plan, today=today, users=users, organisations=organisations)
    table.participants[opening.name] = coordinator_of(plan)
    if opening.measure_until is not None:
        plans.set_framework(
            actor=table.participant(opening.name),
            plan=plan,
            framework=opening.framework,
            legal_measure=opening.legal_measure,
            legal_measure_until=table.day(opening.measure_until),
        )
    return table


def move_to(table: Table, step: int, *, by: str) -> None:
    plans.move_step(actor=table.participant(by), plan=table.plan, to_step=step)


@dataclass(frozen=True)
class Member:
    """Someone of the family or its network. Without `role` they are only recorded (in
    the genogram), without taking part. `born` is (age today, days since the last
    birthday); `user` is a username, empty for no login; `name` is the short name at the
    table, by default the first name in lower case."""

    first_name: str
    last_name: str
    kind: str
    gender: str
    role: str | None = None
    born: tuple[int, int] | None = None
    user: str = ""
    has_parental_authority: bool = False
    is_index_child: bool = False
    in_household: bool = False
    description: str = ""
    name: str = ""

    @property
    def key(self) -> str:
        return self.name or self.first_name.lower()


def parent(
    first_name: str,
    last_name: str,
    gender: str,
    born: tuple[int, int],
    *,
    user: str = "",
    description: str = "",
    in_household: bool = True,
    name: str = "",
) -> Member:
    """A parent with parental authority, taking part as parent."""
    return Member(
        first_name,
        last_name,
        PersonKind.PARENT,
        gender,
        role=Role.PARENT,
        born=born,
        user=user,
        has_parental_authority=True,
        in_household=in_household,
        description=description,
        name=name,
    )


def child(
    first_name: str,
    last_name: str,
    gender: str,
    born: tuple[int, int],
    *,
    user: str = "",
    is_index_child: bool = False,
    name: str = "",
) -> Member:
    """A child living at home, taking part as child."""
    return Member(
        first_name,
        last_name,
        PersonKind.CHILD,
        gender,
        role=Role.CHILD,
        born=born,
        user=user,
        is_index_child=is_index_child,
        in_household=True,
        name=name,
    )


def relative(
    first_name: str,
    last_name: str,
    gender: str,
    *,
    description: str,
    born: tuple[int, int] | None = None,
    user: str = "",
    takes_part: bool = True,
    name: str = "",
) -> Member:
    """Family outside the household; taking part as network unless `takes_part` is off."""
    return Member(
        first_name,
        last_name,
        PersonKind.RELATIVE,
        gender,
        role=Role.NETWORK if takes_part else None,
        born=born,
        user=user,
        description=description,
        name=name,
    )


def acquaintance(first_name: str, last_name: str, gender: str, description: str) -> Member:
    """Someone of the network who is not family, recorded without taking part."""
    return Member(first_name, last_name, PersonKind.NETWORK, gender, description=description)


def add_family(table: Table, members: Sequence[Member], *, by: str) -> None:
    """Record everyone, in order; who takes part is seated at the table by name."""
    actor = table.participant(by)
    for member in members:
        person = team.add_person(
            actor=actor,
            plan=table.plan,
            first_name=member.first_name,
            last_name=member.last_name,
            kind=member.kind,
            gender=member.gender,
            birth_date=_birth_date(table, member.born),
            has_parental_authority=member.has_parental_authority,
            is_index_child=member.is_index_child,
            in_household=member.in_household,
            description=member.description,
            user=table.user(member.user) if member.user else None,
        )
        table.persons[member.key] = person
        if member.role:
            # Seated here rather than through add_person(role=...), which returns only the
            # person: this participant shares the table's plan, so it sees the plan change.
            table.participants[member.key] = team.add_family_participant(
                actor=actor, plan=table.plan, person=person, role=member.role
            )


def _birth_date(table: Table, born: tuple[int, int] | None) -> datetime.date | None:
    if born is None:
        return None
    age, days_since_birthday = born
    return birth_date(table.today, age=age, days_since_birthday=days_since_birthday)


@dataclass(frozen=True)
class Story:
    """The family's story and request for help, in their own words (R3, R4)."""

    by: str
    story: str
    request_for_help: str


def write_story(table: Table, story: Story) -> None:
    plans.edit_story(
        actor=table.participant(story.by),
        plan=table.plan,
        expected_version=FamilyStory.objects.get(plan=table.plan).version,
        story=story.story,
        request_for_help=story.request_for_help,
    )


@dataclass(frozen=True)
class Profile:
    """R21: language, culture and religion, and what the help must take into account."""

    by: str
    language: str
    culture: str
    religion: str
    considerations: str


def describe_family(table: Table, profile: Profile) -> None:
    plans.edit_family_profile(
        actor=table.participant(profile.by),
        plan=table.plan,
        expected_version=table.plan.family.version,
        name=table.plan.family.name,
        language=profile.language,
        culture=profile.culture,
        religion=profile.religion,
        considerations=profile.considerations,
    )


@dataclass(frozen=True)
class Wish:
    """What one member wishes (R4); `by` writes it down, for `member` or for themselves."""

    by: str
    member: str
    text: str


def add_wishes(table: Table, wishes: Sequence[Wish]) -> None:
    for wish in wishes:
        entries.add_wish(
            actor=table.participant(wish.by),
            plan=table.plan,
            member=table.participant(wish.member),
            text=wish.text,
        )


@dataclass(frozen=True)
class Relation:
    """A line in the genogram or sociogram (R7), between two recorded persons."""

    from_person: str
    to_person: str
    kind: str
    closeness: int | None = None
    conflict: bool = False
    can_help_with: str = ""


def relate(table: Table, relations: Sequence[Relation], *, by: str) -> None:
    for relation in relations:
        team.add_relation(
            actor=table.participant(by),
            plan=table.plan,
            from_person=table.person(relation.from_person),
            to_person=table.person(relation.to_person),
            kind=relation.kind,
            closeness=relation.closeness,
            conflict=relation.conflict,
            can_help_with=relation.can_help_with,
        )
