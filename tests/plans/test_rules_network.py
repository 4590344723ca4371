"""Own strength before professional help: R10 network first, R11 the family group plan,
R12 don't take over."""

import datetime

import pytest
from django.utils import timezone

from regie.access.events import Event
from regie.access.policy import NotAllowed
from regie.core.errors import RuleViolation
from regie.plans.models import (
    ActionStatus,
    Decision,
    Enough,
    FamilyGroupPlan,
    Funding,
    GroupPlanAnswer,
    HelpOption,
    Step,
)
from regie.plans.services.goals import (
    add_action,
    add_goal,
    answer_group_plan,
    assess_network,
    complete_action,
    offer_group_plan,
)
from regie.plans.services.help import decide, propose_option
from regie.plans.services.plans import move_step
from tests.personas import Cast, expect_log, expect_no_log, walk_to

pytestmark = pytest.mark.django_db


def _coaching(cast: Cast) -> HelpOption:
    return propose_option(
        actor=cast.care_provider,
        plan=cast.plan,
        title="Gezinscoaching",
        pros="Thuis.",
        cons="Elke week.",
    )


def _decide_coaching(cast: Cast, option: HelpOption, **extra: str) -> Decision:
    return decide(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        option=option,
        rationale="Past bij het doel.",
        funding=Funding.IN_KIND,
        aftercare="Nabellen na zes weken.",
        provider=cast.provider_org,
        provider_chosen_by=cast.parent,
        **extra,
    )


def _offer_and_decline(cast: Cast) -> None:
    offer_group_plan(actor=cast.wijkteam_worker, plan=cast.plan, offered_on=timezone.localdate())
    answer_group_plan(
        actor=cast.parent, plan=cast.plan, answer=GroupPlanAnswer.DECLINED, reason="Nee."
    )


# ---- R10 Network first ---------------------------------------------------------------


def test_r10_professional_help_before_the_network_assessment_is_refused(cast: Cast) -> None:
    _offer_and_decline(cast)  # R11 is done; only R10 is missing
    option = _coaching(cast)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        _decide_coaching(cast, option)
    assert refused.value.rule == "R10"
    assert refused.value.field == "professional_help_reason"
    assert not Decision.objects.filter(plan=cast.plan).exists()

    with expect_log(cast.wijkteam_worker, Event.DECISION_MADE):
        decision = _decide_coaching(
            cast, option, professional_help_reason="Acute crisis: hulp kan niet wachten."
        )
    assert decision.professional_help_reason == "Acute crisis: hulp kan niet wachten."


def test_r10_professional_help_after_the_network_assessment_needs_no_reason(
    cast: Cast,
) -> None:
    _offer_and_decline(cast)
    with expect_log(cast.parent, Event.NETWORK_ASSESSED):
        assessment = assess_network(
            actor=cast.parent,
            plan=cast.plan,
            family_does="Vaste bedtijden.",
            network_does="Oma haalt de kinderen op.",
            is_enough=Enough.NO,
        )
    assert assessment.is_enough == Enough.NO
    decision = _decide_coaching(cast, _coaching(cast))
    assert decision.professional_help_reason == ""


def test_r10_network_assessment_says_whether_it_is_enough(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as no_answer:
        assess_network(
            actor=cast.parent, plan=cast.plan, family_does="Veel.", network_does="", is_enough=""
        )
    assert no_answer.value.rule == "R10"
    with pytest.raises(RuleViolation) as nothing:
        assess_network(
            actor=cast.parent, plan=cast.plan, family_does="", network_does="", is_enough="yes"
        )
    assert nothing.value.rule == "R10"
    with pytest.raises(NotAllowed):  # the network member does not assess the family
        assess_network(
            actor=cast.grandmother,
            plan=cast.plan,
            family_does="Veel.",
            network_does="Ik help.",
            is_enough=Enough.YES,
        )


def test_r10_plan_cannot_leave_own_strength_without_the_network_assessment(
    cast: Cast,
) -> None:
    walk_to(cast, Step.OWN_STRENGTH)
    _offer_and_decline(cast)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.DECIDING)
    assert refused.value.rule == "R10"
    assess_network(
        actor=cast.parent,
        plan=cast.plan,
        family_does="",
        network_does="",
        is_enough="",
        skip_reason="Acute onveiligheid; eerst professionele hulp.",
    )
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.DECIDING)
    assert cast.plan.step == Step.DECIDING


# ---- R11 Familiegroepsplan -----------------------------------------------------------


