"""The professional's caseload on the home page (issue 5): their plans with step, role,
overdue evaluations (R19), entries waiting for the family (R2) and the nearest decision
deadline (R15); search, filters, sorting and pages that keep the filters; never a plan
outside `visible_plans` (A1); the list logged as a search without family names (A5). The
family and the network keep their simple list."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from regie.access import policy
from regie.access.models import AccessLogEntry
from regie.access.policy import sections
from regie.accounts.models import User
from regie.families.models import PersonKind
from regie.plans import selectors
from regie.plans.models import (
    EntryKind,
    EvaluationOutcome,
    Funding,
    GoalTerm,
    Participant,
    Plan,
    Role,
    Step,
)
from regie.plans.services import entries, evaluation, goals, help, plans, team
from tests.accounts.helpers import client_for
from tests.personas import Cast, last_log_id, walk_to

TODAY = timezone.localdate()
HOME = reverse("home")


def _open(by: User, *names: str) -> list[Plan]:
    return [plans.open_plan(by=by, family_name=name) for name in names]


def _opener(plan: Plan) -> Participant:
    assert plan.coordinator is not None
    return plan.coordinator


def _names(rows: list[selectors.CaseloadRow]) -> list[str]:
    return [row.plan.family.name for row in rows]


def _rows(user: User, **filters: object) -> list[selectors.CaseloadRow]:
    """The rows, by family name unless another order is asked."""
    filters.setdefault("sort", "family")
    found = selectors.caseload(user, **filters)  # type: ignore[arg-type]
    return found[0 : found.count()]


def _waiting_entries(plan: Plan, count: int) -> None:
    for number in range(count):
        entries.write_entry(
            actor=_opener(plan), plan=plan, kind=EntryKind.OBSERVATION, body=f"Gezien {number}."
        )


def _overdue_evaluation(plan: Plan, days_ago: int = 3) -> None:
    evaluation.schedule_evaluation(
        actor=_opener(plan),
        plan=plan,
        scheduled_for=TODAY - datetime.timedelta(days=days_ago),
    )


def _application(plan: Plan, *, days_left: int) -> None:
    """A pending application whose 8-week term (R15) ends `days_left` days from today."""
    opener = _opener(plan)
    option = help.propose_option(
        actor=opener,
        plan=plan,
        title="Oma past op",
        pros="Vertrouwd.",
        cons="Oma wordt moe.",
        is_professional_help=False,
    )
    decision = help.decide(
        actor=opener,
        plan=plan,
        option=option,
        rationale="Past bij het gezin.",
        funding=Funding.IN_KIND,
        aftercare="Het wijkteam belt na zes weken.",
    )
    term = help.decision_deadline(TODAY) - TODAY
    submitted = TODAY + datetime.timedelta(days=days_left) - term
    help.file_application(actor=opener, decision=decision, submitted_on=submitted)


# ---- What each row shows -------------------------------------------------------------


def test_caseload_shows_step_framework_role_and_coordinator(cast: Cast) -> None:
    walk_to(cast, Step.REQUEST)
    (mine,) = _rows(cast.wijkteam_user)
    assert mine.plan.family.name == "Gezin Jansen"
    assert (mine.plan.step, mine.plan.get_step_display()) == (2, "Vraag verhelderen")
    assert mine.my_role == Role.REFERRER and mine.role_label == "verwijzer"
    assert mine.is_coordinator
    (theirs,) = _rows(cast.care_provider_user)
    assert theirs.my_role == Role.CARE_PROFESSIONAL and not theirs.is_coordinator
    page = client_for(cast.care_provider_user).get(HOME).content.decode()
    assert "2. Vraag verhelderen" in page and "jeugdhulpverlener" in page
    assert "vrijwillig" in page and "lopend" in page


def test_r19_caseload_shows_overdue_evaluations_and_the_next_one(cast: Cast) -> None:
    _overdue_evaluation(cast.plan, days_ago=10)
    _overdue_evaluation(cast.plan, days_ago=1)
    today = evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=TODAY
    )
    evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=TODAY + datetime.timedelta(30)
    )
    # One that was held on time no longer counts.
    held = evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=TODAY - datetime.timedelta(20)
    )
    goal = goals.add_goal(actor=cast.parent, plan=cast.plan, text="Rust.", term=GoalTerm.SHORT)
    evaluation.score_goal(actor=cast.parent, evaluation=held, goal=goal, score=6)
    evaluation.record_evaluation(
        actor=cast.wijkteam_worker,
        evaluation=held,
        expected_version=held.version,
        held_on=TODAY - datetime.timedelta(20),
        working_relationship="Goed.",
        satisfaction=7,
        satisfaction_reasons="Er is rust.",
        outcome=EvaluationOutcome.CONTINUE,
    )
    (row,) = _rows(cast.wijkteam_user)
    assert row.overdue_evaluations == 2
    assert row.next_evaluation == today.scheduled_for
    overview = selectors.overview(
        cast.plan, TODAY, cast.wijkteam_worker, sections(cast.wijkteam_worker)
    )
    assert row.overdue_evaluations == len(overview.overdue_evaluations)
    page = client_for(cast.wijkteam_user).get(HOME).content.decode()
    assert '<span class="tag bad">2 te laat</span>' in page


def test_r2_caseload_counts_entries_waiting_like_the_plan_overview(cast: Cast) -> None:
    _waiting_entries(cast.plan, 3)
    reacted, withdrawn, _waiting = cast.plan.entry_set.order_by("id")
    entries.react_to_entry(actor=cast.parent, entry=reacted, verdict="agrees")
    entries.withdraw_entry(actor=cast.wijkteam_worker, entry=withdrawn, reason="Dubbel.")
    (row,) = _rows(cast.wijkteam_user)
    assert row.entries_waiting == 1
    assert (
        row.entries_waiting
        == selectors.overview(cast.plan, TODAY, cast.parent, sections(cast.parent)).entries_waiting
    )
    assert "1 aantekening" in client_for(cast.wijkteam_user).get(HOME).content.decode()


def test_r15_caseload_shows_the_nearest_deadline_with_days_left(cast: Cast) -> None:
    _application(cast.plan, days_left=40)
    _application(cast.plan, days_left=5)
    (row,) = _rows(cast.wijkteam_user)
    assert row.nearest_deadline == TODAY + datetime.timedelta(days=5)
    assert row.days_left == 5 and row.deadline_soon
    assert row.days_left == min(d.days_left for d in selectors.deadlines(cast.plan, TODAY))
    assert (
        '<span class="tag warn">nog 5 dagen</span>'
        in client_for(cast.wijkteam_user).get(HOME).content.decode()
    )


def test_r15_a_deadline_that_ran_out_shows_how_long_ago(cast: Cast) -> None:
    _application(cast.plan, days_left=-3)
    (row,) = _rows(cast.wijkteam_user)
    assert row.days_left == -3 and row.days_over == 3 and not row.deadline_soon
    assert "3 dagen verlopen" in client_for(cast.wijkteam_user).get(HOME).content.decode()


def _outsider_as_network(cast: Cast) -> None:
    """The professional of another organisation is a network member in this plan (A3)."""
    team.add_person(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        first_name="Olaf",
        kind=PersonKind.NETWORK,
        role=Role.NETWORK,
        user=cast.outsider,
    )


def test_a3_a_professional_who_is_network_in_a_plan_sees_no_signals_there(cast: Cast) -> None:
    _outsider_as_network(cast)
    _overdue_evaluation(cast.plan)
    _waiting_entries(cast.plan, 2)
    _application(cast.plan, days_left=3)
    (row,) = _rows(cast.outsider)
    assert row.my_role == Role.NETWORK and not row.signals_shown
    assert (row.overdue_evaluations, row.entries_waiting, row.nearest_deadline) == (
        None,
        None,
        None,
    )
    for flag in ("overdue_only", "waiting_only", "deadline_soon"):
        assert _rows(cast.outsider, **{flag: True}) == []
    # Nor does the order tell: Jansen's deadline in 3 days sorts as no deadline.
    (own,) = _open(cast.outsider, "Gezin Zwart")
    _application(own, days_left=30)
    assert _names(_rows(cast.outsider, sort="deadline")) == ["Gezin Zwart", "Gezin Jansen"]
    assert (
        "Niet gedeeld met u als netwerklid" in client_for(cast.outsider).get(HOME).content.decode()
    )


# ---- A1: only the plans the policy gives --------------------------------------------


def test_a1_caseload_holds_exactly_the_visible_plans(cast: Cast) -> None:
    _open(cast.outsider, "Gezin Bos")
    # Invited but not yet approved by the family (R16): not in the list.
    team.add_professional(
        actor=cast.wijkteam_worker, plan=cast.plan, user=cast.outsider, role=Role.SCHOOL
    )
    # Someone whose role in the plan ended (A7): not in the list either.
    team.end_participation(
        actor=cast.wijkteam_worker,
        participant=cast.behavioural_scientist,
        reason="Klaar.",
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    assert _names(_rows(cast.outsider)) == ["Gezin Bos"]
    assert _rows(cast.behavioural_scientist_user) == []
    for user in (cast.outsider, cast.wijkteam_user, cast.behavioural_scientist_user):
        visible = set(policy.visible_plans(user).values_list("pk", flat=True))
        assert {row.plan.pk for row in _rows(user)} == visible
    page = client_for(cast.outsider).get(HOME, {"query": "Jansen"}).content.decode()
    assert "Gezin Jansen" not in page
    assert "Geen plannen gevonden met deze filters." in page


# ---- Search, filters, sorting --------------------------------------------------------


def test_caseload_search_matches_part_of_the_name_in_any_case(cast: Cast) -> None:
    _open(cast.wijkteam_user, "Gezin de Jong", "Gezin Bakker")
    assert _names(_rows(cast.wijkteam_user, query="JAN")) == ["Gezin Jansen"]
    page = client_for(cast.wijkteam_user).get(HOME, {"query": "  bak "}).content.decode()
    assert "Gezin Bakker" in page and "Gezin Jansen" not in page and "Gezin de Jong" not in page
    assert 'value="bak"' in page or 'value="  bak "' in page


def test_caseload_filters_on_step(cast: Cast) -> None:
    _open(cast.wijkteam_user, "Gezin Bos")
    walk_to(cast, Step.ANALYSIS)
    assert _names(_rows(cast.wijkteam_user, step=Step.ANALYSIS)) == ["Gezin Jansen"]
    page = client_for(cast.wijkteam_user).get(HOME, {"step": "1"}).content.decode()
    assert "Gezin Bos" in page and "Gezin Jansen" not in page


def test_caseload_filters_on_overdue_evaluations(cast: Cast) -> None:
    (bos, _dam) = _open(cast.wijkteam_user, "Gezin Bos", "Gezin Dam")
    _overdue_evaluation(bos)
    evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker, plan=cast.plan, scheduled_for=TODAY + datetime.timedelta(7)
    )
    assert _names(_rows(cast.wijkteam_user, overdue_only=True)) == ["Gezin Bos"]
    page = client_for(cast.wijkteam_user).get(HOME, {"overdue_only": "on"}).content.decode()
    assert "Gezin Bos" in page and "Gezin Dam" not in page and "Gezin Jansen" not in page


def test_caseload_filters_on_entries_waiting_for_the_family(cast: Cast) -> None:
    _open(cast.wijkteam_user, "Gezin Bos")
    _waiting_entries(cast.plan, 1)
    assert _names(_rows(cast.wijkteam_user, waiting_only=True)) == ["Gezin Jansen"]
    entries.react_to_entry(actor=cast.parent, entry=cast.plan.entry_set.get(), verdict="agrees")
    assert _rows(cast.wijkteam_user, waiting_only=True) == []


def test_caseload_filters_on_deadline_within_14_days(cast: Cast) -> None:
    soon, later, ran_out, _none = _open(
        cast.wijkteam_user, "Gezin Snel", "Gezin Later", "Gezin Verlopen", "Gezin Geen"
    )
    _application(soon, days_left=14)
    _application(later, days_left=15)
    _application(ran_out, days_left=-2)
    found = _names(_rows(cast.wijkteam_user, deadline_soon=True))
    assert found == ["Gezin Snel", "Gezin Verlopen"]


def test_caseload_filters_on_plans_i_coordinate(cast: Cast) -> None:
    _open(cast.care_provider_user, "Gezin Bos")
    assert _names(_rows(cast.care_provider_user)) == ["Gezin Bos", "Gezin Jansen"]
    assert _names(_rows(cast.care_provider_user, coordinator_only=True)) == ["Gezin Bos"]
    team.set_coordinator(actor=cast.parent, plan=cast.plan, participant=cast.care_provider)
    assert _names(_rows(cast.care_provider_user, coordinator_only=True)) == [
        "Gezin Bos",
        "Gezin Jansen",
    ]


def test_caseload_sorts_by_name_step_and_nearest_deadline(cast: Cast) -> None:
    bos, zwart, _dam = _open(cast.wijkteam_user, "Gezin Bos", "gezin Zwart", "Gezin Dam")
    walk_to(cast, Step.REQUEST)
    _application(zwart, days_left=20)
    _application(bos, days_left=30)
    user = cast.wijkteam_user
    assert _names(_rows(user)) == ["Gezin Bos", "Gezin Dam", "Gezin Jansen", "gezin Zwart"]
    assert _names(_rows(user, sort="step"))[-1] == "Gezin Jansen"
    assert _names(_rows(user, sort="deadline")) == [
        "gezin Zwart",
        "Gezin Bos",
        "Gezin Dam",
        "Gezin Jansen",
    ]
    page = client_for(user).get(HOME, {"sort": "deadline"}).content.decode()
    assert page.index("gezin Zwart") < page.index("Gezin Bos") < page.index("Gezin Dam")


# ---- Pages, bad input, empty states ------------------------------------------------------


def test_caseload_pages_by_20_and_page_links_keep_the_filters(cast: Cast) -> None:
    _open(cast.wijkteam_user, *[f"Gezin Test {n:02}" for n in range(25)])
    client = client_for(cast.wijkteam_user)
    first = client.get(HOME, {"query": "test", "sort": "step"}).content.decode()
    assert first.count("Gezin Test") == 20
    assert "25 plannen gevonden." in first
    nav = re.search(
        r'<nav class="utrecht-pagination" aria-label="([^"]+)">(.*?)</nav>', first, re.S
    )
    assert nav is not None and nav.group(1)
    assert 'aria-current="page" href="?query=test&amp;sort=step&amp;page=1"' in nav.group(2)
    assert 'href="?query=test&amp;sort=step&amp;page=2"' in nav.group(2)
    second = client.get(HOME, {"query": "test", "sort": "step", "page": "2"}).content.decode()
    assert second.count("Gezin Test") == 5
    assert "Gezin Jansen" not in second
    assert 'aria-current="page" href="?query=test&amp;sort=step&amp;page=2"' in second


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"page": "abc"}, "pagina"),
        ({"page": "0"}, "pagina"),
        ({"page": "999"}, "pagina"),
        ({"step": "99"}, "Stap"),
        ({"step": "drie"}, "Stap"),
        ({"sort": "wachtwoord"}, "Sorteren op"),
        ({"query": "x" * 500}, "Zoek een gezin"),
    ],
)
def test_caseload_ignores_bad_input_and_says_so(
    cast: Cast, params: dict[str, str], ignored: str
) -> None:
    response = client_for(cast.wijkteam_user).get(HOME, params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Gezin Jansen" in page
    assert "Dit hebben we overgeslagen:" in page
    assert ignored in page.split("Dit hebben we overgeslagen:")[1].split("</li>")[0]


def test_caseload_without_any_plan_says_open_one_below(cast: Cast) -> None:
    page = client_for(cast.outsider).get(HOME).content.decode()
    assert "Open hieronder een nieuw plan." in page
    assert "Zoek een gezin" not in page
    assert "Nieuw plan openen" in page


def test_caseload_with_nothing_matching_offers_to_clear_the_filters(cast: Cast) -> None:
    page = client_for(cast.wijkteam_user).get(HOME, {"query": "Pietersen"}).content.decode()
    assert "Geen plannen gevonden met deze filters." in page
    assert f'<a href="{HOME}">Filters wissen en alle plannen tonen</a>' in page


def test_open_plan_error_shows_the_caseload_again(cast: Cast) -> None:
    response = client_for(cast.wijkteam_user).post(reverse("plan-open"), {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Het plan is nog niet geopend:" in page
    assert "Gezin Jansen" in page and "Zoek een gezin" in page


# ---- A5: the list is a search, logged without names ------------------------------------


def _listed_since(before: int) -> AccessLogEntry:
    (row,) = AccessLogEntry.objects.filter(id__gt=before, event="plans.listed")
    return row


def test_a5_caseload_list_is_logged_without_names(cast: Cast) -> None:
    _open(cast.wijkteam_user, "Gezin Bos", "Gezin Dam")
    client = client_for(cast.wijkteam_user)
    before = last_log_id()
    assert client.get(HOME).status_code == 200
    row = _listed_since(before)
    assert row.action == "search" and row.user_id == cast.wijkteam_user.pk
    assert row.part == "3 plannen, pagina 1"
    before = last_log_id()
    client.get(HOME, {"query": "o", "step": "1", "overdue_only": "on", "sort": "deadline"})
    row = _listed_since(before)
    assert (
        row.part
        == "0 plannen, pagina 1, stap 1, evaluatie te laat, sortering deadline, zoekterm 'o'"
    )
    for name in ("Jansen", "Bos", "Dam"):
        assert name not in row.part


def test_a5_professional_without_plans_leaves_no_search_row(cast: Cast) -> None:
    before = last_log_id()
    assert client_for(cast.outsider).get(HOME).status_code == 200
    assert not AccessLogEntry.objects.filter(id__gt=before, event="plans.listed").exists()


# ---- The family and the network keep their simple list --------------------------------


@pytest.mark.parametrize("who", ["parent_user", "youth16_user", "grandmother_user"])
def test_family_and_network_home_is_the_simple_list(cast: Cast, who: str) -> None:
    before = last_log_id()
    page = client_for(getattr(cast, who)).get(HOME).content.decode()
    assert "Gezin Jansen" in page and "1. Kennismaken" in page
    assert "Zoek een gezin" not in page and "Mijn rol" not in page
    assert "Nieuw plan openen" not in page
    assert _listed_since(before).part == "1 plannen"


# ---- A fixed number of queries -----------------------------------------------------------


def _busy_plans(worker: User, start: int, count: int) -> None:
    for number in range(start, start + count):
        (plan,) = _open(worker, f"Gezin Druk {number:02}")
        _waiting_entries(plan, 2)
        _overdue_evaluation(plan)
        evaluation.schedule_evaluation(
            actor=_opener(plan), plan=plan, scheduled_for=TODAY + datetime.timedelta(9)
        )
        if number % 3 == 0:
            _application(plan, days_left=number)


def _queries(client: Client, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME, params).status_code == 200
    return len(queries)


# Issue 13: the home page of a professional, whatever their caseload, stays within this.
CASELOAD_QUERY_BUDGET = 15


def test_caseload_page_stays_within_its_query_budget_for_5_and_40_plans(
    cast: Cast, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(cast.wijkteam_user)
    params = {"sort": "deadline", "overdue_only": "on", "page": "2"}
    _busy_plans(cast.wijkteam_user, 0, 4)  # with Jansen: 5 plans
    with django_assert_max_num_queries(CASELOAD_QUERY_BUDGET):
        assert client.get(HOME).status_code == 200
    _busy_plans(cast.wijkteam_user, 4, 35)  # 40 plans, two pages
    for asked in ({}, params):
        with django_assert_max_num_queries(CASELOAD_QUERY_BUDGET):
            page = client.get(HOME, asked).content.decode()
        assert "Gezin Druk" in page


def test_caseload_reads_in_the_same_number_of_queries_for_5_and_30_plans(cast: Cast) -> None:
    client = client_for(cast.wijkteam_user)
    searches: list[dict[str, str]] = [
        {},
        {"sort": "deadline", "waiting_only": "on"},
        {"query": "druk", "step": "1"},
    ]
    _busy_plans(cast.wijkteam_user, 0, 4)  # with Jansen: 5 plans
    small = [_queries(client, params) for params in searches]
    _busy_plans(cast.wijkteam_user, 4, 25)  # 30 plans
    large = [_queries(client, params) for params in searches]
    assert small == large
    with CaptureQueriesContext(connection) as queries:
        found = selectors.caseload(cast.wijkteam_user)
        rows = found[0:30]
    assert len(rows) == 30 and len(queries) == 1


# ---- What is due first (issue 14) ----------------------------------------------------------


def _action(plan: Plan, *, due_in: int) -> None:
    opener = _opener(plan)
    goals.add_action(
        actor=opener,
        plan=plan,
        description="Bellen met school.",
        owner=opener,
        due_on=TODAY + datetime.timedelta(days=due_in),
        takeover_reason="Het gezin vroeg het.",
    )


def test_caseload_puts_what_is_overdue_first_then_the_soonest_then_the_name(cast: Cast) -> None:
    week, late, today, _calm = _open(
        cast.wijkteam_user, "Gezin Week", "Gezin Laat", "Gezin Vandaag", "Gezin Rustig"
    )
    _application(week, days_left=5)
    _overdue_evaluation(late, days_ago=2)
    _action(today, due_in=0)
    rows = _rows(cast.wijkteam_user, sort="due")
    assert _names(rows)[:3] == ["Gezin Laat", "Gezin Vandaag", "Gezin Week"]
    assert _names(rows)[3:] == ["Gezin Jansen", "Gezin Rustig"]
    first = rows[0]
    assert first.first_due_kind == "evaluation" and first.due_days_over == 2
    # The home page sorts so by default and says what comes first.
    page = client_for(cast.wijkteam_user).get(HOME).content.decode()
    assert page.index("Gezin Laat") < page.index("Gezin Vandaag") < page.index("Gezin Week")
    assert "2 dagen te laat" in page


def test_caseload_summary_counts_what_the_rows_show(cast: Cast) -> None:
    late, today, week, _later = _open(
        cast.wijkteam_user, "Gezin Laat", "Gezin Vandaag", "Gezin Week", "Gezin Later"
    )
    _action(late, due_in=-1)
    _action(today, due_in=0)
    _application(week, days_left=6)
    _action(_later, due_in=30)
    found = selectors.caseload(cast.wijkteam_user)
    assert found.count() == 5
    summary = found.summary
    assert (summary.overdue, summary.today, summary.this_week) == (1, 1, 1)
    page = client_for(cast.wijkteam_user).get(HOME).content.decode()
    assert "1 plan met iets te laat" in page
    assert "1 plan met iets voor vandaag" in page
    assert "1 plan met iets in de komende 7 dagen" in page
    assert "1 actie te laat" in page


def test_caseload_empty_cells_say_nothing(cast: Cast) -> None:
    """No grey "geen" repeated in every row (issue 14)."""
    _open(cast.wijkteam_user, "Gezin Rustig")
    page = client_for(cast.wijkteam_user).get(HOME).content.decode()
    table = page[page.index('<table class="cards">') : page.index("</table>")]
    assert "geen" not in table
    assert "Niets te laat" in page


def test_r9_caseload_shows_when_a_supervision_order_ends(cast: Cast) -> None:
    until = TODAY + datetime.timedelta(days=90)
    plans.set_framework(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        framework="compulsory",
        legal_measure="ots",
        legal_measure_until=until,
    )
    page = client_for(cast.wijkteam_user).get(HOME).content.decode()
    assert "ondertoezichtstelling (OTS)" in page
    assert f"loopt tot {until.day} " in page


def test_a3_a_network_row_has_no_due_date_sorts_last_and_is_not_counted(cast: Cast) -> None:
    """A3: the order and the summary leave out what a network member may not see."""
    _outsider_as_network(cast)
    _overdue_evaluation(cast.plan)
    (own,) = _open(cast.outsider, "Gezin Zwart")
    _application(own, days_left=30)
    found = selectors.caseload(cast.outsider)
    rows = found[0:2]
    assert _names(rows) == ["Gezin Zwart", "Gezin Jansen"]
    assert rows[1].first_due is None
    assert found.summary.overdue == 0


@pytest.mark.parametrize(
    ("who", "role", "framework"),
    [
        ("wijkteam_user", "referrer", "voluntary"),
        ("care_provider_user", "care_professional", "voluntary"),
        ("child_protection_user", "child_protection", "compulsory"),
    ],
)
def test_open_plan_defaults_to_the_workers_own_role(
    cast: Cast, who: str, role: str, framework: str
) -> None:
    page = client_for(getattr(cast, who)).get(HOME).content.decode()
    assert re.search(rf'<option value="{role}"[^>]*selected', page)
    assert re.search(rf'<option value="{framework}"[^>]*selected', page)
