"""Step 6, deciding on help: options, what everyone prefers (R12, R13), the decision and
who agrees with it (R14), and the application to the municipality."""

from collections.abc import Sequence
from dataclasses import dataclass

from regie.demo.helpers import intervention
from regie.demo.steps.table import Table
from regie.plans.models import Decision, HelpOption
from regie.plans.services import help as help_service


@dataclass(frozen=True)
class Option:
    """A way to reach goals (by key), known at the table by `key`."""

    key: str
    by: str
    title: str
    pros: str
    cons: str
    description: str = ""
    fit: str = ""
    intervention: str = ""  # a catalogue code
    goals: tuple[str, ...] = ()
    is_professional_help: bool = True


@dataclass(frozen=True)
class Opinion:
    by: str
    option: str
    preference: str
    reason: str


@dataclass(frozen=True)
class Choice:
    """The decision: which option, why, and who provides it; `provider` is an
    organisation's key, chosen by the family member `provider_chosen_by`."""

    by: str
    option: str
    rationale: str
    provider: str
    provider_chosen_by: str
    funding: str
    aftercare: str


@dataclass(frozen=True)
class Consent:
    by: str
    agrees: bool
    comment: str = ""


def decide_help(
    table: Table,
    options: Sequence[Option],
    choice: Choice,
    opinions: Sequence[Opinion] = (),
    consents: Sequence[Consent] = (),
) -> Decision:
    proposed = {option.key: _propose(table, option) for option in options}
    for opinion in opinions:
        help_service.give_preference(
            actor=table.participant(opinion.by),
            option=proposed[opinion.option],
            preference=opinion.preference,
            reason=opinion.reason,
        )
    decision = help_service.decide(
        actor=table.participant(choice.by),
        plan=table.plan,
        option=proposed[choice.option],
        rationale=choice.rationale,
        provider=table.organisation(choice.provider),
        provider_chosen_by=table.participant(choice.provider_chosen_by),
        funding=choice.funding,
        aftercare=choice.aftercare,
    )
    for consent in consents:
        help_service.agree_to_decision(
            actor=table.participant(consent.by),
            decision=decision,
            agrees=consent.agrees,
            comment=consent.comment,
        )
    return decision


def _propose(table: Table, option: Option) -> HelpOption:
    return help_service.propose_option(
        actor=table.participant(option.by),
        plan=table.plan,
        title=option.title,
        description=option.description,
        intervention=intervention(option.intervention) if option.intervention else None,
        goals=[table.goal(key) for key in option.goals],
        is_professional_help=option.is_professional_help,
        pros=option.pros,
        cons=option.cons,
        fit=option.fit,
    )


@dataclass(frozen=True)
class Filing:
    """The application to the municipality, and its outcome once decided."""

    by: str
    submitted_on: int  # days from today
    outcome: str = ""
    decided_on: int = 0


def apply_for(table: Table, decision: Decision, filing: Filing) -> None:
    application = help_service.file_application(
        actor=table.participant(filing.by),
        decision=decision,
        submitted_on=table.day(filing.submitted_on),
    )
    if filing.outcome:
        help_service.record_application_outcome(
            actor=table.participant(filing.by),
            application=application,
            outcome=filing.outcome,
            decided_on=table.day(filing.decided_on),
        )
