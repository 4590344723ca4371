"""The family's own data export (AVG art. 15 inzage, art. 20 dataportabiliteit; issue 6).

A ZIP with:
- data.json: everything this person may see about themselves and their plan, read
  through the same page selectors as the screens (so a parent never gets what a youth
  keeps from them, A4), with public ids instead of database ids, and their own
  access-log rows (without user ids or addresses);
- the plan as PDF (the family version, as this person sees it);
- access-log.csv: this plan's access-log rows as "Wie heeft ons plan bekeken?" shows
  them (Wabvpz art. 15e): no user ids or addresses, no outsider's name (A5).

Each entry carries its versions, oldest first (R2): the text, why it replaced the one
before, when and by whom; the last one is the text that counts.

Left out on purpose: invitation tokens, password data and other logins' account rows."""

import csv
import dataclasses
import datetime
import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.access import policy
from regie.access import selectors as log_selectors
from regie.access.models import AccessLogEntry
from regie.access.policy import Section
from regie.access.requests import csv_cell
from regie.exports.document import PlanReads, read_plan
from regie.exports.pdf import html_to_pdf, render_html
from regie.plans import selectors
from regie.plans.models import (
    AftercareAgreement,
    Application,
    ClosingVoice,
    Complaint,
    Decision,
    Entry,
    EntryKind,
    HelpOption,
    InformationAgreement,
    Participant,
    Plan,
    Share,
    Step,
    StepChange,
)
from regie.plans.selectors.common import with_author
from regie.plans.selectors.corrections import by_label

# 2: the access-log rows are the family's lines (who, role, what), without ids or addresses.
FORMAT = "regie-inzage/2"  # entries' versions (R2) were added without changing a field
_SKIPPED_FIELDS = {"id", "plan", "family", "token_hash", "password", "session_generation"}


