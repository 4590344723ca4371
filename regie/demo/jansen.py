"""Gezin Jansen: a voluntary plan that has walked all the way to step 7.

Sanne and Mark have two children: Lotte (13), who has angry outbursts at home and misses
school, and Daan (8), who sleeps badly since the arguments started. Grandmother Joke lives
round the corner. The wijkteam worker coordinates; a family coach of De Linde helps since
the decision in step 6. Two evaluations were held, a third is planned."""

import datetime

from regie.demo.cast import JANSEN, Cast
from regie.demo.dates import birth_date, days_ago, days_ahead, moment
from regie.demo.helpers import coordinator_of, domain, intervention, participant_of
from regie.families.models import Gender, PersonKind, RelationKind
from regie.plans.models import (
    ApplicationOutcome,
    ConsultationKind,
    Enough,
    EntryKind,
    Evaluation,
    EvaluationOutcome,
    FactorKind,
    Funding,
    Goal,
    GoalTerm,
    GroupPlanAnswer,
    Participant,
    Plan,
    Position,
    Preference,
    Role,
    Step,
    Verdict,
)
from regie.plans.services import analysis, entries, goals, meetings, plans, team
from regie.plans.services import evaluation as evaluation_service
from regie.plans.services import help as help_service


def build_jansen(cast: Cast, today: datetime.date) -> Plan:
    # ---- Step 1: Kennismaken -----------------------------------------------------------
    plan = plans.open_plan(by=cast.user("wijkteam.bakker"), role=Role.REFERRER, family_name=JANSEN)
    femke = coordinator_of(plan)
    sanne_person = team.add_person(
        actor=femke,
        plan=plan,
        first_name="Sanne",
        last_name="Jansen",
        kind=PersonKind.PARENT,
        gender=Gender.FEMALE,
        birth_date=birth_date(today, age=41, days_since_birthday=200),
        has_parental_authority=True,
        in_household=True,
        description="moeder",
        role=Role.PARENT,
        user=cast.user("sanne.jansen"),
    )
    mark_person = team.add_person(
        actor=femke,
        plan=plan,
        first_name="Mark",
        last_name="Jansen",
        kind=PersonKind.PARENT,
        gender=Gender.MALE,
        birth_date=birth_date(today, age=44, days_since_birthday=35),
        has_parental_authority=True,
        in_household=True,
        description="vader",
        role=Role.PARENT,
        user=cast.user("mark.jansen"),
    )
    lotte_person = team.add_person(
        actor=femke,
        plan=plan,
        first_name="Lotte",
        last_name="Jansen",
        kind=PersonKind.CHILD,
        gender=Gender.FEMALE,
        birth_date=birth_date(today, age=13, days_since_birthday=130),
        is_index_child=True,
        in_household=True,
        role=Role.CHILD,
        user=cast.user("lotte.jansen"),
    )
    daan_person = team.add_person(
        actor=femke,
        plan=plan,
        first_name="Daan",
        last_name="Jansen",
        kind=PersonKind.CHILD,
        gender=Gender.MALE,
        birth_date=birth_date(today, age=8, days_since_birthday=60),
        in_household=True,
        role=Role.CHILD,
    )
    joke_person = team.add_person(
        actor=femke,
        plan=plan,
        first_name="Joke",
        last_name="de Boer",
        kind=PersonKind.RELATIVE,
        gender=Gender.FEMALE,
        birth_date=birth_date(today, age=68, days_since_birthday=300),
        description="oma van moederskant, woont om de hoek",
        role=Role.NETWORK,
        user=cast.user("oma.joke"),
    )
    ans_person = team.add_person(
        actor=femke,
        plan=plan,
        first_name="Ans",
        last_name="Willems",
        kind=PersonKind.NETWORK,
        gender=Gender.FEMALE,
        description="buurvrouw",
    )
    sanne = participant_of(plan, sanne_person)
    mark = participant_of(plan, mark_person)
    lotte = participant_of(plan, lotte_person)
    daan = participant_of(plan, daan_person)
    joke = participant_of(plan, joke_person)

    # The family confirms the wijkteam worker who opened the plan (R16).
    team.approve_professional(actor=sanne, participant=femke)
    # A professional the wijkteam invites waits for the family's approval ...
    ingrid = team.add_professional(
        actor=femke,
        plan=plan,
        user=cast.user("gedrag.smit"),
        role=Role.BEHAVIOURAL_SCIENTIST,
        task="denkt mee over Lottes boosheid",
    )
    team.approve_professional(actor=mark, participant=ingrid)
    # ... one a parent invites is approved by that invitation.
    anouk = team.add_professional(
        actor=sanne,
        plan=plan,
        user=cast.user("school.hoekstra"),
        role=Role.SCHOOL,
        task="mentor van Lotte",
    )
    pieter = team.add_professional(
        actor=sanne,
        plan=plan,
        user=cast.user("huisarts.vandijk"),
        role=Role.GP,
        task="huisarts van het gezin, voor Daans buikpijn",
    )
    meetings.plan_meeting(
        actor=femke,
        plan=plan,
        title="Kennismaken aan de keukentafel",
        planned_at=moment(days_ago(today, 150), 19, 30),
        attendees=[
            (sanne, ""),
            (mark, ""),
            (lotte, ""),
            (femke, "legt de stappen uit en is zorgcoördinator"),
        ],
    )
    plans.edit_story(
        actor=sanne,
        plan=plan,
        expected_version=plan.story.version,
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
    for professional in (femke, ingrid, anouk, pieter):
        plans.confirm_story_read(actor=professional, plan=plan)
    plans.move_step(actor=femke, plan=plan, to_step=Step.REQUEST)

    # ---- Step 2: Vraag verhelderen -----------------------------------------------------
    entries.add_wish(
        actor=sanne,
        plan=plan,
        member=sanne,
        text="Dat ik 's avonds niet meer uitgeput op de bank lig na alle ruzies.",
    )
    entries.add_wish(
        actor=mark,
        plan=plan,
        member=mark,
        text="Dat ik weet wat ik moet doen als het misgaat, ook als ik nachtdienst heb.",
    )
    entries.add_wish(
        actor=lotte,
        plan=plan,
        member=lotte,
        text="Dat ze me niet steeds als het probleem zien. En dat ik mijn telefoon mag houden.",
    )
    entries.add_wish(
        actor=sanne,
        plan=plan,
        member=daan,
        text=(
            "Daan zei: 'Ik wil dat niemand meer schreeuwt, en dat ik weer bij oma mag "
            "logeren.' (opgeschreven door mama)"
        ),
    )
    plans.move_step(actor=femke, plan=plan, to_step=Step.ANALYSIS)

    # ---- Step 3: Probleem- en krachtenanalyse ------------------------------------------
    assessments = (
        (
            "Psychische gezondheid",
            "Lotte heeft bijna dagelijks woedebuien. Sanne is snel moe sinds haar burn-out.",
            "Lotte kan achteraf goed vertellen wat er gebeurde. Sanne gaat weer naar de "
            "praktijkondersteuner.",
        ),
        (
            "Participatie (school, werk)",
            "Lotte heeft dit schooljaar 14 dagen verzuimd en haalt onvoldoendes.",
            "Lotte is goed in biologie en wil later met dieren werken. Mark heeft vast werk.",
        ),
        (
            "Opvoeding",
            "Ouders zijn het niet altijd eens over regels, bijvoorbeeld over de telefoon.",
            "Ouders willen allebei graag leren hoe het anders kan.",
        ),
        (
            "Lichamelijke gezondheid",
            "Daan heeft vaak buikpijn en slaapt slecht.",
            "Daan sport graag en zit op voetbal.",
        ),
        (
            "Sociaal netwerk",
            "Mark heeft weinig familie in de buurt.",
            "Oma Joke woont om de hoek en helpt graag. Buurvrouw Ans is een vertrouwd adres.",
        ),
        (
            "Veiligheid",
            "Bij ruzies wordt er hard geschreeuwd en zijn er deuren dichtgeslagen.",
            "Er wordt niet geslagen; iedereen kan naar oma als het thuis te veel wordt.",
        ),
    )
    for name, concerns, strengths in assessments:
        analysis.assess_domain(
            actor=sanne if name == "Sociaal netwerk" else femke,
            plan=plan,
            domain=domain(plan, name),
            concerns=concerns,
            strengths=strengths,
        )
    analysis.add_protective_factor(
        actor=femke,
        plan=plan,
        kind=FactorKind.PROTECTIVE,
        text="Ouders zijn betrokken en zoeken zelf hulp; ze praten open over wat er misgaat.",
    )
    analysis.add_protective_factor(
        actor=sanne,
        plan=plan,
        kind=FactorKind.PROTECTIVE,
        text="Lotte en Daan hebben een goede band; Lotte leest Daan voor als hij niet slaapt.",
    )
    analysis.add_protective_factor(
        actor=sanne,
        plan=plan,
        kind=FactorKind.NETWORK_STRENGTH,
        text="Oma Joke is elke dag bereikbaar en Daan logeert graag bij haar.",
    )
    # Genogram and sociogram (R7).
    relations = (
        (sanne_person, mark_person, RelationKind.MARRIED, 4, False, ""),
        (sanne_person, lotte_person, RelationKind.PARENT_OF, 2, True, ""),
        (sanne_person, daan_person, RelationKind.PARENT_OF, 4, False, ""),
        (mark_person, lotte_person, RelationKind.PARENT_OF, 3, False, ""),
        (mark_person, daan_person, RelationKind.PARENT_OF, 4, False, ""),
        (lotte_person, daan_person, RelationKind.SIBLING, 4, False, ""),
        (
            joke_person,
            sanne_person,
            RelationKind.PARENT_OF,
            4,
            False,
            "opvang van Daan na school, een luisterend oor voor Sanne, Lotte mag altijd "
            "even bij haar afkoelen",
        ),
        (
            ans_person,
            sanne_person,
            RelationKind.NEIGHBOUR,
            2,
            False,
            "boodschappen als Sanne ziek is, noodadres voor de kinderen",
        ),
    )
    for from_person, to_person, kind, closeness, conflict, can_help_with in relations:
        team.add_relation(
            actor=femke,
            plan=plan,
            from_person=from_person,
            to_person=to_person,
            kind=kind,
            closeness=closeness,
            conflict=conflict,
            can_help_with=can_help_with,
        )
    # R2: a summary the father disputes, and its author corrects, with history.
    mark_entry = entries.write_entry(
        actor=femke,
        plan=plan,
        kind=EntryKind.OBSERVATION,
        body="Vader zegt dat hij de opvoeding vooral aan moeder overlaat.",
    )
    entries.react_to_entry(
        actor=mark,
        entry=mark_entry,
        verdict=Verdict.DISAGREES,
        comment=(
            "Dat heb ik niet gezegd. Ik zei dat ik door mijn ploegendiensten doordeweeks "
            "weinig thuis ben. In het weekend doe ik juist veel met de kinderen."
        ),
    )
    entries.correct_entry(
        actor=femke,
        entry=mark_entry,
        expected_version=mark_entry.version,
        body=(
            "Vader werkt in ploegendiensten en is doordeweeks weinig thuis als het misgaat. "
            "In het weekend doet hij veel met de kinderen, zoals voetballen met Daan."
        ),
        reason="Aangepast na de reactie van Mark: ik had zijn woorden verkeerd samengevat.",
    )
    school_entry = entries.write_entry(
        actor=anouk,
        plan=plan,
        kind=EntryKind.OBSERVATION,
        body=(
            "Lotte was de afgelopen vier weken drie dagen afwezig zonder bericht. In de les is "
            "ze rustig en helpt ze klasgenoten."
        ),
    )
    entries.react_to_entry(
        actor=lotte,
        entry=school_entry,
        verdict=Verdict.AGREES,
        comment="Klopt. Die dagen had ik 's ochtends ruzie gehad en durfde ik niet meer.",
    )
    gp_entry = entries.write_entry(
        actor=pieter,
        plan=plan,
        kind=EntryKind.OBSERVATION,
        body=(
            "Daan is twee keer op het spreekuur geweest met buikpijn. Lichamelijk is er niets "
            "gevonden; de klachten passen bij spanning."
        ),
    )
    entries.react_to_entry(actor=sanne, entry=gp_entry, verdict=Verdict.AGREES)
    analysis.record_consultation(
        actor=femke,
        plan=plan,
        kind=ConsultationKind.BEHAVIOURAL_SCIENTIST,
        consultant=ingrid,
        held_on=days_ago(today, 128),
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
    analysis.write_picture(
        actor=femke,
        plan=plan,
        summary=(
            "Sinds de burn-out van moeder is er thuis veel spanning. Lotte reageert met "
            "woedebuien, ouders reageren met schreeuwen en straffen, en dat maakt het erger. "
            "Daan lijdt er stil onder: hij slaapt slecht en heeft buikpijn. Lotte verzuimt "
            "school na ruzies. De problemen zijn matig ernstig: er is geen geweld, iedereen "
            "wil iets veranderen, en oma is een stevige steun."
        ),
    )
    for member, reason in (
        (sanne, ""),
        (mark, ""),
        (lotte, "Eens, maar ik ben niet de enige die boos wordt."),
        (femke, ""),
        (ingrid, ""),
    ):
        analysis.record_position(actor=member, plan=plan, position=Position.AGREES, reason=reason)
    plans.move_step(actor=femke, plan=plan, to_step=Step.GOALS)

    # ---- Step 4: Doelen ------------------------------------------------------------------
    school_goal = goals.add_goal(
        actor=lotte,
        plan=plan,
        text="Ik ga elke dag naar school en ik haal mijn overgang.",
        term=GoalTerm.LONG,
        life_wish="Later wil ik dierenartsassistent worden.",
    )
    calm_goal = goals.add_goal(
        actor=sanne,
        plan=plan,
        text="Minder ruzie thuis: we praten weer normaal met elkaar, ook als we boos zijn.",
        term=GoalTerm.SHORT,
        life_wish="Een huis waar iedereen zich thuis voelt.",
    )
    sleep_goal = goals.add_goal(
        actor=mark,
        plan=plan,
        text="Daan slaapt weer rustig en is niet meer bang als het thuis onrustig is.",
        term=GoalTerm.SHORT,
        life_wish="Daan is weer het vrolijke jongetje dat hij was.",
    )
    # The family sets the order: calm at home first (R8).
    goals.reorder_goals(
        actor=sanne, plan=plan, goal_ids=[calm_goal.pk, school_goal.pk, sleep_goal.pk]
    )
    plans.move_step(actor=femke, plan=plan, to_step=Step.OWN_STRENGTH)

    # ---- Step 5: Eigen kracht en netwerk -------------------------------------------------
    goals.assess_network(
        actor=femke,
        plan=plan,
        family_does=(
            "Ouders houden elke zondag een kort weekoverleg. Sanne en Lotte spreken af hoe de "
            "ochtend gaat. Mark belt na een nachtdienst eerst naar huis."
        ),
        network_does=("Oma Joke vangt Daan twee middagen per week op. Buurvrouw Ans is noodadres."),
        is_enough=Enough.PARTLY,
    )
    goals.offer_group_plan(
        actor=femke,
        plan=plan,
        offered_on=days_ago(today, 118),
        pgb_informed_on=days_ago(today, 118),
    )
    goals.answer_group_plan(
        actor=sanne,
        plan=plan,
        answer=GroupPlanAnswer.DECLINED,
        reason=(
            "Onze familie is klein en oma doet al veel. We willen de rest van de familie hier "
            "nog niet bij betrekken."
        ),
    )
    morning_action = goals.add_action(
        actor=sanne,
        plan=plan,
        goal=school_goal,
        owner=sanne,
        description="Met Lotte afspreken hoe de ochtend gaat: wie wanneer in de badkamer.",
        due_on=days_ago(today, 100),
    )
    goals.complete_action(
        actor=sanne,
        action=morning_action,
        note="Staat op een briefje op de koelkast. Gaat meestal goed.",
    )
    goals.add_action(
        actor=mark,
        plan=plan,
        goal=calm_goal,
        owner=mark,
        description="Elke zondagavond een kwartier de week doornemen aan de keukentafel.",
    )
    goals.add_action(
        actor=lotte,
        plan=plan,
        goal=school_goal,
        owner=lotte,
        description="Elke vrijdag bij mijn mentor langs om de week erna door te nemen.",
    )
    goals.add_action(
        actor=sanne,
        plan=plan,
        goal=sleep_goal,
        owner=joke,
        description="Daan op dinsdag en donderdag na school opvangen, zodat Sanne kan rusten.",
        due_on=days_ahead(today, 60),
    )
    plans.move_step(actor=femke, plan=plan, to_step=Step.DECIDING)

    # ---- Step 6: Beslissen over hulp -----------------------------------------------------
    coaching = help_service.propose_option(
        actor=femke,
        plan=plan,
        title="Gezinscoaching thuis",
        description="Een gezinscoach komt drie maanden lang elke week bij het gezin thuis.",
        intervention=intervention("voorbeeld-gezinscoaching-thuis"),
        goals=[calm_goal, sleep_goal],
        pros="Oefenen waar het misgaat: thuis. Het hele gezin doet mee, ook Daan.",
        cons="Er komt iemand over de vloer. Wachttijd van ongeveer drie weken.",
        fit=(
            "Past bij de wens van ouders om zelf te leren hoe het anders kan; de coach "
            "plant rond Marks diensten."
        ),
    )
    own_way = help_service.propose_option(
        actor=mark,
        plan=plan,
        title="Zelf regelen met oma en de mentor",
        description="Oma vangt vaker op, de mentor houdt wekelijks contact, wij zoeken een cursus.",
        goals=[school_goal],
        is_professional_help=False,
        pros="Geen wachtlijst en alleen vertrouwde mensen.",
        cons="Sanne raakt misschien weer overbelast, en we weten niet hoe we de ruzies stoppen.",
    )
    for member, option, preference, reason in (
        (sanne, coaching, Preference.PREFERS, "Ik wil leren hoe ik rustig blijf."),
        (mark, own_way, Preference.PREFERS, "Liever eerst zelf, met mensen die we kennen."),
        (mark, coaching, Preference.ACCEPTABLE, "Als de coach ook in het weekend kan komen."),
        (lotte, coaching, Preference.AGAINST, "Ik wil niet dat er steeds iemand thuis zit."),
        (lotte, own_way, Preference.ACCEPTABLE, "Met mijn mentor praten vind ik wel goed."),
        (femke, coaching, Preference.PREFERS, "Het netwerk alleen is volgens mij niet genoeg."),
    ):
        help_service.give_preference(
            actor=member, option=option, preference=preference, reason=reason
        )
    decision = help_service.decide(
        actor=femke,
        plan=plan,
        option=coaching,
        rationale=(
            "Het netwerk doet veel, maar is niet genoeg om de ruzies te stoppen. Sanne en "
            "Mark kozen voor gezinscoaching; Lotte doet mee als de coach ook met haar alleen "
            "praat. Het zelf regelen met oma en de mentor gaat daarnaast gewoon door."
        ),
        provider=cast.org("provider"),
        provider_chosen_by=sanne,
        funding=Funding.IN_KIND,
        aftercare=(
            "Na de coaching twee contactmomenten met het wijkteam. Bij terugval belt Sanne "
            "het wijkteam."
        ),
    )
    for member, agrees, comment in (
        (sanne, True, ""),
        (mark, True, "Fijn dat de coach ook op zaterdag kan."),
        (lotte, True, "Als de coach ook met mij alleen praat."),
        (femke, True, ""),
    ):
        help_service.agree_to_decision(
            actor=member, decision=decision, agrees=agrees, comment=comment
        )
    application = help_service.file_application(
        actor=femke, decision=decision, submitted_on=days_ago(today, 112)
    )
    help_service.record_application_outcome(
        actor=femke,
        application=application,
        outcome=ApplicationOutcome.GRANTED,
        decided_on=days_ago(today, 95),
    )
    # The chosen provider joins; the family approves the coach.
    thomas = team.add_professional(
        actor=femke,
        plan=plan,
        user=cast.user("zorg.visser"),
        role=Role.CARE_PROFESSIONAL,
        task="gezinscoach",
    )
    team.approve_professional(actor=sanne, participant=thomas)
    plans.confirm_story_read(actor=thomas, plan=plan)
    team.add_information_agreement(
        actor=femke,
        plan=plan,
        from_organisation=cast.org("provider"),
        to_organisation=cast.org("wijkteam"),
        what=(
            "De gezinscoach vertelt het wijkteam hoe de coaching loopt en meldt het direct "
            "als het gezin stopt of het thuis onveilig wordt."
        ),
        frequency="elke vier weken, en vóór elke evaluatie",
    )
    first = evaluation_service.schedule_evaluation(
        actor=femke, plan=plan, scheduled_for=days_ago(today, 56)
    )
    second = evaluation_service.schedule_evaluation(
        actor=femke, plan=plan, scheduled_for=days_ago(today, 14)
    )
    evaluation_service.schedule_evaluation(
        actor=femke, plan=plan, scheduled_for=days_ahead(today, 42)
    )
    plans.move_step(actor=femke, plan=plan, to_step=Step.EXECUTING)

    # ---- Step 7: Uitvoeren en evalueren --------------------------------------------------
    goals.add_action(
        actor=femke,
        plan=plan,
        goal=calm_goal,
        owner=thomas,
        description="Wekelijks huisbezoek: samen oefenen met een time-out als de ruzie oploopt.",
        takeover_reason=(
            "Ouders hebben zelf geprobeerd de ruzies te stoppen en dat lukte niet; het oefenen "
            "vraagt een getrainde coach die ziet wat er gebeurt."
        ),
        due_on=days_ahead(today, 42),
    )
    coach_entry = entries.write_entry(
        actor=thomas,
        plan=plan,
        kind=EntryKind.ASSESSMENT,
        body=(
            "Mijn inschatting: de ruzies ontstaan vooral als moeder moe is en alles alleen "
            "moet regelen."
        ),
    )
    entries.react_to_entry(
        actor=lotte,
        entry=coach_entry,
        verdict=Verdict.DISAGREES,
        comment=(
            "Klopt niet. Het gaat ook mis als mama niet moe is, bijvoorbeeld als ik mijn "
            "telefoon moet inleveren zonder dat ik weet waarom."
        ),
    )
    _hold_evaluation(
        actor=femke,
        evaluation=first,
        held_on=days_ago(today, 55),
        scores=[
            # goal, who scores, for whom (None: themselves), score, comment
            (calm_goal, sanne, None, 4, "Nog veel ruzie, maar we weten nu wat een time-out is."),
            (calm_goal, lotte, None, 5, ""),
            (calm_goal, thomas, None, 4, ""),
            (school_goal, sanne, None, 5, ""),
            (school_goal, lotte, None, 6, "Ik ben maar één keer weggebleven."),
            (school_goal, thomas, None, 5, ""),
            (sleep_goal, sanne, None, 3, ""),
            (sleep_goal, lotte, None, 5, "Daan komt 's nachts nog vaak bij mij."),
            (sleep_goal, sanne, daan, 4, "Daan stak vier vingers op."),
            (sleep_goal, thomas, None, 4, ""),
        ],
        working_relationship=(
            "Het gezin vindt de coach prettig. Mark kon maar één keer aansluiten door zijn "
            "diensten."
        ),
        satisfaction=7,
        satisfaction_reasons="De coach luistert goed, maar het gaat nog te langzaam.",
        outcome=EvaluationOutcome.CONTINUE,
        notes="Coach plant één huisbezoek per maand op zaterdag, zodat Mark erbij kan zijn.",
    )
    _hold_evaluation(
        actor=femke,
        evaluation=second,
        held_on=days_ago(today, 14),
        scores=[
            (calm_goal, sanne, None, 7, "Veel minder geschreeuw. We gebruiken de time-out."),
            (
                calm_goal,
                lotte,
                None,
                3,
                "Ze praten alleen rustig als de coach er is. Daarna is het weer hetzelfde.",
            ),
            (calm_goal, thomas, None, 6, ""),
            (school_goal, sanne, None, 7, ""),
            (school_goal, lotte, None, 8, "Geen dag meer gemist!"),
            (school_goal, thomas, None, 7, ""),
            (sleep_goal, sanne, None, 6, ""),
            (sleep_goal, lotte, None, 7, ""),
            (sleep_goal, sanne, daan, 7, "Daan stak zeven vingers op."),
            (sleep_goal, thomas, None, 6, ""),
        ],
        working_relationship=(
            "Goed. Lotte wil vaker apart met de coach praten; dat is afgesproken."
        ),
        satisfaction=8,
        satisfaction_reasons="Er is vooruitgang, vooral op school. Lotte ziet dat thuis nog niet.",
        outcome=EvaluationOutcome.ADJUST,
        notes=(
            "Lotte en ouders geven het doel 'minder ruzie' een heel ander cijfer: dat "
            "bespreken we in het volgende overleg. De coach spreekt Lotte voortaan elke "
            "twee weken apart."
        ),
    )
    meetings.plan_meeting(
        actor=femke,
        plan=plan,
        title="Derde evaluatie: hoe gaat het thuis volgens Lotte?",
        planned_at=moment(days_ahead(today, 42), 15, 30),
        attendees=[
            (sanne, ""),
            (mark, ""),
            (lotte, ""),
            (joke, "vertelt hoe het met Daan gaat"),
            (femke, "zorgcoördinator, leidt de evaluatie"),
            (thomas, "gezinscoach, vertelt wat hij ziet tijdens de huisbezoeken"),
        ],
    )
    return plan


ScoreLine = tuple[Goal, Participant, Participant | None, int, str]


def _hold_evaluation(
    *,
    actor: Participant,
    evaluation: Evaluation,
    held_on: datetime.date,
    scores: list[ScoreLine],
    working_relationship: str,
    satisfaction: int,
    satisfaction_reasons: str,
    outcome: str,
    notes: str,
) -> None:
    """Scores per goal from the family and the coach, then the evaluation itself (R19)."""
    for goal, scorer, member, score, comment in scores:
        evaluation_service.score_goal(
            actor=scorer,
            evaluation=evaluation,
            goal=goal,
            score=score,
            comment=comment,
            member=member,
        )
    evaluation_service.record_evaluation(
        actor=actor,
        evaluation=evaluation,
        expected_version=evaluation.version,
        held_on=held_on,
        working_relationship=working_relationship,
        satisfaction=satisfaction,
        satisfaction_reasons=satisfaction_reasons,
        outcome=outcome,
        notes=notes,
    )
