"""R13 options weighed together, R14 the joint decision, R15 the application and its
legal deadline."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.accounts.models import Organisation
from regie.catalog.models import Intervention
from regie.core.errors import RuleViolation
from regie.plans.models import (
    Application,
    ApplicationOutcome,
    Decision,
    DecisionAgreement,
    Funding,
    Goal,
    HelpOption,
    LateNotice,
    OptionPreference,
    Participant,
    Plan,
    Preference,
    Revision,
)
from regie.plans.services.common import authorize, keep_revision, log, own_participant
from regie.plans.workflow import group_plan_problems, own_strength_problems


@transaction.atomic
def propose_option(
    *,
    actor: Participant,
    plan: Plan,
    title: str,
    pros: str,
    cons: str,
    description: str = "",
    fit: str = "",
    intervention: Intervention | None = None,
    goals: list[Goal] | None = None,
    is_professional_help: bool = True,
) -> HelpOption:
    """R13: professionals and the family both propose options, each with pros and cons."""
    authorize(actor, Permission.PROPOSE_OPTION, plan=plan)
    if not title.strip():
        raise RuleViolation("R13", _("Geef de mogelijkheid een naam."), field="title")
    if not pros.strip() or not cons.strip():
        raise RuleViolation(
            "R13",
            _("Schrijf de voordelen én de nadelen op, zodat we ze samen kunnen afwegen."),
            field="pros" if not pros.strip() else "cons",
        )
    goals = goals or []
    if any(goal.plan_id != plan.pk for goal in goals):
        raise RuleViolation("R13", _("Kies doelen uit dit plan."), field="goals")
    option = HelpOption.objects.create(
        plan=plan,
        created_by=actor,
        title=title.strip(),
        description=description.strip(),
        pros=pros.strip(),
        cons=cons.strip(),
        fit=fit.strip(),
        intervention=intervention,
        is_professional_help=is_professional_help,
    )
    option.goals.set(goals)
    log(Event.OPTION_PROPOSED, actor=actor, plan=plan, obj=option)
    return option


@transaction.atomic
def give_preference(
    *, actor: Participant, option: HelpOption, preference: str, reason: str
) -> OptionPreference:
    """R13: each participant's preference with their reason."""
    plan = option.plan
    authorize(actor, Permission.GIVE_PREFERENCE, plan=plan)
    if preference not in Preference.values:
        raise RuleViolation("R13", _("Kies uw voorkeur."), field="preference")
    if not reason.strip():
        raise RuleViolation("R13", _("Schrijf op waarom."), field="reason")
    given = OptionPreference.objects.create(
        option=option, participant=actor, preference=preference, reason=reason.strip()
    )
    log(Event.PREFERENCE_GIVEN, actor=actor, plan=plan, obj=option)
    return given


@transaction.atomic
def decide(
    *,
    actor: Participant,
    plan: Plan,
    option: HelpOption,
    rationale: str,
    funding: str,
    aftercare: str,
    provider: Organisation | None = None,
    provider_name: str = "",
    provider_chosen_by: Participant | None = None,
    professional_help_reason: str = "",
) -> Decision:
    """R14: the chosen help, why, the provider the family chose, in-kind or PGB and the
    aftercare. R10/R11: professional help only after own strength and the family group
    plan offer, or with a recorded reason."""
    authorize(actor, Permission.DECIDE, plan=plan)
    if option.plan_id != plan.pk or option.is_withdrawn:
        raise RuleViolation("R14", _("Kies een mogelijkheid uit dit plan."), field="option")
    if option.is_professional_help:
        # A recorded reason may skip own strength first (R10), never the offer (R11).
        group_plan = group_plan_problems(plan)
        if group_plan:
            raise RuleViolation("R11", " ".join(map(str, group_plan)))
        own_strength = own_strength_problems(plan)
        if own_strength and not professional_help_reason.strip():
            raise RuleViolation(
                "R10", " ".join(map(str, own_strength)), field="professional_help_reason"
            )
        if provider is None and not provider_name.strip():
            raise RuleViolation(
                "R14", _("Vul de aanbieder in die het gezin kiest."), field="provider"
            )
        if provider_chosen_by is None or not provider_chosen_by.is_family:
            raise RuleViolation(
                "R14",
                _("Het gezin kiest de aanbieder: kies wie uit het gezin dat deed."),
                field="provider_chosen_by",
            )
        own_participant(plan, provider_chosen_by)
    if funding not in Funding.values:
        raise RuleViolation("R14", _("Kies zorg in natura of pgb."), field="funding")
    if not rationale.strip():
        raise RuleViolation(
            "R14", _("Schrijf op waarom dit de best passende hulp is."), field="rationale"
        )
    if not aftercare.strip():
        raise RuleViolation("R14", _("Spreek af hoe de nazorg eruitziet."), field="aftercare")
    decision = Decision.objects.create(
        plan=plan,
        created_by=actor,
        option=option,
        rationale=rationale.strip(),
        funding=funding,
        aftercare=aftercare.strip(),
        provider=provider,
        provider_name=provider_name.strip(),
        provider_chosen_by=provider_chosen_by,
        professional_help_reason=professional_help_reason.strip(),
    )
    log(Event.DECISION_MADE, actor=actor, plan=plan, obj=decision)
    return decision


