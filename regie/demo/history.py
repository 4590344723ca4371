"""The demo's history (issue 15): invented families whose plans ran through all eight
steps and closed over the past two years, so the figures page (/cijfers/) has real
figures for the municipality's policy officer and De Linde's quality officer.

Each plan goes the short way through every step, through the same services and step
builders as the three demo families, on a clock set back in time (`regie.demo.clock`):
opened by a neighbourhood-team worker (or, under a supervision order, the child-protection
worker), goals, own strength and the family group plan offer, a decision about help with a
provider and its funding, the application (now and then decided after the legal term),
two evaluations with scores (one when the family stops early), the family's voice at the
end, and how the help ended. Some families come back and start a new plan within a year
(indicator 3.2).

The plans belong to professionals who are not demo logins (they have no password), so no
demo login's caseload or overview shows them. The same seed gives the same history."""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from regie.access import policy
from regie.accounts.models import Organisation, OrganisationKind, User
from regie.demo import history_text as text
from regie.demo.cast import Cast
from regie.demo.clock import Clock, demo_clock
from regie.demo.helpers import coordinator_of, intervention
from regie.demo.scale_text import FIRST_NAMES, GOAL_TEXTS, LAST_NAMES, REQUESTS, STORIES
from regie.demo.steps import analysis, deciding, evaluation, family, goals, team
from regie.demo.steps.table import Table
from regie.families.models import Family, Gender, Person
from regie.plans.models import (
    DROP_OUT_ENDINGS,
    AftercareKind,
    ApplicationOutcome,
    Decision,
    Enough,
    Evaluation,
    EvaluationOutcome,
    Framework,
    Funding,
    GoalStatus,
    GoalTerm,
    GoingOn,
    GroupPlanAnswer,
    HelpEnding,
    LegalMeasure,
    Position,
    Role,
    Step,
)
from regie.plans.services import evaluation as evaluation_service
from regie.plans.services import goals as goal_service
from regie.plans.services import help as help_service
from regie.plans.services import plans as plan_service
from regie.plans.services import team as team_service

SEED = 15
# Closed plans per provider in the last finished quarter: the least the figures page
# shows (suppression hides a cell of fewer than 10 plans, regie.insight.suppression).
# Earlier quarters hold half as many: their totals show, their split by provider is
# "< 10". Each plan costs about a third of a second of the services' time, so the demo
# stays small; `manage.py load_demo --kwartalen 8` fills two whole years.
PER_ORGANISATION = 10
# The quarters with closed plans, counted back from the current one: by default the last
# finished quarter and the same quarter a year before (whose plans also count for "no new
# start within 12 months", indicator 3.2).
QUARTERS = 2
QUARTERS_BACK = (1, 5, 2, 6, 3, 7, 4, 8)
GOALS = 2
COMEBACK = 0.3  # chance that a plan is a new start of a family whose plan closed before
# The three demo families keep their names to themselves.
HISTORY_NAMES = tuple(
    name for name in LAST_NAMES if name not in ("Jansen", "El Amrani", "de Vries")
)

# A second care provider, so the figures compare two organisations.
WILG = ("wilg", "Jeugdhulp De Wilg (demo)", "klachten@dewilg.example.org")


@dataclass(frozen=True)
class Worker:
    username: str
    first_name: str
    last_name: str
    organisation: str  # a key of the cast's organisations


# Not demo logins: no password, and in no plan of the three demo families.
COORDINATORS = (
    Worker("wijkteam.meijer", "Lisa", "Meijer", "wijkteam"),
    Worker("wijkteam.yilmaz", "Emre", "Yilmaz", "wijkteam"),
)
CHILD_PROTECTION = Worker("gi.peters", "Sandra", "Peters", "gi")
HELPERS = {
    "provider": Worker("zorg.bos", "Karin", "Bos", "provider"),
    WILG[0]: Worker("zorg.koster", "Martijn", "Koster", WILG[0]),
}


