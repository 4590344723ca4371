"""The exports in the authorization matrix (A1, A3, A3b, A4, A7). `CLASSIFIED` tells
tests/access/test_authorization_matrix.py that these views are walked here, for every
person of its world, against the written-out table EXPECTED."""

from django.urls import reverse

from tests.access.test_authorization_matrix import (
    MISSING_PLAN,
    OUTSIDE,
    Table,
    World,
    _client,
    _refused_without_content,
    assert_statuses,
    status_table,
)

# The printable plans (the family's and the youth's, A4) for everyone in the plan, each
# holding what that person sees (A3, A3b); FHIR for the family and the plan's
# professionals, not the network (A3); the full data export (AVG inzage) for the family
# only, youths included; outsiders get the 404 of a missing plan (A1, A7), anonymous
# visitors the login.
EXPECTED = status_table(
    """
export                par y12 y13 y16 nw- nw+ ref car bsc sch gp  end pnd oth cpw adm prv ano
plan-export-data      200 200 200 200 403 403 403 403 403 403 403 404 404 404 404 404 404 302
plan-export-fhir      200 200 200 200 403 403 200 200 200 200 200 404 404 404 404 404 404 302
plan-export-pdf       200 200 200 200 200 200 200 200 200 200 200 404 404 404 404 404 404 302
plan-export-pdf-youth 200 200 200 200 200 200 200 200 200 200 200 404 404 404 404 404 404 302
"""
)
CLASSIFIED = set(EXPECTED)


def check_every_export_for_every_role(world: World) -> None:
    plan_id = world.cast.plan.public_id
    seen: Table = {}
    for person in world.people:
        client = _client(person)
        for name in EXPECTED:
            response = client.get(reverse(name, args=[plan_id]))
            seen.setdefault(name, {})[person.name] = response.status_code
            if response.status_code in (403, 404):
                _refused_without_content(response.content)
            if person.kind == OUTSIDE:
                missing = client.get(reverse(name, args=[MISSING_PLAN]))
                assert missing.status_code == 404
                assert missing.content == response.content, (person.name, name)
    assert_statuses(EXPECTED, seen)
