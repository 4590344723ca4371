"""R8 goals and their order, R9 conditions and the safety goal, R10–R12 own strength,
the family group plan and actions with one owner."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.events import Event
from regie.access.policy import Permission
from regie.core.errors import ConflictError, RuleViolation
from regie.plans.models import Action as PlanAction
from regie.plans.models import (
    ActionStatus,
    Condition,
    ConditionKind,
    Enough,
    FamilyGroupPlan,
    Goal,
    GoalStatus,
    GoalTerm,
    GroupPlanAnswer,
    NetworkAssessment,
    Participant,
    Plan,
)
from regie.plans.services.common import (
    authorize,
    edit,
    expected_for_edit,
    log,
    own_participant,
)

MAX_ACTIVE_GOALS = 5  # R8, 003 "Stel maximaal vijf doelen op"


def _active_goals(plan: Plan) -> list[Goal]:
    return list(Goal.objects.filter(plan=plan, status=GoalStatus.ACTIVE).order_by("priority", "id"))


@transaction.atomic
def add_goal(
    *,
    actor: Participant,
    plan: Plan,
    text: str,
    term: str,
    life_wish: str = "",
    is_safety_goal: bool = False,
) -> Goal:
    """R8: at most five active goals, in the family's words. R9: in the compulsory
    framework the safety goal comes first."""
    authorize(actor, Permission.ADD_GOAL, plan=plan)  # locks the plan: counts take turns
    if not text.strip():
        raise RuleViolation(
            "R8", _("Schrijf het doel op, in de woorden van het gezin."), field="text"
        )
    if term not in GoalTerm.values:
        raise RuleViolation("R8", _("Kies korte of lange termijn."), field="term")
    active = _active_goals(plan)
    if len(active) >= MAX_ACTIVE_GOALS:
        raise RuleViolation(
            "R8",
            _(
                "Er zijn al vijf doelen. Zet een doel op bereikt of gestopt, of voeg twee doelen "
                "samen, voordat u een nieuw doel toevoegt."
            ),
        )
    if is_safety_goal and not plan.is_compulsory:
        raise RuleViolation(
            "R9", _("Een veiligheidsdoel hoort bij verplichte hulp."), field="is_safety_goal"
        )
    priority = (max((g.priority for g in active), default=0)) + 1
    goal = Goal.objects.create(
        plan=plan,
        created_by=actor,
        text=text.strip(),
        life_wish=life_wish.strip(),
        term=term,
        is_safety_goal=is_safety_goal,
        priority=priority,
    )
    if is_safety_goal:
        # Acute safety is priority one (003): the safety goal goes to the top.
        _renumber([goal, *active])
    log(Event.GOAL_ADDED, actor=actor, plan=plan, obj=goal)
    return goal


@transaction.atomic
def edit_goal(
    *,
    actor: Participant,
    goal: Goal,
    expected_version: int,
    text: str,
    term: str,
    life_wish: str = "",
) -> Goal:
    plan = goal.plan
    authorize(actor, Permission.ADD_GOAL, plan=plan)
    if not text.strip():
        raise RuleViolation(
            "R8", _("Schrijf het doel op, in de woorden van het gezin."), field="text"
        )
    if term not in GoalTerm.values:
        raise RuleViolation("R8", _("Kies korte of lange termijn."), field="term")
    edit(
        goal,
        actor=actor,
        plan=plan,
        expected_version=expected_version,
        changes={"text": text.strip(), "term": term, "life_wish": life_wish.strip()},
    )
    log(Event.GOAL_EDITED, actor=actor, plan=plan, obj=goal)
    return goal


def _renumber(ordered: list[Goal]) -> None:
    for index, goal in enumerate(ordered, start=1):
        if goal.priority != index:
            Goal.objects.filter(pk=goal.pk).update(priority=index)
            goal.priority = index


@transaction.atomic
def reorder_goals(
    *, actor: Participant, plan: Plan, goal_ids: list[int], expected_version: int | None = None
) -> list[Goal]:
    """R8: the family sets the priority order. R9: a compulsory plan's safety goal stays
    first."""
    authorize(actor, Permission.PRIORITISE_GOALS, plan=plan)
    if expected_version is not None and expected_version != plan.version:
        raise ConflictError(_("Iemand anders heeft het plan intussen gewijzigd. Kijk opnieuw."))
    active = {goal.pk: goal for goal in _active_goals(plan)}
    if sorted(goal_ids) != sorted(active):
        raise RuleViolation("R8", _("Zet alle actieve doelen in een volgorde, elk één keer."))
    ordered = [active[pk] for pk in goal_ids]
    if plan.is_compulsory:
        safety = [g for g in active.values() if g.is_safety_goal]
        if safety and not ordered[0].is_safety_goal:
            raise RuleViolation(
                "R9",
                _(
                    "Bij verplichte hulp staat veiligheid altijd eerst. Zet de andere doelen "
                    "in de volgorde die u wilt, onder het veiligheidsdoel."
                ),
            )
    _renumber(ordered)
    plan.version += 1
    plan.save(update_fields=["version"])
    log(Event.GOALS_REORDERED, actor=actor, plan=plan, obj=plan)
    return ordered


@transaction.atomic
def move_goal(*, actor: Participant, goal: Goal, direction: int) -> list[Goal]:
    """Move a goal `direction` places: -1 and +1 are the up and down buttons (the
    keyboard way), more is a drag to another place in the list."""
    plan = goal.plan
    authorize(actor, Permission.PRIORITISE_GOALS, plan=plan)  # the order read is the one moved
    order = [g.pk for g in _active_goals(plan)]
    if goal.pk not in order:
        raise RuleViolation("R8", _("Alleen actieve doelen hebben een volgorde."))
    index = order.index(goal.pk)
    target = min(max(index + direction, 0), len(order) - 1)
    if target == index:
        return _active_goals(plan)
    order.insert(target, order.pop(index))
    return reorder_goals(actor=actor, plan=plan, goal_ids=order)


@transaction.atomic
def set_goal_status(
    *, actor: Participant, goal: Goal, expected_version: int, status: str, reason: str
) -> Goal:
    """R8: a goal is reached or stopped with a reason, or made active again. Making it
    active again counts the active goals under the plan lock that `authorize` takes, as
    `add_goal` does, so a goal added at the same moment never makes six (issue 12
    concurrency)."""
    plan = goal.plan
    authorize(actor, Permission.ADD_GOAL, plan=plan)
    if status not in (GoalStatus.REACHED, GoalStatus.STOPPED, GoalStatus.ACTIVE):
        raise RuleViolation("R8", _("Kies een status."), field="status")
    if status == GoalStatus.ACTIVE and goal.status != GoalStatus.ACTIVE:
        if len(_active_goals(plan)) >= MAX_ACTIVE_GOALS:
            raise RuleViolation("R8", _("Er zijn al vijf actieve doelen."))
    if not reason.strip():
        raise RuleViolation("R8", _("Schrijf op waarom."), field="reason")
    if status == GoalStatus.STOPPED and goal.is_safety_goal and plan.is_compulsory:
        # Stopping the safety goal is a decision for the child-protection worker.
        if not policy.may_stop_safety_goal(actor):
            raise RuleViolation(
                "R9", _("Alleen de jeugdbeschermer kan het veiligheidsdoel stoppen.")
            )
    edit(
        goal,
        actor=actor,
        plan=plan,
        expected_version=expected_version,
        changes={"status": status, "status_reason": reason.strip()},
    )
    _renumber(_active_goals(plan))
    log(Event.GOAL_STATUS, actor=actor, plan=plan, obj=goal)
    return goal


@transaction.atomic
def set_condition(*, actor: Participant, plan: Plan, kind: str, text: str) -> Condition:
    """R9: conditions and safety agreements of the compulsory framework, set by the
    child-protection worker and shown apart from what the family can choose."""
    authorize(actor, Permission.SET_CONDITION, plan=plan)
    if not plan.is_compulsory:
        raise RuleViolation("R9", _("Voorwaarden horen bij verplichte hulp."))
    if kind not in ConditionKind.values:
        raise RuleViolation("R9", _("Kies voorwaarde of veiligheidsafspraak."), field="kind")
    if not text.strip():
        raise RuleViolation("R9", _("Beschrijf de voorwaarde."), field="text")
    condition = Condition.objects.create(plan=plan, created_by=actor, kind=kind, text=text.strip())
    log(Event.CONDITION_SET, actor=actor, plan=plan, obj=condition)
    return condition


@transaction.atomic
def withdraw_condition(*, actor: Participant, condition: Condition, reason: str) -> Condition:
    plan = condition.plan
    authorize(actor, Permission.SET_CONDITION, plan=plan)
    if not reason.strip():
        raise RuleViolation("R9", _("Schrijf op waarom de voorwaarde vervalt."), field="reason")
    condition.withdrawn_at = timezone.now()
    condition.withdrawn_by = actor
    condition.withdrawn_reason = reason.strip()
    condition.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    log(Event.CONDITION_WITHDRAWN, actor=actor, plan=plan, obj=condition)
    return condition


@transaction.atomic
def assess_network(
    *,
    actor: Participant,
    plan: Plan,
    family_does: str,
    network_does: str,
    is_enough: str,
    skip_reason: str = "",
    expected_version: int | None = None,
) -> NetworkAssessment:
    """R10: what the family and network do themselves, and whether that is enough, or
    the reason professional help cannot wait for that."""
    authorize(actor, Permission.ASSESS_NETWORK, plan=plan)
    if is_enough and is_enough not in Enough.values:
        raise RuleViolation("R10", _("Kies of dit genoeg is."), field="is_enough")
    if not skip_reason.strip():
        if not is_enough:
            raise RuleViolation("R10", _("Geef aan of dit genoeg is."), field="is_enough")
        if not (family_does.strip() or network_does.strip()):
            raise RuleViolation(
                "R10", _("Schrijf op wat het gezin en het netwerk zelf doen."), field="family_does"
            )
    values = {
        "family_does": family_does.strip(),
        "network_does": network_does.strip(),
        "is_enough": is_enough,
        "skip_reason": skip_reason.strip(),
    }
    existing = NetworkAssessment.objects.filter(plan=plan).first()
    if existing is None:  # the plan is locked: no one else writes the first one meanwhile
        assessment = NetworkAssessment.objects.create(plan=plan, created_by=actor, **values)
    else:
        version = expected_for_edit(expected_version)
        assessment = edit(
            existing, actor=actor, plan=plan, expected_version=version, changes=values
        )
    log(Event.NETWORK_ASSESSED, actor=actor, plan=plan, obj=assessment)
    return assessment


def _version_to_edit(
    group_plan: FamilyGroupPlan, expected_version: int | None, *, written: bool
) -> int:
    """The version a save of the group plan starts from. Replacing what someone already
    wrote needs the version the writer saw: a second parent's stale form replaced the
    first parent's answer without a word (issue 12 concurrency). R11."""
    if expected_version is None and not written:
        return group_plan.version
    return expected_for_edit(expected_version)


