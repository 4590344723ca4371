"""Issue 15: the figures page and its CSV for the municipality's policy officer and an
organisation's quality officer: figures only, "< 10" for small cells, 400 for a cell
outside one's scope, and every view and download in the access log."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import Organisation, User
from regie.insight.facts import PlanFacts
from tests.accounts.helpers import login_verified
from tests.insight.test_indicators import ORG, closed_plan, twelve  # noqa: F401  # the fixture
from tests.personas import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts(twelve: list[PlanFacts], monkeypatch: pytest.MonkeyPatch) -> list[PlanFacts]:  # noqa: F811
    """The hand-made plans of test_indicators at a real organisation, as the database
    would give them."""
    provider = make_organisation("Jeugdhulp Voorbeeld", "care_provider")
    other = make_organisation("Zorg Elders", "care_provider")
    for plan in twelve:
        plan.organisation = provider.pk if plan.organisation == ORG else plan.organisation
    twelve[0].organisation = other.pk  # one plan elsewhere: a cell of 1
    monkeypatch.setattr("regie.insight.report.read_facts", lambda: twelve)
    return twelve


def officer(**flags: object) -> Client:
    municipality = make_organisation("Gemeente Voorbeeld", "municipality")
    user = make_user("beleid", "Bea", "Beleid", organisation=municipality)
    for flag, value in flags.items():
        setattr(user, flag, value)
    user.save()
    client = Client()
    login_verified(client, user)
    return client


def quality_officer(organisation: Organisation) -> tuple[User, Client]:
    user = make_user("kwaliteit", "Kees", "Kwaliteit", organisation=organisation)
    user.is_quality_officer = True
    user.save()
    client = Client()
    login_verified(client, user)
    return user, client


def test_the_municipality_sees_the_figures_of_a_year_and_the_log_says_so(
    facts: list[PlanFacts],
) -> None:
    client = officer(is_municipality_officer=True)
    page = client.get(reverse("indicators"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Uitval" in text and "Doelen bereikt" in text
    assert "88%" in text  # 3.4: 21 of 24 goals, all organisations, 2025
    row = AccessLogEntry.objects.filter(event=Event.INDICATORS_VIEWED.code).get()
    assert "periode: 2025" in row.part and row.family_id is None and row.plan_id is None


def test_a_small_cell_shows_less_than_ten_and_nothing_else(facts: list[PlanFacts]) -> None:
    client = officer(is_municipality_officer=True)
    other = Organisation.objects.get(name="Zorg Elders")
    page = client.get(
        reverse("indicators"),
        {"periode": "2025", "organisatie": str(other.public_id), "hulp": "*", "kader": "*"},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("&lt; 10") >= 6
    assert "%" not in text.split('id="figures"')[1]


def test_a_quality_officer_sees_only_the_own_organisation(facts: list[PlanFacts]) -> None:
    provider = Organisation.objects.get(name="Jeugdhulp Voorbeeld")
    other = Organisation.objects.get(name="Zorg Elders")
    _user, client = quality_officer(provider)
    page = client.get(reverse("indicators"))
    assert page.status_code == 200
    assert "Zorg Elders" not in page.content.decode()
    refused = client.get(
        reverse("indicators"),
        {"periode": "2025", "organisatie": str(other.public_id), "hulp": "*", "kader": "*"},
    )
    assert refused.status_code == 400
    assert "Zorg Elders" not in refused.content.decode()


def test_a5_a_quality_officers_download_is_logged_for_the_own_organisation(
    facts: list[PlanFacts],
) -> None:
    """The log must not say a quality officer read "all organisations": a privacy officer
    would think they saw the others' figures."""
    _user, client = quality_officer(Organisation.objects.get(name="Jeugdhulp Voorbeeld"))
    assert client.get(reverse("indicators-csv")).status_code == 200
    row = AccessLogEntry.objects.filter(event=Event.INDICATORS_EXPORTED.code).get()
    assert "organisatie: Jeugdhulp Voorbeeld" in row.part, row.part


@pytest.mark.parametrize(
    "query",
    [
        {"periode": "1999"},
        {"periode": "2025", "organisatie": "x", "hulp": "*", "kader": "*"},
        {"kader": "<script>"},
    ],
)
def test_bad_filters_get_a_400_with_the_form(facts: list[PlanFacts], query: dict[str, str]) -> None:
    client = officer(is_municipality_officer=True)
    response = client.get(reverse("indicators"), query)
    assert response.status_code == 400
    assert "Toon de cijfers" in response.content.decode()


