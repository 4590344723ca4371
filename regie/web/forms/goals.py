"""Forms of goals and conditions (step 4, R8, R9) and of own strength (step 5, R10–R12):
what the family and network do, the family group plan and the actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regie.core.versioning import Versioned
from regie.plans import selectors
from regie.plans.models import Action as PlanAction
from regie.plans.models import (
    Condition,
    ConditionKind,
    Enough,
    Goal,
    GoalStatus,
    GoalTerm,
    GroupPlanAnswer,
    Participant,
)
from regie.web.forms.base import DATE, TEXT, ParticipantChoice, PlanForm, VersionField


class GoalWordsForm(PlanForm):
    """A goal in the family's words (R8): adding one, or rewording it."""

    text = forms.CharField(label=_("Doel, in de woorden van het gezin"), widget=TEXT)
    life_wish = forms.CharField(
        label=_("Wat betekent dit voor ons leven?"), widget=TEXT, required=False
    )
    term = forms.ChoiceField(label=_("Termijn"), choices=GoalTerm.choices)


class GoalForm(GoalWordsForm):
    is_safety_goal = forms.BooleanField(
        label=_("Veiligheidsdoel (bij verplichte hulp)"), required=False
    )

    def setup(self) -> None:
        if not self.plan.is_compulsory:
            del self.fields["is_safety_goal"]


class EditGoalForm(GoalWordsForm):
    """R8: reword a goal; the form names the version it was made from, so a goal someone
    changed or ended meanwhile gives the conflict screen."""

    record_field = "goal"
    record_model = Goal
    expected_version = VersionField()

    def initial_for(self, record: Any) -> dict[str, Any]:
        return {
            **super().initial_for(record),
            "text": record.text,
            "life_wish": record.life_wish,
            "term": record.term,
        }


class MoveGoalForm(PlanForm):
    record_field = "goal"
    record_model = Goal
    draw_apart = False  # its errors show above the goal list
    # -1 and +1 are the buttons; a drag moves a goal further (at most five are active).
    direction = forms.IntegerField(min_value=-4, max_value=4)


class GoalStatusForm(PlanForm):
    record_field = "goal"
    record_model = Goal
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    reason = forms.CharField(label=_("Waarom?"), max_length=500)
    expected_version = VersionField()
    saved_as = {"reason": "status_reason"}


class ConditionForm(PlanForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=ConditionKind.choices)
    text = forms.CharField(label=_("Omschrijving"), widget=TEXT)


class WithdrawConditionForm(PlanForm):
    record_field = "condition"
    record_model = Condition
    reason = forms.CharField(label=_("Waarom vervalt deze?"), max_length=500)


class NetworkAssessmentForm(PlanForm):
    family_does = forms.CharField(label=_("Wat doet het gezin zelf?"), widget=TEXT, required=False)
    network_does = forms.CharField(label=_("Wat doet het netwerk?"), widget=TEXT, required=False)
    is_enough = forms.ChoiceField(
        label=_("Is dat genoeg?"), choices=[("", "—"), *Enough.choices], required=False
    )
    skip_reason = forms.CharField(
        label=_("Of: waarom kan dit nu niet eerst?"),
        widget=TEXT,
        required=False,
        help_text=_("Alleen als direct professionele hulp nodig is."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def versioned_record(self) -> Versioned | None:
        return selectors.network_assessment(self.plan)


class OfferGroupPlanForm(PlanForm):
    offered_on = forms.DateField(label=_("Aangeboden op"), widget=DATE, required=False)
    not_offered_reason = forms.CharField(
        label=_("Of: waarom niet aangeboden?"), widget=TEXT, required=False
    )
    pgb_informed_on = forms.DateField(
        label=_("Verteld over het persoonsgebonden budget op"), widget=DATE, required=False
    )
    # R11: the version of the offer this form showed; empty when there was none yet.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def versioned_record(self) -> Versioned | None:
        return selectors.group_plan(self.plan)


class AnswerGroupPlanForm(PlanForm):
    answer = forms.ChoiceField(
        label=_("Wilt u een familiegroepsplan maken?"),
        choices=[
            (GroupPlanAnswer.ACCEPTED, GroupPlanAnswer.ACCEPTED.label),
            (GroupPlanAnswer.DECLINED, GroupPlanAnswer.DECLINED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Toelichting"), widget=TEXT, required=False)
    family_plan = forms.CharField(label=_("Ons eigen plan"), widget=TEXT, required=False)
    # R11: the version this form showed, so a second parent's answer from an older page
    # gives the conflict screen instead of replacing the first answer.
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    saved_as = {"reason": "answer_reason"}

    def versioned_record(self) -> Versioned | None:
        return selectors.group_plan(self.plan)


class ActionForm(PlanForm):
    description = forms.CharField(label=_("Wat gaan we doen?"), widget=TEXT)
    owner = ParticipantChoice(
        queryset=Participant.objects.none(), to_field_name="public_id", label=_("Wie doet het?")
    )
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        to_field_name="public_id",
        label=_("Voor welk doel?"),
        required=False,
    )
    due_on = forms.DateField(label=_("Klaar op"), widget=DATE, required=False)
    takeover_reason = forms.CharField(
        label=_("Waarom doet het gezin dit niet zelf?"),
        widget=TEXT,
        required=False,
        help_text=_("Verplicht als een hulpverlener de actie doet."),
    )

    def setup(self) -> None:
        self.choose("owner", self.people())
        self.choose("goal", self.active_goals())


class CompleteActionForm(PlanForm):
    record_field = "action"
    record_model = PlanAction
    note = forms.CharField(label=_("Hoe ging het?"), widget=TEXT, required=False)
