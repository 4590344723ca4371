"""Gezin Jansen: a voluntary plan that has walked all the way to step 7.

Sanne and Mark have two children: Lotte (13), who has angry outbursts at home and misses
school, and Daan (8), who sleeps badly since the arguments started. Grandmother Joke lives
round the corner. The wijkteam worker coordinates; a family coach of De Linde helps since
the decision in step 6. Two evaluations were held, a third is planned."""

import datetime

from regie.demo.cast import JANSEN, Cast
from regie.demo.steps import analysis, deciding, evaluation, family, goals, team
from regie.families.models import Gender, RelationKind
from regie.plans.models import (
    ApplicationOutcome,
    ConsultationKind,
    Enough,
    EntryKind,
    EvaluationOutcome,
    FactorKind,
    Funding,
    GoalTerm,
    GroupPlanAnswer,
    Position,
    Preference,
    Role,
    ShareKind,
    Step,
    Verdict,
)

# ---- Step 1: Kennismaken ---------------------------------------------------------------
OPENING = family.Opening(JANSEN, "wijkteam.bakker", "femke")
FAMILY = (
    family.parent(
        "Sanne", "Jansen", Gender.FEMALE, (41, 200), user="sanne.jansen", description="moeder"
    ),
    family.parent("Mark", "Jansen", Gender.MALE, (44, 35), user="mark.jansen", description="vader"),
    family.child(
        "Lotte", "Jansen", Gender.FEMALE, (13, 130), user="lotte.jansen", is_index_child=True
    ),
    family.child("Daan", "Jansen", Gender.MALE, (8, 60)),
    family.relative(
        "Joke",
        "de Boer",
        Gender.FEMALE,
        born=(68, 300),
        user="oma.joke",
        description="oma van moederskant, woont om de hoek",
    ),
    family.acquaintance("Ans", "Willems", Gender.FEMALE, "buurvrouw"),
)
# A professional the wijkteam invites waits for the family's approval; one a parent
# invites is approved by that invitation (R16).
PROFESSIONALS = (
    team.Invitation(
        "ingrid",
        "gedrag.smit",
        Role.BEHAVIOURAL_SCIENTIST,
        invited_by="femke",
        task="denkt mee over Lottes boosheid",
        approved_by="mark",
    ),
    team.Invitation("anouk", "school.hoekstra", Role.SCHOOL, "sanne", task="mentor van Lotte"),
    team.Invitation(
        "pieter",
        "huisarts.vandijk",
        Role.GP,
        "sanne",
        "huisarts van het gezin, voor Daans buikpijn",
    ),
)
KITCHEN_TABLE = team.Meeting(
    "femke",
    "Kennismaken aan de keukentafel",
    days_from_today=-150,
    hour=19,
    minute=30,
    attendees=(
        ("sanne", ""),
        ("mark", ""),
        ("lotte", ""),
        ("femke", "legt de stappen uit en is zorgcoördinator"),
    ),
)
STORY = family.Story(
    "sanne",
    story=(
        "Wij zijn Sanne en Mark, met Lotte (13) en Daan (8). Vorig jaar ben ik (Sanne) "
        "een half jaar thuis geweest met een burn-out. Sindsdien is het thuis vaak "
        "onrustig. Lotte wordt heel snel boos, vooral 's ochtends en als ze haar telefoon "
        "moet wegleggen. Dan schreeuwen we allemaal. Mark werkt in ploegendiensten en is "
        "doordeweeks vaak niet thuis als het misgaat. Daan trekt zich terug op zijn kamer "
        "en slaapt slecht. Lotte heeft dit schooljaar al veel lessen gemist. Mijn moeder "
        "Joke woont om de hoek en helpt waar ze kan."
    ),
    request_for_help=(
        "We willen weer rustig met elkaar kunnen praten, ook als we boos zijn. Lotte moet "
        "weer gewoon naar school, en Daan moet weer kunnen slapen zonder bang te zijn."
    ),
)

