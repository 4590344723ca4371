"""R7: the genogram and sociogram, drawn as SVG from the recorded people and relations,
with a table as text alternative."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import Any

from django.test import Client
from django.urls import reverse

from regie.families.models import Gender, Person, PersonKind, RelationKind
from regie.plans.models import Role
from regie.plans.services import team
from regie.web.diagrams.genogram import genogram_svg, genogram_table
from regie.web.diagrams.sociogram import sociogram_center, sociogram_svg, sociogram_table
from tests.personas import Cast
from tests.web.diagrams.family_fixture import TODAY, jansen, person, relation


def _centre(svg: str, name: str) -> tuple[float, float]:
    """Where someone's symbol is drawn."""
    match = re.search(rf'data-person="{name}" data-x="([\d.]+)" data-y="([\d.]+)"', svg)
    assert match, name
    return float(match.group(1)), float(match.group(2))


def _group(svg: str, name: str) -> str:
    """The <g class="person ..."> of someone, found by the public id on it."""
    match = re.search(rf'<g class="[^"]*" data-person="{name}" [^>]*>.*?</g>', svg)
    assert match, name
    return match.group(0)


def test_r7_genogram_uses_the_standard_symbols() -> None:
    persons, relations = jansen()
    svg = str(genogram_svg(persons, relations, TODAY))
    grandfather, grandmother, mother, father, daan, noa, _kim = persons

    assert "<rect" in _group(svg, str(father.public_id))
    assert "<circle" in _group(svg, str(mother.public_id))
    assert "deceased-cross" in _group(svg, str(grandfather.public_id))
    assert "deceased-cross" not in _group(svg, str(grandmother.public_id))
    noa_group = _group(svg, str(noa.public_id))
    assert noa_group.count("<circle") == 2 and "index-outline" in noa_group
    assert "index-outline" not in _group(svg, str(daan.public_id))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="genogram-title genogram-desc"' in svg
    assert '<title id="genogram-title">' in svg


def test_r7_genogram_draws_other_gender_as_a_diamond() -> None:
    persons, relations = jansen()
    other = person(8, "Alex", kind=PersonKind.RELATIVE, gender=Gender.OTHER, born=1986)
    relations.append(relation(other, persons[2], RelationKind.SIBLING))
    svg = str(genogram_svg([*persons, other], relations, TODAY))
    assert "<polygon" in _group(svg, str(other.public_id))
    assert 'class="sibling"' in svg


def test_r7_genogram_partner_lines_divorce_and_conflict() -> None:
    persons, relations = jansen()
    svg = str(genogram_svg(persons, relations, TODAY))
    assert re.search(r'<g class="partner divorced">.*?<g class="slashes" data-count="2">', svg)
    assert '<g class="partner married">' in svg
    assert 'class="conflict"' in svg and 'stroke="#b3261e"' in svg
    assert '<g class="close" data-count="3">' in svg  # grandmother and Noa: very close
    assert svg.count('<g class="descent">') == 2  # Sanne from her parents, the two children


def test_r7_genogram_lines_for_cohabiting_and_separated() -> None:
    a = person(1, "Piet", kind=PersonKind.PARENT, gender=Gender.MALE, born=1980)
    b = person(2, "Els", kind=PersonKind.PARENT, gender=Gender.FEMALE, born=1982)
    c = person(3, "Joke", kind=PersonKind.PARENT, gender=Gender.FEMALE, born=1985)
    svg = str(
        genogram_svg(
            [a, b, c],
            [relation(a, b, RelationKind.SEPARATED), relation(a, c, RelationKind.COHABITING)],
            TODAY,
        )
    )
    assert re.search(r'<g class="partner separated">.*?data-count="1"', svg)
    assert re.search(r'<g class="partner cohabiting"><line [^>]*stroke-dasharray', svg)


def test_r7_genogram_generations_in_rows() -> None:
    persons, relations = jansen()
    svg = str(genogram_svg(persons, relations, TODAY))
    rows = {}
    for p in persons[:6]:
        rows[p.first_name] = _centre(svg, str(p.public_id))[1]
    assert rows["Henk"] < rows["Sanne"] < rows["Noa"]
    assert rows["Mark"] == rows["Sanne"] and rows["Daan"] == rows["Noa"]
    # The neighbour is network, not family: only in the sociogram.
    assert str(persons[6].public_id) not in svg


