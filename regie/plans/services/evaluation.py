"""R19 the evaluation cycle, R20 closing with aftercare."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.core.errors import RuleViolation
from regie.plans.models import (
    AftercareAgreement,
    AftercareKind,
    ClosingVoice,
    Evaluation,
    EvaluationOutcome,
    Goal,
    GoalScore,
    GoalStatus,
    GoingOn,
    HelpEnding,
    Participant,
    Plan,
    PlanStatus,
    Step,
)
from regie.plans.services.common import authorize, edit, log, own_participant


@transaction.atomic
def schedule_evaluation(
    *, actor: Participant, plan: Plan, scheduled_for: datetime.date
) -> Evaluation:
    """R19: evaluations are scheduled when the plan is made."""
    authorize(actor, Permission.SCHEDULE_EVALUATION, plan=plan)
    evaluation = Evaluation.objects.create(plan=plan, created_by=actor, scheduled_for=scheduled_for)
    log(Event.EVALUATION_SCHEDULED, actor=actor, plan=plan, obj=evaluation)
    return evaluation


@transaction.atomic
def request_extra_evaluation(
    *, actor: Participant, plan: Plan, reason: str, wanted_by: datetime.date | None = None
) -> Evaluation:
    """R19 (000 'extra evaluatiemoment'): anyone in the plan can ask when it is stuck."""
    authorize(actor, Permission.REQUEST_EVALUATION, plan=plan)
    if not reason.strip():
        raise RuleViolation(
            "R19", _("Schrijf op waarom u een extra evaluatie wilt."), field="reason"
        )
    evaluation = Evaluation.objects.create(
        plan=plan,
        created_by=actor,
        is_extra=True,
        request_reason=reason.strip(),
        scheduled_for=wanted_by or timezone.localdate() + datetime.timedelta(days=14),
    )
    log(Event.EVALUATION_REQUESTED, actor=actor, plan=plan, obj=evaluation)
    return evaluation


@transaction.atomic
def score_goal(
    *,
    actor: Participant,
    evaluation: Evaluation,
    goal: Goal,
    score: int,
    comment: str = "",
    member: Participant | None = None,
) -> GoalScore:
    """R19: a 0–10 score per goal from each participant. A professional may write down the
    score a young child gives; a youth with a login scores for themselves."""
    plan = evaluation.plan
    authorize(actor, Permission.SCORE_GOAL, plan=plan)
    member = own_participant(plan, member or actor)
    if not policy.may_score_for(actor, member):
        raise RuleViolation("R19", _("Ieder geeft zelf een cijfer."))
    if goal.plan_id != plan.pk:
        raise RuleViolation("R19", _("Dit doel hoort niet bij dit plan."))
    if not 0 <= score <= 10:
        raise RuleViolation("R19", _("Geef een cijfer van 0 tot en met 10."), field="score")
    given, _created = GoalScore.objects.update_or_create(
        evaluation=evaluation,
        goal=goal,
        participant=member,
        defaults={"score": score, "comment": comment.strip()},
    )
    log(Event.GOAL_SCORED, actor=actor, plan=plan, obj=evaluation, for_whom=member)
    return given


@transaction.atomic
def record_evaluation(
    *,
    actor: Participant,
    evaluation: Evaluation,
    expected_version: int,
    held_on: datetime.date,
    working_relationship: str,
    satisfaction: int,
    satisfaction_reasons: str,
    outcome: str,
    notes: str = "",
) -> Evaluation:
    """R19: how the working relationship goes, satisfaction with reasons, and the outcome:
    continue, adjust or stop."""
    plan = evaluation.plan
    authorize(actor, Permission.RECORD_EVALUATION, plan=plan)
    if outcome not in EvaluationOutcome.values:
        raise RuleViolation("R19", _("Kies doorgaan, bijstellen of stoppen."), field="outcome")
    if not 0 <= satisfaction <= 10:
        raise RuleViolation("R19", _("Geef een cijfer van 0 tot en met 10."), field="satisfaction")
    if not working_relationship.strip():
        raise RuleViolation(
            "R19", _("Schrijf op hoe de samenwerking gaat."), field="working_relationship"
        )
    if not satisfaction_reasons.strip():
        raise RuleViolation(
            "R19", _("Schrijf op waarom men (on)tevreden is."), field="satisfaction_reasons"
        )
    if held_on > timezone.localdate():
        raise RuleViolation(
            "R19", _("Een evaluatie legt u vast nadat ze is gehouden."), field="held_on"
        )
    if not evaluation.scores.exists():
        raise RuleViolation("R19", _("Geef eerst per doel een cijfer."))
    edit(
        evaluation,
        actor=actor,
        plan=plan,
        expected_version=expected_version,
        changes={
            "held_on": held_on,
            "working_relationship": working_relationship.strip(),
            "satisfaction": satisfaction,
            "satisfaction_reasons": satisfaction_reasons.strip(),
            "outcome": outcome,
            "notes": notes.strip(),
        },
    )
    log(Event.EVALUATION_RECORDED, actor=actor, plan=plan, obj=evaluation)
    return evaluation


@transaction.atomic
def add_aftercare(
    *,
    actor: Participant,
    plan: Plan,
    kind: str,
    description: str,
    planned_on: datetime.date | None = None,
    owner: Participant | None = None,
) -> AftercareAgreement:
    """R20: follow-up contact moments and what to do on relapse."""
    authorize(actor, Permission.ADD_AFTERCARE, plan=plan)
    if kind not in AftercareKind.values:
        raise RuleViolation("R20", _("Kies contactmoment of terugvalafspraak."), field="kind")
    if not description.strip():
        raise RuleViolation("R20", _("Beschrijf de afspraak."), field="description")
    if kind == AftercareKind.CONTACT_MOMENT and planned_on is None:
        raise RuleViolation("R20", _("Kies wanneer het contactmoment is."), field="planned_on")
    if owner is not None:
        own_participant(plan, owner)
    agreement = AftercareAgreement.objects.create(
        plan=plan,
        created_by=actor,
        kind=kind,
        description=description.strip(),
        planned_on=planned_on,
        owner=owner,
    )
    log(Event.AFTERCARE_ADDED, actor=actor, plan=plan, obj=agreement)
    return agreement


@transaction.atomic
def close_plan(
    *,
    actor: Participant,
    plan: Plan,
    summary: str,
    help_ended_on: datetime.date | None = None,
    ending: str = "",
    follow_up_help: bool | None = None,
) -> Plan:
    """R20: help closes when the goals are reached or stopped, with aftercare agreements
    for contact moments and for relapse. The professional also says how the help ended
    and whether follow-up help starts (the municipality's outcome indicators, issue 15)."""
    authorize(actor, Permission.CLOSE_PLAN, plan=plan)
    problems: list[str] = []
    if plan.step != Step.CLOSING:
        problems.append(_("Zet het plan eerst in stap 8, afsluiten en nazorg."))
    if Goal.objects.filter(plan=plan, status=GoalStatus.ACTIVE).exists():
        problems.append(_("Zet elk doel op bereikt of gestopt."))
    kinds = set(
        AftercareAgreement.objects.filter(plan=plan, withdrawn_at__isnull=True).values_list(
            "kind", flat=True
        )
    )
    if AftercareKind.CONTACT_MOMENT not in kinds:
        problems.append(_("Spreek minstens één contactmoment voor de nazorg af."))
    if AftercareKind.RELAPSE_PLAN not in kinds:
        problems.append(_("Spreek af wat te doen bij terugval of nieuwe problemen."))
    if not summary.strip():
        problems.append(_("Schrijf kort op hoe de hulp is afgerond."))
    if ending and ending not in HelpEnding.values:
        problems.append(_("Kies hoe de hulp is geëindigd."))
    # A later day would keep professionals in the closed plan (A7), postpone its end of
    # retention (A8), and move indicator 3.2's year past the day it is shown (issue 15);
    # a day before the plan began (a typed 1926 for 2026) would have it purged at once (A8).
    if help_ended_on is not None and help_ended_on > timezone.localdate():
        problems.append(_("De hulp kan niet later eindigen dan vandaag."))
    if help_ended_on is not None and help_ended_on < timezone.localdate(plan.opened_at):
        problems.append(_("De hulp kan niet eindigen voordat het plan begon."))
    if problems:
        raise RuleViolation("R20", " ".join(problems))
    plan.status = PlanStatus.CLOSED
    plan.closed_at = timezone.now()
    plan.help_ended_on = help_ended_on or timezone.localdate()
    plan.closing_summary = summary.strip()
    plan.help_ending = ending
    plan.follow_up_help = follow_up_help
    plan.version += 1
    plan.save(
        update_fields=[
            "status",
            "closed_at",
            "help_ended_on",
            "closing_summary",
            "help_ending",
            "follow_up_help",
            "version",
        ]
    )
    log(Event.PLAN_CLOSED, actor=actor, plan=plan, obj=plan)
    return plan


@transaction.atomic
def give_closing_voice(
    *, actor: Participant, plan: Plan, usefulness: int | None, going_on: str = ""
) -> ClosingVoice:
    """The family's voice at the end (step 8, issue 15): a parent or a youth says how
    useful the help was and whether they can go on without help. Each answer may be
    skipped; answering again replaces one's own answer, while the plan is in step 8."""
    authorize(actor, Permission.GIVE_CLOSING_VOICE, plan=plan)
    if plan.step != Step.CLOSING:
        raise RuleViolation("R20", _("Dit kan als het plan in stap 8 is, bij het afsluiten."))
    if usefulness is not None and not 0 <= usefulness <= 10:
        raise RuleViolation("R20", _("Geef een cijfer van 0 tot en met 10."), field="usefulness")
    if going_on and going_on not in GoingOn.values:
        raise RuleViolation("R20", _("Kies ja, een beetje of nee."), field="going_on")
    voice, _created = ClosingVoice.objects.update_or_create(
        plan=plan,
        created_by=actor,
        defaults={"usefulness": usefulness, "going_on": going_on},
    )
    log(Event.CLOSING_VOICE_GIVEN, actor=actor, plan=plan, obj=voice)
    return voice
