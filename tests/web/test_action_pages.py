"""One row per action (issue 10): the page an action belongs to is the first it appears on,
the page a posted form returns to is the one it was on (if the person may open it), and
who may take an action is the policy's `may_take_action`. Expectations are written out."""

import pytest
from django.test import RequestFactory

from regie.access import policy
from regie.access.policy import Permission
from regie.plans.models import Participant, Step
from regie.web import pages
from regie.web.actions import ACTIONS, OVERVIEW, YOUTH, on_page
from tests.personas import Cast, build_cast


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def _posted(viewer: policy.Viewer, action: str, data: dict[str, str]) -> pages.Page:
    request = RequestFactory().post("/", data)
    return pages.posted_page(request, viewer, action)


def test_an_action_belongs_to_the_first_page_it_appears_on() -> None:
    assert ACTIONS["schedule-evaluation"].step == Step.EXECUTING
    assert ACTIONS["goal-status"].step == Step.GOALS
    assert ACTIONS["wish"].step == Step.REQUEST
    assert ACTIONS["entry"].step is None
    assert ACTIONS["keep-private"].step is None
    assert ACTIONS["complaint-status"].pages == ()
    assert sorted(on_page(YOUTH)) == ["keep-private", "score", "share-with-parents", "wish"]
    assert "schedule-evaluation" in on_page(Step.DECIDING)
    assert "complete-action" in on_page(OVERVIEW)


def test_a_form_returns_to_the_page_it_was_posted_from(cast: Cast) -> None:
    worker = policy.viewer_of(cast.wijkteam_worker)
    assert _posted(worker, "goal-status", {"van_stap": "8"}) == Step.CLOSING
    assert _posted(worker, "goal-status", {"van_stap": "x"}) == Step.GOALS
    assert _posted(worker, "entry", {}) == OVERVIEW
    youth = policy.viewer_of(cast.youth13)
    assert _posted(youth, "wish", {"terug": "plan-youth"}) == YOUTH
    assert _posted(youth, "entry", {"terug": "plan-youth"}) == OVERVIEW
    parent = policy.viewer_of(cast.parent)
    assert _posted(parent, "wish", {"terug": "plan-youth"}) == Step.REQUEST


def test_the_posted_step_counts_only_if_the_person_may_open_it(cast: Cast) -> None:
    grandmother = policy.viewer_of(cast.grandmother)  # the network sees no step 8 (A3)
    assert _posted(grandmother, "goal-status", {"van_stap": "8"}) == Step.GOALS


def _may_take(participant: Participant, permission: Permission | None, step: int | None) -> bool:
    return policy.may_take_action(policy.viewer_of(participant), permission, step)


def test_may_take_an_action_needs_the_permission_and_the_page(cast: Cast) -> None:
    assert _may_take(cast.care_provider, Permission.WRITE_ENTRY, None)
    assert _may_take(cast.care_provider, Permission.WRITE_ANALYSIS, Step.ANALYSIS)
    assert not _may_take(cast.grandmother, Permission.WRITE_ENTRY, None)
    assert not _may_take(cast.grandmother, None, Step.ANALYSIS)  # no share of the analysis
    assert _may_take(cast.grandmother, None, None)  # the service decides (A3)
    assert not _may_take(cast.youth13, Permission.MOVE_STEP, None)
