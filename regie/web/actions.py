"""Every change a plan page can make, one row per action: its form, the service it feeds,
what it needs, the pages that show it and how they show it. The generic action view and
the page builder look the name up here, and the authorization matrix walks them all."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from regie.access.policy import Permission
from regie.plans import selectors
from regie.plans.models import FamilyGroupPlan, GroupPlanAnswer, Participant, Plan, Step
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
from regie.web.action_spec import EVERYWHERE, OVERVIEW, RIGHTS, YOUTH, ActionSpec, Data, Page


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
        "date": date_format(timezone.localtime(invitation.expires_at), "j F Y"),
        "link": link,
    }


def _consultation(d: Data, plan: Plan, me: Participant) -> Any:
    return analysis.record_consultation(actor=me, plan=plan, **d)


def _move_initial(plan: Plan, shown: object) -> Data:
    return {"expected_version": plan.version, "to_step": min(plan.step + 1, Step.CLOSING)}


def _story_initial(plan: Plan, shown: object) -> Data:
    story = plan.story
    return {
        "story": story.story,
        "request_for_help": story.request_for_help,
        "expected_version": story.version,
    }


def _profile_initial(plan: Plan, shown: object) -> Data:
    family = plan.family
    return {
        "name": family.name,
        "language": family.language,
        "culture": family.culture,
        "religion": family.religion,
        "considerations": family.considerations,
        "expected_version": family.version,
    }


def _network_initial(plan: Plan, shown: object) -> Data:
    if isinstance(shown, selectors.OwnStrengthData):  # the page read it already
        assessment = shown.assessment
    else:
        assessment = selectors.network_assessment(plan)
    if assessment is None:
        return {}
    return {
        "family_does": assessment.family_does,
        "network_does": assessment.network_does,
        "is_enough": assessment.is_enough,
        "skip_reason": assessment.skip_reason,
        "expected_version": assessment.version,
    }


def _group_plan(plan: Plan, shown: object) -> FamilyGroupPlan | None:
    if isinstance(shown, selectors.OwnStrengthData):  # the page read it already
        return shown.group_plan
    return selectors.group_plan(plan)


def _offer_initial(plan: Plan, shown: object) -> Data:
    group_plan = _group_plan(plan, shown)
    if group_plan is None:
        return {}
    return {
        "offered_on": group_plan.offered_on,
        "not_offered_reason": group_plan.not_offered_reason,
        "pgb_informed_on": group_plan.pgb_informed_on,
        "expected_version": group_plan.version,
    }


def _voice_initial(plan: Plan, shown: object) -> Data:
    """The person's own answer, to change it (issue 15); the page read it already."""
    if not isinstance(shown, selectors.ClosingData) or not shown.voices.mine:
        return {}
    return {"usefulness": shown.voices.usefulness, "going_on": shown.voices.going_on}


def _answer_initial(plan: Plan, shown: object) -> Data:
    group_plan = _group_plan(plan, shown)
    if group_plan is None:
        return {}
    answered = group_plan.answer != GroupPlanAnswer.PENDING
    return {
        "answer": group_plan.answer if answered else None,
        "reason": group_plan.answer_reason,
        "family_plan": group_plan.family_plan,
        "expected_version": group_plan.version,
    }


