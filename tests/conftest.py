"""Shared fixtures: the persona cast of tests/personas.py (STYLE habit 8)."""

import pytest

from tests.personas import Cast, build_cast


@pytest.fixture
def cast(db: None) -> Cast:
    """The Jansen family's voluntary plan in step 1, everyone approved."""
    return build_cast()


@pytest.fixture
def compulsory_cast(db: None) -> Cast:
    """The same family under a supervision order (OTS), with the child-protection worker."""
    return build_cast(compulsory=True)
