"""A6: professionals and administrators use a second factor (TOTP) with single-use
recovery codes; family members may turn it on."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts import services
from tests.accounts.conftest import Scene
from tests.accounts.helpers import confirmed_device, current_code, login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_otp_throttle_delay(settings: Settings) -> None:
    # django-otp waits 1, 2, 4 ... seconds after a wrong code; tests do not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def plan_url(scene: Scene) -> str:
    return reverse("plan", args=[scene.plan.public_id])


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a6_professional_without_second_factor_is_sent_from_a_plan_to_setup(
    scene: Scene,
) -> None:
    client = logged_in(scene.worker)
    response = client.get(plan_url(scene))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-setup"))
    assert "next=" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert 'src="data:image/svg+xml' in text
    assert "Gezin Jansen" not in text
    # The secret is shown as text too, for typing it over.
    device = TOTPDevice.objects.get(user=scene.worker, confirmed=False)
    assert services.totp_secret(device) in text


def test_a6_every_page_but_the_account_pages_waits_for_the_second_factor(scene: Scene) -> None:
    client = logged_in(scene.worker)
    for url in [reverse("home"), reverse("plan-step", args=[scene.plan.public_id, 2])]:
        assert client.get(url)["Location"].startswith(reverse("two-factor-setup"))
    assert client.get(reverse("password-reset")).status_code == 200
    assert client.get(reverse("two-factor-setup")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_a6_administrator_reaches_the_admin_only_after_the_second_factor(scene: Scene) -> None:
    client = logged_in(scene.admin)
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("two-factor-setup"))
    login_verified(client, scene.admin)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a6_setting_up_the_app_turns_it_on_and_shows_ten_recovery_codes_once(
    scene: Scene,
) -> None:
    client = logged_in(scene.worker)
    setup = reverse("two-factor-setup") + "?next=" + plan_url(scene)
    client.get(setup)
    device = TOTPDevice.objects.get(user=scene.worker, confirmed=False)
    response = client.post(setup, {"code": current_code(device), "next": plan_url(scene)})
    assert response.status_code == 302
    assert response["Location"] == reverse("two-factor-recovery-codes")

    page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert f'href="{plan_url(scene)}"' in page
    # Shown once: the next visit no longer has them.
    again = client.get(reverse("two-factor-recovery-codes"))
    assert again.status_code == 302
    assert all(code not in client.get(reverse("two-factor")).content.decode() for code in codes)

    device.refresh_from_db()
    assert device.confirmed
    assert client.get(plan_url(scene)).status_code == 200
    assert AccessLogEntry.objects.filter(
        event=Event.TWO_FACTOR_ENABLED.code, user_id=scene.worker.pk
    ).exists()


def test_a6_a_wrong_code_does_not_turn_the_app_on(scene: Scene) -> None:
    client = logged_in(scene.worker)
    client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get(user=scene.worker, confirmed=False)
    wrong = str((int(current_code(device)) + 1) % 1_000_000).zfill(6)
    response = client.post(reverse("two-factor-setup"), {"code": wrong})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(plan_url(scene)).status_code == 302


def test_a6_totp_code_from_the_app_passes_the_second_factor(scene: Scene) -> None:
    device = confirmed_device(scene.worker)
    client = logged_in(scene.worker)
    response = client.get(plan_url(scene))
    assert response["Location"].startswith(reverse("two-factor-verify"))
    verify = response["Location"]
    old_key = client.session.session_key

    response = client.post(verify, {"code": current_code(device), "next": plan_url(scene)})
    assert response.status_code == 302
    assert response["Location"] == plan_url(scene)
    assert client.get(plan_url(scene)).status_code == 200
    # More rights, new session key.
    assert client.session.session_key != old_key
    row = AccessLogEntry.objects.filter(event=Event.TWO_FACTOR_VERIFIED.code).get()
    assert (row.user_id, row.part, row.plan_id) == (scene.worker.pk, "app", None)


def test_a6_the_same_app_code_works_only_once(scene: Scene) -> None:
    device = confirmed_device(scene.worker)
    code = current_code(device)
    first, second = logged_in(scene.worker), logged_in(scene.worker)
    assert first.post(reverse("two-factor-verify"), {"code": code}).status_code == 302
    response = second.post(reverse("two-factor-verify"), {"code": code})
    assert response.status_code == 400
    assert second.get(plan_url(scene)).status_code == 302


def test_a6_wrong_code_is_refused_and_logged(scene: Scene) -> None:
    device = confirmed_device(scene.worker)
    client = logged_in(scene.worker)
    wrong = str((int(current_code(device)) + 500_000) % 1_000_000).zfill(6)
    response = client.post(reverse("two-factor-verify"), {"code": wrong})
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert client.get(plan_url(scene)).status_code == 302
    row = AccessLogEntry.objects.filter(event=Event.TWO_FACTOR_FAILED.code).get()
    assert (row.user_id, row.outcome) == (scene.worker.pk, "failure")


def test_a6_a_recovery_code_works_once_only(scene: Scene) -> None:
    confirmed_device(scene.worker)
    codes = services.renew_recovery_codes(user=scene.worker)
    assert len(codes) == 10

    first = logged_in(scene.worker)
    response = first.post(reverse("two-factor-verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert first.get(plan_url(scene)).status_code == 200
    assert services.recovery_codes_left(scene.worker) == 9

    second = logged_in(scene.worker)
    response = second.post(reverse("two-factor-verify"), {"code": codes[0]})
    assert response.status_code == 400
    assert second.get(plan_url(scene)).status_code == 302
    # Another code still works.
    assert second.post(reverse("two-factor-verify"), {"code": codes[1]}).status_code == 302


def test_a6_only_the_password_is_not_enough_to_replace_the_app(scene: Scene) -> None:
    confirmed_device(scene.worker)
    client = logged_in(scene.worker)
    response = client.get(reverse("two-factor-setup"))
    assert response["Location"].startswith(reverse("two-factor-verify"))
    assert TOTPDevice.objects.filter(user=scene.worker).count() == 1


def test_a6_family_member_without_second_factor_opens_plan_pages(scene: Scene) -> None:
    client = logged_in(scene.parent)
    assert client.get(plan_url(scene)).status_code == 200
    assert client.get(reverse("home")).status_code == 200


def test_a6_family_member_may_turn_the_second_factor_on_and_then_needs_it(
    scene: Scene,
) -> None:
    client = logged_in(scene.parent)
    assert "Uit" in client.get(reverse("two-factor")).content.decode()
    client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get(user=scene.parent)
    assert (
        client.post(reverse("two-factor-setup"), {"code": current_code(device)}).status_code == 302
    )
    assert client.get(plan_url(scene)).status_code == 200

    later = logged_in(scene.parent)
    assert later.get(plan_url(scene))["Location"].startswith(reverse("two-factor-verify"))


def test_a6_family_member_may_turn_it_off_again_but_a_professional_may_not(
    scene: Scene,
) -> None:
    parent = Client()
    login_verified(parent, scene.parent)
    assert parent.post(reverse("two-factor-disable")).status_code == 302
    assert not services.has_second_factor(scene.parent)

    worker = Client()
    login_verified(worker, scene.worker)
    worker.post(reverse("two-factor-disable"))
    assert services.has_second_factor(scene.worker)


def test_a6_the_switch_for_development_lets_professionals_through(
    scene: Scene, settings: Settings
) -> None:
    settings.REGIE_REQUIRE_TWO_FACTOR = False
    assert logged_in(scene.worker).get(plan_url(scene)).status_code == 200


def test_a6_login_verified_helper_reaches_the_plan(scene: Scene) -> None:
    client = Client()
    login_verified(client, scene.worker)
    assert client.get(plan_url(scene)).status_code == 200
