"""A6 production settings: every route answers with the security headers, and
`check --deploy` finds nothing in production mode. Settings are read at import, so the
production checks run in a fresh Python process."""

import json
import os
import re
import secrets
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from tests.accounts.conftest import Scene
from tests.accounts.helpers import login_verified

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")


def _route_sample(route: str, plan_id: uuid.UUID) -> str:
    samples = {"uuid": str(plan_id), "int": "1", "slug": "x", "str": "x", "path": "x"}
    return ROUTE_PARAMETER.sub(lambda m: samples.get(m["converter"] or "str", "x"), route)


def _regex_sample(regex: str) -> str:
    def group(match: re.Match[str]) -> str:
        body = match["body"]
        return body.split("|")[0] if "|" in body else "x"

    text = REGEX_GROUP.sub(group, regex).lstrip("^").rstrip("$")
    text = text.replace("\\", "")
    assert not set(text) & set("()[]?*+{}|"), f"cannot build a sample URL from {regex!r}"
    return text


def _sample(pattern: object, plan_id: uuid.UUID) -> str:
    if isinstance(pattern, RoutePattern):
        return _route_sample(str(pattern), plan_id)
    assert isinstance(pattern, RegexPattern), pattern
    return _regex_sample(str(pattern))


def every_url(plan_id: uuid.UUID) -> Iterator[str]:
    """One concrete URL per pattern of the whole URL configuration, admin included."""

    def walk(entries: list[URLPattern | URLResolver], prefix: str) -> Iterator[str]:
        for entry in entries:
            here = prefix + _sample(entry.pattern, plan_id)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, here)
            else:
                yield here

    yield from walk(get_resolver().url_patterns, "/")


def assert_security_headers(url: str, response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp, url
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
    assert "default-src 'self'" in csp, url
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("Referrer-Policy") == "same-origin", url
    assert headers.get("X-Frame-Options") == "DENY", url
    assert "no-store" in headers.get("Cache-Control", ""), url
    policy = headers.get("Permissions-Policy", "")
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
        assert feature in policy, url
    # The app names no server software; gunicorn's own header: test_gunicorn_server_header.
    assert "Server" not in headers, url


@pytest.mark.parametrize("who", ["professional", "parent", "superuser", "anonymous"])
def test_a6_every_route_answers_with_the_security_headers(scene: Scene, who: str) -> None:
    client = Client()
    users = {"professional": scene.worker, "parent": scene.parent, "superuser": scene.superuser}
    if who in users:
        login_verified(client, users[who])
    urls = list(every_url(scene.plan.public_id))
    assert f"/plannen/{scene.plan.public_id}/" in urls
    assert len(urls) > 40
    statuses = set()
    for url in urls:
        response = client.get(url)
        statuses.add(response.status_code)
        assert response.status_code < 500, url
        assert_security_headers(url, response)
    # The walk saw real pages, not only redirects.
    assert 200 in statuses


def test_a6_a_plan_page_and_a_not_found_page_are_never_stored(scene: Scene) -> None:
    client = Client()
    login_verified(client, scene.worker)
    page = client.get(f"/plannen/{scene.plan.public_id}/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    missing = client.get(f"/plannen/{uuid.uuid4()}/")
    assert missing.status_code == 404
    assert_security_headers("missing plan", missing)


def test_a6_pages_have_no_inline_script_or_style(scene: Scene) -> None:
    client = Client()
    client.force_login(scene.worker)
    for url in ["/inloggen/", "/account/tweestaps/instellen/"]:
        page = client.get(url).content.decode()
        assert re.search(r"<script(?![^>]*\bsrc=)", page) is None, url
        assert "<style" not in page and " style=" not in page, url
    setup = client.get("/account/tweestaps/instellen/").content.decode()
    assert re.search(r'<img class="qr" src="data:image/svg\+xml', setup)


# ---- Production settings, in a fresh process ----------------------------------------------


def production_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "REGIE_REQUIRE_TWO_FACTOR",
            "SECURE_SSL_REDIRECT",
            "SECURE_PROXY_SSL_HEADER",
            "REGIE_TRUSTED_PROXY_COUNT",
            "REGIE_TRUSTED_PROXY_HEADER",
        }
    }
    env.update(
        REGIE_ENVIRONMENT="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        REGIE_AUDIT_KEY=secrets.token_urlsafe(32),
        REGIE_TRUSTED_PROXY_COUNT="0",
        ALLOWED_HOSTS="regie.example.org",
        DJANGO_SETTINGS_MODULE="regie.settings",
    )
    env.update(extra)
    return env


def run_python(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in [
    "DEBUG", "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER",
    "REGIE_REQUIRE_TWO_FACTOR"]}))
"""


def test_a6_check_deploy_reports_nothing_in_production() -> None:
    result = run_python(
        [
            "-c",
            "import django; django.setup(); from django.core.management import "
            "call_command; call_command('check', deploy=True, fail_level='WARNING')",
        ],
        production_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a6_production_uses_host_only_secure_cookies_and_hsts() -> None:
    result = run_python(
        ["-c", SHOW_SETTINGS],
        production_env(
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https", REGIE_TRUSTED_PROXY_COUNT="1"
        ),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Strict",
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "REGIE_REQUIRE_TWO_FACTOR": True,
    }


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("SECRET_KEY", "development-only-secret-key-never-use-in-production", "SECRET_KEY"),
        ("REGIE_REQUIRE_TWO_FACTOR", "false", "REGIE_REQUIRE_TWO_FACTOR"),
        ("SECURE_HSTS_SECONDS", "3600", "SECURE_HSTS_SECONDS"),
        ("SECURE_PROXY_SSL_HEADER", "https", "SECURE_PROXY_SSL_HEADER"),
        ("DEBUG", "true", "DEBUG"),
        ("REGIE_AUDIT_KEY", "x" * 31, "REGIE_AUDIT_KEY"),
        ("REGIE_AUDIT_KEY", "development-only-audit-key", "REGIE_AUDIT_KEY"),
        # Unset: whether a proxy stands in front must be said, also when none does.
        ("REGIE_TRUSTED_PROXY_COUNT", "", "REGIE_TRUSTED_PROXY_COUNT"),
        # Behind a TLS proxy with no trusted proxy: every client would share its address.
        ("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO,https", "REGIE_TRUSTED_PROXY_COUNT"),
        ("REGIE_TRUSTED_PROXY_HEADER", "X-Forwarded-For", "REGIE_TRUSTED_PROXY_HEADER"),
    ],
)
def test_a6_production_refuses_to_start_with_unsafe_settings(
    setting: str, value: str, message: str
) -> None:
    result = run_python(["-c", SHOW_SETTINGS], production_env(**{setting: value}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_a6_production_starts_with_a_32_byte_audit_key_and_a_proxy_count() -> None:
    result = run_python(
        ["-c", SHOW_SETTINGS],
        production_env(REGIE_AUDIT_KEY="x" * 32, REGIE_TRUSTED_PROXY_COUNT="0"),
    )
    assert result.returncode == 0, result.stderr
