"""Forms of deciding on help (step 6, R13–R15): options and preferences, the decision,
the family's agreement and choice of provider, and the application."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.catalog.models import Intervention
from regie.core.validators import validate_no_bidi_controls
from regie.plans.models import (
    Application,
    ApplicationOutcome,
    Decision,
    Funding,
    Goal,
    HelpOption,
    Participant,
    Plan,
    Preference,
)
from regie.web.forms.base import DATE, TEXT, ParticipantChoice, PlanForm


class OptionForm(PlanForm):
    title = forms.CharField(label=_("Mogelijkheid"), max_length=200)
    description = forms.CharField(label=_("Wat houdt het in?"), widget=TEXT, required=False)
    is_professional_help = forms.BooleanField(
        label=_("Professionele hulp"), required=False, initial=True
    )
    intervention = forms.ModelChoiceField(
        queryset=Intervention.objects.filter(is_active=True),
        to_field_name="public_id",
        label=_("Soort hulp uit de lijst"),
        required=False,
    )
    goals = forms.ModelMultipleChoiceField(
        queryset=Goal.objects.none(),
        to_field_name="public_id",
        label=_("Voor welke doelen?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pros = forms.CharField(label=_("Voordelen"), widget=TEXT)
    cons = forms.CharField(label=_("Nadelen"), widget=TEXT)
    fit = forms.CharField(
        label=_("Past het bij ons?"),
        widget=TEXT,
        required=False,
        help_text=_("Cultuur, wat het gezin aankan, hun eigen verklaring."),
    )

    def setup(self) -> None:
        self.choose("goals", self.active_goals())


class PreferenceForm(PlanForm):
    record_field = "option"
    record_model = HelpOption
    preference = forms.ChoiceField(label=_("Uw voorkeur"), choices=Preference.choices)
    reason = forms.CharField(label=_("Waarom?"), max_length=500)


def open_options(plan: Plan) -> QuerySet[HelpOption]:
    """The help options not withdrawn: the ones a decision can choose."""
    return HelpOption.objects.filter(plan=plan, withdrawn_at__isnull=True)


def plan_decisions(plan: Plan) -> QuerySet[Decision]:
    return Decision.objects.filter(plan=plan)


class DecisionForm(PlanForm):
    option = forms.ModelChoiceField(
        queryset=HelpOption.objects.none(), to_field_name="public_id", label=_("Gekozen hulp")
    )
    rationale = forms.CharField(label=_("Waarom deze hulp?"), widget=TEXT)
    provider = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        to_field_name="public_id",
        label=_("Aanbieder"),
        required=False,
    )
    provider_name = forms.CharField(
        label=_("Of: aanbieder die niet in de lijst staat"),
        max_length=200,
        required=False,
        validators=[validate_no_bidi_controls],
    )
    provider_chosen_by = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Aanbieder gekozen door"),
        required=False,
    )
    funding = forms.ChoiceField(label=_("Financiering"), choices=Funding.choices)
    aftercare = forms.CharField(label=_("Afspraken over nazorg"), widget=TEXT)
    professional_help_reason = forms.CharField(
        label=_("Reden als eigen kracht of familiegroepsplan nog niet zijn vastgelegd"),
        widget=TEXT,
        required=False,
    )

    def setup(self) -> None:
        self.choose("option", open_options(self.plan))
        self.choose("provider_chosen_by", self.family())


class AgreeDecisionForm(PlanForm):
    record_field = "decision"
    record_model = Decision
    agrees = forms.TypedChoiceField(
        label=_("Eens met het besluit?"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("ja")), ("no", _("nee"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False)


class ChooseProviderForm(PlanForm):
    """R14: the family chooses who gives the help."""

    record_field = "decision"
    record_model = Decision
    provider = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        to_field_name="public_id",
        label=_("Aanbieder"),
        required=False,
    )
    provider_name = forms.CharField(
        label=_("Of: aanbieder die niet in de lijst staat"),
        max_length=200,
        required=False,
        validators=[validate_no_bidi_controls],
    )


class ApplicationForm(PlanForm):
    decision = forms.ModelChoiceField(
        queryset=Decision.objects.none(), to_field_name="public_id", label=_("Besluit")
    )
    submitted_on = forms.DateField(label=_("Aangevraagd op"), widget=DATE)

    def setup(self) -> None:
        self.choose("decision", plan_decisions(self.plan))


class LateNoticeForm(PlanForm):
    record_field = "application"
    record_model = Application
    sent_on = forms.DateField(label=_("Verteld op"), widget=DATE)
    message = forms.CharField(label=_("Wat is het gezin verteld?"), widget=TEXT)
    expected_on = forms.DateField(label=_("Verwachte beslisdatum"), widget=DATE, required=False)


class ApplicationOutcomeForm(PlanForm):
    record_field = "application"
    record_model = Application
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (ApplicationOutcome.GRANTED, ApplicationOutcome.GRANTED.label),
            (ApplicationOutcome.REFUSED, ApplicationOutcome.REFUSED.label),
        ],
    )
    decided_on = forms.DateField(label=_("Besloten op"), widget=DATE)
