"""Gezin El Amrani: a compulsory plan under a supervision order (OTS), now in step 6.

Amira (16) told her mentor she was afraid at home after her father hit her during an
argument about going out. The juvenile court placed her under supervision for a year. Her
mother agrees with the picture; her father agrees but does not want to act, so the
behavioural scientist assessed safety with the child-protection worker. Safety comes first
in the goals. Aunt Samira is Amira's safe address. The decision on help is made and the
application is waiting for the municipality; the mother filed a complaint about the care
provider, which it has received."""

import datetime

from regie.demo.cast import EL_AMRANI, Cast
from regie.demo.steps import analysis, deciding, family, goals, team
from regie.families.models import Gender, RelationKind
from regie.plans.models import (
    ComplaintKind,
    ComplaintStatus,
    ConditionKind,
    ConsultationKind,
    Enough,
    EntryKind,
    FactorKind,
    Framework,
    Funding,
    GoalTerm,
    GroupPlanAnswer,
    LegalMeasure,
    Position,
    Preference,
    Role,
    ShareKind,
    Step,
    Verdict,
)

# ---- Step 1: Kennismaken, in the compulsory framework (R9) -----------------------------
OPENING = family.Opening(
    EL_AMRANI,
    "gi.degraaf",
    "marloes",
    role=Role.CHILD_PROTECTION,
    framework=Framework.COMPULSORY,
    legal_measure=LegalMeasure.SUPERVISION_ORDER,
    measure_until=290,
)
FAMILY = (
    family.parent(
        "Fatima", "El Amrani", Gender.FEMALE, (42, 90), user="fatima.elamrani", description="moeder"
    ),
    family.parent(
        "Youssef", "El Amrani", Gender.MALE, (47, 250), user="youssef.elamrani", description="vader"
    ),
    family.child(
        "Amira", "El Amrani", Gender.FEMALE, (16, 75), user="amira.elamrani", is_index_child=True
    ),
    family.child("Bilal", "El Amrani", Gender.MALE, (9, 180)),
    family.relative(
        "Samira",
        "Bouzid",
        Gender.FEMALE,
        user="tante.samira",
        description="tante van moederskant, woont in dezelfde wijk",
    ),
    family.relative(
        "Hassan", "El Amrani", Gender.MALE, description="oom van vaderskant", takes_part=False
    ),
)
PROFESSIONALS = (
    team.Invitation(
        "ingrid",
        "gedrag.smit",
        Role.BEHAVIOURAL_SCIENTIST,
        "marloes",
        "veiligheidsinschatting",
        approved_by="fatima",
    ),
    team.Invitation(
        "thomas",
        "zorg.visser",
        Role.CARE_PROFESSIONAL,
        "marloes",
        "intake voor ambulante gezinshulp",
        approved_by="youssef",
    ),
    # Amira is 16: she decides herself whether her mentor may join (A4, Jeugdwet 7.3.5).
    team.Invitation(
        "anouk", "school.hoekstra", Role.SCHOOL, "marloes", "mentor van Amira", approved_by="amira"
    ),
)
# A3b: Amira's mentor gets the story from Fatima; under the supervision order Marloes decides
# that school sees the goals, so the mentor knows the safety agreements around school.
SHARES = (
    team.Share("fatima", "anouk", ShareKind.STORY),
    team.Share(
        "marloes",
        "anouk",
        ShareKind.GOALS,
        reason=(
            "De mentor moet de afspraken over veiligheid kennen: wie Amira en Bilal van "
            "school mag ophalen en wanneer school de gezinsvoogd belt."
        ),
    ),
)
# R21: needs and background the help must take into account.
PROFILE = family.Profile(
    "fatima",
    language="Nederlands en Marokkaans-Arabisch; Youssef spreekt het liefst Arabisch.",
    culture="Marokkaans-Nederlands; de familie is belangrijk en praat veel mee.",
    religion="islam",
    considerations=(
        "Bij belangrijke gesprekken een tolk Arabisch voor Youssef. Geen afspraken op "
        "vrijdag tussen 12 en 14 uur (vrijdaggebed). Tijdens de ramadan afspraken liever "
        "'s ochtends. Youssef wil dat oom Hassan bij grote besluiten mag meepraten."
    ),
)
# R9: conditions and safety agreements, apart from what the family chooses.
CONDITIONS = (
    goals.Condition(
        ConditionKind.CONDITION,
        "Ouders werken mee aan de hulp uit dit plan en komen naar de afspraken.",
    ),
    goals.Condition(
        ConditionKind.CONDITION,
        "De jeugdbeschermer spreekt Amira elke maand alleen, thuis of op school.",
    ),
    goals.Condition(
        ConditionKind.SAFETY_AGREEMENT,
        "Niemand in huis slaat. Als Youssef boos wordt, gaat hij een half uur naar buiten.",
    ),
    goals.Condition(
        ConditionKind.SAFETY_AGREEMENT,
        "Voelt Amira zich thuis niet veilig, dan gaat ze naar tante Samira en belt ze de "
        "jeugdbeschermer.",
    ),
)
STORY = family.Story(
    "fatima",
    story=(
        "In maart liep een ruzie tussen Youssef en Amira uit de hand. Het ging over laat "
        "thuiskomen. Youssef heeft Amira toen een klap gegeven. Amira heeft het op school "
        "verteld en daarna kwam Veilig Thuis. De kinderrechter heeft een "
        "ondertoezichtstelling uitgesproken. Wij schamen ons en zijn ook boos, want "
        "Youssef is geen slechte vader. Bilal (9) merkt alles en is stil geworden."
    ),
    request_for_help=(
        "Wij willen dat het rustig wordt in huis en dat de jeugdbescherming weer weggaat. "
        "Amira wil meer vrijheid, wij willen weten dat ze veilig is."
    ),
)

