"""Issue 12 concurrency: a save PostgreSQL broke off to end a deadlock or a serialization
failure runs again (at most three times) instead of giving the person an error page."""

import pytest
from django.db import OperationalError, transaction

from regie.core.transactions import ATTEMPTS, with_retry


class _PostgresError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _broken_off(sqlstate: str) -> OperationalError:
    """The error Django raises for a psycopg error with this SQLSTATE."""
    error = OperationalError(sqlstate)
    error.__cause__ = _PostgresError(sqlstate)
    return error


class _Save:
    """A save that PostgreSQL breaks off `failures` times, then lands."""

    def __init__(self, failures: int, sqlstate: str = "40P01") -> None:
        self.failures = failures
        self.sqlstate = sqlstate
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise _broken_off(self.sqlstate)
        return "saved"


@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])
def test_a_deadlock_or_serialization_failure_is_saved_on_a_later_attempt(sqlstate: str) -> None:
    save = _Save(failures=ATTEMPTS - 1, sqlstate=sqlstate)
    assert with_retry(save) == "saved"
    assert save.calls == ATTEMPTS


def test_after_three_attempts_the_error_stands() -> None:
    save = _Save(failures=ATTEMPTS)
    with pytest.raises(OperationalError):
        with_retry(save)
    assert save.calls == ATTEMPTS


def test_other_database_errors_are_not_run_again() -> None:
    save = _Save(failures=1, sqlstate="53300")  # too many connections
    with pytest.raises(OperationalError):
        with_retry(save)
    assert save.calls == 1


@pytest.mark.django_db
def test_inside_an_outer_transaction_the_save_runs_once() -> None:
    """The outer transaction is broken; only whoever began it can begin again."""
    save = _Save(failures=1)
    with transaction.atomic(), pytest.raises(OperationalError):
        with_retry(save)
    assert save.calls == 1
