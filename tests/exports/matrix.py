"""The exports in the authorization matrix (A1, A3, issue 6). `CLASSIFIED` tells
tests/access/test_authorization_matrix.py that these views are walked here, for every
role of its world: PDFs for everyone in the plan, FHIR for the family and professionals,
the full data export for the family only; outsiders get the 404 of a missing plan."""

from django.urls import reverse

from tests.access.test_authorization_matrix import (
    ANONYMOUS,
    FAMILY,
    MISSING_PLAN,
    NETWORK,
    NETWORK_SHARED,
    OUTSIDE,
    PROFESSIONAL,
    World,
    _client,
    _refused_without_content,
)

CLASSIFIED = {
    "plan-export-pdf",
    "plan-export-pdf-youth",
    "plan-export-fhir",
    "plan-export-data",
}

IN_PLAN = {FAMILY, NETWORK, NETWORK_SHARED, PROFESSIONAL}
ALLOWED: dict[str, set[str]] = {
    "plan-export-pdf": IN_PLAN,
    "plan-export-pdf-youth": IN_PLAN,
    "plan-export-fhir": {FAMILY, PROFESSIONAL},
    "plan-export-data": {FAMILY},
}


def expected(name: str, kind: str) -> int:
    if kind == ANONYMOUS:
        return 302
    if kind == OUTSIDE:
        return 404
    return 200 if kind in ALLOWED[name] else 403


def check_every_export_for_every_role(world: World) -> None:
    plan_id = world.cast.plan.public_id
    for person in world.people:
        client = _client(person)
        for name in sorted(CLASSIFIED):
            response = client.get(reverse(name, args=[plan_id]))
            assert response.status_code == expected(name, person.kind), (person.name, name)
            if response.status_code in (403, 404):
                _refused_without_content(response.content)
            if person.kind == OUTSIDE:
                missing = client.get(reverse(name, args=[MISSING_PLAN]))
                assert missing.status_code == 404
                assert missing.content == response.content, (person.name, name)
