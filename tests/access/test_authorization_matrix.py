"""The authorization matrix (A1–A8): every URL of the URL configuration against every
role of DESIGN.md §1. The URL list is generated from the configuration, so a new view that
nobody classified here fails the suite. Refused answers carry no case content, and an
outsider's 404 is byte-for-byte the 404 of a plan that does not exist.

The expected answers are tables written out below, one row per page or action and one
column per person of the world, read off DESIGN.md's rules and checked against what the
app answers; the test never asks the policy what to expect. A changed rule changes a cell
here, on purpose."""

import datetime
import importlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from regie.access import checkpoints, policy
from regie.access.log import seal_everything
from regie.accounts.models import User
from regie.families.models import Gender, PersonKind
from regie.plans.models import EntryKind, Participant, Role, ShareKind, Step
from regie.plans.services import entries, sharing, team
from regie.web.actions import ACTIONS
from tests.accounts.helpers import login_verified
from tests.personas import Cast, add_approved_professional, build_cast, make_user

SECRET = "GEHEIM-INHOUD-7513"  # written in the plan; no refused answer may contain it
MISSING_PLAN = uuid.UUID("00000000-0000-4000-8000-000000000000")

# How a person stands to the plan decides most answers.
FAMILY, NETWORK, NETWORK_SHARED, PROFESSIONAL, OUTSIDE, ANONYMOUS = (
    "family",
    "network",
    "network_shared",
    "professional",
    "outside",
    "anonymous",
)


@dataclass
class Person:
    name: str
    kind: str
    user: User | None
    participant: Participant | None = None


@dataclass
class World:
    cast: Cast
    people: list[Person]


