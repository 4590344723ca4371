"""A5 reading the log: the family's "Wie heeft ons plan bekeken?" (Wabvpz art. 15e) and
the privacy officer's search and CSV export (NEN 7513). Reading the log is logged too."""

import csv
import datetime
import io
import uuid
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regie.access import policy
from regie.access.events import Event, EventKind
from regie.access.log import Actor, record
from regie.access.models import AccessLogEntry
from regie.accounts.models import Organisation, OrganisationKind, User
from regie.families.models import Family
from regie.plans.models import EntryKind, Participant, Plan, Role
from regie.plans.services import plans
from regie.plans.services.entries import write_entry
from tests.access.helpers import log_in, write_rows
from tests.personas import Cast, last_log_id

pytestmark = pytest.mark.django_db

SECRET = "Noa vertelde dat ze bang is voor haar oom."


def _who_looked(cast: Cast) -> str:
    return reverse("plan-access-log", args=[cast.plan.public_id])


def _professional_reads(cast: Cast) -> AccessLogEntry:
    """Joost, the care provider, opens the plan (as the plan page logs it)."""
    return record(
        Event.PLAN_VIEWED,
        actor=policy.actor_of(cast.care_provider, "192.0.2.7"),
        family_id=cast.family.public_id,
        plan_id=cast.plan.public_id,
        obj=cast.plan,
    )


def _rows_since(before: int, *kinds: EventKind) -> list[AccessLogEntry]:
    events = [kind.code for kind in kinds]
    return list(AccessLogEntry.objects.filter(id__gt=before, event__in=events))


def _last_row() -> AccessLogEntry:
    row = AccessLogEntry.objects.order_by("-id").first()
    assert row is not None
    return row


# ---- The family ------------------------------------------------------------------------


def test_a5_family_sees_a_professionals_read_on_who_looked(cast: Cast, client: Client) -> None:
    _professional_reads(cast)
    client.force_login(cast.parent_user)
    response = client.get(_who_looked(cast))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wie heeft ons plan bekeken?" in page
    row = page[page.index("Joost Bakker") :]
    assert "jeugdhulpverlener" in row[:400]
    assert "Jeugdhulp Horizon" in row[:400]
    assert "bekeek 1 pagina" in row[:400]


def test_a5_reading_who_looked_writes_its_own_row(cast: Cast, client: Client) -> None:
    client.force_login(cast.parent_user)
    before = AccessLogEntry.objects.count()
    client.get(_who_looked(cast))  # force_login's own login row is already written
    assert AccessLogEntry.objects.count() == before + 1
    row = _last_row()
    assert row.event == Event.LOG_VIEWED.code and row.action == "read"
    assert (row.user_id, row.role) == (cast.parent_user.pk, "parent")
    assert (row.plan_id, row.family_id) == (cast.plan.public_id, cast.family.public_id)


def test_a5_youth_of_13_may_see_who_looked(cast: Cast, client: Client) -> None:
    client.force_login(cast.youth13_user)
    assert client.get(_who_looked(cast)).status_code == 200


def test_a5_shared_with_gets_403_on_who_looked(cast: Cast, client: Client) -> None:
    _professional_reads(cast)
    client.force_login(cast.grandmother_user)
    before = last_log_id()
    response = client.get(_who_looked(cast))
    assert response.status_code == 403
    assert "Joost Bakker" not in response.content.decode()
    assert not _rows_since(before, Event.LOG_VIEWED)  # the log was not read


def test_a5_professional_in_the_plan_gets_403_on_who_looked(cast: Cast) -> None:
    response = log_in(Client(), cast.care_provider_user).get(_who_looked(cast))
    assert response.status_code == 403


def test_a5_outsider_gets_the_same_404_as_for_a_missing_plan(cast: Cast) -> None:
    client = log_in(Client(), cast.outsider)
    response = client.get(_who_looked(cast))
    missing = client.get(reverse("plan-access-log", args=[uuid.uuid4()]))
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content


def test_a5_anonymous_visitor_is_sent_to_login_for_who_looked(cast: Cast) -> None:
    response = Client().get(_who_looked(cast))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a5_who_looked_shows_only_this_plans_rows(cast: Cast, client: Client) -> None:
    other = build_cast_elsewhere()
    record(
        Event.PLAN_VIEWED,
        actor=policy.actor_of(other.care_provider),
        family_id=other.family.public_id,
        plan_id=other.plan.public_id,
    )
    write_rows(1, label="Zonder plan")
    client.force_login(cast.parent_user)
    page = client.get(_who_looked(cast)).content.decode()
    assert "Andere Hulpverlener" not in page and "Zonder plan" not in page


@dataclass(frozen=True)
class OtherFamily:
    plan: Plan
    family: Family
    care_provider: Participant


