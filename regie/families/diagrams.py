"""The genogram and sociogram of a family, drawn as server-rendered SVG (R7).

Pure functions: they take the family's persons and relations (as the step-1 page already
loads them) and return SVG markup plus the same facts as table rows, the text alternative
for screen readers. Every text that goes into the SVG is escaped first; only then is the
whole marked safe. Styling uses SVG presentation attributes (fill, stroke), which the
Content-Security-Policy allows, never inline style.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Gender, Person, PersonKind, Relation, RelationKind

INK = "#1f2933"
MUTED = "#5b6673"
CONFLICT = "#b3261e"
CLOSE = "#1d6b2f"
HOUSEHOLD = "#dde7f3"
RING = "#c3ccd8"
FONT = 'font-family="system-ui, sans-serif"'
# A white edge around text keeps it readable where a line runs behind it.
HALO = 'paint-order="stroke" stroke="#ffffff" stroke-width="4" stroke-linejoin="round"'

PARTNER_KINDS = (
    RelationKind.MARRIED,
    RelationKind.COHABITING,
    RelationKind.SEPARATED,
    RelationKind.DIVORCED,
)
# When two people have several partner relations recorded, the ending one wins.
PARTNER_PRIORITY = {
    RelationKind.DIVORCED: 0,
    RelationKind.SEPARATED: 1,
    RelationKind.MARRIED: 2,
    RelationKind.COHABITING: 3,
}
FAMILY_KINDS = (*PARTNER_KINDS, RelationKind.PARENT_OF, RelationKind.SIBLING)

# Genogram geometry (SVG user units).
HALF = 20  # half a symbol
SLOT = 176  # distance between two people in a row: a free lane between two names
UNIT_GAP = 30  # extra space between couples or singles
ROW = 160  # distance between generations
TOP = 60
SIDE = 100
NAME_CHARS = 18
FONT_SIZE = 13
LINE_HEIGHT = 15
CHAR_WIDTH = 0.6  # of the font size: a generous estimate of an average character
LABEL_DROP = HALF + 24  # from a symbol's centre to the baseline of the name under it
# Emotional ties run along a row this far under (or over) the centres: clear of the
# partner line, the children's bars and the names.
TIE_TRACKS = (12.0, -12.0, 20.0, -22.0)
LANE_CLEARANCE = 10  # between a line routed past a name and the name's box


def _e(text: object) -> str:
    return str(escape(str(text)))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Split `text` over at most `lines` lines of about `width` characters."""
    words, out, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], _short(" ".join(out[lines - 1 :]), width)]
    return [_short(line, width + 2) for line in out]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _age_text(person: Person, today: datetime.date) -> str:
    if person.deceased:
        return _("overleden")
    age = person.age_on(today)
    return "" if age is None else _("%(age)s jaar") % {"age": age}


def _gender_text(person: Person) -> str:
    return str(Gender(person.gender).label) if person.gender in Gender.values else ""


# ---- Symbols -------------------------------------------------------------------------------


def _shape(gender: str, x: float, y: float, half: float, attrs: str) -> str:
    """Square for a man, circle for a woman, diamond for other or unknown."""
    if gender == Gender.MALE:
        side = 2 * half
        return (
            f'<rect class="shape" x="{_num(x - half)}" y="{_num(y - half)}" '
            f'width="{_num(side)}" height="{_num(side)}" {attrs}/>'
        )
    if gender == Gender.FEMALE:
        return f'<circle class="shape" cx="{_num(x)}" cy="{_num(y)}" r="{_num(half)}" {attrs}/>'
    d = half * 1.15
    corners = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    points = " ".join(f"{_num(cx)},{_num(cy)}" for cx, cy in corners)
    return f'<polygon class="shape" points="{points}" {attrs}/>'


