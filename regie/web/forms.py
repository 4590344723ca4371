"""Forms for the plan pages. Fields are named after the service arguments they feed.
Records are chosen by public id and only from this plan (ModelChoiceField querysets)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import Invitation, Organisation, User
from regie.catalog.models import Intervention, LifeDomain
from regie.core.versioning import Versioned
from regie.families.models import Gender, Person, PersonKind, RelationKind
from regie.plans.models import (
    PROFESSIONAL_ROLES,
    AftercareKind,
    Application,
    ApplicationOutcome,
    Complaint,
    ComplaintKind,
    ComplaintStatus,
    Condition,
    ConditionKind,
    ConsultationKind,
    Decision,
    DomainAssessment,
    Enough,
    Entry,
    EntryKind,
    Evaluation,
    EvaluationOutcome,
    FactorKind,
    Framework,
    Funding,
    Goal,
    GoalStatus,
    GoalTerm,
    GroupPlanAnswer,
    HelpOption,
    LegalMeasure,
    NetworkAssessment,
    Participant,
    Plan,
    Position,
    Preference,
    Role,
    Share,
    ShareKind,
    Step,
    Verdict,
    Wish,
)
from regie.plans.models import Action as PlanAction

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3})


class PlanForm(forms.Form):
    """A form bound to one plan and the person filling it in. `record_field` names the
    hidden field that says which record of the plan a per-record form acts on."""

    record_field = ""
    # A per-record form names the model; the hidden field choosing the record is added
    # here, limited to this plan's records.
    record_model: Any = None
    # The conflict screen (issue 5): where a field's saved value lives on the record when
    # the names differ, and what the view found when someone else saved first.
    saved_as: dict[str, str] = {}
    conflict: Any = None

    def __init__(self, *args: Any, plan: Plan, me: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.me = me
        if self.record_model is not None:
            self.fields[self.record_field] = forms.ModelChoiceField(
                queryset=self.record_queryset(),
                to_field_name="public_id",
                widget=forms.HiddenInput,
            )
        self.setup()

    def record_queryset(self) -> Any:
        return self.record_model.objects.filter(plan=self.plan)

    def setup(self) -> None:
        """Limit choice fields to this plan's records."""

    def initial_for(self, record: Any) -> dict[str, Any]:
        """Initial values of a per-record form: which record, and the version seen."""
        initial: dict[str, Any] = {self.record_field: record.public_id}
        if "expected_version" in self.fields:
            initial["expected_version"] = record.version
        return initial

    def versioned_record(self) -> Versioned | None:
        """The record whose version `expected_version` names (after is_valid), or None."""
        record = self.cleaned_data.get(self.record_field) if self.record_field else None
        return record if isinstance(record, Versioned) else None

    def records(self, model: Any, **filters: Any) -> forms.ModelChoiceField:
        return forms.ModelChoiceField(
            queryset=model.objects.filter(plan=self.plan, **filters), to_field_name="public_id"
        )

    def people(self, **filters: Any) -> Any:
        return Participant.objects.filter(
            plan=self.plan, ends_on__isnull=True, **filters
        ).select_related("person", "user")


class ParticipantChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def participant_field(queryset: Any, label: Any, required: bool = True) -> ParticipantChoice:
    return ParticipantChoice(
        queryset=queryset, to_field_name="public_id", label=label, required=required
    )


def confirm_field(label: Any) -> forms.BooleanField:
    """A required tick for actions that cannot be undone: works without JavaScript."""
    return forms.BooleanField(
        label=label,
        required=True,
        error_messages={"required": _("Vink aan dat u het zeker weet.")},
    )


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput


# ---- Plan and team ---------------------------------------------------------------------