# ---- Step 2: Vraag verhelderen ---------------------------------------------------------
WISHES = (
    family.Wish("fatima", "fatima", "Dat we weer samen aan tafel kunnen eten."),
    family.Wish(
        "youssef",
        "youssef",
        "Dat mijn dochter mij weer vertrouwt, en dat wij zelf weer over ons gezin gaan.",
    ),
    family.Wish(
        "amira",
        "amira",
        "Dat ik net als mijn vriendinnen mag afspreken, en dat ik niet meer bang ben thuis.",
    ),
    family.Wish(
        "fatima",
        "bilal",
        "Bilal wil dat papa en Amira weer grapjes maken. (opgeschreven door mama)",
    ),
)

# ---- Step 3: Probleem- en krachtenanalyse ----------------------------------------------
ANALYSIS = analysis.Analysis(
    "marloes",
    assessments=(
        analysis.Assessment(
            "marloes",
            "Veiligheid",
            "Vader heeft Amira één keer geslagen. Amira is bang als vader boos wordt.",
            "Er zijn veiligheidsafspraken en Amira kan naar tante Samira.",
        ),
        analysis.Assessment(
            "marloes",
            "Opvoeding",
            "Ouders en Amira botsen over vrijheid; er zijn geen afspraken over tijden.",
            "Ouders willen het beste voor hun kinderen en zijn erg betrokken.",
        ),
        analysis.Assessment(
            "marloes",
            "Psychische gezondheid",
            "Amira slaapt slecht en piekert. Bilal is stil en teruggetrokken.",
            "Amira kan goed onder woorden brengen wat ze voelt.",
        ),
        analysis.Assessment(
            "marloes",
            "Participatie (school, werk)",
            "",
            "Amira zit in havo 4 en haalt goede cijfers. Youssef werkt als buschauffeur.",
        ),
        analysis.Assessment(
            "marloes",
            "Sociaal netwerk",
            "Vader praat thuis weinig over problemen buiten de familie.",
            "Grote familie in de buurt: tante Samira en oom Hassan helpen graag.",
        ),
    ),
    factors=(
        analysis.Factor(
            "marloes",
            FactorKind.PROTECTIVE,
            "Amira durft hulp te vragen en heeft een mentor die ze vertrouwt.",
        ),
        analysis.Factor(
            "fatima",
            FactorKind.NETWORK_STRENGTH,
            "Tante Samira woont tien minuten lopen verderop; Amira mag er altijd slapen.",
        ),
    ),
    relations=(
        family.Relation("fatima", "youssef", RelationKind.MARRIED, 3),
        family.Relation("fatima", "amira", RelationKind.PARENT_OF, 4),
        family.Relation("fatima", "bilal", RelationKind.PARENT_OF, 4),
        family.Relation("youssef", "amira", RelationKind.PARENT_OF, 2, conflict=True),
        family.Relation("youssef", "bilal", RelationKind.PARENT_OF, 4),
        family.Relation("amira", "bilal", RelationKind.SIBLING, 3),
        family.Relation(
            "samira",
            "fatima",
            RelationKind.SIBLING,
            4,
            can_help_with="veilige plek voor Amira, praat met Fatima",
        ),
        family.Relation(
            "hassan",
            "youssef",
            RelationKind.SIBLING,
            3,
            can_help_with="Youssef luistert naar hem; kan meepraten over opvoeden",
        ),
    ),
    notes=(
        analysis.Note(
            "anouk",
            EntryKind.OBSERVATION,
            "Amira zegt dat het thuis rustiger is sinds de afspraken. Ze is op tijd op school.",
        ),
        analysis.Note(
            "marloes",
            EntryKind.ASSESSMENT,
            "Mijn inschatting: vader wil het goed doen, maar ziet nog niet hoe zijn boosheid "
            "Amira bang maakt.",
            reactions=(
                analysis.Reaction(
                    "youssef",
                    Verdict.DISAGREES,
                    "Ik zie dat wel en ik schaam me ervoor. Ik wil alleen niet dat vreemden "
                    "zich met ons gezin bemoeien.",
                ),
            ),
        ),
    ),
)
PICTURE = (
    "Amira is niet veilig genoeg thuis: vader heeft haar geslagen en zij is bang als "
    "hij boos wordt. Ouders en Amira botsen over vrijheid, zonder afspraken die "
    "iedereen kent. Bilal lijdt stil mee. Het gezin heeft veel krachten: betrokken "
    "ouders, een grote familie en een dochter die hulp durft te vragen. Ernst: hoog, "
    "maar met veiligheidsafspraken en het netwerk werkbaar."
)
STANCES = (
    analysis.Stance("fatima", Position.AGREES),
    analysis.Stance("amira", Position.AGREES),
    analysis.Stance("marloes", Position.AGREES),
    analysis.Stance(
        "youssef",
        Position.NO_ACTION,
        "Ik zie dat het thuis botst, maar wij lossen dit als familie zelf op. Daar is "
        "geen hulpverlening voor nodig.",
    ),
)
# R6: 'agrees but does not want to act' needs a safety assessment of this picture.
SAFETY_ASSESSMENT = analysis.Consultation(
    "marloes",
    ConsultationKind.SAFETY_ASSESSMENT,
    consultant="ingrid",
    days_from_today=-40,
    question=(
        "Vader wil niets met het beeld doen. Is Amira veilig als er niets verandert, en "
        "wat is nodig?"
    ),
    advice=(
        "Zonder verandering is Amira niet veilig genoeg: de spanning tussen vader en "
        "Amira blijft. De veiligheidsafspraken blijven gelden, het veiligheidsdoel staat "
        "eerst, en de jeugdbeschermer ziet Amira elke maand alleen. Betrek oom Hassan, "
        "naar wie vader luistert. Over zes weken opnieuw inschatten."
    ),
    child_is_safe=False,
)

