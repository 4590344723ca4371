"""Saves that PostgreSQL broke off are made again (issue 12 concurrency).

Every service locks the plan row before it touches the plan's records (one lock order,
regie.plans.services.common), so saves in one plan take turns. Should PostgreSQL still
end a transaction to break a deadlock (SQLSTATE 40P01) or a serialization failure
(40001), nothing was saved and the same save can simply run again; the person should not
get an error page for it. SQLite raises neither."""

from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

T = TypeVar("T")

ATTEMPTS = 3
RETRYABLE = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure


def is_retryable(error: OperationalError) -> bool:
    """PostgreSQL ended the transaction and it may run again as it was."""
    return getattr(error.__cause__, "sqlstate", None) in RETRYABLE


def with_retry(save: Callable[[], T]) -> T:
    """Run `save`, whole transactions (a form read and its service call), up to ATTEMPTS
    times while PostgreSQL breaks it off with a deadlock or serialization failure; after
    that the error stands. Inside an outer transaction it runs once: that transaction is
    broken, and only whoever began it can begin again."""
    attempt = 1
    while True:
        try:
            return save()
        except OperationalError as error:
            if attempt >= ATTEMPTS or connection.in_atomic_block or not is_retryable(error):
                raise
            attempt += 1