def test_r11_plan_cannot_leave_own_strength_without_offer_and_answer(cast: Cast) -> None:
    walk_to(cast, Step.OWN_STRENGTH)
    assess_network(
        actor=cast.parent,
        plan=cast.plan,
        family_does="Vaste bedtijden.",
        network_does="Oma helpt.",
        is_enough=Enough.PARTLY,
    )
    with pytest.raises(RuleViolation) as no_offer:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.DECIDING)
    assert (
        no_offer.value.rule == "R11" and "R11" not in no_offer.value.message
    )  # the id is not for people

    today = timezone.localdate()
    with expect_log(cast.wijkteam_worker, Event.GROUP_PLAN):
        offer_group_plan(
            actor=cast.wijkteam_worker, plan=cast.plan, offered_on=today, pgb_informed_on=today
        )
    with pytest.raises(RuleViolation) as no_answer:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.DECIDING)
    assert (
        no_answer.value.rule == "R11" and "R11" not in no_answer.value.message
    )  # the id is not for people

    with expect_log(cast.parent, Event.GROUP_PLAN):
        answer_group_plan(
            actor=cast.parent,
            plan=cast.plan,
            answer=GroupPlanAnswer.ACCEPTED,
            reason="Oma en tante willen meedenken.",
            family_plan="Oma haalt de kinderen op; tante helpt met de post.",
        )
    group_plan = FamilyGroupPlan.objects.get(plan=cast.plan)
    assert (group_plan.offered_on, group_plan.pgb_informed_on) == (today, today)
    assert group_plan.answer == GroupPlanAnswer.ACCEPTED
    assert group_plan.family_plan == "Oma haalt de kinderen op; tante helpt met de post."
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.DECIDING)
    assert cast.plan.step == Step.DECIDING


def test_r11_reason_for_not_offering_is_recorded_instead(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as nothing:
        offer_group_plan(actor=cast.wijkteam_worker, plan=cast.plan, offered_on=None)
    assert nothing.value.rule == "R11"
    with pytest.raises(RuleViolation) as not_offered:
        answer_group_plan(actor=cast.parent, plan=cast.plan, answer=GroupPlanAnswer.ACCEPTED)
    assert not_offered.value.rule == "R11"

    walk_to(cast, Step.OWN_STRENGTH)
    assess_network(
        actor=cast.parent, plan=cast.plan, family_does="Veel.", network_does="", is_enough="no"
    )
    offer_group_plan(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        offered_on=None,
        not_offered_reason="Crisisplaatsing; geen tijd voor een familieberaad.",
    )
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.DECIDING)
    assert cast.plan.step == Step.DECIDING


def test_r11_only_the_family_answers_the_offer(cast: Cast) -> None:
    offer_group_plan(actor=cast.wijkteam_worker, plan=cast.plan, offered_on=timezone.localdate())
    with expect_no_log(), pytest.raises(NotAllowed):
        answer_group_plan(
            actor=cast.wijkteam_worker, plan=cast.plan, answer=GroupPlanAnswer.DECLINED
        )
    with pytest.raises(NotAllowed):
        offer_group_plan(actor=cast.parent, plan=cast.plan, offered_on=timezone.localdate())


def test_r11_professional_help_reason_does_not_replace_the_group_plan_offer(
    cast: Cast,
) -> None:
    """R10's 'recorded reason' skips own strength; R11 is only met by the offer and answer
    or the reason it was not offered."""
    assess_network(
        actor=cast.parent,
        plan=cast.plan,
        family_does="Vaste bedtijden.",
        network_does="",
        is_enough=Enough.NO,
    )
    option = _coaching(cast)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        _decide_coaching(cast, option, professional_help_reason="Hulp kan niet wachten.")
    assert (
        refused.value.rule == "R11" and "R11" not in refused.value.message
    )  # the id is not for people
    assert not Decision.objects.filter(plan=cast.plan).exists()


# ---- R12 Don't take over -------------------------------------------------------------


def test_r12_professional_owned_action_without_takeover_reason_is_refused(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        add_action(
            actor=cast.care_provider,
            plan=cast.plan,
            description="Schoolrooster opvragen.",
            owner=cast.care_provider,
        )
    assert refused.value.rule == "R12"
    assert refused.value.field == "takeover_reason"
    with expect_log(cast.care_provider, Event.ACTION_ADDED):
        action = add_action(
            actor=cast.care_provider,
            plan=cast.plan,
            description="Schoolrooster opvragen.",
            owner=cast.care_provider,
            takeover_reason="De school praat alleen met een hulpverlener.",
        )
    assert action.takeover_reason == "De school praat alleen met een hulpverlener."


def test_r12_shared_with_completes_her_own_action(cast: Cast) -> None:
    goal = add_goal(actor=cast.parent, plan=cast.plan, text="Naar school.", term="short")
    action = add_action(
        actor=cast.parent,
        plan=cast.plan,
        description="Oma haalt Lotte op dinsdag en donderdag op.",
        owner=cast.grandmother,
        goal=goal,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert action.takeover_reason == ""  # family and network need no reason
    with expect_no_log(), pytest.raises(RuleViolation) as not_hers:
        complete_action(actor=cast.youth16, action=action, note="Gedaan.")
    assert not_hers.value.rule == "R12"
    with expect_log(cast.grandmother, Event.ACTION_DONE):
        complete_action(actor=cast.grandmother, action=action, note="Gaat goed.")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.done_note == "Gaat goed."
    assert action.done_at is not None
    with pytest.raises(RuleViolation):
        complete_action(actor=cast.grandmother, action=action)
