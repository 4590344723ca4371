"""Deciding on help: R13 options weighed together, R14 the joint decision, R15 the legal
deadline of an application."""

import datetime

import pytest
from django.utils import timezone

from regie.access.events import Event
from regie.access.policy import NotAllowed
from regie.catalog.models import Intervention, RecognitionLevel
from regie.core.errors import RuleViolation
from regie.plans import selectors
from regie.plans.models import (
    ApplicationOutcome,
    Decision,
    DecisionAgreement,
    Enough,
    Funding,
    GoalTerm,
    GroupPlanAnswer,
    HelpOption,
    LateNotice,
    OptionPreference,
    Preference,
    Revision,
)
from regie.plans.services.goals import add_goal, answer_group_plan, assess_network, offer_group_plan
from regie.plans.services.help import (
    agree_to_decision,
    choose_provider,
    decide,
    file_application,
    give_preference,
    propose_option,
    record_application_outcome,
    send_late_notice,
)
from regie.plans.services.plans import edit_family_profile
from tests.personas import Cast, expect_log, expect_no_log

pytestmark = pytest.mark.django_db


def _network_first_done(cast: Cast) -> None:
    assess_network(
        actor=cast.parent,
        plan=cast.plan,
        family_does="Vaste bedtijden.",
        network_does="Oma helpt.",
        is_enough=Enough.PARTLY,
    )
    offer_group_plan(actor=cast.wijkteam_worker, plan=cast.plan, offered_on=timezone.localdate())
    answer_group_plan(actor=cast.parent, plan=cast.plan, answer=GroupPlanAnswer.DECLINED)


def _option(cast: Cast) -> HelpOption:
    return propose_option(
        actor=cast.care_provider,
        plan=cast.plan,
        title="Gezinscoaching",
        pros="Thuis.",
        cons="Elke week.",
    )


def _decision(cast: Cast) -> Decision:
    _network_first_done(cast)
    return decide(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        option=_option(cast),
        rationale="Past bij het doel.",
        funding=Funding.IN_KIND,
        aftercare="Nabellen na zes weken.",
        provider=cast.provider_org,
        provider_chosen_by=cast.parent,
    )


# ---- R13 Options ---------------------------------------------------------------------


def test_r13_option_needs_pros_and_cons(cast: Cast) -> None:
    for pros, cons, field in [("", "Duur.", "pros"), ("Dichtbij.", " ", "cons")]:
        with expect_no_log(), pytest.raises(RuleViolation) as refused:
            propose_option(
                actor=cast.care_provider, plan=cast.plan, title="MST", pros=pros, cons=cons
            )
        assert refused.value.rule == "R13"
        assert refused.value.field == field
    assert not HelpOption.objects.filter(plan=cast.plan).exists()


def test_r13_family_and_professionals_propose_options_and_give_preferences(
    cast: Cast,
) -> None:
    intervention = Intervention.objects.create(
        code="voorbeeld-gezinscoaching",
        name="Voorbeeld-gezinscoaching",
        recognition_level=RecognitionLevel.EFFECTIVE_FIRST,
        is_example=True,
    )
    goal = add_goal(actor=cast.parent, plan=cast.plan, text="Rust thuis.", term=GoalTerm.SHORT)
    with expect_log(cast.care_provider, Event.OPTION_PROPOSED):
        professional_option = propose_option(
            actor=cast.care_provider,
            plan=cast.plan,
            title="Gezinscoaching",
            pros="Bewezen effectief volgens eerste aanwijzingen.",
            cons="Drie maanden elke week.",
            fit="Sanne wil hulp thuis.",
            intervention=intervention,
            goals=[goal],
        )
    with expect_log(cast.parent, Event.OPTION_PROPOSED):
        family_option = propose_option(
            actor=cast.parent,
            plan=cast.plan,
            title="Oma past vaker op",
            pros="Vertrouwd.",
            cons="Oma wordt moe.",
            is_professional_help=False,
        )
    assert professional_option.intervention == intervention
    assert list(professional_option.goals.all()) == [goal]
    assert family_option.is_professional_help is False

    with expect_log(cast.parent, Event.PREFERENCE_GIVEN):
        give_preference(
            actor=cast.parent,
            option=family_option,
            preference=Preference.PREFERS,
            reason="Geen vreemden in huis.",
        )
    with expect_log(cast.youth16, Event.PREFERENCE_GIVEN):
        give_preference(
            actor=cast.youth16,
            option=professional_option,
            preference=Preference.ACCEPTABLE,
            reason="Als het maar thuis is.",
        )
    with expect_log(cast.care_provider, Event.PREFERENCE_GIVEN):
        give_preference(
            actor=cast.care_provider,
            option=professional_option,
            preference=Preference.PREFERS,
            reason="Oma is al moe.",
        )
    weighed = {
        (p.option.title, p.participant.pk, p.preference, p.reason)
        for p in OptionPreference.objects.select_related("option")
    }
    assert weighed == {
        ("Oma past vaker op", cast.parent.pk, "prefers", "Geen vreemden in huis."),
        ("Gezinscoaching", cast.youth16.pk, "acceptable", "Als het maar thuis is."),
        ("Gezinscoaching", cast.care_provider.pk, "prefers", "Oma is al moe."),
    }


