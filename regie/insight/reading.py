"""Reading the figures (issue 15), the same on the page, in the CSV download and in the
API: who may (the policy's scope; anyone else the 404 of a missing page), which cells one
may ask for, per cell and indicator what is shown, and the access-log row of each read.
A hidden figure carries no count and no value, only "< 10"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypedDict

from django.http import Http404
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import EventKind
from regie.access.log import record
from regie.access.policy.accounts import IndicatorScope, indicator_scope
from regie.accounts.models import Organisation, User
from regie.insight.facts import NO_PROVIDER
from regie.insight.indicators import ALL, Indicator
from regie.insight.report import DEFINITIONS, Report, Row

AXES = ("period", "organisation", "help_type", "framework")
NO_PROVIDER_KEY = "none"

ROLE = "cijfers"  # the role the access log names
Cell = tuple[object, object, object, object]


class DefinitionLine(TypedDict):
    id: str
    name: str
    definition: str
    share: bool  # a share from 0 to 1; otherwise a median or an average change
    group: str  # "outcome" (what works) or "process" (how the plans went)


class Answers(TypedDict):
    score: int
    answers: int


class FigureLine(DefinitionLine):
    plans: int | None
    hidden: bool
    value: float | None
    shown: str
    distribution: list[Answers] | None


class StepLine(TypedDict):
    step: str  # "1" … "8", or "*" for all steps
    name: str
    plans: int | None
    hidden: bool
    shown: str


class CellLine(TypedDict):
    period: str
    organisation: str
    help_type: str
    framework: str
    labels: dict[str, str]
    indicators: list[FigureLine]
    steps_quarter: str | None  # the quarter at whose end the plans per step were counted
    steps: list[StepLine]


def reader(user: object) -> tuple[User, IndicatorScope]:
    """The person and their scope; for anyone without one the 404 of a missing page."""
    scope = indicator_scope(user) if isinstance(user, User) else None
    if scope is None:
        raise Http404(_("Niet gevonden."))
    assert isinstance(user, User)  # noqa: S101  # a scope is only ever a user's
    return user, scope


def log_reading(kind: EventKind, user: User, address: str | None, part: str) -> None:
    """A5: one row per view, download or API call; figures name no family or plan."""
    record(kind, actor=policy.user_actor(user, ip_address=address, role=ROLE), part=part)


def definitions() -> list[DefinitionLine]:
    return [_definition(indicator) for indicator in DEFINITIONS]


def _definition(indicator: Indicator) -> DefinitionLine:
    definition = DEFINITIONS[indicator]
    return {
        "id": str(indicator),
        "name": str(definition.name),
        "definition": str(definition.means),
        "share": definition.is_share,
        "group": str(definition.kind),
    }


def cell_keys(report: Report) -> dict[str, dict[str, object]]:
    """Per axis, the keys a person may ask for, each with the report's own value: only
    cells inside the person's scope. An organisation by its public id, never a row id."""
    choices = report.organisation_choices()
    rows = Organisation.objects.filter(pk__in=[k for k in choices if k not in (ALL, NO_PROVIDER)])
    public_keys: dict[object, str] = {ALL: ALL, NO_PROVIDER: NO_PROVIDER_KEY}
    public_keys.update(
        (pk, str(public_id)) for pk, public_id in rows.values_list("pk", "public_id")
    )
    dimensions = report.indicators.dimensions
    return {
        "period": {str(period): period for period in report.periods},
        "organisation": {public_keys[key]: key for key in choices},
        "help_type": {str(key): key for key in dimensions[2].parents},
        "framework": {str(key): key for key in dimensions[3].parents},
    }


def cell_lines(report: Report, cells: Iterable[Cell]) -> Iterator[CellLine]:
    """Every cell in `cells` (from `report.cells()`), with its keys, labels and figures."""
    keys = {axis: {v: k for k, v in choices.items()} for axis, choices in cell_keys(report).items()}
    for cell in cells:
        period, organisation, help_type, framework = cell
        quarter, steps = report.step_rows(str(period), organisation, help_type, framework)
        yield {
            "period": keys["period"][period],
            "organisation": keys["organisation"][organisation],
            "help_type": keys["help_type"][help_type],
            "framework": keys["framework"][framework],
            "labels": {
                axis: report.label(n, value)
                for n, (axis, value) in enumerate(zip(AXES, cell, strict=True))
            },
            "indicators": [
                _figure(row) for row in report.rows(str(period), organisation, help_type, framework)
            ],
            "steps_quarter": quarter,
            "steps": [
                {
                    "step": str(row.step),
                    "name": row.name,
                    "plans": None if row.count.hidden else row.count.plans,
                    "hidden": row.count.hidden,
                    "shown": row.shown,
                }
                for row in steps
            ],
        }


def _figure(row: Row) -> FigureLine:
    figure = row.figure
    distribution: list[Answers] | None = None
    if row.indicator is Indicator.SATISFACTION and not figure.hidden:
        distribution = [
            {"score": score, "answers": answers} for score, answers in figure.distribution.items()
        ]
    return {
        **_definition(row.indicator),
        "plans": None if figure.hidden else figure.plans,
        "hidden": figure.hidden,
        "value": figure.value,
        "shown": row.shown,
        "distribution": distribution,
    }