# ---- Step 2: Vraag verhelderen ---------------------------------------------------------
WISHES = (
    family.Wish(
        "sanne", "sanne", "Dat ik 's avonds niet meer uitgeput op de bank lig na alle ruzies."
    ),
    family.Wish(
        "mark", "mark", "Dat ik weet wat ik moet doen als het misgaat, ook als ik nachtdienst heb."
    ),
    family.Wish(
        "lotte",
        "lotte",
        "Dat ze me niet steeds als het probleem zien. En dat ik mijn telefoon mag houden.",
    ),
    family.Wish(
        "sanne",
        "daan",
        "Daan zei: 'Ik wil dat niemand meer schreeuwt, en dat ik weer bij oma mag "
        "logeren.' (opgeschreven door mama)",
    ),
)

# ---- Step 3: Probleem- en krachtenanalyse ----------------------------------------------
ANALYSIS = analysis.Analysis(
    "femke",
    assessments=(
        analysis.Assessment(
            "femke",
            "Psychische gezondheid",
            "Lotte heeft bijna dagelijks woedebuien. Sanne is snel moe sinds haar burn-out.",
            "Lotte kan achteraf goed vertellen wat er gebeurde. Sanne gaat weer naar de "
            "praktijkondersteuner.",
        ),
        analysis.Assessment(
            "femke",
            "Participatie (school, werk)",
            "Lotte heeft dit schooljaar 14 dagen verzuimd en haalt onvoldoendes.",
            "Lotte is goed in biologie en wil later met dieren werken. Mark heeft vast werk.",
        ),
        analysis.Assessment(
            "femke",
            "Opvoeding",
            "Ouders zijn het niet altijd eens over regels, bijvoorbeeld over de telefoon.",
            "Ouders willen allebei graag leren hoe het anders kan.",
        ),
        analysis.Assessment(
            "femke",
            "Lichamelijke gezondheid",
            "Daan heeft vaak buikpijn en slaapt slecht.",
            "Daan sport graag en zit op voetbal.",
        ),
        analysis.Assessment(
            "sanne",
            "Sociaal netwerk",
            "Mark heeft weinig familie in de buurt.",
            "Oma Joke woont om de hoek en helpt graag. Buurvrouw Ans is een vertrouwd adres.",
        ),
        analysis.Assessment(
            "femke",
            "Veiligheid",
            "Bij ruzies wordt er hard geschreeuwd en zijn er deuren dichtgeslagen.",
            "Er wordt niet geslagen; iedereen kan naar oma als het thuis te veel wordt.",
        ),
    ),
    factors=(
        analysis.Factor(
            "femke",
            FactorKind.PROTECTIVE,
            "Ouders zijn betrokken en zoeken zelf hulp; ze praten open over wat er misgaat.",
        ),
        analysis.Factor(
            "sanne",
            FactorKind.PROTECTIVE,
            "Lotte en Daan hebben een goede band; Lotte leest Daan voor als hij niet slaapt.",
        ),
        analysis.Factor(
            "sanne",
            FactorKind.NETWORK_STRENGTH,
            "Oma Joke is elke dag bereikbaar en Daan logeert graag bij haar.",
        ),
    ),
    # Genogram and sociogram (R7).
    relations=(
        family.Relation("sanne", "mark", RelationKind.MARRIED, 4),
        family.Relation("sanne", "lotte", RelationKind.PARENT_OF, 2, conflict=True),
        family.Relation("sanne", "daan", RelationKind.PARENT_OF, 4),
        family.Relation("mark", "lotte", RelationKind.PARENT_OF, 3),
        family.Relation("mark", "daan", RelationKind.PARENT_OF, 4),
        family.Relation("lotte", "daan", RelationKind.SIBLING, 4),
        family.Relation(
            "joke",
            "sanne",
            RelationKind.PARENT_OF,
            4,
            can_help_with=(
                "opvang van Daan na school, een luisterend oor voor Sanne, Lotte mag altijd "
                "even bij haar afkoelen"
            ),
        ),
        family.Relation(
            "ans",
            "sanne",
            RelationKind.NEIGHBOUR,
            2,
            can_help_with="boodschappen als Sanne ziek is, noodadres voor de kinderen",
        ),
    ),
    notes=(
        # R2: a summary the father disputes, and its author corrects, with history.
        analysis.Note(
            "femke",
            EntryKind.OBSERVATION,
            "Vader zegt dat hij de opvoeding vooral aan moeder overlaat.",
            reactions=(
                analysis.Reaction(
                    "mark",
                    Verdict.DISAGREES,
                    "Dat heb ik niet gezegd. Ik zei dat ik door mijn ploegendiensten "
                    "doordeweeks weinig thuis ben. In het weekend doe ik juist veel met de "
                    "kinderen.",
                ),
            ),
            correction=analysis.Correction(
                "Vader werkt in ploegendiensten en is doordeweeks weinig thuis als het misgaat. "
                "In het weekend doet hij veel met de kinderen, zoals voetballen met Daan.",
                reason="Aangepast na de reactie van Mark: ik had zijn woorden verkeerd samengevat.",
            ),
        ),
        analysis.Note(
            "anouk",
            EntryKind.OBSERVATION,
            "Lotte was de afgelopen vier weken drie dagen afwezig zonder bericht. In de les is "
            "ze rustig en helpt ze klasgenoten.",
            reactions=(
                analysis.Reaction(
                    "lotte",
                    Verdict.AGREES,
                    "Klopt. Die dagen had ik 's ochtends ruzie gehad en durfde ik niet meer.",
                ),
            ),
        ),
        analysis.Note(
            "pieter",
            EntryKind.OBSERVATION,
            "Daan is twee keer op het spreekuur geweest met buikpijn. Lichamelijk is er niets "
            "gevonden; de klachten passen bij spanning.",
            reactions=(analysis.Reaction("sanne", Verdict.AGREES),),
        ),
    ),
)
CONSULTATION = analysis.Consultation(
    "femke",
    ConsultationKind.BEHAVIOURAL_SCIENTIST,
    consultant="ingrid",
    days_from_today=-128,
    question=(
        "Past gezinscoaching bij Lottes woedebuien, of is eerst onderzoek naar "
        "bijvoorbeeld ADHD of angst nodig?"
    ),
    advice=(
        "Begin met gezinscoaching thuis: de buien ontstaan vooral in de thuissituatie en "
        "op school gaat het goed. Zijn de buien na de eerste evaluatie niet minder, dan "
        "alsnog psychologisch onderzoek voor Lotte."
    ),
)
PICTURE = (
    "Sinds de burn-out van moeder is er thuis veel spanning. Lotte reageert met "
    "woedebuien, ouders reageren met schreeuwen en straffen, en dat maakt het erger. "
    "Daan lijdt er stil onder: hij slaapt slecht en heeft buikpijn. Lotte verzuimt "
    "school na ruzies. De problemen zijn matig ernstig: er is geen geweld, iedereen "
    "wil iets veranderen, en oma is een stevige steun."
)
STANCES = (
    analysis.Stance("sanne", Position.AGREES),
    analysis.Stance("mark", Position.AGREES),
    analysis.Stance("lotte", Position.AGREES, "Eens, maar ik ben niet de enige die boos wordt."),
    analysis.Stance("femke", Position.AGREES),
    analysis.Stance("ingrid", Position.AGREES),
)

