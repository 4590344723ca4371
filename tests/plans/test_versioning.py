"""Optimistic locking: a save names the version it was made from; a stale save is refused
and nothing anyone wrote is lost (Revision keeps the old values)."""

import pytest

from regie.access.events import Event
from regie.core.errors import ConflictError
from regie.plans.models import FamilyStory, Goal, GoalTerm, Revision, Step
from regie.plans.services.goals import add_goal, edit_goal
from regie.plans.services.plans import edit_story
from tests.personas import Cast, expect_log, expect_no_log, prepare_for

pytestmark = pytest.mark.django_db


def test_editing_a_goal_with_a_stale_version_raises_conflict_and_keeps_the_newer_text(
    cast: Cast,
) -> None:
    goal = add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term=GoalTerm.SHORT)
    # Two people open the same goal at version 1.
    parents_copy = Goal.objects.get(pk=goal.pk)
    providers_copy = Goal.objects.get(pk=goal.pk)
    with expect_log(cast.parent, Event.GOAL_EDITED):
        edit_goal(
            actor=cast.parent,
            goal=parents_copy,
            expected_version=1,
            text="Noa gaat elke dag naar school.",
            term=GoalTerm.SHORT,
        )
    assert parents_copy.version == 2

    with expect_no_log(), pytest.raises(ConflictError) as conflict:
        edit_goal(
            actor=cast.care_provider,
            goal=providers_copy,
            expected_version=1,
            text="Noa gaat drie dagen per week naar school.",
            term=GoalTerm.LONG,
        )
    assert conflict.value.current_version == 2
    stored = Goal.objects.get(pk=goal.pk)
    assert (stored.text, stored.term, stored.version) == (
        "Noa gaat elke dag naar school.",
        GoalTerm.SHORT,
        2,
    )
    assert Revision.objects.filter(record_type="plans.Goal", record_id=goal.pk).count() == 1


def test_revision_keeps_the_old_values_of_every_edit(cast: Cast) -> None:
    goal = add_goal(
        actor=cast.parent,
        plan=cast.plan,
        text="Naar school.",
        term=GoalTerm.SHORT,
        life_wish="Diploma.",
    )
    edit_goal(
        actor=cast.parent,
        goal=goal,
        expected_version=1,
        text="Elke dag naar school.",
        term=GoalTerm.SHORT,
        life_wish="Diploma.",
    )
    edit_goal(
        actor=cast.youth13,
        goal=goal,
        expected_version=2,
        text="Ik ga elke dag naar school.",
        term=GoalTerm.LONG,
        life_wish="Dierenarts worden.",
    )
    history = list(
        Revision.objects.filter(record_type="plans.Goal", record_id=goal.pk).order_by("version")
    )
    assert [(r.version, r.changed_by_id, r.plan_id) for r in history] == [
        (1, cast.parent.pk, cast.plan.pk),
        (2, cast.youth13.pk, cast.plan.pk),
    ]
    assert history[0].data == {"text": "Naar school.", "term": "short", "life_wish": "Diploma."}
    assert history[1].data == {
        "text": "Elke dag naar school.",
        "term": "short",
        "life_wish": "Diploma.",
    }
    goal.refresh_from_db()
    assert (goal.text, goal.term, goal.life_wish, goal.version) == (
        "Ik ga elke dag naar school.",
        GoalTerm.LONG,
        "Dierenarts worden.",
        3,
    )


def test_stale_edit_of_the_familys_story_is_refused(cast: Cast) -> None:
    prepare_for(cast, Step.ANALYSIS)  # the parent wrote the story: version 2
    story = FamilyStory.objects.get(plan=cast.plan)
    assert story.version == 2
    with expect_no_log(), pytest.raises(ConflictError):
        edit_story(
            actor=cast.youth16,
            plan=cast.plan,
            expected_version=1,
            story="Mijn versie.",
            request_for_help="Rust.",
        )
    story.refresh_from_db()
    assert story.story.startswith("Sinds de scheiding")
    revision = Revision.objects.get(record_type="plans.FamilyStory", record_id=story.pk)
    assert (revision.data["story"], revision.data["request_for_help"]) == ("", "")
