"""A5: every read of a plan page writes exactly one log row, with who, in which role and
organisation, which part and from which address; a list of plans is logged as a search;
writing something down for a family member records on whose behalf."""

from django.test import Client, RequestFactory
from django.urls import reverse

from regie.access.models import AccessLogEntry
from regie.access.requests import client_ip
from regie.plans.models import Step
from regie.plans.services import entries
from tests.accounts.helpers import login_verified
from tests.personas import Cast


def _new_rows(before: int) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(pk__gt=before).order_by("pk"))


def _last() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_a5_each_plan_page_read_writes_exactly_one_row(cast: Cast) -> None:
    client = Client()
    login_verified(client, cast.care_provider_user)
    urls = [reverse("plan", args=[cast.plan.public_id])] + [
        reverse("plan-step", args=[cast.plan.public_id, step]) for step in Step.values
    ]
    for url in urls:
        before = _last()
        assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200
        (row,) = _new_rows(before)
        assert row.action == "read"
        assert row.plan_id == cast.plan.public_id
        assert row.family_id == cast.family.public_id
        assert row.user_id == cast.care_provider_user.pk
        assert row.role == "care_professional"
        assert row.organisation == "Jeugdhulp Horizon"
        assert row.ip_address == "192.0.2.7"
        if "stap" in url:
            assert row.part.startswith("stap ")


def test_a5_the_list_of_plans_is_logged_as_a_search(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.parent_user)
    before = _last()
    assert client.get(reverse("home")).status_code == 200
    (row,) = [r for r in _new_rows(before) if r.event == "plans.listed"]
    assert row.action == "search"
    assert row.user_id == cast.parent_user.pk


def test_a5_a_wish_written_down_for_a_child_says_on_whose_behalf(cast: Cast) -> None:
    before = _last()
    entries.add_wish(actor=cast.parent, plan=cast.plan, member=cast.child8, text="Een hond.")
    (row,) = _new_rows(before)
    assert row.on_behalf_of == cast.child8.display_name
    assert row.user_id == cast.parent_user.pk


def test_a5_client_ip_is_the_remote_address_or_none() -> None:
    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR="2001:db8::1")) == "2001:db8::1"
    assert client_ip(factory.get("/", REMOTE_ADDR="")) is None
    assert client_ip(None) is None
