"""Refused attempts on plans (A1, A5, issue 11). The family sees that someone outside the
plan was refused, when, and their organisation, never who or from which address; the
privacy officer sees everything. A plan id that does not exist is refused with the same
work as someone else's plan, so nothing tells which ids exist. Too many refusals in a
short time get 429, and then nothing more lands in a family's log."""

import csv
import datetime
import io
import json
import re
import uuid
import zipfile
from typing import TYPE_CHECKING

import pytest
import time_machine
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from regie.access import policy
from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.plans.models import Step
from tests.access.helpers import log_in
from tests.api.helpers import Api, token_for
from tests.personas import Cast, make_user

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

OUTSIDER_IP = "203.0.113.7"
OTHER_PARENT_IP = "203.0.113.8"
PROFESSIONAL_IP = "198.51.100.9"
MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")
LIMIT = 3


def _as(user: User, address: str = "127.0.0.1") -> Client:
    return log_in(Client(REMOTE_ADDR=address), user)


def _plan(cast: Cast, plan_id: uuid.UUID | None = None) -> str:
    return reverse("plan", args=[plan_id or cast.plan.public_id])


def _other_familys_parent() -> User:
    return make_user("anouk", "Anouk", "Anders")


def _family_rows(cast: Cast) -> int:
    return AccessLogEntry.objects.filter(plan_id=cast.plan.public_id).count()


def _who_looked(cast: Cast) -> "Response":
    return _as(cast.parent_user).get(reverse("plan-access-log", args=[cast.plan.public_id]))


# ---- What the family sees ---------------------------------------------------------------


def test_a5_family_sees_an_outsiders_refusal_without_name_or_address(cast: Cast) -> None:
    """A5: another family's parent and a professional of another organisation are
    refused; the family sees that and when, the organisation of the professional, and
    neither name nor any address, user id or the professional's address in the plan."""
    assert _as(cast.outsider, OUTSIDER_IP).get(_plan(cast)).status_code == 404
    assert _as(_other_familys_parent(), OTHER_PARENT_IP).get(_plan(cast)).status_code == 404
    assert _as(cast.care_provider_user, PROFESSIONAL_IP).get(_plan(cast)).status_code == 200
    response = _who_looked(cast)
    page = response.content.decode()
    for hidden in ("Olaf Smit", "Anouk Anders", OUTSIDER_IP, OTHER_PARENT_IP, PROFESSIONAL_IP):
        assert hidden not in page
    assert page.count("Iemand buiten het plan") == 2
    assert "Zorggroep Elders" in page  # the professional's organisation, to ask why
    assert "Joost Bakker" in page  # someone in the plan is named
    assert all(not hasattr(line, "user_id") for line in response.context["lines"])


def test_a5_a_member_refused_a_part_is_named_for_the_family(cast: Cast) -> None:
    """A3, A5: the grandmother is in the plan and known to the family; her refusal shows
    her name, as before."""
    step = reverse("plan-step", args=[cast.plan.public_id, Step.ANALYSIS])
    assert _as(cast.grandmother_user).get(step).status_code == 403
    row = AccessLogEntry.objects.order_by("-id").first()
    assert row is not None and row.event == Event.PLAN_ACCESS_REFUSED.code
    page = _who_looked(cast).content.decode()
    assert "Ria Jansen" in page and "geweigerd" in page
    assert "Iemand buiten het plan" not in page


def test_a5_privacy_officer_still_sees_the_outsiders_name_address_and_id(cast: Cast) -> None:
    """A5 (NEN 7513): the privacy officer's search and CSV export keep everything."""
    _as(cast.outsider, OUTSIDER_IP).get(_plan(cast))
    officer = _as(cast.privacy_officer)
    search = {"gezin": str(cast.plan.public_id)}
    page = officer.get(reverse("privacy-log"), search).content.decode()
    assert "Olaf Smit" in page and f"({cast.outsider.pk})" in page
    export = officer.get(reverse("privacy-log-export"), search)
    body = b"".join(export.streaming_content).decode()  # type: ignore[attr-defined]
    header, *lines = list(csv.reader(io.StringIO(body)))
    refused = [dict(zip(header, line, strict=True)) for line in lines]
    refused = [line for line in refused if line["gebeurtenis"] == Event.OUTSIDER_REFUSED.code]
    assert [(line["wie"], line["gebruiker_id"], line["ip_adres"]) for line in refused] == [
        ("Olaf Smit", str(cast.outsider.pk), OUTSIDER_IP)
    ]


