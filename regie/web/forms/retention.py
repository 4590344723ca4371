"""Forms of early destruction (A8): the family asks, a professional decides."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.web.forms.base import TEXT, PlanForm


class RequestDestructionForm(PlanForm):
    reason = forms.CharField(
        label=_("Waarom wilt u dat het plan eerder wordt vernietigd?"),
        widget=TEXT,
        required=False,
        help_text=_("Niet verplicht. Een hulpverlener beslist en legt uit waarom."),
    )


class HandleDestructionForm(forms.Form):
    request = forms.UUIDField(widget=forms.HiddenInput)
    grant = forms.TypedChoiceField(
        label=_("Besluit"),
        coerce=lambda v: v == "grant",
        widget=forms.RadioSelect,
        choices=[("grant", _("vernietigen")), ("refuse", _("niet vernietigen"))],
    )
    reason = forms.CharField(
        label=_("Toelichting voor het gezin"),
        widget=TEXT,
        required=False,
        help_text=_("Verplicht als het plan niet wordt vernietigd."),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat alles van dit plan wordt verwijderd."), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("grant") and not data.get("confirm"):
            self.add_error("confirm", _("Vink aan dat u begrijpt dat alles wordt verwijderd."))
        return data