# ---- Step 4: Doelen --------------------------------------------------------------------
GOALS = (
    goals.Goal(
        "agreements",
        "amira",
        "We maken samen afspraken over uitgaan en tijden, en iedereen houdt zich eraan.",
        GoalTerm.SHORT,
        "Een gewoon gezin zijn, waar Amira haar vriendinnen mee naar huis neemt.",
    ),
    # Added after the family's goal, the safety goal still goes to the top (R9).
    goals.Goal(
        "safety",
        "marloes",
        "Iedereen is thuis veilig: er wordt niet geslagen, en Amira weet wie ze belt als "
        "ze zich niet veilig voelt.",
        GoalTerm.SHORT,
        "Thuis is een veilige plek voor Amira en Bilal.",
        is_safety_goal=True,
    ),
)

# ---- Step 5: Eigen kracht en netwerk ---------------------------------------------------
NETWORK = goals.Network(
    "marloes",
    family_does=(
        "Ouders houden zich aan de veiligheidsafspraken. Fatima praat elke avond even met Amira."
    ),
    network_does="Tante Samira is Amira's veilige adres. Oom Hassan praat met Youssef.",
    is_enough=Enough.NO,
)
GROUP_PLAN = goals.GroupPlan(
    "marloes",
    offered_on=-30,
    answered_by="fatima",
    answer=GroupPlanAnswer.ACCEPTED,
    reason="De familie wil helpen; zo blijft het ook een beetje van ons.",
    family_plan=(
        "Familieberaad bij oom Hassan thuis. Afspraken: Samira is het vaste adres voor "
        "Amira. Hassan belt Youssef elke zondag. Fatima en Amira maken samen een lijst met "
        "tijden voor uitgaan, die Youssef ook ondertekent."
    ),
)
OWN_ACTIONS = (
    goals.Action(
        "fatima",
        "samira",
        "Amira kan altijd bij Samira slapen als het thuis onrustig is; Samira belt dan "
        "Fatima en de jeugdbeschermer.",
    ),
    goals.Action(
        "youssef",
        "youssef",
        "Als ik boos word, ga ik een half uur naar buiten en praat ik daarna pas.",
    ),
)