@dataclass(frozen=True)
class Course:
    """How one plan runs, as the random generator drew it; days count from the opening."""

    opened: datetime.date
    compulsory: bool
    coordinator: str  # username
    provider: str  # organisation key
    funding: str
    goals: int
    group_plan: str  # a GroupPlanAnswer, or "" when not offered
    decided_after: int  # days from filing the application to the decision
    evaluations: tuple[int, int]  # days from the opening
    closed_after: int
    ending: str
    follow_up_help: bool | None
    first_scores: tuple[int, ...]  # per goal
    gains: tuple[int, ...]  # per goal, from the first to the last evaluation

    @property
    def closed(self) -> datetime.date:
        return self.opened + datetime.timedelta(days=self.closed_after)

    @property
    def drops_out(self) -> bool:
        return self.ending in DROP_OUT_ENDINGS

    def day(self, days: int) -> datetime.date:
        return self.opened + datetime.timedelta(days=days)


@dataclass
class Household:
    """A family of the history: its name, its members and, once made, the family."""

    last_name: str
    members: tuple[family.Member, ...]
    seats: tuple[tuple[str, str], ...]  # everyone's key at the table and role
    family: Family | None = None
    persons: dict[str, Person] = field(default_factory=dict)
    closed: datetime.date | None = None  # the day its latest plan closed


def history_quarters(
    today: datetime.date, quarters: int
) -> list[tuple[datetime.date, datetime.date]]:
    """The first and last day of each quarter of the history, oldest first."""
    current = today.year * 4 + (today.month - 1) // 3
    spans = []
    for back in sorted(QUARTERS_BACK[:quarters], reverse=True):
        year, quarter = divmod(current - back, 4)
        first = datetime.date(year, quarter * 3 + 1, 1)
        year, quarter = divmod(current - back + 1, 4)
        spans.append((first, datetime.date(year, quarter * 3 + 1, 1) - datetime.timedelta(days=1)))
    return spans


def history_size(quarters: int) -> int:
    """How many plans the history closes in `quarters` quarters."""
    return 2 * PER_ORGANISATION + max(0, quarters - 1) * PER_ORGANISATION if quarters else 0


def build_history(cast: Cast, today: datetime.date, quarters: int = QUARTERS) -> int:
    """Make the history's workers and the closed plans of each quarter, shared between
    the two care providers; returns how many plans closed."""
    rng = random.Random(SEED)  # noqa: S311 (invented data, reproducible on purpose)
    users, organisations = _workers(cast)
    households: list[Household] = []
    closed = 0
    with demo_clock(timezone.now()) as clock:
        spans = history_quarters(today, quarters)
        for number, (first, last) in enumerate(spans, start=1):
            each = PER_ORGANISATION if number == len(spans) else PER_ORGANISATION // 2
            for provider in ("provider", WILG[0]):
                for _plan in range(each):
                    closing = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
                    course = _course(rng, closing, provider)
                    household = _comeback(rng, households, course.opened)
                    if household is None:
                        household = _household(rng, len(households))
                        households.append(household)
                    table = _open(clock, course, household, users, organisations)
                    _run(table, clock, course, rng)
                    household.closed = course.closed
                    closed += 1
    return closed


def _comeback(
    rng: random.Random, households: list[Household], opened: datetime.date
) -> Household | None:
    """Now and then a family whose plan closed one to eleven months before `opened`
    starts a new one (indicator 3.2)."""
    year_before = opened - datetime.timedelta(days=365)
    candidates = [
        household
        for household in households
        if household.closed is not None
        and year_before < household.closed < opened - datetime.timedelta(days=30)
    ]
    if candidates and rng.random() < COMEBACK:
        return rng.choice(candidates)
    return None


def _workers(cast: Cast) -> tuple[dict[str, User], dict[str, Organisation]]:
    key, name, complaints = WILG
    organisations = dict(cast.organisations)
    organisations[key], _created = Organisation.objects.get_or_create(
        name=name,
        defaults={"kind": OrganisationKind.CARE_PROVIDER, "complaints_email": complaints},
    )
    users: dict[str, User] = {}
    for worker in (*COORDINATORS, CHILD_PROTECTION, *HELPERS.values()):
        user = User(
            username=worker.username,
            first_name=worker.first_name,
            last_name=worker.last_name,
            email=f"{worker.username}@example.org",
            organisation=organisations[worker.organisation],
        )
        user.set_unusable_password()
        user.save()
        users[worker.username] = user
    return users, organisations


