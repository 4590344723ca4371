"""Forms of the plan and its team (step 1): the step and framework, the people in the
family and around it, the professionals and their consent, invitations, the family
profile and relations, and what is shared beyond a role's parts (A3, A3b)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.access import policy
from regie.accounts.models import Invitation, Organisation
from regie.core.validators import validate_no_bidi_controls
from regie.core.versioning import Versioned
from regie.families.models import Gender, Person, PersonKind, RelationKind
from regie.plans.models import (
    Framework,
    LegalMeasure,
    Participant,
    Role,
    Share,
    ShareKind,
    Step,
)
from regie.web.forms.base import (
    DATE,
    PROFESSIONAL_ROLE_CHOICES,
    TEXT,
    ParticipantChoice,
    PlanForm,
    VersionField,
    confirm_field,
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
    framework = forms.ChoiceField(label=_("Vrijwillig of verplicht"), choices=Framework.choices)
    legal_measure = forms.ChoiceField(
        label=_("Maatregel"), choices=LegalMeasure.choices, required=False
    )
    legal_measure_until = forms.DateField(
        label=_("Maatregel loopt tot"), widget=DATE, required=False
    )


class AddPersonForm(PlanForm):
    first_name = forms.CharField(
        label=_("Voornaam"), max_length=80, validators=[validate_no_bidi_controls]
    )
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=120,
        required=False,
        validators=[validate_no_bidi_controls],
    )
    kind = forms.ChoiceField(label=_("Wie is het"), choices=PersonKind.choices)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.OTHER)
    birth_date = forms.DateField(label=_("Geboortedatum"), widget=DATE, required=False)
    has_parental_authority = forms.BooleanField(
        label=_("Mag beslissen over het kind"), required=False
    )
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
    """Issue 12: the professional is named, never picked from a list of everyone: by exact
    e-mail address, or by organisation (organisations are public) and exact full name."""

    # Not the browser's suggestion, which is the person's own address.
    email = forms.EmailField(
        label=_("E-mailadres van de hulpverlener"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        to_field_name="public_id",
        required=False,
        label=_("Organisatie"),
        empty_label="—",
        help_text=_("Alleen nodig als u het e-mailadres niet weet."),
    )
    name = forms.CharField(
        label=_("Volledige naam"),
        max_length=300,
        required=False,
        help_text=_("Voornaam en achternaam, precies zoals de hulpverlener heet."),
    )
    role = forms.ChoiceField(label=_("Rol"), choices=PROFESSIONAL_ROLE_CHOICES)
    task = forms.CharField(label=_("Taak in dit plan"), max_length=200, required=False)


class ParticipantForm(PlanForm):
    record_field = "participant"
    participant = ParticipantChoice(
        queryset=Participant.objects.none(), to_field_name="public_id", label=_("Wie")
    )

    def setup(self) -> None:
        self.choose("participant", self.people())


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


class ProfileForm(PlanForm):
    name = forms.CharField(
        label=_("Naam van het gezin"), max_length=120, validators=[validate_no_bidi_controls]
    )
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
        self.choose("from_person", persons)
        self.choose("to_person", persons)


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
        self.choose(
            "member",
            self.people([Role.PARENT, Role.CHILD, Role.NETWORK], without_account=True),
        )


class RevokeInvitationForm(PlanForm):
    record_field = "invitation"
    record_model = Invitation

    def record_queryset(self) -> Any:
        return Invitation.objects.filter(participant__plan=self.plan)


class ShareForm(PlanForm):
    member = ParticipantChoice(
        queryset=Participant.objects.none(), to_field_name="public_id", label=_("Met wie?")
    )
    kind = forms.ChoiceField(label=_("Wat wilt u delen?"), choices=ShareKind.choices)

    def setup(self) -> None:
        # A3, A3b: whoever does not see the whole plan already; the service checks again.
        self.choose("member", self.people(policy.SHAREABLE_ROLES))


class SafetyShareForm(ShareForm):
    """A3b: the child-protection worker opens a part to school or GP, with the reason."""

    reason = forms.CharField(
        label=_("Waarom is dit nodig voor de veiligheid?"),
        help_text=_("Het gezin leest deze reden."),
        max_length=2000,
        widget=TEXT,
    )

    def setup(self) -> None:
        self.choose("member", self.people(policy.SAFETY_SHARE_ROLES))


class StopShareForm(PlanForm):
    """A3: the family takes back what it shared."""

    record_field = "share"
    record_model = Share
    for_safety = False

    def record_queryset(self) -> Any:
        return Share.objects.filter(plan=self.plan, for_safety=self.for_safety)


class StopSafetyShareForm(StopShareForm):
    """A3b: the child-protection worker takes back a safety decision."""

    for_safety = True
