"""Runs the exports' authorization matrix (tests/exports/matrix.py, its written-out table
EXPECTED) for every role (A1, A3, A3b, A7)."""

from tests.access.test_authorization_matrix import World, world
from tests.exports.matrix import CLASSIFIED, check_every_export_for_every_role

__all__ = ["world"]


def test_a1_every_export_for_every_role(world: World) -> None:
    check_every_export_for_every_role(world)


def test_every_export_url_is_classified() -> None:
    from tests.access.test_authorization_matrix import url_names

    assert {name for name in url_names() if name.startswith("plan-export")} == CLASSIFIED
