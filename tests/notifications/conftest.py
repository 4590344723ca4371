"""The matrix's world (every role around one plan) for test_matrix.py."""

from tests.access.test_authorization_matrix import world

__all__ = ["world"]