def _symbol(person: Person, x: float, y: float, half: float = HALF) -> str:
    fill = HOUSEHOLD if person.in_household else "#ffffff"
    parts = [_shape(person.gender, x, y, half, f'fill="{fill}" stroke="{INK}" stroke-width="2"')]
    if person.is_index_child:
        parts.append(
            _shape(
                person.gender,
                x,
                y,
                half + 5,
                f'class="index-outline" fill="none" stroke="{INK}" stroke-width="2"',
            ).replace('class="shape" ', "")
        )
    if person.deceased:
        h = half * (0.8 if person.gender != Gender.MALE else 1)
        parts.append(
            f'<path class="deceased-cross" d="M{_num(x - h)} {_num(y - h)}L{_num(x + h)} '
            f'{_num(y + h)}M{_num(x + h)} {_num(y - h)}L{_num(x - h)} {_num(y + h)}" '
            f'stroke="{INK}" stroke-width="2"/>'
        )
    classes = " ".join(
        name
        for name, on in (
            ("person", True),
            (person.gender if person.gender in Gender.values else Gender.OTHER, True),
            ("index-child", person.is_index_child),
            ("deceased", person.deceased),
        )
        if on
    )
    return (
        f'<g class="{classes}" data-person="{_e(person.public_id)}" data-x="{_num(x)}" '
        f'data-y="{_num(y)}">{"".join(parts)}</g>'
    )


def _label(x: float, y: float, lines: Sequence[tuple[str, str]]) -> str:
    """Centered lines of text under a symbol: (text, kind) with kind "name" or "meta"."""
    out = []
    for index, (text, kind) in enumerate(lines):
        if not text:
            continue
        weight = ' font-weight="600"' if kind == "name" else ""
        colour = INK if kind == "name" else MUTED
        out.append(
            f'<text x="{_num(x)}" y="{_num(y + LINE_HEIGHT * index)}" text-anchor="middle" '
            f'font-size="{FONT_SIZE}"{weight} fill="{colour}" {HALO} {FONT}>{_e(text)}</text>'
        )
    return "".join(out)


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


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def _label_box(x: float, baseline: float, lines: Sequence[str]) -> Box:
    """The room the lines of `_label` take, with the white halo around them."""
    shown = [line for line in lines if line]
    half = max((text_width(line) for line in shown), default=0) / 2 + 2
    bottom = baseline + LINE_HEIGHT * (max(len(shown), 1) - 1) + FONT_SIZE * 0.3 + 2
    return Box(x - half, baseline - FONT_SIZE - 2, x + half, bottom)


def _lane(x_from: float, x_to: float, y1: float, y2: float, obstacles: Sequence[Box]) -> float:
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


def _line(x1: float, y1: float, x2: float, y2: float, extra: str = "") -> str:
    return (
        f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
        f'stroke="{INK}" stroke-width="2"{extra}/>'
    )


Point = tuple[float, float]


def _path_d(points: Sequence[Point]) -> str:
    return "".join(
        f"{'M' if index == 0 else 'L'}{_num(x)} {_num(y)}" for index, (x, y) in enumerate(points)
    )


def _zigzag(points: Sequence[Point]) -> str:
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
        f'<path class="conflict" d="{_path_d(out)}" fill="none" stroke="{CONFLICT}" '
        f'stroke-width="2"/>'
    )


def _close_lines(points: Sequence[Point], count: int) -> str:
    """Two (close) or three (very close) thin green lines side by side along a route: a
    wide green stroke with a white one over it, so the lines stay parallel round corners."""
    d = _path_d(points)
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
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{_num(width)}" '
        f'stroke-linejoin="miter"/>'
        for width, colour in widths
    )
    return f'<g class="close" data-count="{count}">{paths}</g>'


def _slashes(x: float, y: float, count: int) -> str:
    out = []
    for index in range(count):
        sx = x - 6 * (count - 1) / 2 + 6 * index
        out.append(_line(sx - 5, y + 9, sx + 5, y - 9))
    return f'<g class="slashes" data-count="{count}">{"".join(out)}</g>'