@transaction.atomic
def agree_to_decision(
    *, actor: Participant, decision: Decision, agrees: bool, comment: str = ""
) -> DecisionAgreement:
    """R14: each party's agreement is part of the decision."""
    plan = decision.plan
    authorize(actor, Permission.AGREE_DECISION, plan=plan)
    if not agrees and not comment.strip():
        raise RuleViolation("R14", _("Schrijf op waarom u het niet eens bent."), field="comment")
    agreement = DecisionAgreement.objects.create(
        decision=decision, participant=actor, agrees=agrees, comment=comment.strip()
    )
    log(Event.DECISION_AGREED, actor=actor, plan=plan, obj=decision)
    return agreement


@transaction.atomic
def choose_provider(
    *,
    actor: Participant,
    decision: Decision,
    provider: Organisation | None = None,
    provider_name: str = "",
) -> Decision:
    """R14: the family chooses the provider of the decided help, and may change that
    choice; the earlier choice is kept as a revision, so nothing disappears."""
    plan = decision.plan
    authorize(actor, Permission.CHOOSE_PROVIDER, plan=plan)
    if not policy.may_choose_provider(actor):
        raise RuleViolation("R14", _("Alleen het gezin kiest de aanbieder."))
    if provider is None and not provider_name.strip():
        raise RuleViolation(
            "R14", _("Kies een aanbieder uit de lijst of schrijf de naam op."), field="provider"
        )
    fields = ["provider", "provider_name", "provider_chosen_by"]
    earlier = Revision.objects.filter(record_type=Decision._meta.label, record_id=decision.pk)
    keep_revision(
        decision,
        actor=actor,
        plan=plan,
        version=earlier.count(),  # a decision has no version of its own
        fields=fields,
        reason=_("aanbieder gekozen"),
    ).save()
    decision.provider = provider
    decision.provider_name = provider_name.strip()
    decision.provider_chosen_by = actor
    decision.save(update_fields=fields)
    log(Event.PROVIDER_CHOSEN, actor=actor, plan=plan, obj=decision)
    return decision


def decision_deadline(submitted_on: datetime.date) -> datetime.date:
    return submitted_on + datetime.timedelta(weeks=settings.REGIE_DECISION_TERM_WEEKS)


@transaction.atomic
def file_application(
    *, actor: Participant, decision: Decision, submitted_on: datetime.date
) -> Application:
    """R15: the application's deadline is the legal term (8 weeks, Awb art. 4:13)."""
    plan = decision.plan
    authorize(actor, Permission.APPLY, plan=plan)
    application = Application.objects.create(
        plan=plan,
        created_by=actor,
        decision=decision,
        submitted_on=submitted_on,
        deadline=decision_deadline(submitted_on),
    )
    log(Event.APPLICATION_FILED, actor=actor, plan=plan, obj=application)
    return application


@transaction.atomic
def send_late_notice(
    *,
    actor: Participant,
    application: Application,
    sent_on: datetime.date,
    message: str,
    expected_on: datetime.date | None = None,
) -> LateNotice:
    """R15: before the term runs out, the family hears the decision will be late."""
    plan = application.plan
    authorize(actor, Permission.APPLY, plan=plan)
    if application.outcome != ApplicationOutcome.PENDING:
        raise RuleViolation("R15", _("Op deze aanvraag is al besloten."))
    if sent_on > application.deadline:
        raise RuleViolation(
            "R15",
            _("De termijn is al verstreken; laat het gezin dit vóór de uiterste datum weten."),
            field="sent_on",
        )
    if not message.strip():
        raise RuleViolation("R15", _("Schrijf op wat het gezin is verteld."), field="message")
    notice = LateNotice.objects.create(
        plan=plan,
        created_by=actor,
        application=application,
        sent_on=sent_on,
        message=message.strip(),
        expected_on=expected_on,
    )
    log(Event.LATE_NOTICE, actor=actor, plan=plan, obj=application)
    return notice


@transaction.atomic
def record_application_outcome(
    *, actor: Participant, application: Application, outcome: str, decided_on: datetime.date
) -> Application:
    plan = application.plan
    authorize(actor, Permission.APPLY, plan=plan)
    if outcome not in (ApplicationOutcome.GRANTED, ApplicationOutcome.REFUSED):
        raise RuleViolation("R15", _("Kies toegekend of afgewezen."), field="outcome")
    application.outcome = outcome
    application.decided_on = decided_on
    application.save(update_fields=["outcome", "decided_on"])
    log(Event.APPLICATION_DECIDED, actor=actor, plan=plan, obj=application)
    return application