def _walk(
    patterns: list[URLPattern | URLResolver], namespace: str | None = None
) -> Iterator[tuple[str | None, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, pattern.namespace or namespace)
        else:
            yield namespace, pattern.name or ""


def url_names() -> set[str]:
    """Every named view of the app; the admin has its own test below."""
    return {name for namespace, name in _walk(get_resolver().url_patterns) if namespace is None}


# The columns of every table: one person of the world each (see `world` below).
COLUMNS = {
    "par": "parent",
    "y12": "youth12",  # A4: a youth logs in from 12
    "y13": "youth13",
    "y16": "youth16",  # A4: from 16 decides alone on sharing their own information
    "nw-": "network_without_share",  # A3: the family shared nothing with her
    "nw+": "network_with_share",  # A3: the family shared one part with her
    "ref": "referrer",  # the neighbourhood team, this plan's coordinator (R16, A3b)
    "car": "care_provider",
    "bsc": "behavioural_scientist",
    "sch": "school",
    "gp": "gp",
    "end": "ended_professional",  # A7: the role ended yesterday
    "pnd": "pending_professional",  # R16: the family has not approved him yet
    "oth": "other_organisation",  # a professional who is not in this plan
    "cpw": "child_protection_not_in_plan",  # this plan is voluntary: no GI in it
    "adm": "functional_admin",  # A1: manages accounts, not case content
    "prv": "privacy_officer",  # A5: reads the log, not case content
    "ano": "anonymous",
}

Table = dict[str, dict[str, int]]


def status_table(text: str, columns: dict[str, str] | None = None) -> Table:
    """Reads a written-out table: a header of column codes (`columns`, by default COLUMNS)
    after a label, then
    per row a name (one or more words) and one status per column. Lines starting with '#'
    say which rule a group of rows follows."""
    header, *rows = [line for line in text.strip().splitlines() if not line.startswith("#")]
    people = [(columns or COLUMNS)[code] for code in header.split()[1:]]
    table: Table = {}
    for row in rows:
        words = row.split()
        name = " ".join(words[: -len(people)])
        assert name not in table, f"two rows for {name}"
        table[name] = dict(zip(people, map(int, words[-len(people) :]), strict=True))
    return table


def assert_statuses(expected: Table, seen: Table) -> None:
    """Every cell as written; on failure, every differing cell at once."""
    assert seen.keys() == expected.keys()
    wrong = [
        f"{row} / {person}: expected {want}, got {seen[row].get(person)}"
        for row, column in expected.items()
        for person, want in column.items()
        if seen[row].get(person) != want
    ]
    assert seen == expected, "\n".join(wrong)


# A1: everyone in the plan opens the overview; outsiders (A7: also an ended or not yet
# approved professional; A1: admins and privacy officers) get the 404 of a missing plan;
# anonymous visitors go to the login. A3: a network member opens only the steps the family
# shared (the analysis, with nw+). A3b: the coordinator and the professionals of the whole
# picture open every step; school and GP none without a share (they read the overview).
# A5: the family (parents and youths) sees who looked; everyone else in the plan gets 403.
# Issue 14: everyone in the plan opens "Mijn rechten" (the downloads are theirs too; each
# right on it shows only to whoever may use it).
PLAN_PAGES_EXPECTED = status_table(
    """
page                 par y12 y13 y16 nw- nw+ ref car bsc sch gp  end pnd oth cpw adm prv ano
plan                 200 200 200 200 200 200 200 200 200 200 200 404 404 404 404 404 404 302
plan-step 1          200 200 200 200 403 403 200 200 200 403 403 404 404 404 404 404 404 302
plan-step 2          200 200 200 200 403 403 200 200 200 403 403 404 404 404 404 404 404 302
plan-step 3          200 200 200 200 403 200 200 200 200 403 403 404 404 404 404 404 404 302
plan-step 4          200 200 200 200 403 403 200 200 200 403 403 404 404 404 404 404 404 302
plan-step 5          200 200 200 200 403 403 200 200 200 403 403 404 404 404 404 404 404 302
plan-step 6          200 200 200 200 403 403 200 200 200 403 403 404 404 404 404 404 404 302
plan-step 7          200 200 200 200 403 403 200 200 200 403 403 404 404 404 404 404 404 302
plan-step 8          200 200 200 200 403 403 200 200 200 403 403 404 404 404 404 404 404 302
plan-access-log      200 200 200 200 403 403 403 403 403 403 403 404 404 404 404 404 404 302
plan-rights          200 200 200 200 200 200 200 200 200 200 200 404 404 404 404 404 404 302
"""
)

# A1: the start page answers everyone signed in; A8: so does the list of destruction
# requests, which holds only those the person may handle. Only a professional opens a plan
# (an empty form: 400); the family, the network and staff without a plan role get 403. An
# invalid invitation link is gone (410) for everyone. A5: only the privacy officer searches
# and exports the log and downloads its latest checkpoint (the world has one); anyone else
# signed in gets 404; issue 14: the privacy officer's home sends them to the log search.
# Issue 13: the benchmark's bare floor page is off (404 for everyone,
# signed in or not) unless REGIE_BENCH_FLOOR is on, which only `make bench` sets.
OTHER_PAGES_EXPECTED = status_table(
    """
page                   par y12 y13 y16 nw- nw+ ref car bsc sch gp  end pnd oth cpw adm prv ano
home                   200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 302 302
plan-open              403 403 403 403 403 403 400 400 400 400 400 400 400 400 400 403 403 302
invitation             410 410 410 410 410 410 410 410 410 410 410 410 410 410 410 410 410 410
destruction-requests   200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 302
privacy-log            404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 200 302
privacy-log-export     404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 200 302
privacy-log-checkpoint 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 200 302
bench-floor            404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404 404
"""
)

# A6: account pages answer everyone without errors and without case content. Professionals
# and staff have set up their second factor (setup sends them on), the family and network
# need none; GET on logout, disable and renew is not allowed (405). A6: a link to answer an
# administrator's change of one's account that does not work is a 400 for everyone.
# Issue 14: everyone signed in sets their own phone and e-mail for the others.
ACCOUNT_PAGES_EXPECTED = status_table(
    """
page                      par y12 y13 y16 nw- nw+ ref car bsc sch gp  end pnd oth cpw adm prv ano
account-change-confirm    400 400 400 400 400 400 400 400 400 400 400 400 400 400 400 400 400 400
account-contact           200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 302
login                     200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200
logout                    405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 405
password-change           200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 302
password-change-done      200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 302
password-reset            200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200
password-reset-complete   200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200
password-reset-confirm    200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200
password-reset-done       200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200
two-factor                200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 200 302
two-factor-disable        405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 302
two-factor-recovery-codes 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302
two-factor-renew-codes    405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 405 302
two-factor-setup          200 200 200 200 200 200 302 302 302 302 302 302 302 302 302 302 302 302
two-factor-verify         302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302 302
"""
)

# An empty POST to every form action, in this order, person after person. 400: may take
# the action, the form comes back with its errors; 302 in the plan: the empty form was
# enough and the change is made; 403: refused in the plan (A3, A3b, A4, the step's rule);
# 404: outside the plan (A1, A7); 302 for anonymous visitors: to the login.
ACTIONS_EXPECTED = status_table(
    """
action              par y12 y13 y16 nw- nw+ ref car bsc sch gp  end pnd oth cpw adm prv ano
# Step 1. R3, R16: the referrer, who coordinates, moves the plan; R9: and records the framework.
move-step           403 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
framework           403 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
# R16: the parent and the coordinator build the team. Who answers a joining professional is
# the service's question once one is named: an empty answer is sent back (400) to everyone
# who opens step 1; the network does not (A3).
add-person          400 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
add-professional    400 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
approve             400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
refuse              400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
# R16, A7: the parent or the coordinator ends a role and names the coordinator.
end-participation   400 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
coordinator         400 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
# R16 tell it once: professionals confirm they read the story (an empty form confirms: 302);
# the family writes it.
story-read          403 403 403 403 403 403 302 302 302 403 403 404 404 404 404 404 404 302
story               400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
# R21, R7: the family profile and relations: the family and the professionals of the whole
# picture (A3b: not school or GP).
profile             400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
relation            400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
# R2: professionals write entries, correct or withdraw them; the family reacts.
entry               403 403 403 403 403 403 400 400 400 400 400 404 404 404 404 404 404 302
react               400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
correct-entry       403 403 403 403 403 403 400 400 400 400 400 404 404 404 404 404 404 302
withdraw-entry      403 403 403 403 403 403 400 400 400 400 400 404 404 404 404 404 404 302
# Step 2. R4: everyone who opens the step records a wish; the family withdraws its own.
wish                400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
withdraw-wish       400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
# Step 3. R5, R6: the analysis with the family and the whole-picture professionals (A3b); the
# coherent picture and consultations (R18) are the professionals'; the shared analysis only
# lets the network read (A3).
domain              400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
edit-domain         400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
factor              400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
picture             403 403 403 403 403 403 400 400 400 403 403 404 404 404 404 404 404 302
position            400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
consultation        403 403 403 403 403 403 400 400 400 403 403 404 404 404 404 404 404 302
# Step 4. R8: goals in the family's words, the family sets the order; R9: conditions only by
# a child-protection worker, and this plan has none.
goal                400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
move-goal           400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
edit-goal           400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
goal-status         400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
condition           403 403 403 403 403 403 403 403 403 403 403 404 404 404 404 404 404 302
withdraw-condition  403 403 403 403 403 403 403 403 403 403 403 404 404 404 404 404 404 302
# Step 5. R10, R11: own strength; professionals offer a family group plan, the family answers;
# R12: every action has an owner (school takes actions with the actions shared, A3b; the GP
# does not; completing is checked against the owner in the service, so everyone in the plan
# gets the form back).
network             400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
offer-group-plan    403 403 403 403 403 403 400 400 400 403 403 404 404 404 404 404 404 302
answer-group-plan   400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
action              400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
complete-action     400 400 400 400 400 400 400 400 400 400 400 404 404 404 404 404 404 302
# Step 6. R13: options and preferences; R14: the referrer and care provider decide, the
# family agrees and chooses the provider; R15: the referrer applies and keeps the deadline.
option              400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
preference          400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
decide              403 403 403 403 403 403 400 400 403 403 403 404 404 404 404 404 404 302
agree               400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
choose-provider     400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
application         403 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
late-notice         403 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
application-outcome 403 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
# Step 7. R19: the coordinator schedules, anyone but school and GP asks for an evaluation,
# the family and professionals score (school too, with the evaluations shared: A3b); R17:
# meetings; A3b: information agreements.
schedule-evaluation 403 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
request-evaluation  400 400 400 400 400 400 400 400 400 403 403 404 404 404 404 404 404 302
score               400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
record-evaluation   403 403 403 403 403 403 400 400 403 403 403 404 404 404 404 404 404 302
meeting             403 403 403 403 403 403 400 400 403 403 403 404 404 404 404 404 404 302
info-agreement      403 403 403 403 403 403 400 400 400 403 403 404 404 404 404 404 404 302
# Step 8. R20: aftercare with the family and professionals; the referrer closes. Issue 15:
# only a parent or a youth of 12+ gives the family's voice (this plan is not in step 8 yet,
# so the service sends their empty answer back: 400).
aftercare           400 400 400 400 403 403 400 400 400 403 403 404 404 404 404 404 404 302
closing-voice       400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
close               403 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
# R22: the family complains, professionals handle the status.
complaint           400 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
complaint-status    403 403 403 403 403 403 400 400 400 403 403 404 404 404 404 404 404 302
# A3: the parent shares with the network; A4: keeping private and sharing with the parents
# are checked in the service (400 for everyone in the plan).
share               400 403 403 403 403 403 403 403 403 403 403 404 404 404 404 404 404 302
stop-share          400 403 403 403 403 403 403 403 403 403 403 404 404 404 404 404 404 302
# A3b: only a child-protection worker in a compulsory framework decides for safety; this
# plan is voluntary and has none.
share-for-safety    403 403 403 403 403 403 403 403 403 403 403 404 404 404 404 404 404 302
stop-safety-share   403 403 403 403 403 403 403 403 403 403 403 404 404 404 404 404 404 302
keep-private        400 400 400 400 400 400 400 400 400 400 400 404 404 404 404 404 404 302
share-with-parents  400 400 400 400 400 400 400 400 400 400 400 404 404 404 404 404 404 302
# R16: the parent and the coordinator invite.
invite              400 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
revoke-invitation   400 403 403 403 403 403 400 403 403 403 403 404 404 404 404 404 404 302
# A8: a parent or a youth of 12+ asks; the parent's empty request is taken (302), after
# which the youths hear a request is already waiting (400).
request-destruction 302 400 400 400 403 403 403 403 403 403 403 404 404 404 404 404 404 302
"""
)


# Made-up arguments for the account pages that take some: links that do not work.
URL_ARGUMENTS = {
    "password-reset-confirm": {"uidb64": "MQ", "token": "x-y"},
    "account-change-confirm": {"token": "geen-geldige-link"},
}

ACCOUNT_PAGES = set(ACCOUNT_PAGES_EXPECTED)
PLAN_PAGES = {"plan", "plan-step", "plan-action", "plan-access-log", "plan-rights"}
OTHER_PAGES = set(OTHER_PAGES_EXPECTED)


def classified_elsewhere() -> set[str]:
    """Areas with their own matrix test (tests/<area>/matrix.py) list their views in a
    CLASSIFIED set there, next to the test that walks them for every role."""
    names: set[str] = set()
    for path in sorted(Path(__file__).resolve().parent.parent.glob("*/matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.matrix")
        names |= set(module.CLASSIFIED)
    return names


def test_every_url_is_classified_in_the_matrix() -> None:
    """A new view must be added to this matrix before the suite passes."""
    unclassified = url_names() - ACCOUNT_PAGES - PLAN_PAGES - OTHER_PAGES - classified_elsewhere()
    assert not unclassified, f"add these views to the authorization matrix: {unclassified}"


@pytest.fixture
def world(db: None) -> World:
    cast = build_cast()
    plan = cast.plan
    entries.write_entry(
        actor=cast.care_provider, plan=plan, kind=EntryKind.OBSERVATION, body=SECRET
    )
    entries.add_wish(actor=cast.parent, plan=plan, member=cast.parent, text=SECRET)
    school = add_approved_professional(
        cast, make_user("mentor", "Mees", "Mentor", organisation=cast.other_org), Role.SCHOOL
    )
    gp = add_approved_professional(
        cast, make_user("huisarts", "Hanna", "Huisarts", organisation=cast.other_org), Role.GP
    )
    ended = add_approved_professional(
        cast,
        make_user("oud", "Otto", "Oud", organisation=cast.provider_org),
        Role.CARE_PROFESSIONAL,
    )
    team.end_participation(
        actor=cast.wijkteam_worker,
        participant=ended,
        reason="Overgedragen.",
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    pending_user = make_user("wacht", "Wim", "Wacht", organisation=cast.other_org)
    team.add_professional(
        actor=cast.wijkteam_worker, plan=plan, user=pending_user, role=Role.CARE_PROFESSIONAL
    )
    neighbour_user = User.objects.create(username="buur", password=make_password(None))
    neighbour = team.add_person(
        actor=cast.parent,
        plan=plan,
        first_name="Bea",
        last_name="Buur",
        kind=PersonKind.NETWORK,
        gender=Gender.FEMALE,
        role=Role.NETWORK,
        user=neighbour_user,
    ).participations.get(plan=plan)
    sharing.share_part(actor=cast.parent, plan=plan, member=neighbour, kind=ShareKind.ANALYSIS)
    youth12_user = User.objects.create(username="twaalf", password=make_password(None))
    today = timezone.localdate()
    youth12 = team.add_person(
        actor=cast.parent,
        plan=plan,
        first_name="Tim",
        last_name="Jansen",
        kind=PersonKind.CHILD,
        gender=Gender.MALE,
        role=Role.CHILD,
        user=youth12_user,
        birth_date=today.replace(year=today.year - 12),
    ).participations.get(plan=plan)
    people = [
        Person("parent", FAMILY, cast.parent_user, cast.parent),
        Person("youth12", FAMILY, youth12_user, youth12),
        Person("youth13", FAMILY, cast.youth13_user, cast.youth13),
        Person("youth16", FAMILY, cast.youth16_user, cast.youth16),
        Person("network_without_share", NETWORK, cast.grandmother_user, cast.grandmother),
        Person("network_with_share", NETWORK_SHARED, neighbour_user, neighbour),
        Person("referrer", PROFESSIONAL, cast.wijkteam_user, cast.wijkteam_worker),
        Person("care_provider", PROFESSIONAL, cast.care_provider_user, cast.care_provider),
        Person(
            "behavioural_scientist",
            PROFESSIONAL,
            cast.behavioural_scientist_user,
            cast.behavioural_scientist,
        ),
        Person("school", PROFESSIONAL, school.user, school),
        Person("gp", PROFESSIONAL, gp.user, gp),
        Person("ended_professional", OUTSIDE, ended.user),
        Person("pending_professional", OUTSIDE, pending_user),
        Person("other_organisation", OUTSIDE, cast.outsider),
        Person("child_protection_not_in_plan", OUTSIDE, cast.child_protection_user),
        Person("functional_admin", OUTSIDE, cast.admin),
        Person("privacy_officer", OUTSIDE, cast.privacy_officer),
        Person("anonymous", ANONYMOUS, None),
    ]
    seal_everything()
    checkpoints.write_latest()  # for the privacy officer to download (A5)
    return World(cast, people)


def _client(person: Person) -> Client:
    client = Client()
    if person.user is not None:
        if person.user.needs_two_factor:
            login_verified(client, person.user)
        else:
            client.force_login(person.user)
    return client


def _refused_without_content(body: bytes) -> None:
    assert SECRET.encode() not in body
    assert b"Gezin Jansen" not in body


def test_a1_plan_pages_for_every_role(world: World) -> None:
    """PLAN_PAGES_EXPECTED (A1, A3, A3b, A5, A7)."""
    plan_id = world.cast.plan.public_id
    pages = [
        ("plan", reverse("plan", args=[plan_id])),
        *[
            (f"plan-step {step}", reverse("plan-step", args=[plan_id, step]))
            for step in Step.values
        ],
        ("plan-access-log", reverse("plan-access-log", args=[plan_id])),
        ("plan-rights", reverse("plan-rights", args=[plan_id])),
    ]
    seen: Table = {}
    for person in world.people:
        client = _client(person)
        for row, url in pages:
            response = client.get(url)
            seen.setdefault(row, {})[person.name] = response.status_code
            if response.status_code in (403, 404) or person.kind in (OUTSIDE, ANONYMOUS):
                _refused_without_content(response.content)
    assert_statuses(PLAN_PAGES_EXPECTED, seen)


def test_a1_outsiders_404_is_the_same_as_for_a_missing_plan(world: World) -> None:
    plan_id = world.cast.plan.public_id
    urls = [
        ("plan", []),
        ("plan-step", [Step.ANALYSIS]),
        ("plan-access-log", []),
        ("plan-rights", []),
    ]
    for person in world.people:
        if person.kind != OUTSIDE:
            continue
        client = _client(person)
        for name, extra in urls:
            real = client.get(reverse(name, args=[plan_id, *extra]))
            missing = client.get(reverse(name, args=[MISSING_PLAN, *extra]))
            assert real.status_code == missing.status_code == 404, (person.name, name)
            assert real.content == missing.content, (person.name, name)
        real = client.post(reverse("plan-action", args=[plan_id, "entry"]), {})
        missing = client.post(reverse("plan-action", args=[MISSING_PLAN, "entry"]), {})
        assert real.status_code == missing.status_code == 404
        assert real.content == missing.content


def test_every_action_has_a_row() -> None:
    """A new form action fails the suite until its row is written in ACTIONS_EXPECTED."""
    assert set(ACTIONS_EXPECTED) == set(ACTIONS)


def test_a1_every_action_endpoint_for_every_role(world: World) -> None:
    """ACTIONS_EXPECTED (A1, A3, A3b, A4, A7, A8, R2–R22): refused people get 403 (in the
    plan) or 404 (outside) with no case content."""
    plan_id = world.cast.plan.public_id
    seen: Table = {}
    for person in world.people:
        client = _client(person)
        for action in ACTIONS_EXPECTED:
            response = client.post(reverse("plan-action", args=[plan_id, action]), {})
            seen.setdefault(action, {})[person.name] = response.status_code
            if response.status_code in (403, 404):
                _refused_without_content(response.content)
    assert_statuses(ACTIONS_EXPECTED, seen)


def test_a1_other_pages_for_every_role(world: World) -> None:
    """OTHER_PAGES_EXPECTED (A1, A5, A8, R1)."""
    requests = [
        ("home", "get", reverse("home")),
        ("plan-open", "post", reverse("plan-open")),
        ("invitation", "get", reverse("invitation", args=["geen-geldige-link"])),
        ("destruction-requests", "get", reverse("destruction-requests")),
        ("privacy-log", "get", reverse("privacy-log")),
        ("privacy-log-export", "get", reverse("privacy-log-export")),
        ("privacy-log-checkpoint", "get", reverse("privacy-log-checkpoint")),
        # Issue 13: the benchmark's bare page is off outside `make bench`, for everyone.
        ("bench-floor", "get", reverse("bench-floor", args=[world.cast.plan.public_id])),
    ]
    seen: Table = {}
    for person in world.people:
        client = _client(person)
        for row, method, url in requests:
            response = client.post(url, {}) if method == "post" else client.get(url)
            seen.setdefault(row, {})[person.name] = response.status_code
            if row == "home" and person.kind in (OUTSIDE, ANONYMOUS):
                _refused_without_content(response.content)
    assert_statuses(OTHER_PAGES_EXPECTED, seen)


def test_a1_account_pages_answer_everyone_without_errors(world: World) -> None:
    """ACCOUNT_PAGES_EXPECTED (A1, A6)."""
    seen: Table = {}
    for person in world.people:
        client = _client(person)
        for name in ACCOUNT_PAGES_EXPECTED:
            kwargs = URL_ARGUMENTS.get(name, {})
            response = client.get(reverse(name, kwargs=kwargs))
            seen.setdefault(name, {})[person.name] = response.status_code
            _refused_without_content(response.content)
    assert_statuses(ACCOUNT_PAGES_EXPECTED, seen)


def test_a1_the_admin_holds_no_case_content() -> None:
    """The functional administrator manages accounts and the catalogue in the admin;
    no plan or family model is registered there."""
    from django.contrib import admin

    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & {"plans", "families", "access"}


def test_a1_lists_never_show_plans_a_person_may_not_open(db: None) -> None:
    first = build_cast()
    assert first.plan not in policy.visible_plans(first.outsider)
    assert first.plan not in policy.visible_plans(first.admin)
    assert first.plan in policy.visible_plans(first.parent_user)
