"""The indicators as a person reads them (issue 15): names, definitions, labels for the
dimension values, and the rows of one cell, for the page and the CSV download alike. The
outcome indicators ("Wat werkt") and the figures about the process ("Het proces", with the
plans per step) are shown as two groups."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regie.access.policy.accounts import IndicatorScope
from regie.accounts.models import Organisation
from regie.insight.facts import NO_PROVIDER, HelpType, read_facts
from regie.insight.indicators import ALL, Figure, Indicator, Indicators, compute
from regie.insight.models import FrozenOutcomes, FrozenStepCounts
from regie.insight.steps import PlansPerStep, StepCount, compute_steps
from regie.insight.suppression import MINIMUM
from regie.plans.models import Framework, Step


class Kind(StrEnum):
    OUTCOME = "outcome"
    PROCESS = "process"


KIND_LABELS: dict[Kind, Promise] = {Kind.OUTCOME: _("Wat werkt"), Kind.PROCESS: _("Het proces")}


@dataclass(frozen=True)
class Definition:
    name: Promise
    means: Promise
    is_share: bool = True
    kind: Kind = Kind.OUTCOME


def process(name: Promise, means: Promise, *, is_share: bool = True) -> Definition:
    """A figure about how the plans went, shown apart from the outcomes."""
    return Definition(name, means, is_share, Kind.PROCESS)


DEFINITIONS: dict[Indicator, Definition] = {
    Indicator.DROP_OUT: Definition(
        _("Uitval"),
        _(
            "Deel van de plannen waarin de hulp eerder stopte zonder overeenstemming (door het "
            "gezin of de hulpverlener), van de plannen waarvan het einde is vastgelegd."
        ),
    ),
    Indicator.SATISFACTION: Definition(
        _("Cliënttevredenheid"),
        _(
            "Het middelste cijfer (mediaan) dat ouders en jongeren aan het eind gaven voor hoe "
            "nuttig de hulp was, van 0 tot 10."
        ),
        is_share=False,
    ),
    Indicator.GOING_ON: Definition(
        _("Verder zonder hulp"),
        _("Deel van de antwoorden 'ja' op de vraag of het gezin nu verder kan zonder hulp."),
    ),
    Indicator.NO_NEW_START: Definition(
        _("Geen nieuwe start"),
        _(
            "Deel van de plannen waarna het gezin binnen 12 maanden geen nieuw plan begon, van "
            "de plannen die minstens 12 maanden geleden eindigden."
        ),
    ),
    Indicator.PROBLEMS_REDUCED: Definition(
        _("Problemen verminderd"),
        _(
            "Gemiddelde verandering van de cijfers voor de doelen, van de eerste tot de laatste "
            "evaluatie (van -10 tot +10)."
        ),
        is_share=False,
    ),
    Indicator.GOALS_REACHED: Definition(
        _("Doelen bereikt"),
        _("Deel van alle doelen in de plannen dat is bereikt."),
    ),
    Indicator.GROUP_PLAN_OFFERED: process(
        _("Familiegroepsplan aangeboden"),
        _(
            "Deel van de plannen waarin het gezin is aangeboden om zelf met familie en netwerk "
            "een familiegroepsplan te maken."
        ),
    ),
    Indicator.GROUP_PLAN_MADE: process(
        _("Familiegroepsplan gemaakt"),
        _(
            "Deel van de plannen waarin het gezin het aanbod aannam en een eigen "
            "familiegroepsplan schreef, van alle plannen."
        ),
    ),
    Indicator.PROFESSIONALS: process(
        _("Professionals per plan"),
        _(
            "Gemiddeld aantal verschillende professionals dat in een plan meedeed met "
            "toestemming van het gezin. Wie eerder stopte telt mee, wie het gezin weigerde "
            "niet; wie twee rollen had telt één keer."
        ),
        is_share=False,
    ),
    Indicator.DECISIONS_IN_TIME: process(
        _("Besluit binnen 8 weken"),
        _(
            "Deel van de besloten aanvragen voor hulp waarover is besloten op of vóór de "
            "uiterste beslisdatum (de wettelijke termijn van 8 weken)."
        ),
    ),
}

STEPS_NAME = _("Plannen per stap")
STEPS_MEAN = _(
    "Hoeveel lopende plannen in elke stap stonden op de laatste dag van het kwartaal (bij een "
    "jaar: het laatste kwartaal dat voorbij is). Het lopende kwartaal telt nog niet mee."
)

HELP_TYPE_LABELS: dict[str, Promise] = {
    HelpType.NONE: _("nog geen besluit over hulp"),
    HelpType.OWN_STRENGTH: _("eigen kracht en netwerk"),
    HelpType.IN_KIND: _("jeugdhulp (zorg in natura)"),
    HelpType.PGB: _("jeugdhulp (pgb)"),
}


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    definition: Definition
    figure: Figure

    @property
    def shown(self) -> str:
        """The value as text: a percentage, a median or a change; "< 10" when hidden."""
        if self.figure.hidden:
            return f"< {MINIMUM}"
        value = self.figure.value
        if value is None:
            return "–"
        if self.percent is not None:
            return f"{self.percent}%"
        if self.indicator is Indicator.PROBLEMS_REDUCED:
            return f"{value:+.1f}".replace(".", ",")
        return f"{value:.1f}".replace(".", ",").removesuffix(",0")

    @property
    def percent(self) -> int | None:
        """A share as a whole percentage, for the bar; None for other figures or hidden."""
        value = self.figure.value
        if not self.definition.is_share or value is None:
            return None
        return round(value * 100)

    @property
    def bars(self) -> list[tuple[int, int, int, int, int]]:
        """Satisfaction as columns in a 220 x 120 picture: (score, answers, x, top,
        height), the most common score 100 high."""
        if self.indicator is not Indicator.SATISFACTION or self.figure.hidden:
            return []
        if not self.figure.values:
            return []  # nobody answered: no chart of eleven empty columns
        counts = self.figure.distribution
        most = max(counts.values(), default=0) or 1
        bars = []
        for score, answers in counts.items():
            height = round(answers * 100 / most)
            bars.append((score, answers, 2 + score * 20, 100 - height, height))
        return bars


@dataclass(frozen=True)
class StepRow:
    """One step at the end of a quarter: how many plans were in it, and the length of its
    bar (0–100, the fullest shown step 100)."""

    step: object
    name: str
    count: StepCount
    width: int

    @property
    def shown(self) -> str:
        return f"< {MINIMUM}" if self.count.hidden else str(self.count.plans)


@dataclass
class Report:
    """The cube for one person's scope, with the labels to show it."""

    indicators: Indicators
    steps: PlansPerStep
    scope: IndicatorScope
    organisations: dict[object, str]

    @property
    def periods(self) -> list[str]:
        """Newest first: each year, then its quarters; those with plans closed or with
        plans open at a quarter's end."""
        periods = {str(period) for period in self.indicators.dimensions[0].parents}
        periods.update(self.steps.quarters, (quarter[:4] for quarter in self.steps.quarters))
        return sorted(periods, key=lambda p: (-int(p[:4]), len(p) > 4, p))

    @property
    def first_period(self) -> str:
        """The period the page opens with: the newest year with closed plans, or else the
        newest with plans per step."""
        closed = {str(period) for period in self.indicators.dimensions[0].parents}
        return next((p for p in self.periods if p in closed), self.periods[0])

    def rows(
        self, period: str, organisation: object, help_type: object, framework: object
    ) -> list[Row]:
        return [
            Row(
                indicator,
                DEFINITIONS[indicator],
                self.indicators.figure(indicator, period, organisation, help_type, framework),
            )
            for indicator in Indicator
        ]

    @staticmethod
    def groups(rows: list[Row]) -> list[tuple[Promise, list[Row]]]:
        """The rows under their headings: the outcomes first, then the process."""
        return [
            (KIND_LABELS[kind], [row for row in rows if row.definition.kind is kind])
            for kind in Kind
        ]

    def step_rows(
        self, period: str, organisation: object, help_type: object, framework: object
    ) -> tuple[str | None, list[StepRow]]:
        """The quarter whose end is shown for `period`, and a row per step and for all."""
        quarter = self.steps.quarter_for(period)
        if quarter is None:
            return None, []
        names: dict[object, str] = {step.value: f"{step.value} {step.label}" for step in Step}
        names[ALL] = str(_("alle stappen"))
        counts = {
            step: self.steps.count(quarter, step, organisation, help_type, framework)
            for step in names
        }
        most = max((c.plans for s, c in counts.items() if s != ALL and not c.hidden), default=0)
        return quarter, [
            StepRow(
                step,
                names[step],
                count,
                0 if count.hidden or step == ALL else round(count.plans * 100 / (most or 1)),
            )
            for step, count in counts.items()
        ]

    def cells(self) -> Iterator[tuple[str, object, object, object]]:
        """Every cell this person may see, for the download."""
        dimensions = self.indicators.dimensions
        for period in self.periods:
            for organisation in self.organisation_choices():
                for help_type in dimensions[2].parents:
                    for framework in dimensions[3].parents:
                        yield period, organisation, help_type, framework

    def organisation_choices(self) -> list[object]:
        if self.scope.organisation_id is not None:
            return [self.scope.organisation_id]
        return [
            ALL,
            *sorted(
                (k for k in self.organisations if k != ALL), key=lambda k: self.organisations[k]
            ),
        ]

    def describe(self, *cell: object) -> str:
        """The cell in words, for the access log's row. All organisations, for a quality
        officer, are their own (A5: the log says what they could read)."""
        names = (_("periode"), _("organisatie"), _("soort hulp"), _("kader"))
        if cell[1] == ALL:
            cell = (cell[0], self.organisation_choices()[0], *cell[2:])
        return "; ".join(
            f"{name}: {self.label(axis, value)}"
            for axis, (name, value) in enumerate(zip(names, cell, strict=True))
        )

    def label(self, dimension: int, value: object) -> str:
        if dimension == 1:
            return self.organisations.get(value, str(value))
        if value == ALL:
            return str(_("alle"))
        if dimension == 2:
            return str(HELP_TYPE_LABELS.get(str(value), value))
        if dimension == 3:
            return str(Framework(str(value)).label)
        return str(value)


def build_report(scope: IndicatorScope, today: datetime.date) -> Report:
    """All plans' figures (the suppression needs the whole cube), labelled for `scope`."""
    facts = read_facts()
    indicators = compute(facts, today, frozen=FrozenOutcomes.read())
    FrozenOutcomes.keep(indicators.new)
    keys = set(indicators.dimensions[1].parents) - {ALL, NO_PROVIDER}
    names: dict[object, str] = {
        pk: name for pk, name in Organisation.objects.filter(pk__in=keys).values_list("pk", "name")
    }
    names[ALL] = str(_("alle organisaties"))
    names[NO_PROVIDER] = str(_("nog geen aanbieder"))
    if scope.organisation_id is not None:
        own = (
            Organisation.objects.filter(pk=scope.organisation_id)
            .values_list("name", flat=True)
            .first()
        )
        names[scope.organisation_id] = own or ""
    steps = compute_steps(facts, today, frozen=FrozenStepCounts.read())
    FrozenStepCounts.keep(steps.new)
    return Report(indicators, steps, scope, names)
