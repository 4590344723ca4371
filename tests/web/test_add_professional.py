"""Issue 12, R16, A1: the team adds a professional by naming them exactly (e-mail address,
or organisation and full name), never by picking from a list of every professional; the
family still lets them in, and the lookup gives one answer for everyone it does not find,
so nobody can use it to find out who has an account."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import strategies as st

from regie.access import policy
from regie.access.policy import NotAllowed
from regie.accounts.models import User
from regie.core.errors import RuleViolation
from regie.plans.models import Participant, Role, Step
from regie.plans.services.team import find_professional
from tests.accounts.helpers import client_for
from tests.personas import Cast, make_user
from tests.web.test_fuzz_forms import assert_fine, examples_of, nasty_text

pytestmark = pytest.mark.django_db

NOT_FOUND = "Geen hulpverlener gevonden met dit e-mailadres / deze naam bij deze organisatie."


def _step_1(cast: Cast) -> str:
    return reverse("plan-step", args=[cast.plan.public_id, Step.INTRODUCTION])


def _add(client: Client, cast: Cast, **fields: Any) -> Any:
    data = {"role": Role.CARE_PROFESSIONAL, "task": "gezinscoach", **fields}
    url = reverse("plan-action", args=[cast.plan.public_id, "add-professional"])
    return client.post(url, data)


def _joined(cast: Cast, user: User) -> Participant | None:
    return cast.plan.participants.filter(user=user).first()


def test_issue12_a1_parent_step_1_names_no_professional_outside_the_plan(cast: Cast) -> None:
    """The old form listed every active professional of every organisation."""
    make_user("els", "Els", "Elders", organisation=cast.other_org)
    for user in (cast.parent_user, cast.wijkteam_user):
        page = client_for(user).get(_step_1(cast)).content.decode()
        for name in ("Olaf Smit", "Els Elders", "Ingrid de Boer"):
            assert name not in page, (user.username, name)
        # Organisations are public: the lookup offers them.
        assert "Zorggroep Elders" in page


def test_issue12_r16_parent_adds_a_professional_by_exact_email_any_case(cast: Cast) -> None:
    response = _add(client_for(cast.parent_user), cast, email="  OLAF@Example.ORG ")
    assert response.status_code == 302
    joined = _joined(cast, cast.outsider)
    assert joined is not None and joined.organisation == cast.other_org
    # A parent naming them is the family's approval (R16).
    assert joined.approved_by == cast.parent
    policy.plan_for(cast.outsider, cast.plan.public_id)


def test_issue12_r16_coordinator_finds_by_organisation_and_name_and_family_still_approves(
    cast: Cast,
) -> None:
    response = _add(
        client_for(cast.wijkteam_user),
        cast,
        organisation=str(cast.other_org.public_id),
        name="  olaf   SMIT ",
    )
    assert response.status_code == 302
    joined = _joined(cast, cast.outsider)
    assert joined is not None and joined.approved_at is None
    page = client_for(cast.parent_user).get(_step_1(cast)).content.decode()
    assert "Olaf Smit" in page and "wacht op toestemming" in page


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"email": "olaf@example.or"}, id="partial e-mail"),
        pytest.param({"email": "laf@example.org"}, id="e-mail suffix"),
        pytest.param({"email": "olaf@example.org", "organisation": "wijkteam"}, id="e-mail, org"),
        pytest.param({"organisation": "other", "name": "Olaf"}, id="first name only"),
        pytest.param({"organisation": "other", "name": "Smit"}, id="last name only"),
        pytest.param({"organisation": "other", "name": "Olaf Smi"}, id="partial name"),
        pytest.param({"organisation": "wijkteam", "name": "Olaf Smit"}, id="other organisation"),
    ],
)
def test_issue12_a1_partial_or_elsewhere_finds_nobody_and_keeps_the_input(
    cast: Cast, fields: dict[str, str]
) -> None:
    orgs = {"other": cast.other_org, "wijkteam": cast.wijkteam_org}
    if "organisation" in fields:
        fields = {**fields, "organisation": str(orgs[fields["organisation"]].public_id)}
    response = _add(client_for(cast.parent_user), cast, **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert NOT_FOUND in page
    # Nothing about who was looked for but the input itself, which comes back.
    assert page.count("Olaf Smit") == list(fields.values()).count("Olaf Smit")
    for name, value in fields.items():
        kept = f'value="{value}" selected' if name == "organisation" else f'value="{value}"'
        assert kept in page, name
    assert _joined(cast, cast.outsider) is None


def test_issue12_a1_lookup_never_tells_whether_an_email_has_a_non_professional_account(
    cast: Cast,
) -> None:
    """The grandmother's account, an inactive professional and an unknown address get
    the same answer, word for word."""
    gone = make_user("weg", "Wim", "Weg", organisation=cast.other_org)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    client = client_for(cast.parent_user)
    errors = set()
    for email in ("ria@example.org", "weg@example.org", "niemand@example.org"):
        response = _add(client, cast, email=email)
        assert response.status_code == 400, email
        page = response.content.decode()
        assert NOT_FOUND in page, email
        start = page.index(NOT_FOUND)
        errors.add(page[start : page.index("<", start)])
    assert len(errors) == 1
    by_name = _add(client, cast, organisation=str(cast.other_org.public_id), name="Wim Weg")
    assert by_name.status_code == 400 and NOT_FOUND in by_name.content.decode()


def test_issue12_two_people_with_one_name_are_asked_for_the_email(cast: Cast) -> None:
    make_user("olaf2", "Olaf", "Smit", organisation=cast.other_org)
    client = client_for(cast.wijkteam_user)
    twins = _add(client, cast, organisation=str(cast.other_org.public_id), name="Olaf Smit")
    assert twins.status_code == 400
    assert "Vul het e-mailadres van de hulpverlener in." in twins.content.decode()
    assert _add(client, cast, email="olaf2@example.org").status_code == 302


def test_issue12_neither_email_nor_name_asks_for_one(cast: Cast) -> None:
    response = _add(client_for(cast.parent_user), cast, organisation="", name="Olaf Smit")
    assert response.status_code == 400
    assert "of kies de organisatie en vul de volledige naam in" in response.content.decode()


def test_issue12_a3_only_who_manages_the_team_may_look_up(cast: Cast) -> None:
    """The network and a care provider cannot use the lookup to test addresses."""
    for actor in (cast.grandmother, cast.care_provider):
        with pytest.raises(NotAllowed):
            find_professional(actor=actor, plan=cast.plan, email="olaf@example.org")
    with pytest.raises(RuleViolation):
        find_professional(actor=cast.parent, plan=cast.plan, email="ria@example.org")
    assert find_professional(actor=cast.parent, plan=cast.plan, email="olaf@example.org") == (
        cast.outsider
    )


def test_issue12_lookup_answers_any_input_without_a_500(cast: Cast) -> None:
    """The shared fuzzer's sensible e-mail is no address, so the name lookup gets its own
    nasty values here: long, control, bidi and NUL characters reach the service."""
    client = client_for(cast.parent_user)
    client.raise_request_exception = False
    organisation = str(cast.other_org.public_id)
    lookups = st.one_of(
        st.builds(lambda name: {"organisation": organisation, "name": name}, nasty_text),
        st.builds(lambda email: {"email": email}, nasty_text),
        st.builds(lambda org: {"organisation": org, "name": "Olaf Smit"}, nasty_text),
    )

    def post(fields: dict[str, str]) -> None:
        assert_fine(_add(client, cast, **fields), fields)

    assert examples_of(lookups, post, examples=25) == 25


def test_issue12_one_email_on_two_accounts_asks_for_the_organisation(cast: Cast) -> None:
    """E-mail addresses are not unique in Django: the organisation tells them apart."""
    twin = make_user("olaf-elders", "Olaf", "Smit", organisation=cast.wijkteam_org)
    twin.email = "OLAF@example.org"
    twin.save(update_fields=["email"])
    with pytest.raises(RuleViolation, match="Kies ook de organisatie"):
        find_professional(actor=cast.parent, plan=cast.plan, email="olaf@example.org")
    found = find_professional(
        actor=cast.parent, plan=cast.plan, email="olaf@example.org", organisation=cast.wijkteam_org
    )
    assert found == twin
