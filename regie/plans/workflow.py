"""The plan's steps as a table (STYLE habit 5). Every move goes through `check_move`.

Forward moves go one step at a time, each with the conditions the guideline sets before
the next step makes sense (`move_problems`); any earlier step can be revisited with a
reason (DESIGN §2)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.expressions import BaseExpression
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regie.core.errors import RuleViolation
from regie.plans.models import (
    PROFESSIONAL_ROLES,
    CoherentPicture,
    Consultation,
    ConsultationKind,
    Decision,
    Evaluation,
    FamilyGroupPlan,
    FamilyStory,
    Goal,
    GoalStatus,
    GroupPlanAnswer,
    NetworkAssessment,
    Participant,
    PicturePosition,
    Plan,
    Position,
    Role,
    Step,
    Wish,
)


@dataclass(frozen=True)
class StepInfo:
    what: Promise  # what happens in this step
    why: Promise  # why, in one plain-language line (R3, 000 "leg uit waarom")


STEPS: dict[int, StepInfo] = {
    Step.INTRODUCTION: StepInfo(
        _("We leren elkaar kennen: wie hoort bij het gezin en wie helpt er mee."),
        _("Zo weet iedereen met wie hij werkt. En u beslist wie er mag meekijken."),
    ),
    Step.REQUEST: StepInfo(
        _("We schrijven op waar u mee zit, en wat ieder in het gezin wil."),
        _("Uw eigen vraag is het begin van het plan, niet die van de hulpverlener."),
    ),
    Step.ANALYSIS: StepInfo(
        _("We kijken samen naar zorgen en sterke kanten, op alle levensgebieden."),
        _("Alleen met het hele beeld kiezen we hulp die echt past."),
    ),
    Step.GOALS: StepInfo(
        _("U kiest samen hoogstens vijf doelen, in uw eigen woorden, en wat eerst komt."),
        _("Weinig doelen zijn beter te halen."),
    ),
    Step.OWN_STRENGTH: StepInfo(
        _("We kijken wat u zelf kunt doen, en wat de mensen om u heen kunnen doen."),
        _("Hulp van mensen om u heen blijft, ook als de hulpverlener weer weg is."),
    ),
    Step.DECIDING: StepInfo(
        _("We zetten de mogelijkheden voor hulp naast elkaar en beslissen samen."),
        _("U kiest mee welke hulp en welke aanbieder; de gemeente beslist binnen 8 weken."),
    ),
    Step.EXECUTING: StepInfo(
        _("Iedereen doet wat is afgesproken, en we bekijken samen hoe het gaat."),
        _("Zo weten we op tijd of we doorgaan, iets veranderen of stoppen."),
    ),
    Step.CLOSING: StepInfo(
        _("De hulp stopt; we spreken af wat te doen als het weer moeilijk wordt."),
        _("Goede hulp na afloop helpt om vast te houden wat bereikt is."),
    ),
}


@dataclass(frozen=True)
class Move:
    rule: str
    label: Promise


# From-step → allowed next steps. Backward moves (revisits) are allowed to every earlier
# step and need a reason; they are added below rather than listed by hand.
FORWARD: dict[int, dict[int, Move]] = {
    Step.INTRODUCTION: {
        Step.REQUEST: Move("R16", _("Het team is bekend, en of de hulp vrijwillig of verplicht is"))
    },
    Step.REQUEST: {Step.ANALYSIS: Move("R4", _("Hulpvraag en wensen staan in het plan"))},
    Step.ANALYSIS: {Step.GOALS: Move("R6", _("Iedereen is het eens over het hele beeld"))},
    Step.GOALS: {Step.OWN_STRENGTH: Move("R8", _("De doelen en hun volgorde staan vast"))},
    Step.OWN_STRENGTH: {Step.DECIDING: Move("R10", _("Eigen kracht en netwerk zijn bekeken"))},
    Step.DECIDING: {Step.EXECUTING: Move("R14", _("Er is samen besloten over de hulp"))},
    Step.EXECUTING: {Step.CLOSING: Move("R20", _("De doelen zijn bereikt; we ronden af"))},
    Step.CLOSING: {},
}

REVISIT = Move("R3", _("Terug naar een eerdere stap"))


def allowed_moves(from_step: int) -> dict[int, Move]:
    moves = dict(FORWARD[from_step])
    for earlier in range(Step.INTRODUCTION, from_step):
        moves[earlier] = REVISIT
    return moves


def is_revisit(from_step: int, to_step: int) -> bool:
    return to_step < from_step


def check_move(plan: Plan, to_step: int, *, reason: str = "") -> Move:
    """The guard of every step move (R3): one step forward once nothing in
    `move_problems` is left, or back to any earlier step with a reason. Returns the move,
    whose rule the step change records."""
    moves = allowed_moves(plan.step)
    if to_step not in moves:
        raise RuleViolation(
            "R3",
            gettext(
                "Van stap %(a)s kan het plan niet naar stap %(b)s; ga één stap verder of terug."
            )
            % {"a": plan.step, "b": to_step},
        )
    if is_revisit(plan.step, to_step) and not reason.strip():
        raise RuleViolation(
            "R3", gettext("Schrijf op waarom het plan een stap terug gaat."), field="reason"
        )
    problems = move_problems(plan, to_step)
    if problems:
        raise RuleViolation(problems[0].rule, " ".join(map(str, problems)))
    return moves[to_step]


# ---- What each step needs before the next one makes sense ------------------------------


@dataclass(frozen=True)
class Problem:
    """Something that must happen before a step move, and the rule that asks for it."""

    rule: str
    text: str

    def __str__(self) -> str:
        """As people read it: the text, without the rule id (issue 14)."""
        return self.text[:1].upper() + self.text[1:]


# R10, R11: what counts as done for own strength and the family group plan.
OWN_STRENGTH_DONE = ~Q(is_enough="") | ~Q(skip_reason="")
GROUP_PLAN_DONE = (Q(offered_on__isnull=False) & ~Q(answer=GroupPlanAnswer.PENDING)) | ~Q(
    not_offered_reason=""
)


def move_checks(plan: Plan) -> dict[str, BaseExpression]:
    """Everything `move_problems` asks of the plan, as annotations of one query on the
    plan (issue 13: the checks took a dozen); a page may add its own figures to it."""
    of_plan = {"plan": OuterRef("pk")}
    pending = Participant.objects.filter(
        **of_plan,
        role__in=PROFESSIONAL_ROLES,
        approved_by__isnull=True,
        ends_on__isnull=True,
        refused_at__isnull=True,
    )
    if plan.is_compulsory:
        # Under a measure the court appoints the child-protection worker: no consent.
        pending = pending.exclude(role=Role.CHILD_PROTECTION)
    active_goals = Goal.objects.filter(**of_plan, status=GoalStatus.ACTIVE)
    return {
        "parent": Exists(
            Participant.objects.filter(**of_plan, role=Role.PARENT, ends_on__isnull=True)
        ),
        "pending": Exists(pending),
        "request": Exists(FamilyStory.objects.filter(**of_plan).exclude(request_for_help="")),
        "wish": Exists(Wish.objects.filter(**of_plan, withdrawn_at__isnull=True)),
        "active_goal": Exists(active_goals),
        "safety_goal_first": Subquery(
            active_goals.order_by("priority").values("is_safety_goal")[:1]
        ),
        "goal": Exists(Goal.objects.filter(**of_plan)),
        "own_strength": Exists(NetworkAssessment.objects.filter(OWN_STRENGTH_DONE, **of_plan)),
        "group_plan": Exists(FamilyGroupPlan.objects.filter(GROUP_PLAN_DONE, **of_plan)),
        "decision": Exists(Decision.objects.filter(**of_plan)),
        "evaluation": Exists(Evaluation.objects.filter(**of_plan)),
        "held": Exists(Evaluation.objects.filter(**of_plan, held_on__isnull=False)),
        **_picture_checks(),
    }


def _picture_checks() -> dict[str, BaseExpression]:
    """R6 on the current coherent picture, each person's latest position counting."""
    current = Subquery(
        CoherentPicture.objects.filter(plan=OuterRef(OuterRef("pk")), superseded_at__isnull=True)
        .order_by("-created_at", "-id")
        .values("pk")[:1]
    )
    later = PicturePosition.objects.filter(
        picture=OuterRef("picture"), participant=OuterRef("participant")
    ).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    latest = PicturePosition.objects.filter(picture=current).exclude(Exists(later))
    return {
        "picture": Exists(
            CoherentPicture.objects.filter(plan=OuterRef("pk"), superseded_at__isnull=True)
        ),
        "parent_position": Exists(latest.filter(participant__role=Role.PARENT)),
        "disagrees": Exists(latest.filter(position=Position.DISAGREES)),
        "no_action": Exists(latest.filter(position=Position.NO_ACTION)),
        "safety_assessment": Exists(
            Consultation.objects.filter(
                plan=OuterRef("pk"), kind=ConsultationKind.SAFETY_ASSESSMENT, picture=current
            )
        ),
    }


