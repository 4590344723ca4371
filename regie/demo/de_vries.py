"""Gezin de Vries: a plan that has just started (step 1).

Esther and Jeroen worry about Sem (10), who refuses to go to school some mornings. The
wijkteam worker opened the plan and Esther has confirmed him; a family coach is invited but
still waits for the family's approval, so he cannot see the plan yet (R16)."""

import datetime

from regie.demo.cast import DE_VRIES, Cast
from regie.demo.steps import family, team
from regie.families.models import Gender, RelationKind
from regie.plans.models import Role

OPENING = family.Opening(DE_VRIES, "wijkteam.kok", "ruben")
FAMILY = (
    family.parent(
        "Esther", "de Vries", Gender.FEMALE, (38, 140), user="esther.devries", description="moeder"
    ),
    family.parent(
        "Jeroen", "de Vries", Gender.MALE, (40, 20), description="vader (heeft nog geen account)"
    ),
    family.child("Sem", "de Vries", Gender.MALE, (10, 240), is_index_child=True),
)
# Invited by the wijkteam, so pending until Esther or Jeroen approves (R16).
COACH = team.Invitation(
    "thomas", "zorg.visser", Role.CARE_PROFESSIONAL, "ruben", "gezinscoach, als het gezin dat wil"
)
RELATIONS = (
    family.Relation("esther", "jeroen", RelationKind.COHABITING),
    family.Relation("esther", "sem", RelationKind.PARENT_OF),
    family.Relation("jeroen", "sem", RelationKind.PARENT_OF),
)
STORY = family.Story(
    "esther",
    story=(
        "Sem (10) wil sinds de zomer op sommige ochtenden niet naar school. Hij krijgt dan "
        "hoofdpijn en huilt. Op school zeggen ze dat het goed gaat. Wij weten niet goed "
        "wat er aan de hand is."
    ),
    request_for_help="",
)
INTRODUCTION = team.Meeting(
    "ruben",
    "Kennismaken: wie doet er mee en hoe werkt het plan?",
    days_from_today=3,
    hour=9,
    minute=30,
    attendees=(("esther", ""), ("jeroen", ""), ("ruben", "wijkteam, legt de stappen uit")),
)


def build_de_vries(cast: Cast, today: datetime.date) -> None:
    table = cast.open_plan(OPENING, today)
    family.add_family(table, FAMILY, by="ruben")
    team.approve(table, "ruben", by="esther")
    team.confirm_reading(table, ("ruben",))
    team.add_professionals(table, (COACH,))
    family.relate(table, RELATIONS, by="ruben")
    family.write_story(table, STORY)
    team.plan_meeting(table, INTRODUCTION)