def test_a5_family_data_export_holds_no_addresses_user_ids_or_outsiders_name(
    cast: Cast,
) -> None:
    """A5: data.json and access-log.csv in the family's download carry no address and no
    user id of anyone, and not the outsider's name."""
    _as(cast.outsider, OUTSIDER_IP).get(_plan(cast))
    _as(cast.care_provider_user, PROFESSIONAL_IP).get(_plan(cast))
    response = _as(cast.parent_user, "192.0.2.44").get(
        reverse("plan-export-data", args=[cast.plan.public_id])
    )
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data, log_csv = archive.read("data.json").decode(), archive.read("access-log.csv").decode()
    for text in (data, log_csv):
        for hidden in (OUTSIDER_IP, PROFESSIONAL_IP, "192.0.2.44", "Olaf Smit"):
            assert hidden not in text
        for column in ("ip_address", "ip_adres", "user_id", "gebruiker_id"):
            assert column not in text
    assert "Iemand buiten het plan" in log_csv and "Zorggroep Elders" in log_csv
    assert json.loads(data)["my_access_log"]


# ---- The same work for a missing plan ---------------------------------------------------


def test_a1_a_missing_plan_id_writes_the_same_kind_of_refused_row(cast: Cast) -> None:
    """A1, A5: asking a plan id that does not exist writes the same refused row as asking
    someone else's plan, without a plan but with the id asked, for the privacy officer."""
    client = _as(cast.outsider, OUTSIDER_IP)
    assert client.get(_plan(cast)).status_code == 404
    real = AccessLogEntry.objects.order_by("-id")[0]
    assert client.get(_plan(cast, MISSING)).status_code == 404
    missing = AccessLogEntry.objects.order_by("-id")[0]
    same = ("event", "action", "outcome", "user_id", "user_label", "organisation", "ip_address")
    assert [getattr(real, name) for name in same] == [getattr(missing, name) for name in same]
    assert (real.event, real.outcome) == (Event.OUTSIDER_REFUSED.code, "refused")
    assert (real.plan_id, real.family_id) == (cast.plan.public_id, cast.family.public_id)
    assert (missing.plan_id, missing.family_id) == (None, None)
    assert str(MISSING) in missing.part


def test_a1_refusing_a_missing_plan_runs_the_same_queries(cast: Cast) -> None:
    """A1: the policy does the same database work for someone else's plan and for an id
    that does not exist (the benchmark_refusals command measures the time)."""
    captured = []
    for plan_id in (cast.plan.public_id, MISSING):
        outsider = User.objects.get(pk=cast.outsider.pk)  # nothing cached from before
        with CaptureQueriesContext(connection) as queries, pytest.raises(Http404):
            policy.plan_for(outsider, plan_id, ip_address=OUTSIDER_IP)
        captured.append([_shape(query["sql"]) for query in queries])
    assert captured[0] == captured[1]
    assert any(shape.startswith("INSERT") for shape in captured[1])  # the refused row


def _shape(sql: str) -> str:
    """A query without its values: what it does to which tables."""
    sql = re.sub(r'"s\d+_x\d+"', "SAVEPOINT", sql)
    return sql.split(" WHERE ")[0].split(" VALUES ")[0]


# ---- The throttle ----------------------------------------------------------------------