def read_facts(plan: Plan, checks: dict[str, BaseExpression]) -> dict[str, Any]:
    """The plan's answers to `checks`, in one query."""
    return Plan.objects.filter(pk=plan.pk).annotate(**checks).values(*checks).get()


def move_problems(plan: Plan, to_step: int, known: dict[str, Any] | None = None) -> list[Problem]:
    """What still has to happen before the plan can enter `to_step` (empty: it can);
    `known`: the answers to `move_checks`, when a page read them with its own figures."""
    if to_step < plan.step:
        return []
    facts = known if known is not None else read_facts(plan, move_checks(plan))
    problems: list[Problem] = []
    if to_step > Step.INTRODUCTION:
        if plan.coordinator_id is None:
            problems.append(Problem("R16", gettext("kies een zorgcoördinator.")))
        if not facts["parent"]:
            problems.append(
                Problem("R16", gettext("voeg minstens één ouder of verzorger toe aan het plan."))
            )
        if facts["pending"]:
            problems.append(
                Problem(
                    "R16", gettext("het gezin moet nog toestemming geven voor elke hulpverlener.")
                )
            )
    if to_step > Step.REQUEST:
        if not facts["request"]:
            problems.append(
                Problem("R4", gettext("schrijf de hulpvraag op, in de woorden van het gezin."))
            )
        if not facts["wish"]:
            problems.append(
                Problem(
                    "R4", gettext("schrijf op wat ieder gezinslid wil; er staat nog geen wens.")
                )
            )
    if to_step > Step.ANALYSIS:
        problems.extend(_picture_problems(facts))
    if Step.GOALS < to_step < Step.CLOSING:
        if not facts["active_goal"]:
            problems.append(Problem("R8", gettext("stel samen minstens één doel op.")))
        if plan.is_compulsory and not facts["safety_goal_first"]:
            problems.append(
                Problem("R9", gettext("bij verplichte hulp staat een veiligheidsdoel als eerste."))
            )
    elif to_step == Step.CLOSING and not facts["goal"]:
        # Closing follows reached goals (R20): they need not be active any more.
        problems.append(Problem("R8", gettext("er zijn nooit doelen gesteld.")))
    if to_step > Step.OWN_STRENGTH:
        if not facts["own_strength"]:
            problems.append(_own_strength_problem())
        if not facts["group_plan"]:
            problems.append(_group_plan_problem())
    if to_step > Step.DECIDING:
        if not facts["decision"]:
            problems.append(Problem("R14", gettext("leg het besluit over de hulp vast.")))
        if not facts["evaluation"]:
            problems.append(Problem("R19", gettext("plan de evaluaties voordat de hulp begint.")))
    if to_step > Step.EXECUTING and not facts["held"]:
        problems.append(Problem("R19", gettext("evalueer minstens één keer voordat je afrondt.")))
    return problems