def build_cast_elsewhere() -> OtherFamily:
    """A second family with its own plan, opened by its own care provider."""
    org = Organisation.objects.create(name="Elders Zorg", kind=OrganisationKind.CARE_PROVIDER)
    opener = User.objects.create(
        username="andere", first_name="Andere", last_name="Hulpverlener", organisation=org
    )
    opened = plans.open_plan(by=opener, role=Role.CARE_PROFESSIONAL, family_name="Gezin Elders")
    plan = Plan.objects.select_related("family").get(pk=opened.pk)
    assert plan.coordinator is not None
    return OtherFamily(plan=plan, family=plan.family, care_provider=plan.coordinator)


def test_a5_who_looked_filters_by_period(cast: Cast, client: Client) -> None:
    _professional_reads(cast)
    client.force_login(cast.parent_user)
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=400)
    past = client.get(_who_looked(cast), {"van": long_ago.isoformat(), "tot": long_ago.isoformat()})
    assert past.status_code == 200
    assert "Joost Bakker" not in past.content.decode()
    assert "niemand het plan bekeken" in past.content.decode()
    now = client.get(_who_looked(cast), {"van": today.isoformat(), "tot": today.isoformat()})
    assert "Joost Bakker" in now.content.decode()


def test_a5_who_looked_explains_a_wrong_period_in_dutch(cast: Cast, client: Client) -> None:
    client.force_login(cast.parent_user)
    bad = client.get(_who_looked(cast), {"van": "gisteren"})
    assert bad.status_code == 400
    assert "Vul een geldige datum in" in bad.content.decode()
    backwards = client.get(_who_looked(cast), {"van": "2025-03-02", "tot": "2025-03-01"})
    assert "De einddatum ligt vóór de begindatum." in backwards.content.decode()


def test_a5_who_looked_shows_20_people_days_per_page(cast: Cast, client: Client) -> None:
    """Issue 14: a line is one person on one day; the lines are paged by 20."""
    for n in range(25):
        actor = Actor(user_id=10_000 + n, label=f"Persoon {n}", role="school", organisation="X")
        record(
            Event.PLAN_VIEWED,
            actor=actor,
            family_id=cast.family.public_id,
            plan_id=cast.plan.public_id,
        )
    client.force_login(cast.parent_user)
    first = client.get(_who_looked(cast))
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(first.context["lines"]) == 20
    assert "pagina=2" in first.content.decode()
    last = client.get(_who_looked(cast), {"pagina": 2})
    assert len(last.context["lines"]) == first.context["page_obj"].paginator.count - 20


def test_a5_who_looked_groups_a_persons_day_into_one_line(cast: Cast, client: Client) -> None:
    """Issue 14: five page reads and a pdf of one person on one day are one line, with
    the first and last time."""
    for _ in range(5):
        _professional_reads(cast)
    record(
        Event.PLAN_PRINTED,
        actor=policy.actor_of(cast.care_provider),
        family_id=cast.family.public_id,
        plan_id=cast.plan.public_id,
    )
    client.force_login(cast.parent_user)
    response = client.get(_who_looked(cast))
    (line,) = [line for line in response.context["lines"] if line.who == "Joost Bakker"]
    assert line.what == "bekeek 5 pagina's, downloadde de pdf"
    assert line.role == "jeugdhulpverlener" and line.organisation == "Jeugdhulp Horizon"
    assert line.first <= line.last
    assert "bekeek 5 pagina&#x27;s, downloadde de pdf" in response.content.decode()


def test_a5_who_looked_hides_the_familys_own_visits_unless_asked(
    cast: Cast, client: Client
) -> None:
    """Issue 14: the parent's own reads drown out the others; hidden by default, one link
    shows them. Their changes stay."""
    client.force_login(cast.parent_user)
    for _ in range(3):
        client.get(reverse("plan", args=[cast.plan.public_id]))
    hidden = client.get(_who_looked(cast))
    (own,) = [line for line in hidden.context["lines"] if line.who == "Sanne Jansen"]
    assert "bekeek" not in own.what and "veranderde" in own.what  # her changes stay
    assert "Ook onze eigen bezoeken tonen" in hidden.content.decode()
    shown = client.get(_who_looked(cast), {"eigen": "on"})
    (own,) = [line for line in shown.context["lines"] if line.who == "Sanne Jansen"]
    assert own.what.startswith("bekeek ")
    assert "Onze eigen bezoeken verbergen" in shown.content.decode()


def test_who_looked_groups_in_the_database(cast: Cast, client: Client) -> None:
    """Issue 14: a plan with many rows reads one page of groups in the same queries."""
    client.force_login(cast.parent_user)
    client.get(_who_looked(cast))
    for _ in range(40):
        _professional_reads(cast)
    with CaptureQueriesContext(connection) as few:
        client.get(_who_looked(cast))
    for _ in range(200):
        _professional_reads(cast)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_who_looked(cast))
    assert len(many) == len(few)
    assert "bekeek 240 pagina" in response.content.decode()


# ---- The privacy officer ---------------------------------------------------------------


def _privacy(cast: Cast) -> Client:
    return log_in(Client(), cast.privacy_officer)