def _household(rng: random.Random, number: int) -> Household:
    last_name = HISTORY_NAMES[number % len(HISTORY_NAMES)]
    first, second, child = rng.sample(FIRST_NAMES, 3)
    age = rng.randint(4, 16)
    members = [
        family.parent(first, last_name, Gender.FEMALE, (rng.randint(28, 50), 100), name="parent")
    ]
    if rng.random() < 0.5:
        members.append(
            family.parent(
                second, last_name, Gender.MALE, (rng.randint(30, 55), 200), name="parent2"
            )
        )
    gender = rng.choice((Gender.FEMALE, Gender.MALE))
    members.append(
        family.child(child, last_name, gender, (age, 150), is_index_child=True, name="child")
    )
    seats = tuple((member.key, member.role) for member in members if member.role)
    return Household(last_name, tuple(members), seats)


def _course(rng: random.Random, closing: datetime.date, provider: str) -> Course:
    """A plan that closes on `closing` with help from `provider`: in kind or a personal
    budget, voluntary or under a supervision order, mostly ending as agreed."""
    compulsory = rng.random() < 0.3
    evaluations = (rng.randint(110, 135), rng.randint(180, 220))
    closed_after = evaluations[-1] + rng.randint(7, 30)
    ending = rng.choices(list(HelpEnding), weights=(72, 10, 5, 5, 8))[0]
    good = ending not in DROP_OUT_ENDINGS
    return Course(
        opened=closing - datetime.timedelta(days=closed_after),
        compulsory=compulsory,
        coordinator=CHILD_PROTECTION.username if compulsory else rng.choice(COORDINATORS).username,
        provider=provider,
        funding=rng.choices((Funding.IN_KIND, Funding.PGB), (3, 1))[0],
        goals=GOALS,
        group_plan=rng.choices(
            (GroupPlanAnswer.ACCEPTED, GroupPlanAnswer.DECLINED, ""), weights=(20, 65, 15)
        )[0],
        decided_after=rng.randint(57, 65) if rng.random() < 0.15 else rng.randint(14, 50),
        evaluations=evaluations,
        closed_after=closed_after,
        ending=ending,
        follow_up_help=None if rng.random() < 0.05 else rng.random() < (0.15 if good else 0.5),
        first_scores=tuple(rng.randint(2, 6) for _goal in range(GOALS)),
        gains=tuple(rng.randint(0, 5) if good else rng.randint(-2, 2) for _goal in range(GOALS)),
    )


# ---- One plan, step by step ------------------------------------------------------------


def _open(
    clock: Clock,
    course: Course,
    household: Household,
    users: dict[str, User],
    organisations: dict[str, Organisation],
) -> Table:
    """Step 1: the coordinator opens the plan; the family takes its seats (again)."""
    clock.set(course.opened, 9)
    plan = plan_service.open_plan(
        by=users[course.coordinator],
        role=Role.CHILD_PROTECTION if course.compulsory else Role.REFERRER,
        family=household.family,
        family_name=f"Gezin {household.last_name}",
        framework=Framework.COMPULSORY if course.compulsory else Framework.VOLUNTARY,
        legal_measure=LegalMeasure.SUPERVISION_ORDER if course.compulsory else "",
    )
    table = Table(plan, course.opened, users, organisations)
    table.participants["coordinator"] = coordinator_of(plan)
    if household.family is None:
        family.add_family(table, household.members, by="coordinator")
        household.family, household.persons = plan.family, dict(table.persons)
    else:
        for key, role in household.seats:
            table.persons[key] = person = household.persons[key]
            table.participants[key] = team_service.add_family_participant(
                actor=table.participant("coordinator"), plan=plan, person=person, role=role
            )
    return table


