"""The indicator page and its CSV download (issue 15), for the municipality's policy
officer (every plan) and an organisation's quality officer (their own organisation).
Figures only: no plan, name or text is ever read for them. Every view and download is a
row in the access log."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regie.access import policy
from regie.access.events import Event, EventKind
from regie.access.log import record
from regie.access.policy.accounts import IndicatorScope, indicator_scope
from regie.access.requests import client_ip, csv_cell
from regie.accounts.models import User
from regie.insight.indicators import ALL
from regie.insight.report import (
    DEFINITIONS,
    KIND_LABELS,
    STEPS_MEAN,
    STEPS_NAME,
    Kind,
    Report,
    build_report,
)
from regie.insight.suppression import MINIMUM

ROLE = "cijfers"


class CellForm(forms.Form):
    """Which cell: period, organisation, type of help, framework. Choices come from the
    report, so nothing outside the person's scope can be asked for."""

    periode = forms.ChoiceField(label=gettext_lazy("Periode"))
    organisatie = forms.ChoiceField(label=gettext_lazy("Organisatie"))
    hulp = forms.ChoiceField(label=gettext_lazy("Soort hulp"))
    kader = forms.ChoiceField(label=gettext_lazy("Vrijwillig of verplicht"))

    def __init__(self, data: object, report: Report) -> None:
        super().__init__(data)  # type: ignore[arg-type]
        self.report = report
        dimensions = report.indicators.dimensions
        self.keys: dict[str, dict[str, object]] = {
            "periode": {str(p): p for p in report.periods},
            "organisatie": {str(k): k for k in report.organisation_choices()},
            "hulp": {str(k): k for k in dimensions[2].parents},
            "kader": {str(k): k for k in dimensions[3].parents},
        }
        for axis, name in enumerate(("periode", "organisatie", "hulp", "kader")):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)  # noqa: S101  # declared above
            field.choices = [
                (key, report.label(axis, value)) for key, value in self.keys[name].items()
            ]
            field.initial = next(iter(self.keys[name]), "")
        self.fields["periode"].initial = report.first_period

    def cell(self) -> tuple[object, object, object, object]:
        data = (
            self.cleaned_data if self.is_bound else {n: self.fields[n].initial for n in self.keys}
        )
        return tuple(
            self.keys[name][data[name]] for name in ("periode", "organisatie", "hulp", "kader")
        )  # type: ignore[return-value]


def _scope(request: HttpRequest) -> tuple[User, IndicatorScope]:
    user = request.user
    scope = indicator_scope(user) if isinstance(user, User) else None
    if scope is None:
        raise Http404(_("Niet gevonden."))
    return user, scope  # type: ignore[return-value]


def _record(kind: EventKind, user: User, request: HttpRequest, part: str) -> None:
    record(kind, actor=policy.user_actor(user, ip_address=client_ip(request), role=ROLE), part=part)


@login_required
@require_GET
@never_cache
def indicators_page(request: HttpRequest) -> HttpResponse:
    user, scope = _scope(request)
    report = build_report(scope, timezone.localdate())
    if not report.periods:  # no plan closed, no quarter over: nothing to count
        _record(Event.INDICATORS_VIEWED, user, request, "")
        return render(request, "insight/indicators.html", {"report": report, "minimum": MINIMUM})
    form = CellForm(request.GET or None, report)
    if form.is_bound and not form.is_valid():
        return render(
            request, "insight/indicators.html", {"form": form, "report": report}, status=400
        )
    period, organisation, help_type, framework = form.cell()
    rows = report.rows(str(period), organisation, help_type, framework)
    _record(
        Event.INDICATORS_VIEWED,
        user,
        request,
        report.describe(period, organisation, help_type, framework),
    )
    step_quarter, step_rows = report.step_rows(str(period), organisation, help_type, framework)
    context = {
        "form": form,
        "report": report,
        "rows": rows,
        "groups": report.groups(rows),
        "step_quarter": step_quarter,
        "step_rows": step_rows,
        "steps_mean": STEPS_MEAN,
        "minimum": MINIMUM,
    }
    return render(request, "insight/indicators.html", context)


@login_required
@require_GET
@never_cache
def indicators_csv(request: HttpRequest) -> HttpResponse:
    """Every cell of the person's scope, one line per cell and figure, with the
    definitions as comment lines above the header, the outcomes apart from the process."""
    user, scope = _scope(request)
    report = build_report(scope, timezone.localdate())
    buffer = io.StringIO()
    for kind, label in KIND_LABELS.items():
        buffer.write(f"# {label}\n")
        for indicator, definition in DEFINITIONS.items():
            if definition.kind is kind:
                buffer.write(f"# {indicator} {definition.name}: {definition.means}\n")
    buffer.write(f"# {STEPS_NAME}: {STEPS_MEAN}\n")
    hidden = _("Minder dan %(n)s plannen: het cijfer wordt niet getoond (< %(n)s).")
    buffer.write(f"# {hidden % {'n': MINIMUM}}\n")
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("periode"),
            _("organisatie"),
            _("soort hulp"),
            _("kader"),
            _("groep"),
            _("cijfer"),
            _("plannen"),
            _("waarde"),
        ]
    )
    for cell in report.cells():
        writer.writerows([csv_cell(value) for value in line] for line in _csv_lines(report, *cell))
    _record(Event.INDICATORS_EXPORTED, user, request, report.describe(ALL, ALL, ALL, ALL))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="regie-cijfers-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response


def _csv_lines(
    report: Report, period: str, organisation: object, help_type: object, framework: object
) -> Iterator[list[object]]:
    """One cell's lines: each indicator, then the plans per step."""
    cell = [
        period,
        report.label(1, organisation),  # a name an administrator typed
        report.label(2, help_type),
        report.label(3, framework),
    ]
    for row in report.rows(period, organisation, help_type, framework):
        plans = f"< {MINIMUM}" if row.figure.hidden else row.figure.plans
        name = f"{row.indicator} {row.definition.name}"
        yield [*cell, KIND_LABELS[row.definition.kind], name, plans, row.shown]
    quarter, steps = report.step_rows(period, organisation, help_type, framework)
    for step in steps:
        name = _("Plannen per stap, eind %(quarter)s: %(step)s") % {
            "quarter": quarter,
            "step": step.name,
        }
        yield [*cell, KIND_LABELS[Kind.PROCESS], name, step.shown, step.shown]
