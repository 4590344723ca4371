"""The sociogram of a family as server-rendered SVG, with the same facts as table rows:
circles of closeness around the child, each person on the ring of how close they are to
the child, with what they can help with (R7)."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from regie.families.models import Person, PersonKind, Relation

from .svg import CONFLICT, FONT, MUTED, RING, document, esc, num, short, wrap
from .symbols import NAME_CHARS, label, symbol
from .texts import age_text, closeness_label, who_text

RING_BASE = {4: 80, 3: 150, 2: 220, 1: 290}
RING_TURN = {4: 0.6, 3: 0.2, 2: -0.25, 1: 0.4}  # so people on different rings don't line up
LABEL_ROOM = 120
LEVELS = (4, 3, 2, 1)  # 4 = very close, the inner ring


@dataclass
class SociogramRow:
    name: str
    who: str
    closeness: int
    closeness_label: str
    can_help_with: str
    conflict: bool


@dataclass
class Sociogram:
    svg: SafeString
    center: str
    rows: list[SociogramRow]


def sociogram_center(persons: Iterable[Person]) -> Person | None:
    """The child the sociogram is drawn around: the index child, or else the youngest."""
    children = [p for p in persons if p.kind == PersonKind.CHILD]
    for child in children:
        if child.is_index_child:
            return child
    if not children:
        return None
    dated = [c for c in children if c.birth_date is not None]
    if dated:
        return max(dated, key=lambda c: c.birth_date or datetime.date.min)
    return children[-1]


@dataclass
class _Ties:
    """What the relations say about everyone around the child, by person id."""

    best: dict[int, int]  # the closest recorded closeness to the child
    helps: dict[int, list[str]]
    tension: set[int]


def _ties_around(center: Person, relations: Sequence[Relation]) -> _Ties:
    ties = _Ties(best={}, helps=defaultdict(list), tension=set())
    for r in relations:
        if center.pk not in (r.from_person_id, r.to_person_id):
            # Help offered to someone else in the family helps the child too: the person
            # the tie starts from is the one who offers it ("Ans – buur – Sanne").
            if r.can_help_with and r.can_help_with not in ties.helps[r.from_person_id]:
                ties.helps[r.from_person_id].append(r.can_help_with)
            continue
        other = r.to_person_id if r.from_person_id == center.pk else r.from_person_id
        ties.best[other] = max(ties.best.get(other, 1), r.closeness or 1)
        if r.can_help_with and r.can_help_with not in ties.helps[other]:
            ties.helps[other].append(r.can_help_with)
        if r.conflict:
            ties.tension.add(other)
    return ties


def sociogram_table(
    persons: Sequence[Person], relations: Sequence[Relation]
) -> tuple[Person | None, list[SociogramRow]]:
    """Everyone living around the child with how close they are (4 = very close; without a
    recorded closeness: far) and what they can help with."""
    center = sociogram_center(persons)
    if center is None:
        return None, []
    ties = _ties_around(center, relations)
    rows = []
    for person in persons:
        if person.pk == center.pk or person.deceased:
            continue
        level = ties.best.get(person.pk, 1)
        rows.append(
            SociogramRow(
                name=person.full_name,
                who=who_text(person),
                closeness=level,
                closeness_label=closeness_label(level),
                can_help_with="; ".join(ties.helps[person.pk]),
                conflict=person.pk in ties.tension,
            )
        )
    return center, rows


Ring = list[tuple[Person, SociogramRow]]


def _radii(by_ring: dict[int, Ring]) -> dict[int, float]:
    """Each ring at least its base size, clear of the ring inside it, and long enough for
    the people on it."""
    radius: dict[int, float] = {}
    previous = 0.0
    for level in LEVELS:
        needed = len(by_ring[level]) * 130 / (2 * math.pi)
        radius[level] = max(RING_BASE[level], previous + 70, needed)
        previous = radius[level]
    return radius


def _rings(radius: dict[int, float], cx: float, cy: float) -> list[str]:
    """The circles, outer first, each named at its top."""
    out = []
    for level in reversed(LEVELS):
        r = radius[level]
        out.append(
            f'<circle class="ring ring-{level}" data-ring="{level}" cx="{num(cx)}" '
            f'cy="{num(cy)}" r="{num(r)}" fill="none" stroke="{RING}" stroke-width="2"/>'
            f'<text x="{num(cx)}" y="{num(cy - r - 6)}" text-anchor="middle" font-size="12" '
            f'fill="{MUTED}" {FONT}>{esc(closeness_label(level))}</text>'
        )
    return out


def _spoke(level: int, row: SociogramRow, cx: float, cy: float, x: float, y: float) -> str:
    """A line from the child, thicker the closer; red and dashed where there is tension."""
    extra = f' stroke="{CONFLICT}" stroke-dasharray="6 4"' if row.conflict else f' stroke="{MUTED}"'
    return (
        f'<line x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" y2="{num(y)}" '
        f'stroke-width="{level}" stroke-opacity="0.6"{extra}/>'
    )


def _member(person: Person, row: SociogramRow, level: int, x: float, y: float) -> str:
    """A person on their ring, with their name and what they can help with under it."""
    lines = [(short(person.full_name, NAME_CHARS), "name")]
    lines += [(text, "meta") for text in wrap(row.can_help_with, 22, 2)]
    return (
        f'<g class="member" data-ring="{level}" data-x="{num(x)}" data-y="{num(y)}">'
        + symbol(person, x, y, 14)
        + label(x, y + 30, lines)
        + "</g>"
    )


def _members(
    by_ring: dict[int, Ring], radius: dict[int, float], cx: float, cy: float
) -> tuple[list[str], list[str]]:
    """The spokes and the people, spread evenly round each ring."""
    spokes, members = [], []
    for level in LEVELS:
        group = by_ring[level]
        count = len(group)
        for index, (person, row) in enumerate(group):
            angle = -math.pi / 2 + (2 * math.pi) * (index + 0.5) / count
            angle += RING_TURN[level]
            x = cx + radius[level] * math.cos(angle)
            y = cy + radius[level] * math.sin(angle)
            spokes.append(_spoke(level, row, cx, cy, x, y))
            members.append(_member(person, row, level, x, y))
    return spokes, members


def sociogram_svg(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> SafeString:
    """Circles of closeness around the child (4 = inner ring … 1 = outer ring), each person
    on the ring of how close they are to the child, with what they can help with (R7)."""
    center, rows = sociogram_table(persons, relations)
    if center is None:
        return SafeString("")
    by_ring: dict[int, Ring] = defaultdict(list)
    others = [p for p in persons if p.pk != center.pk and not p.deceased]
    for person, row in zip(others, rows, strict=True):
        by_ring[row.closeness].append((person, row))
    radius = _radii(by_ring)
    size = 2 * (radius[1] + LABEL_ROOM)
    cx = cy = size / 2
    spokes, members = _members(by_ring, radius, cx, cy)
    middle = symbol(center, cx, cy, 18) + label(
        cx,
        cy + 38,
        [(short(center.full_name, NAME_CHARS), "name"), (age_text(center, today), "meta")],
    )
    title = _("Sociogram: wie staat dicht bij %(name)s") % {"name": center.full_name}
    desc = _("Dezelfde gegevens staan in de tabel 'Sociogram als tabel' onder de tekening.")
    body = "".join(_rings(radius, cx, cy)) + "".join(spokes) + "".join(members) + middle
    return document(size, size, "sociogram", title, desc, body)


def sociogram(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> Sociogram:
    center, rows = sociogram_table(persons, relations)
    return Sociogram(
        svg=sociogram_svg(persons, relations, today),
        center=center.full_name if center else "",
        rows=sorted(rows, key=lambda row: -row.closeness),
    )
