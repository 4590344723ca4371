"""Setting up each kind of due reminder in the Jansen plan, and running the command the
way cron does, with the e-mail tasks run at once (ImmediateBackend) into mail.outbox."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from regie.plans.models import (
    Decision,
    Entry,
    EntryKind,
    Evaluation,
    Funding,
    HelpOption,
)
from regie.plans.services import entries, evaluation, goals, help, invitations
from tests.personas import Cast

SECRET = "GEHEIM-DOSSIER-4711"  # case content written in the plan; no reminder may carry it
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def today() -> datetime.date:
    return timezone.localdate()


def run_reminders() -> None:
    call_command("run_reminders", verbosity=0)


def evaluation_due(cast: Cast) -> Evaluation:
    return evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        scheduled_for=today() + datetime.timedelta(days=5),
    )


def evaluation_overdue(cast: Cast) -> Evaluation:
    scheduled = evaluation_due(cast)
    Evaluation.objects.filter(pk=scheduled.pk).update(
        scheduled_for=today() - datetime.timedelta(days=1)
    )
    return scheduled


def decision(cast: Cast) -> Decision:
    """A decision on help the family and network arrange themselves (no R10/R11 needed)."""
    option = HelpOption.objects.create(
        plan=cast.plan,
        created_by=cast.parent,
        title=SECRET,
        pros=SECRET,
        cons=SECRET,
        is_professional_help=False,
    )
    return help.decide(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        option=option,
        rationale=SECRET,
        funding=Funding.NONE,
        aftercare=SECRET,
    )


def application_in_week_six(cast: Cast) -> None:
    help.file_application(
        actor=cast.wijkteam_worker,
        decision=decision(cast),
        submitted_on=today() - datetime.timedelta(weeks=6, days=1),
    )


def application_at_deadline(cast: Cast) -> None:
    help.file_application(
        actor=cast.wijkteam_worker,
        decision=decision(cast),
        submitted_on=today() - datetime.timedelta(weeks=8),
    )


def entry_waiting(cast: Cast) -> Entry:
    entry = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body=SECRET,
        about=cast.youth16,
    )
    Entry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    return entry


def aftercare_moment(cast: Cast) -> None:
    evaluation.add_aftercare(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        kind="contact",
        description=SECRET,
        planned_on=today() + datetime.timedelta(days=3),
        owner=cast.care_provider,
    )


def network_action_due(cast: Cast) -> None:
    goals.add_action(
        actor=cast.parent,
        plan=cast.plan,
        description=SECRET,
        owner=cast.grandmother,
        due_on=today() + datetime.timedelta(days=2),
    )


def check_in_due(cast: Cast) -> None:
    made = decision(cast)
    Decision.objects.filter(pk=made.pk).update(
        created_at=timezone.now() - datetime.timedelta(weeks=4, days=1)
    )


def invitation_expiring(cast: Cast) -> None:
    invitation, _token = invitations.invite(
        actor=cast.wijkteam_worker, plan=cast.plan, member=cast.second_parent
    )
    invitation.expires_at = timezone.now() + datetime.timedelta(days=1)
    invitation.save(update_fields=["expires_at"])