def _partner_line(kind: str, x1: float, x2: float, y: float, slash_x: float | None = None) -> str:
    """Married solid, cohabiting dashed, separated one slash, divorced two slashes; the
    slashes sit left of the middle, where the children's line hangs."""
    extra = ""
    if kind == RelationKind.COHABITING:
        extra = ' stroke-dasharray="7 5"'
    elif kind == "":
        extra = ' stroke-dasharray="2 4" stroke-opacity="0.7"'
    body = _line(x1, y, x2, y, extra)
    at = (x1 + x2) / 2 - 16 if slash_x is None else slash_x
    if kind == RelationKind.DIVORCED:
        body += _slashes(at, y, 2)
    elif kind == RelationKind.SEPARATED:
        body += _slashes(at, y, 1)
    return f'<g class="partner {kind or "unknown"}">{body}</g>'


def _svg(width: float, height: float, name: str, title: str, desc: str, body: str) -> SafeString:
    # Wider than a phone can show readably: on a phone it keeps its size and scrolls sideways.
    wide = " wide" if width > 520 else ""
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{name}{wide}" role="img" '
        f'aria-labelledby="{name}-title {name}-desc" width="{_num(width)}" '
        f'height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}">'
        f'<title id="{name}-title">{_e(title)}</title><desc id="{name}-desc">{_e(desc)}</desc>'
        f"{body}</svg>"
    )
    # Safe: every text and attribute value above went through escape(); the rest is our
    # own markup.
    return mark_safe(markup)  # noqa: S308  # nosec B308, B703


# ---- Genogram ------------------------------------------------------------------------------


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


@dataclass
class _Layout:
    generation: dict[int, int]
    x: dict[int, float]
    partners: dict[tuple[int, int], str]
    parents: dict[int, list[int]]
    rows: dict[int, list[list[int]]] = field(default_factory=dict)


def _pair(a: int, b: int) -> tuple[int, int]:
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


def _generations(
    people: Sequence[Person],
    relations: Sequence[Relation],
    today: datetime.date,
) -> dict[int, int]:
    """Generation per person id: one more than their parents, equal to partners and
    siblings; each connected family anchored on the child (or else its own fallback)."""
    edges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r in relations:
        a, b = r.from_person_id, r.to_person_id
        if r.kind == RelationKind.PARENT_OF:
            edges[a].append((b, 1))
            edges[b].append((a, -1))
        elif r.kind in PARTNER_KINDS or r.kind == RelationKind.SIBLING:
            edges[a].append((b, 0))
            edges[b].append((a, 0))

    def priority(person: Person) -> tuple[int, int]:
        if person.is_index_child:
            return (0, 0)
        order: dict[str, int] = {PersonKind.CHILD: 1, PersonKind.PARENT: 2, PersonKind.RELATIVE: 3}
        return (order.get(person.kind, 4), 0)

    generation: dict[int, int] = {}
    for anchor in sorted(people, key=priority):
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


def _units(
    ids: list[int], partners: dict[tuple[int, int], str], gender: dict[int, str]
) -> list[list[int]]:
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
        component, stack = [], [pk]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            component.append(current)
            stack.extend(neighbours[current])
        if len(component) == 2:
            a, b = component
            if gender.get(b) == Gender.MALE and gender.get(a) != Gender.MALE:
                component = [b, a]
        elif len(component) > 2:
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
            component = ordered
        units.append(component)
    return units


