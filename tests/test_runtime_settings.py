"""Issue 13, where the time went: production keeps its database connections (with a
health check), turns PostgreSQL's JIT off, prices random reads for SSDs and caches
compiled templates. Settings are read
at import, so production runs in a fresh Python process."""

import json
import shutil
import subprocess  # nosec B404: runs make -n, which only prints commands
from pathlib import Path

import pytest
from django.db import connection

from tests.accounts.test_security_headers import production_env, run_python

SHOW_RUNTIME = """
import json, django
django.setup()
from django.conf import settings
from django.template import engines
db = settings.DATABASES["default"]
print(json.dumps({
    "CONN_MAX_AGE": db["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
    "OPTIONS": db.get("OPTIONS", {}),
    "loaders": [loader[0] if isinstance(loader, tuple) else loader
                for loader in engines["django"].engine.loaders],
}))
"""
POSTGRES = "postgres://regie@db.example.org:5432/regie"


def runtime(**extra: str) -> dict[str, object]:
    result = run_python(["-c", SHOW_RUNTIME], production_env(**{"DATABASE_URL": POSTGRES, **extra}))
    assert result.returncode == 0, result.stderr
    values: dict[str, object] = json.loads(result.stdout)
    return values


def test_production_keeps_connections_checks_them_and_runs_without_jit() -> None:
    assert runtime() == {
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"options": "-c jit=off -c random_page_cost=1.1"},
        "loaders": ["django.template.loaders.cached.Loader"],
    }


def test_connection_age_and_jit_are_settings_and_jit_off_keeps_other_options() -> None:
    values = runtime(REGIE_DB_CONN_MAX_AGE="0", REGIE_DB_JIT="true", REGIE_DB_RANDOM_PAGE_COST="")
    assert (values["CONN_MAX_AGE"], values["OPTIONS"]) == (0, {})
    url = f"{POSTGRES}?options=-c%20statement_timeout%3D5000"
    values = runtime(DATABASE_URL=url, REGIE_DB_RANDOM_PAGE_COST="2")
    assert values["OPTIONS"] == {
        "options": "-c statement_timeout=5000 -c jit=off -c random_page_cost=2"
    }


def test_a_random_page_cost_that_is_not_a_number_stops_start_up() -> None:
    result = run_python(
        ["-c", SHOW_RUNTIME],
        production_env(DATABASE_URL=POSTGRES, REGIE_DB_RANDOM_PAGE_COST="snel"),
    )
    assert result.returncode != 0
    assert "REGIE_DB_RANDOM_PAGE_COST" in result.stderr


@pytest.mark.django_db
def test_postgresql_connection_runs_without_jit_and_with_ssd_page_costs() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('jit'), current_setting('random_page_cost')")
        assert cursor.fetchone() == ("off", "1.1")


def test_the_demo_shows_regies_own_error_pages_unless_asked_for_debug_pages() -> None:
    """Issue 14: `make run` serves the demo with DEBUG off (static files by runserver
    itself), so a wrong address shows Regie's Dutch 404 page, not Django's yellow debug
    page with every URL; `make run DEBUG=true` asks for the debug pages."""
    make = shutil.which("make") or "make"
    root = Path(__file__).resolve().parent.parent

    def dry_run(*args: str) -> str:
        return subprocess.run(  # noqa: S603  # nosec B603: fixed arguments, no shell
            [make, "-n", "-s", "run", *args], cwd=root, check=True, capture_output=True, text=True
        ).stdout.splitlines()[-1]

    assert dry_run().startswith("DEBUG=false ")
    assert "runserver --insecure 127.0.0.1:8000" in dry_run()
    assert dry_run("DEBUG=true").startswith("DEBUG=true ")