@transaction.atomic
def offer_group_plan(
    *,
    actor: Participant,
    plan: Plan,
    offered_on: datetime.date | None,
    not_offered_reason: str = "",
    pgb_informed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> FamilyGroupPlan:
    """R11 (Jeugdwet art. 4.1.2): offer a family group plan, or record why not; tell the
    family it can arrange help itself with a PGB (000). Changing a recorded offer names
    the version it was made from."""
    authorize(actor, Permission.OFFER_GROUP_PLAN, plan=plan)
    if offered_on is None and not not_offered_reason.strip():
        raise RuleViolation(
            "R11",
            _("Vul de datum van het aanbod in, of schrijf op waarom het niet is aangeboden."),
            field="offered_on",
        )
    changes = {
        "offered_on": offered_on,
        "not_offered_reason": not_offered_reason.strip(),
        "pgb_informed_on": pgb_informed_on,
    }
    group_plan = FamilyGroupPlan.objects.filter(plan=plan).first()
    if group_plan is None:  # the plan is locked: no one else writes the first one meanwhile
        group_plan = FamilyGroupPlan.objects.create(plan=plan, created_by=actor, **changes)
    else:
        version = _version_to_edit(group_plan, expected_version, written=True)
        edit(group_plan, actor=actor, plan=plan, expected_version=version, changes=changes)
    log(Event.GROUP_PLAN, actor=actor, plan=plan, obj=group_plan)
    return group_plan


@transaction.atomic
def answer_group_plan(
    *,
    actor: Participant,
    plan: Plan,
    answer: str,
    reason: str = "",
    family_plan: str = "",
    expected_version: int | None = None,
) -> FamilyGroupPlan:
    """R11: the family answers, and can keep its own plan here. Changing an answer someone
    already gave names the version it was made from."""
    authorize(actor, Permission.ANSWER_GROUP_PLAN, plan=plan)
    group_plan = FamilyGroupPlan.objects.filter(plan=plan).first()
    if group_plan is None or group_plan.offered_on is None:
        raise RuleViolation("R11", _("Er is nog geen familiegroepsplan aangeboden."))
    if answer not in (GroupPlanAnswer.ACCEPTED, GroupPlanAnswer.DECLINED):
        raise RuleViolation("R11", _("Kies ja of nee."), field="answer")
    answered = group_plan.answer != GroupPlanAnswer.PENDING
    edit(
        group_plan,
        actor=actor,
        plan=plan,
        expected_version=_version_to_edit(group_plan, expected_version, written=answered),
        changes={
            "answer": answer,
            "answer_reason": reason.strip(),
            "family_plan": family_plan.strip() or group_plan.family_plan,
        },
    )
    log(Event.GROUP_PLAN, actor=actor, plan=plan, obj=group_plan)
    return group_plan


@transaction.atomic
def add_action(
    *,
    actor: Participant,
    plan: Plan,
    description: str,
    owner: Participant,
    goal: Goal | None = None,
    due_on: datetime.date | None = None,
    takeover_reason: str = "",
) -> PlanAction:
    """R12: one owner; when a professional takes it, record why the family cannot."""
    authorize(actor, Permission.ADD_ACTION, plan=plan)
    own_participant(plan, owner)
    if goal is not None and goal.plan_id != plan.pk:
        raise RuleViolation("R12", _("Dit doel hoort niet bij dit plan."), field="goal")
    if not description.strip():
        raise RuleViolation("R12", _("Beschrijf wat er gedaan wordt."), field="description")
    if owner.is_professional and not takeover_reason.strip():
        raise RuleViolation(
            "R12",
            _(
                "Een hulpverlener neemt dit over. Schrijf op waarom het gezin of het netwerk dit "
                "niet zelf kan, of kies iemand uit het gezin of netwerk."
            ),
            field="takeover_reason",
        )
    action = PlanAction.objects.create(
        plan=plan,
        created_by=actor,
        description=description.strip(),
        owner=owner,
        goal=goal,
        due_on=due_on,
        takeover_reason=takeover_reason.strip(),
    )
    log(Event.ACTION_ADDED, actor=actor, plan=plan, obj=action)
    return action


@transaction.atomic
def complete_action(
    *, actor: Participant, action: PlanAction, note: str = "", expected_version: int | None = None
) -> PlanAction:
    """The owner marks their action done (network members too); so can the coordinator."""
    plan = action.plan
    if action.owner_id != actor.pk and plan.coordinator_id != actor.pk:
        raise RuleViolation(
            "R12", _("Alleen wie de actie doet, of de zorgcoördinator, rondt haar af.")
        )
    authorize(actor, None, plan=plan)  # ownership, checked above, decides
    if action.status != ActionStatus.OPEN:
        raise RuleViolation("R12", _("Deze actie is al afgerond."))
    version = action.version if expected_version is None else expected_version
    edit(
        action,
        actor=actor,
        plan=plan,
        expected_version=version,
        changes={"status": ActionStatus.DONE, "done_at": timezone.now(), "done_note": note.strip()},
    )
    log(Event.ACTION_DONE, actor=actor, plan=plan, obj=action)
    return action
