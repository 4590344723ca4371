"""The professionals around the family: who is invited and approved (R16), what is shared
with whom (A3b), who read the story, the meetings, what organisations tell each other, and
complaints (R22)."""

from collections.abc import Sequence
from dataclasses import dataclass

from regie.demo.steps.table import Table
from regie.plans.services import complaints, meetings, plans, sharing, team


@dataclass(frozen=True)
class Invitation:
    """A professional joins as `name`. Invited by a parent, they are approved by that
    invitation; invited by a professional, they wait for `approved_by` (R16)."""

    name: str
    username: str
    role: str
    invited_by: str
    task: str = ""
    approved_by: str | None = None


def add_professionals(table: Table, invitations: Sequence[Invitation]) -> None:
    for invitation in invitations:
        table.participants[invitation.name] = team.add_professional(
            actor=table.participant(invitation.invited_by),
            plan=table.plan,
            user=table.user(invitation.username),
            role=invitation.role,
            task=invitation.task,
        )
        if invitation.approved_by is not None:
            approve(table, invitation.name, by=invitation.approved_by)


def approve(table: Table, name: str, *, by: str) -> None:
    """The family confirms a professional at the table (R16)."""
    team.approve_professional(actor=table.participant(by), participant=table.participant(name))


@dataclass(frozen=True)
class Share:
    """`by` opens a part to `member`: the family, or in a compulsory framework the
    child-protection worker for school or GP, with the reason (A3b)."""

    by: str
    member: str
    kind: str
    reason: str = ""


def share(table: Table, shares: Sequence[Share]) -> None:
    for part in shares:
        sharing.share_part(
            actor=table.participant(part.by),
            plan=table.plan,
            member=table.participant(part.member),
            kind=part.kind,
            reason=part.reason,
        )


def confirm_reading(table: Table, names: Sequence[str]) -> None:
    """The professionals confirm they read the family's story."""
    for name in names:
        plans.confirm_story_read(actor=table.participant(name), plan=table.plan)


@dataclass(frozen=True)
class Meeting:
    by: str
    title: str
    days_from_today: int
    hour: int
    minute: int
    attendees: tuple[tuple[str, str], ...]  # name, what they bring to the meeting


def plan_meeting(table: Table, meeting: Meeting) -> None:
    meetings.plan_meeting(
        actor=table.participant(meeting.by),
        plan=table.plan,
        title=meeting.title,
        planned_at=table.at(meeting.days_from_today, meeting.hour, meeting.minute),
        attendees=[(table.participant(name), note) for name, note in meeting.attendees],
    )


@dataclass(frozen=True)
class InformationAgreement:
    by: str
    from_organisation: str
    to_organisation: str
    what: str
    frequency: str


def agree_on_information(table: Table, agreement: InformationAgreement) -> None:
    team.add_information_agreement(
        actor=table.participant(agreement.by),
        plan=table.plan,
        from_organisation=table.organisation(agreement.from_organisation),
        to_organisation=table.organisation(agreement.to_organisation),
        what=agreement.what,
        frequency=agreement.frequency,
    )


@dataclass(frozen=True)
class Complaint:
    """A complaint about an organisation in the plan (R22), and how it was received."""

    by: str
    organisation: str
    kind: str
    text: str
    handled_by: str
    status: str
    note: str


def complain(table: Table, complaint: Complaint) -> None:
    filed = complaints.file_complaint(
        actor=table.participant(complaint.by),
        plan=table.plan,
        organisation=table.organisation(complaint.organisation),
        kind=complaint.kind,
        text=complaint.text,
    )
    complaints.update_complaint(
        actor=table.participant(complaint.handled_by),
        complaint=filed,
        status=complaint.status,
        note=complaint.note,
    )
