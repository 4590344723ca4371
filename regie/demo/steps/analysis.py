"""Step 3, problem and strengths analysis: the life domains, protective factors, the
genogram, entries and reactions (R2), consultations, and the coherent picture (R5, R6)."""

from collections.abc import Sequence
from dataclasses import dataclass

from regie.demo.helpers import domain
from regie.demo.steps.family import Relation, relate
from regie.demo.steps.table import Table
from regie.plans.services import analysis, entries


@dataclass(frozen=True)
class Assessment:
    by: str
    domain: str  # the life domain's name in the plan's domain set
    concerns: str
    strengths: str


@dataclass(frozen=True)
class Factor:
    by: str
    kind: str
    text: str


@dataclass(frozen=True)
class Reaction:
    by: str
    verdict: str
    comment: str = ""


@dataclass(frozen=True)
class Correction:
    """The author rewrites an entry after a reaction; the old version stays (R2)."""

    body: str
    reason: str


@dataclass(frozen=True)
class Note:
    """An entry in the plan, the reactions to it in order, and perhaps its correction."""

    by: str
    kind: str
    body: str
    reactions: tuple[Reaction, ...] = ()
    correction: Correction | None = None


@dataclass(frozen=True)
class Analysis:
    """What step 3 records before the picture; `by` draws the genogram."""

    by: str
    assessments: tuple[Assessment, ...]
    factors: tuple[Factor, ...] = ()
    relations: tuple[Relation, ...] = ()
    notes: tuple[Note, ...] = ()


def analyse(table: Table, found: Analysis) -> None:
    for assessment in found.assessments:
        analysis.assess_domain(
            actor=table.participant(assessment.by),
            plan=table.plan,
            domain=domain(table.plan, assessment.domain),
            concerns=assessment.concerns,
            strengths=assessment.strengths,
        )
    for factor in found.factors:
        analysis.add_protective_factor(
            actor=table.participant(factor.by), plan=table.plan, kind=factor.kind, text=factor.text
        )
    relate(table, found.relations, by=found.by)
    write_notes(table, found.notes)


def write_notes(table: Table, notes: Sequence[Note]) -> None:
    for note in notes:
        entry = entries.write_entry(
            actor=table.participant(note.by), plan=table.plan, kind=note.kind, body=note.body
        )
        for reaction in note.reactions:
            entries.react_to_entry(
                actor=table.participant(reaction.by),
                entry=entry,
                verdict=reaction.verdict,
                comment=reaction.comment,
            )
        if note.correction is not None:
            entries.correct_entry(
                actor=table.participant(note.by),
                entry=entry,
                expected_version=entry.version,
                body=note.correction.body,
                reason=note.correction.reason,
            )


@dataclass(frozen=True)
class Consultation:
    """Advice asked of a colleague (R6); a safety assessment says whether the child is
    safe. It belongs to the picture written before it, if any."""

    by: str
    kind: str
    consultant: str
    days_from_today: int
    question: str
    advice: str
    child_is_safe: bool | None = None


def consult(table: Table, consultation: Consultation) -> None:
    analysis.record_consultation(
        actor=table.participant(consultation.by),
        plan=table.plan,
        kind=consultation.kind,
        consultant=table.participant(consultation.consultant),
        held_on=table.day(consultation.days_from_today),
        question=consultation.question,
        advice=consultation.advice,
        child_is_safe=consultation.child_is_safe,
    )


@dataclass(frozen=True)
class Stance:
    """What one member thinks of the coherent picture (R6)."""

    by: str
    position: str
    reason: str = ""


def write_picture(table: Table, *, by: str, summary: str) -> None:
    analysis.write_picture(actor=table.participant(by), plan=table.plan, summary=summary)


def take_positions(table: Table, stances: Sequence[Stance]) -> None:
    for stance in stances:
        analysis.record_position(
            actor=table.participant(stance.by),
            plan=table.plan,
            position=stance.position,
            reason=stance.reason,
        )
