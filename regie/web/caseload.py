"""Search, filters, sorting and pages of a professional's caseload (issue 5): a GET form
that works without JavaScript, leaves out what it does not understand and says so, and
makes page links that keep the choice."""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from regie.plans.models import Step
from regie.plans.selectors import CASELOAD_SORTS, DEFAULT_SORT, Caseload

PER_PAGE = 20
SORT_LABELS = {
    "due": _("Wat het eerst moet (te laat bovenaan)"),
    "family": _("Naam gezin (A–Z)"),
    "step": _("Stap"),
    "deadline": _("Eerste beslistermijn"),
}


class CaseloadForm(forms.Form):
    """Field names are the keyword arguments of `selectors.caseload`."""

    query = forms.CharField(
        label=_("Zoek een gezin"),
        required=False,
        max_length=100,
        help_text=_("Een deel van de naam is genoeg."),
    )
    step = forms.TypedChoiceField(
        label=_("Stap"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Alle stappen")), *Step.choices],
    )
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[(key, SORT_LABELS[key]) for key in CASELOAD_SORTS],
    )
    overdue_only = forms.BooleanField(label=_("Alleen met een te late evaluatie"), required=False)
    waiting_only = forms.BooleanField(
        label=_("Alleen met aantekeningen die wachten op het gezin"), required=False
    )
    deadline_soon = forms.BooleanField(
        label=_("Beslistermijn binnen 14 dagen of verlopen"), required=False
    )
    coordinator_only = forms.BooleanField(
        label=_("Alleen plannen waar ik zorgcoördinator ben"), required=False
    )

    FLAGS = ("overdue_only", "waiting_only", "deadline_soon", "coordinator_only")

    def choice(self) -> dict[str, Any]:
        """What was chosen and fits; a value that does not fit (stap=99) is left out."""
        self.is_valid()
        chosen = {name: self.cleaned_data[name] for name in self.fields if name not in self.errors}
        chosen["query"] = (chosen.get("query") or "").strip()
        chosen["sort"] = chosen.get("sort") or DEFAULT_SORT
        return chosen

    def choice_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("query", "step", "sort")]

    def flag_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.FLAGS]

    def ignored(self) -> list[str]:
        """The labels of the fields whose value was left out."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]


def is_filtered(choice: dict[str, Any]) -> bool:
    return (
        bool(choice.get("query"))
        or choice.get("step") is not None
        or any(choice.get(flag) for flag in CaseloadForm.FLAGS)
    )


def querystring(choice: dict[str, Any]) -> str:
    """The choice as a query string, without the defaults, for page links."""
    pairs: list[tuple[str, Any]] = []
    if choice.get("query"):
        pairs.append(("query", choice["query"]))
    if choice.get("step") is not None:
        pairs.append(("step", choice["step"]))
    pairs += [(flag, "on") for flag in CaseloadForm.FLAGS if choice.get(flag)]
    if choice.get("sort", DEFAULT_SORT) != DEFAULT_SORT:
        pairs.append(("sort", choice["sort"]))
    return urlencode(pairs)


def page_of(caseload: Caseload, number: str | None) -> tuple[Page, bool]:
    """The asked page or, when the number is not a page (abc, 0, 999), the nearest one that
    is; True when the number was changed."""
    paginator = Paginator(caseload, PER_PAGE)
    try:
        asked = int(number or 1)
    except ValueError:
        return paginator.page(1), True
    nearest = min(max(asked, 1), paginator.num_pages)
    return paginator.page(nearest), nearest != asked


def log_part(choice: dict[str, Any], page: Page) -> str:
    """What the search asked, for the access log (A5): the count, the page and the filters,
    never the names of the families found. The search text goes last, so the log's length
    limit cuts that rather than the filters."""
    bits = [f"{page.paginator.count} plannen", f"pagina {page.number}"]
    if choice.get("step") is not None:
        bits.append(f"stap {choice['step']}")
    labels = {
        "overdue_only": "evaluatie te laat",
        "waiting_only": "wacht op gezin",
        "deadline_soon": "termijn 14 dagen",
        "coordinator_only": "zorgcoördinator",
    }
    bits += [label for flag, label in labels.items() if choice.get(flag)]
    if choice.get("sort", DEFAULT_SORT) != DEFAULT_SORT:
        bits.append(f"sortering {choice['sort']}")
    if choice.get("query"):
        bits.append(f"zoekterm '{choice['query'][:20]}'")
    return ", ".join(bits)