def test_r13_preference_needs_a_reason(cast: Cast) -> None:
    option = _option(cast)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        give_preference(actor=cast.parent, option=option, preference="against", reason="")
    assert refused.value.rule == "R13"


# ---- R14 Joint decision --------------------------------------------------------------


def test_r14_decision_requires_a_provider_chosen_by_the_family(cast: Cast) -> None:
    _network_first_done(cast)
    option = _option(cast)
    for chooser in (None, cast.wijkteam_worker, cast.grandmother):
        with expect_no_log(), pytest.raises(RuleViolation) as refused:
            decide(
                actor=cast.wijkteam_worker,
                plan=cast.plan,
                option=option,
                rationale="Past.",
                funding=Funding.IN_KIND,
                aftercare="Nabellen.",
                provider=cast.provider_org,
                provider_chosen_by=chooser,
            )
        assert refused.value.rule == "R14"
        assert refused.value.field == "provider_chosen_by"
    with expect_log(cast.wijkteam_worker, Event.DECISION_MADE):
        decision = decide(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            option=option,
            rationale="Past bij wat Sanne wil.",
            funding=Funding.PGB,
            aftercare="Nabellen na zes weken.",
            provider=cast.provider_org,
            provider_chosen_by=cast.parent,
        )
    assert decision.provider_chosen_by == cast.parent
    assert (decision.funding, decision.aftercare) == (Funding.PGB, "Nabellen na zes weken.")


def test_r14_decision_records_why_and_the_aftercare(cast: Cast) -> None:
    _network_first_done(cast)
    option = _option(cast)
    for rationale, aftercare, field in [
        (" ", "Nabellen.", "rationale"),
        ("Past.", "", "aftercare"),
    ]:
        with pytest.raises(RuleViolation) as refused:
            decide(
                actor=cast.wijkteam_worker,
                plan=cast.plan,
                option=option,
                rationale=rationale,
                funding=Funding.IN_KIND,
                aftercare=aftercare,
                provider_name="Buurtzorg Jong",
                provider_chosen_by=cast.youth16,
            )
        assert (refused.value.rule, refused.value.field) == ("R14", field)


def test_r14_the_family_chooses_the_provider_and_the_earlier_choice_is_kept(cast: Cast) -> None:
    decision = _decision(cast)
    for outsider in (cast.care_provider, cast.grandmother):
        with expect_no_log(), pytest.raises(NotAllowed):
            choose_provider(actor=outsider, decision=decision, provider_name="Elders")
    with expect_no_log(), pytest.raises(RuleViolation) as empty:
        choose_provider(actor=cast.youth16, decision=decision, provider_name=" ")
    assert (empty.value.rule, empty.value.field) == ("R14", "provider")
    with expect_log(cast.youth16, Event.PROVIDER_CHOSEN):
        choose_provider(actor=cast.youth16, decision=decision, provider_name=" Buurtzorg Jong ")
    decision.refresh_from_db()
    assert (decision.provider, decision.provider_name) == (None, "Buurtzorg Jong")
    assert decision.provider_chosen_by == cast.youth16
    earlier = Revision.objects.get(record_type="plans.Decision", record_id=decision.pk)
    assert earlier.data["provider"] == cast.provider_org.pk
    assert earlier.data["provider_chosen_by"] == cast.parent.pk


def test_r14_each_partys_agreement_is_recorded(cast: Cast) -> None:
    decision = _decision(cast)
    with expect_log(cast.parent, Event.DECISION_AGREED):
        agree_to_decision(actor=cast.parent, decision=decision, agrees=True)
    with expect_no_log(), pytest.raises(RuleViolation) as no_reason:
        agree_to_decision(actor=cast.youth16, decision=decision, agrees=False)
    assert no_reason.value.rule == "R14"
    agree_to_decision(
        actor=cast.youth16, decision=decision, agrees=False, comment="Ik wil geen coach."
    )
    agree_to_decision(actor=cast.care_provider, decision=decision, agrees=True)
    agreements = {
        (a.participant_id, a.agrees, a.comment)
        for a in DecisionAgreement.objects.filter(decision=decision)
    }
    assert agreements == {
        (cast.parent.pk, True, ""),
        (cast.youth16.pk, False, "Ik wil geen coach."),
        (cast.care_provider.pk, True, ""),
    }
    with pytest.raises(NotAllowed):  # the network is not a party to the decision
        agree_to_decision(actor=cast.grandmother, decision=decision, agrees=True)