# ---- Step 6: Beslissen over hulp -------------------------------------------------------
OPTIONS = (
    deciding.Option(
        "safety_plan",
        "thomas",
        "Veilig thuis plan met ambulante gezinshulp",
        description=(
            "Een gezinswerker komt een half jaar wekelijks thuis. Ouders en Amira maken samen "
            "afspraken en kijken elke week of iedereen zich veilig voelt."
        ),
        intervention="voorbeeld-veilig-thuis-plan",
        pros="Gericht op veiligheid en op de afspraken die de familie al maakte.",
        cons="Veel afspraken thuis; vader vindt dat moeilijk.",
        fit=(
            "De gezinswerker spreekt Arabisch en plant niet op vrijdagmiddag. Oom Hassan mag "
            "bij de gesprekken zijn als Amira dat goed vindt."
        ),
    ),
    deciding.Option(
        "family_way",
        "youssef",
        "Gesprekken met oom Hassan en de imam",
        description="Youssef praat met zijn broer en de imam over opvoeden en boosheid.",
        is_professional_help=False,
        pros="Vertrouwde mensen die Youssef respecteert.",
        cons="Niemand kijkt mee of Amira zich veiliger voelt.",
    ),
)
OPINIONS = (
    deciding.Opinion("fatima", "safety_plan", Preference.PREFERS, "Ik wil dat het echt verandert."),
    deciding.Opinion("youssef", "family_way", Preference.PREFERS, "Dit blijft binnen de familie."),
    deciding.Opinion(
        "youssef", "safety_plan", Preference.ACCEPTABLE, "Als het moet, met een tolk."
    ),
    deciding.Opinion(
        "amira", "safety_plan", Preference.PREFERS, "Ik wil dat iemand van buiten meekijkt."
    ),
    deciding.Opinion(
        "marloes", "safety_plan", Preference.PREFERS, "Dit past bij de voorwaarden van de OTS."
    ),
)
CHOICE = deciding.Choice(
    "marloes",
    "safety_plan",
    rationale=(
        "De veiligheid van Amira vraagt hulp van buiten (advies gedragswetenschapper). "
        "De gesprekken met oom Hassan gaan daarnaast door."
    ),
    provider="provider",
    provider_chosen_by="fatima",
    funding=Funding.IN_KIND,
    aftercare="Na de hulp blijft de jeugdbeschermer contact houden tot de OTS afloopt.",
)
CONSENTS = (
    deciding.Consent("fatima", True),
    deciding.Consent("amira", True),
    deciding.Consent("marloes", True),
    deciding.Consent("youssef", False, "Ik doe mee omdat het moet, maar ik vind het niet nodig."),
)
FILING = deciding.Filing("marloes", -12)  # the municipality has not decided yet
# R22: one place to complain, about any organisation in the plan.
COMPLAINT = team.Complaint(
    "fatima",
    "provider",
    ComplaintKind.COMPLAINT,
    "Het intakegesprek is twee keer op het laatste moment afgezegd. Mijn man had er "
    "vrij voor genomen.",
    handled_by="thomas",
    status=ComplaintStatus.RECEIVED,
    note="Ontvangen. De klachtenfunctionaris belt u binnen vijf werkdagen.",
)
START_OF_HELP = team.Meeting(
    "marloes",
    "Start van de gezinshulp, met tolk",
    days_from_today=9,
    hour=10,
    minute=0,
    attendees=(
        ("fatima", ""),
        ("youssef", ""),
        ("amira", ""),
        ("marloes", "jeugdbeschermer, bewaakt de voorwaarden"),
        ("thomas", "gezinswerker die de hulp gaat geven"),
    ),
)


def build_el_amrani(cast: Cast, today: datetime.date) -> None:
    table = cast.open_plan(OPENING, today)
    family.add_family(table, FAMILY, by="marloes")
    team.approve(table, "marloes", by="fatima")
    team.add_professionals(table, PROFESSIONALS)
    family.describe_family(table, PROFILE)
    goals.set_conditions(table, CONDITIONS, by="marloes")
    family.write_story(table, STORY)
    team.share(table, SHARES)
    team.confirm_reading(table, ("marloes", "ingrid", "thomas", "anouk"))
    family.move_to(table, Step.REQUEST, by="marloes")
    family.add_wishes(table, WISHES)
    family.move_to(table, Step.ANALYSIS, by="marloes")
    analysis.analyse(table, ANALYSIS)
    analysis.write_picture(table, by="marloes", summary=PICTURE)
    analysis.take_positions(table, STANCES)
    analysis.consult(table, SAFETY_ASSESSMENT)
    family.move_to(table, Step.GOALS, by="marloes")
    goals.set_goals(table, GOALS)
    family.move_to(table, Step.OWN_STRENGTH, by="marloes")
    goals.plan_own_strength(table, NETWORK, GROUP_PLAN, OWN_ACTIONS)
    family.move_to(table, Step.DECIDING, by="marloes")
    decision = deciding.decide_help(table, OPTIONS, CHOICE, OPINIONS, CONSENTS)
    deciding.apply_for(table, decision, FILING)
    team.complain(table, COMPLAINT)
    team.plan_meeting(table, START_OF_HELP)
