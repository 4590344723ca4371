"""Steps 4 and 5: conditions in a compulsory plan (R9), goals in the family's order (R8),
what family and network do themselves, the family group plan (R10, R11) and actions."""

from collections.abc import Sequence
from dataclasses import dataclass

from regie.demo.steps.table import Table
from regie.plans.services import goals


@dataclass(frozen=True)
class Condition:
    kind: str  # a condition of the measure or a safety agreement
    text: str


def set_conditions(table: Table, conditions: Sequence[Condition], *, by: str) -> None:
    for condition in conditions:
        goals.set_condition(
            actor=table.participant(by), plan=table.plan, kind=condition.kind, text=condition.text
        )


@dataclass(frozen=True)
class Goal:
    """A goal, known at the table by `key`."""

    key: str
    by: str
    text: str
    term: str
    life_wish: str = ""
    is_safety_goal: bool = False


def set_goals(table: Table, new_goals: Sequence[Goal]) -> None:
    for goal in new_goals:
        table.goals[goal.key] = goals.add_goal(
            actor=table.participant(goal.by),
            plan=table.plan,
            text=goal.text,
            term=goal.term,
            life_wish=goal.life_wish,
            is_safety_goal=goal.is_safety_goal,
        )


def put_in_order(table: Table, keys: Sequence[str], *, by: str) -> None:
    """The family sets the order of the goals (R8)."""
    goals.reorder_goals(
        actor=table.participant(by), plan=table.plan, goal_ids=[table.goal(key).pk for key in keys]
    )


@dataclass(frozen=True)
class Network:
    """R10: what the family and the network do themselves, and whether that is enough."""

    by: str
    family_does: str
    network_does: str
    is_enough: str


@dataclass(frozen=True)
class GroupPlan:
    """R11: the family group plan offered (and the PGB explained), and the answer."""

    offered_by: str
    offered_on: int  # days from today; the PGB is explained the same day
    answered_by: str
    answer: str
    reason: str
    family_plan: str = ""


@dataclass(frozen=True)
class Action:
    """Who does what, for which goal (by key); `done` is the note of a finished action."""

    by: str
    owner: str
    description: str
    goal: str = ""
    due_on: int | None = None  # days from today
    takeover_reason: str = ""
    done: str | None = None


def plan_own_strength(
    table: Table, network: Network, group_plan: GroupPlan, actions: Sequence[Action] = ()
) -> None:
    goals.assess_network(
        actor=table.participant(network.by),
        plan=table.plan,
        family_does=network.family_does,
        network_does=network.network_does,
        is_enough=network.is_enough,
    )
    offered_on = table.day(group_plan.offered_on)
    goals.offer_group_plan(
        actor=table.participant(group_plan.offered_by),
        plan=table.plan,
        offered_on=offered_on,
        pgb_informed_on=offered_on,
    )
    goals.answer_group_plan(
        actor=table.participant(group_plan.answered_by),
        plan=table.plan,
        answer=group_plan.answer,
        reason=group_plan.reason,
        family_plan=group_plan.family_plan,
    )
    add_actions(table, actions)


def add_actions(table: Table, actions: Sequence[Action]) -> None:
    for action in actions:
        added = goals.add_action(
            actor=table.participant(action.by),
            plan=table.plan,
            goal=table.goal(action.goal) if action.goal else None,
            owner=table.participant(action.owner),
            description=action.description,
            due_on=table.day_or_none(action.due_on),
            takeover_reason=action.takeover_reason,
        )
        if action.done is not None:
            goals.complete_action(
                actor=table.participant(action.by), action=added, note=action.done
            )
