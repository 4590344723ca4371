"""Where everyone stands in the genogram: a row per generation, couples side by side, the
rows ordered so lines cross as little as they can, parents centred above their children."""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from regie.families.models import Gender, Person, PersonKind, Relation, RelationKind

PARTNER_KINDS = (
    RelationKind.MARRIED,
    RelationKind.COHABITING,
    RelationKind.SEPARATED,
    RelationKind.DIVORCED,
)
# When two people have several partner relations recorded, the ending one wins.
PARTNER_PRIORITY: dict[str, int] = {
    RelationKind.DIVORCED: 0,
    RelationKind.SEPARATED: 1,
    RelationKind.MARRIED: 2,
    RelationKind.COHABITING: 3,
}
FAMILY_KINDS = (*PARTNER_KINDS, RelationKind.PARENT_OF, RelationKind.SIBLING)

# Geometry (SVG user units).
SLOT = 176  # distance between two people in a row: a free lane between two names
UNIT_GAP = 30  # extra space between couples or singles
SIDE = 100

Pair = tuple[int, int]
Rows = dict[int, list[list[int]]]  # generation -> units (a couple or a single) -> ids


@dataclass
class Layout:
    generation: dict[int, int]
    x: dict[int, float]
    partners: dict[Pair, str]  # the partner relation kind, "" when not recorded
    parents: dict[int, list[int]]
    rows: Rows = field(default_factory=dict)


def pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _fallback_generation(person: Person, today: datetime.date) -> int:
    """Where someone stands without parent relations: children below, parents above."""
    if person.kind == PersonKind.CHILD:
        return 2
    if person.kind == PersonKind.RELATIVE:
        age = person.age_on(today)
        if age is not None and age >= 55:
            return 0
        if age is not None and age < 25:
            return 2
    return 1


def _generation_edges(relations: Sequence[Relation]) -> dict[int, list[tuple[int, int]]]:
    """Per person: (other, generations down to them) for every parent, partner, sibling."""
    edges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in relations:
        a, b = r.from_person_id, r.to_person_id
        if r.kind == RelationKind.PARENT_OF:
            edges[a].append((b, 1))
            edges[b].append((a, -1))
        elif r.kind in PARTNER_KINDS or r.kind == RelationKind.SIBLING:
            edges[a].append((b, 0))
            edges[b].append((a, 0))
    return edges


def _anchor_priority(person: Person) -> tuple[int, int]:
    if person.is_index_child:
        return (0, 0)
    order: dict[str, int] = {PersonKind.CHILD: 1, PersonKind.PARENT: 2, PersonKind.RELATIVE: 3}
    return (order.get(person.kind, 4), 0)


def _generations(
    people: Sequence[Person],
    relations: Sequence[Relation],
    today: datetime.date,
) -> dict[int, int]:
    """Generation per person id: one more than their parents, equal to partners and
    siblings; each connected family anchored on the child (or else its own fallback)."""
    edges = _generation_edges(relations)
    generation: dict[int, int] = {}
    for anchor in sorted(people, key=_anchor_priority):
        if anchor.pk in generation:
            continue
        found = {anchor.pk: 0}
        queue = deque([anchor.pk])
        while queue:
            current = queue.popleft()
            for other, delta in edges[current]:
                if other not in found:
                    found[other] = found[current] + delta
                    queue.append(other)
        shift = _fallback_generation(anchor, today)
        for pk, offset in found.items():
            generation[pk] = offset + shift
    low = min(generation.values(), default=0)
    return {pk: gen - low for pk, gen in generation.items()}


def _couples(
    relations: Sequence[Relation], order: dict[int, int]
) -> tuple[dict[Pair, str], dict[int, list[int]]]:
    """The partner relation per couple and the parents per child (in family order); two
    parents of one child count as a couple even without a recorded relation."""
    partners: dict[Pair, str] = {}
    parents: dict[int, list[int]] = defaultdict(list)
    for r in relations:
        key = pair(r.from_person_id, r.to_person_id)
        if r.kind in PARTNER_KINDS:
            known = partners.get(key)
            if known is None or PARTNER_PRIORITY[r.kind] < PARTNER_PRIORITY[known]:
                partners[key] = r.kind
        elif r.kind == RelationKind.PARENT_OF and r.from_person_id not in parents[r.to_person_id]:
            parents[r.to_person_id].append(r.from_person_id)
    for theirs in parents.values():
        theirs.sort(key=lambda pk: order[pk])
        if len(theirs) >= 2:
            key = pair(theirs[0], theirs[1])
            partners.setdefault(key, "")  # two parents, their relation not recorded
    return partners, parents


def _children(parents: dict[int, list[int]]) -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for child, theirs in parents.items():
        for parent in theirs:
            children[parent].append(child)
    return children


def _component(start: int, neighbours: dict[int, list[int]], seen: set[int]) -> list[int]:
    """Everyone linked to `start` by partner relations, marked as seen."""
    component, stack = [], [start]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        component.append(current)
        stack.extend(neighbours[current])
    return component