# ---- Step 4: Doelen --------------------------------------------------------------------
GOALS = (
    goals.Goal(
        "school",
        "lotte",
        "Ik ga elke dag naar school en ik haal mijn overgang.",
        GoalTerm.LONG,
        "Later wil ik dierenartsassistent worden.",
    ),
    goals.Goal(
        "calm",
        "sanne",
        "Minder ruzie thuis: we praten weer normaal met elkaar, ook als we boos zijn.",
        GoalTerm.SHORT,
        "Een huis waar iedereen zich thuis voelt.",
    ),
    goals.Goal(
        "sleep",
        "mark",
        "Daan slaapt weer rustig en is niet meer bang als het thuis onrustig is.",
        GoalTerm.SHORT,
        "Daan is weer het vrolijke jongetje dat hij was.",
    ),
)
# The family sets the order: calm at home first (R8).
GOAL_ORDER = ("calm", "school", "sleep")

# ---- Step 5: Eigen kracht en netwerk ---------------------------------------------------
NETWORK = goals.Network(
    "femke",
    family_does=(
        "Ouders houden elke zondag een kort weekoverleg. Sanne en Lotte spreken af hoe de "
        "ochtend gaat. Mark belt na een nachtdienst eerst naar huis."
    ),
    network_does="Oma Joke vangt Daan twee middagen per week op. Buurvrouw Ans is noodadres.",
    is_enough=Enough.PARTLY,
)
GROUP_PLAN = goals.GroupPlan(
    "femke",
    offered_on=-118,
    answered_by="sanne",
    answer=GroupPlanAnswer.DECLINED,
    reason=(
        "Onze familie is klein en oma doet al veel. We willen de rest van de familie hier "
        "nog niet bij betrekken."
    ),
)
OWN_ACTIONS = (
    goals.Action(
        "sanne",
        "sanne",
        "Met Lotte afspreken hoe de ochtend gaat: wie wanneer in de badkamer.",
        goal="school",
        due_on=-100,
        done="Staat op een briefje op de koelkast. Gaat meestal goed.",
    ),
    goals.Action(
        "mark",
        "mark",
        "Elke zondagavond een kwartier de week doornemen aan de keukentafel.",
        goal="calm",
    ),
    goals.Action(
        "lotte",
        "lotte",
        "Elke vrijdag bij mijn mentor langs om de week erna door te nemen.",
        goal="school",
    ),
    goals.Action(
        "sanne",
        "joke",
        "Daan op dinsdag en donderdag na school opvangen, zodat Sanne kan rusten.",
        goal="sleep",
        due_on=60,
    ),
)