class _Serializer:
    """Model instances as plain dicts. Foreign keys become the related record's public
    id (or its name, for catalogue rows without one); logins are never followed."""

    def __init__(self) -> None:
        self.user_model = get_user_model()
        self.names: dict[tuple[str, Any], Any] = {}

    def know(self, objects: Iterable[models.Model]) -> None:
        for obj in objects:
            self.names[(obj._meta.label, obj.pk)] = getattr(obj, "public_id", None) or str(obj)

    def _related(self, obj: models.Model, field: models.ForeignKey[Any, Any]) -> Any:
        raw = getattr(obj, field.attname)
        if raw is None:
            return None
        remote = field.related_model
        if not isinstance(remote, type):
            raise TypeError(f"{field} has no model to point to.")
        key = (remote._meta.label, raw)
        if key not in self.names:
            related = getattr(obj, field.name)
            self.names[key] = getattr(related, "public_id", None) or str(related)
        return self.names[key]

    def row(self, obj: models.Model, **extra: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in obj._meta.concrete_fields:
            if field.name in _SKIPPED_FIELDS:
                continue
            if isinstance(field, models.ForeignKey):
                if field.related_model is self.user_model:
                    continue
                data[field.name] = self._related(obj, field)
                continue
            value = getattr(obj, field.attname)
            data[field.name] = value
            if field.choices and value not in (None, ""):
                data[f"{field.name}_text"] = str(getattr(obj, f"get_{field.name}_display")())
        data.update(extra)
        return data

    def rows(self, objects: Iterable[models.Model]) -> list[dict[str, Any]]:
        return [self.row(obj) for obj in objects]


def _participant(s: _Serializer, member: Participant) -> dict[str, Any]:
    return s.row(
        member,
        name=member.display_name,
        organisation_name=member.organisation.name if member.organisation else "",
        is_coordinator=member.pk == member.plan.coordinator_id,
    )


def _own_contact(viewer: Participant) -> dict[str, Any] | None:
    user = viewer.user if viewer.user_id else None
    if user is None:
        return None
    return {
        "phone": user.contact_phone,
        "email": user.contact_email,
        "shown_to_others": user.shows_contact,
    }


def _versions(entry: Entry) -> list[dict[str, Any]]:
    """R2: every text the entry had, oldest first; each says why it replaced the one
    before it (empty for the first), when and by whom. The last one counts."""
    rows = []
    reason = ""
    for old in entry.earlier_versions:
        rows.append(_version(old.version, old.body, old.kind, old.written_at, old.written_by))
        rows[-1]["reason"] = reason
        reason = old.reason
    last = entry.earlier_versions[-1] if entry.earlier_versions else None
    when, by = (
        (last.corrected_at, last.corrected_by) if last else (entry.created_at, entry.created_by)
    )
    rows.append(_version(entry.version, entry.body, entry.kind, when, by))
    rows[-1] |= {"reason": reason, "counts": True}
    return rows


def _version(
    number: int, text: str, kind: str, when: datetime.datetime, by: Participant
) -> dict[str, Any]:
    return {
        "version": number,
        "text": text,
        "kind": kind,
        "kind_text": str(EntryKind(kind).label),
        "written_at": when,
        "written_by": by_label(by),
        "counts": False,
    }


def _analysis(s: _Serializer, analysis: selectors.AnalysisData) -> dict[str, Any]:
    s.know(analysis.pictures)
    return {
        "domain_assessments": s.rows(analysis.assessments),
        "protective_factors": s.rows(analysis.factors),
        "coherent_pictures": [
            s.row(picture, positions=s.rows(picture.positions.all()))
            for picture in analysis.pictures
        ],
        "consultations": s.rows(analysis.consultations),
    }


def _deciding(s: _Serializer, plan: Plan, decisions: list[Decision]) -> dict[str, Any]:
    options = list(
        with_author(HelpOption.objects.filter(plan=plan))
        .select_related("intervention")
        .prefetch_related("goals", "preferences")
    )
    applications = Application.objects.filter(plan=plan).prefetch_related("late_notices")
    prefetch_related_objects(decisions, "agreements")
    s.know(options)
    s.know(decisions)
    return {
        "help_options": [
            s.row(
                option,
                goals=[goal.public_id for goal in option.goals.all()],
                preferences=s.rows(option.preferences.all()),
            )
            for option in options
        ],
        "decisions": [
            s.row(decision, agreements=s.rows(decision.agreements.all())) for decision in decisions
        ],
        "applications": [
            s.row(application, late_notices=s.rows(application.late_notices.all()))
            for application in applications
        ],
    }


def _executing(s: _Serializer, plan: Plan, reads: PlanReads) -> dict[str, Any]:
    s.know(reads.evaluations)
    prefetch_related_objects(reads.meetings, "attendees")
    agreements = with_author(InformationAgreement.objects.filter(plan=plan)).select_related(
        "from_organisation", "to_organisation"
    )
    return {
        "evaluations": [
            s.row(evaluation, scores=s.rows(evaluation.scores.all()))
            for evaluation in reads.evaluations
        ],
        "meetings": [
            s.row(meeting, attendees=s.rows(meeting.attendees.all())) for meeting in reads.meetings
        ],
        "information_agreements": s.rows(agreements),
    }


def _step_records(
    s: _Serializer, plan: Plan, today: datetime.date, viewer: Participant, reads: PlanReads
) -> dict[str, Any]:
    """What the step pages show this person, page by page, read by the same selectors
    (the printed plan's records once, issue 13)."""
    seen = reads.seen
    opens = {step for step in Step.values if policy.may_open_step(viewer, step, seen)}
    records: dict[str, Any] = {}
    if Section.WISHES in seen:
        records["wishes"] = s.rows(reads.wishes)
    if Section.ENTRIES in seen:
        records["entries"] = [
            s.row(entry, reactions=s.rows(entry.reactions.all()), versions=_versions(entry))
            for entry in reads.entries
        ]
    if Section.ANALYSIS in seen:
        records |= _analysis(s, selectors.analysis_data(plan, today, viewer, seen))
    if Step.GOALS in opens:
        s.know(reads.goals)
        records["goals"] = s.rows(reads.goals)
        records["conditions"] = s.rows(reads.conditions)
    if Step.OWN_STRENGTH in opens:
        assessment = selectors.network_assessment(plan)
        group_plan = selectors.group_plan(plan)
        records |= {
            "network_assessment": s.row(assessment) if assessment else None,
            "family_group_plan": s.row(group_plan) if group_plan else None,
            "actions": s.rows(reads.actions),
        }
    if Step.DECIDING in opens:
        records |= _deciding(s, plan, reads.decisions)
    if Step.EXECUTING in opens:
        records |= _executing(s, plan, reads)
    if Step.CLOSING in opens:
        aftercare = with_author(AftercareAgreement.objects.filter(plan=plan))
        records["aftercare"] = s.rows(aftercare.select_related("owner__person", "owner__user"))
        # Issue 15: one's own answers at the end, as step 8 shows them; nobody else's.
        voice = ClosingVoice.objects.filter(plan=plan, created_by=viewer).first()
        records["my_closing_voice"] = s.row(voice) if voice else None
    return records


def export_data(
    plan: Plan, viewer: Participant, today: datetime.date, *, reads: PlanReads | None = None
) -> dict[str, Any]:
    """Everything `viewer` may see of the plan, in one JSON-ready dict. `reads`: the
    printed plan's records, when the caller read them already."""
    if reads is None:
        reads = read_plan(plan, viewer, today, policy.sections(viewer))
    seen = reads.seen
    s = _Serializer()
    s.know(reads.team)
    s.know(m.organisation for m in reads.team if m.organisation is not None)
    intro = policy.may_open_step(viewer, Step.INTRODUCTION, seen)
    family = plan.family
    persons = list(family.persons.all()) if intro else []
    s.know(persons)
    records = _step_records(s, plan, today, viewer, reads)
    if Section.COMPLAINTS in seen:
        complaints = Complaint.objects.filter(plan=plan).select_related("organisation")
        records["complaints"] = [
            s.row(complaint, updates=s.rows(complaint.updates.all()))
            for complaint in complaints.prefetch_related("updates")
        ]
    if intro:
        records["shares"] = s.rows(Share.objects.filter(plan=plan, revoked_at__isnull=True))
    if Section.HISTORY in seen:
        step_changes = StepChange.objects.filter(plan=plan).order_by("-changed_at", "-id")
        records["step_changes"] = s.rows(step_changes[:10])  # as the overview lists them
    coordinator = [m for m in reads.team if m.pk == plan.coordinator_id]
    return {
        "format": FORMAT,
        "made_at": timezone.now(),
        "made_for": {
            "participant": viewer.public_id,
            "name": viewer.display_name,
            "role": viewer.role,
            # Issue 14: one's own phone and e-mail for the others, and whether shown.
            "contact": _own_contact(viewer),
        },
        "family": s.row(family),
        "persons": s.rows(persons),
        "relations": s.rows(family.relations.all() if intro else []),
        "plan": s.row(plan),
        "story": s.row(plan.story) if Section.STORY in seen else None,
        # A3: without the team, who coordinates (the overview's rule).
        "team": [
            _participant(s, member)
            for member in (reads.team if Section.TEAM in seen else coordinator)
        ],
        "kept_from_you": reads.kept_notes,
        "records": records,
        "my_access_log": own_log_rows(plan, viewer),
    }


def _family_row(row: AccessLogEntry) -> dict[str, Any]:
    return dataclasses.asdict(log_selectors.family_line(row))


def own_log_rows(plan: Plan, viewer: Participant) -> list[dict[str, Any]]:
    """This person's own rows: what they did in this plan, and their account's rows. As
    the family's log shows them: no user ids, no addresses (those are for the privacy
    officer, A5)."""
    if viewer.user_id is None:
        return []
    rows = (
        AccessLogEntry.objects.filter(user_id=viewer.user_id, is_tombstone=False)
        .filter(models.Q(plan_id=plan.public_id) | models.Q(plan_id__isnull=True))
        .order_by("id")
    )
    return [_family_row(row) for row in rows.iterator(chunk_size=2000)]


def access_log_csv(plan: Plan) -> str:
    """This plan's access-log rows as "Wie heeft ons plan bekeken?" shows them, oldest
    first: no user ids, no addresses, no outsider's name (A5)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([header for _field, header in log_selectors.FAMILY_EXPORT_COLUMNS])
    fields = [field for field, _header in log_selectors.FAMILY_EXPORT_COLUMNS]
    for row in log_selectors.plan_log(plan.public_id).order_by("id").iterator(chunk_size=2000):
        line = log_selectors.family_line(row)
        writer.writerow([csv_cell(getattr(line, field)) for field in fields])
    return out.getvalue()


README = _(
    """Uw gegevens uit Regie
=====================

data.json       alles wat u in Regie over uzelf en uw gezinsplan mag zien
gezinsplan.pdf  het plan om te lezen of te printen
access-log.csv  wie uw plan heeft bekeken of veranderd, en wanneer

Vragen? Stel ze aan de zorgcoördinator van uw plan.
"""
)


def data_zip(
    plan: Plan,
    viewer: Participant,
    today: datetime.date,
    *,
    seen: frozenset[Section] | None = None,
) -> bytes:
    """`seen`: the sections the request computed once. The records are read once, for
    data.json and the PDF alike."""
    reads = read_plan(plan, viewer, today, policy.sections(viewer) if seen is None else seen)
    data = export_data(plan, viewer, today, reads=reads)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        archive.writestr(
            "gezinsplan.pdf", html_to_pdf(render_html(plan, viewer, today, reads=reads))
        )
        archive.writestr("access-log.csv", access_log_csv(plan))
        archive.writestr("LEESMIJ.txt", str(README))
    return buffer.getvalue()