def _picture_problems(facts: dict[str, Any]) -> list[Problem]:
    """R6: everyone agrees on the coherent picture; 'does not want to act' needs a
    safety assessment with a behavioural scientist."""
    if not facts["picture"]:
        return [Problem("R6", gettext("beschrijf samen het hele beeld."))]
    problems: list[Problem] = []
    if not facts["parent_position"]:
        problems.append(
            Problem("R6", gettext("vraag de ouders wat zij van het hele beeld vinden."))
        )
    if facts["disagrees"]:
        problems.append(
            Problem("R6", gettext("niet iedereen is het eens met het beeld; bespreek waarom."))
        )
    if facts["no_action"] and not facts["safety_assessment"]:
        problems.append(
            Problem(
                "R6",
                gettext(
                    "iemand wil niets met het beeld doen; schat eerst met de "
                    "gedragswetenschapper de veiligheid in."
                ),
            )
        )
    return problems


def current_picture(plan: Plan) -> CoherentPicture | None:
    return CoherentPicture.objects.filter(plan=plan, superseded_at__isnull=True).first()


def own_strength_problems(plan: Plan) -> list[Problem]:
    """R10: what the family and network do themselves, and whether it is enough."""
    done = NetworkAssessment.objects.filter(OWN_STRENGTH_DONE, plan=plan).exists()
    return [] if done else [_own_strength_problem()]


def _own_strength_problem() -> Problem:
    return Problem(
        "R10",
        gettext(
            "schrijf eerst op wat het gezin en het netwerk zelf doen en of dat genoeg "
            "is, of waarom dat nu niet kan."
        ),
    )


def group_plan_problems(plan: Plan) -> list[Problem]:
    """R11: the offer and the answer, or the reason it was not offered."""
    done = FamilyGroupPlan.objects.filter(GROUP_PLAN_DONE, plan=plan).exists()
    return [] if done else [_group_plan_problem()]


def _group_plan_problem() -> Problem:
    return Problem(
        "R11",
        gettext(
            "bied het gezin een familiegroepsplan aan en schrijf het antwoord op, of "
            "waarom het niet is aangeboden."
        ),
    )
