"""Where the genogram's lines may run: every name under a symbol and every symbol is room
a line keeps out of, and lines between generations take free vertical lanes between them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .genogram_layout import Layout
from .svg import Point
from .symbols import FONT_SIZE, HALF, LINE_HEIGHT, text_width

ROW = 160  # distance between generations
TOP = 60
LABEL_DROP = HALF + 24  # from a symbol's centre to the baseline of the name under it
# Emotional ties run along a row this far under (or over) the centres: clear of the
# partner line, the children's bars and the names.
TIE_TRACKS = (12.0, -12.0, 20.0, -22.0)
LANE_CLEARANCE = 10  # between a line routed past a name and the name's box


@dataclass(frozen=True)
class Box:
    """A rectangle lines must keep out of: a name under a symbol, or a symbol."""

    left: float
    top: float
    right: float
    bottom: float

    def blocks(self, x: float, y1: float, y2: float, clearance: float) -> bool:
        """Does a vertical line at `x` from `y1` to `y2` come within `clearance`?"""
        low, high = min(y1, y2), max(y1, y2)
        return (
            self.left - clearance < x < self.right + clearance
            and low < self.bottom
            and high > self.top
        )


def label_box(x: float, baseline: float, lines: Sequence[str]) -> Box:
    """The room the lines of `symbols.label` take, with the white halo around them."""
    shown = [line for line in lines if line]
    half = max((text_width(line) for line in shown), default=0) / 2 + 2
    bottom = baseline + LINE_HEIGHT * (max(len(shown), 1) - 1) + FONT_SIZE * 0.3 + 2
    return Box(x - half, baseline - FONT_SIZE - 2, x + half, bottom)


def lane(x_from: float, x_to: float, y1: float, y2: float, obstacles: Sequence[Box]) -> float:
    """The x of a free vertical lane from `y1` to `y2`, as near to the two ends as can be,
    so a line between two generations passes beside the names, never through them."""
    low, high = min(y1, y2), max(y1, y2)
    span = [box for box in obstacles if low < box.bottom and high > box.top]
    candidates = {(x_from + x_to) / 2, x_from, x_to}
    for box in span:
        candidates.add(box.left - LANE_CLEARANCE - 1)
        candidates.add(box.right + LANE_CLEARANCE + 1)
    free = [x for x in candidates if not any(b.blocks(x, y1, y2, LANE_CLEARANCE) for b in span)]
    return min(free, key=lambda x: (abs(x - x_from) + abs(x - x_to), abs(x - (x_from + x_to) / 2)))


class Router:
    """The genogram's positions and the lines routed so far. Each vertical line taken keeps
    the next lane at a distance, and each next tie along a row gets its own track, so the
    order in which lines are routed is part of the drawing."""

    def __init__(self, layout: Layout, texts: dict[int, list[str]], ids: set[int]) -> None:
        self.layout = layout
        # The lines of text under each symbol: name and age.
        self.names = {
            pk: label_box(layout.x[pk], self.y_of(pk) + LABEL_DROP, lines)
            for pk, lines in texts.items()
        }
        self.symbols_room = {
            pk: Box(
                layout.x[pk] - HALF - 6,
                self.y_of(pk) - HALF - 6,
                layout.x[pk] + HALF + 6,
                self.y_of(pk) + HALF + 6,
            )
            for pk in ids
        }
        self.obstacles = [*self.names.values(), *self.symbols_room.values()]
        self.taken: list[Box] = []  # vertical lines drawn so far: a new lane keeps its distance
        self.tracks: dict[int, int] = defaultdict(int)  # ties running along each row so far
        self.drawn_x: list[float] = [*layout.x.values()]  # how wide the drawing must be

    def y_of(self, pk: int) -> float:
        return TOP + self.layout.generation[pk] * ROW

    def take_vertical(self, x: float, y1: float, y2: float) -> None:
        self.taken.append(Box(x - 4, min(y1, y2), x + 4, max(y1, y2)))

    def _track(self, pk: int, drop: float | None) -> float:
        """How far under (or over) the centres a tie runs along someone's row: each next
        tie in a row gets its own track, all clear of the partner line and the names."""
        if drop is not None:
            return drop
        gen = self.layout.generation[pk]
        self.tracks[gen] += 1
        return TIE_TRACKS[(self.tracks[gen] - 1) % len(TIE_TRACKS)]

    def route(self, a: int, b: int, drop: float | None = None) -> list[Point]:
        """From beside a's symbol to beside b's: straight within a row; between rows
        sideways to a free lane, along it, and sideways again."""
        points = self._route(a, b, drop)
        self.drawn_x.extend(x for x, _y in points)
        return points

    def _route(self, a: int, b: int, drop: float | None) -> list[Point]:
        x, generation, y_of = self.layout.x, self.layout.generation, self.y_of
        upper, lower = (a, b) if y_of(a) <= y_of(b) else (b, a)
        xu, yu = x[upper], y_of(upper) + self._track(upper, drop)
        if generation[upper] == generation[lower]:
            left, right = sorted((xu, x[lower]))
            return [(left + HALF + 2, yu), (right - HALF - 2, yu)]
        xl, yl = x[lower], y_of(lower) + self._track(lower, drop)
        mine = (self.symbols_room[upper], self.symbols_room[lower])
        others = [b for b in self.obstacles if b not in mine]
        at = lane(xu, xl, yu, yl, [*others, *self.taken])
        self.take_vertical(at, yu, yl)
        start = xu + (HALF + 2) * (1 if at >= xu else -1)
        end = xl + (HALF + 2) * (1 if at >= xl else -1)
        return [(start, yu), (at, yu), (at, yl), (end, yl)]
