"""Step 7, carrying out and evaluating: evaluations planned, goals scored by the family
and the professionals, and the evaluation recorded (R19)."""

from collections.abc import Sequence
from dataclasses import dataclass

from regie.demo.steps.table import Table
from regie.plans.models import Evaluation
from regie.plans.services import evaluation as evaluation_service


def schedule_evaluations(table: Table, *, by: str, days: Sequence[int]) -> list[Evaluation]:
    """One evaluation for each day (days from today), in order."""
    return [
        evaluation_service.schedule_evaluation(
            actor=table.participant(by), plan=table.plan, scheduled_for=table.day(day)
        )
        for day in days
    ]


@dataclass(frozen=True)
class Score:
    """`by` scores a goal (by key), for themselves or for `member` (a young child)."""

    goal: str
    by: str
    score: int
    comment: str = ""
    member: str = ""


@dataclass(frozen=True)
class Review:
    by: str
    held_on: int  # days from today
    scores: tuple[Score, ...]
    working_relationship: str
    satisfaction: int
    satisfaction_reasons: str
    outcome: str
    notes: str = ""


def evaluate(table: Table, evaluation: Evaluation, review: Review) -> None:
    """Scores per goal first, then the evaluation itself."""
    for score in review.scores:
        evaluation_service.score_goal(
            actor=table.participant(score.by),
            evaluation=evaluation,
            goal=table.goal(score.goal),
            score=score.score,
            comment=score.comment,
            member=table.maybe(score.member),
        )
    evaluation_service.record_evaluation(
        actor=table.participant(review.by),
        evaluation=evaluation,
        expected_version=evaluation.version,
        held_on=table.day(review.held_on),
        working_relationship=review.working_relationship,
        satisfaction=review.satisfaction,
        satisfaction_reasons=review.satisfaction_reasons,
        outcome=review.outcome,
        notes=review.notes,
    )
