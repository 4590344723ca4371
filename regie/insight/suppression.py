"""Small groups stay hidden, also from someone who adds and subtracts figures (issue 15;
the method in docs/indicators.md).

The figures form a cube. A leaf is one finest combination of dimension values (a quarter,
an organisation, a type of help, a framework); every cell shown is a leaf or a total over
leaves (a year of its quarters, "all organisations"). Whoever sees a total and some of its
parts can subtract them, and with several totals (two filters, two periods, a total
minus the rest) can combine them further.

So the leaves with plans are first put together in blocks of at least MINIMUM plans:
a leaf that is large enough is a block of its own; a smaller one joins the nearest block,
first one that differs only in framework, then in type of help, then in organisation,
the smallest first. A cell is shown only when it holds whole blocks, no block smaller than
MINIMUM and at least MINIMUM plans; every figure of a hidden cell is hidden. Every shown
figure is then a sum over whole blocks, so no combination of shown figures, however
chosen, separates a group smaller than a block: at least MINIMUM plans. Cells without
plans show 0; that reveals no one.

Figures read on two days must combine just as safely. So the indicators keep each quarter
apart (`apart`): its blocks are formed from its own leaves, and do not change once it is
over. A quarter of fewer than MINIMUM plans is then one small block, and hides its year:
otherwise this year's total read after that quarter minus the one read before it would
single it out.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from operator import xor

MINIMUM = 10

Value = Hashable
Cell = tuple[Value, ...]
Lines = tuple[frozenset[Value], ...]  # per dimension, the values a block's leaves share


@dataclass(frozen=True)
class Dimension:
    """One axis of the cube: each value may have a parent, the total it is part of.
    Values without children are the leaves' values."""

    name: str
    parents: Mapping[Value, Value | None]

    def lineage(self, value: Value) -> list[Value]:
        """The value and every total above it."""
        line = [value]
        while (parent := self.parents.get(line[-1])) is not None:
            line.append(parent)
        return line


def cells_of(leaf: Cell, dimensions: Sequence[Dimension]) -> list[Cell]:
    """Every cell that counts the leaf: itself and each combination of totals above it."""
    lines = [dimension.lineage(value) for dimension, value in zip(dimensions, leaf, strict=True)]
    return [tuple(cell) for cell in product(*lines)]


def blocks(
    leaf_counts: Mapping[Cell, int],
    dimensions: Sequence[Dimension],
    minimum: int = MINIMUM,
    apart: int | None = None,
) -> list[frozenset[Cell]]:
    """The leaves with plans, put together in blocks of at least `minimum` plans (see
    the module docstring); one block holds everything when there are fewer in all.
    Leaves with different values in dimension `apart` never share a block: each value's
    blocks are formed from its own leaves, and one may stay smaller than `minimum`."""
    if apart is not None:
        parts: dict[Value, dict[Cell, int]] = defaultdict(dict)
        for leaf, count in leaf_counts.items():
            parts[leaf[apart]][leaf] = count
        return [block for part in parts.values() for block in blocks(part, dimensions, minimum)]
    groups: dict[int, set[Cell]] = {}
    sizes: dict[int, int] = {}
    lines: dict[int, Lines] = {}
    names: dict[int, list[str]] = {}  # the tie-break: a block's leaves in order
    for number, leaf in enumerate(leaf for leaf, count in leaf_counts.items() if count > 0):
        groups[number], sizes[number], names[number] = {leaf}, leaf_counts[leaf], [repr(leaf)]
        lines[number] = tuple(
            frozenset(dimension.lineage(value))
            for dimension, value in zip(dimensions, leaf, strict=True)
        )
    # The nearest block shares the most leading dimensions: look there first, not at all.
    sharing: dict[Lines, set[int]] = defaultdict(set)

    def index(number: int, add: bool) -> None:
        for length in range(1, len(dimensions) + 1):
            bucket = sharing[lines[number][:length]]
            if add:
                bucket.add(number)
            else:
                bucket.discard(number)

    for number in groups:
        index(number, add=True)
    queue = [(sizes[n], names[n], n) for n in groups if sizes[n] < minimum]
    heapq.heapify(queue)
    while len(groups) > 1 and queue:
        size, name, number = heapq.heappop(queue)
        if number not in groups or (sizes[number], names[number]) != (size, name):
            continue  # merged since: its current entry is in the queue
        others = _nearest_candidates(number, groups, lines, sharing)
        near = {j: (_distance(lines[number], lines[j]), sizes[j]) for j in others}
        nearest = min(near.values())
        other = min((j for j in others if near[j] == nearest), key=lambda j: names[j])
        index(number, add=False)
        index(other, add=False)
        groups[other] |= groups.pop(number)
        sizes[other] += sizes.pop(number)
        names[other] = sorted(names[other] + names.pop(number))
        # A merged block reaches the totals of both; what it shares is what both share.
        lines[other] = tuple(a & b for a, b in zip(lines[other], lines.pop(number), strict=True))
        index(other, add=True)
        if sizes[other] < minimum:
            heapq.heappush(queue, (sizes[other], names[other], other))
    return [frozenset(group) for group in groups.values()]


def _nearest_candidates(
    number: int,
    groups: Mapping[int, object],
    lines: Mapping[int, Lines],
    sharing: Mapping[Lines, set[int]],
) -> set[int]:
    """The blocks that share the longest run of leading dimensions with `number`: the
    nearest block (by `_distance`, compared dimension by dimension) is among them."""
    for length in range(len(lines[number]), 0, -1):
        candidates = sharing.get(lines[number][:length], set()) - {number}
        if candidates:
            return candidates
    return set(groups) - {number}


def _distance(first: Lines, second: Lines) -> tuple[int, ...]:
    """How far apart two blocks are: for each dimension from the most important (the
    period) to the least, how many levels up they meet; compared in that order."""
    return tuple(map(len, map(xor, first, second)))


def hidden_cells(
    leaf_counts: Mapping[Cell, int],
    dimensions: Sequence[Dimension],
    minimum: int = MINIMUM,
    apart: int | None = None,
) -> set[Cell]:
    """The cells with plans whose figures must not be shown: those that cut a block in two,
    those that hold a block of fewer than `minimum` plans (possible only with `apart`),
    and those with fewer than `minimum` plans."""
    plans: dict[Cell, int] = defaultdict(int)
    cut: set[Cell] = set()
    for block in blocks(leaf_counts, dimensions, minimum, apart):
        inside: dict[Cell, int] = defaultdict(int)
        for leaf in block:
            for cell in cells_of(leaf, dimensions):
                inside[cell] += 1
                plans[cell] += leaf_counts[leaf]
        cut.update(cell for cell, leaves in inside.items() if leaves < len(block))
        if sum(leaf_counts[leaf] for leaf in block) < minimum:
            cut.update(inside)
    return cut | {cell for cell, count in plans.items() if count < minimum}
