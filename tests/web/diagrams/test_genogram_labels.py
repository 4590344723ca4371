"""R7: no line of the genogram runs through a name or an age under a symbol, so the labels
stay readable on a phone. The drawing scales as a whole (viewBox), so what holds in the
SVG's own units holds at every screen width.

Each label's box is estimated from its font size and number of characters (0.6 em per
character, the white halo around it and half the widest line's stroke); each line is
read back from the SVG: every <line>, and every straight piece of every <path>."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest

from regie.families.models import Gender, Person, PersonKind, Relation, RelationKind
from regie.web.diagrams.genogram import genogram_svg
from regie.web.diagrams.svg import short
from regie.web.diagrams.symbols import NAME_CHARS
from tests.web.diagrams.family_fixture import TODAY, jansen, person, relation

Point = tuple[float, float]
NUMBER = r"(-?[\d.]+)"
WIDEST_STROKE = 10  # the green lines of a very close tie


@dataclass(frozen=True)
class LabelBox:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    def crossed_by(self, a: Point, b: Point) -> bool:
        """Liang–Barsky: does the segment a–b pass through this box?"""
        (x1, y1), (x2, y2) = a, b
        dx, dy = x2 - x1, y2 - y1
        low, high = 0.0, 1.0
        for p, q in (
            (-dx, x1 - self.left),
            (dx, self.right - x1),
            (-dy, y1 - self.top),
            (dy, self.bottom - y1),
        ):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low > high:
                return False
        return True


def drawing(svg: str) -> str:
    """The genogram without its legend (the legend's samples sit beside their words)."""
    return svg.split('<g class="legend">')[0]


def label_boxes(svg: str) -> list[LabelBox]:
    boxes = []
    pattern = (
        rf'<text x="{NUMBER}" y="{NUMBER}" text-anchor="middle" font-size="{NUMBER}"[^>]*>'
        r"([^<]*)</text>"
    )
    for x, y, size, raw in re.findall(pattern, drawing(svg)):
        text, cx, baseline, em = html.unescape(raw), float(x), float(y), float(size)
        half = len(text) * em * 0.6 / 2
        margin = 2 + WIDEST_STROKE / 2  # the halo, and half the widest line
        boxes.append(
            LabelBox(
                text,
                cx - half - margin,
                baseline - em - margin,
                cx + half + margin,
                baseline + 0.3 * em + margin,
            )
        )
    return boxes


def segments(svg: str) -> list[tuple[Point, Point]]:
    body = drawing(svg)
    found: list[tuple[Point, Point]] = []
    line = rf'<line x1="{NUMBER}" y1="{NUMBER}" x2="{NUMBER}" y2="{NUMBER}"'
    for x1, y1, x2, y2 in re.findall(line, body):
        found.append(((float(x1), float(y1)), (float(x2), float(y2))))
    for d in re.findall(r'<path [^>]*\bd="([^"]+)"', body):
        previous: Point | None = None
        for command, x, y in re.findall(rf"([ML]){NUMBER} {NUMBER}", d):
            point = (float(x), float(y))
            if command == "L" and previous is not None:
                found.append((previous, point))
            previous = point
    return found


def crossings(svg: str) -> list[str]:
    boxes = label_boxes(svg)
    assert boxes, "no labels found"
    return [
        f"{box.text!r} crossed by {a}–{b}"
        for box in boxes
        for a, b in segments(svg)
        if box.crossed_by(a, b)
    ]


def el_amrani() -> tuple[list[Person], list[Relation]]:
    """The shape of the demo's El Amrani family: married parents, two children, closeness
    and tension between parents and children, and the grandmother close to the index child."""
    oma = person(1, "Khadija", kind=PersonKind.RELATIVE, gender=Gender.FEMALE, born=1955)
    fatima = person(
        2, "Fatima", kind=PersonKind.PARENT, gender=Gender.FEMALE, born=1984, in_household=True
    )
    youssef = person(3, "Youssef", kind=PersonKind.PARENT, gender=Gender.MALE, born=1981)
    amira = person(
        4, "Amira", kind=PersonKind.CHILD, gender=Gender.FEMALE, born=2011, is_index_child=True
    )
    bilal = person(5, "Bilal", kind=PersonKind.CHILD, gender=Gender.MALE, born=2014)
    people = [oma, fatima, youssef, amira, bilal]
    for p in people:
        p.last_name = "El Amrani"
    ties = [
        relation(oma, fatima, RelationKind.PARENT_OF, closeness=3),
        relation(fatima, youssef, RelationKind.MARRIED, closeness=3),
        relation(fatima, amira, RelationKind.PARENT_OF, closeness=4),
        relation(fatima, bilal, RelationKind.PARENT_OF, closeness=4),
        relation(youssef, amira, RelationKind.PARENT_OF, closeness=2, conflict=True),
        relation(youssef, bilal, RelationKind.PARENT_OF, closeness=4),
        relation(amira, bilal, RelationKind.SIBLING, closeness=3),
        relation(oma, amira, RelationKind.OTHER, closeness=4),
    ]
    return people, ties


def twelve() -> tuple[list[Person], list[Relation]]:
    """Twelve people over three generations with long names: grandparents (grandfather
    deceased), a mother divorced from the children's father and living with a new partner,
    her sister's family, and ties of closeness and tension across the generations."""
    kind, g = PersonKind, Gender
    opa = person(1, "Gerrit", kind=kind.RELATIVE, gender=g.MALE, born=1948, deceased=True)
    oma = person(2, "Wilhelmina", kind=kind.RELATIVE, gender=g.FEMALE, born=1950)
    mother = person(
        3, "Anne-Marie", kind=kind.PARENT, gender=g.FEMALE, born=1980, last_name="Bakker-de Groot"
    )
    father = person(4, "Mohammed", kind=kind.PARENT, gender=g.MALE, born=1978, last_name="Yılmaz")
    partner = person(5, "Alex", kind=kind.PARENT, gender=g.OTHER, born=1985, last_name="Visser")
    aunt = person(6, "Johanna", kind=kind.RELATIVE, gender=g.FEMALE, born=1983)
    uncle = person(7, "Pieter", kind=kind.RELATIVE, gender=g.MALE, born=1982, last_name="Smit")
    noa = person(
        8,
        "Noa",
        kind=kind.CHILD,
        gender=g.FEMALE,
        born=2012,
        is_index_child=True,
        in_household=True,
    )
    daan = person(9, "Daan", kind=kind.CHILD, gender=g.MALE, born=2009, in_household=True)
    sem = person(10, "Sem", kind=kind.CHILD, gender=g.MALE, born=2015, in_household=True)
    lotte = person(11, "Lotte", kind=kind.CHILD, gender=g.FEMALE, born=2020, in_household=True)
    cousin = person(
        12, "Maximiliaan", kind=kind.RELATIVE, gender=g.MALE, born=2010, last_name="Smit"
    )
    people = [opa, oma, mother, father, partner, aunt, uncle, noa, daan, sem, lotte, cousin]
    for p in (opa, oma, aunt):
        p.last_name = "Bakker"
    ties = [
        relation(opa, oma, RelationKind.MARRIED),
        relation(opa, mother, RelationKind.PARENT_OF),
        relation(oma, mother, RelationKind.PARENT_OF, closeness=4),
        relation(opa, aunt, RelationKind.PARENT_OF),
        relation(oma, aunt, RelationKind.PARENT_OF),
        relation(father, mother, RelationKind.DIVORCED, conflict=True),
        relation(mother, partner, RelationKind.COHABITING, closeness=4),
        relation(aunt, uncle, RelationKind.MARRIED),
        relation(uncle, cousin, RelationKind.PARENT_OF),
        relation(aunt, cousin, RelationKind.PARENT_OF),
        relation(oma, noa, RelationKind.OTHER, closeness=4),
        relation(aunt, noa, RelationKind.OTHER, closeness=3),
        relation(father, daan, RelationKind.OTHER, conflict=True),
        relation(partner, sem, RelationKind.OTHER, closeness=3),
        relation(cousin, noa, RelationKind.OTHER, closeness=4),
    ]
    for child in (noa, daan, sem):
        ties += [
            relation(mother, child, RelationKind.PARENT_OF, closeness=4),
            relation(father, child, RelationKind.PARENT_OF),
        ]
    ties += [
        relation(mother, lotte, RelationKind.PARENT_OF),
        relation(partner, lotte, RelationKind.PARENT_OF, closeness=4),
    ]
    return people, ties


@pytest.mark.parametrize("family", [jansen, el_amrani, twelve], ids=lambda f: f.__name__)
def test_r7_no_genogram_line_crosses_a_name_or_an_age(family) -> None:  # type: ignore[no-untyped-def]
    people, ties = family()
    svg = str(genogram_svg(people, ties, TODAY))
    assert len(segments(svg)) > 10
    assert crossings(svg) == []


def test_r7_the_twelve_person_genogram_shows_every_name() -> None:
    people, ties = twelve()
    svg = str(genogram_svg(people, ties, TODAY))
    shown = {box.text for box in label_boxes(svg)}
    assert len(people) == 12
    for p in people:
        assert short(p.full_name, NAME_CHARS) in shown
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))  # type: ignore[union-attr]
    assert all(box.left >= 0 and box.right <= width for box in label_boxes(svg))


def test_r7_the_check_finds_a_line_through_a_name() -> None:
    """The check itself: a line drawn straight through a label is caught."""
    svg = (
        '<svg><line x1="0" y1="40" x2="200" y2="40" stroke="#000"/>'
        '<text x="100" y="45" text-anchor="middle" font-size="13">Noa Jansen</text></svg>'
    )
    assert crossings(svg) == ["'Noa Jansen' crossed by (0.0, 40.0)–(200.0, 40.0)"]
