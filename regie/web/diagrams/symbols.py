"""A person as the genogram and the sociogram draw them: the standard symbol (square,
circle, diamond) with its marks, and the lines of text under it."""

from __future__ import annotations

from collections.abc import Sequence

from regie.families.models import Gender, Person

from .svg import FONT, HALO, HOUSEHOLD, INK, MUTED, esc, num

HALF = 20  # half a symbol
NAME_CHARS = 18
FONT_SIZE = 13
LINE_HEIGHT = 15
CHAR_WIDTH = 0.6  # of the font size: a generous estimate of an average character


def shape(gender: str, x: float, y: float, half: float, attrs: str) -> str:
    """Square for a man, circle for a woman, diamond for other or unknown."""
    if gender == Gender.MALE:
        side = 2 * half
        return (
            f'<rect class="shape" x="{num(x - half)}" y="{num(y - half)}" '
            f'width="{num(side)}" height="{num(side)}" {attrs}/>'
        )
    if gender == Gender.FEMALE:
        return f'<circle class="shape" cx="{num(x)}" cy="{num(y)}" r="{num(half)}" {attrs}/>'
    d = half * 1.15
    corners = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    points = " ".join(f"{num(cx)},{num(cy)}" for cx, cy in corners)
    return f'<polygon class="shape" points="{points}" {attrs}/>'


def _index_outline(person: Person, x: float, y: float, half: float) -> str:
    """A second outline around the child the plan is about."""
    return shape(
        person.gender,
        x,
        y,
        half + 5,
        f'class="index-outline" fill="none" stroke="{INK}" stroke-width="2"',
    ).replace('class="shape" ', "")


def _deceased_cross(person: Person, x: float, y: float, half: float) -> str:
    h = half * (0.8 if person.gender != Gender.MALE else 1)
    return (
        f'<path class="deceased-cross" d="M{num(x - h)} {num(y - h)}L{num(x + h)} '
        f'{num(y + h)}M{num(x + h)} {num(y - h)}L{num(x - h)} {num(y + h)}" '
        f'stroke="{INK}" stroke-width="2"/>'
    )


def _classes(person: Person) -> str:
    return " ".join(
        name
        for name, on in (
            ("person", True),
            (person.gender if person.gender in Gender.values else Gender.OTHER, True),
            ("index-child", person.is_index_child),
            ("deceased", person.deceased),
        )
        if on
    )


def symbol(person: Person, x: float, y: float, half: float = HALF) -> str:
    """The person's symbol centred on (x, y): filled when living in the household, with
    an outline for the index child and a cross when deceased."""
    fill = HOUSEHOLD if person.in_household else "#ffffff"
    parts = [shape(person.gender, x, y, half, f'fill="{fill}" stroke="{INK}" stroke-width="2"')]
    if person.is_index_child:
        parts.append(_index_outline(person, x, y, half))
    if person.deceased:
        parts.append(_deceased_cross(person, x, y, half))
    return (
        f'<g class="{_classes(person)}" data-person="{esc(person.public_id)}" '
        f'data-x="{num(x)}" data-y="{num(y)}">{"".join(parts)}</g>'
    )


def label(x: float, y: float, lines: Sequence[tuple[str, str]]) -> str:
    """Centered lines of text under a symbol: (text, kind) with kind "name" or "meta"."""
    out = []
    for index, (text, kind) in enumerate(lines):
        if not text:
            continue
        weight = ' font-weight="600"' if kind == "name" else ""
        colour = INK if kind == "name" else MUTED
        out.append(
            f'<text x="{num(x)}" y="{num(y + LINE_HEIGHT * index)}" text-anchor="middle" '
            f'font-size="{FONT_SIZE}"{weight} fill="{colour}" {HALO} {FONT}>{esc(text)}</text>'
        )
    return "".join(out)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH
