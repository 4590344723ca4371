"""Issue 15: the family's voice at the end and how the help ended are recorded through
the services, and the indicators read them back from the plans without any text."""

import pytest

from regie.access.policy import NotAllowed
from regie.core.errors import RuleViolation
from regie.insight.facts import HelpType, read_facts
from regie.plans.models import ClosingVoice, HelpEnding, Step
from regie.plans.services.evaluation import close_plan, give_closing_voice
from tests.personas import build_cast, prepare_close, walk_to

pytestmark = pytest.mark.django_db


def test_parents_and_youths_answer_at_the_end_and_may_skip_a_question() -> None:
    cast = build_cast()
    walk_to(cast, Step.CLOSING)
    give_closing_voice(actor=cast.parent, plan=cast.plan, usefulness=7, going_on="partly")
    give_closing_voice(actor=cast.youth16, plan=cast.plan, usefulness=None, going_on="yes")
    give_closing_voice(actor=cast.parent, plan=cast.plan, usefulness=8, going_on="partly")
    answers = ClosingVoice.objects.filter(plan=cast.plan).order_by("pk")
    assert [(a.usefulness, a.going_on) for a in answers] == [(8, "partly"), (None, "yes")]


def test_only_the_family_answers_and_only_in_step_eight() -> None:
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)
    with pytest.raises(RuleViolation):
        give_closing_voice(actor=cast.parent, plan=cast.plan, usefulness=7)
    walk_to(cast, Step.CLOSING)
    for outsider in (cast.grandmother, cast.wijkteam_worker):
        with pytest.raises(NotAllowed):
            give_closing_voice(actor=outsider, plan=cast.plan, usefulness=7)
    with pytest.raises(RuleViolation):
        give_closing_voice(actor=cast.parent, plan=cast.plan, usefulness=11)
    with pytest.raises(RuleViolation):
        give_closing_voice(actor=cast.parent, plan=cast.plan, usefulness=5, going_on="misschien")
    assert not ClosingVoice.objects.exists()


def test_facts_hold_the_ending_the_answers_and_the_plan_dimensions() -> None:
    cast = build_cast()
    walk_to(cast, Step.CLOSING)
    prepare_close(cast)
    give_closing_voice(actor=cast.parent, plan=cast.plan, usefulness=9, going_on="yes")
    close_plan(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        summary="Klaar.",
        ending=HelpEnding.STOPPED_BY_FAMILY,
        follow_up_help=False,
    )
    (facts,) = read_facts()
    assert facts.is_closed and facts.help_ended_on is not None
    assert facts.closed_on == facts.help_ended_on  # closed today, help ended today
    assert (facts.ending, facts.follow_up_help) == (HelpEnding.STOPPED_BY_FAMILY, False)
    assert (facts.usefulness, facts.going_on) == ([9], ["yes"])
    assert facts.goal_statuses and set(facts.goal_statuses) == {"reached"}
    assert facts.help_type != HelpType.NONE or facts.organisation == 0
    assert facts.professionals >= 1


def test_an_unknown_ending_is_refused() -> None:
    cast = build_cast()
    walk_to(cast, Step.CLOSING)
    prepare_close(cast)
    with pytest.raises(RuleViolation):
        close_plan(actor=cast.wijkteam_worker, plan=cast.plan, summary="Klaar.", ending="weg")