class OpenPlanForm(forms.Form):
    family_name = forms.CharField(
        label=_("Naam van het gezin"), max_length=120, help_text=_("Bijvoorbeeld 'Gezin Yılmaz'.")
    )
    role = forms.ChoiceField(
        label=_("Uw rol in dit plan"),
        choices=[(r.value, r.label) for r in Role if r in PROFESSIONAL_ROLES],
        initial=Role.REFERRER,
    )
    framework = forms.ChoiceField(label=_("Kader"), choices=Framework.choices)
    legal_measure = forms.ChoiceField(
        label=_("Maatregel"),
        choices=LegalMeasure.choices,
        required=False,
        help_text=_("Alleen bij het gedwongen kader."),
    )


class MoveStepForm(PlanForm):
    to_step = forms.TypedChoiceField(label=_("Naar stap"), coerce=int, choices=Step.choices)
    reason = forms.CharField(
        label=_("Reden"),
        widget=TEXT,
        required=False,
        help_text=_("Verplicht als het plan een stap terug gaat."),
    )
    expected_version = VersionField()
    saved_as = {"to_step": "step"}

    def versioned_record(self) -> Versioned | None:
        return self.plan


class FrameworkForm(PlanForm):
    framework = forms.ChoiceField(label=_("Kader"), choices=Framework.choices)
    legal_measure = forms.ChoiceField(
        label=_("Maatregel"), choices=LegalMeasure.choices, required=False
    )
    legal_measure_until = forms.DateField(
        label=_("Maatregel loopt tot"), widget=DATE, required=False
    )


class AddPersonForm(PlanForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=80)
    last_name = forms.CharField(label=_("Achternaam"), max_length=120, required=False)
    kind = forms.ChoiceField(label=_("Wie is het"), choices=PersonKind.choices)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.OTHER)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=DATE, required=False)
    has_parental_authority = forms.BooleanField(label=_("Heeft gezag"), required=False)
    is_index_child = forms.BooleanField(label=_("Kind om wie het gaat"), required=False)
    in_household = forms.BooleanField(label=_("Woont in het gezin"), required=False)
    deceased = forms.BooleanField(label=_("Overleden"), required=False)
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=200,
        required=False,
        help_text=_("Bv. 'oma van moederskant'."),
    )
    role = forms.ChoiceField(
        label=_("Doet mee in het plan als"),
        choices=[
            ("", _("doet niet mee (alleen in genogram)")),
            (Role.PARENT, _("ouder")),
            (Role.CHILD, _("kind of jongere")),
            (Role.NETWORK, _("netwerklid")),
        ],
        required=False,
    )


class AddProfessionalForm(PlanForm):
    user = forms.ModelChoiceField(
        queryset=User.objects.filter(organisation__isnull=False, is_active=True).select_related(
            "organisation"
        ),
        to_field_name="public_id",
        label=_("Hulpverlener"),
    )
    role = forms.ChoiceField(
        label=_("Rol"), choices=[(r.value, r.label) for r in Role if r in PROFESSIONAL_ROLES]
    )
    task = forms.CharField(label=_("Taak in dit plan"), max_length=200, required=False)


class ParticipantForm(PlanForm):
    record_field = "participant"
    participant = ParticipantChoice(
        queryset=Participant.objects.none(), to_field_name="public_id", label=_("Wie")
    )

    def setup(self) -> None:
        self.fields["participant"].queryset = self.people()  # type: ignore[attr-defined]


class ApproveProfessionalForm(ParticipantForm):
    """Shown next to each professional waiting for consent: the professional is fixed."""

    def setup(self) -> None:
        super().setup()
        self.fields["participant"].widget = forms.HiddenInput()


class RefuseProfessionalForm(ParticipantForm):
    reason = forms.CharField(label=_("Reden"), max_length=300, required=False)
    confirm = confirm_field(_("Ja, deze hulpverlener ziet het plan dan niet meer."))


class EndParticipationForm(ParticipantForm):
    reason = forms.CharField(label=_("Waarom eindigt de rol?"), max_length=300)
    confirm = confirm_field(_("Ja, deze persoon ziet het plan vanaf morgen niet meer."))


class EmptyForm(PlanForm):
    pass


