"""The network map of step 1 (R7): the family's genogram and sociogram, each drawn and
written out as a table."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from regie.families.models import Person, Relation

from .genogram import genogram
from .sociogram import sociogram


def step_one_data(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> dict[str, Any]:
    """What the step-1 page shows of the network map: `genogram` and `sociogram`."""
    return {
        "genogram": genogram(persons, relations, today),
        "sociogram": sociogram(persons, relations, today),
    }
