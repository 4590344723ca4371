"""Forms of executing and closing (steps 7 and 8, R17–R20): evaluations and their
scores, meetings, information agreements, aftercare and closing the plan."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Organisation
from regie.plans.models import (
    AftercareKind,
    Evaluation,
    EvaluationOutcome,
    Goal,
    GoingOn,
    HelpEnding,
    Participant,
)
from regie.web.forms.base import (
    DATE,
    TEXT,
    ParticipantChoice,
    PlanForm,
    VersionField,
    confirm_field,
)


class ScheduleEvaluationForm(PlanForm):
    scheduled_for = forms.DateField(label=_("Datum"), widget=DATE)


class RequestEvaluationForm(PlanForm):
    reason = forms.CharField(label=_("Waarom een extra evaluatie?"), widget=TEXT)
    wanted_by = forms.DateField(label=_("Graag voor"), widget=DATE, required=False)


class ScoreSlider(forms.NumberInput):
    """R19: a 0–10 score as a slider with faces (😟 0, 😐 5, 😀 10). It is a native range
    input: it works with the keyboard (arrows, Home, End) and without JavaScript, with
    tick marks and the meaning of the numbers next to it; static/web/score.js adds the
    number it stands at, updated as it moves (CSP: no inline script)."""

    input_type = "range"
    template_name = "web/widgets/score_slider.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"min": 0, "max": 10, "step": 1, "data-score": "", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        if widget["value"] in (None, ""):
            widget["value"] = "5"  # a range always has a value: start in the middle
        element_id = widget["attrs"].get("id")
        if element_id:
            described = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{described} {element_id}_scale".strip()
            widget["attrs"]["list"] = f"{element_id}_ticks"
        widget["ticks"] = range(0, 11)
        return context


class ScoreForm(PlanForm):
    record_field = "evaluation"
    record_model = Evaluation
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(), to_field_name="public_id", label=_("Doel")
    )
    score = forms.IntegerField(
        label=_("Cijfer (0–10)"), min_value=0, max_value=10, widget=ScoreSlider
    )
    comment = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    member = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Cijfer van"),
        required=False,
        help_text=_("Leeg: uw eigen cijfer."),
    )

    def setup(self) -> None:
        self.choose("goal", self.all_goals())
        self.choose("member", self.people())


class RecordEvaluationForm(PlanForm):
    record_field = "evaluation"
    record_model = Evaluation
    held_on = forms.DateField(label=_("Gehouden op"), widget=DATE)
    working_relationship = forms.CharField(label=_("Hoe gaat de samenwerking?"), widget=TEXT)
    satisfaction = forms.IntegerField(label=_("Tevredenheid (0–10)"), min_value=0, max_value=10)
    satisfaction_reasons = forms.CharField(label=_("Waarom?"), widget=TEXT)
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=EvaluationOutcome.choices)
    notes = forms.CharField(label=_("Afspraken"), widget=TEXT, required=False)
    expected_version = VersionField()


class MeetingForm(PlanForm):
    title = forms.CharField(label=_("Onderwerp"), max_length=200)
    planned_at = forms.DateTimeField(
        label=_("Wanneer"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    attendees = forms.ModelMultipleChoiceField(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Wie is er nodig?"),
        widget=forms.CheckboxSelectMultiple,
    )
    why_needed = forms.CharField(
        label=_("Waarom zijn deze hulpverleners nodig?"), max_length=300, required=False
    )

    def setup(self) -> None:
        self.choose("attendees", self.people())


class InfoAgreementForm(PlanForm):
    from_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), to_field_name="public_id", label=_("Van")
    )
    to_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), to_field_name="public_id", label=_("Aan")
    )
    what = forms.CharField(label=_("Wat wordt teruggekoppeld?"), widget=TEXT)
    frequency = forms.CharField(label=_("Hoe vaak?"), max_length=120)

    def setup(self) -> None:
        organisations = self.organisations()
        self.choose("from_organisation", organisations)
        self.choose("to_organisation", organisations)


class AftercareForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=AftercareKind.choices)
    description = forms.CharField(label=_("Afspraak"), widget=TEXT)
    planned_on = forms.DateField(label=_("Wanneer"), widget=DATE, required=False)
    owner = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Wie"),
        required=False,
    )

    def setup(self) -> None:
        self.choose("owner", self.people())


SKIP = ("", _("Sla ik over"))
USEFULNESS_ERROR = _("Kies een cijfer van 0 tot en met 10, of sla de vraag over.")


class ClosingVoiceForm(PlanForm):
    """The family's voice at the end (step 8, issue 15): two short questions a parent or a
    youth of 12+ may each skip. A row of radio buttons, not a slider: a slider always has
    a value, and "no answer" must stay possible."""

    usefulness = forms.TypedChoiceField(
        label=_("Hoe nuttig was de hulp voor u?"),
        help_text=_("0 is helemaal niet nuttig, 10 is heel nuttig."),
        choices=[*((n, str(n)) for n in range(11)), SKIP],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "regie-scale"}),
        error_messages={"invalid_choice": USEFULNESS_ERROR},
    )
    going_on = forms.ChoiceField(
        label=_("Kunt u nu verder zonder hulp?"),
        choices=[*GoingOn.choices, SKIP],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies ja, een beetje of nee, of sla de vraag over.")},
    )

    def setup(self) -> None:
        if self.me.is_child:  # a youth is spoken to as "je", as on their own page
            self.fields["usefulness"].label = _("Hoe nuttig was de hulp voor jou?")
            self.fields["going_on"].label = _("Kun je nu verder zonder hulp?")


class ClosePlanForm(PlanForm):
    summary = forms.CharField(label=_("Hoe is de hulp afgerond?"), widget=TEXT)
    # The municipality's outcome indicators (issue 15): drop-out and follow-up help.
    ending = forms.ChoiceField(
        label=_("Hoe is de hulp geëindigd?"),
        choices=HelpEnding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de hulp is geëindigd.")},
    )
    follow_up_help = forms.TypedChoiceField(
        label=_("Start er vervolghulp?"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("ja")), ("no", _("nee"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    help_ended_on = forms.DateField(label=_("Hulp beëindigd op"), widget=DATE, required=False)
    confirm = confirm_field(_("Ja, sluit het plan af. Daarna kan er niets meer bij."))
