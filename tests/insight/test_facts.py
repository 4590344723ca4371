"""Issue 15: the family's voice at the end and how the help ended are recorded through
the services, and the indicators read them back from the plans without any text."""

import datetime

import pytest
from pytest_django import DjangoAssertNumQueries

from regie.access.policy import NotAllowed
from regie.core.errors import RuleViolation
from regie.insight.facts import HelpType, read_facts
from regie.plans.models import (
    ClosingVoice,
    Decision,
    FamilyGroupPlan,
    GroupPlanAnswer,
    HelpEnding,
    Role,
    Step,
)
from regie.plans.services.evaluation import close_plan, give_closing_voice
from regie.plans.services.help import file_application, record_application_outcome
from regie.plans.services.team import end_participation, refuse_professional
from tests.personas import add_approved_professional, build_cast, prepare_close, walk_to

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


def test_process_facts_are_read_in_a_fixed_number_of_queries_without_text(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Issue 15 "Also": the family group plan (R11) is read as two yes/no facts, never its
    text; the professionals are the distinct people the family approved (one who left
    counts, one the family refused does not); every decided application's day and
    deadline (R15); every step move. Seven queries, whatever the number of plans."""
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)  # offered, declined (R11), help decided: steps 1-7
    outsider = add_approved_professional(cast, cast.outsider, Role.CARE_PROFESSIONAL)
    refuse_professional(actor=cast.parent, participant=outsider, reason="Kennen we niet.")
    end_participation(
        actor=cast.wijkteam_worker, participant=cast.behavioural_scientist, reason="Klaar."
    )
    decision = Decision.objects.filter(plan=cast.plan).get()
    submitted = datetime.date(2026, 1, 5)
    for decided_on in (datetime.date(2026, 3, 2), None, datetime.date(2026, 3, 3)):
        application = file_application(
            actor=cast.wijkteam_worker, decision=decision, submitted_on=submitted
        )
        if decided_on is not None:
            record_application_outcome(
                actor=cast.wijkteam_worker,
                application=application,
                outcome="granted",
                decided_on=decided_on,
            )
    with django_assert_num_queries(7):
        (facts,) = read_facts()
    assert (facts.group_plan_offered, facts.group_plan_made) == (True, False)
    assert facts.professionals == 3  # Fatima, Joost and Karin (who left); not Olaf
    deadline = datetime.date(2026, 3, 2)  # 8 weeks after 5 January
    assert facts.decisions == [(deadline, deadline), (datetime.date(2026, 3, 3), deadline)]
    assert [(before, after) for _day, before, after in facts.step_moves] == [
        (None, 1),
        *((step, step + 1) for step in range(1, 7)),
    ]
    FamilyGroupPlan.objects.filter(plan=cast.plan).update(
        answer=GroupPlanAnswer.ACCEPTED, family_plan="Oma en tante helpen."
    )
    assert read_facts()[0].group_plan_made