class StoryForm(PlanForm):
    story = forms.CharField(
        label=_("Ons verhaal"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    request_for_help = forms.CharField(
        label=_("Onze hulpvraag"),
        widget=TEXT,
        required=False,
        help_text=_("Waar zitten jullie mee? Wat hebben jullie nodig?"),
    )
    expected_version = VersionField()

    def versioned_record(self) -> Versioned | None:
        return self.plan.story


class ProfileForm(PlanForm):
    name = forms.CharField(label=_("Naam van het gezin"), max_length=120)
    language = forms.CharField(label=_("Taal thuis"), max_length=120, required=False)
    culture = forms.CharField(label=_("Culturele achtergrond"), max_length=200, required=False)
    religion = forms.CharField(
        label=_("Geloof of levensovertuiging"), max_length=200, required=False
    )
    considerations = forms.CharField(
        label=_("Waar rekening mee te houden"), widget=TEXT, required=False
    )
    expected_version = VersionField()

    def versioned_record(self) -> Versioned | None:
        return self.plan.family


class RelationForm(PlanForm):
    from_person = forms.ModelChoiceField(
        queryset=Person.objects.none(), to_field_name="public_id", label=_("Van")
    )
    to_person = forms.ModelChoiceField(
        queryset=Person.objects.none(), to_field_name="public_id", label=_("Naar")
    )
    kind = forms.ChoiceField(label=_("Relatie"), choices=RelationKind.choices)
    closeness = forms.TypedChoiceField(
        label=_("Hoe dichtbij"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[
            ("", "—"),
            (1, _("ver weg")),
            (2, _("op afstand")),
            (3, _("dichtbij")),
            (4, _("heel dichtbij")),
        ],
    )
    conflict = forms.BooleanField(label=_("Spanning of conflict"), required=False)
    can_help_with = forms.CharField(label=_("Kan helpen met"), max_length=300, required=False)

    def setup(self) -> None:
        persons = self.plan.family.persons.all()
        self.fields["from_person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["to_person"].queryset = persons  # type: ignore[attr-defined]


# ---- Entries and wishes (R2, R4) ------------------------------------------------------------


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
        self.fields["about"].queryset = self.people(role__in=[Role.PARENT, Role.CHILD])  # type: ignore[attr-defined]


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


class WishForm(PlanForm):
    member = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Van wie is deze wens?"),
    )
    text = forms.CharField(label=_("Wat wil je dat er gebeurt?"), widget=TEXT)

    def setup(self) -> None:
        self.fields["member"].queryset = self.people(role__in=[Role.PARENT, Role.CHILD])  # type: ignore[attr-defined]
        if self.me.role in (Role.PARENT, Role.CHILD):
            self.fields["member"].initial = self.me.public_id


class WithdrawWishForm(PlanForm):
    record_field = "wish"
    record_model = Wish
    reason = forms.CharField(label=_("Waarom?"), max_length=300, required=False)


# ---- Analysis (R5, R6, R18) -------------------------------------------------------------------


class DomainForm(PlanForm):
    """Fill in a domain nobody has filled in yet; filled-in domains are edited per record."""

    domain = forms.ModelChoiceField(queryset=LifeDomain.objects.none(), label=_("Levensdomein"))
    concerns = forms.CharField(label=_("Zorgen"), widget=TEXT, required=False)
    strengths = forms.CharField(label=_("Sterke kanten"), widget=TEXT, required=False)
    score = forms.IntegerField(label=_("Score"), required=False)

    def setup(self) -> None:
        assessed = DomainAssessment.objects.filter(plan=self.plan).values("domain_id")
        self.fields["domain"].queryset = self.plan.domain_set.domains.exclude(pk__in=assessed)  # type: ignore[attr-defined]
        _setup_score(self)


class EditDomainForm(PlanForm):
    record_field = "assessment"
    assessment = forms.ModelChoiceField(
        queryset=DomainAssessment.objects.none(),
        to_field_name="public_id",
        widget=forms.HiddenInput,
    )
    concerns = forms.CharField(label=_("Zorgen"), widget=TEXT, required=False)
    strengths = forms.CharField(label=_("Sterke kanten"), widget=TEXT, required=False)
    score = forms.IntegerField(label=_("Score"), required=False)
    expected_version = VersionField()

    def setup(self) -> None:
        self.fields["assessment"].queryset = DomainAssessment.objects.filter(plan=self.plan)  # type: ignore[attr-defined]
        _setup_score(self)

    def initial_for(self, record: Any) -> dict[str, Any]:
        return {
            **super().initial_for(record),
            "concerns": record.concerns,
            "strengths": record.strengths,
            "score": record.score,
        }


def _setup_score(form: PlanForm) -> None:
    """Only scored domain sets (e.g. the ZRM, 1–5) take a score (R5)."""
    domain_set = form.plan.domain_set
    if not domain_set.is_scored:
        del form.fields["score"]
    else:
        form.fields["score"].help_text = _("Van %(lo)s tot en met %(hi)s.") % {
            "lo": domain_set.score_min,
            "hi": domain_set.score_max,
        }


class FactorForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=FactorKind.choices)
    text = forms.CharField(label=_("Omschrijving"), widget=TEXT)


class PictureForm(PlanForm):
    summary = forms.CharField(
        label=_("Samenhangend beeld: aard en ernst van de problemen"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PositionForm(PlanForm):
    member = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Standpunt van"),
        required=False,
        help_text=_("Leeg: uw eigen standpunt."),
    )
    position = forms.ChoiceField(
        label=_("Standpunt"), choices=Position.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False)

    def setup(self) -> None:
        self.fields["member"].queryset = self.people().exclude(role=Role.NETWORK)  # type: ignore[attr-defined]


class ConsultationForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort overleg"), choices=ConsultationKind.choices)
    consultant = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Gedragswetenschapper"),
        required=False,
    )
    held_on = forms.DateField(label=_("Datum"), widget=DATE)
    question = forms.CharField(label=_("Vraag"), widget=TEXT)
    advice = forms.CharField(label=_("Advies"), widget=TEXT)
    child_is_safe = forms.NullBooleanField(
        label=_("Is het kind veilig als er niets verandert?"),
        required=False,
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("ja")), ("false", _("nee"))]),
    )

    def setup(self) -> None:
        self.fields["consultant"].queryset = self.people(role=Role.BEHAVIOURAL_SCIENTIST)  # type: ignore[attr-defined]


