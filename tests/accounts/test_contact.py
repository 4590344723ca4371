"""Reaching each other (issue 14): each person may show a phone number and an e-mail
address to the others in their plan, by their own choice (off by default), with "bel" and
"mail" links. Whoever sees the person in the team list sees them (A3, A3b): a network
member, who sees only the coordinator, sees only the coordinator's."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts import services
from regie.accounts.models import User
from regie.core.validators import dutch_phone_digits, validate_dutch_phone
from regie.exports.data import export_data
from tests.access.helpers import log_in
from tests.personas import Cast

pytestmark = pytest.mark.django_db

CONTACT = reverse("account-contact")


def _show(user: User, phone: str = "06 12345678", email: str = "", shown: bool = True) -> None:
    services.set_contact(user=user, phone=phone, email=email, shown=shown)


def _plan_page(cast: Cast, user: User) -> str:
    return log_in(Client(), user).get(reverse("plan", args=[cast.plan.public_id])).content.decode()


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("06 12345678", "+31612345678"),
        ("06-1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031 (0)20", None),
        ("020-1234567", "+31201234567"),
        ("0031 20 123 4567", "+31201234567"),
        ("0612345", None),
        ("+32 470 12 34 56", None),
        ("bel me", None),
    ],
)
def test_a_dutch_phone_number_is_ten_digits_or_plus_31(typed: str, digits: str | None) -> None:
    assert dutch_phone_digits(typed) == digits
    if digits is None:
        with pytest.raises(ValidationError):
            validate_dutch_phone(typed)


def test_contact_is_not_shown_until_the_person_chooses_to(cast: Cast) -> None:
    _show(cast.care_provider_user, email="joost@horizon.example.nl", shown=False)
    assert "tel:+31612345678" not in _plan_page(cast, cast.parent_user)
    _show(cast.care_provider_user, email="joost@horizon.example.nl")
    page = _plan_page(cast, cast.parent_user)
    assert 'href="tel:+31612345678"' in page and "bel 06 12345678" in page
    assert 'href="mailto:joost@horizon.example.nl"' in page


def test_a3b_a_professional_sees_the_parents_contact_in_the_team(cast: Cast) -> None:
    _show(cast.parent_user, phone="0612121212")
    assert "tel:+31612121212" in _plan_page(cast, cast.care_provider_user)


def test_a3_the_network_sees_only_the_coordinators_contact(cast: Cast) -> None:
    coordinator = cast.plan.coordinator
    assert coordinator is not None and coordinator.user is not None
    _show(coordinator.user, phone="0611111111")
    _show(cast.care_provider_user, phone="0622222222")
    page = _plan_page(cast, cast.grandmother_user)
    assert "tel:+31611111111" in page
    assert "tel:+31622222222" not in page


def test_a7_an_ended_role_shows_no_contact(cast: Cast) -> None:
    _show(cast.care_provider_user, phone="0622222222")
    cast.care_provider.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    cast.care_provider.save(update_fields=["ends_on"])
    assert "tel:+31622222222" not in _plan_page(cast, cast.parent_user)


def test_the_youth_page_shows_whom_to_call(cast: Cast) -> None:
    coordinator = cast.plan.coordinator
    assert coordinator is not None and coordinator.user is not None
    _show(coordinator.user, phone="0611111111")
    client = log_in(Client(), cast.youth16_user)
    page = client.get(reverse("plan-youth", args=[cast.plan.public_id])).content.decode()
    assert "tel:+31611111111" in page


def test_a5_setting_ones_contact_writes_a_log_row_and_the_page_saves_it(cast: Cast) -> None:
    client = log_in(Client(), cast.parent_user)
    assert client.get(CONTACT).status_code == 200
    response = client.post(
        CONTACT,
        {
            "contact_phone": "06 12345678",
            "contact_email": "sanne@example.nl",
            "shows_contact": "on",
        },
    )
    assert response.status_code == 302
    cast.parent_user.refresh_from_db()
    assert cast.parent_user.shows_contact and cast.parent_user.contact_phone == "06 12345678"
    row = AccessLogEntry.objects.order_by("-id").first()
    assert row is not None and row.event == Event.CONTACT_CHANGED.code
    assert row.user_id == cast.parent_user.pk and row.part == "getoond"


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"contact_phone": "12345"}, "Vul een Nederlands telefoonnummer in"),
        ({"contact_email": "sanne@"}, "Vul een geldig e-mailadres in"),
        ({"shows_contact": "on"}, "Vul eerst een telefoonnummer of e-mailadres in"),
    ],
)
def test_a_bad_contact_is_a_400_in_dutch_that_keeps_what_was_typed(
    cast: Cast, posted: dict[str, str], message: str
) -> None:
    response = log_in(Client(), cast.parent_user).post(CONTACT, posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    for value in posted.values():
        if value != "on":
            assert f'value="{value}"' in page
    cast.parent_user.refresh_from_db()
    assert not cast.parent_user.shows_contact


def test_the_data_export_holds_ones_own_contact(cast: Cast) -> None:
    _show(cast.parent_user, email="sanne@example.nl")
    data = export_data(cast.plan, cast.parent, timezone.localdate())
    assert data["made_for"]["contact"] == {
        "phone": "06 12345678",
        "email": "sanne@example.nl",
        "shown_to_others": True,
    }


@pytest.mark.parametrize("who", ["parent_user", "grandmother_user", "wijkteam_user"])
def test_everyone_finds_the_contact_page_from_home_and_their_own_row(cast: Cast, who: str) -> None:
    user = getattr(cast, who)
    client = log_in(Client(), user)
    assert f'href="{CONTACT}"' in client.get(reverse("home")).content.decode()
    page = client.get(reverse("plan", args=[cast.plan.public_id])).content.decode()
    assert "mijn telefoon en e-mail laten zien" in page or who == "grandmother_user"
