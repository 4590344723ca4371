"""The genogram of a family as server-rendered SVG, with the same facts as table rows: the
text alternative for screen readers (R7).

Symbols per person in generation rows, partner lines, children hanging from their
parents, tension and closeness. Every name sits under its symbol, and no line crosses a
name: lines between generations run in the free lanes between the names."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from regie.families.models import Gender, Person, PersonKind, Relation, RelationKind

from .genogram_layout import FAMILY_KINDS, SIDE, Pair, layout, pair
from .genogram_legend import legend
from .genogram_routes import LABEL_DROP, ROW, TOP, Router
from .svg import INK, document, line, path_d, short
from .symbols import HALF, NAME_CHARS, label, symbol
from .texts import age_text, closeness_label, gender_text, who_text
from .ties import close_lines, partner_line, zigzag


@dataclass
class PersonRow:
    name: str
    who: str
    gender: str
    age: str
    notes: list[str]


@dataclass
class RelationRow:
    from_name: str
    kind: str
    to_name: str
    closeness: str
    conflict: bool
    can_help_with: str


@dataclass
class Genogram:
    svg: SafeString
    people: list[PersonRow]
    relations: list[RelationRow]


def _genogram_people(persons: Sequence[Person], relations: Sequence[Relation]) -> list[Person]:
    """Everyone in the family; network members only when tied by family relations."""
    tied = {
        pk for r in relations if r.kind in FAMILY_KINDS for pk in (r.from_person_id, r.to_person_id)
    }
    return [p for p in persons if p.kind != PersonKind.NETWORK or p.pk in tied]


# ---- The drawing ---------------------------------------------------------------------------


def _descent_group(
    router: Router,
    by_pk: dict[int, Person],
    parent_ids: tuple[int, ...],
    kids: list[int],
    bar_y: float,
) -> str:
    """One family's children on a bar, hanging from the middle of their parents' couple
    line (or from under a single parent's name)."""
    x, generation = router.layout.x, router.layout.generation
    first = parent_ids[0]
    if len(parent_ids) == 2 and generation[first] == generation[parent_ids[1]]:
        ox = (x[first] + x[parent_ids[1]]) / 2
        oy = router.y_of(first)
    else:
        ox, oy = x[first], router.names[first].bottom + 10
    xs = [x[k] for k in kids]
    parts = [
        line(ox, oy, ox, bar_y),
        line(min([*xs, ox]), bar_y, max([*xs, ox]), bar_y),
    ]
    router.take_vertical(ox, oy, bar_y)
    for kid in kids:
        top = router.y_of(kid) - HALF - (7 if by_pk[kid].gender == Gender.OTHER else 0)
        top -= 5 if by_pk[kid].is_index_child else 0
        parts.append(line(x[kid], bar_y, x[kid], top))
        router.take_vertical(x[kid], bar_y, top)
    return f'<g class="descent">{"".join(parts)}</g>'


def _descent(router: Router, by_pk: dict[int, Person]) -> list[str]:
    """Children hang from their parents' couple line (or from under a single parent's name)."""
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for child, theirs in router.layout.parents.items():
        if child in by_pk:
            groups[tuple(theirs[:2])].append(child)
    bars_in_row: dict[int, int] = defaultdict(int)
    out = []
    for parent_ids, kids in sorted(groups.items()):
        kids.sort(key=lambda pk: router.layout.x[pk])
        child_gen = router.layout.generation[kids[0]]
        # Several families in one row get bars at different heights, so they stay apart.
        bar_y: float = TOP + child_gen * ROW - HALF - 26 - 7 * (bars_in_row[child_gen] % 3)
        bars_in_row[child_gen] += 1
        out.append(_descent_group(router, by_pk, parent_ids, kids, bar_y))
    return out


def _siblings(router: Router, ties: Sequence[Relation]) -> list[str]:
    """Siblings without recorded parents in common: a sibling bar above them."""
    x, generation, parents = router.layout.x, router.layout.generation, router.layout.parents
    out = []
    for r in ties:
        if r.kind != RelationKind.SIBLING:
            continue
        a, b = r.from_person_id, r.to_person_id
        shared = set(parents.get(a, [])) & set(parents.get(b, []))
        if shared or generation[a] != generation[b]:
            continue
        bar_y = router.y_of(a) - HALF - 20
        out.append(
            '<g class="sibling">'
            + line(x[a], router.y_of(a) - HALF, x[a], bar_y)
            + line(x[a], bar_y, x[b], bar_y)
            + line(x[b], bar_y, x[b], router.y_of(b) - HALF)
            + "</g>"
        )
    return out


def _partners(router: Router, ids: set[int]) -> list[str]:
    """A partner line between a couple in one row; across rows it is routed like a tie."""
    x, generation = router.layout.x, router.layout.generation
    out = []
    for (a, b), kind in router.layout.partners.items():
        if a not in ids or b not in ids:
            continue
        left, right = (a, b) if x[a] <= x[b] else (b, a)
        if generation[a] == generation[b]:
            out.append(partner_line(kind, x[left] + HALF, x[right] - HALF, router.y_of(a)))
        else:
            points = router.route(a, b, 0.0)
            out.append(
                f'<g class="partner {kind or "unknown"}"><path d="{path_d(points)}" '
                f'fill="none" stroke="{INK}" stroke-width="2"/></g>'
            )
    return out


def _strongest_ties(ties: Sequence[Relation]) -> tuple[dict[Pair, int], set[Pair]]:
    """The closest recorded closeness per pair (3 and up), and the pairs with tension."""
    closeness: dict[Pair, int] = {}
    conflict: set[Pair] = set()
    for r in ties:
        key = pair(r.from_person_id, r.to_person_id)
        if r.conflict:
            conflict.add(key)
        if r.closeness and r.closeness >= 3:
            closeness[key] = max(closeness.get(key, 0), r.closeness)
    return closeness, conflict


def _emotional_ties(router: Router, ties: Sequence[Relation]) -> list[str]:
    closeness, conflict = _strongest_ties(ties)
    out = []
    # Closeness first, tension over it: a white middle never cuts into a red zigzag.
    for (a, b), level in sorted(closeness.items()):
        if (a, b) not in conflict:
            out.append(close_lines(router.route(a, b), 3 if level >= 4 else 2))
    for a, b in sorted(conflict):
        out.append(zigzag(router.route(a, b)))
    return out


def _symbols(router: Router, people: Sequence[Person], texts: dict[int, list[str]]) -> list[str]:
    out = []
    for person in people:
        x, y = router.layout.x[person.pk], router.y_of(person.pk)
        out.append(symbol(person, x, y))
        name, age = texts[person.pk]
        out.append(label(x, y + LABEL_DROP, [(name, "name"), (age, "meta")]))
    return out


def _document(router: Router, count: int, body: str) -> SafeString:
    """The drawing as wide as its lines reach, with the legend under the lowest row."""
    depth = max(router.layout.generation.values(), default=0)
    width = max([*(v + SIDE for v in router.drawn_x), 2 * SIDE + 440.0])
    legend_top = TOP + depth * ROW + 90
    legend_markup, legend_height = legend(width, legend_top)
    height = legend_top + legend_height + 10
    title = _("Genogram: %(count)s personen en hun familierelaties") % {"count": count}
    desc = _("Dezelfde gegevens staan in de tabel 'Genogram als tabel' onder de tekening.")
    return document(width, height, "genogram", title, desc, body + legend_markup)


def genogram_svg(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> SafeString:
    """The genogram as SVG (R7): lines first, then the symbols and names over them."""
    people = _genogram_people(persons, relations)
    ids = {p.pk for p in people}
    ties = [r for r in relations if r.from_person_id in ids and r.to_person_id in ids]
    texts = {p.pk: [short(p.full_name, NAME_CHARS), age_text(p, today)] for p in people}
    router = Router(layout(people, ties, today), texts, ids)
    # In this order: each line routed keeps the next one at a distance (see Router).
    lines = [
        *_descent(router, {p.pk: p for p in people}),
        *_siblings(router, ties),
        *_partners(router, ids),
    ]
    under = _emotional_ties(router, ties)  # closeness and tension, under the symbols
    symbols = _symbols(router, people, texts)
    return _document(router, len(people), "".join(under) + "".join(lines) + "".join(symbols))


# ---- The table -----------------------------------------------------------------------------


def _person_row(person: Person, today: datetime.date) -> PersonRow:
    notes = []
    if person.is_index_child:
        notes.append(_("kind om wie het gaat"))
    if person.deceased:
        notes.append(_("overleden"))
    if person.in_household:
        notes.append(_("woont in het gezin"))
    age = person.age_on(today)
    return PersonRow(
        name=person.full_name,
        who=who_text(person),
        gender=gender_text(person),
        age="" if age is None or person.deceased else str(age),
        notes=notes,
    )


def _relation_row(r: Relation) -> RelationRow:
    return RelationRow(
        from_name=r.from_person.full_name,
        kind=str(r.get_kind_display()),
        to_name=r.to_person.full_name,
        closeness=closeness_label(r.closeness),
        conflict=r.conflict,
        can_help_with=r.can_help_with,
    )


def genogram_table(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> tuple[list[PersonRow], list[RelationRow]]:
    """The genogram as rows: the people, then the relations between them."""
    people_rows = [_person_row(person, today) for person in _genogram_people(persons, relations)]
    return people_rows, [_relation_row(r) for r in relations]


def genogram(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> Genogram:
    people_rows, relation_rows = genogram_table(persons, relations, today)
    return Genogram(
        svg=genogram_svg(persons, relations, today), people=people_rows, relations=relation_rows
    )
