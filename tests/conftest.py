"""Shared fixtures: the persona cast of tests/personas.py (STYLE habit 8)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from pytest_django import Settings

from tests.personas import Cast, build_cast


@pytest.fixture
def cast(db: None) -> Cast:
    """The Jansen family's voluntary plan in step 1, everyone approved."""
    return build_cast()


@pytest.fixture
def compulsory_cast(db: None) -> Cast:
    """The same family under a supervision order (OTS), with the child-protection worker."""
    return build_cast(compulsory=True)


@pytest.fixture(autouse=True)
def _checkpoints_of_this_test(settings: Settings, tmp_path: Path) -> None:
    """A5: each test's access-log checkpoints in a folder of its own, so no test's log
    is checked against another test's checkpoints."""
    settings.REGIE_LOG_CHECKPOINT_DIR = str(tmp_path / "log-checkpoints")


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Settings) -> None:
    """Logging in or setting a password for real hashes it (PBKDF2, about a second per
    hash on a busy machine); the tests are not about the hasher (issue 13: `make test`)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _refusals_not_throttled(settings: Settings) -> None:
    """The matrices make hundreds of refused requests on purpose (A1); the throttle's own
    tests (tests/access/test_refusals.py) set a small limit themselves."""
    settings.REGIE_REFUSALS_PER_WINDOW = 100_000


@pytest.fixture(autouse=True)
def _dutch_after_each_test() -> Iterator[None]:
    """A request in English leaves English active in the thread (LocaleMiddleware does
    not reset it); the next test in the same process must start in Dutch again."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