def test_a5_privacy_officer_searches_by_plan_and_the_search_is_logged(cast: Cast) -> None:
    _professional_reads(cast)
    client = _privacy(cast)
    before = AccessLogEntry.objects.count()
    response = client.get(reverse("privacy-log"), {"gezin": str(cast.plan.public_id)})
    assert response.status_code == 200
    assert "Joost Bakker" in response.content.decode()
    assert AccessLogEntry.objects.count() == before + 1
    row = _last_row()
    assert row.event == Event.LOG_SEARCHED.code and row.action == "search"
    assert (row.user_id, row.role) == (cast.privacy_officer.pk, "privacy_officer")
    assert (row.plan_id, row.family_id) == (cast.plan.public_id, cast.family.public_id)


def test_a5_privacy_officers_search_shows_on_the_familys_who_looked(
    cast: Cast, client: Client
) -> None:
    _privacy(cast).get(reverse("privacy-log"), {"gezin": str(cast.family.public_id)})
    client.force_login(cast.parent_user)
    page = client.get(_who_looked(cast)).content.decode()
    assert "doorzocht het toegangslog" not in page  # a family search names no plan
    _privacy(cast).get(reverse("privacy-log"), {"gezin": str(cast.plan.public_id)})
    page = client.get(_who_looked(cast)).content.decode()
    assert "Pim Privacy" in page and "doorzocht het toegangslog" in page


def test_a5_privacy_officer_searches_by_user_and_period(cast: Cast) -> None:
    _professional_reads(cast)
    client = _privacy(cast)
    by_name = client.get(reverse("privacy-log"), {"gebruiker": "joost"})
    lines = by_name.context["lines"]
    assert lines and {line.user_id for line in lines} == {cast.care_provider_user.pk}
    by_id = client.get(reverse("privacy-log"), {"gebruiker": str(cast.care_provider_user.pk)})
    assert [line.id for line in by_id.context["lines"]] == [line.id for line in lines]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    old = client.get(reverse("privacy-log"), {"gebruiker": "joost", "tot": yesterday.isoformat()})
    assert old.context["lines"] == []
    unknown = client.get(reverse("privacy-log"), {"gebruiker": "niemand"})
    assert unknown.status_code == 400
    assert "Er is geen gebruiker met deze gebruikersnaam." in unknown.content.decode()


def test_a5_privacy_officer_page_without_a_search_logs_nothing(cast: Cast) -> None:
    client = _privacy(cast)
    before = AccessLogEntry.objects.count()
    response = client.get(reverse("privacy-log"))
    assert response.status_code == 200 and not response.context["searched"]
    assert AccessLogEntry.objects.count() == before


def test_a5_privacy_officer_exports_csv_without_case_content(cast: Cast) -> None:
    write_entry(actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body=SECRET)
    _professional_reads(cast)
    client = _privacy(cast)
    before = AccessLogEntry.objects.count()
    response = client.get(reverse("privacy-log-export"), {"gezin": str(cast.plan.public_id)})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    table = list(csv.reader(io.StringIO(body)))
    assert table[0][:3] == ["id", "wanneer", "gebeurtenis"]
    assert SECRET not in body and "bang" not in body
    events = {line[2] for line in table[1:]}
    assert {Event.PLAN_VIEWED.code, Event.ENTRY_WRITTEN.code} <= events
    assert all(line[11] == str(cast.plan.public_id) for line in table[1:])
    assert AccessLogEntry.objects.count() == before + 1
    row = _last_row()
    assert row.event == Event.LOG_EXPORTED.code and row.action == "export"
    assert row.user_id == cast.privacy_officer.pk and row.plan_id == cast.plan.public_id


def test_a5_csv_export_does_not_let_a_name_run_as_a_formula(cast: Cast) -> None:
    write_rows(1, label='=HYPERLINK("http://example.org")')
    response = _privacy(cast).get(reverse("privacy-log-export"), {"gebruiker": ""})
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert "'=HYPERLINK" in body


def test_a5_privacy_search_page_shows_no_case_content(cast: Cast) -> None:
    write_entry(actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body=SECRET)
    page = _privacy(cast).get(reverse("privacy-log"), {"gezin": str(cast.plan.public_id)})
    assert SECRET not in page.content.decode()


@pytest.mark.parametrize("who", ["parent", "admin", "outsider"])
def test_a5_non_privacy_officer_gets_404_on_the_privacy_log(cast: Cast, who: str) -> None:
    user = {"parent": cast.parent_user, "admin": cast.admin, "outsider": cast.outsider}[who]
    client = log_in(Client(), user)
    before = last_log_id()
    assert (
        client.get(reverse("privacy-log"), {"gezin": str(cast.plan.public_id)}).status_code == 404
    )
    export = client.get(reverse("privacy-log-export"), {"gezin": str(cast.plan.public_id)})
    assert export.status_code == 404
    assert not _rows_since(before, Event.LOG_SEARCHED, Event.LOG_EXPORTED)
