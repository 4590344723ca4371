from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import User

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length or 150


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("De zes cijfers uit uw app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=12,
        help_text=_("De zes cijfers die de app nu laat zien."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class _BoundedUsername:
    """A username longer than any account's is refused by the form, before it reaches
    the authentication backends and django-axes, whose failure rows hold 255 characters
    (issue 12: a 256-character username gave a 500 on PostgreSQL). Django sets the
    field's max_length after the field was made, so no validator checks it otherwise."""

    fields: dict[str, forms.Field]

    def bound_username(self) -> None:
        self.fields["username"].validators.append(
            MaxLengthValidator(
                USERNAME_MAX_LENGTH,
                message=_("Een gebruikersnaam heeft hoogstens %(limit_value)d tekens."),
            )
        )


class LoginForm(_BoundedUsername, AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bound_username()


class AdminLoginForm(_BoundedUsername, AdminAuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bound_username()


class AccountChangeAnswerForm(forms.Form):
    """A6: the person's answer to an administrator's change of their account."""

    CONFIRM = "bevestigen"
    REJECT = "tegenhouden"

    decision = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[
            (CONFIRM, _("Ja, ik heb hierom gevraagd: voer het uit")),
            (REJECT, _("Nee, niet doorvoeren")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of u de wijziging bevestigt of tegenhoudt."),
            "invalid_choice": _("Kies of u de wijziging bevestigt of tegenhoudt."),
        },
    )


class ContactForm(forms.ModelForm[User]):
    """Issue 14: one's own phone and e-mail for the others in one's plans, and whether to
    show them (off by default)."""

    class Meta:
        model = User
        fields = ["contact_phone", "contact_email", "shows_contact"]
        widgets = {
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {
            "contact_phone": _("Telefoonnummer"),
            "contact_email": _("E-mailadres"),
            "shows_contact": _("Laat dit zien aan de anderen in mijn plan"),
        }
        help_texts = {
            "contact_phone": _("Bijvoorbeeld 06 12345678."),
            "contact_email": _("Mag een ander adres zijn dan waarmee u inlogt."),
            "shows_contact": _(
                "Alleen wie u in het plan ziet staan, ziet dit. U kunt het altijd weer uitzetten."
            ),
        }
        error_messages = {
            "contact_email": {
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
            },
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        nothing = not data.get("contact_phone") and not data.get("contact_email")
        if data.get("shows_contact") and nothing and not self.errors:
            self.add_error(
                "shows_contact",
                _("Vul eerst een telefoonnummer of e-mailadres in om te laten zien."),
            )
        return data
