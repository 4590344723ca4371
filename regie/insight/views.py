"""The indicator page and its CSV download (issue 15), for the municipality's policy
officer (every plan) and an organisation's quality officer (their own organisation).
Figures only: no plan, name or text is ever read for them. Every view and download is a
row in the access log."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regie.access.events import Event, EventKind
from regie.access.policy.accounts import IndicatorScope
from regie.access.requests import client_ip, csv_cell
from regie.accounts.models import User
from regie.insight.indicators import ALL
from regie.insight.reading import AXES, cell_keys, cell_lines, definitions, log_reading, reader
from regie.insight.report import KIND_LABELS, STEPS_MEAN, STEPS_NAME, Kind, Report, build_report
from regie.insight.suppression import MINIMUM

FIELDS = ("periode", "organisatie", "hulp", "kader")  # the page's names for AXES


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
        keys = cell_keys(report)
        self.keys: dict[str, dict[str, object]] = {
            name: keys[axis] for name, axis in zip(FIELDS, AXES, strict=True)
        }
        for axis, name in enumerate(FIELDS):
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
        return tuple(self.keys[name][data[name]] for name in FIELDS)  # type: ignore[return-value]


def _scope(request: HttpRequest) -> tuple[User, IndicatorScope]:
    return reader(request.user)


def _record(kind: EventKind, user: User, request: HttpRequest, part: str) -> None:
    log_reading(kind, user, client_ip(request), part)


@login_required
@require_GET
@never_cache
def indicators_page(request: HttpRequest) -> HttpResponse:
    user, scope = _scope(request)
    report = build_report(scope, timezone.localdate())
    if not report.periods:  # no plan has closed yet: nothing to count
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
    lines = definitions()
    for kind, label in KIND_LABELS.items():
        buffer.write(f"# {label}\n")
        for line in lines:
            if line["group"] == kind:
                buffer.write(f"# {line['id']} {line['name']}: {line['definition']}\n")
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
    for cell in cell_lines(report, report.cells()):
        labels = cell["labels"]  # the organisation's is a name an administrator typed
        where = [labels[axis] for axis in AXES]
        for figure in cell["indicators"]:
            group = KIND_LABELS[Kind(figure["group"])]
            name = f"{figure['id']} {figure['name']}"
            plans = f"< {MINIMUM}" if figure["plans"] is None else figure["plans"]
            writer.writerow([csv_cell(v) for v in (*where, group, name, plans, figure["shown"])])
        for step in cell["steps"]:
            name = _("Plannen per stap, eind %(quarter)s: %(step)s") % {
                "quarter": cell["steps_quarter"],
                "step": step["name"],
            }
            group = KIND_LABELS[Kind.PROCESS]
            values = (*where, group, name, step["shown"], step["shown"])
            writer.writerow([csv_cell(v) for v in values])
    _record(Event.INDICATORS_EXPORTED, user, request, report.describe(ALL, ALL, ALL, ALL))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="regie-cijfers-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response
