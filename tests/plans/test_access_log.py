"""A5 the access log (NEN 7513): every service call writes exactly one row naming the
event, the user, the role and organisation they acted in, and the plan; rows form a hash
chain; rows cannot be changed through the ORM."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from regie.access.events import Event, EventKind
from regie.access.log import seal_everything
from regie.access.models import AccessLogEntry
from regie.access.verify import verify_chain
from regie.families.models import PersonKind, RelationKind
from regie.plans.models import (
    Action,
    Application,
    Complaint,
    Condition,
    Decision,
    Entry,
    Evaluation,
    Goal,
    HelpOption,
    Participant,
    Plan,
    Role,
    Step,
    Wish,
)
from regie.plans.services import (
    analysis,
    complaints,
    entries,
    evaluation,
    goals,
    help,
    meetings,
    plans,
    team,
)
from tests.personas import (
    Cast,
    assert_row_by,
    build_cast,
    last_log_id,
    new_rows_since,
    prepare_close,
    walk_to,
)

pytestmark = pytest.mark.django_db

Call = Callable[[], object]


@dataclass(frozen=True)
class LogCase:
    """`arrange` sets the scene (its own rows do not count) and returns who acts and the
    one service call to check."""

    event: EventKind
    arrange: Callable[[Cast], tuple[Participant, Call]]
    compulsory: bool = False

    @property
    def name(self) -> str:
        return self.arrange.__name__


CASES: list[LogCase] = []


def case(
    event: EventKind, *, compulsory: bool = False
) -> Callable[
    [Callable[[Cast], tuple[Participant, Call]]], Callable[[Cast], tuple[Participant, Call]]
]:
    def register(
        arrange: Callable[[Cast], tuple[Participant, Call]],
    ) -> Callable[[Cast], tuple[Participant, Call]]:
        CASES.append(LogCase(event, arrange, compulsory))
        return arrange

    return register


# Small scene builders shared by the cases.


def _entry(c: Cast) -> Entry:
    return entries.write_entry(actor=c.care_provider, plan=c.plan, kind="observation", body="Rust.")


def _wish(c: Cast) -> Wish:
    return entries.add_wish(actor=c.youth13, plan=c.plan, member=c.youth13, text="School.")


def _goal(c: Cast) -> Goal:
    return goals.add_goal(actor=c.parent, plan=c.plan, text="Naar school.", term="short")


def _offered(c: Cast) -> None:
    goals.offer_group_plan(actor=c.wijkteam_worker, plan=c.plan, offered_on=timezone.localdate())


def _action(c: Cast) -> Action:
    return goals.add_action(
        actor=c.parent, plan=c.plan, description="Ophalen.", owner=c.grandmother
    )


def _option(c: Cast) -> HelpOption:
    return help.propose_option(
        actor=c.care_provider, plan=c.plan, title="Coaching", pros="Thuis.", cons="Vaak."
    )


def _network_first(c: Cast) -> None:
    goals.assess_network(
        actor=c.parent, plan=c.plan, family_does="Veel.", network_does="Oma.", is_enough="no"
    )
    _offered(c)
    goals.answer_group_plan(actor=c.parent, plan=c.plan, answer="declined")


def _decide(c: Cast, option: HelpOption) -> Decision:
    return help.decide(
        actor=c.wijkteam_worker,
        plan=c.plan,
        option=option,
        rationale="Past.",
        funding="in_kind",
        aftercare="Nabellen.",
        provider=c.provider_org,
        provider_chosen_by=c.parent,
    )


def _decision(c: Cast) -> Decision:
    _network_first(c)
    return _decide(c, _option(c))


def _application(c: Cast) -> Application:
    return help.file_application(
        actor=c.wijkteam_worker, decision=_decision(c), submitted_on=timezone.localdate()
    )


def _evaluation(c: Cast) -> Evaluation:
    return evaluation.schedule_evaluation(
        actor=c.wijkteam_worker, plan=c.plan, scheduled_for=timezone.localdate()
    )


def _complaint(c: Cast) -> Complaint:
    return complaints.file_complaint(
        actor=c.parent, plan=c.plan, organisation=c.provider_org, kind="complaint", text="Te laat."
    )


def _condition(c: Cast) -> Condition:
    return goals.set_condition(
        actor=c.child_protection, plan=c.plan, kind="safety", text="Bij ruzie naar oma."
    )


# ---- The plan and its team -----------------------------------------------------------


@case(Event.FRAMEWORK_CHANGED)
def set_framework(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: plans.set_framework(
        actor=c.wijkteam_worker, plan=c.plan, framework="compulsory", legal_measure="ots"
    )


@case(Event.PERSON_ADDED)
def add_person(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: team.add_person(
        actor=c.wijkteam_worker, plan=c.plan, first_name="Tante", kind=PersonKind.RELATIVE
    )


@case(Event.PARTICIPANT_ADDED)
def add_family_participant(c: Cast) -> tuple[Participant, Call]:
    aunt = team.add_person(
        actor=c.wijkteam_worker, plan=c.plan, first_name="Tante", kind=PersonKind.RELATIVE
    )
    return c.parent, lambda: team.add_family_participant(
        actor=c.parent, plan=c.plan, person=aunt, role=Role.NETWORK
    )


@case(Event.PARTICIPANT_ADDED)
def add_professional(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: team.add_professional(
        actor=c.wijkteam_worker, plan=c.plan, user=c.outsider, role=Role.CARE_PROFESSIONAL
    )


@case(Event.PARTICIPANT_APPROVED)
def approve_professional(c: Cast) -> tuple[Participant, Call]:
    invited = team.add_professional(
        actor=c.wijkteam_worker, plan=c.plan, user=c.outsider, role=Role.CARE_PROFESSIONAL
    )
    return c.youth16, lambda: team.approve_professional(actor=c.youth16, participant=invited)


@case(Event.PARTICIPANT_REFUSED)
def refuse_professional(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: team.refuse_professional(
        actor=c.parent, participant=c.behavioural_scientist, reason="Niet nodig."
    )


@case(Event.PARTICIPANT_ENDED)
def end_participation(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: team.end_participation(
        actor=c.wijkteam_worker, participant=c.care_provider, reason="Hulp afgerond."
    )


@case(Event.COORDINATOR_SET)
def set_coordinator(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: team.set_coordinator(
        actor=c.parent, plan=c.plan, participant=c.care_provider
    )


@case(Event.STORY_READ)
def confirm_story_read(c: Cast) -> tuple[Participant, Call]:
    return c.behavioural_scientist, lambda: plans.confirm_story_read(
        actor=c.behavioural_scientist, plan=c.plan
    )


@case(Event.STORY_EDITED)
def edit_story(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: plans.edit_story(
        actor=c.parent,
        plan=c.plan,
        expected_version=1,
        story="Ons verhaal.",
        request_for_help="Rust.",
    )


@case(Event.PROFILE_EDITED)
def edit_family_profile(c: Cast) -> tuple[Participant, Call]:
    return c.youth16, lambda: plans.edit_family_profile(
        actor=c.youth16,
        plan=c.plan,
        expected_version=1,
        name="Gezin Jansen",
        language="Nederlands",
        culture="",
        religion="",
        considerations="",
    )


@case(Event.RELATION_ADDED)
def add_relation(c: Cast) -> tuple[Participant, Call]:
    grandmother, child8 = c.grandmother.person, c.child8.person
    assert grandmother is not None and child8 is not None
    return c.care_provider, lambda: team.add_relation(
        actor=c.care_provider,
        plan=c.plan,
        from_person=grandmother,
        to_person=child8,
        kind=RelationKind.OTHER,
        closeness=4,
    )


@case(Event.STEP_MOVED)
def move_step(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: plans.move_step(
        actor=c.wijkteam_worker, plan=c.plan, to_step=Step.REQUEST
    )


# ---- Entries and wishes --------------------------------------------------------------


@case(Event.ENTRY_WRITTEN)
def write_entry(c: Cast) -> tuple[Participant, Call]:
    return c.care_provider, lambda: _entry(c)


@case(Event.ENTRY_REACTED)
def react_to_entry(c: Cast) -> tuple[Participant, Call]:
    entry = _entry(c)
    return c.youth13, lambda: entries.react_to_entry(actor=c.youth13, entry=entry, verdict="agrees")


@case(Event.ENTRY_CORRECTED)
def correct_entry(c: Cast) -> tuple[Participant, Call]:
    entry = _entry(c)
    return c.care_provider, lambda: entries.correct_entry(
        actor=c.care_provider, entry=entry, expected_version=1, body="Onrust.", reason="Fout."
    )


@case(Event.ENTRY_WITHDRAWN)
def withdraw_entry(c: Cast) -> tuple[Participant, Call]:
    entry = _entry(c)
    return c.care_provider, lambda: entries.withdraw_entry(
        actor=c.care_provider, entry=entry, reason="Verkeerd gezin."
    )


@case(Event.WISH_ADDED)
def add_wish(c: Cast) -> tuple[Participant, Call]:
    return c.youth13, lambda: _wish(c)


@case(Event.WISH_EDITED)
def edit_wish(c: Cast) -> tuple[Participant, Call]:
    wish = _wish(c)
    return c.youth13, lambda: entries.edit_wish(
        actor=c.youth13, wish=wish, expected_version=1, text="Weer naar school."
    )


@case(Event.WISH_WITHDRAWN)
def withdraw_wish(c: Cast) -> tuple[Participant, Call]:
    wish = _wish(c)
    return c.youth13, lambda: entries.withdraw_wish(actor=c.youth13, wish=wish, reason="Gelukt.")


# ---- Analysis ------------------------------------------------------------------------


@case(Event.ANALYSIS_EDITED)
def assess_domain(c: Cast) -> tuple[Participant, Call]:
    domain = c.plan.domain_set.domains.get(name="Veiligheid")
    return c.parent, lambda: analysis.assess_domain(
        actor=c.parent, plan=c.plan, domain=domain, concerns="Ruzie.", strengths="Oma."
    )


@case(Event.FACTOR_ADDED)
def add_protective_factor(c: Cast) -> tuple[Participant, Call]:
    return c.behavioural_scientist, lambda: analysis.add_protective_factor(
        actor=c.behavioural_scientist, plan=c.plan, kind="protective", text="Band met moeder."
    )


@case(Event.PICTURE_WRITTEN)
def write_picture(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: analysis.write_picture(
        actor=c.wijkteam_worker, plan=c.plan, summary="Spanning thuis."
    )


@case(Event.POSITION_RECORDED)
def record_position(c: Cast) -> tuple[Participant, Call]:
    analysis.write_picture(actor=c.wijkteam_worker, plan=c.plan, summary="Spanning thuis.")
    return c.second_parent, lambda: analysis.record_position(
        actor=c.second_parent, plan=c.plan, position="no_action", reason="Zelf oplossen."
    )


@case(Event.CONSULTATION)
def record_consultation(c: Cast) -> tuple[Participant, Call]:
    return c.care_provider, lambda: analysis.record_consultation(
        actor=c.care_provider,
        plan=c.plan,
        kind="behavioural",
        held_on=timezone.localdate(),
        question="Wat nu?",
        advice="Eerst coaching.",
        consultant=c.behavioural_scientist,
    )


# ---- Goals, conditions, own strength, actions ----------------------------------------


@case(Event.GOAL_ADDED)
def add_goal(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: _goal(c)


@case(Event.GOAL_EDITED)
def edit_goal(c: Cast) -> tuple[Participant, Call]:
    goal = _goal(c)
    return c.care_provider, lambda: goals.edit_goal(
        actor=c.care_provider, goal=goal, expected_version=1, text="Elke dag.", term="short"
    )


@case(Event.GOALS_REORDERED)
def reorder_goals(c: Cast) -> tuple[Participant, Call]:
    first, second = _goal(c), _goal(c)
    return c.youth16, lambda: goals.reorder_goals(
        actor=c.youth16, plan=c.plan, goal_ids=[second.pk, first.pk]
    )


@case(Event.GOAL_STATUS)
def set_goal_status(c: Cast) -> tuple[Participant, Call]:
    goal = _goal(c)
    return c.parent, lambda: goals.set_goal_status(
        actor=c.parent, goal=goal, expected_version=1, status="stopped", reason="Niet meer nodig."
    )


@case(Event.CONDITION_SET, compulsory=True)
def set_condition(c: Cast) -> tuple[Participant, Call]:
    return c.child_protection, lambda: _condition(c)


@case(Event.CONDITION_WITHDRAWN, compulsory=True)
def withdraw_condition(c: Cast) -> tuple[Participant, Call]:
    condition = _condition(c)
    return c.child_protection, lambda: goals.withdraw_condition(
        actor=c.child_protection, condition=condition, reason="Gaat goed."
    )


@case(Event.NETWORK_ASSESSED)
def assess_network(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: goals.assess_network(
        actor=c.parent, plan=c.plan, family_does="Veel.", network_does="Oma.", is_enough="partly"
    )


@case(Event.GROUP_PLAN)
def offer_group_plan(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: _offered(c)


@case(Event.GROUP_PLAN)
def answer_group_plan(c: Cast) -> tuple[Participant, Call]:
    _offered(c)
    return c.parent, lambda: goals.answer_group_plan(actor=c.parent, plan=c.plan, answer="declined")


@case(Event.ACTION_ADDED)
def add_action(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: _action(c)


@case(Event.ACTION_DONE)
def complete_action(c: Cast) -> tuple[Participant, Call]:
    action = _action(c)
    return c.grandmother, lambda: goals.complete_action(actor=c.grandmother, action=action)


# ---- Deciding on help ----------------------------------------------------------------


@case(Event.OPTION_PROPOSED)
def propose_option(c: Cast) -> tuple[Participant, Call]:
    return c.care_provider, lambda: _option(c)


@case(Event.PREFERENCE_GIVEN)
def give_preference(c: Cast) -> tuple[Participant, Call]:
    option = _option(c)
    return c.youth16, lambda: help.give_preference(
        actor=c.youth16, option=option, preference="acceptable", reason="Als het thuis is."
    )


@case(Event.DECISION_MADE)
def decide(c: Cast) -> tuple[Participant, Call]:
    _network_first(c)
    option = _option(c)
    return c.wijkteam_worker, lambda: _decide(c, option)


@case(Event.DECISION_AGREED)
def agree_to_decision(c: Cast) -> tuple[Participant, Call]:
    decision = _decision(c)
    return c.parent, lambda: help.agree_to_decision(actor=c.parent, decision=decision, agrees=True)


@case(Event.APPLICATION_FILED)
def file_application(c: Cast) -> tuple[Participant, Call]:
    decision = _decision(c)
    return c.wijkteam_worker, lambda: help.file_application(
        actor=c.wijkteam_worker, decision=decision, submitted_on=timezone.localdate()
    )


@case(Event.LATE_NOTICE)
def send_late_notice(c: Cast) -> tuple[Participant, Call]:
    application = _application(c)
    return c.wijkteam_worker, lambda: help.send_late_notice(
        actor=c.wijkteam_worker,
        application=application,
        sent_on=timezone.localdate(),
        message="Het besluit komt twee weken later.",
    )


@case(Event.APPLICATION_DECIDED)
def record_application_outcome(c: Cast) -> tuple[Participant, Call]:
    application = _application(c)
    return c.wijkteam_worker, lambda: help.record_application_outcome(
        actor=c.wijkteam_worker,
        application=application,
        outcome="granted",
        decided_on=timezone.localdate(),
    )


# ---- Team ----------------------------------------------------------------------------


@case(Event.MEETING_PLANNED)
def plan_meeting(c: Cast) -> tuple[Participant, Call]:
    return c.care_provider, lambda: meetings.plan_meeting(
        actor=c.care_provider,
        plan=c.plan,
        title="Overleg",
        planned_at=timezone.now(),
        attendees=[(c.parent, ""), (c.care_provider, "coach")],
    )


@case(Event.INFO_AGREEMENT)
def add_information_agreement(c: Cast) -> tuple[Participant, Call]:
    return c.care_provider, lambda: team.add_information_agreement(
        actor=c.care_provider,
        plan=c.plan,
        from_organisation=c.provider_org,
        to_organisation=c.wijkteam_org,
        what="Voortgang van de coaching.",
        frequency="maandelijks",
    )


@case(Event.COMPLAINT_FILED)
def file_complaint(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: _complaint(c)


@case(Event.COMPLAINT_UPDATED)
def update_complaint(c: Cast) -> tuple[Participant, Call]:
    complaint = _complaint(c)
    return c.care_provider, lambda: complaints.update_complaint(
        actor=c.care_provider, complaint=complaint, status="received"
    )


# ---- Evaluation and closing ----------------------------------------------------------


@case(Event.EVALUATION_SCHEDULED)
def schedule_evaluation(c: Cast) -> tuple[Participant, Call]:
    return c.wijkteam_worker, lambda: _evaluation(c)


@case(Event.EVALUATION_REQUESTED)
def request_extra_evaluation(c: Cast) -> tuple[Participant, Call]:
    return c.grandmother, lambda: evaluation.request_extra_evaluation(
        actor=c.grandmother, plan=c.plan, reason="Het loopt vast."
    )


@case(Event.GOAL_SCORED)
def score_goal(c: Cast) -> tuple[Participant, Call]:
    goal, scheduled = _goal(c), _evaluation(c)
    return c.youth13, lambda: evaluation.score_goal(
        actor=c.youth13, evaluation=scheduled, goal=goal, score=7
    )


@case(Event.EVALUATION_RECORDED)
def record_evaluation(c: Cast) -> tuple[Participant, Call]:
    goal, scheduled = _goal(c), _evaluation(c)
    evaluation.score_goal(actor=c.parent, evaluation=scheduled, goal=goal, score=7)
    return c.care_provider, lambda: evaluation.record_evaluation(
        actor=c.care_provider,
        evaluation=scheduled,
        expected_version=1,
        held_on=timezone.localdate(),
        working_relationship="Goed.",
        satisfaction=8,
        satisfaction_reasons="Er wordt geluisterd.",
        outcome="continue",
    )


@case(Event.AFTERCARE_ADDED)
def add_aftercare(c: Cast) -> tuple[Participant, Call]:
    return c.parent, lambda: evaluation.add_aftercare(
        actor=c.parent,
        plan=c.plan,
        kind="contact",
        description="Oma belt elke week.",
        planned_on=timezone.localdate() + datetime.timedelta(weeks=1),
        owner=c.grandmother,
    )


@case(Event.PLAN_CLOSED)
def close_plan(c: Cast) -> tuple[Participant, Call]:
    walk_to(c, Step.CLOSING)
    prepare_close(c)
    return c.wijkteam_worker, lambda: evaluation.close_plan(
        actor=c.wijkteam_worker, plan=c.plan, summary="Klaar."
    )


@case(Event.CLOSING_VOICE_GIVEN)
def give_closing_voice(c: Cast) -> tuple[Participant, Call]:
    walk_to(c, Step.CLOSING)
    return c.parent, lambda: evaluation.give_closing_voice(
        actor=c.parent, plan=c.plan, usefulness=8, going_on="yes"
    )


# ---- The tests -----------------------------------------------------------------------


@pytest.mark.parametrize("log_case", CASES, ids=lambda log_case: log_case.name)
def test_service_call_writes_exactly_one_log_row(log_case: LogCase) -> None:
    cast = build_cast(compulsory=log_case.compulsory)
    actor, call = log_case.arrange(cast)
    before = last_log_id()
    started = timezone.now()
    call()
    rows = new_rows_since(before)
    assert [row.event for row in rows] == [log_case.event.code]
    (row,) = rows
    plan = Plan.objects.select_related("family").get(pk=cast.plan.pk)
    assert_row_by(row, actor, plan)
    assert row.action == log_case.event.action
    assert row.object_type and row.object_id
    assert started <= row.at <= timezone.now()


def test_opening_a_plan_is_logged_by_the_opener(db: None) -> None:
    cast = build_cast()
    before = last_log_id()
    plan = plans.open_plan(by=cast.outsider, role=Role.CARE_PROFESSIONAL, family_name="Gezin Smit")
    (row,) = new_rows_since(before)
    assert row.event == Event.PLAN_OPENED.code
    opener = plan.coordinator
    assert opener is not None and opener.user == cast.outsider
    assert_row_by(row, opener, plan)
    assert (row.role, row.organisation) == (Role.CARE_PROFESSIONAL, "Zorggroep Elders")
    assert row.object_id == str(plan.public_id)


def test_log_rows_form_a_hash_chain(cast: Cast) -> None:
    """A5: every row of a plan's whole course is sealed once, in one unbroken chain."""
    walk_to(cast, Step.GOALS)
    count = AccessLogEntry.objects.count()
    assert count > 20
    assert seal_everything() == count
    result = verify_chain()
    assert result.ok and result.checked == count


def test_log_rows_cannot_be_updated_or_deleted_through_the_orm(cast: Cast) -> None:
    row = AccessLogEntry.objects.order_by("id").first()
    assert row is not None
    row.role = "admin"
    with pytest.raises(ValueError, match="append-only"):
        row.save()
    with pytest.raises(ValueError, match="append-only"):
        row.delete()
    row.refresh_from_db()
    assert row.role == Role.REFERRER
