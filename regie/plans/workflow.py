"""The plan's steps as a table (STYLE habit 5). Every move goes through `check_move`.

Forward moves go one step at a time, each with the conditions the guideline sets before
the next step makes sense; any earlier step can be revisited with a reason (DESIGN §2)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regie.plans.models import Step


@dataclass(frozen=True)
class StepInfo:
    what: Promise  # what happens in this step
    why: Promise  # why, in one plain-language line (R3, 000 "leg uit waarom")


STEPS: dict[int, StepInfo] = {
    Step.INTRODUCTION: StepInfo(
        _("We leren elkaar kennen: wie hoort bij het gezin en wie helpt er mee."),
        _("Zo weet iedereen met wie hij samenwerkt, en beslist u wie er mag meekijken."),
    ),
    Step.REQUEST: StepInfo(
        _("We schrijven op waar jullie mee zitten en wat ieder van jullie wil."),
        _("Uw eigen vraag is het begin van het plan, niet die van de hulpverlener."),
    ),
    Step.ANALYSIS: StepInfo(
        _("We kijken samen naar zorgen en sterke kanten, op alle levensgebieden."),
        _("Alleen met het hele beeld kiezen we hulp die echt past."),
    ),
    Step.GOALS: StepInfo(
        _("Jullie kiezen hoogstens vijf doelen, in jullie eigen woorden, en de volgorde."),
        _("Weinig doelen zijn beter te halen; jullie bepalen wat eerst komt."),
    ),
    Step.OWN_STRENGTH: StepInfo(
        _("We kijken wat jullie zelf en mensen om jullie heen kunnen doen."),
        _("Hulp uit je eigen omgeving blijft, ook als de hulpverlener weer weg is."),
    ),
    Step.DECIDING: StepInfo(
        _("We zetten de mogelijkheden voor hulp naast elkaar en beslissen samen."),
        _("U kiest mee welke hulp en welke aanbieder; de gemeente beslist binnen 8 weken."),
    ),
    Step.EXECUTING: StepInfo(
        _("Iedereen doet wat is afgesproken, en we bekijken samen hoe het gaat."),
        _("Door op tijd te evalueren kunnen we doorgaan, bijstellen of stoppen."),
    ),
    Step.CLOSING: StepInfo(
        _("De hulp stopt; we spreken af wat te doen als het weer moeilijk wordt."),
        _("Goede nazorg helpt om wat bereikt is vast te houden."),
    ),
}


@dataclass(frozen=True)
class Move:
    rule: str
    label: Promise


# From-step → allowed next steps. Backward moves (revisits) are allowed to every earlier
# step and need a reason; they are added below rather than listed by hand.
FORWARD: dict[int, dict[int, Move]] = {
    Step.INTRODUCTION: {Step.REQUEST: Move("R16", _("Team en kader zijn bekend"))},
    Step.REQUEST: {Step.ANALYSIS: Move("R4", _("Hulpvraag en wensen staan in het plan"))},
    Step.ANALYSIS: {Step.GOALS: Move("R6", _("Iedereen is het eens over het samenhangend beeld"))},
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
