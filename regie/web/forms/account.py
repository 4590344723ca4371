"""Forms outside any plan: opening a plan, and accepting an invitation to one."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import OrganisationKind, User
from regie.core.validators import validate_no_bidi_controls
from regie.plans.models import Framework, LegalMeasure, Role
from regie.web.forms.base import PROFESSIONAL_ROLE_CHOICES

# The role a professional usually has, by the kind of organisation they work for: a
# child-protection worker opens a plan in the compulsory framework (R9, issue 14).
ROLE_BY_ORGANISATION: dict[str, str] = {
    OrganisationKind.NEIGHBOURHOOD_TEAM: Role.REFERRER,
    OrganisationKind.MUNICIPALITY: Role.REFERRER,
    OrganisationKind.CARE_PROVIDER: Role.CARE_PROFESSIONAL,
    OrganisationKind.CERTIFIED_INSTITUTION: Role.CHILD_PROTECTION,
    OrganisationKind.GP_PRACTICE: Role.GP,
    OrganisationKind.SCHOOL: Role.SCHOOL,
}


def open_plan_initial(user: User) -> dict[str, str]:
    """The open-plan form's defaults for this professional: their own role and, for a
    child-protection worker, the compulsory framework with a supervision order."""
    organisation = user.organisation if user.organisation_id else None
    role = ROLE_BY_ORGANISATION.get(organisation.kind if organisation else "", Role.REFERRER)
    if role == Role.CHILD_PROTECTION:
        return {
            "role": role,
            "framework": Framework.COMPULSORY,
            "legal_measure": LegalMeasure.SUPERVISION_ORDER,
        }
    return {"role": role, "framework": Framework.VOLUNTARY}


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
    framework = forms.ChoiceField(label=_("Kader"), choices=Framework.choices)
    legal_measure = forms.ChoiceField(
        label=_("Maatregel"),
        choices=LegalMeasure.choices,
        required=False,
        help_text=_("Alleen bij het gedwongen kader."),
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("De twee wachtwoorden zijn niet hetzelfde."))
        return data
