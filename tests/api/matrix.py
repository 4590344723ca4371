"""The API's part of the authorization matrix (tests/access/test_authorization_matrix.py
reads CLASSIFIED): every URL name of regie/api/urls.py. The walk over every caller is in
tests/api/test_matrix.py, against the written-out table EXPECTED."""

from tests.access.test_authorization_matrix import status_table

CLASSIFIED = {
    "api-schema",
    "api-plan-list",
    "api-plan-detail",
    "api-goal-list",
    "api-goal-detail",
    "api-action-list",
    "api-evaluation-list",
    "api-entry-create",
    "api-figures",
}

# How a caller stands to the plan.
IN_PLAN, OUTSIDE, ANONYMOUS = "in_plan", "outside", "anonymous"

# One row per endpoint and method, in the order tests/api/test_matrix.py sends them, caller
# after caller; the plan is in step 7 and the goal is the one with the grandmother's action.
# The schema is for any token, not public (issue 12); without a token 401. A1, A7: outside
# the plan (an ended or pending professional, another organisation, staff) the 404 of a
# missing plan, and an empty plan list. A3: the grandmother (nw-) reads the goals and
# actions she takes part in but writes nothing (403) and reads no evaluations; the
# neighbour (nw+) got the evaluations shared, not the goal: its 404 hides that it exists.
# R2: only professionals write entries (A3b); R8, R12: the family and the professionals
# change goals and add actions. Issue 15: the figures only for the two figure roles
# (tests/api/test_figures.py, tests/insight/test_matrix.py), for everyone here the 404.
EXPECTED = status_table(
    """
endpoint                par y13 y16 nw- nw+ ref car bsc end pnd oth cpw adm ano
api-schema get          200 200 200 200 200 200 200 200 200 200 200 200 200 401
api-plan-list get       200 200 200 200 200 200 200 200 200 200 200 200 200 401
api-plan-detail get     200 200 200 200 200 200 200 200 404 404 404 404 404 401
api-goal-list get       200 200 200 200 200 200 200 200 404 404 404 404 404 401
api-goal-detail get     200 200 200 200 404 200 200 200 404 404 404 404 404 401
api-goal-detail patch   200 200 200 403 404 200 200 200 404 404 404 404 404 401
api-action-list get     200 200 200 200 200 200 200 200 404 404 404 404 404 401
api-action-list post    201 201 201 403 403 201 201 201 404 404 404 404 404 401
api-evaluation-list get 200 200 200 403 200 200 200 200 404 404 404 404 404 401
api-entry-create post   403 403 403 403 403 201 201 201 404 404 404 404 404 401
api-figures get         404 404 404 404 404 404 404 404 404 404 404 404 404 401
"""
)