def test_r7_genogram_shows_names_and_ages() -> None:
    persons, relations = jansen()
    svg = str(genogram_svg(persons, relations, TODAY))
    assert "Noa Jansen</text>" in svg and "13 jaar</text>" in svg
    assert "overleden</text>" in svg


def test_r7_names_are_escaped() -> None:
    persons, relations = jansen()
    persons[4].first_name = "<script>alert(1)</script>"
    persons[4].description = '"><b>'
    relations[-1].can_help_with = "<img src=x onerror=alert(1)>"
    genogram = str(genogram_svg(persons, relations, TODAY))
    sociogram = str(sociogram_svg(persons, relations, TODAY))
    for svg in (genogram, sociogram):
        assert "<script>" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in genogram


def test_r7_twelve_people_do_not_overlap_in_a_row() -> None:
    people, ties = [], []
    grandpa = person(1, "Opa", kind=PersonKind.RELATIVE, gender=Gender.MALE, born=1945)
    grandma = person(2, "Oma", kind=PersonKind.RELATIVE, gender=Gender.FEMALE, born=1947)
    people += [grandpa, grandma]
    ties.append(relation(grandpa, grandma, RelationKind.MARRIED))
    pk = 3
    for family in range(2):
        parent = person(
            pk, f"Ouder{family}", kind=PersonKind.PARENT, gender=Gender.FEMALE, born=1975 + family
        )
        partner = person(
            pk + 1, f"Partner{family}", kind=PersonKind.PARENT, gender=Gender.MALE, born=1974
        )
        pk += 2
        people += [parent, partner]
        ties += [
            relation(grandpa, parent, RelationKind.PARENT_OF),
            relation(grandma, parent, RelationKind.PARENT_OF),
            relation(partner, parent, RelationKind.DIVORCED if family else RelationKind.MARRIED),
        ]
        for number in range(3):
            child = person(
                pk,
                f"Kind{family}{number}",
                kind=PersonKind.CHILD,
                gender=Gender.MALE if number % 2 else Gender.FEMALE,
                born=2008 + number,
                is_index_child=(family, number) == (0, 1),
            )
            pk += 1
            people.append(child)
            ties += [
                relation(parent, child, RelationKind.PARENT_OF),
                relation(partner, child, RelationKind.PARENT_OF),
            ]
    assert len(people) == 12
    svg = str(genogram_svg(people, ties, TODAY))
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))  # type: ignore[union-attr]
    rows: dict[float, list[float]] = defaultdict(list)
    for p in people:
        x, y = _centre(svg, str(p.public_id))
        rows[y].append(x)
        assert 60 <= x <= width - 60  # room for the name under the symbol
    assert len(rows) == 3
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= 120 for a, b in itertools.pairwise(xs)), xs


def test_r7_sociogram_puts_closeness_four_on_the_inner_ring() -> None:
    persons, relations = jansen()
    svg = str(sociogram_svg(persons, relations, TODAY))
    noa = persons[5]
    assert '<title id="sociogram-title">' in svg and "Noa Jansen" in svg
    rings = {
        int(m[0]): float(m[1])
        for m in re.findall(r'data-ring="(\d)" cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"', svg)
    }
    assert rings[4] < rings[3] < rings[2] < rings[1]
    centre = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1)) / 2  # type: ignore[union-attr]
    members = re.findall(
        r'<g class="member" data-ring="(\d)" data-x="([\d.]+)" data-y="([\d.]+)">(.*?)</g>', svg
    )
    placed = {}
    for ring, x, y, rest in members:
        distance = ((float(x) - centre) ** 2 + (float(y) - centre) ** 2) ** 0.5
        placed[rest[rest.index('data-person="') + 13 :][:36]] = (int(ring), distance)
    grandmother, neighbour, father = persons[1], persons[6], persons[3]
    assert placed[str(grandmother.public_id)][0] == 4
    assert abs(placed[str(grandmother.public_id)][1] - rings[4]) < 0.5
    assert placed[str(neighbour.public_id)][0] == 2
    assert placed[str(father.public_id)][0] == 1  # nothing recorded: the outer ring
    assert str(persons[0].public_id) not in placed  # the deceased grandfather
    assert "Oppassen op woensdag" in svg
    _center, rows = sociogram_table(persons, relations)
    assert _center is noa
    assert [(r.name, r.closeness, r.can_help_with) for r in rows if r.can_help_with] == [
        ("Ria Jansen", 4, "Oppassen op woensdag"),
        ("Kim Bos", 2, "Naar school brengen"),
    ]


