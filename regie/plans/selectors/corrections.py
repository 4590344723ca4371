"""R2: a corrected entry keeps its story. The current text counts; each text it had
before, what the family said about it and why it was corrected stay one click away.

Oldest first: the story then reads as it happened (what was written, what the family
said, why it changed, what was written next) and ends at the text that counts now, which
the page shows right above it."""

import datetime
from dataclasses import dataclass

from regie.plans.models import Entry, EntryKind, EntryReaction, Participant, Revision


def by_label(participant: Participant) -> str:
    """Who wrote or corrected, as the entry card names them: name, role (organisation)."""
    label = f"{participant.display_name}, {participant.get_role_display()}"
    if participant.organisation is not None:
        label += f" ({participant.organisation})"
    return label


@dataclass
class EarlierVersion:
    """A text an entry had before a correction, the reactions to that text, and the
    correction that replaced it."""

    version: int
    body: str
    kind: str
    written_at: datetime.datetime
    written_by: Participant
    reactions: list[EntryReaction]
    corrected_at: datetime.datetime
    corrected_by: Participant
    reason: str

    @property
    def kind_label(self) -> str:
        return str(EntryKind(self.kind).label)


def attach_earlier_versions(entries: list[Entry]) -> list[Entry]:
    """Give each entry its `earlier_versions`, oldest first: one query for all of them,
    none when nothing was corrected. Reactions come from the entries' prefetched ones."""
    corrected = [entry.pk for entry in entries if entry.corrected_at is not None]
    revisions: dict[int, list[Revision]] = {}
    if corrected:
        rows = Revision.objects.filter(
            record_type=Entry._meta.label, record_id__in=corrected
        ).select_related(
            "changed_by__person", "changed_by__user", "changed_by__organisation"
        )  # ordered by record and version
        for revision in rows:
            if "body" in revision.data:  # a correction, not another kind of edit
                revisions.setdefault(revision.record_id, []).append(revision)
    for entry in entries:
        entry.earlier_versions = _story(entry, revisions.get(entry.pk, []))
    return entries


def _story(entry: Entry, revisions: list[Revision]) -> list[EarlierVersion]:
    reactions = list(entry.reactions.all())
    story: list[EarlierVersion] = []
    kind = entry.kind
    # Newest first, because a revision keeps the kind only when the correction changed it.
    for index in range(len(revisions) - 1, -1, -1):
        revision = revisions[index]
        kind = revision.data.get("kind", kind)
        before = revisions[index - 1] if index else None
        story.append(
            EarlierVersion(
                version=revision.version,
                body=revision.data["body"],
                kind=kind,
                written_at=before.changed_at if before else entry.created_at,
                written_by=before.changed_by if before else entry.created_by,
                reactions=[r for r in reactions if r.entry_version == revision.version],
                corrected_at=revision.changed_at,
                corrected_by=revision.changed_by,
                reason=revision.reason,
            )
        )
    return story[::-1]
