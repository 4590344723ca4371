"""R19 goal progress: per goal, the 0–10 group scores over the held evaluations, drawn as a
small server-rendered SVG line chart with the same numbers as a table.

Pure functions: they read the scores prefetched by selectors.step_page, never the database."""

import datetime
import math
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from regie.plans import selectors
from regie.plans.models import Evaluation, Goal


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
        return self.gap >= selectors.DIVERGENCE_POINTS

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

    @property
    def svg(self) -> SafeString:
        return progress_svg(self)


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
        for row in selectors.scores_per_goal(evaluation, goals):
            if row.by_group:
                result[row.goal.pk].points.append(ProgressPoint(evaluation, held_on, row.by_group))
    return list(result.values())


# ---- The chart -----------------------------------------------------------------------

WIDTH, HEIGHT = 600, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 44, 250  # plot area; the legend sits above it
MIN_LABEL_GAP = 84  # px between date labels on the x axis
GROUP_OFFSET = 5  # px sideways per group, so equal scores do not hide each other


def _y(score: float) -> float:
    return round(BOTTOM - (BOTTOM - TOP) * score / 10, 1)


def _xs(count: int) -> list[float]:
    """Evaluations evenly spaced in date order; one evaluation sits in the middle."""
    if count == 1:
        return [(LEFT + WIDTH - RIGHT) / 2]
    inner_left, inner_right = LEFT + 36, WIDTH - RIGHT - 44
    step = (inner_right - inner_left) / (count - 1)
    return [round(inner_left + i * step, 1) for i in range(count)]


def _marker(group: Group, x: float, y: float, title: str) -> str:
    attrs = f'fill="{group.colour}" stroke="#fff" stroke-width="1.5"'
    if group.marker == "circle":
        shape = f'<circle cx="{x}" cy="{y}" r="5.5" {attrs}>'
        end = "</circle>"
    elif group.marker == "square":
        shape = f'<rect x="{x - 5}" y="{y - 5}" width="10" height="10" {attrs}>'
        end = "</rect>"
    else:
        points = f"{x},{y - 6.5} {x + 6.5},{y + 5} {x - 6.5},{y + 5}"
        shape = f'<polygon points="{points}" {attrs}>'
        end = "</polygon>"
    return f"{shape}<title>{escape(title)}</title>{end}"


def progress_svg(item: GoalProgress) -> SafeString:
    """The chart for one goal: one line with point markers per group, a legend, and a
    <title>/<desc> pair that screen readers announce (the table has every number)."""
    base = f"goal-progress-{item.goal.public_id}"
    title = _("Cijfers voor het doel: %(goal)s") % {"goal": item.goal.text}
    latest = item.latest
    if latest is None:
        desc = _("Nog geen cijfers.")
    else:
        desc = _("%(n)s evaluaties. Laatste, %(date)s: %(scores)s.") % {
            "n": len(item.points),
            "date": latest.date_label,
            "scores": ", ".join(
                f"{g.label} {format_score(latest.by_group[g.key])}"
                for g in groups()
                if g.key in latest.by_group
            ),
        }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="goal-progress-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{base}-title {base}-desc" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{base}-title">{escape(title)}</title>',
        f'<desc id="{base}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]
    # Legend: a line sample with the marker, and the group's name.
    lx = LEFT
    for group in groups():
        dash = f' stroke-dasharray="{group.dash}"' if group.dash else ""
        parts.append(
            f'<line x1="{lx}" y1="16" x2="{lx + 36}" y2="16" stroke="{group.colour}" '
            f'stroke-width="3"{dash}/>'
        )
        parts.append(_marker(group, lx + 18, 16, group.label))
        parts.append(f'<text x="{lx + 44}" y="20" fill="#1a1a1a">{escape(group.label)}</text>')
        lx += 60 + 9 * len(group.label)
    # Y axis: grid lines and labels 0, 2, ... 10.
    for score in range(0, 11, 2):
        y = _y(score)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
            f'stroke="{"#767676" if score == 0 else "#d0d5dd"}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" fill="#1a1a1a">{score}</text>'
        )
    # X axis: the evaluation dates; with many, every n-th from the latest backwards.
    xs = _xs(len(item.points))
    spacing = xs[1] - xs[0] if len(xs) > 1 else MIN_LABEL_GAP
    stride = max(1, math.ceil(MIN_LABEL_GAP / spacing))
    for index, (x, point) in enumerate(zip(xs, item.points, strict=True)):
        parts.append(f'<line x1="{x}" y1="{BOTTOM}" x2="{x}" y2="{BOTTOM + 5}" stroke="#767676"/>')
        if (len(xs) - 1 - index) % stride:
            continue
        parts.append(
            f'<text x="{x}" y="{BOTTOM + 22}" text-anchor="middle" fill="#1a1a1a">'
            f"{escape(date_format(point.held_on, 'j b Y'))}</text>"
        )
    # One line and its markers per group; a line breaks where a group gave no score.
    for offset, group in zip((-GROUP_OFFSET, 0, GROUP_OFFSET), groups(), strict=True):
        dash = f' stroke-dasharray="{group.dash}"' if group.dash else ""
        run: list[str] = []
        runs: list[list[str]] = [run]
        markers = []
        for x, point in zip(xs, item.points, strict=True):
            if group.key not in point.by_group:
                run = []
                runs.append(run)
                continue
            value = point.by_group[group.key]
            px, py = round(x + offset, 1), _y(value)
            run.append(f"{px},{py}")
            markers.append(
                _marker(
                    group,
                    px,
                    py,
                    f"{group.label}, {point.date_label}: {format_score(value)}",
                )
            )
        for line in runs:
            if len(line) > 1:
                parts.append(
                    f'<polyline points="{" ".join(line)}" fill="none" stroke="{group.colour}" '
                    f'stroke-width="3" stroke-linecap="round" stroke-linejoin="round"{dash}/>'
                )
        parts.extend(markers)
    parts.append("</svg>")
    # Safe: every text above went through escape().
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703