def test_r7_sociogram_falls_back_to_the_youngest_child() -> None:
    persons, _relations = jansen()
    persons[5].is_index_child = False
    assert sociogram_center(persons) is persons[5]
    assert sociogram_center(persons[:4]) is None
    assert str(sociogram_svg(persons[:4], [], TODAY)) == ""


def test_r7_text_alternative_rows() -> None:
    persons, relations = jansen()
    people, ties = genogram_table(persons, relations, TODAY)
    henk = next(row for row in people if row.name == "Henk Jansen")
    assert henk.notes == ["overleden"] and henk.age == ""
    noa = next(row for row in people if row.name == "Noa Jansen")
    assert noa.age == "13" and "kind om wie het gaat" in noa.notes and noa.gender == "vrouw"
    assert ("Henk Jansen", "gescheiden", "Ria Jansen") in [
        (row.from_name, row.kind, row.to_name) for row in ties
    ]
    assert any(row.conflict and row.to_name == "Ria Jansen" for row in ties)


def test_r7_step_one_page_shows_both_diagrams_and_tables(cast: Cast) -> None:
    plan, actor = cast.plan, cast.wijkteam_worker
    people = {p.first_name: p for p in plan.family.persons.all()}
    grandfather = team.add_person(
        actor=actor,
        plan=plan,
        first_name="Henk",
        last_name="Jansen",
        kind=PersonKind.RELATIVE,
        gender=Gender.MALE,
        deceased=True,
    )
    mother, father, noa = people["Sanne"], people["Mark"], people["Noa"]
    ties: list[tuple[Person, Person, str, dict[str, Any]]] = [
        (father, mother, RelationKind.DIVORCED, {}),
        (grandfather, people["Ria"], RelationKind.MARRIED, {}),
        (grandfather, mother, RelationKind.PARENT_OF, {}),
        (people["Ria"], mother, RelationKind.PARENT_OF, {}),
        (mother, noa, RelationKind.PARENT_OF, {}),
        (father, noa, RelationKind.PARENT_OF, {"conflict": True}),
        (people["Ria"], noa, RelationKind.OTHER, {"closeness": 4, "can_help_with": "Huiswerk"}),
    ]
    for a, b, kind, extra in ties:
        team.add_relation(actor=actor, plan=plan, from_person=a, to_person=b, kind=kind, **extra)
    client = Client()
    client.force_login(cast.parent_user)
    response = client.get(reverse("plan-step", args=[plan.public_id, 1]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="genogram' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="sociogram' in html
    assert "Genogram als tabel" in html and "Sociogram als tabel" in html
    assert '<th scope="row">Henk Jansen</th>' in html
    assert "<td>Mark de Vries</td><td>gescheiden</td><td>Sanne Jansen</td>" in html
    assert "Huiswerk" in html and "style=" not in html.split("<main", 1)[-1]
    assert cast.parent.role == Role.PARENT


def test_r7_sociogram_shows_help_offered_to_someone_else_in_the_family() -> None:
    """What a neighbour offers the mother ("boodschappen als Sanne ziek is") helps the
    child too: the sociogram shows it under the neighbour's name."""
    persons, relations = jansen()
    mother, neighbour = persons[2], persons[6]
    offer = "Boodschappen als Sanne ziek is"
    relations.append(relation(neighbour, mother, RelationKind.NEIGHBOUR, can_help_with=offer))
    _center, rows = sociogram_table(persons, relations)
    helps = {row.name: row.can_help_with for row in rows}
    assert helps[neighbour.full_name] == "Naar school brengen; Boodschappen als Sanne ziek is"
    assert "Boodschappen" in str(sociogram_svg(persons, relations, TODAY))
