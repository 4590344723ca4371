"""Forms of the entries the family can read and check (R2): writing, reacting,
correcting and withdrawing, and keeping a youth's wish or entry from the parents (A4)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.plans.models import Entry, EntryKind, Participant, Verdict, Wish
from regie.web.forms.base import TEXT, ParticipantChoice, PlanForm, VersionField, confirm_field


class EntryForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=EntryKind.choices, widget=forms.RadioSelect)
    about = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Over wie?"),
        required=False,
        help_text=_("Leeg: over het hele gezin."),
    )
    body = forms.CharField(
        label=_("Aantekening"),
        widget=TEXT,
        help_text=_("Schrijf zo dat het gezin het kan lezen en controleren."),
    )

    def setup(self) -> None:
        self.choose("about", self.family())


class ReactForm(PlanForm):
    record_field = "entry"
    record_model = Entry
    verdict = forms.ChoiceField(
        label=_("Klopt dit?"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("In uw eigen woorden"), widget=TEXT, required=False)


class CorrectEntryForm(PlanForm):
    record_field = "entry"
    record_model = Entry
    body = forms.CharField(label=_("Verbeterde tekst"), widget=TEXT)
    reason = forms.CharField(label=_("Wat verbetert u en waarom?"), max_length=500)
    expected_version = VersionField()


class WithdrawEntryForm(PlanForm):
    record_field = "entry"
    record_model = Entry
    reason = forms.CharField(label=_("Waarom trekt u dit in?"), max_length=500)
    confirm = confirm_field(_("Ja, trek deze aantekening in. Ze blijft zichtbaar als ingetrokken."))


class PrivacyForm(PlanForm):
    """Keep a wish or an entry from the parents, or share it again (A4)."""

    record_field = "record"
    record = forms.UUIDField(widget=forms.HiddenInput)

    def clean_record(self) -> Wish | Entry:
        public_id = self.cleaned_data["record"]
        found = (
            Wish.objects.filter(plan=self.plan, public_id=public_id).first()
            or Entry.objects.filter(plan=self.plan, public_id=public_id).first()
        )
        if found is None:
            raise forms.ValidationError(_("Niet gevonden."))
        return found
