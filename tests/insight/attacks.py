"""Differencing attacks on shown cells (issue 15), shared by the cube tests: every group
of units someone could separate from the shown figures by subtracting one cell from a
cell it lies in, a total minus all its shown parts, or any signed sum of two or three
cells that counts each unit once or not at all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from itertools import combinations, product
from typing import TypeVar

Unit = TypeVar("Unit", bound=Hashable)


def separable_groups(shown: Sequence[frozenset[Unit]], most: int = 3) -> Iterator[frozenset[Unit]]:
    cells = list(set(shown))
    for whole in cells:
        inside = [part for part in cells if part < whole]
        for part in inside:
            yield whole - part
        yield whole.difference(*inside)
    for size in range(2, most + 1):
        for chosen in combinations(cells, size):
            for signs in product((1, -1), repeat=size - 1):
                total: Counter[Unit] = Counter(chosen[0])
                for sign, cell in zip(signs, chosen[1:], strict=True):
                    total.update(dict.fromkeys(cell, sign))
                if all(times in (0, 1) for times in total.values()):
                    yield frozenset(unit for unit, times in total.items() if times)
