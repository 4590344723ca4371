"""The API's part of the authorization matrix (tests/access/test_authorization_matrix.py
reads CLASSIFIED): every URL name of regie/api/urls.py. The walk over every role is in
tests/api/test_matrix.py, which takes its expectations from here."""

from regie.access import policy
from regie.access.policy import Permission, Section
from regie.plans.models import Participant

CLASSIFIED = {
    "api-schema",
    "api-plan-list",
    "api-plan-detail",
    "api-goal-list",
    "api-goal-detail",
    "api-action-list",
    "api-evaluation-list",
    "api-entry-create",
}

# How a caller stands to the plan.
IN_PLAN, OUTSIDE, ANONYMOUS = "in_plan", "outside", "anonymous"

# (url name, method) → the permission a write needs, or the section a read needs.
WRITES: dict[tuple[str, str], Permission] = {
    ("api-goal-detail", "patch"): Permission.ADD_GOAL,
    ("api-action-list", "post"): Permission.ADD_ACTION,
    ("api-entry-create", "post"): Permission.WRITE_ENTRY,
}
READS_NEEDING: dict[str, Section] = {"api-evaluation-list": Section.EVALUATIONS}
SUCCESS = {"get": 200, "patch": 200, "post": 201}


def expected(
    name: str, method: str, stands: str, participant: Participant | None, *, sees_goal: bool
) -> int:
    """The status a caller gets: 401 without a token, 404 outside the plan (A1) and for a
    goal the family did not share (A3), 403 for what their role or the family's sharing
    does not allow, else success."""
    if name == "api-schema":
        return 200
    if stands == ANONYMOUS:
        return 401
    if name == "api-plan-list":
        return 200
    if stands == OUTSIDE or participant is None:
        return 404
    if name == "api-goal-detail" and not sees_goal:
        return 404
    permission = WRITES.get((name, method))
    if permission is not None and not policy.can(participant, permission):
        return 403
    section = READS_NEEDING.get(name)
    if section is not None and section not in policy.sections(participant):
        return 403
    return SUCCESS[method]