# ---- R15 Legal deadline --------------------------------------------------------------


def test_r15_application_deadline_is_eight_weeks_after_submission(cast: Cast) -> None:
    decision = _decision(cast)
    submitted_on = datetime.date(2025, 3, 3)
    with expect_log(cast.wijkteam_worker, Event.APPLICATION_FILED):
        application = file_application(
            actor=cast.wijkteam_worker, decision=decision, submitted_on=submitted_on
        )
    assert application.deadline == submitted_on + datetime.timedelta(days=56)
    assert application.deadline == datetime.date(2025, 4, 28)
    assert application.outcome == ApplicationOutcome.PENDING


def test_r15_late_notice_must_come_before_the_deadline(cast: Cast) -> None:
    decision = _decision(cast)
    application = file_application(
        actor=cast.wijkteam_worker, decision=decision, submitted_on=datetime.date(2025, 3, 3)
    )
    with expect_no_log(), pytest.raises(RuleViolation) as too_late:
        send_late_notice(
            actor=cast.wijkteam_worker,
            application=application,
            sent_on=application.deadline + datetime.timedelta(days=1),
            message="Het besluit komt later.",
        )
    assert (too_late.value.rule, too_late.value.field) == ("R15", "sent_on")
    assert not LateNotice.objects.exists()

    with expect_log(cast.wijkteam_worker, Event.LATE_NOTICE):
        notice = send_late_notice(
            actor=cast.wijkteam_worker,
            application=application,
            sent_on=application.deadline - datetime.timedelta(days=7),
            message="De gemeente beslist twee weken later; de indicatie is nog niet rond.",
            expected_on=application.deadline + datetime.timedelta(days=14),
        )
    assert notice.application == application
    assert notice.message.startswith("De gemeente beslist twee weken later")


def test_r15_no_late_notice_once_the_application_is_decided(cast: Cast) -> None:
    decision = _decision(cast)
    application = file_application(
        actor=cast.wijkteam_worker, decision=decision, submitted_on=timezone.localdate()
    )
    with expect_log(cast.wijkteam_worker, Event.APPLICATION_DECIDED):
        record_application_outcome(
            actor=cast.wijkteam_worker,
            application=application,
            outcome=ApplicationOutcome.GRANTED,
            decided_on=timezone.localdate(),
        )
    with pytest.raises(RuleViolation) as decided:
        send_late_notice(
            actor=cast.wijkteam_worker,
            application=application,
            sent_on=timezone.localdate(),
            message="Later.",
        )
    assert decided.value.rule == "R15"


def test_r21_option_records_how_it_fits_the_family(cast: Cast) -> None:
    """R21 together with R13: the profile says what to take into account, the option says
    how it fits."""
    family = edit_family_profile(
        actor=cast.parent,
        plan=cast.plan,
        expected_version=cast.family.version,
        name="Gezin Jansen",
        language="Nederlands en Marokkaans-Arabisch",
        culture="",
        religion="islam",
        considerations="Geen afspraken op vrijdagmiddag.",
    )
    option = propose_option(
        actor=cast.care_provider,
        plan=cast.plan,
        title="Gezinscoaching",
        pros="Thuis.",
        cons="Elke week.",
        fit="Coach spreekt Arabisch; afspraken op maandag en woensdag.",
    )
    assert "vrijdag" in family.considerations
    assert option.fit == "Coach spreekt Arabisch; afspraken op maandag en woensdag."


def test_r15_plan_shows_the_days_left_and_when_the_family_must_be_told(cast: Cast) -> None:
    decision = _decision(cast)
    today = timezone.localdate()
    due_soon = file_application(
        actor=cast.wijkteam_worker,
        decision=decision,
        submitted_on=today - datetime.timedelta(days=50),
    )
    overdue = file_application(
        actor=cast.wijkteam_worker,
        decision=decision,
        submitted_on=today - datetime.timedelta(days=60),
    )
    views = {view.application.pk: view for view in selectors.deadlines(cast.plan, today)}
    assert views[due_soon.pk].days_left == 6
    assert views[due_soon.pk].needs_late_notice
    assert views[overdue.pk].days_left == -4
    assert views[overdue.pk].late_without_notice

    send_late_notice(
        actor=cast.wijkteam_worker,
        application=due_soon,
        sent_on=today,
        message="Het besluit komt twee weken later.",
    )
    views = {view.application.pk: view for view in selectors.deadlines(cast.plan, today)}
    assert not views[due_soon.pk].needs_late_notice
    assert not views[due_soon.pk].late_without_notice
