"""Errors the domain raises. Their messages are Dutch sentences for the person who acted,
saying what to do instead; views show them next to the form."""

from django.utils.functional import Promise


class RuleViolation(Exception):
    """A rule of DESIGN.md §3 refuses the change. `rule` is its id, e.g. "R8"."""

    def __init__(self, rule: str, message: str | Promise, *, field: str | None = None) -> None:
        super().__init__(str(message))
        self.rule = rule
        self.message = str(message)
        self.field = field


class ConflictError(Exception):
    """Someone else saved the record after this person loaded it."""

    def __init__(self, message: str | Promise, *, current_version: int | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.current_version = current_version