def test_a5_too_many_refusals_get_429_on_the_web_and_no_more_family_rows(
    cast: Cast, settings: Settings
) -> None:
    """A5: after REGIE_REFUSALS_PER_WINDOW refusals (someone else's plan and missing ids
    alike) every further attempt gets the Dutch 429 page, also for downloads, htmx and the
    family's log; the family's log gets nothing more, and one row of no plan says the
    throttle started. Others are not affected; after the window it counts again."""
    settings.REGIE_REFUSALS_PER_WINDOW = LIMIT
    client = _as(cast.outsider, OUTSIDER_IP)
    for plan_id in (cast.plan.public_id, MISSING, cast.plan.public_id):
        assert client.get(_plan(cast, plan_id)).status_code == 404
    family_rows = _family_rows(cast)
    throttled = client.get(_plan(cast))
    assert throttled.status_code == 429
    assert "Even wachten" in throttled.content.decode()
    assert throttled["Retry-After"] == str(settings.REGIE_REFUSALS_WINDOW_MINUTES * 60)
    plan_id = cast.plan.public_id
    for response in (
        client.get(_plan(cast, MISSING)),
        client.get(reverse("plan-step", args=[plan_id, Step.ANALYSIS])),
        client.get(reverse("plan-export-pdf", args=[plan_id])),
        client.get(reverse("plan-export-data", args=[plan_id])),
        client.get(reverse("plan-access-log", args=[plan_id])),
        client.post(reverse("plan-action", args=[plan_id, "entry"]), {}, HTTP_HX_REQUEST="true"),
    ):
        assert response.status_code == 429
    assert _family_rows(cast) == family_rows
    marks = AccessLogEntry.objects.filter(event=Event.REFUSALS_THROTTLED.code)
    assert [(row.user_id, row.plan_id, row.ip_address) for row in marks] == [
        (cast.outsider.pk, None, OUTSIDER_IP)
    ]
    later = timezone.now() + datetime.timedelta(minutes=settings.REGIE_REFUSALS_WINDOW_MINUTES)
    with time_machine.travel(later + datetime.timedelta(seconds=1)):
        assert client.get(_plan(cast)).status_code == 404
    assert _family_rows(cast) == family_rows + 1
    assert _as(cast.parent_user).get(_plan(cast)).status_code == 200


def test_a5_too_many_refusals_get_429_in_the_api_and_no_more_family_rows(
    cast: Cast, settings: Settings
) -> None:
    """A5: the same throttle for an API client, answered as problem details."""
    settings.REGIE_REFUSALS_PER_WINDOW = LIMIT
    api = Api(token_for(cast.outsider))
    for plan_id in (cast.plan.public_id, MISSING, cast.plan.public_id):
        assert api.get(reverse("api-plan-detail", args=[plan_id])).status_code == 404
    family_rows = _family_rows(cast)
    for name in ("api-plan-detail", "api-goal-list", "api-entry-create"):
        url = reverse(name, args=[cast.plan.public_id])
        response = api.post(url, {}) if name == "api-entry-create" else api.get(url)
        assert response.status_code == 429
        assert response["Content-Type"] == "application/problem+json"
        assert response["Retry-After"] == str(settings.REGIE_REFUSALS_WINDOW_MINUTES * 60)
        body = response.json()
        assert (body["status"], body["title"]) == (429, "Te veel verzoeken")
    assert _family_rows(cast) == family_rows
    assert AccessLogEntry.objects.filter(event=Event.REFUSALS_THROTTLED.code).count() == 1


def test_a5_a_member_refused_parts_too_often_gets_429(cast: Cast, settings: Settings) -> None:
    """A3, A5: someone in the plan refused a part again and again is throttled too, before
    their refusals fill the family's log."""
    settings.REGIE_REFUSALS_PER_WINDOW = LIMIT
    client = _as(cast.grandmother_user)
    step = reverse("plan-step", args=[cast.plan.public_id, Step.ANALYSIS])
    assert [client.get(step).status_code for _ in range(LIMIT)] == [403] * LIMIT
    family_rows = _family_rows(cast)
    assert [client.get(step).status_code for _ in range(LIMIT)] == [429] * LIMIT
    assert _family_rows(cast) == family_rows
    assert client.get(_plan(cast)).status_code == 200  # what she may see, she still sees
