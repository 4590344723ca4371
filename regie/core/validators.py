"""Validators every form, serializer and model shares, so that bad input is refused with
a Dutch message (a 400) before it can reach a service or the database, never a 500
(issue 12: every bad input gets a 400)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Characters that change the direction text is shown in: marks, embeddings, overrides and
# isolates (Unicode bidi controls). In a name they make it show reversed or let it hide
# what follows, so a family could read a name that is not the stored one.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# The dates the app can count with: a birth date of a great-grandparent up to a deadline
# far ahead. Outside them adding a day or a time zone overflows Python's date range.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2199, 12, 31)


def validate_no_bidi_controls(value: str) -> None:
    """Refuse names with bidi control characters (issue 12: a family name was shown
    reversed)."""
    if any(character in BIDI_CONTROLS for character in value):
        raise ValidationError(
            _("Een naam mag geen tekens bevatten die de leesrichting omdraaien."),
            code="bidi_control",
        )


def validate_plausible_date(value: datetime.date) -> None:
    """Refuse dates the app cannot count with (issue 12: 9999-12-31 gave a 500)."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Vul een datum in tussen %(earliest)s en %(latest)s.")
            % {
                "earliest": date_format(EARLIEST_DATE, "j F Y"),
                "latest": date_format(LATEST_DATE, "j F Y"),
            },
            code="date_out_of_range",
        )


# A Dutch phone number: 0 and nine digits (06 12345678, 020 1234567), or +31 / 0031 and
# nine digits without the 0. Spaces, dashes, dots and brackets are left out first.
_DUTCH_PHONE = re.compile(r"(?:\+31|0031|0)([1-9]\d{8})")
_PHONE_SEPARATORS = re.compile(r"[\s\-.()]")


def dutch_phone_digits(value: str) -> str | None:
    """The number as +31 and nine digits, for a `tel:` link; None if it is not one."""
    match = _DUTCH_PHONE.fullmatch(_PHONE_SEPARATORS.sub("", value))
    return f"+31{match.group(1)}" if match else None


def validate_dutch_phone(value: str) -> None:
    """Refuse what is not a Dutch phone number (issue 14), with an example that works."""
    if dutch_phone_digits(value) is None:
        raise ValidationError(
            _("Vul een Nederlands telefoonnummer in van 10 cijfers, bijvoorbeeld 06 12345678."),
            code="phone",
        )