S = Step
P = Permission
ACTIONS_LIST = "web/steps/_actions.html"
ACTIONS: dict[str, ActionSpec] = {
    "move-step": ActionSpec(
        f.MoveStepForm,
        _move,
        P.MOVE_STEP,
        (OVERVIEW,),
        done=_("Het plan staat in een andere stap."),
        initial=_move_initial,
    ),
    "framework": ActionSpec(
        f.FrameworkForm,
        lambda d, plan, me: plans.set_framework(actor=me, plan=plan, **d),
        P.SET_FRAMEWORK,
        (S(1),),
    ),
    "add-person": ActionSpec(
        f.AddPersonForm,
        lambda d, plan, me: team.add_person(
            actor=me, plan=plan, **{**d, "role": d["role"] or None}
        ),
        P.MANAGE_TEAM,
        (S(1),),
    ),
    "add-professional": ActionSpec(
        f.AddProfessionalForm,
        lambda d, plan, me: team.invite_professional(actor=me, plan=plan, **d),
        P.MANAGE_TEAM,
        (S(1),),
    ),
    "approve": ActionSpec(
        f.ApproveProfessionalForm,
        lambda d, plan, me: team.approve_professional(actor=me, participant=d["participant"]),
        None,
        (S(1), OVERVIEW),
        done=_("De hulpverlener is toegelaten."),
    ),
    "refuse": ActionSpec(
        f.RefuseProfessionalForm,
        lambda d, plan, me: team.refuse_professional(
            actor=me, participant=d["participant"], reason=d["reason"]
        ),
        None,
        (S(1), OVERVIEW),
        done=_("De hulpverlener heeft geen toegang meer."),
    ),
    "end-participation": ActionSpec(
        f.EndParticipationForm,
        lambda d, plan, me: team.end_participation(
            actor=me, participant=d["participant"], reason=d["reason"]
        ),
        P.MANAGE_TEAM,
        (S(1),),
    ),
    "coordinator": ActionSpec(
        f.ParticipantForm,
        lambda d, plan, me: team.set_coordinator(actor=me, plan=plan, participant=d["participant"]),
        P.SET_COORDINATOR,
        (S(1),),
    ),
    "story-read": ActionSpec(
        f.EmptyForm,
        lambda d, plan, me: plans.confirm_story_read(actor=me, plan=plan),
        P.CONFIRM_STORY_READ,
        (S(2),),
        done=_("Bedankt: het gezin ziet dat u hun verhaal hebt gelezen."),
    ),
    "story": ActionSpec(
        f.StoryForm,
        lambda d, plan, me: plans.edit_story(actor=me, plan=plan, **d),
        P.EDIT_STORY,
        (S(2),),
        initial=_story_initial,
    ),
    "profile": ActionSpec(
        f.ProfileForm,
        lambda d, plan, me: plans.edit_family_profile(actor=me, plan=plan, **d),
        P.EDIT_PROFILE,
        (S(1),),
        initial=_profile_initial,
    ),
    "relation": ActionSpec(
        f.RelationForm,
        lambda d, plan, me: team.add_relation(actor=me, plan=plan, **d),
        P.WRITE_ANALYSIS,
        (S(1),),
    ),
    "entry": ActionSpec(
        f.EntryForm,
        lambda d, plan, me: entries.write_entry(actor=me, plan=plan, **d),
        P.WRITE_ENTRY,
        (OVERVIEW,),
        done=_("De aantekening staat in het plan; het gezin kan erop reageren."),
        readability=True,
    ),
    "react": ActionSpec(
        f.ReactForm,
        lambda d, plan, me: entries.react_to_entry(actor=me, **d),
        P.REACT_TO_ENTRY,
        EVERYWHERE,
        done=_("Uw reactie staat bij de aantekening."),
        fragments=dict.fromkeys(EVERYWHERE, "web/_entry.html"),
    ),
    "correct-entry": ActionSpec(
        f.CorrectEntryForm,
        lambda d, plan, me: entries.correct_entry(actor=me, **d),
        P.WRITE_ENTRY,
        EVERYWHERE,
        readability=True,
    ),
    "withdraw-entry": ActionSpec(
        f.WithdrawEntryForm,
        # `confirm` is the form's own tick (cannot be undone), not a service argument.
        lambda d, plan, me: entries.withdraw_entry(actor=me, entry=d["entry"], reason=d["reason"]),
        P.WRITE_ENTRY,
        EVERYWHERE,
    ),
    "wish": ActionSpec(
        f.WishForm,
        lambda d, plan, me: entries.add_wish(actor=me, plan=plan, **d),
        None,
        (S(2), YOUTH),
    ),
    "withdraw-wish": ActionSpec(
        f.WithdrawWishForm,
        lambda d, plan, me: entries.withdraw_wish(actor=me, **d),
        P.WRITE_WISH,
        (S(2),),
    ),
    "domain": ActionSpec(
        f.DomainForm,
        lambda d, plan, me: analysis.assess_domain(actor=me, plan=plan, **d),
        P.WRITE_ANALYSIS,
        (S(3),),
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
        P.WRITE_ANALYSIS,
        (S(3),),
    ),
    "factor": ActionSpec(
        f.FactorForm,
        lambda d, plan, me: analysis.add_protective_factor(actor=me, plan=plan, **d),
        P.WRITE_ANALYSIS,
        (S(3),),
    ),
    "picture": ActionSpec(
        f.PictureForm,
        lambda d, plan, me: analysis.write_picture(actor=me, plan=plan, **d),
        P.WRITE_PICTURE,
        (S(3),),
        readability=True,
    ),
    "position": ActionSpec(
        f.PositionForm,
        lambda d, plan, me: analysis.record_position(actor=me, plan=plan, **d),
        P.RECORD_POSITION,
        (S(3),),
    ),
    "consultation": ActionSpec(
        f.ConsultationForm,
        _consultation,
        P.RECORD_CONSULTATION,
        (S(3),),
    ),
    "goal": ActionSpec(
        f.GoalForm,
        lambda d, plan, me: goals.add_goal(actor=me, plan=plan, **d),
        P.ADD_GOAL,
        (S(4),),
    ),
    "edit-goal": ActionSpec(
        f.EditGoalForm,
        lambda d, plan, me: goals.edit_goal(actor=me, **d),
        P.ADD_GOAL,
        (S(4),),
    ),
    "move-goal": ActionSpec(
        f.MoveGoalForm,
        lambda d, plan, me: goals.move_goal(actor=me, **d),
        P.PRIORITISE_GOALS,
        (S(4),),
        done=_("De volgorde is aangepast."),
        fragments={S(4): "web/steps/_goal_list.html"},
    ),
    "goal-status": ActionSpec(
        f.GoalStatusForm,
        lambda d, plan, me: goals.set_goal_status(actor=me, **d),
        P.ADD_GOAL,
        (S(4), S(8)),
    ),
    "condition": ActionSpec(
        f.ConditionForm,
        lambda d, plan, me: goals.set_condition(actor=me, plan=plan, **d),
        P.SET_CONDITION,
        (S(4),),
    ),
    "withdraw-condition": ActionSpec(
        f.WithdrawConditionForm,
        lambda d, plan, me: goals.withdraw_condition(actor=me, **d),
        P.SET_CONDITION,
        (S(4),),
    ),
    "network": ActionSpec(
        f.NetworkAssessmentForm,
        lambda d, plan, me: goals.assess_network(actor=me, plan=plan, **d),
        P.ASSESS_NETWORK,
        (S(5),),
        initial=_network_initial,
    ),
    "offer-group-plan": ActionSpec(
        f.OfferGroupPlanForm,
        lambda d, plan, me: goals.offer_group_plan(actor=me, plan=plan, **d),
        P.OFFER_GROUP_PLAN,
        (S(5),),
        initial=_offer_initial,
    ),
    "answer-group-plan": ActionSpec(
        f.AnswerGroupPlanForm,
        lambda d, plan, me: goals.answer_group_plan(actor=me, plan=plan, **d),
        P.ANSWER_GROUP_PLAN,
        (S(5),),
        initial=_answer_initial,
    ),
    "action": ActionSpec(
        f.ActionForm,
        lambda d, plan, me: goals.add_action(actor=me, plan=plan, **d),
        P.ADD_ACTION,
        (S(5), S(7)),
    ),
    "complete-action": ActionSpec(
        f.CompleteActionForm,
        lambda d, plan, me: goals.complete_action(actor=me, **d),
        None,
        EVERYWHERE,
        done=_("De actie is afgerond."),
        fragments={OVERVIEW: "web/_my_actions.html", S(5): ACTIONS_LIST, S(7): ACTIONS_LIST},
    ),
    "option": ActionSpec(
        f.OptionForm,
        lambda d, plan, me: help.propose_option(
            actor=me, plan=plan, **{**d, "goals": list(d["goals"])}
        ),
        P.PROPOSE_OPTION,
        (S(6),),
    ),
    "preference": ActionSpec(
        f.PreferenceForm,
        lambda d, plan, me: help.give_preference(actor=me, **d),
        P.GIVE_PREFERENCE,
        (S(6),),
    ),
    "decide": ActionSpec(
        f.DecisionForm,
        lambda d, plan, me: help.decide(actor=me, plan=plan, **d),
        P.DECIDE,
        (S(6),),
        readability=True,
    ),
    "agree": ActionSpec(
        f.AgreeDecisionForm,
        lambda d, plan, me: help.agree_to_decision(actor=me, **d),
        P.AGREE_DECISION,
        (S(6), OVERVIEW),
    ),
    "choose-provider": ActionSpec(
        f.ChooseProviderForm,
        lambda d, plan, me: help.choose_provider(actor=me, **d),
        P.CHOOSE_PROVIDER,
        (S(6),),
        done=_("De aanbieder die u koos staat bij het besluit."),
    ),
    "application": ActionSpec(
        f.ApplicationForm,
        lambda d, plan, me: help.file_application(actor=me, **d),
        P.APPLY,
        (S(6),),
    ),
    "late-notice": ActionSpec(
        f.LateNoticeForm,
        lambda d, plan, me: help.send_late_notice(actor=me, **d),
        P.APPLY,
        (S(6),),
    ),
    "application-outcome": ActionSpec(
        f.ApplicationOutcomeForm,
        lambda d, plan, me: help.record_application_outcome(actor=me, **d),
        P.APPLY,
        (S(6),),
    ),
    "schedule-evaluation": ActionSpec(
        f.ScheduleEvaluationForm,
        lambda d, plan, me: evaluation.schedule_evaluation(actor=me, plan=plan, **d),
        P.SCHEDULE_EVALUATION,
        (S(7), S(6)),
    ),
    "request-evaluation": ActionSpec(
        f.RequestEvaluationForm,
        lambda d, plan, me: evaluation.request_extra_evaluation(actor=me, plan=plan, **d),
        P.REQUEST_EVALUATION,
        (OVERVIEW,),
        done=_("Uw verzoek om een extra evaluatie staat in het plan."),
    ),
    "score": ActionSpec(
        f.ScoreForm,
        lambda d, plan, me: evaluation.score_goal(actor=me, **d),
        P.SCORE_GOAL,
        (S(7), YOUTH, OVERVIEW),
    ),
    "record-evaluation": ActionSpec(
        f.RecordEvaluationForm,
        lambda d, plan, me: evaluation.record_evaluation(actor=me, **d),
        P.RECORD_EVALUATION,
        (S(7),),
    ),
    "meeting": ActionSpec(
        f.MeetingForm,
        _meeting,
        P.PLAN_MEETING,
        (S(7),),
    ),
    "info-agreement": ActionSpec(
        f.InfoAgreementForm,
        lambda d, plan, me: team.add_information_agreement(actor=me, plan=plan, **d),
        P.ADD_INFO_AGREEMENT,
        (S(7),),
    ),
    "aftercare": ActionSpec(
        f.AftercareForm,
        lambda d, plan, me: evaluation.add_aftercare(actor=me, plan=plan, **d),
        P.ADD_AFTERCARE,
        (S(8),),
    ),
    "closing-voice": ActionSpec(
        f.ClosingVoiceForm,
        lambda d, plan, me: evaluation.give_closing_voice(actor=me, plan=plan, **d),
        P.GIVE_CLOSING_VOICE,
        (S(8),),
        done=_("Bedankt voor het antwoord."),
        initial=_voice_initial,
    ),
    "close": ActionSpec(
        f.ClosePlanForm,
        # `confirm` is the form's own tick, not a service argument.
        lambda d, plan, me: evaluation.close_plan(
            actor=me, plan=plan, **{k: v for k, v in d.items() if k != "confirm"}
        ),
        P.CLOSE_PLAN,
        (S(8),),
        done=_("Het plan is afgesloten."),
    ),
    "complaint": ActionSpec(
        f.ComplaintForm,
        lambda d, plan, me: complaints.file_complaint(actor=me, plan=plan, **d),
        P.COMPLAIN,
        (RIGHTS,),
        done=_("Uw klacht is verstuurd naar wie bij de organisatie klachten behandelt."),
    ),
    "complaint-status": ActionSpec(
        f.ComplaintStatusForm,
        lambda d, plan, me: complaints.update_complaint(actor=me, **d),
        P.HANDLE_COMPLAINT,
        (),
    ),
    "share": ActionSpec(
        f.ShareForm,
        lambda d, plan, me: sharing.share_part(actor=me, plan=plan, **d),
        P.SHARE_PARTS,
        (S(1),),
        done=_("Deze persoon ziet dit deel nu."),
    ),
    "share-for-safety": ActionSpec(
        f.SafetyShareForm,
        lambda d, plan, me: sharing.share_part(actor=me, plan=plan, **d),
        P.SHARE_FOR_SAFETY,
        (S(1),),
        done=_("School of huisarts ziet dit deel nu; het gezin ziet uw besluit en de reden."),
    ),
    "stop-share": ActionSpec(
        f.StopShareForm,
        lambda d, plan, me: sharing.stop_sharing(actor=me, **d),
        P.SHARE_PARTS,
        (S(1),),
        done=_("Deze persoon ziet dit deel niet meer."),
    ),
    "stop-safety-share": ActionSpec(
        f.StopSafetyShareForm,
        lambda d, plan, me: sharing.stop_sharing(actor=me, **d),
        P.SHARE_FOR_SAFETY,
        (S(1),),
        done=_("School of huisarts ziet dit deel niet meer."),
    ),
    "keep-private": ActionSpec(
        f.PrivacyForm,
        lambda d, plan, me: sharing.keep_from_parents(actor=me, record=d["record"]),
        None,
        (*EVERYWHERE, YOUTH),
        done=_("Je ouders zien dit niet meer. Hulpverleners wel."),
    ),
    "share-with-parents": ActionSpec(
        f.PrivacyForm,
        lambda d, plan, me: sharing.share_with_parents(actor=me, record=d["record"]),
        None,
        (*EVERYWHERE, YOUTH),
        done=_("Je ouders zien dit weer."),
    ),
    "invite": ActionSpec(
        f.InviteForm,
        _invite,
        P.MANAGE_TEAM,
        (S(1),),
        done=_("De uitnodiging is gemaakt."),
    ),
    "revoke-invitation": ActionSpec(
        f.RevokeInvitationForm,
        lambda d, plan, me: invitations.revoke_invitation(actor=me, **d),
        P.MANAGE_TEAM,
        (S(1),),
        done=_("De uitnodiging werkt niet meer."),
    ),
    "request-destruction": ActionSpec(
        f.RequestDestructionForm,
        lambda d, plan, me: retention.request_destruction(actor=me, plan=plan, **d),
        P.REQUEST_DESTRUCTION,
        (RIGHTS,),
        done=_("Uw verzoek is verstuurd. Een hulpverlener beslist en u ziet het besluit hier."),
    ),
}


def on_page(page: Page) -> list[str]:
    """The actions whose form this page shows."""
    return [name for name, spec in ACTIONS.items() if page in spec.pages]


READABILITY_CHECKED = frozenset(name for name, spec in ACTIONS.items() if spec.readability)

for _name, _spec in ACTIONS.items():  # a fragment belongs to a page that shows the form
    if not set(_spec.fragments) <= set(_spec.pages):
        raise ImproperlyConfigured(f"{_name}: a fragment for a page without its form")
