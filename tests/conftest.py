"""Shared fixtures: the persona cast of tests/personas.py (STYLE habit 8)."""

import pytest
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
def _refusals_not_throttled(settings: Settings) -> None:
    """The matrices make hundreds of refused requests on purpose (A1); the throttle's own
    tests (tests/access/test_refusals.py) set a small limit themselves."""
    settings.REGIE_REFUSALS_PER_WINDOW = 100_000