def _layout(
    people: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> _Layout:
    generation = _generations(people, relations, today)
    gender = {p.pk: p.gender for p in people}
    order = {p.pk: index for index, p in enumerate(people)}

    partners: dict[tuple[int, int], str] = {}
    parents: dict[int, list[int]] = defaultdict(list)
    for r in relations:
        key = _pair(r.from_person_id, r.to_person_id)
        if r.kind in PARTNER_KINDS:
            known = partners.get(key)
            if known is None or PARTNER_PRIORITY[r.kind] < PARTNER_PRIORITY[known]:  # type: ignore[index]
                partners[key] = r.kind
        elif r.kind == RelationKind.PARENT_OF and r.from_person_id not in parents[r.to_person_id]:
            parents[r.to_person_id].append(r.from_person_id)
    for theirs in parents.values():
        theirs.sort(key=lambda pk: order[pk])
        if len(theirs) >= 2:
            key = _pair(theirs[0], theirs[1])
            partners.setdefault(key, "")  # two parents, their relation not recorded

    children: dict[int, list[int]] = defaultdict(list)
    for child, theirs in parents.items():
        for parent in theirs:
            children[parent].append(child)

    depth = max(generation.values(), default=0)
    rows: dict[int, list[list[int]]] = {}
    for gen in range(depth + 1):
        ids = sorted((pk for pk, g in generation.items() if g == gen), key=lambda pk: order[pk])
        rows[gen] = _units(ids, partners, gender)

    def positions() -> dict[int, float]:
        pos: dict[int, float] = {}
        for units in rows.values():
            slot = 0
            for unit in units:
                for pk in unit:
                    pos[pk] = float(slot)
                    slot += 1
        return pos

    def reorder(gen: int, related: dict[int, list[int]]) -> None:
        pos = positions()

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

    for _sweep in range(2):
        for gen in range(1, depth + 1):
            reorder(gen, parents)
        for gen in range(depth - 1, -1, -1):
            reorder(gen, children)
    for gen in range(1, depth + 1):
        reorder(gen, parents)

    # Place rows bottom-up: parents centred above their children, nobody overlapping.
    x: dict[int, float] = {}
    for gen in range(depth, -1, -1):
        units = rows[gen]
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
    if x:
        low = min(x.values())
        x = {pk: value - low + SIDE for pk, value in x.items()}
    return _Layout(generation=generation, x=x, partners=partners, parents=parents, rows=rows)


def _genogram_people(persons: Sequence[Person], relations: Sequence[Relation]) -> list[Person]:
    """Everyone in the family; network members only when tied by family relations."""
    tied = {
        pk for r in relations if r.kind in FAMILY_KINDS for pk in (r.from_person_id, r.to_person_id)
    }
    return [p for p in persons if p.kind != PersonKind.NETWORK or p.pk in tied]


def _legend(width: float, top: float) -> tuple[str, float]:
    y0 = 0.0

    def sample(kind: str) -> str:
        if kind in (Gender.MALE, Gender.FEMALE, Gender.OTHER):
            return _shape(kind, 12, y0, 9, f'fill="#ffffff" stroke="{INK}" stroke-width="2"')
        if kind == "deceased":
            return _shape(
                Gender.MALE, 12, y0, 9, f'fill="#ffffff" stroke="{INK}" stroke-width="2"'
            ) + (
                f'<path d="M3 {_num(y0 - 9)}L21 {_num(y0 + 9)}M21 {_num(y0 - 9)}L3 {_num(y0 + 9)}" '
                f'stroke="{INK}" stroke-width="2"/>'
            )
        if kind == "index":
            return _shape(
                Gender.FEMALE, 12, y0, 8, f'fill="#ffffff" stroke="{INK}" stroke-width="2"'
            ) + _shape(Gender.FEMALE, 12, y0, 12, f'fill="none" stroke="{INK}" stroke-width="2"')
        if kind == "household":
            return _shape(
                Gender.FEMALE, 12, y0, 9, f'fill="{HOUSEHOLD}" stroke="{INK}" stroke-width="2"'
            )
        if kind == "conflict":
            return _zigzag([(0, y0), (28, y0)])
        if kind == "close":
            return _close_lines([(0, y0), (28, y0)], 2)
        return _partner_line(kind, 0, 28, y0, slash_x=14)

    items = [
        (Gender.MALE, _("man")),
        (Gender.FEMALE, _("vrouw")),
        (Gender.OTHER, _("anders of onbekend")),
        ("deceased", _("overleden")),
        ("index", _("kind om wie het gaat")),
        ("household", _("woont in het gezin")),
        (RelationKind.MARRIED, _("getrouwd")),
        (RelationKind.COHABITING, _("samenwonend")),
        (RelationKind.DIVORCED, _("gescheiden")),
        (RelationKind.SEPARATED, _("uit elkaar")),
        ("conflict", _("spanning of conflict")),
        ("close", _("dichtbij")),
    ]
    column = 200
    columns = max(1, int((width - 2 * 20) // column))
    title = _e(_("Legenda"))  # outside the f-string, where makemessages finds it
    out = [
        f'<g class="legend"><text x="20" y="{_num(top)}" font-size="13" font-weight="600" '
        f'fill="{INK}" {FONT}>{title}</text>'
    ]
    for index, (kind, text) in enumerate(items):
        cx = 20 + (index % columns) * column
        cy = top + 24 + (index // columns) * 28
        # Samples are drawn around y=0 and moved into place.
        out.append(
            f'<g transform="translate({_num(cx)} {_num(cy)})">{sample(kind)}'
            f'<text x="38" y="5" font-size="13" fill="{INK}" {FONT}>{_e(text)}</text></g>'
        )
    out.append("</g>")
    rows = math.ceil(len(items) / columns)
    return "".join(out), 24 + rows * 28


def genogram_svg(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> SafeString:
    """The genogram as SVG: symbols per person in generation rows, partner lines, children
    hanging from their parents, tension and closeness (R7). Every name sits under its
    symbol, and no line crosses a name: lines between generations run in the free lanes
    between the names."""
    people = _genogram_people(persons, relations)
    ids = {p.pk for p in people}
    ties = [r for r in relations if r.from_person_id in ids and r.to_person_id in ids]
    layout = _layout(people, ties, today)
    by_pk = {p.pk: p for p in people}
    depth = max(layout.generation.values(), default=0)

    def y_of(pk: int) -> float:
        return TOP + layout.generation[pk] * ROW

    texts = {p.pk: [_short(p.full_name, NAME_CHARS), _age_text(p, today)] for p in people}
    names = {
        pk: _label_box(layout.x[pk], y_of(pk) + LABEL_DROP, lines) for pk, lines in texts.items()
    }
    symbols_room = {
        pk: Box(
            layout.x[pk] - HALF - 6,
            y_of(pk) - HALF - 6,
            layout.x[pk] + HALF + 6,
            y_of(pk) + HALF + 6,
        )
        for pk in ids
    }
    obstacles = [*names.values(), *symbols_room.values()]

    taken: list[Box] = []  # vertical lines drawn so far: a new lane keeps its distance
    tracks: dict[int, int] = defaultdict(int)  # ties running along each row so far

    def take_vertical(x: float, y1: float, y2: float) -> None:
        taken.append(Box(x - 4, min(y1, y2), x + 4, max(y1, y2)))

    def track(pk: int, drop: float | None) -> float:
        """How far under (or over) the centres a tie runs along someone's row: each next
        tie in a row gets its own track, all clear of the partner line and the names."""
        if drop is not None:
            return drop
        gen = layout.generation[pk]
        tracks[gen] += 1
        return TIE_TRACKS[(tracks[gen] - 1) % len(TIE_TRACKS)]

    def route(a: int, b: int, drop: float | None = None) -> list[Point]:
        """From beside a's symbol to beside b's: straight within a row; between rows
        sideways to a free lane, along it, and sideways again."""
        upper, lower = (a, b) if y_of(a) <= y_of(b) else (b, a)
        xu, yu = layout.x[upper], y_of(upper) + track(upper, drop)
        if layout.generation[upper] == layout.generation[lower]:
            left, right = sorted((xu, layout.x[lower]))
            return [(left + HALF + 2, yu), (right - HALF - 2, yu)]
        xl, yl = layout.x[lower], y_of(lower) + track(lower, drop)
        others = [b for b in obstacles if b not in (symbols_room[upper], symbols_room[lower])]
        lane = _lane(xu, xl, yu, yl, [*others, *taken])
        take_vertical(lane, yu, yl)
        start = xu + (HALF + 2) * (1 if lane >= xu else -1)
        end = xl + (HALF + 2) * (1 if lane >= xl else -1)
        return [(start, yu), (lane, yu), (lane, yl), (end, yl)]

    under: list[str] = []  # closeness and conflict lines, under the symbols
    lines: list[str] = []
    drawn_x: list[float] = [*layout.x.values()]

    # Children hang from their parents' couple line (or from under a single parent's name).
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for child, theirs in layout.parents.items():
        if child in ids:
            groups[tuple(theirs[:2])].append(child)
    bars_in_row: dict[int, int] = defaultdict(int)
    for parent_ids, kids in sorted(groups.items()):
        kids.sort(key=lambda pk: layout.x[pk])
        if (
            len(parent_ids) == 2
            and layout.generation[parent_ids[0]] == layout.generation[parent_ids[1]]
        ):
            ox = (layout.x[parent_ids[0]] + layout.x[parent_ids[1]]) / 2
            oy = y_of(parent_ids[0])
        else:
            ox, oy = layout.x[parent_ids[0]], names[parent_ids[0]].bottom + 10
        child_gen = layout.generation[kids[0]]
        bar_y: float = TOP + child_gen * ROW - HALF - 26 - 7 * (bars_in_row[child_gen] % 3)
        bars_in_row[child_gen] += 1
        xs = [layout.x[k] for k in kids]
        parts = [
            _line(ox, oy, ox, bar_y),
            _line(min([*xs, ox]), bar_y, max([*xs, ox]), bar_y),
        ]
        take_vertical(ox, oy, bar_y)
        for kid in kids:
            top = y_of(kid) - HALF - (7 if by_pk[kid].gender == Gender.OTHER else 0)
            top -= 5 if by_pk[kid].is_index_child else 0
            parts.append(_line(layout.x[kid], bar_y, layout.x[kid], top))
            take_vertical(layout.x[kid], bar_y, top)
        lines.append(f'<g class="descent">{"".join(parts)}</g>')

    # Siblings without recorded parents in common: a sibling bar above them.
    for r in ties:
        if r.kind != RelationKind.SIBLING:
            continue
        a, b = r.from_person_id, r.to_person_id
        shared = set(layout.parents.get(a, [])) & set(layout.parents.get(b, []))
        if shared or layout.generation[a] != layout.generation[b]:
            continue
        bar_y = y_of(a) - HALF - 20
        lines.append(
            '<g class="sibling">'
            + _line(layout.x[a], y_of(a) - HALF, layout.x[a], bar_y)
            + _line(layout.x[a], bar_y, layout.x[b], bar_y)
            + _line(layout.x[b], bar_y, layout.x[b], y_of(b) - HALF)
            + "</g>"
        )

    for (a, b), kind in layout.partners.items():
        if a not in ids or b not in ids:
            continue
        left, right = (a, b) if layout.x[a] <= layout.x[b] else (b, a)
        if layout.generation[a] == layout.generation[b]:
            lines.append(
                _partner_line(kind, layout.x[left] + HALF, layout.x[right] - HALF, y_of(a))
            )
        else:
            points = route(a, b, 0.0)
            drawn_x.extend(x for x, _y in points)
            lines.append(
                f'<g class="partner {kind or "unknown"}"><path d="{_path_d(points)}" '
                f'fill="none" stroke="{INK}" stroke-width="2"/></g>'
            )

    # Emotional ties: the closest recorded closeness per pair, and any tension.
    closeness: dict[tuple[int, int], int] = {}
    conflict: set[tuple[int, int]] = set()
    for r in ties:
        key = _pair(r.from_person_id, r.to_person_id)
        if r.conflict:
            conflict.add(key)
        if r.closeness and r.closeness >= 3:
            closeness[key] = max(closeness.get(key, 0), r.closeness)
    # Closeness first, tension over it: a white middle never cuts into a red zigzag.
    for (a, b), level in sorted(closeness.items()):
        if (a, b) not in conflict:
            points = route(a, b)
            drawn_x.extend(x for x, _y in points)
            under.append(_close_lines(points, 3 if level >= 4 else 2))
    for a, b in sorted(conflict):
        points = route(a, b)
        drawn_x.extend(x for x, _y in points)
        under.append(_zigzag(points))

    symbols = []
    for person in people:
        x, y = layout.x[person.pk], y_of(person.pk)
        symbols.append(_symbol(person, x, y))
        name, age = texts[person.pk]
        symbols.append(_label(x, y + LABEL_DROP, [(name, "name"), (age, "meta")]))

    width = max([*(v + SIDE for v in drawn_x), 2 * SIDE + 440.0])
    legend_top = TOP + depth * ROW + 90
    legend, legend_height = _legend(width, legend_top)
    height = legend_top + legend_height + 10
    title = _("Genogram: %(count)s personen en hun familierelaties") % {"count": len(people)}
    desc = _("Dezelfde gegevens staan in de tabel 'Genogram als tabel' onder de tekening.")
    body = "".join(under) + "".join(lines) + "".join(symbols) + legend
    return _svg(width, height, "genogram", title, desc, body)


def _closeness_label(value: int | None) -> str:
    labels = dict(Relation._meta.get_field("closeness").choices or [])
    return str(labels.get(value, "")) if value else ""


def genogram_table(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> tuple[list[PersonRow], list[RelationRow]]:
    """The genogram as rows: the people, then the relations between them."""
    people_rows = []
    for person in _genogram_people(persons, relations):
        notes = []
        if person.is_index_child:
            notes.append(_("kind om wie het gaat"))
        if person.deceased:
            notes.append(_("overleden"))
        if person.in_household:
            notes.append(_("woont in het gezin"))
        who = person.get_kind_display()
        if person.description:
            who = f"{who} ({person.description})"
        age = person.age_on(today)
        people_rows.append(
            PersonRow(
                name=person.full_name,
                who=str(who),
                gender=_gender_text(person),
                age="" if age is None or person.deceased else str(age),
                notes=notes,
            )
        )
    return people_rows, [_relation_row(r) for r in relations]


def _relation_row(r: Relation) -> RelationRow:
    return RelationRow(
        from_name=r.from_person.full_name,
        kind=str(r.get_kind_display()),
        to_name=r.to_person.full_name,
        closeness=_closeness_label(r.closeness),
        conflict=r.conflict,
        can_help_with=r.can_help_with,
    )


def genogram(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> Genogram:
    people_rows, relation_rows = genogram_table(persons, relations, today)
    return Genogram(
        svg=genogram_svg(persons, relations, today), people=people_rows, relations=relation_rows
    )


# ---- Sociogram -----------------------------------------------------------------------------


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


RING_BASE = {4: 80, 3: 150, 2: 220, 1: 290}
RING_TURN = {4: 0.6, 3: 0.2, 2: -0.25, 1: 0.4}  # so people on different rings don't line up
LABEL_ROOM = 120


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


def sociogram_table(
    persons: Sequence[Person], relations: Sequence[Relation]
) -> tuple[Person | None, list[SociogramRow]]:
    """Everyone living around the child with how close they are (4 = very close; without a
    recorded closeness: far) and what they can help with."""
    center = sociogram_center(persons)
    if center is None:
        return None, []
    best: dict[int, int] = {}
    helps: dict[int, list[str]] = defaultdict(list)
    tension: set[int] = set()
    for r in relations:
        if center.pk not in (r.from_person_id, r.to_person_id):
            # Help offered to someone else in the family helps the child too: the person
            # the tie starts from is the one who offers it ("Ans – buur – Sanne").
            if r.can_help_with and r.can_help_with not in helps[r.from_person_id]:
                helps[r.from_person_id].append(r.can_help_with)
            continue
        other = r.to_person_id if r.from_person_id == center.pk else r.from_person_id
        best[other] = max(best.get(other, 1), r.closeness or 1)
        if r.can_help_with and r.can_help_with not in helps[other]:
            helps[other].append(r.can_help_with)
        if r.conflict:
            tension.add(other)
    rows = []
    for person in persons:
        if person.pk == center.pk or person.deceased:
            continue
        level = best.get(person.pk, 1)
        who = person.get_kind_display()
        if person.description:
            who = f"{who} ({person.description})"
        rows.append(
            SociogramRow(
                name=person.full_name,
                who=str(who),
                closeness=level,
                closeness_label=_closeness_label(level),
                can_help_with="; ".join(helps[person.pk]),
                conflict=person.pk in tension,
            )
        )
    return center, rows


def sociogram_svg(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> SafeString:
    """Circles of closeness around the child (4 = inner ring … 1 = outer ring), each person
    on the ring of how close they are to the child, with what they can help with (R7)."""
    center, rows = sociogram_table(persons, relations)
    if center is None:
        return SafeString("")
    by_ring: dict[int, list[Person]] = defaultdict(list)
    others = [p for p in persons if p.pk != center.pk and not p.deceased]
    for person, row in zip(others, rows, strict=True):
        by_ring[row.closeness].append(person)
    row_of = {p.pk: row for p, row in zip(others, rows, strict=True)}

    radius: dict[int, float] = {}
    previous = 0.0
    for level in (4, 3, 2, 1):
        needed = len(by_ring[level]) * 130 / (2 * math.pi)
        radius[level] = max(RING_BASE[level], previous + 70, needed)
        previous = radius[level]
    outer = radius[1]
    size = 2 * (outer + LABEL_ROOM)
    cx = cy = size / 2

    rings, spokes, symbols = [], [], []
    for level in (1, 2, 3, 4):
        r = radius[level]
        rings.append(
            f'<circle class="ring ring-{level}" data-ring="{level}" cx="{_num(cx)}" '
            f'cy="{_num(cy)}" r="{_num(r)}" fill="none" stroke="{RING}" stroke-width="2"/>'
            f'<text x="{_num(cx)}" y="{_num(cy - r - 6)}" text-anchor="middle" font-size="12" '
            f'fill="{MUTED}" {FONT}>{_e(_closeness_label(level))}</text>'
        )
    for level in (4, 3, 2, 1):
        group = by_ring[level]
        count = len(group)
        for index, person in enumerate(group):
            angle = -math.pi / 2 + (2 * math.pi) * (index + 0.5) / count
            angle += RING_TURN[level]
            x = cx + radius[level] * math.cos(angle)
            y = cy + radius[level] * math.sin(angle)
            row = row_of[person.pk]
            extra = (
                f' stroke="{CONFLICT}" stroke-dasharray="6 4"'
                if row.conflict
                else f' stroke="{MUTED}"'
            )
            spokes.append(
                f'<line x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(x)}" y2="{_num(y)}" '
                f'stroke-width="{level}" stroke-opacity="0.6"{extra}/>'
            )
            lines = [(_short(person.full_name, NAME_CHARS), "name")]
            lines += [(text, "meta") for text in _wrap(row.can_help_with, 22, 2)]
            symbols.append(
                f'<g class="member" data-ring="{level}" data-x="{_num(x)}" data-y="{_num(y)}">'
                + _symbol(person, x, y, 14)
                + _label(x, y + 30, lines)
                + "</g>"
            )
    symbols.append(_symbol(center, cx, cy, 18))
    symbols.append(
        _label(
            cx,
            cy + 38,
            [(_short(center.full_name, NAME_CHARS), "name"), (_age_text(center, today), "meta")],
        )
    )
    title = _("Sociogram: wie staat dicht bij %(name)s") % {"name": center.full_name}
    desc = _("Dezelfde gegevens staan in de tabel 'Sociogram als tabel' onder de tekening.")
    body = "".join(rings) + "".join(spokes) + "".join(symbols)
    return _svg(size, size, "sociogram", title, desc, body)


def sociogram(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> Sociogram:
    center, rows = sociogram_table(persons, relations)
    return Sociogram(
        svg=sociogram_svg(persons, relations, today),
        center=center.full_name if center else "",
        rows=sorted(rows, key=lambda row: -row.closeness),
    )


def step_one_data(
    persons: Sequence[Person], relations: Sequence[Relation], today: datetime.date
) -> dict[str, Any]:
    """What the step-1 page shows of the network map: `genogram` and `sociogram`."""
    return {
        "genogram": genogram(persons, relations, today),
        "sociogram": sociogram(persons, relations, today),
    }
