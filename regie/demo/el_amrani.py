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
from regie.demo.dates import birth_date, days_ago, days_ahead, moment
from regie.demo.helpers import coordinator_of, domain, intervention, participant_of
from regie.families.models import Gender, PersonKind, RelationKind
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
    Plan,
    Position,
    Preference,
    Role,
    Step,
    Verdict,
)
from regie.plans.services import analysis, complaints, entries, goals, meetings, plans, team
from regie.plans.services import help as help_service


def build_el_amrani(cast: Cast, today: datetime.date) -> Plan:
    # ---- Step 1: Kennismaken, in the compulsory framework (R9) ---------------------------
    plan = plans.open_plan(
        by=cast.user("gi.degraaf"),
        role=Role.CHILD_PROTECTION,
        family_name=EL_AMRANI,
        framework=Framework.COMPULSORY,
        legal_measure=LegalMeasure.SUPERVISION_ORDER,
    )
    marloes = coordinator_of(plan)
    plans.set_framework(
        actor=marloes,
        plan=plan,
        framework=Framework.COMPULSORY,
        legal_measure=LegalMeasure.SUPERVISION_ORDER,
        legal_measure_until=days_ahead(today, 290),
    )
    fatima_person = team.add_person(
        actor=marloes,
        plan=plan,
        first_name="Fatima",
        last_name="El Amrani",
        kind=PersonKind.PARENT,
        gender=Gender.FEMALE,
        birth_date=birth_date(today, age=42, days_since_birthday=90),
        has_parental_authority=True,
        in_household=True,
        description="moeder",
        role=Role.PARENT,
        user=cast.user("fatima.elamrani"),
    )
    youssef_person = team.add_person(
        actor=marloes,
        plan=plan,
        first_name="Youssef",
        last_name="El Amrani",
        kind=PersonKind.PARENT,
        gender=Gender.MALE,
        birth_date=birth_date(today, age=47, days_since_birthday=250),
        has_parental_authority=True,
        in_household=True,
        description="vader",
        role=Role.PARENT,
        user=cast.user("youssef.elamrani"),
    )
    amira_person = team.add_person(
        actor=marloes,
        plan=plan,
        first_name="Amira",
        last_name="El Amrani",
        kind=PersonKind.CHILD,
        gender=Gender.FEMALE,
        birth_date=birth_date(today, age=16, days_since_birthday=75),
        is_index_child=True,
        in_household=True,
        role=Role.CHILD,
        user=cast.user("amira.elamrani"),
    )
    bilal_person = team.add_person(
        actor=marloes,
        plan=plan,
        first_name="Bilal",
        last_name="El Amrani",
        kind=PersonKind.CHILD,
        gender=Gender.MALE,
        birth_date=birth_date(today, age=9, days_since_birthday=180),
        in_household=True,
        role=Role.CHILD,
    )
    samira_person = team.add_person(
        actor=marloes,
        plan=plan,
        first_name="Samira",
        last_name="Bouzid",
        kind=PersonKind.RELATIVE,
        gender=Gender.FEMALE,
        description="tante van moederskant, woont in dezelfde wijk",
        role=Role.NETWORK,
        user=cast.user("tante.samira"),
    )
    hassan_person = team.add_person(
        actor=marloes,
        plan=plan,
        first_name="Hassan",
        last_name="El Amrani",
        kind=PersonKind.RELATIVE,
        gender=Gender.MALE,
        description="oom van vaderskant",
    )
    fatima = participant_of(plan, fatima_person)
    youssef = participant_of(plan, youssef_person)
    amira = participant_of(plan, amira_person)
    bilal = participant_of(plan, bilal_person)
    samira = participant_of(plan, samira_person)

    team.approve_professional(actor=fatima, participant=marloes)
    ingrid = team.add_professional(
        actor=marloes,
        plan=plan,
        user=cast.user("gedrag.smit"),
        role=Role.BEHAVIOURAL_SCIENTIST,
        task="veiligheidsinschatting",
    )
    team.approve_professional(actor=fatima, participant=ingrid)
    thomas = team.add_professional(
        actor=marloes,
        plan=plan,
        user=cast.user("zorg.visser"),
        role=Role.CARE_PROFESSIONAL,
        task="intake voor ambulante gezinshulp",
    )
    team.approve_professional(actor=youssef, participant=thomas)
    anouk = team.add_professional(
        actor=marloes,
        plan=plan,
        user=cast.user("school.hoekstra"),
        role=Role.SCHOOL,
        task="mentor van Amira",
    )
    # Amira is 16: she decides herself whether her mentor may join (A4, Jeugdwet 7.3.5).
    team.approve_professional(actor=amira, participant=anouk)

    # R21: needs and background the help must take into account.
    plans.edit_family_profile(
        actor=fatima,
        plan=plan,
        expected_version=plan.family.version,
        name=EL_AMRANI,
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
    for condition_kind, text in (
        (
            ConditionKind.CONDITION,
            "Ouders werken mee aan de hulp uit dit plan en komen naar de afspraken.",
        ),
        (
            ConditionKind.CONDITION,
            "De jeugdbeschermer spreekt Amira elke maand alleen, thuis of op school.",
        ),
        (
            ConditionKind.SAFETY_AGREEMENT,
            "Niemand in huis slaat. Als Youssef boos wordt, gaat hij een half uur naar buiten.",
        ),
        (
            ConditionKind.SAFETY_AGREEMENT,
            "Voelt Amira zich thuis niet veilig, dan gaat ze naar tante Samira en belt ze de "
            "jeugdbeschermer.",
        ),
    ):
        goals.set_condition(actor=marloes, plan=plan, kind=condition_kind, text=text)
    plans.edit_story(
        actor=fatima,
        plan=plan,
        expected_version=plan.story.version,
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
    for professional in (marloes, ingrid, thomas, anouk):
        plans.confirm_story_read(actor=professional, plan=plan)
    plans.move_step(actor=marloes, plan=plan, to_step=Step.REQUEST)

    # ---- Step 2: Vraag verhelderen -------------------------------------------------------
    entries.add_wish(
        actor=fatima, plan=plan, member=fatima, text="Dat we weer samen aan tafel kunnen eten."
    )
    entries.add_wish(
        actor=youssef,
        plan=plan,
        member=youssef,
        text="Dat mijn dochter mij weer vertrouwt, en dat wij zelf weer over ons gezin gaan.",
    )
    entries.add_wish(
        actor=amira,
        plan=plan,
        member=amira,
        text="Dat ik net als mijn vriendinnen mag afspreken, en dat ik niet meer bang ben thuis.",
    )
    entries.add_wish(
        actor=fatima,
        plan=plan,
        member=bilal,
        text="Bilal wil dat papa en Amira weer grapjes maken. (opgeschreven door mama)",
    )
    plans.move_step(actor=marloes, plan=plan, to_step=Step.ANALYSIS)

    # ---- Step 3: Probleem- en krachtenanalyse --------------------------------------------
    for name, concerns, strengths in (
        (
            "Veiligheid",
            "Vader heeft Amira één keer geslagen. Amira is bang als vader boos wordt.",
            "Er zijn veiligheidsafspraken en Amira kan naar tante Samira.",
        ),
        (
            "Opvoeding",
            "Ouders en Amira botsen over vrijheid; er zijn geen afspraken over tijden.",
            "Ouders willen het beste voor hun kinderen en zijn erg betrokken.",
        ),
        (
            "Psychische gezondheid",
            "Amira slaapt slecht en piekert. Bilal is stil en teruggetrokken.",
            "Amira kan goed onder woorden brengen wat ze voelt.",
        ),
        (
            "Participatie (school, werk)",
            "",
            "Amira zit in havo 4 en haalt goede cijfers. Youssef werkt als buschauffeur.",
        ),
        (
            "Sociaal netwerk",
            "Vader praat thuis weinig over problemen buiten de familie.",
            "Grote familie in de buurt: tante Samira en oom Hassan helpen graag.",
        ),
    ):
        analysis.assess_domain(
            actor=marloes,
            plan=plan,
            domain=domain(plan, name),
            concerns=concerns,
            strengths=strengths,
        )
    analysis.add_protective_factor(
        actor=marloes,
        plan=plan,
        kind=FactorKind.PROTECTIVE,
        text="Amira durft hulp te vragen en heeft een mentor die ze vertrouwt.",
    )
    analysis.add_protective_factor(
        actor=fatima,
        plan=plan,
        kind=FactorKind.NETWORK_STRENGTH,
        text="Tante Samira woont tien minuten lopen verderop; Amira mag er altijd slapen.",
    )
    for from_person, to_person, kind, closeness, conflict, can_help_with in (
        (fatima_person, youssef_person, RelationKind.MARRIED, 3, False, ""),
        (fatima_person, amira_person, RelationKind.PARENT_OF, 4, False, ""),
        (fatima_person, bilal_person, RelationKind.PARENT_OF, 4, False, ""),
        (youssef_person, amira_person, RelationKind.PARENT_OF, 2, True, ""),
        (youssef_person, bilal_person, RelationKind.PARENT_OF, 4, False, ""),
        (amira_person, bilal_person, RelationKind.SIBLING, 3, False, ""),
        (
            samira_person,
            fatima_person,
            RelationKind.SIBLING,
            4,
            False,
            "veilige plek voor Amira, praat met Fatima",
        ),
        (
            hassan_person,
            youssef_person,
            RelationKind.SIBLING,
            3,
            False,
            "Youssef luistert naar hem; kan meepraten over opvoeden",
        ),
    ):
        team.add_relation(
            actor=marloes,
            plan=plan,
            from_person=from_person,
            to_person=to_person,
            kind=kind,
            closeness=closeness,
            conflict=conflict,
            can_help_with=can_help_with,
        )
    entries.write_entry(
        actor=anouk,
        plan=plan,
        kind=EntryKind.OBSERVATION,
        body="Amira zegt dat het thuis rustiger is sinds de afspraken. Ze is op tijd op school.",
    )
    view_entry = entries.write_entry(
        actor=marloes,
        plan=plan,
        kind=EntryKind.ASSESSMENT,
        body=(
            "Mijn inschatting: vader wil het goed doen, maar ziet nog niet hoe zijn boosheid "
            "Amira bang maakt."
        ),
    )
    entries.react_to_entry(
        actor=youssef,
        entry=view_entry,
        verdict=Verdict.DISAGREES,
        comment=(
            "Ik zie dat wel en ik schaam me ervoor. Ik wil alleen niet dat vreemden zich met "
            "ons gezin bemoeien."
        ),
    )
    analysis.write_picture(
        actor=marloes,
        plan=plan,
        summary=(
            "Amira is niet veilig genoeg thuis: vader heeft haar geslagen en zij is bang als "
            "hij boos wordt. Ouders en Amira botsen over vrijheid, zonder afspraken die "
            "iedereen kent. Bilal lijdt stil mee. Het gezin heeft veel krachten: betrokken "
            "ouders, een grote familie en een dochter die hulp durft te vragen. Ernst: hoog, "
            "maar met veiligheidsafspraken en het netwerk werkbaar."
        ),
    )
    analysis.record_position(actor=fatima, plan=plan, position=Position.AGREES)
    analysis.record_position(actor=amira, plan=plan, position=Position.AGREES)
    analysis.record_position(actor=marloes, plan=plan, position=Position.AGREES)
    analysis.record_position(
        actor=youssef,
        plan=plan,
        position=Position.NO_ACTION,
        reason=(
            "Ik zie dat het thuis botst, maar wij lossen dit als familie zelf op. Daar is "
            "geen hulpverlening voor nodig."
        ),
    )
    # R6: 'agrees but does not want to act' needs a safety assessment first.
    analysis.record_consultation(
        actor=marloes,
        plan=plan,
        kind=ConsultationKind.SAFETY_ASSESSMENT,
        consultant=ingrid,
        held_on=days_ago(today, 40),
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
    plans.move_step(actor=marloes, plan=plan, to_step=Step.GOALS)

    # ---- Step 4: Doelen ------------------------------------------------------------------
    goals.add_goal(
        actor=amira,
        plan=plan,
        text="We maken samen afspraken over uitgaan en tijden, en iedereen houdt zich eraan.",
        term=GoalTerm.SHORT,
        life_wish="Een gewoon gezin zijn, waar Amira haar vriendinnen mee naar huis neemt.",
    )
    # Added after the family's goal, the safety goal still goes to the top (R9).
    goals.add_goal(
        actor=marloes,
        plan=plan,
        text=(
            "Iedereen is thuis veilig: er wordt niet geslagen, en Amira weet wie ze belt als "
            "ze zich niet veilig voelt."
        ),
        term=GoalTerm.SHORT,
        life_wish="Thuis is een veilige plek voor Amira en Bilal.",
        is_safety_goal=True,
    )
    plans.move_step(actor=marloes, plan=plan, to_step=Step.OWN_STRENGTH)

    # ---- Step 5: Eigen kracht en netwerk -------------------------------------------------
    goals.assess_network(
        actor=marloes,
        plan=plan,
        family_does=(
            "Ouders houden zich aan de veiligheidsafspraken. Fatima praat elke avond even "
            "met Amira."
        ),
        network_does="Tante Samira is Amira's veilige adres. Oom Hassan praat met Youssef.",
        is_enough=Enough.NO,
    )
    goals.offer_group_plan(
        actor=marloes,
        plan=plan,
        offered_on=days_ago(today, 30),
        pgb_informed_on=days_ago(today, 30),
    )
    goals.answer_group_plan(
        actor=fatima,
        plan=plan,
        answer=GroupPlanAnswer.ACCEPTED,
        reason="De familie wil helpen; zo blijft het ook een beetje van ons.",
        family_plan=(
            "Familieberaad bij oom Hassan thuis. Afspraken: Samira is het vaste adres voor "
            "Amira. Hassan belt Youssef elke zondag. Fatima en Amira maken samen een lijst met "
            "tijden voor uitgaan, die Youssef ook ondertekent."
        ),
    )
    goals.add_action(
        actor=fatima,
        plan=plan,
        owner=samira,
        description=(
            "Amira kan altijd bij Samira slapen als het thuis onrustig is; Samira belt dan "
            "Fatima en de jeugdbeschermer."
        ),
    )
    goals.add_action(
        actor=youssef,
        plan=plan,
        owner=youssef,
        description="Als ik boos word, ga ik een half uur naar buiten en praat ik daarna pas.",
    )
    plans.move_step(actor=marloes, plan=plan, to_step=Step.DECIDING)

    # ---- Step 6: Beslissen over hulp -----------------------------------------------------
    safety_plan = help_service.propose_option(
        actor=thomas,
        plan=plan,
        title="Veilig thuis plan met ambulante gezinshulp",
        description=(
            "Een gezinswerker komt een half jaar wekelijks thuis. Ouders en Amira maken samen "
            "afspraken en kijken elke week of iedereen zich veilig voelt."
        ),
        intervention=intervention("voorbeeld-veilig-thuis-plan"),
        pros="Gericht op veiligheid en op de afspraken die de familie al maakte.",
        cons="Veel afspraken thuis; vader vindt dat moeilijk.",
        fit=(
            "De gezinswerker spreekt Arabisch en plant niet op vrijdagmiddag. Oom Hassan mag "
            "bij de gesprekken zijn als Amira dat goed vindt."
        ),
    )
    family_way = help_service.propose_option(
        actor=youssef,
        plan=plan,
        title="Gesprekken met oom Hassan en de imam",
        description="Youssef praat met zijn broer en de imam over opvoeden en boosheid.",
        is_professional_help=False,
        pros="Vertrouwde mensen die Youssef respecteert.",
        cons="Niemand kijkt mee of Amira zich veiliger voelt.",
    )
    for member, option, preference, reason in (
        (fatima, safety_plan, Preference.PREFERS, "Ik wil dat het echt verandert."),
        (youssef, family_way, Preference.PREFERS, "Dit blijft binnen de familie."),
        (youssef, safety_plan, Preference.ACCEPTABLE, "Als het moet, met een tolk."),
        (amira, safety_plan, Preference.PREFERS, "Ik wil dat iemand van buiten meekijkt."),
        (marloes, safety_plan, Preference.PREFERS, "Dit past bij de voorwaarden van de OTS."),
    ):
        help_service.give_preference(
            actor=member, option=option, preference=preference, reason=reason
        )
    decision = help_service.decide(
        actor=marloes,
        plan=plan,
        option=safety_plan,
        rationale=(
            "De veiligheid van Amira vraagt hulp van buiten (advies gedragswetenschapper). "
            "De gesprekken met oom Hassan gaan daarnaast door."
        ),
        provider=cast.org("provider"),
        provider_chosen_by=fatima,
        funding=Funding.IN_KIND,
        aftercare="Na de hulp blijft de jeugdbeschermer contact houden tot de OTS afloopt.",
    )
    for member, agrees, comment in (
        (fatima, True, ""),
        (amira, True, ""),
        (marloes, True, ""),
        (youssef, False, "Ik doe mee omdat het moet, maar ik vind het niet nodig."),
    ):
        help_service.agree_to_decision(
            actor=member, decision=decision, agrees=agrees, comment=comment
        )
    help_service.file_application(
        actor=marloes, decision=decision, submitted_on=days_ago(today, 12)
    )
    # R22: one place to complain, about any organisation in the plan.
    complaint = complaints.file_complaint(
        actor=fatima,
        plan=plan,
        organisation=cast.org("provider"),
        kind=ComplaintKind.COMPLAINT,
        text=(
            "Het intakegesprek is twee keer op het laatste moment afgezegd. Mijn man had er "
            "vrij voor genomen."
        ),
    )
    complaints.update_complaint(
        actor=thomas,
        complaint=complaint,
        status=ComplaintStatus.RECEIVED,
        note="Ontvangen. De klachtenfunctionaris belt u binnen vijf werkdagen.",
    )
    meetings.plan_meeting(
        actor=marloes,
        plan=plan,
        title="Start van de gezinshulp, met tolk",
        planned_at=moment(days_ahead(today, 9), 10, 0),
        attendees=[
            (fatima, ""),
            (youssef, ""),
            (amira, ""),
            (marloes, "jeugdbeschermer, bewaakt de voorwaarden"),
            (thomas, "gezinswerker die de hulp gaat geven"),
        ],
    )
    return plan