def _run(table: Table, clock: Clock, course: Course, rng: random.Random) -> None:
    _ask(table, clock, course, rng)
    _plan(table, clock, course, rng)
    decision = _decide(table, clock, course)
    evaluations = evaluation.schedule_evaluations(
        table, by="coordinator", days=[days - 42 for days in course.evaluations]
    )
    family.move_to(table, Step.EXECUTING, by="coordinator")
    # The municipality decides on the application, now and then after the 8-week term.
    _at(table, clock, course.day(42 + course.decided_after))
    deciding.apply_for(
        table,
        decision,
        deciding.Filing("coordinator", -course.decided_after, ApplicationOutcome.GRANTED),
    )
    first, last = evaluations
    _at(table, clock, course.day(course.evaluations[0]))
    _evaluate(table, course, first, gain=False, stop=False)
    _at(table, clock, course.day(course.evaluations[1]))
    _evaluate(table, course, last, gain=True, stop=course.drops_out)
    _close(table, clock, course, rng)


def _at(table: Table, clock: Clock, day: datetime.date, hour: int = 10) -> None:
    """The services' today, and the day the step builders count from."""
    clock.set(day, hour)
    table.today = day


def _ask(table: Table, clock: Clock, course: Course, rng: random.Random) -> None:
    """Steps 1–3: the family confirms the coordinator, tells its story and wishes; the
    coherent picture everyone agrees with."""
    if not course.compulsory:  # under a measure the court appoints the coordinator
        team.approve(table, "coordinator", by="parent")
    family.write_story(
        table, family.Story("parent", rng.choice(STORIES), request_for_help=rng.choice(REQUESTS))
    )
    family.move_to(table, Step.REQUEST, by="coordinator")
    _at(table, clock, course.day(7))
    family.add_wishes(table, (family.Wish("parent", "parent", rng.choice(text.WISHES)),))
    family.move_to(table, Step.ANALYSIS, by="coordinator")
    _at(table, clock, course.day(14))
    analysis.write_picture(table, by="coordinator", summary=rng.choice(text.PICTURES))
    analysis.take_positions(
        table,
        (analysis.Stance("parent", Position.AGREES),),
    )
    family.move_to(table, Step.GOALS, by="coordinator")


def _plan(table: Table, clock: Clock, course: Course, rng: random.Random) -> None:
    """Steps 4–5: the goals (under a measure the safety goal first), own strength and the
    family group plan offer."""
    _at(table, clock, course.day(21))
    texts = rng.sample(GOAL_TEXTS, course.goals)
    if course.compulsory:
        texts[0] = text.SAFETY_GOAL
    goals.set_goals(
        table,
        [
            goals.Goal(
                f"goal{number}",
                "coordinator" if course.compulsory and number == 0 else "parent",
                goal_text,
                GoalTerm.SHORT if number < 2 else GoalTerm.LONG,
                is_safety_goal=course.compulsory and number == 0,
            )
            for number, goal_text in enumerate(texts)
        ],
    )
    family.move_to(table, Step.OWN_STRENGTH, by="coordinator")
    _at(table, clock, course.day(28))
    coordinator, plan = table.participant("coordinator"), table.plan
    goal_service.assess_network(
        actor=coordinator,
        plan=plan,
        family_does=rng.choice(text.FAMILY_DOES),
        network_does=rng.choice(text.NETWORK_DOES),
        is_enough=Enough.PARTLY,
    )
    offered = bool(course.group_plan)
    goal_service.offer_group_plan(
        actor=coordinator,
        plan=plan,
        offered_on=table.day(0) if offered else None,
        not_offered_reason="" if offered else text.NOT_OFFERED,
        pgb_informed_on=table.day(0),
    )
    if offered:
        accepted = course.group_plan == GroupPlanAnswer.ACCEPTED
        goal_service.answer_group_plan(
            actor=table.participant("parent"),
            plan=plan,
            answer=course.group_plan,
            reason="" if accepted else text.DECLINED,
            family_plan=text.FAMILY_PLAN if accepted else "",
        )
    family.move_to(table, Step.DECIDING, by="coordinator")


