"""Mijn rechten (issue 14): what the family asked of the plan's organisations, complaints
and a request to destroy the plan early, with where each stands (R22, A8)."""

from dataclasses import dataclass

from regie.access.policy import Section
from regie.plans.models import Complaint, DestructionRequest, Participant, Plan


@dataclass
class RightsPage:
    complaints: list[Complaint]
    destruction_requests: list[DestructionRequest]


def rights_page(
    plan: Plan,
    viewer: Participant,
    seen: frozenset[Section],
    *,
    complaints: bool,
    destruction: bool,
) -> RightsPage:
    """`complaints`: this person may complain, so the page lists the plan's complaints
    and their status (R22); `destruction`: they may ask for early destruction, so it
    lists those requests and the answers (A8). At most three queries."""
    return RightsPage(
        complaints=list(
            Complaint.objects.filter(plan=plan)
            .select_related("organisation")
            .prefetch_related("updates")
        )
        if complaints and Section.COMPLAINTS in seen
        else [],
        destruction_requests=list(DestructionRequest.objects.filter(plan=plan))
        if destruction
        else [],
    )