# ---- Goals and conditions (R8, R9) ---------------------------------------------------------------


class GoalForm(PlanForm):
    text = forms.CharField(label=_("Doel, in de woorden van het gezin"), widget=TEXT)
    life_wish = forms.CharField(
        label=_("Wat betekent dit voor ons leven?"), widget=TEXT, required=False
    )
    term = forms.ChoiceField(label=_("Termijn"), choices=GoalTerm.choices)
    is_safety_goal = forms.BooleanField(
        label=_("Veiligheidsdoel (gedwongen kader)"), required=False
    )

    def setup(self) -> None:
        if not self.plan.is_compulsory:
            del self.fields["is_safety_goal"]


class MoveGoalForm(PlanForm):
    record_field = "goal"
    record_model = Goal
    # -1 and +1 are the buttons; a drag moves a goal further (at most five are active).
    direction = forms.IntegerField(min_value=-4, max_value=4)


class GoalStatusForm(PlanForm):
    record_field = "goal"
    record_model = Goal
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    reason = forms.CharField(label=_("Waarom?"), max_length=500)
    expected_version = VersionField()
    saved_as = {"reason": "status_reason"}


class ConditionForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=ConditionKind.choices)
    text = forms.CharField(label=_("Omschrijving"), widget=TEXT)


class WithdrawConditionForm(PlanForm):
    record_field = "condition"
    record_model = Condition
    reason = forms.CharField(label=_("Waarom vervalt deze?"), max_length=500)


# ---- Own strength (R10–R12) --------------------------------------------------------------------