def _decide(table: Table, clock: Clock, course: Course) -> Decision:
    """Step 6: the help decided with the family, the provider the parent chose and its
    funding; the provider's care professional joins."""
    _at(table, clock, course.day(42))
    coordinator, plan = table.participant("coordinator"), table.plan
    title, code = text.HELP[len(plan.family.name) % len(text.HELP)]
    option = help_service.propose_option(
        actor=coordinator,
        plan=plan,
        title=title,
        pros=text.PROS,
        cons=text.CONS,
        intervention=intervention(code),
        goals=list(table.goals.values()),
    )
    decision = help_service.decide(
        actor=coordinator,
        plan=plan,
        option=option,
        rationale=text.RATIONALE,
        funding=course.funding,
        aftercare=text.AFTERCARE,
        provider=table.organisation(course.provider),
        provider_chosen_by=table.participant("parent"),
    )
    helper = HELPERS[course.provider].username
    invitation = team.Invitation(
        "helper", helper, Role.CARE_PROFESSIONAL, "coordinator", title.lower(), "parent"
    )
    team.add_professionals(table, (invitation,))
    return decision


def _evaluate(table: Table, course: Course, planned: Evaluation, *, gain: bool, stop: bool) -> None:
    """Step 7: the parent scores each goal; the coordinator records
    the evaluation. The last one held shows the gain of the whole plan."""
    scores = []
    for number, first in enumerate(course.first_scores):
        score = min(10, max(0, first + (course.gains[number] if gain else 0)))
        scores.append(evaluation.Score(f"goal{number}", "parent", score))
    evaluation.evaluate(
        table,
        planned,
        evaluation.Review(
            "coordinator",
            held_on=0,
            scores=tuple(scores),
            working_relationship=text.WORKING,
            satisfaction=min(10, 5 + sum(course.gains) // len(course.gains)),
            satisfaction_reasons=text.REASONS,
            outcome=EvaluationOutcome.STOP if stop else EvaluationOutcome.CONTINUE,
        ),
    )


def _close(table: Table, clock: Clock, course: Course, rng: random.Random) -> None:
    """Step 8: each goal reached or stopped, aftercare, the family's voice, and how the
    help ended."""
    _at(table, clock, course.closed, 14)
    coordinator, plan = table.participant("coordinator"), table.plan
    for number, goal in enumerate(table.goals.values()):
        goal.refresh_from_db(fields=["version"])
        reached = not course.drops_out and course.first_scores[number] + course.gains[number] >= 6
        goal_service.set_goal_status(
            actor=coordinator,
            goal=goal,
            expected_version=goal.version,
            status=GoalStatus.REACHED if reached else GoalStatus.STOPPED,
            reason=text.STATUS_REACHED if reached else text.STATUS_STOPPED,
        )
    family.move_to(table, Step.CLOSING, by="coordinator")
    for kind, description, planned_on in (
        (AftercareKind.CONTACT_MOMENT, text.CONTACT, table.day(90)),
        (AftercareKind.RELAPSE_PLAN, text.RELAPSE, None),
    ):
        evaluation_service.add_aftercare(
            actor=coordinator, plan=plan, kind=kind, description=description, planned_on=planned_on
        )
    good = not course.drops_out
    for name in _voices(table, rng):
        # The first parent always answers; the others now and then skip how useful it was.
        skips = name != "parent" and rng.random() < 0.15
        evaluation_service.give_closing_voice(
            actor=table.participant(name),
            plan=plan,
            usefulness=None if skips else rng.randint(6, 10) if good else rng.randint(2, 7),
            going_on=rng.choices(list(GoingOn), weights=(55, 35, 10) if good else (15, 35, 50))[0],
        )
    evaluation_service.close_plan(
        actor=coordinator,
        plan=plan,
        summary=text.SUMMARY,
        ending=course.ending,
        follow_up_help=course.follow_up_help,
    )


def _voices(table: Table, rng: random.Random) -> list[str]:
    """Who answers the two questions at the end: the first parent, often the second,
    and a youth of 12 or over most of the time."""
    names = ["parent"]
    if "parent2" in table.participants and rng.random() < 0.7:
        names.append("parent2")
    # A youth answers from the age a youth has a say of their own (A4), as the policy says.
    if policy.old_enough_to_log_in(table.participant("child"), table.today) and rng.random() < 0.7:
        names.append("child")
    return names
