"""The words the drawings and their tables use for a person and a relation."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from regie.families.models import Gender, Person, Relation


def age_text(person: Person, today: datetime.date) -> str:
    if person.deceased:
        return _("overleden")
    age = person.age_on(today)
    return "" if age is None else _("%(age)s jaar") % {"age": age}


def gender_text(person: Person) -> str:
    return str(Gender(person.gender).label) if person.gender in Gender.values else ""


def who_text(person: Person) -> str:
    """Who someone is in the family: their kind, with the family's own description."""
    who = person.get_kind_display()
    if person.description:
        who = f"{who} ({person.description})"
    return str(who)


def closeness_label(value: int | None) -> str:
    labels = dict(Relation._meta.get_field("closeness").choices or [])
    return str(labels.get(value, "")) if value else ""
