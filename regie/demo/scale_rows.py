"""Rows written fast, for `regie.demo.scale`: plain tuples with ids given up front (no model
instances), COPY on PostgreSQL and one executemany elsewhere. Only for invented benchmark
data in a scratch database: nothing here checks a rule or writes the access log."""

import datetime
import enum
from collections.abc import Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

Model = type[models.Model]


class Rows:
    """The rows of one batch, by model, in the order the models first got a row. Foreign
    keys are deferred to commit on both databases, so the order within a batch is free."""

    def __init__(self, now: datetime.datetime) -> None:
        self.now = now
        self.fields: dict[Model, list[models.Field[Any, Any]]] = {}
        self.defaults: dict[Model, dict[str, Any]] = {}
        self.next_id: dict[Model, int] = {}
        self.pending: dict[Model, list[tuple[Any, ...]]] = {}

    def new_id(self, model: Model) -> int:
        if model not in self.next_id:
            highest = model._default_manager.aggregate(highest=Max("pk"))["highest"]
            self.next_id[model] = (highest or 0) + 1
        number = self.next_id[model]
        self.next_id[model] = number + 1
        return number

    def add(self, model: Model, **values: Any) -> int:
        """One row; a field left out gets its default (creation times: now). Returns its id."""
        if model not in self.fields:
            self._learn(model)
        values.setdefault("id", self.new_id(model))
        defaults = self.defaults[model]
        row = tuple(
            values[name] if name in values else _call(defaults[name])
            for name in defaults  # every concrete field, in order
        )
        self.pending.setdefault(model, []).append(row)
        return int(values["id"])

    def _learn(self, model: Model) -> None:
        fields = list(model._meta.concrete_fields)
        self.fields[model] = fields
        self.defaults[model] = {
            field.attname: self.now
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            else (
                field.default
                if field.has_default() and callable(field.default)
                else field.get_default()
            )
            for field in fields
        }

    def write(self) -> int:
        """Write every pending row; returns how many."""
        written = 0
        for model, rows in self.pending.items():
            if connection.vendor == "postgresql":
                _copy(model, self.fields[model], rows)
            else:
                _insert(model, self.fields[model], rows)
            written += len(rows)
        self.pending = {}
        return written

    def reset_sequences(self) -> None:
        """Ids were given here, so PostgreSQL's sequences must move past them."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_id))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def analyze(self) -> None:
        """Fresh planner statistics for the tables just filled. Autovacuum gets there in
        the end, but a benchmark right after the COPY would measure plans made without
        them: PostgreSQL guessed 4,000 entries per plan instead of 10 and chose parallel
        scans and bitmap merges that cost 10-20 ms a query (issue 13)."""
        if connection.vendor != "postgresql":
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model in self.next_id:
                cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")

    def count(self, model: Model) -> int:
        return len(self.pending.get(model, []))


def _call(default: Any) -> Any:
    return default() if callable(default) else default


def _plain(value: Any) -> Any:
    """COPY writes a choice (an enum that is also a str or int) by its value."""
    return value.value if isinstance(value, enum.Enum) else value


def _copy(
    model: Model, fields: list[models.Field[Any, Any]], rows: Iterable[tuple[Any, ...]]
) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([_plain(value) for value in row])


def _insert(
    model: Model, fields: list[models.Field[Any, Any]], rows: list[tuple[Any, ...]]
) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608  # nosec B608: names from the model
    prepared = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
