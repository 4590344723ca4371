"""Issue 15: no figure rests on fewer than 10 plans, and no combination of shown figures
(two filters, two periods, a total minus the rest) reveals a hidden cell. The attacks
below work on the plan counts, as any figure (a share's numerator too) adds up the same."""

from itertools import product

import pytest

from regie.insight.suppression import MINIMUM, Cell, Dimension, cells_of, hidden_cells
from tests.insight.attacks import separable_groups

PERIOD = Dimension("period", {"2025": None, "2025-K1": "2025", "2025-K2": "2025"})
ORGANISATION = Dimension("organisation", {"*": None, "A": "*", "B": "*"})
HELP = Dimension("help_type", {"*": None, "in_kind": "*", "pgb": "*"})
FRAMEWORK = Dimension("framework", {"*": None, "voluntary": "*", "compulsory": "*"})
DIMENSIONS = (PERIOD, ORGANISATION, HELP, FRAMEWORK)
LEAVES: list[Cell] = list(
    product(["2025-K1", "2025-K2"], ["A", "B"], ["in_kind", "pgb"], ["voluntary", "compulsory"])
)

# Mostly large leaves, a few small ones in awkward places: a lone compulsory pgb plan at
# B, a small quarter-2 corner, and an empty leaf.
COUNTS: dict[Cell, int] = dict.fromkeys(LEAVES, 14)
COUNTS[("2025-K1", "B", "pgb", "compulsory")] = 1
COUNTS[("2025-K2", "A", "pgb", "voluntary")] = 3
COUNTS[("2025-K2", "A", "pgb", "compulsory")] = 4
COUNTS[("2025-K2", "B", "in_kind", "compulsory")] = 0


def shown_cells(counts: dict[Cell, int]) -> dict[Cell, frozenset[Cell]]:
    """Each shown cell with plans, and the leaves it adds up."""
    members: dict[Cell, set[Cell]] = {}
    for leaf, count in counts.items():
        if count:
            for cell in cells_of(leaf, DIMENSIONS):
                members.setdefault(cell, set()).add(leaf)
    hidden = hidden_cells(counts, DIMENSIONS)
    return {cell: frozenset(leaves) for cell, leaves in members.items() if cell not in hidden}


def plans_in(leaves: frozenset[Cell] | set[Cell]) -> int:
    return sum(COUNTS[leaf] for leaf in leaves)


def test_every_shown_cell_rests_on_at_least_ten_plans() -> None:
    shown = shown_cells(COUNTS)
    assert shown, "the grand total and the large cells are shown"
    assert all(plans_in(leaves) >= MINIMUM for leaves in shown.values())
    assert ("2025", "*", "*", "*") in shown
    assert ("2025-K1", "A", "in_kind", "voluntary") in shown


def test_the_lone_plan_is_hidden_in_every_cell_that_would_single_it_out() -> None:
    shown = shown_cells(COUNTS)
    lone = ("2025-K1", "B", "pgb", "compulsory")
    assert lone not in shown
    for cell in (("2025-K1", "B", "pgb", "*"), ("2025-K1", "B", "*", "compulsory")):
        assert cell not in shown or (lone in shown[cell] and plans_in(shown[cell]) >= MINIMUM)


def test_a_total_minus_the_rest_or_any_difference_reveals_no_small_group() -> None:
    """Subtract from each shown cell every shown cell inside it (a total minus the rest,
    two filters, a year minus a quarter), and take every signed combination of up to
    three shown cells that adds up to a set of plans (each leaf 0 or 1 times): what
    remains is empty or at least 10 plans."""
    shown = list(shown_cells(COUNTS).values())
    for group in separable_groups(shown):
        assert plans_in(group) == 0 or plans_in(group) >= MINIMUM, sorted(map(repr, group))


def test_with_only_large_cells_nothing_is_hidden() -> None:
    assert hidden_cells(dict.fromkeys(LEAVES, 10), DIMENSIONS) == set()


@pytest.mark.parametrize("count", [1, 9])
def test_fewer_than_ten_plans_in_all_hides_everything(count: int) -> None:
    counts = dict.fromkeys(LEAVES, 0)
    counts[LEAVES[0]] = count
    assert shown_cells(counts) == {}


def test_two_readings_a_quarter_apart_reveal_no_small_quarter() -> None:
    """Issue 15 "two periods": read once when only quarter 1 is over (one organisation, 10
    plans) and once after quarter 2 (2 more plans there). The year of the second reading
    minus that of the first would give the 2 plans of quarter 2; every signed combination
    of the cells shown in either reading leaves no plans or at least 10."""
    first: dict[Cell, int] = {("2025-K1", "A", "in_kind", "voluntary"): 10}
    second: dict[Cell, int] = {**first, ("2025-K2", "A", "in_kind", "voluntary"): 2}
    # A unit is one plan, so the same plans are the same units in both readings.
    units = {leaf: frozenset((leaf, n) for n in range(count)) for leaf, count in second.items()}
    shown: set[frozenset[tuple[Cell, int]]] = set()
    for counts in (first, second):
        hidden = hidden_cells(counts, DIMENSIONS, apart=0)
        for cell in {cell for leaf in counts for cell in cells_of(leaf, DIMENSIONS)} - hidden:
            inside = [leaf for leaf in counts if cell in cells_of(leaf, DIMENSIONS)]
            shown.add(frozenset().union(*(units[leaf] for leaf in inside)))
    for group in separable_groups(list(shown)):
        assert len(group) == 0 or len(group) >= MINIMUM, sorted(map(repr, group))
