"""The team: R16 who does what (approval, tell it once, one coordinator), R17 a small
table, R18 consultations with their advice."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone
from pytest_django import Settings

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import NotAllowed
from regie.core.errors import RuleViolation
from regie.plans.models import (
    Consultation,
    ConsultationKind,
    EntryKind,
    MeetingAttendee,
    Participant,
    Role,
    Step,
)
from regie.plans.services.analysis import record_consultation
from regie.plans.services.entries import write_entry
from regie.plans.services.meetings import plan_meeting
from regie.plans.services.plans import confirm_story_read, move_step
from regie.plans.services.team import (
    add_professional,
    approve_professional,
    end_participation,
    refuse_professional,
    set_coordinator,
)
from tests.personas import Cast, expect_log, expect_no_log, prepare_for

pytestmark = pytest.mark.django_db


def _invite_outsider(cast: Cast) -> Participant:
    return add_professional(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        user=cast.outsider,
        role=Role.CARE_PROFESSIONAL,
        task="second opinion",
    )


# ---- R16 Who does what ---------------------------------------------------------------


def test_r16_everyone_in_the_cast_opens_the_plan_and_outsiders_get_404(cast: Cast) -> None:
    for name, user in cast.logins_in_plan().items():
        viewer = policy.plan_for(user, cast.plan.public_id)
        plan, me = viewer.plan, viewer.participant
        assert plan == cast.plan, name
        assert me.user == user, name
    for name, user in cast.logins_outside_plan().items():
        with pytest.raises(Http404):
            policy.plan_for(user, cast.plan.public_id)
        assert not policy.visible_plans(user).exists(), name


def test_r16_professional_added_by_a_professional_has_no_access_until_approved(
    cast: Cast,
) -> None:
    with expect_log(cast.wijkteam_worker, Event.PARTICIPANT_ADDED):
        invited = _invite_outsider(cast)
    assert invited.approved_at is None
    with pytest.raises(Http404):
        policy.plan_for(cast.outsider, cast.plan.public_id)
    assert not policy.visible_plans(cast.outsider).exists()
    with pytest.raises(NotAllowed):
        write_entry(actor=invited, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Hallo.")
    # The plan does not move on while the family has not decided.
    with pytest.raises(RuleViolation) as waiting:
        move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.REQUEST)
    assert waiting.value.rule == "R16"

    with expect_log(cast.parent, Event.PARTICIPANT_APPROVED):
        approve_professional(actor=cast.parent, participant=invited)
    viewer = policy.plan_for(cast.outsider, cast.plan.public_id)
    plan, me = viewer.plan, viewer.participant
    assert (plan, me) == (cast.plan, invited)
    assert me.approved_by == cast.parent
    move_step(actor=cast.wijkteam_worker, plan=cast.plan, to_step=Step.REQUEST)


def test_r16_professional_invited_by_a_parent_is_approved_at_once(cast: Cast) -> None:
    with expect_log(cast.parent, Event.PARTICIPANT_ADDED):
        invited = add_professional(
            actor=cast.parent, plan=cast.plan, user=cast.outsider, role=Role.CARE_PROFESSIONAL
        )
    assert invited.approved_by == cast.parent
    policy.plan_for(cast.outsider, cast.plan.public_id)


def test_r16_youth_of_16_approves_but_youth_of_13_does_not(cast: Cast) -> None:
    invited = _invite_outsider(cast)
    with expect_no_log(), pytest.raises(NotAllowed):
        approve_professional(actor=cast.youth13, participant=invited)
    with pytest.raises(NotAllowed):
        approve_professional(actor=cast.care_provider, participant=invited)
    with expect_log(cast.youth16, Event.PARTICIPANT_APPROVED):
        approve_professional(actor=cast.youth16, participant=invited)
    policy.plan_for(cast.outsider, cast.plan.public_id)


def test_r16_family_refusing_a_professional_ends_their_access(cast: Cast) -> None:
    with expect_log(cast.parent, Event.PARTICIPANT_REFUSED):
        refuse_professional(
            actor=cast.parent, participant=cast.care_provider, reason="We kiezen iemand anders."
        )
    with pytest.raises(Http404):
        policy.plan_for(cast.care_provider_user, cast.plan.public_id)
    cast.care_provider.refresh_from_db()
    assert cast.care_provider.refused_reason == "We kiezen iemand anders."


def test_r16_professional_confirms_reading_the_familys_story(cast: Cast) -> None:
    prepare_for(cast, Step.ANALYSIS)  # the story is written
    assert cast.care_provider.story_read_at is None
    with expect_log(cast.care_provider, Event.STORY_READ):
        confirm_story_read(actor=cast.care_provider, plan=cast.plan)
    cast.care_provider.refresh_from_db()
    read_at = cast.care_provider.story_read_at
    assert read_at is not None
    # Confirmed once: a second click changes nothing and logs nothing.
    with expect_no_log():
        confirm_story_read(actor=cast.care_provider, plan=cast.plan)
    cast.care_provider.refresh_from_db()
    assert cast.care_provider.story_read_at == read_at
    # The family confirms nothing: it is their own story.
    with pytest.raises(NotAllowed):
        confirm_story_read(actor=cast.parent, plan=cast.plan)


def test_r16_plan_has_exactly_one_coordinator(cast: Cast) -> None:
    assert cast.plan.coordinator == cast.wijkteam_worker
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        refuse_professional(
            actor=cast.parent, participant=cast.wijkteam_worker, reason="Liever niet."
        )
    assert refused.value.rule == "R16"
    with expect_no_log(), pytest.raises(RuleViolation) as ended:
        end_participation(actor=cast.parent, participant=cast.wijkteam_worker, reason="Verhuisd.")
    assert ended.value.rule == "R16"
    with pytest.raises(RuleViolation) as network:
        set_coordinator(actor=cast.parent, plan=cast.plan, participant=cast.grandmother)
    assert network.value.rule == "R16"

    # The coordinator may be a family member; there is still exactly one.
    with expect_log(cast.parent, Event.COORDINATOR_SET):
        set_coordinator(actor=cast.parent, plan=cast.plan, participant=cast.parent)
    assert cast.refresh().coordinator == cast.parent
    move_step(actor=cast.parent, plan=cast.plan, to_step=Step.REQUEST)  # and moves the plan
    with expect_log(cast.parent, Event.PARTICIPANT_ENDED):
        end_participation(
            actor=cast.parent, participant=cast.wijkteam_worker, reason="Sanne neemt het over."
        )


# ---- R17 Small table -----------------------------------------------------------------


def _at_table(cast: Cast) -> list[tuple[Participant, str]]:
    return [(cast.parent, ""), (cast.youth16, "")] + [
        (professional, "nodig voor de doelen") for professional in cast.professionals
    ]


def test_r17_meeting_with_four_professionals_gets_a_warning(compulsory_cast: Cast) -> None:
    cast = compulsory_cast
    assert len(cast.professionals) == 4
    with expect_log(cast.wijkteam_worker, Event.MEETING_PLANNED):
        meeting, warning = plan_meeting(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            title="Kennismaking",
            planned_at=timezone.now() + datetime.timedelta(days=7),
            attendees=_at_table(cast),
        )
    assert "4" in warning
    assert "3" in warning
    assert MeetingAttendee.objects.filter(meeting=meeting).count() == 6


def test_r17_meeting_with_three_professionals_gets_no_warning(cast: Cast) -> None:
    assert len(cast.professionals) == 3
    meeting, warning = plan_meeting(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        title="Kennismaking",
        planned_at=timezone.now() + datetime.timedelta(days=7),
        attendees=_at_table(cast),
    )
    assert warning == ""
    assert meeting.step == Step.INTRODUCTION


def test_r17_the_limit_is_configurable(cast: Cast, settings: Settings) -> None:
    settings.REGIE_MAX_PROFESSIONALS_AT_TABLE = 2
    _meeting, warning = plan_meeting(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        title="Kennismaking",
        planned_at=timezone.now(),
        attendees=_at_table(cast),
    )
    assert "3" in warning


def test_r17_each_professional_at_the_table_needs_a_reason(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        plan_meeting(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            title="Overleg",
            planned_at=timezone.now(),
            attendees=[(cast.parent, ""), (cast.care_provider, " ")],
        )
    assert refused.value.rule == "R17"
    assert refused.value.field == "attendees"


# ---- R18 Consultation ----------------------------------------------------------------


def test_r18_consultation_with_the_behavioural_scientist_is_recorded_with_advice(
    cast: Cast,
) -> None:
    with expect_log(cast.care_provider, Event.CONSULTATION):
        consultation = record_consultation(
            actor=cast.care_provider,
            plan=cast.plan,
            kind=ConsultationKind.BEHAVIOURAL_SCIENTIST,
            held_on=timezone.localdate(),
            question="Is gezinscoaching genoeg, of is traumabehandeling nodig?",
            advice="Eerst gezinscoaching; na zes weken opnieuw bekijken.",
            consultant=cast.behavioural_scientist,
        )
    assert consultation.consultant == cast.behavioural_scientist
    assert consultation.advice == "Eerst gezinscoaching; na zes weken opnieuw bekijken."
    with expect_log(cast.wijkteam_worker, Event.CONSULTATION):
        record_consultation(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=ConsultationKind.CASE_DISCUSSION,
            held_on=timezone.localdate(),
            question="Hoe krijgen we vader erbij?",
            advice="Vader apart uitnodigen, op zijn werkplek.",
        )
    assert Consultation.objects.filter(plan=cast.plan).count() == 2


def test_r18_consultation_without_advice_is_refused(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        record_consultation(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=ConsultationKind.CASE_DISCUSSION,
            held_on=timezone.localdate(),
            question="Hoe verder?",
            advice=" ",
        )
    assert refused.value.rule == "R18"
    with pytest.raises(RuleViolation):
        record_consultation(
            actor=cast.wijkteam_worker,
            plan=cast.plan,
            kind=ConsultationKind.BEHAVIOURAL_SCIENTIST,
            held_on=timezone.localdate(),
            question="Hoe verder?",
            advice="Zo.",
            consultant=cast.care_provider,
        )
    with pytest.raises(NotAllowed):  # the family reads the advice, it does not record it
        record_consultation(
            actor=cast.parent,
            plan=cast.plan,
            kind=ConsultationKind.CASE_DISCUSSION,
            held_on=timezone.localdate(),
            question="Hoe verder?",
            advice="Zo.",
        )
