"""How the genogram draws a tie between two people along a route: partner lines with
their slashes, closeness as parallel green lines, tension as a red zigzag."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from regie.families.models import RelationKind

from .svg import CLOSE, CONFLICT, Point, line, num, path_d


def zigzag(points: Sequence[Point]) -> str:
    """A red zigzag along a route of straight pieces: tension or conflict."""
    out: list[Point] = [points[0]]
    flip = 1.0
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        px, py = -uy, ux
        steps = max(2, int(length / 9))
        for step in range(1, steps + 1):
            along = length * step / steps
            amp = 0.0 if step == steps else 5.0 * flip
            flip = -flip
            out.append((x1 + ux * along + px * amp, y1 + uy * along + py * amp))
    return (
        f'<path class="conflict" d="{path_d(out)}" fill="none" stroke="{CONFLICT}" '
        f'stroke-width="2"/>'
    )


def close_lines(points: Sequence[Point], count: int) -> str:
    """Two (close) or three (very close) thin green lines side by side along a route: a
    wide green stroke with a white one over it, so the lines stay parallel round corners."""
    d = path_d(points)
    widths = (
        [(6.5, CLOSE), (3.5, "#ffffff")]
        if count < 3
        else [
            (10.0, CLOSE),
            (7.0, "#ffffff"),
            (2.0, CLOSE),
        ]
    )
    paths = "".join(
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{num(width)}" '
        f'stroke-linejoin="miter"/>'
        for width, colour in widths
    )
    return f'<g class="close" data-count="{count}">{paths}</g>'


def _slashes(x: float, y: float, count: int) -> str:
    out = []
    for index in range(count):
        sx = x - 6 * (count - 1) / 2 + 6 * index
        out.append(line(sx - 5, y + 9, sx + 5, y - 9))
    return f'<g class="slashes" data-count="{count}">{"".join(out)}</g>'


def partner_line(kind: str, x1: float, x2: float, y: float, slash_x: float | None = None) -> str:
    """Married solid, cohabiting dashed, separated one slash, divorced two slashes; the
    slashes sit left of the middle, where the children's line hangs."""
    extra = ""
    if kind == RelationKind.COHABITING:
        extra = ' stroke-dasharray="7 5"'
    elif kind == "":
        extra = ' stroke-dasharray="2 4" stroke-opacity="0.7"'
    body = line(x1, y, x2, y, extra)
    at = (x1 + x2) / 2 - 16 if slash_x is None else slash_x
    if kind == RelationKind.DIVORCED:
        body += _slashes(at, y, 2)
    elif kind == RelationKind.SEPARATED:
        body += _slashes(at, y, 1)
    return f'<g class="partner {kind or "unknown"}">{body}</g>'
