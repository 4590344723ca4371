"""The privacy officer's workspace (issue 14): they land on the log search, find a family
by its name and a period, read outcomes in words, page through, and get a 400 for a bad
date. Names of families and log rows only, never what is in a plan (A1, A3b, A5)."""

import pytest
from django.test import Client
from django.urls import reverse

from regie.access import policy
from regie.access.events import Event
from regie.access.log import record
from regie.access.models import AccessLogEntry
from regie.plans.models import EntryKind
from regie.plans.services import plans
from regie.plans.services.entries import write_entry
from tests.access.helpers import log_in
from tests.personas import Cast

pytestmark = pytest.mark.django_db

SEARCH = reverse("privacy-log")


def _privacy(cast: Cast) -> Client:
    return log_in(Client(), cast.privacy_officer)


def _joost_reads(cast: Cast) -> None:
    record(
        Event.PLAN_VIEWED,
        actor=policy.actor_of(cast.care_provider),
        family_id=cast.family.public_id,
        plan_id=cast.plan.public_id,
    )


def test_privacy_officer_lands_on_the_log_search(cast: Cast) -> None:
    response = _privacy(cast).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == SEARCH


def test_privacy_officer_finds_a_family_by_part_of_its_name(cast: Cast) -> None:
    _joost_reads(cast)
    response = _privacy(cast).get(SEARCH, {"gezin": "jans"})
    assert response.status_code == 200
    lines = response.context["lines"]
    assert lines and {line.family_id for line in lines} == {cast.family.public_id}
    page = response.content.decode()
    assert "Joost Bakker" in page and "Gezin Jansen" in page
    row = AccessLogEntry.objects.order_by("-id").first()
    assert row is not None and row.event == Event.LOG_SEARCHED.code
    assert row.family_id == cast.family.public_id


def test_privacy_officer_picks_when_more_families_have_the_name(cast: Cast) -> None:
    other = plans.open_plan(by=cast.wijkteam_user, family_name="Gezin Jansen-Bakker")
    response = _privacy(cast).get(SEARCH, {"gezin": "jansen", "van": "2020-01-01"})
    assert response.status_code == 200 and not response.context["searched"]
    page = response.content.decode()
    assert "Welk gezin bedoelt u?" in page
    assert f"gezin={other.family.public_id}" in page and f"gezin={cast.family.public_id}" in page
    assert "van=2020-01-01" in page  # picking keeps the period
    row = AccessLogEntry.objects.order_by("-id").first()
    assert row is not None and row.event == Event.LOG_SEARCHED.code
    assert "jansen" not in row.part.lower() and row.family_id is None


def test_privacy_officer_gets_a_400_for_a_name_nobody_has_and_for_bad_dates(cast: Cast) -> None:
    client = _privacy(cast)
    nobody = client.get(SEARCH, {"gezin": "Pietersen"})
    assert nobody.status_code == 400
    assert "Er is geen gezin met deze naam." in nobody.content.decode()
    assert 'value="Pietersen"' in nobody.content.decode()  # what was typed stays
    for bad in ({"van": "gisteren"}, {"van": "2025-03-02", "tot": "2025-03-01"}):
        assert client.get(SEARCH, bad).status_code == 400


def test_privacy_officer_reads_outcomes_in_words(cast: Cast) -> None:
    _joost_reads(cast)
    log_in(Client(), cast.outsider).get(reverse("plan", args=[cast.plan.public_id]))
    response = _privacy(cast).get(SEARCH, {"gezin": str(cast.plan.public_id)})
    page = response.content.decode()
    assert "toegestaan" in page and "geweigerd" in page
    assert ">success<" not in page and ">refused<" not in page


def test_a3b_privacy_officer_sees_no_case_content_when_searching_by_name(cast: Cast) -> None:
    """A1, A3b: the family's name and the log, never what is written in the plan."""
    secret = "Noa vertelde dat ze bang is voor haar oom."
    write_entry(actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body=secret)
    page = _privacy(cast).get(SEARCH, {"gezin": "jansen"}).content.decode()
    assert "Gezin Jansen" in page and secret not in page
