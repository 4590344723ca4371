"""Issue 15: the figures in the API, for the municipality's policy officer (every
organisation) and an organisation's quality officer (their own): the same cells, labels
and figures as the page and its CSV, "< 10" and nothing else for a hidden figure, a 400
problem for a filter outside one's scope, the 404 of the page for anyone else, and one
access-log row per call (A5)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.access.requests import csv_cell
from regie.accounts.models import Organisation, User
from regie.insight.facts import PlanFacts
from tests.accounts.helpers import login_verified
from tests.api.helpers import Api, token_for
from tests.insight.test_indicators import twelve  # noqa: F401  # the fixture
from tests.insight.test_views import facts  # noqa: F401  # the fixture
from tests.personas import make_organisation, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/figures/"


def municipality_officer() -> User:
    municipality = make_organisation("Gemeente Voorbeeld", "municipality")
    user = make_user("beleid", "Bea", "Beleid", organisation=municipality)
    user.is_municipality_officer = True
    user.save()
    return user


def quality_officer(organisation: Organisation) -> User:
    user = make_user("kwaliteit", "Kees", "Kwaliteit", organisation=organisation)
    user.is_quality_officer = True
    user.save()
    return user


def _cell(body: dict[str, Any], **keys: str) -> dict[str, Any]:
    found = [c for c in body["cells"] if all(c[axis] == key for axis, key in keys.items())]
    assert len(found) == 1, keys
    return found[0]


def _numbers(value: object) -> list[object]:
    """Every number in a piece of JSON (a bool is not one)."""
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


def test_the_municipality_gets_every_organisation_and_the_log_says_so(
    facts: list[PlanFacts],  # noqa: F811
) -> None:
    provider = Organisation.objects.get(name="Jeugdhulp Voorbeeld")
    other = Organisation.objects.get(name="Zorg Elders")
    response = Api(token_for(municipality_officer())).get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["minimum"] == 10
    assert [d["id"] for d in body["definitions"]] == [
        *("1", "2", "3.1", "3.2", "3.3", "3.4"),
        *("P1", "P2", "P3", "P4"),
    ]
    assert {c["organisation"] for c in body["cells"]} == {
        "*",
        "none",  # plans without a provider yet: offered as on the page
        str(provider.public_id),
        str(other.public_id),
    }
    year = _cell(body, period="2025", organisation="*", help_type="*", framework="*")
    assert year["labels"]["organisation"] == "alle organisaties"
    reached = year["indicators"][5]
    assert (reached["id"], reached["name"], reached["shown"]) == ("3.4", "Doelen bereikt", "88%")
    assert reached["value"] == pytest.approx(21 / 24) and reached["plans"] == 12
    satisfaction = year["indicators"][1]
    assert satisfaction["value"] == 8.0 and satisfaction["shown"] == "8"
    assert sum(a["answers"] for a in satisfaction["distribution"]) == 11
    assert all(f["distribution"] is None for f in year["indicators"] if f["id"] != "2")
    row = AccessLogEntry.objects.get(event=Event.INDICATORS_API_READ.code)
    assert row.part.startswith("periode: alle; organisatie: alle organisaties")
    assert row.plan_id is None and row.family_id is None and row.role == "cijfers"
    assert AccessLogEntry.objects.filter(event__startswith="indicators.").count() == 1


def test_a_quality_officer_gets_only_the_own_organisation(
    facts: list[PlanFacts],  # noqa: F811
) -> None:
    provider = Organisation.objects.get(name="Jeugdhulp Voorbeeld")
    other = Organisation.objects.get(name="Zorg Elders")
    api = Api(token_for(quality_officer(provider)))
    response = api.get(URL)
    assert response.status_code == 200
    assert {c["organisation"] for c in response.json()["cells"]} == {str(provider.public_id)}
    assert b"Zorg Elders" not in response.content
    row = AccessLogEntry.objects.filter(event=Event.INDICATORS_API_READ.code).get()
    assert "organisatie: Jeugdhulp Voorbeeld" in row.part, row.part  # A5: not "alle"
    for organisation in (str(other.public_id), "*", "none"):
        refused = api.get(f"{URL}?organisation={organisation}")
        assert refused.status_code == 400, organisation
        assert refused["Content-Type"] == "application/problem+json"
        assert "organisation" in refused.json()["errors"]
        assert b"Zorg Elders" not in refused.content


def test_a_filter_narrows_the_cells_to_its_value(facts: list[PlanFacts]) -> None:  # noqa: F811
    api = Api(token_for(municipality_officer()))
    body = api.get(f"{URL}?period=2025-K1&organisation=*&framework=voluntary").json()
    assert {(c["period"], c["organisation"], c["framework"]) for c in body["cells"]} == {
        ("2025-K1", "*", "voluntary")
    }
    assert {c["help_type"] for c in body["cells"]} == {"*", "in_kind"}
    part = AccessLogEntry.objects.get(event=Event.INDICATORS_API_READ.code).part
    assert part.startswith("periode: 2025-K1; organisatie: alle organisaties; soort hulp: alle")


@pytest.mark.parametrize(
    "query",
    [
        "period=1999",
        "period=2025-K5",
        "organisation=x",
        "organisation=00000000-0000-4000-8000-000000000000",
        "help_type=pgb",  # a known type, but no plan has it: not a value of these figures
        "help_type=%3Cscript%3E",
        "framework=compulsory",
        "period=2025%00",
    ],
)
def test_bad_filters_get_a_400_problem(facts: list[PlanFacts], query: str) -> None:  # noqa: F811
    response = Api(token_for(municipality_officer())).get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]
    assert not AccessLogEntry.objects.filter(event=Event.INDICATORS_API_READ.code).exists()


def test_a_hidden_figure_reveals_no_count_and_no_value(facts: list[PlanFacts]) -> None:  # noqa: F811
    """Zorg Elders has one plan: its cells say "< 10" and carry no number at all."""
    other = Organisation.objects.get(name="Zorg Elders")
    body = Api(token_for(municipality_officer())).get(URL).json()
    cell = _cell(
        body, period="2025", organisation=str(other.public_id), help_type="*", framework="*"
    )
    hidden = [figure for figure in cell["indicators"] if figure["hidden"]]
    assert hidden and all(figure["shown"] == "< 10" for figure in hidden)
    everywhere = [f for c in body["cells"] for f in c["indicators"] if f["hidden"]]
    for figure in everywhere:
        assert figure["plans"] is None and figure["value"] is None
        assert figure["distribution"] is None
        assert _numbers(figure) == []


def test_the_figures_are_the_csvs_line_for_line(facts: list[PlanFacts]) -> None:  # noqa: F811
    """The API, the CSV and the page show the same figure for the same cell."""
    user = municipality_officer()
    body = Api(token_for(user)).get(URL).json()
    web = Client()
    login_verified(web, user)
    download = web.get(reverse("indicators-csv")).content.decode()
    lines = [line for line in download.splitlines() if not line.startswith("#")]
    from_csv = list(csv.reader(io.StringIO("\n".join(lines[1:]))))
    groups = {"outcome": "Wat werkt", "process": "Het proces"}
    from_api = []
    for cell in body["cells"]:
        where = [
            cell["labels"][axis] for axis in ("period", "organisation", "help_type", "framework")
        ]
        from_api += [
            [
                *where,
                groups[figure["group"]],
                f"{figure['id']} {figure['name']}",
                "< 10" if figure["plans"] is None else str(figure["plans"]),
                csv_cell(figure["shown"]),  # "+2,9" is no formula in a spreadsheet
            ]
            for figure in cell["indicators"]
        ]
        from_api += [
            [
                *where,
                "Het proces",
                f"Plannen per stap, eind {cell['steps_quarter']}: {step['name']}",
                step["shown"],
                step["shown"],
            ]
            for step in cell["steps"]
        ]
    assert from_api == from_csv
    page = web.get(
        reverse("indicators"), {"periode": "2025", "organisatie": "*", "hulp": "*", "kader": "*"}
    ).content.decode()
    year = _cell(body, period="2025", organisation="*", help_type="*", framework="*")
    assert all(figure["shown"] in page for figure in year["indicators"])


def test_others_get_the_404_of_the_page_and_leave_no_figures_row(
    facts: list[PlanFacts],  # noqa: F811
) -> None:
    """Anyone without a figure role: the 404 (the full matrix is tests/api/matrix.py)."""
    provider = Organisation.objects.get(name="Jeugdhulp Voorbeeld")
    professional = make_user("prof", "Piet", "Prof", organisation=provider)
    response = Api(token_for(professional)).get(f"{URL}?period=1999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert not AccessLogEntry.objects.filter(event__startswith="indicators.").exists()
    assert Api(None).get(URL).status_code == 401


def test_without_closed_plans_there_are_no_cells_yet(db: None) -> None:
    response = Api(token_for(municipality_officer())).get(URL)
    assert response.status_code == 200
    assert response.json()["cells"] == [] and len(response.json()["definitions"]) == 10
    assert AccessLogEntry.objects.filter(event=Event.INDICATORS_API_READ.code).count() == 1
