"""An in-memory family for the diagram tests: unsaved persons with fixed ids, no database."""

from __future__ import annotations

import datetime

from regie.families.models import Gender, Person, PersonKind, Relation, RelationKind

TODAY = datetime.date(2025, 6, 1)


def person(
    pk: int,
    first_name: str,
    *,
    kind: str,
    gender: str,
    born: int | None = None,
    last_name: str = "Jansen",
    **extra: object,
) -> Person:
    return Person(
        pk=pk,
        first_name=first_name,
        last_name=last_name,
        kind=kind,
        gender=gender,
        birth_date=datetime.date(born, 3, 1) if born else None,
        **extra,
    )


def relation(a: Person, b: Person, kind: str, **extra: object) -> Relation:
    return Relation(from_person=a, to_person=b, kind=kind, **extra)


def jansen() -> tuple[list[Person], list[Relation]]:
    """Married parents, two children (Noa the index child), the mother's divorced parents
    with the grandfather deceased, a neighbour, and tension between father and grandmother."""
    grandfather = person(
        1, "Henk", kind=PersonKind.RELATIVE, gender=Gender.MALE, born=1950, deceased=True
    )
    grandmother = person(2, "Ria", kind=PersonKind.RELATIVE, gender=Gender.FEMALE, born=1955)
    mother = person(
        3, "Sanne", kind=PersonKind.PARENT, gender=Gender.FEMALE, born=1984, in_household=True
    )
    father = person(
        4, "Mark", kind=PersonKind.PARENT, gender=Gender.MALE, born=1981, last_name="de Vries"
    )
    daan = person(
        5, "Daan", kind=PersonKind.CHILD, gender=Gender.MALE, born=2009, in_household=True
    )
    noa = person(
        6,
        "Noa",
        kind=PersonKind.CHILD,
        gender=Gender.FEMALE,
        born=2012,
        is_index_child=True,
        in_household=True,
    )
    neighbour = person(
        7, "Kim", kind=PersonKind.NETWORK, gender=Gender.OTHER, born=1990, last_name="Bos"
    )
    persons = [grandfather, grandmother, mother, father, daan, noa, neighbour]
    relations = [
        relation(grandfather, grandmother, RelationKind.DIVORCED),
        relation(grandfather, mother, RelationKind.PARENT_OF),
        relation(grandmother, mother, RelationKind.PARENT_OF),
        relation(father, mother, RelationKind.MARRIED),
        relation(mother, daan, RelationKind.PARENT_OF),
        relation(father, daan, RelationKind.PARENT_OF),
        relation(mother, noa, RelationKind.PARENT_OF),
        relation(father, noa, RelationKind.PARENT_OF),
        relation(father, grandmother, RelationKind.OTHER, conflict=True),
        relation(
            grandmother, noa, RelationKind.OTHER, closeness=4, can_help_with="Oppassen op woensdag"
        ),
        relation(
            neighbour, noa, RelationKind.NEIGHBOUR, closeness=2, can_help_with="Naar school brengen"
        ),
    ]
    return persons, relations
