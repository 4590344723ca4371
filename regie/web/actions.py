"""Every change a plan page can make: a form and the service it feeds. The generic
action view looks the name up here, so each action is one table row, and the
authorization matrix can walk them all."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from regie.access.policy import Permission
from regie.plans.models import Participant, Plan, Step
from regie.plans.services import (
    analysis,
    complaints,
    entries,
    evaluation,
    goals,
    help,
    invitations,
    meetings,
    plans,
    retention,
    sharing,
    team,
)
from regie.web import forms as f

Data = dict[str, Any]


@dataclass(frozen=True)
class ActionSpec:
    form: type[f.PlanForm]
    run: Callable[[Data, Plan, Participant], Any]
    step: int | None  # the step page to return to; None: the plan overview
    done: Any = None  # the success message; None: "Opgeslagen."


def _move(d: Data, plan: Plan, me: Participant) -> Any:
    return plans.move_step(actor=me, plan=plan, **d)


def _meeting(d: Data, plan: Plan, me: Participant) -> Any:
    """Returns the small-table warning (R17), which the view shows."""
    attendees = [(p, d["why_needed"] if p.is_professional else "") for p in d["attendees"]]
    _meeting, warning = meetings.plan_meeting(
        actor=me, plan=plan, title=d["title"], planned_at=d["planned_at"], attendees=attendees
    )
    return warning


def _invite(d: Data, plan: Plan, me: Participant) -> Any:
    """Returns the message with the link, shown once (only its hash is stored)."""
    invitation, token = invitations.invite(actor=me, plan=plan, **d)
    link = invitations.invitation_link(token)
    return _("Geef %(name)s deze link; hij werkt één keer en verloopt op %(date)s: %(link)s") % {
        "name": invitation.participant.display_name,
        "date": invitation.expires_at.strftime("%d-%m-%Y"),
        "link": link,
    }


def _consultation(d: Data, plan: Plan, me: Participant) -> Any:
    return analysis.record_consultation(actor=me, plan=plan, **d)


S = Step
ACTIONS: dict[str, ActionSpec] = {
    "move-step": ActionSpec(f.MoveStepForm, _move, None, _("Het plan staat in een andere stap.")),
    "framework": ActionSpec(
        f.FrameworkForm, lambda d, plan, me: plans.set_framework(actor=me, plan=plan, **d), S(1)
    ),
    "add-person": ActionSpec(
        f.AddPersonForm,
        lambda d, plan, me: team.add_person(
            actor=me, plan=plan, **{**d, "role": d["role"] or None}
        ),
        S(1),
    ),
    "add-professional": ActionSpec(
        f.AddProfessionalForm,
        lambda d, plan, me: team.add_professional(actor=me, plan=plan, **d),
        S(1),
    ),
    "approve": ActionSpec(
        f.ApproveProfessionalForm,
        lambda d, plan, me: team.approve_professional(actor=me, participant=d["participant"]),
        S(1),
        _("De hulpverlener is toegelaten."),
    ),
    "refuse": ActionSpec(
        f.RefuseProfessionalForm,
        lambda d, plan, me: team.refuse_professional(
            actor=me, participant=d["participant"], reason=d["reason"]
        ),
        S(1),
        _("De hulpverlener heeft geen toegang meer."),
    ),
    "end-participation": ActionSpec(
        f.EndParticipationForm,
        lambda d, plan, me: team.end_participation(
            actor=me, participant=d["participant"], reason=d["reason"]
        ),
        S(1),
    ),
    "coordinator": ActionSpec(
        f.ParticipantForm,
        lambda d, plan, me: team.set_coordinator(actor=me, plan=plan, participant=d["participant"]),
        S(1),
    ),
    "story-read": ActionSpec(
        f.EmptyForm,
        lambda d, plan, me: plans.confirm_story_read(actor=me, plan=plan),
        S(2),
        _("Bedankt: het gezin ziet dat u hun verhaal hebt gelezen."),
    ),
    "story": ActionSpec(
        f.StoryForm, lambda d, plan, me: plans.edit_story(actor=me, plan=plan, **d), S(2)
    ),
    "profile": ActionSpec(
        f.ProfileForm, lambda d, plan, me: plans.edit_family_profile(actor=me, plan=plan, **d), S(1)
    ),
    "relation": ActionSpec(
        f.RelationForm, lambda d, plan, me: team.add_relation(actor=me, plan=plan, **d), S(1)
    ),
    "entry": ActionSpec(
        f.EntryForm,
        lambda d, plan, me: entries.write_entry(actor=me, plan=plan, **d),
        None,
        _("De aantekening staat in het plan; het gezin kan erop reageren."),
    ),
    "react": ActionSpec(
        f.ReactForm,
        lambda d, plan, me: entries.react_to_entry(actor=me, **d),
        None,
        _("Uw reactie staat bij de aantekening."),
    ),
    "correct-entry": ActionSpec(
        f.CorrectEntryForm, lambda d, plan, me: entries.correct_entry(actor=me, **d), None
    ),
    "withdraw-entry": ActionSpec(
        f.WithdrawEntryForm,
        # `confirm` is the form's own tick (cannot be undone), not a service argument.
        lambda d, plan, me: entries.withdraw_entry(actor=me, entry=d["entry"], reason=d["reason"]),
        None,
    ),
    "wish": ActionSpec(
        f.WishForm, lambda d, plan, me: entries.add_wish(actor=me, plan=plan, **d), S(2)
    ),
    "withdraw-wish": ActionSpec(
        f.WithdrawWishForm, lambda d, plan, me: entries.withdraw_wish(actor=me, **d), S(2)
    ),
    "domain": ActionSpec(
        f.DomainForm,
        lambda d, plan, me: analysis.assess_domain(actor=me, plan=plan, **d),
        S(3),
    ),
    "edit-domain": ActionSpec(
        f.EditDomainForm,
        lambda d, plan, me: analysis.assess_domain(
            actor=me,
            plan=plan,
            domain=d["assessment"].domain,
            concerns=d["concerns"],
            strengths=d["strengths"],
            score=d.get("score"),
            expected_version=d["expected_version"],
        ),
        S(3),
    ),
    "factor": ActionSpec(
        f.FactorForm,
        lambda d, plan, me: analysis.add_protective_factor(actor=me, plan=plan, **d),
        S(3),
    ),
    "picture": ActionSpec(
        f.PictureForm, lambda d, plan, me: analysis.write_picture(actor=me, plan=plan, **d), S(3)
    ),
    "position": ActionSpec(
        f.PositionForm, lambda d, plan, me: analysis.record_position(actor=me, plan=plan, **d), S(3)
    ),
    "consultation": ActionSpec(f.ConsultationForm, _consultation, S(3)),
    "goal": ActionSpec(
        f.GoalForm, lambda d, plan, me: goals.add_goal(actor=me, plan=plan, **d), S(4)
    ),
    "move-goal": ActionSpec(
        f.MoveGoalForm,
        lambda d, plan, me: goals.move_goal(actor=me, **d),
        S(4),
        _("De volgorde is aangepast."),
    ),
    "goal-status": ActionSpec(
        f.GoalStatusForm, lambda d, plan, me: goals.set_goal_status(actor=me, **d), S(4)
    ),
    "condition": ActionSpec(
        f.ConditionForm, lambda d, plan, me: goals.set_condition(actor=me, plan=plan, **d), S(4)
    ),
    "withdraw-condition": ActionSpec(
        f.WithdrawConditionForm, lambda d, plan, me: goals.withdraw_condition(actor=me, **d), S(4)
    ),
    "network": ActionSpec(
        f.NetworkAssessmentForm,
        lambda d, plan, me: goals.assess_network(actor=me, plan=plan, **d),
        S(5),
    ),
    "offer-group-plan": ActionSpec(
        f.OfferGroupPlanForm,
        lambda d, plan, me: goals.offer_group_plan(actor=me, plan=plan, **d),
        S(5),
    ),
    "answer-group-plan": ActionSpec(
        f.AnswerGroupPlanForm,
        lambda d, plan, me: goals.answer_group_plan(actor=me, plan=plan, **d),
        S(5),
    ),
    "action": ActionSpec(
        f.ActionForm, lambda d, plan, me: goals.add_action(actor=me, plan=plan, **d), S(5)
    ),
    "complete-action": ActionSpec(
        f.CompleteActionForm,
        lambda d, plan, me: goals.complete_action(actor=me, **d),
        None,
        _("De actie is afgerond."),
    ),
    "option": ActionSpec(
        f.OptionForm,
        lambda d, plan, me: help.propose_option(
            actor=me, plan=plan, **{**d, "goals": list(d["goals"])}
        ),
        S(6),
    ),
    "preference": ActionSpec(
        f.PreferenceForm, lambda d, plan, me: help.give_preference(actor=me, **d), S(6)
    ),
    "decide": ActionSpec(
        f.DecisionForm, lambda d, plan, me: help.decide(actor=me, plan=plan, **d), S(6)
    ),
    "agree": ActionSpec(
        f.AgreeDecisionForm, lambda d, plan, me: help.agree_to_decision(actor=me, **d), S(6)
    ),
    "choose-provider": ActionSpec(
        f.ChooseProviderForm,
        lambda d, plan, me: help.choose_provider(actor=me, **d),
        S(6),
        _("De aanbieder die u koos staat bij het besluit."),
    ),
    "application": ActionSpec(
        f.ApplicationForm, lambda d, plan, me: help.file_application(actor=me, **d), S(6)
    ),
    "late-notice": ActionSpec(
        f.LateNoticeForm, lambda d, plan, me: help.send_late_notice(actor=me, **d), S(6)
    ),
    "application-outcome": ActionSpec(
        f.ApplicationOutcomeForm,
        lambda d, plan, me: help.record_application_outcome(actor=me, **d),
        S(6),
    ),
    "schedule-evaluation": ActionSpec(
        f.ScheduleEvaluationForm,
        lambda d, plan, me: evaluation.schedule_evaluation(actor=me, plan=plan, **d),
        S(7),
    ),
    "request-evaluation": ActionSpec(
        f.RequestEvaluationForm,
        lambda d, plan, me: evaluation.request_extra_evaluation(actor=me, plan=plan, **d),
        None,
        _("Uw verzoek om een extra evaluatie staat in het plan."),
    ),
    "score": ActionSpec(
        f.ScoreForm, lambda d, plan, me: evaluation.score_goal(actor=me, **d), S(7)
    ),
    "record-evaluation": ActionSpec(
        f.RecordEvaluationForm,
        lambda d, plan, me: evaluation.record_evaluation(actor=me, **d),
        S(7),
    ),
    "meeting": ActionSpec(f.MeetingForm, _meeting, S(7)),
    "info-agreement": ActionSpec(
        f.InfoAgreementForm,
        lambda d, plan, me: team.add_information_agreement(actor=me, plan=plan, **d),
        S(7),
    ),
    "aftercare": ActionSpec(
        f.AftercareForm,
        lambda d, plan, me: evaluation.add_aftercare(actor=me, plan=plan, **d),
        S(8),
    ),
    "close": ActionSpec(
        f.ClosePlanForm,
        lambda d, plan, me: evaluation.close_plan(
            actor=me, plan=plan, summary=d["summary"], help_ended_on=d["help_ended_on"]
        ),
        S(8),
        _("Het plan is afgesloten."),
    ),
    "complaint": ActionSpec(
        f.ComplaintForm,
        lambda d, plan, me: complaints.file_complaint(actor=me, plan=plan, **d),
        None,
        _("Uw klacht is verstuurd naar de klachtenfunctionaris van de organisatie."),
    ),
    "complaint-status": ActionSpec(
        f.ComplaintStatusForm, lambda d, plan, me: complaints.update_complaint(actor=me, **d), None
    ),
    "share": ActionSpec(
        f.ShareForm,
        lambda d, plan, me: sharing.share_with_network(actor=me, plan=plan, **d),
        S(1),
        _("Het netwerklid ziet dit deel nu."),
    ),
    "stop-share": ActionSpec(
        f.StopShareForm,
        lambda d, plan, me: sharing.stop_sharing(actor=me, **d),
        S(1),
        _("Het netwerklid ziet dit deel niet meer."),
    ),
    "keep-private": ActionSpec(
        f.PrivacyForm,
        lambda d, plan, me: sharing.keep_from_parents(actor=me, record=d["record"]),
        None,
        _("Je ouders zien dit niet meer. Hulpverleners wel."),
    ),
    "share-with-parents": ActionSpec(
        f.PrivacyForm,
        lambda d, plan, me: sharing.share_with_parents(actor=me, record=d["record"]),
        None,
        _("Je ouders zien dit weer."),
    ),
    "invite": ActionSpec(f.InviteForm, _invite, S(1), _("De uitnodiging is gemaakt.")),
    "revoke-invitation": ActionSpec(
        f.RevokeInvitationForm,
        lambda d, plan, me: invitations.revoke_invitation(actor=me, **d),
        S(1),
        _("De uitnodiging werkt niet meer."),
    ),
    "request-destruction": ActionSpec(
        f.RequestDestructionForm,
        lambda d, plan, me: retention.request_destruction(actor=me, plan=plan, **d),
        None,
        _("Uw verzoek is verstuurd. Een hulpverlener beslist en u ziet het besluit hier."),
    ),
}


P = Permission
# What an action needs before its form is even read; None: the service decides by
# ownership or age (approving, completing an own action, keeping something private).
REQUIRES: dict[str, Permission | None] = {
    "move-step": P.MOVE_STEP,
    "framework": P.SET_FRAMEWORK,
    "add-person": P.MANAGE_TEAM,
    "add-professional": P.MANAGE_TEAM,
    "approve": None,
    "refuse": None,
    "end-participation": P.MANAGE_TEAM,
    "coordinator": P.SET_COORDINATOR,
    "story-read": P.CONFIRM_STORY_READ,
    "story": P.EDIT_STORY,
    "profile": P.EDIT_PROFILE,
    "relation": P.WRITE_ANALYSIS,
    "entry": P.WRITE_ENTRY,
    "react": P.REACT_TO_ENTRY,
    "correct-entry": P.WRITE_ENTRY,
    "withdraw-entry": P.WRITE_ENTRY,
    "wish": None,
    "withdraw-wish": P.WRITE_WISH,
    "domain": P.WRITE_ANALYSIS,
    "edit-domain": P.WRITE_ANALYSIS,
    "factor": P.WRITE_ANALYSIS,
    "picture": P.WRITE_PICTURE,
    "position": P.RECORD_POSITION,
    "consultation": P.RECORD_CONSULTATION,
    "goal": P.ADD_GOAL,
    "move-goal": P.PRIORITISE_GOALS,
    "goal-status": P.ADD_GOAL,
    "condition": P.SET_CONDITION,
    "withdraw-condition": P.SET_CONDITION,
    "network": P.ASSESS_NETWORK,
    "offer-group-plan": P.OFFER_GROUP_PLAN,
    "answer-group-plan": P.ANSWER_GROUP_PLAN,
    "action": P.ADD_ACTION,
    "complete-action": None,
    "option": P.PROPOSE_OPTION,
    "preference": P.GIVE_PREFERENCE,
    "decide": P.DECIDE,
    "agree": P.AGREE_DECISION,
    "choose-provider": P.CHOOSE_PROVIDER,
    "application": P.APPLY,
    "late-notice": P.APPLY,
    "application-outcome": P.APPLY,
    "schedule-evaluation": P.SCHEDULE_EVALUATION,
    "request-evaluation": P.REQUEST_EVALUATION,
    "score": P.SCORE_GOAL,
    "record-evaluation": P.RECORD_EVALUATION,
    "meeting": P.PLAN_MEETING,
    "info-agreement": P.ADD_INFO_AGREEMENT,
    "aftercare": P.ADD_AFTERCARE,
    "close": P.CLOSE_PLAN,
    "complaint": P.COMPLAIN,
    "complaint-status": P.HANDLE_COMPLAINT,
    "share": P.SHARE_WITH_NETWORK,
    "stop-share": P.SHARE_WITH_NETWORK,
    "keep-private": None,
    "share-with-parents": None,
    "invite": P.MANAGE_TEAM,
    "revoke-invitation": P.MANAGE_TEAM,
    "request-destruction": P.REQUEST_DESTRUCTION,
}
if set(REQUIRES) != set(ACTIONS):  # a new action must say what it needs
    raise ImproperlyConfigured(f"REQUIRES and ACTIONS differ: {set(REQUIRES) ^ set(ACTIONS)}")