# ---- Step 6: Beslissen over hulp -------------------------------------------------------
OPTIONS = (
    deciding.Option(
        "coaching",
        "femke",
        "Gezinscoaching thuis",
        description="Een gezinscoach komt drie maanden lang elke week bij het gezin thuis.",
        intervention="voorbeeld-gezinscoaching-thuis",
        goals=("calm", "sleep"),
        pros="Oefenen waar het misgaat: thuis. Het hele gezin doet mee, ook Daan.",
        cons="Er komt iemand over de vloer. Wachttijd van ongeveer drie weken.",
        fit=(
            "Past bij de wens van ouders om zelf te leren hoe het anders kan; de coach "
            "plant rond Marks diensten."
        ),
    ),
    deciding.Option(
        "own_way",
        "mark",
        "Zelf regelen met oma en de mentor",
        description="Oma vangt vaker op, de mentor houdt wekelijks contact, wij zoeken een cursus.",
        goals=("school",),
        is_professional_help=False,
        pros="Geen wachtlijst en alleen vertrouwde mensen.",
        cons="Sanne raakt misschien weer overbelast, en we weten niet hoe we de ruzies stoppen.",
    ),
)
OPINIONS = (
    deciding.Opinion("sanne", "coaching", Preference.PREFERS, "Ik wil leren hoe ik rustig blijf."),
    deciding.Opinion(
        "mark", "own_way", Preference.PREFERS, "Liever eerst zelf, met mensen die we kennen."
    ),
    deciding.Opinion(
        "mark", "coaching", Preference.ACCEPTABLE, "Als de coach ook in het weekend kan komen."
    ),
    deciding.Opinion(
        "lotte", "coaching", Preference.AGAINST, "Ik wil niet dat er steeds iemand thuis zit."
    ),
    deciding.Opinion(
        "lotte", "own_way", Preference.ACCEPTABLE, "Met mijn mentor praten vind ik wel goed."
    ),
    deciding.Opinion(
        "femke", "coaching", Preference.PREFERS, "Het netwerk alleen is volgens mij niet genoeg."
    ),
)
CHOICE = deciding.Choice(
    "femke",
    "coaching",
    rationale=(
        "Het netwerk doet veel, maar is niet genoeg om de ruzies te stoppen. Sanne en "
        "Mark kozen voor gezinscoaching; Lotte doet mee als de coach ook met haar alleen "
        "praat. Het zelf regelen met oma en de mentor gaat daarnaast gewoon door."
    ),
    provider="provider",
    provider_chosen_by="sanne",
    funding=Funding.IN_KIND,
    aftercare=(
        "Na de coaching twee contactmomenten met het wijkteam. Bij terugval belt Sanne "
        "het wijkteam."
    ),
)
CONSENTS = (
    deciding.Consent("sanne", True),
    deciding.Consent("mark", True, "Fijn dat de coach ook op zaterdag kan."),
    deciding.Consent("lotte", True, "Als de coach ook met mij alleen praat."),
    deciding.Consent("femke", True),
)
FILING = deciding.Filing("femke", -112, ApplicationOutcome.GRANTED, -95)
# The chosen provider joins; the family approves the coach.
COACH = team.Invitation(
    "thomas", "zorg.visser", Role.CARE_PROFESSIONAL, "femke", "gezinscoach", approved_by="sanne"
)
INFORMATION = team.InformationAgreement(
    "femke",
    "provider",
    "wijkteam",
    what=(
        "De gezinscoach vertelt het wijkteam hoe de coaching loopt en meldt het direct "
        "als het gezin stopt of het thuis onveilig wordt."
    ),
    frequency="elke vier weken, en vóór elke evaluatie",
)

