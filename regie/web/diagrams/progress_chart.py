"""R19 goal progress drawn as a small server-rendered SVG line chart, with the same
numbers as a table next to it (regie.plans.scores computes them)."""

import math

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from regie.plans.scores import GoalProgress, Group, ProgressPoint, format_score, groups

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


def _dash(group: Group) -> str:
    return f' stroke-dasharray="{group.dash}"' if group.dash else ""


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


def _description(item: GoalProgress) -> str:
    """What a screen reader says about the chart: the latest scores (the table has all)."""
    latest = item.latest
    if latest is None:
        return _("Nog geen cijfers.")
    return _("%(n)s evaluaties. Laatste, %(date)s: %(scores)s.") % {
        "n": len(item.points),
        "date": latest.date_label,
        "scores": ", ".join(
            f"{g.label} {format_score(latest.by_group[g.key])}"
            for g in groups()
            if g.key in latest.by_group
        ),
    }


def _head(item: GoalProgress) -> list[str]:
    """The <svg> element with its <title>/<desc> pair, and a white background."""
    base = f"goal-progress-{item.goal.public_id}"
    title = _("Cijfers voor het doel: %(goal)s") % {"goal": item.goal.text}
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="goal-progress-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{base}-title {base}-desc" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{base}-title">{escape(title)}</title>',
        f'<desc id="{base}-desc">{escape(_description(item))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]


def _legend() -> list[str]:
    """Per group a line sample with the marker, and the group's name."""
    parts = []
    lx = LEFT
    for group in groups():
        parts.append(
            f'<line x1="{lx}" y1="16" x2="{lx + 36}" y2="16" stroke="{group.colour}" '
            f'stroke-width="3"{_dash(group)}/>'
        )
        parts.append(_marker(group, lx + 18, 16, group.label))
        parts.append(f'<text x="{lx + 44}" y="20" fill="#1a1a1a">{escape(group.label)}</text>')
        lx += 60 + 9 * len(group.label)
    return parts


def _y_axis() -> list[str]:
    """Grid lines and labels 0, 2, ... 10."""
    parts = []
    for score in range(0, 11, 2):
        y = _y(score)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
            f'stroke="{"#767676" if score == 0 else "#d0d5dd"}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" fill="#1a1a1a">{score}</text>'
        )
    return parts


def _x_axis(xs: list[float], points: list[ProgressPoint]) -> list[str]:
    """The evaluation dates; with many, every n-th from the latest backwards."""
    parts = []
    spacing = xs[1] - xs[0] if len(xs) > 1 else MIN_LABEL_GAP
    stride = max(1, math.ceil(MIN_LABEL_GAP / spacing))
    for index, (x, point) in enumerate(zip(xs, points, strict=True)):
        parts.append(f'<line x1="{x}" y1="{BOTTOM}" x2="{x}" y2="{BOTTOM + 5}" stroke="#767676"/>')
        if (len(xs) - 1 - index) % stride:
            continue
        parts.append(
            f'<text x="{x}" y="{BOTTOM + 22}" text-anchor="middle" fill="#1a1a1a">'
            f"{escape(date_format(point.held_on, 'j b Y'))}</text>"
        )
    return parts


def _group_line(
    group: Group, offset: float, xs: list[float], points: list[ProgressPoint]
) -> list[str]:
    """One group's line and its markers; the line breaks where the group gave no score."""
    run: list[str] = []
    runs: list[list[str]] = [run]
    markers = []
    for x, point in zip(xs, points, strict=True):
        if group.key not in point.by_group:
            run = []
            runs.append(run)
            continue
        value = point.by_group[group.key]
        px, py = round(x + offset, 1), _y(value)
        run.append(f"{px},{py}")
        title = f"{group.label}, {point.date_label}: {format_score(value)}"
        markers.append(_marker(group, px, py, title))
    lines = [
        f'<polyline points="{" ".join(line)}" fill="none" stroke="{group.colour}" '
        f'stroke-width="3" stroke-linecap="round" stroke-linejoin="round"{_dash(group)}/>'
        for line in runs
        if len(line) > 1
    ]
    return [*lines, *markers]


def progress_svg(item: GoalProgress) -> SafeString:
    """The chart for one goal: one line with point markers per group, a legend, and a
    <title>/<desc> pair that screen readers announce (the table has every number)."""
    xs = _xs(len(item.points))
    parts = [*_head(item), *_legend(), *_y_axis(), *_x_axis(xs, item.points)]
    for offset, group in zip((-GROUP_OFFSET, 0, GROUP_OFFSET), groups(), strict=True):
        parts.extend(_group_line(group, offset, xs, item.points))
    parts.append("</svg>")
    # Safe: every text above went through escape().
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703