def _chain(component: list[int], neighbours: dict[int, list[int]]) -> list[int]:
    """A chain of partners in order, from one end, so each stands next to their partner."""
    ends = [p for p in component if len(neighbours[p]) <= 1] or component
    start = ends[0]
    ordered, visited, queue = [], {start}, deque([start])
    while queue:
        current = queue.popleft()
        ordered.append(current)
        for other in neighbours[current]:
            if other not in visited:
                visited.add(other)
                queue.append(other)
    return ordered


def _units(ids: list[int], partners: dict[Pair, str], gender: dict[int, str]) -> list[list[int]]:
    """Couples (and chains of partners) in one row, kept side by side; a man left of a
    woman by convention."""
    in_row = set(ids)
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in partners:
        if a in in_row and b in in_row:
            neighbours[a].append(b)
            neighbours[b].append(a)
    seen: set[int] = set()
    units = []
    for pk in ids:
        if pk in seen:
            continue
        component = _component(pk, neighbours, seen)
        if len(component) == 2:
            a, b = component
            if gender.get(b) == Gender.MALE and gender.get(a) != Gender.MALE:
                component = [b, a]
        elif len(component) > 2:
            component = _chain(component, neighbours)
        units.append(component)
    return units


def _positions(rows: Rows) -> dict[int, float]:
    """Everyone's slot in their row, as the rows are ordered now."""
    pos: dict[int, float] = {}
    for units in rows.values():
        slot = 0
        for unit in units:
            for pk in unit:
                pos[pk] = float(slot)
                slot += 1
    return pos


def _reorder(rows: Rows, gen: int, related: dict[int, list[int]]) -> None:
    """Order one row by where the people its members are related to stand (their
    parents, or their children), turning a couple round when that uncrosses their lines."""
    pos = _positions(rows)

    def key(unit: list[int]) -> float:
        linked = [pos[o] for pk in unit for o in related.get(pk, []) if o in pos]
        if linked:
            return sum(linked) / len(linked)
        return sum(pos[pk] for pk in unit) / len(unit)

    for unit in rows[gen]:
        if len(unit) == 2:
            left = [pos[o] for o in related.get(unit[0], []) if o in pos]
            right = [pos[o] for o in related.get(unit[1], []) if o in pos]
            if left and right and sum(left) / len(left) > sum(right) / len(right):
                unit.reverse()
    rows[gen].sort(key=key)


def _untangle(
    rows: Rows, depth: int, parents: dict[int, list[int]], children: dict[int, list[int]]
) -> None:
    """Sweep down (by parents) and up (by children) twice, then down once more."""
    for _sweep in range(2):
        for gen in range(1, depth + 1):
            _reorder(rows, gen, parents)
        for gen in range(depth - 1, -1, -1):
            _reorder(rows, gen, children)
    for gen in range(1, depth + 1):
        _reorder(rows, gen, parents)


def _place_row(units: list[list[int]], children: dict[int, list[int]], x: dict[int, float]) -> None:
    """Give one row its x positions: each unit centred above its children where it has
    them (placed already), never overlapping the unit left of it."""
    wanted: list[float | None] = []
    for unit in units:
        below = [x[c] for pk in unit for c in children.get(pk, []) if c in x]
        wanted.append(sum(below) / len(below) if below else None)
    widths = [(len(unit) - 1) * SLOT for unit in units]
    first = next((i for i, w in enumerate(wanted) if w is not None), None)
    if first is None:
        cursor = 0.0
    else:
        start = wanted[first] or 0.0
        cursor = start - widths[first] / 2 - sum(w + SLOT + UNIT_GAP for w in widths[:first])
    for unit, width, want in zip(units, widths, wanted, strict=True):
        left = cursor if want is None else max(cursor, want - width / 2)
        for index, pk in enumerate(unit):
            x[pk] = left + index * SLOT
        cursor = left + width + SLOT + UNIT_GAP


def layout(people: Sequence[Person], relations: Sequence[Relation], today: datetime.date) -> Layout:
    """Everyone's generation and x position, the couples and the parents of each child."""
    generation = _generations(people, relations, today)
    gender = {p.pk: p.gender for p in people}
    order = {p.pk: index for index, p in enumerate(people)}
    partners, parents = _couples(relations, order)
    children = _children(parents)

    depth = max(generation.values(), default=0)
    rows: Rows = {}
    for gen in range(depth + 1):
        ids = sorted((pk for pk, g in generation.items() if g == gen), key=lambda pk: order[pk])
        rows[gen] = _units(ids, partners, gender)
    _untangle(rows, depth, parents, children)

    # Place rows bottom-up: parents centred above their children, nobody overlapping.
    x: dict[int, float] = {}
    for gen in range(depth, -1, -1):
        _place_row(rows[gen], children, x)
    if x:
        low = min(x.values())
        x = {pk: value - low + SIDE for pk, value in x.items()}
    return Layout(generation=generation, x=x, partners=partners, parents=parents, rows=rows)