def test_the_csv_holds_the_definitions_and_hides_small_cells(facts: list[PlanFacts]) -> None:
    client = officer(is_municipality_officer=True)
    response = client.get(reverse("indicators-csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "# Wat werkt" and lines[1].startswith("# 1 Uitval: ")
    assert any(line.startswith("# 3.4 Doelen bereikt: ") for line in lines)
    zorg_elders = [
        line for line in lines if line.startswith(("2025,Zorg Elders,", "2025-K1,Zorg Elders,"))
    ]
    # A figure over no plans is "–"; no plans in a step is the count 0.
    assert zorg_elders and all(line.endswith(("< 10", ",0,–", ",0,0")) for line in zorg_elders)
    assert any(line.endswith("< 10,< 10") for line in zorg_elders)
    assert AccessLogEntry.objects.filter(event=Event.INDICATORS_EXPORTED.code).count() == 1


def test_a_cell_without_answers_draws_no_empty_chart(facts: list[PlanFacts]) -> None:
    """A shown cell where nobody answered the usefulness question has no distribution to
    draw: no picture of eleven empty columns."""
    for plan in facts:
        plan.usefulness = []
    page = officer(is_municipality_officer=True).get(reverse("indicators")).content.decode()
    assert "Aantal antwoorden per cijfer" not in page


def test_the_process_is_shown_apart_with_the_plans_per_step(facts: list[PlanFacts]) -> None:
    """Issue 15 "Also": the process figures under their own heading, and the plans per
    step at the end of the year's last quarter, in the page and in the CSV. Ten plans
    opened in 2025 went to step 4; with plan 101 (opened in July, in step 8) 11 plans were
    open at the end of 2025-K4: the total is shown, the steps (10 and 1) are not."""
    provider = Organisation.objects.get(name="Jeugdhulp Voorbeeld")
    opened = datetime.date(2025, 5, 1)
    for number in range(300, 310):
        plan = closed_plan(number, is_closed=False, help_ended_on=None, opened_on=opened, step=4)
        plan.organisation = provider.pk
        plan.step_moves = [(opened, None, 1), (datetime.date(2025, 6, 1), 1, 4)]
        facts.append(plan)
    client = officer(is_municipality_officer=True)
    text = client.get(reverse("indicators")).content.decode()
    outcomes, process = text.split("Het proces</h3>")
    assert "Uitval" in outcomes and "Familiegroepsplan" not in outcomes
    assert "P1 Familiegroepsplan aangeboden" in process and "75%" in process  # 9 of 12
    steps = text.split('id="steps"')[1]
    assert "Plannen per stap aan het eind van 2025-K4" in steps
    assert "4 Doelen" in steps and "<strong>11</strong>" in steps
    assert steps.count("&lt; 10") == 2  # step 4 and step 8
    lines = client.get(reverse("indicators-csv")).content.decode().splitlines()
    assert "# Het proces" in lines
    assert "2025,alle organisaties,alle,alle,Het proces,P1 Familiegroepsplan aangeboden,12,75%" in (
        lines
    )
    assert (
        "2025,alle organisaties,alle,alle,Het proces,"
        '"Plannen per stap, eind 2025-K4: alle stappen",11,11' in lines
    )


def test_plans_per_step_show_before_any_plan_has_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Open plans at the end of a quarter are counted even when no plan has closed yet:
    twelve plans opened in January 2025 stood in step 1 at the end of 2025-K1."""
    opened = datetime.date(2025, 1, 15)
    plans = []
    for number in range(1, 13):
        plan = closed_plan(number, is_closed=False, help_ended_on=None, opened_on=opened, step=1)
        plan.step_moves = [(opened, None, 1)]
        plans.append(plan)
    monkeypatch.setattr("regie.insight.report.read_facts", lambda: plans)
    page = officer(is_municipality_officer=True).get(
        reverse("indicators"), {"periode": "2025-K1", "organisatie": "*", "hulp": "*", "kader": "*"}
    )
    assert page.status_code == 200
    steps = page.content.decode().split('id="steps"')[1]
    assert "2025-K1" in steps and "<strong>12</strong>" in steps
