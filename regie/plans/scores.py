"""R19 scores: per goal the mean 0–10 score of the child, the parents and the professionals
in each evaluation, and how they develop over the held evaluations. Pure functions over
what the selectors prefetched; drawing them is the web layer's job (web/diagrams)."""

import datetime
from dataclasses import dataclass, field
from statistics import mean

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.plans.models import Evaluation, Goal, GoalScore

DIVERGENCE_POINTS = 3  # R19: scores 3 or more apart are a point to talk about


@dataclass
class GoalScores:
    goal: Goal
    by_group: dict[str, float]
    scores: list[GoalScore]

    @property
    def divergent(self) -> bool:
        values = list(self.by_group.values())
        return len(values) > 1 and max(values) - min(values) >= DIVERGENCE_POINTS


def scores_per_goal(evaluation: Evaluation, goals: list[Goal]) -> list[GoalScores]:
    """R19: per goal the mean score of the child, the parents and the professionals;
    3 or more apart is shown as a point to talk about."""
    result = []
    all_scores = list(evaluation.scores.all())
    for goal in goals:
        scores = [s for s in all_scores if s.goal_id == goal.pk]
        groups: dict[str, list[int]] = {}
        for score in scores:
            group = score.participant.score_group
            if group != "network":
                groups.setdefault(group, []).append(score.score)
        by_group = {group: round(mean(values), 1) for group, values in groups.items()}
        result.append(GoalScores(goal=goal, by_group=by_group, scores=scores))
    return result


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    colour: str
    dash: str  # stroke-dasharray, "" for a solid line
    marker: str  # circle, square or triangle


def groups() -> list[Group]:
    """The three groups R19 compares. Colour, line pattern and marker shape all differ,
    so the chart reads without colour; the colours keep 3:1 contrast on white."""
    return [
        Group("child", _("Kind"), "#b34700", "", "circle"),
        Group("parents", _("Ouders"), "#0b5394", "9 5", "square"),
        Group("professionals", _("Hulpverleners"), "#1b6e35", "2 4", "triangle"),
    ]


@dataclass
class ProgressPoint:
    evaluation: Evaluation
    held_on: datetime.date
    by_group: dict[str, float]

    @property
    def date_label(self) -> str:
        return date_format(self.held_on, "j F Y")

    def cells(self) -> list[str]:
        """The table cells in group order, "—" where a group gave no score."""
        return [
            format_score(self.by_group[g.key]) if g.key in self.by_group else "—" for g in groups()
        ]

    def labelled_cells(self) -> list[tuple[str, str]]:
        """Each cell with its group's name: the label a row shows as a card on a phone."""
        return list(zip([str(g.label) for g in groups()], self.cells(), strict=True))


@dataclass
class GoalProgress:
    goal: Goal
    points: list[ProgressPoint] = field(default_factory=list)

    @property
    def latest(self) -> ProgressPoint | None:
        return self.points[-1] if self.points else None

    @property
    def gap(self) -> float:
        """How far the groups lie apart in the latest evaluation (0 with fewer than two)."""
        if self.latest is None or len(self.latest.by_group) < 2:
            return 0.0
        values = self.latest.by_group.values()
        return round(max(values) - min(values), 1)

    @property
    def divergent(self) -> bool:
        """R19: 3 or more apart in the latest evaluation is a point to talk about."""
        return self.gap >= DIVERGENCE_POINTS

    @property
    def explanation(self) -> str:
        latest = self.latest
        if latest is None:
            return ""
        scores = ", ".join(
            f"{g.label.lower()} {format_score(latest.by_group[g.key])}"
            for g in groups()
            if g.key in latest.by_group
        )
        return _(
            "Bij de evaluatie van %(date)s liggen de cijfers %(gap)s punten uit elkaar "
            "(%(scores)s). Praat samen over hoe u er zo verschillend over denkt."
        ) % {"date": latest.date_label, "gap": format_score(self.gap), "scores": scores}

    @property
    def headers(self) -> list[str]:
        return [g.label for g in groups()]


def format_score(value: float) -> str:
    """8.0 → "8", 7.5 → "7,5" (Dutch decimal comma)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def goal_progress(goals: list[Goal], evaluations: list[Evaluation]) -> list[GoalProgress]:
    """Per goal, the group means (as selectors.scores_per_goal) of each held evaluation,
    oldest first. Evaluations not yet held, and groups without a score, are left out."""
    held = sorted(
        ((e.held_on, e.pk, e) for e in evaluations if e.held_on is not None),
        key=lambda row: (row[0], row[1]),
    )
    result = {goal.pk: GoalProgress(goal=goal) for goal in goals}
    for held_on, _pk, evaluation in held:
        for row in scores_per_goal(evaluation, goals):
            if row.by_group:
                result[row.goal.pk].points.append(ProgressPoint(evaluation, held_on, row.by_group))
    return list(result.values())
