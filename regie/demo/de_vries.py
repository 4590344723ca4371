"""Gezin de Vries: a plan that has just started (step 1).

Esther and Jeroen worry about Sem (10), who refuses to go to school some mornings. The
wijkteam worker opened the plan and Esther has confirmed him; a family coach is invited but
still waits for the family's approval, so he cannot see the plan yet (R16)."""

import datetime

from regie.demo.cast import DE_VRIES, Cast
from regie.demo.dates import birth_date, days_ahead, moment
from regie.demo.helpers import coordinator_of, participant_of
from regie.families.models import Gender, PersonKind, RelationKind
from regie.plans.models import Plan, Role
from regie.plans.services import meetings, plans, team


def build_de_vries(cast: Cast, today: datetime.date) -> Plan:
    plan = plans.open_plan(by=cast.user("wijkteam.kok"), role=Role.REFERRER, family_name=DE_VRIES)
    ruben = coordinator_of(plan)
    esther_person = team.add_person(
        actor=ruben,
        plan=plan,
        first_name="Esther",
        last_name="de Vries",
        kind=PersonKind.PARENT,
        gender=Gender.FEMALE,
        birth_date=birth_date(today, age=38, days_since_birthday=140),
        has_parental_authority=True,
        in_household=True,
        description="moeder",
        role=Role.PARENT,
        user=cast.user("esther.devries"),
    )
    jeroen_person = team.add_person(
        actor=ruben,
        plan=plan,
        first_name="Jeroen",
        last_name="de Vries",
        kind=PersonKind.PARENT,
        gender=Gender.MALE,
        birth_date=birth_date(today, age=40, days_since_birthday=20),
        has_parental_authority=True,
        in_household=True,
        description="vader (heeft nog geen account)",
        role=Role.PARENT,
    )
    sem_person = team.add_person(
        actor=ruben,
        plan=plan,
        first_name="Sem",
        last_name="de Vries",
        kind=PersonKind.CHILD,
        gender=Gender.MALE,
        birth_date=birth_date(today, age=10, days_since_birthday=240),
        is_index_child=True,
        in_household=True,
        role=Role.CHILD,
    )
    esther = participant_of(plan, esther_person)
    jeroen = participant_of(plan, jeroen_person)
    team.approve_professional(actor=esther, participant=ruben)
    plans.confirm_story_read(actor=ruben, plan=plan)
    # Invited by the wijkteam, so pending until Esther or Jeroen approves (R16).
    team.add_professional(
        actor=ruben,
        plan=plan,
        user=cast.user("zorg.visser"),
        role=Role.CARE_PROFESSIONAL,
        task="gezinscoach, als het gezin dat wil",
    )
    for from_person, to_person, kind in (
        (esther_person, jeroen_person, RelationKind.COHABITING),
        (esther_person, sem_person, RelationKind.PARENT_OF),
        (jeroen_person, sem_person, RelationKind.PARENT_OF),
    ):
        team.add_relation(
            actor=ruben, plan=plan, from_person=from_person, to_person=to_person, kind=kind
        )
    plans.edit_story(
        actor=esther,
        plan=plan,
        expected_version=plan.story.version,
        story=(
            "Sem (10) wil sinds de zomer op sommige ochtenden niet naar school. Hij krijgt dan "
            "hoofdpijn en huilt. Op school zeggen ze dat het goed gaat. Wij weten niet goed "
            "wat er aan de hand is."
        ),
        request_for_help="",
    )
    meetings.plan_meeting(
        actor=ruben,
        plan=plan,
        title="Kennismaken: wie doet er mee en hoe werkt het plan?",
        planned_at=moment(days_ahead(today, 3), 9, 30),
        attendees=[
            (esther, ""),
            (jeroen, ""),
            (ruben, "wijkteam, legt de stappen uit"),
        ],
    )
    return plan
