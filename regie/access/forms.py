"""Filters for reading the access log: a period for the family, and family, user and
period for the privacy officer. GET forms; every field is optional."""

import datetime
import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.accounts.models import User
from regie.core.validators import validate_plausible_date
from regie.families.models import Family

MAX_USER_ID = 2**63 - 1  # the largest id a (PostgreSQL bigint) primary key holds
MAX_FAMILIES_SHOWN = 20  # families matching a name, to pick from
_DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2025.")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PeriodForm(forms.Form):
    # Issue 12: a day the log's time zone arithmetic can hold (9999-12-31 gave a 500).
    van = forms.DateField(
        label=_("Van"),
        required=False,
        widget=DateInput(),
        error_messages=_DATE_ERRORS,
        validators=[validate_plausible_date],
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput(),
        error_messages=_DATE_ERRORS,
        validators=[validate_plausible_date],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("van"), cleaned.get("tot")
        if since and until and until < since:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    @property
    def period(self) -> tuple[datetime.date | None, datetime.date | None]:
        return self.cleaned_data.get("van"), self.cleaned_data.get("tot")


class VisitsForm(PeriodForm):
    """The family's "Wie heeft ons plan bekeken?": a period, and whether to show the
    family's own visits too (issue 14: hidden by default, they drown out the others)."""

    eigen = forms.BooleanField(label=_("Ook onze eigen bezoeken tonen"), required=False)


class LogSearchForm(PeriodForm):
    """The privacy officer's search (NEN 7513): by family, by user, by period."""

    gezin = forms.CharField(
        label=_("Gezin"),
        required=False,
        max_length=120,
        help_text=_("De naam van het gezin (een deel is genoeg), of het id van het gezin of plan."),
    )
    gebruiker = forms.CharField(
        label=_("Gebruiker"),
        required=False,
        max_length=150,
        help_text=_("Gebruikersnaam of nummer van de gebruiker."),
    )

    field_order = ["gezin", "gebruiker", "van", "tot"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Issue 14: families whose name matches, to pick one; empty for an id or one match.
        self.families: list[tuple[uuid.UUID, str]] = []

    def clean_gezin(self) -> uuid.UUID | None:
        """An id of a family or plan as it is; a name: the one family that matches, or,
        when more match, none yet (the page lists them to pick from)."""
        value = (self.cleaned_data.get("gezin") or "").strip()
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
        found = list(
            Family.objects.filter(name__icontains=value)
            .order_by("name", "id")
            .values_list("public_id", "name")[: MAX_FAMILIES_SHOWN + 1]
        )
        if not found:
            raise forms.ValidationError(_("Er is geen gezin met deze naam."))
        if len(found) == 1:
            return found[0][0]
        self.families = found
        return None

    @property
    def must_pick(self) -> bool:
        """More than one family matches the name: nothing is searched until one is picked."""
        return bool(self.families)

    def clean_gebruiker(self) -> int | None:
        """The user's id: a number is taken as an id (also of a deleted user, whose rows
        remain), anything else as a username that must exist."""
        value = (self.cleaned_data.get("gebruiker") or "").strip()
        if not value:
            return None
        if value.isdigit():
            # Issue 12: a number beyond the database's integers is a 400, not a 500.
            if int(value) > MAX_USER_ID:
                raise forms.ValidationError(_("Er is geen gebruiker met dit nummer."))
            return int(value)
        user_id = User.objects.filter(username=value).values_list("id", flat=True).first()
        if user_id is None:
            raise forms.ValidationError(_("Er is geen gebruiker met deze gebruikersnaam."))
        return user_id
