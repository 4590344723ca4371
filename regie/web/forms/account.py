"""Forms outside any plan: opening a plan, and accepting an invitation to one."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.validators import validate_no_bidi_controls
from regie.plans.models import Framework, LegalMeasure, Role
from regie.web.forms.base import PROFESSIONAL_ROLE_CHOICES, plain_messages


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