# ---- Step 7: Uitvoeren en evalueren ----------------------------------------------------
COACH_ACTION = goals.Action(
    "femke",
    "thomas",
    "Wekelijks huisbezoek: samen oefenen met een time-out als de ruzie oploopt.",
    goal="calm",
    takeover_reason=(
        "Ouders hebben zelf geprobeerd de ruzies te stoppen en dat lukte niet; het oefenen "
        "vraagt een getrainde coach die ziet wat er gebeurt."
    ),
    due_on=42,
)
COACH_NOTE = analysis.Note(
    "thomas",
    EntryKind.ASSESSMENT,
    "Mijn inschatting: de ruzies ontstaan vooral als moeder moe is en alles alleen moet regelen.",
    reactions=(
        analysis.Reaction(
            "lotte",
            Verdict.DISAGREES,
            "Klopt niet. Het gaat ook mis als mama niet moe is, bijvoorbeeld als ik mijn "
            "telefoon moet inleveren zonder dat ik weet waarom.",
        ),
    ),
)
FIRST_REVIEW = evaluation.Review(
    "femke",
    held_on=-55,
    scores=(
        evaluation.Score(
            "calm", "sanne", 4, "Nog veel ruzie, maar we weten nu wat een time-out is."
        ),
        evaluation.Score("calm", "lotte", 5),
        evaluation.Score("calm", "thomas", 4),
        evaluation.Score("school", "sanne", 5),
        evaluation.Score("school", "lotte", 6, "Ik ben maar één keer weggebleven."),
        evaluation.Score("school", "thomas", 5),
        evaluation.Score("sleep", "sanne", 3),
        evaluation.Score("sleep", "lotte", 5, "Daan komt 's nachts nog vaak bij mij."),
        evaluation.Score("sleep", "sanne", 4, "Daan stak vier vingers op.", member="daan"),
        evaluation.Score("sleep", "thomas", 4),
    ),
    working_relationship=(
        "Het gezin vindt de coach prettig. Mark kon maar één keer aansluiten door zijn diensten."
    ),
    satisfaction=7,
    satisfaction_reasons="De coach luistert goed, maar het gaat nog te langzaam.",
    outcome=EvaluationOutcome.CONTINUE,
    notes="Coach plant één huisbezoek per maand op zaterdag, zodat Mark erbij kan zijn.",
)
SECOND_REVIEW = evaluation.Review(
    "femke",
    held_on=-14,
    scores=(
        evaluation.Score("calm", "sanne", 7, "Veel minder geschreeuw. We gebruiken de time-out."),
        evaluation.Score(
            "calm",
            "lotte",
            3,
            "Ze praten alleen rustig als de coach er is. Daarna is het weer hetzelfde.",
        ),
        evaluation.Score("calm", "thomas", 6),
        evaluation.Score("school", "sanne", 7),
        evaluation.Score("school", "lotte", 8, "Geen dag meer gemist!"),
        evaluation.Score("school", "thomas", 7),
        evaluation.Score("sleep", "sanne", 6),
        evaluation.Score("sleep", "lotte", 7),
        evaluation.Score("sleep", "sanne", 7, "Daan stak zeven vingers op.", member="daan"),
        evaluation.Score("sleep", "thomas", 6),
    ),
    working_relationship="Goed. Lotte wil vaker apart met de coach praten; dat is afgesproken.",
    satisfaction=8,
    satisfaction_reasons="Er is vooruitgang, vooral op school. Lotte ziet dat thuis nog niet.",
    outcome=EvaluationOutcome.ADJUST,
    notes=(
        "Lotte en ouders geven het doel 'minder ruzie' een heel ander cijfer: dat "
        "bespreken we in het volgende overleg. De coach spreekt Lotte voortaan elke "
        "twee weken apart."
    ),
)
THIRD_EVALUATION = team.Meeting(
    "femke",
    "Derde evaluatie: hoe gaat het thuis volgens Lotte?",
    days_from_today=42,
    hour=15,
    minute=30,
    attendees=(
        ("sanne", ""),
        ("mark", ""),
        ("lotte", ""),
        ("joke", "vertelt hoe het met Daan gaat"),
        ("femke", "zorgcoördinator, leidt de evaluatie"),
        ("thomas", "gezinscoach, vertelt wat hij ziet tijdens de huisbezoeken"),
    ),
)

