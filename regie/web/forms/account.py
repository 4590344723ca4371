"""Forms outside any plan: opening a plan, and accepting an invitation to one."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import OrganisationKind, User
from regie.core.validators import validate_no_bidi_controls
from regie.plans.models import Framework, LegalMeasure, Role
from regie.web.forms.base import PROFESSIONAL_ROLE_CHOICES, plain_messages

# The role a professional usually has, by the kind of organisation they work for; a
# child-protection worker opens a plan in the compulsory framework, under a supervision
# order (R9, issue 14). Anyone else: a voluntary plan.
_VOLUNTARY = {"framework": Framework.VOLUNTARY}
OPEN_PLAN_DEFAULTS: dict[str, dict[str, str]] = {
    OrganisationKind.NEIGHBOURHOOD_TEAM: {"role": Role.REFERRER, **_VOLUNTARY},
    OrganisationKind.MUNICIPALITY: {"role": Role.REFERRER, **_VOLUNTARY},
    OrganisationKind.CARE_PROVIDER: {"role": Role.CARE_PROFESSIONAL, **_VOLUNTARY},
    OrganisationKind.CERTIFIED_INSTITUTION: {
        "role": Role.CHILD_PROTECTION,
        "framework": Framework.COMPULSORY,
        "legal_measure": LegalMeasure.SUPERVISION_ORDER,
    },
    OrganisationKind.GP_PRACTICE: {"role": Role.GP, **_VOLUNTARY},
    OrganisationKind.SCHOOL: {"role": Role.SCHOOL, **_VOLUNTARY},
}


def open_plan_initial(user: User) -> dict[str, str]:
    """The open-plan form's defaults for this professional: their own role and frame."""
    organisation = user.organisation if user.organisation_id else None
    kind = organisation.kind if organisation is not None else ""
    return dict(OPEN_PLAN_DEFAULTS.get(kind, {"role": Role.REFERRER, **_VOLUNTARY}))


class OpenPlanForm(forms.Form):
    family_name = forms.CharField(
        label=_("Naam van het gezin"),
        max_length=120,
        help_text=_("Bijvoorbeeld 'Gezin Yılmaz'."),
        validators=[validate_no_bidi_controls],
    )
    role = forms.ChoiceField(
        label=_("Uw rol in dit plan"),
        choices=PROFESSIONAL_ROLE_CHOICES,
        initial=Role.REFERRER,
    )
    framework = forms.ChoiceField(label=_("Vrijwillig of verplicht"), choices=Framework.choices)
    legal_measure = forms.ChoiceField(
        label=_("Maatregel"),
        choices=LegalMeasure.choices,
        required=False,
        help_text=_("Alleen bij verplichte hulp."),
    )


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("Kies een gebruikersnaam"),
        max_length=150,
        validators=[validate_no_bidi_controls],
    )
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput,
        help_text=_("Minstens 10 tekens, niet alleen cijfers en geen veelgebruikt wachtwoord."),
    )
    password_again = forms.CharField(label=_("Nog een keer"), widget=forms.PasswordInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_messages(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("De twee wachtwoorden zijn niet hetzelfde."))
        return data
