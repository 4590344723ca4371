"""An entry with its whole correction story (R2), for the page, PDF and export tests:
written as an observation, disputed, corrected into an assessment, disputed again,
corrected back into an observation, and then agreed with."""

from regie.plans.models import Entry, EntryKind, Verdict
from regie.plans.services.entries import correct_entry, react_to_entry, write_entry
from tests.personas import Cast

FIRST = "Moeder was boos tijdens het huisbezoek."
FIRST_REACTION = "Ik was moe, niet boos."
FIRST_REASON = "Moeder gaf aan dat ze moe was, niet boos."
SECOND = "Moeder leek boos; ik denk dat ze moe was."
SECOND_REACTION = "Ik leek ook niet boos."
SECOND_REASON = "Alleen opgeschreven wat ik zag."
CURRENT = "Moeder was moe tijdens het huisbezoek."
CURRENT_REACTION = "Zo klopt het."


def corrected_twice(cast: Cast) -> Entry:
    """Joost's entry about the home visit, as Sanne disputed it twice."""
    entry = write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body=FIRST
    )
    react_to_entry(
        actor=cast.parent, entry=entry, verdict=Verdict.DISAGREES, comment=FIRST_REACTION
    )
    correct_entry(
        actor=cast.care_provider,
        entry=entry,
        expected_version=1,
        body=SECOND,
        reason=FIRST_REASON,
        kind=EntryKind.ASSESSMENT,
    )
    react_to_entry(
        actor=cast.parent, entry=entry, verdict=Verdict.DISAGREES, comment=SECOND_REACTION
    )
    correct_entry(
        actor=cast.care_provider,
        entry=entry,
        expected_version=2,
        body=CURRENT,
        reason=SECOND_REASON,
        kind=EntryKind.OBSERVATION,
    )
    react_to_entry(actor=cast.parent, entry=entry, verdict=Verdict.AGREES, comment=CURRENT_REACTION)
    entry.refresh_from_db()
    return entry