# A3b: school and GP see their own part; Sanne shares the story, so nobody asks for it again.
STORY_FOR_SCHOOL_AND_GP = (
    team.Share("sanne", "anouk", ShareKind.STORY),
    team.Share("sanne", "pieter", ShareKind.STORY),
)


def build_jansen(cast: Cast, today: datetime.date) -> None:
    table = cast.open_plan(OPENING, today)
    family.add_family(table, FAMILY, by="femke")
    team.approve(table, "femke", by="sanne")  # the family confirms the opener (R16)
    team.add_professionals(table, PROFESSIONALS)
    team.plan_meeting(table, KITCHEN_TABLE)
    family.write_story(table, STORY)
    team.share(table, STORY_FOR_SCHOOL_AND_GP)
    team.confirm_reading(table, ("femke", "ingrid", "anouk", "pieter"))
    family.move_to(table, Step.REQUEST, by="femke")
    family.add_wishes(table, WISHES)
    family.move_to(table, Step.ANALYSIS, by="femke")
    analysis.analyse(table, ANALYSIS)
    analysis.consult(table, CONSULTATION)
    analysis.write_picture(table, by="femke", summary=PICTURE)
    analysis.take_positions(table, STANCES)
    family.move_to(table, Step.GOALS, by="femke")
    goals.set_goals(table, GOALS)
    goals.put_in_order(table, GOAL_ORDER, by="sanne")
    family.move_to(table, Step.OWN_STRENGTH, by="femke")
    goals.plan_own_strength(table, NETWORK, GROUP_PLAN, OWN_ACTIONS)
    family.move_to(table, Step.DECIDING, by="femke")
    decision = deciding.decide_help(table, OPTIONS, CHOICE, OPINIONS, CONSENTS)
    deciding.apply_for(table, decision, FILING)
    team.add_professionals(table, (COACH,))
    team.confirm_reading(table, ("thomas",))
    team.agree_on_information(table, INFORMATION)
    first, second, _third = evaluation.schedule_evaluations(table, by="femke", days=(-56, -14, 42))
    family.move_to(table, Step.EXECUTING, by="femke")
    goals.add_actions(table, (COACH_ACTION,))
    analysis.write_notes(table, (COACH_NOTE,))
    evaluation.evaluate(table, first, FIRST_REVIEW)
    evaluation.evaluate(table, second, SECOND_REVIEW)
    team.plan_meeting(table, THIRD_EVALUATION)
