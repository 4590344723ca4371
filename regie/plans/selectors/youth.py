"""Mijn plan: the page for a youth (issue 5; R4, R19, A4)."""

import datetime
from dataclasses import dataclass

from regie.access import policy
from regie.access.policy import Section
from regie.plans.models import (
    Action,
    ActionStatus,
    Condition,
    Entry,
    Evaluation,
    Goal,
    GoalScore,
    GoalStatus,
    Participant,
    Plan,
    Wish,
)
from regie.plans.selectors.common import team, visible_actions, visible_goals, with_author


@dataclass
class YouthGoal:
    goal: Goal
    last_score: GoalScore | None  # my most recent score for this goal, from any evaluation
    open_score: GoalScore | None  # my score in the evaluation that is open now
    actions: list[Action]  # what is done for this goal, and by whom


@dataclass
class YouthPage:
    me: Participant
    age: int | None
    may_keep_own_words: bool  # A4: from 12, my own wishes
    may_keep_about_me: bool  # A4: from 16, also what is written about me
    wishes: list[Wish]
    goals: list[YouthGoal]
    reached_goals: list[Goal]
    open_evaluation: Evaluation | None  # where a new score goes (R19)
    other_actions: list[Action]  # agreements that serve no active goal
    entries_about_me: list[Entry]
    team: list[Participant]
    # R9, issue 14: under a child-protection measure, the safety agreements and conditions,
    # and whom to call when the youth does not feel safe.
    conditions: list[Condition]
    protectors: list[Participant]

    @property
    def kept(self) -> list[Wish | Entry]:
        """What I keep from my parents (A4)."""
        records: list[Wish | Entry] = [*self.wishes, *self.entries_about_me]
        return [r for r in records if r.kept_from_parents_by_id == self.me.pk]


def youth_page(
    plan: Plan, me: Participant, today: datetime.date, seen: frozenset[Section]
) -> YouthPage:
    """Mijn plan, for a youth: only their own wishes, the goals with their own scores, what
    is done for those goals, what is written about them and what they keep from their
    parents (A4), and who takes part; under a measure also the conditions and who
    protects them (R9). Never another family member's wishes or what a sibling keeps.
    Seven queries (eight under a measure), whatever the size of the plan; `seen`: the
    sections the request's viewer computed once (issue 13)."""
    goals = list(visible_goals(plan, me, seen).exclude(status=GoalStatus.STOPPED))
    open_evaluation = (
        Evaluation.objects.filter(plan=plan, held_on__isnull=True)
        .order_by("scheduled_for", "id")
        .first()
        if Section.EVALUATIONS in seen
        else None
    )
    last: dict[int, GoalScore] = {}
    now: dict[int, GoalScore] = {}
    for score in GoalScore.objects.filter(participant=me, evaluation__plan=plan).order_by(
        "evaluation__scheduled_for", "evaluation_id"
    ):
        last[score.goal_id] = score
        if open_evaluation is not None and score.evaluation_id == open_evaluation.pk:
            now[score.goal_id] = score
    actions = list(
        visible_actions(plan, me, seen)
        .exclude(status=ActionStatus.CANCELLED)
        .select_related("owner__person", "owner__user", "owner__organisation")
    )
    active = [goal for goal in goals if goal.status == GoalStatus.ACTIVE]
    active_ids = {goal.pk for goal in active}
    members = team(plan)
    # In the plan now, approved and not refused: whom the youth sees and may call.
    present = [p for p in members if p.is_active_on(today) and p.is_approved and not p.refused_at]
    compulsory = plan.is_compulsory
    return YouthPage(
        me=me,
        age=policy.age_on(me, today),
        may_keep_own_words=policy.may_keep_from_parents(me, own_words=True),
        may_keep_about_me=policy.may_keep_from_parents(me, own_words=False),
        wishes=list(
            with_author(Wish.objects.filter(plan=plan, participant=me, withdrawn_at__isnull=True))
        ),
        goals=[
            YouthGoal(
                goal=goal,
                last_score=last.get(goal.pk),
                open_score=now.get(goal.pk),
                actions=[a for a in actions if a.goal_id == goal.pk],
            )
            for goal in active
        ],
        reached_goals=[goal for goal in goals if goal.status == GoalStatus.REACHED],
        open_evaluation=open_evaluation,
        other_actions=[a for a in actions if a.goal_id not in active_ids],
        entries_about_me=list(
            Entry.objects.filter(plan=plan, about=me, withdrawn_at__isnull=True).select_related(
                "created_by__person", "created_by__user", "created_by__organisation"
            )
        )
        if Section.ENTRIES in seen
        else [],
        team=[p for p in present if Section.TEAM in seen or p.pk == plan.coordinator_id],
        conditions=list(Condition.objects.filter(plan=plan, withdrawn_at__isnull=True))
        if compulsory and Section.GOALS in seen
        else [],
        protectors=[p for p in present if compulsory and policy.protects_the_child(p)],
    )