class NetworkAssessmentForm(PlanForm):
    family_does = forms.CharField(label=_("Wat doet het gezin zelf?"), widget=TEXT, required=False)
    network_does = forms.CharField(label=_("Wat doet het netwerk?"), widget=TEXT, required=False)
    is_enough = forms.ChoiceField(
        label=_("Is dat genoeg?"), choices=[("", "—"), *Enough.choices], required=False
    )
    skip_reason = forms.CharField(
        label=_("Of: waarom kan dit nu niet eerst?"),
        widget=TEXT,
        required=False,
        help_text=_("Alleen als direct professionele hulp nodig is."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def versioned_record(self) -> Versioned | None:
        return NetworkAssessment.objects.filter(plan=self.plan).first()


class OfferGroupPlanForm(PlanForm):
    offered_on = forms.DateField(label=_("Aangeboden op"), widget=DATE, required=False)
    not_offered_reason = forms.CharField(
        label=_("Of: waarom niet aangeboden?"), widget=TEXT, required=False
    )
    pgb_informed_on = forms.DateField(
        label=_("Verteld over het persoonsgebonden budget op"), widget=DATE, required=False
    )


class AnswerGroupPlanForm(PlanForm):
    answer = forms.ChoiceField(
        label=_("Willen jullie een familiegroepsplan maken?"),
        choices=[
            (GroupPlanAnswer.ACCEPTED, GroupPlanAnswer.ACCEPTED.label),
            (GroupPlanAnswer.DECLINED, GroupPlanAnswer.DECLINED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False)
    family_plan = forms.CharField(label=_("Ons eigen plan"), widget=TEXT, required=False)


class ActionForm(PlanForm):
    description = forms.CharField(label=_("Wat gaan we doen?"), widget=TEXT)
    owner = ParticipantChoice(
        queryset=Participant.objects.none(), to_field_name="public_id", label=_("Wie doet het?")
    )
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        to_field_name="public_id",
        label=_("Voor welk doel?"),
        required=False,
    )
    due_on = forms.DateField(label=_("Klaar op"), widget=DATE, required=False)
    takeover_reason = forms.CharField(
        label=_("Waarom doet het gezin dit niet zelf?"),
        widget=TEXT,
        required=False,
        help_text=_("Verplicht als een hulpverlener de actie doet."),
    )

    def setup(self) -> None:
        self.fields["owner"].queryset = self.people()  # type: ignore[attr-defined]
        self.fields["goal"].queryset = Goal.objects.filter(  # type: ignore[attr-defined]
            plan=self.plan, status=GoalStatus.ACTIVE
        )


class CompleteActionForm(PlanForm):
    record_field = "action"
    record_model = PlanAction
    note = forms.CharField(label=_("Hoe ging het?"), widget=TEXT, required=False)


# ---- Deciding (R13–R15) --------------------------------------------------------------------------


class OptionForm(PlanForm):
    title = forms.CharField(label=_("Mogelijkheid"), max_length=200)
    description = forms.CharField(label=_("Wat houdt het in?"), widget=TEXT, required=False)
    is_professional_help = forms.BooleanField(
        label=_("Professionele hulp"), required=False, initial=True
    )
    intervention = forms.ModelChoiceField(
        queryset=Intervention.objects.filter(is_active=True),
        to_field_name="public_id",
        label=_("Interventie uit de catalogus"),
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
        self.fields["goals"].queryset = Goal.objects.filter(  # type: ignore[attr-defined]
            plan=self.plan, status=GoalStatus.ACTIVE
        )


class PreferenceForm(PlanForm):
    record_field = "option"
    record_model = HelpOption
    preference = forms.ChoiceField(label=_("Uw voorkeur"), choices=Preference.choices)
    reason = forms.CharField(label=_("Waarom?"), max_length=500)


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
        label=_("Of: aanbieder die niet in de lijst staat"), max_length=200, required=False
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
        self.fields["option"].queryset = HelpOption.objects.filter(  # type: ignore[attr-defined]
            plan=self.plan, withdrawn_at__isnull=True
        )
        self.fields["provider_chosen_by"].queryset = self.people(  # type: ignore[attr-defined]
            role__in=[Role.PARENT, Role.CHILD]
        )


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
        label=_("Of: aanbieder die niet in de lijst staat"), max_length=200, required=False
    )


class ApplicationForm(PlanForm):
    decision = forms.ModelChoiceField(
        queryset=Decision.objects.none(), to_field_name="public_id", label=_("Besluit")
    )
    submitted_on = forms.DateField(label=_("Aangevraagd op"), widget=DATE)

    def setup(self) -> None:
        self.fields["decision"].queryset = Decision.objects.filter(plan=self.plan)  # type: ignore[attr-defined]


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


# ---- Executing and closing (R17–R20, R22) -----------------------------------------------------


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
        self.fields["goal"].queryset = Goal.objects.filter(plan=self.plan)  # type: ignore[attr-defined]
        self.fields["member"].queryset = self.people()  # type: ignore[attr-defined]


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
        self.fields["attendees"].queryset = self.people()  # type: ignore[attr-defined]


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
        organisations = Organisation.objects.filter(participations__plan=self.plan).distinct()
        self.fields["from_organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["to_organisation"].queryset = organisations  # type: ignore[attr-defined]


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
        self.fields["owner"].queryset = self.people()  # type: ignore[attr-defined]


class ClosePlanForm(PlanForm):
    summary = forms.CharField(label=_("Hoe is de hulp afgerond?"), widget=TEXT)
    help_ended_on = forms.DateField(label=_("Hulp beëindigd op"), widget=DATE, required=False)
    confirm = confirm_field(_("Ja, sluit het plan af. Daarna kan er niets meer bij."))


class ComplaintForm(PlanForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        to_field_name="public_id",
        label=_("Over welke organisatie?"),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=ComplaintKind.choices)
    text = forms.CharField(label=_("Wat wilt u kwijt?"), widget=TEXT)

    def setup(self) -> None:
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            participations__plan=self.plan
        ).distinct()


class ComplaintStatusForm(PlanForm):
    record_field = "complaint"
    record_model = Complaint
    status = forms.ChoiceField(label=_("Status"), choices=ComplaintStatus.choices)
    note = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False)


# ---- Sharing and privacy (A3, A4) --------------------------------------------------------


class ShareForm(PlanForm):
    member = ParticipantChoice(
        queryset=Participant.objects.none(), to_field_name="public_id", label=_("Met wie?")
    )
    kind = forms.ChoiceField(label=_("Wat wilt u delen?"), choices=ShareKind.choices)

    def setup(self) -> None:
        self.fields["member"].queryset = self.people(role=Role.NETWORK)  # type: ignore[attr-defined]


class StopShareForm(PlanForm):
    record_field = "share"
    record_model = Share


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


class InviteForm(PlanForm):
    member = ParticipantChoice(
        queryset=Participant.objects.none(),
        to_field_name="public_id",
        label=_("Wie nodigt u uit?"),
        help_text=_("Gezinsleden en netwerkleden zonder account; kinderen vanaf 12 jaar."),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_("Leeg: u krijgt de link te zien en geeft die zelf door."),
    )

    def setup(self) -> None:
        self.fields["member"].queryset = self.people(  # type: ignore[attr-defined]
            role__in=[Role.PARENT, Role.CHILD, Role.NETWORK], user__isnull=True
        )


class RevokeInvitationForm(PlanForm):
    record_field = "invitation"
    record_model = Invitation

    def record_queryset(self) -> Any:
        return Invitation.objects.filter(participant__plan=self.plan)


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(label=_("Kies een gebruikersnaam"), max_length=150)
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput,
        help_text=_("Minstens 10 tekens, niet alleen cijfers en geen veelgebruikt wachtwoord."),
    )
    password_again = forms.CharField(label=_("Nog een keer"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("De twee wachtwoorden zijn niet hetzelfde."))
        return data


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
