"""Small lookups the family builders share. They only read; every write goes through the
plan services."""

from regie.catalog.models import Intervention, LifeDomain
from regie.plans.models import Participant, Plan


class DemoDataError(Exception):
    """The demo cannot be built as written; a programming error, not a user error."""


def coordinator_of(plan: Plan) -> Participant:
    """The opener of a plan is its first coordinator (open_plan)."""
    coordinator = plan.coordinator
    if coordinator is None:
        raise DemoDataError(f"{plan.family.name} has no coordinator.")
    return coordinator


def domain(plan: Plan, name: str) -> LifeDomain:
    return plan.domain_set.domains.get(name=name)


def intervention(code: str) -> Intervention:
    return Intervention.objects.get(code=code)
