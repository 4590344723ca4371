"""Schemathesis against the served schema (issue 6): every operation, with the token of a
professional in a plan, finds no server errors and no responses outside the schema."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import response_schema_conformance

from regie.insight.facts import PlanFacts
from regie.plans.models import Goal
from regie.wsgi import application
from tests.api.helpers import token_for
from tests.insight.test_indicators import twelve  # noqa: F401  # the fixture
from tests.insight.test_views import facts  # noqa: F401  # the fixture
from tests.personas import Cast, make_organisation, make_user

MAX_EXAMPLES = 15


@contextmanager
def connections_kept_open() -> Iterator[None]:
    """The WSGI app closes database connections when a request ends; that would end the
    test's transaction on PostgreSQL. Django's own test client holds them open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _operations(headers: dict[str, str]) -> list[Any]:
    with connections_kept_open():
        # The schema is not public (issue 12): fetched with the same token.
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, headers=headers)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operations.append(result.ok())
    return operations


def _fuzz(operation: Any, headers: dict[str, str], real_ids: dict[str, str]) -> None:
    @given(case=operation.as_strategy(), real=st.booleans())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, real: bool) -> None:
        # Half the cases aim at the real plan and goal, so reads find rows and
        # writes reach the services; the rest use the generated (unknown) ids.
        if real and case.path_parameters:
            for name in case.path_parameters.keys() & real_ids.keys():
                case.path_parameters[name] = real_ids[name]
        response = case.call(headers=headers)
        case.validate_response(
            response,
            checks=[not_a_server_error, response_schema_conformance],
            headers=headers,
        )

    with connections_kept_open():
        run()


def test_schemathesis_finds_no_server_errors_or_schema_violations(plan_cast: Cast) -> None:
    token = token_for(plan_cast.wijkteam_user)
    real_goal = str(Goal.objects.filter(plan=plan_cast.plan).values_list("public_id", flat=True)[0])
    real_ids = {"plan_id": str(plan_cast.plan.public_id), "goal_id": real_goal}
    headers = {"Authorization": f"Bearer {token}"}
    operations = _operations(headers)
    assert len(operations) == 10
    for operation in operations:
        _fuzz(operation, headers, real_ids)


def test_schemathesis_on_the_figures_of_the_municipality(
    db: None,
    facts: list[PlanFacts],  # noqa: F811
) -> None:
    """Issue 15: with figures to show and filters to refuse, every answer is in the schema."""
    municipality = make_organisation("Gemeente Voorbeeld", "municipality")
    officer = make_user("beleid", "Bea", "Beleid", organisation=municipality)
    officer.is_municipality_officer = True
    officer.save()
    headers = {"Authorization": f"Bearer {token_for(officer)}"}
    [figures] = [op for op in _operations(headers) if op.path == "/api/v1/figures/"]
    _fuzz(figures, headers, {})
