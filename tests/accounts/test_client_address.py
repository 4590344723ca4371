"""A5, A6: the client's address comes from the trusted proxies' header when Regie runs
behind a load balancer (REGIE_TRUSTED_PROXY_COUNT), and from REMOTE_ADDR otherwise. The
access log and the login lockout (django-axes) use the same rule."""

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import Settings

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.access.requests import client_ip
from tests.accounts.conftest import PASSWORD, Scene

BALANCER = "10.0.0.1"


def from_balancer(forwarded_for: str | None) -> Any:
    request = RequestFactory().get("/", REMOTE_ADDR=BALANCER)
    if forwarded_for is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return request


def test_a6_without_a_proxy_setting_the_header_is_ignored() -> None:
    assert client_ip(from_balancer("198.51.100.20")) == BALANCER


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        # The balancer appends the address it saw; anything left of it the client wrote.
        (1, "198.51.100.20", "198.51.100.20"),
        (1, "6.6.6.6, 198.51.100.20", "198.51.100.20"),
        (2, "6.6.6.6, 198.51.100.20, 10.0.0.2", "198.51.100.20"),
        (1, "2001:DB8::0:1", "2001:db8::1"),
        # Not through the proxies, or no address where the proxy puts it: REMOTE_ADDR.
        (1, None, BALANCER),
        (2, "198.51.100.20", BALANCER),
        (1, "198.51.100.20, niet-een-adres", BALANCER),
        (1, "198.51.100.20, 198.51.100.21:443", BALANCER),
    ],
)
def test_a6_behind_trusted_proxies_the_client_is_counted_from_the_right(
    settings: Settings, count: int, forwarded_for: str | None, expected: str
) -> None:
    settings.REGIE_TRUSTED_PROXY_COUNT = count
    assert client_ip(from_balancer(forwarded_for)) == expected


def test_a6_a_proxy_header_of_ones_own_choosing(settings: Settings) -> None:
    settings.REGIE_TRUSTED_PROXY_COUNT = 1
    settings.REGIE_TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    request = RequestFactory().get(
        "/", REMOTE_ADDR=BALANCER, HTTP_X_REAL_IP="198.51.100.20", HTTP_X_FORWARDED_FOR="6.6.6.6"
    )
    assert client_ip(request) == "198.51.100.20"


def log_in(client: Client, username: str, password: str, forwarded_for: str) -> Any:
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_a5_the_access_log_records_the_client_behind_the_balancer(
    settings: Settings, scene: Scene
) -> None:
    settings.REGIE_TRUSTED_PROXY_COUNT = 1
    client = Client()
    log_in(client, "sanne", PASSWORD, "6.6.6.6, 198.51.100.20")
    row = AccessLogEntry.objects.get(event=Event.LOGIN.code)
    assert row.ip_address == "198.51.100.20"


@pytest.mark.django_db
def test_a6_behind_the_balancer_a_lockout_hits_the_guesser_not_everyone(
    settings: Settings, scene: Scene
) -> None:
    settings.REGIE_TRUSTED_PROXY_COUNT = 1
    for name in ["anna", "bram", "cor", "dirk", "eva"]:
        # A forged address on the left changes nothing: the balancer's entry counts.
        log_in(Client(), name, "welkom123", f"192.0.2.{len(name)}, 203.0.113.9")
    guesser = Client()
    assert log_in(guesser, "sanne", PASSWORD, "203.0.113.9").status_code == 429
    parent = Client()
    response = log_in(parent, "sanne", PASSWORD, "198.51.100.20")
    assert response.status_code == 302
    assert "_auth_user_id" in parent.session
