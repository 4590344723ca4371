"""Forms of the one place to complain (R22)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.plans.models import Complaint, ComplaintKind, ComplaintStatus
from regie.web.forms.base import TEXT, PlanForm


class ComplaintForm(PlanForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        to_field_name="public_id",
        label=_("Over welke organisatie?"),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=ComplaintKind.choices)
    text = forms.CharField(label=_("Wat wilt u kwijt?"), widget=TEXT)

    def setup(self) -> None:
        self.choose("organisation", self.organisations())


class ComplaintStatusForm(PlanForm):
    record_field = "complaint"
    record_model = Complaint
    status = forms.ChoiceField(label=_("Status"), choices=ComplaintStatus.choices)
    note = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False)
