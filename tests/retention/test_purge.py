"""A8 retention: a closed plan is kept 20 years after help ended (configurable) and then
purged by `manage.py purge_expired_plans`, which logs that it did. With a frozen clock:
one day past the term nothing of the plan remains in any table but the log's tombstones;
before it nothing is removed."""

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from pytest_django import Settings

from regie.access import log as access_log
from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.access.verify import verify_chain
from regie.accounts.models import Invitation, User
from regie.accounts.services import renew_recovery_codes
from regie.families.models import Family, Person, RelationKind
from regie.plans.models import (
    EntryKind,
    Goal,
    Participant,
    Plan,
    PlanStatus,
    Revision,
    Role,
    ShareKind,
    Step,
    StepChange,
    Verdict,
)
from regie.plans.services import plans, team
from regie.plans.services.complaints import file_complaint
from regie.plans.services.entries import react_to_entry, write_entry
from regie.plans.services.goals import add_action
from regie.plans.services.meetings import plan_meeting
from regie.plans.services.retention import (
    WHY_TERM_EXPIRED,
    add_years,
    expired_plans,
    kept_until,
    purge_expired_plans,
    request_destruction,
)
from regie.plans.services.sharing import share_part
from tests.personas import (
    Cast,
    build_cast,
    close_out,
    last_log_id,
    make_user,
    new_rows_since,
    walk_to,
)
from tests.retention.traces import FAMILY_NAMES, footprint, leftovers, log_leaks

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Third-party models without type stubs, looked up by name.
TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
AccessAttempt = apps.get_model("axes", "AccessAttempt")
AccessFailureLog = apps.get_model("axes", "AccessFailureLog")
HELP_ENDED = datetime.date(2025, 3, 10)
TERM_ENDS = datetime.date(2045, 3, 10)  # 20 years: still kept on this day


@contextmanager
def on(day: datetime.date) -> Iterator[None]:
    """Freeze the clock at ten in the morning (Amsterdam) on `day`."""
    moment = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=True):
        yield


def closed_cast(day: datetime.date = HELP_ENDED) -> Cast:
    """The Jansen plan walked through all eight steps and closed on `day`, with a complaint
    and a pending destruction request on it, so there is history in many tables."""
    with on(day):
        cast = build_cast()
        leave_history(cast)
        walk_to(cast, Step.OWN_STRENGTH)
        add_action(
            actor=cast.parent,
            plan=cast.plan,
            description="Oma haalt Noa op woensdag op.",
            owner=cast.grandmother,
            goal=Goal.objects.filter(plan=cast.plan).first(),
        )
        close_out(cast)
        request_destruction(actor=cast.parent, plan=cast.plan, reason="Ik wil het kwijt.")
    cast.refresh()
    return cast


def leave_history(cast: Cast) -> None:
    """Something in every kind of table a plan can touch: a note about Noa and the family's
    reaction, a relation in the genogram, what is shared with oma, a meeting, a complaint
    and an invitation."""
    entry = write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Noa zat stil aan tafel.",
        about=cast.youth13,
    )
    react_to_entry(actor=cast.parent, entry=entry, verdict=Verdict.DISAGREES, comment="Ze was moe.")
    assert cast.parent.person is not None and cast.youth13.person is not None
    team.add_relation(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        from_person=cast.parent.person,
        to_person=cast.youth13.person,
        kind=RelationKind.PARENT_OF,
    )
    share_part(actor=cast.parent, plan=cast.plan, member=cast.grandmother, kind=ShareKind.GOALS)
    plan_meeting(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        title="Keukentafelgesprek",
        planned_at=timezone.now() + datetime.timedelta(days=7),
        attendees=[(cast.parent, "moeder"), (cast.grandmother, "haalt de kinderen op")],
    )
    file_complaint(
        actor=cast.parent,
        plan=cast.plan,
        organisation=cast.provider_org,
        kind="complaint",
        text="Joost kwam twee keer te laat.",
    )
    # Oma started setting up a second factor (no log row yet).
    TOTPDevice.objects.create(user=cast.grandmother_user, name="app", confirmed=False)
    # Test setup: no invitation service yet; the row is what retention must remove.
    Invitation.objects.create(
        token_hash="0" * 64,
        participant=cast.grandmother,
        email="ria@example.org",
        created_by=cast.wijkteam_worker,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )


def family_users(cast: Cast) -> list[User]:
    return [cast.parent_user, cast.youth16_user, cast.youth13_user, cast.grandmother_user]


def professional_users(cast: Cast) -> list[User]:
    return [cast.wijkteam_user, cast.care_provider_user, cast.behavioural_scientist_user]


def test_a8_retention_term_is_twenty_years_after_help_ended(settings: Settings) -> None:
    cast = closed_cast()
    assert cast.plan.help_ended_on == HELP_ENDED
    assert kept_until(cast.plan) == TERM_ENDS
    settings.REGIE_RETENTION_YEARS = 7
    assert kept_until(cast.plan) == datetime.date(2032, 3, 10)


def test_a8_29_february_counts_as_28_february_in_a_common_year() -> None:
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert add_years(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)
    assert add_years(datetime.date(2025, 2, 28), -1) == datetime.date(2024, 2, 28)
    assert add_years(datetime.date(2028, 2, 29), -20) == datetime.date(2008, 2, 29)
    assert add_years(datetime.date(2028, 2, 29), -1) == datetime.date(2027, 2, 28)


def test_a8_plan_closed_on_29_february_goes_the_day_after_28_february() -> None:
    cast = closed_cast(datetime.date(2024, 2, 29))
    assert cast.plan.help_ended_on == datetime.date(2024, 2, 29)
    # 2044 is a leap year: 20 years after 29 February 2024 is 29 February 2044.
    assert list(expired_plans(datetime.date(2044, 2, 29))) == []
    assert list(expired_plans(datetime.date(2044, 3, 1))) == [cast.plan]


def test_a8_29_february_with_a_term_ending_in_a_common_year(settings: Settings) -> None:
    cast = closed_cast(datetime.date(2024, 2, 29))
    settings.REGIE_RETENTION_YEARS = 1
    assert kept_until(cast.plan) == datetime.date(2025, 2, 28)
    assert list(expired_plans(datetime.date(2025, 2, 28))) == []
    assert list(expired_plans(datetime.date(2025, 3, 1))) == [cast.plan]


@pytest.mark.parametrize(
    "day", [TERM_ENDS - datetime.timedelta(days=1), TERM_ENDS], ids=["day-before", "last-day"]
)
def test_a8_nothing_is_removed_before_the_term_has_passed(day: datetime.date) -> None:
    cast = closed_cast()
    before = last_log_id()
    with on(day):
        out = io.StringIO()
        call_command("purge_expired_plans", stdout=out)
    assert "0 plannen verwijderd" in out.getvalue()
    assert Plan.objects.filter(pk=cast.plan.pk).exists()
    assert Family.objects.filter(pk=cast.family.pk).exists()
    assert User.objects.filter(pk=cast.parent_user.pk).exists()
    assert not AccessLogEntry.objects.filter(plan_id=cast.plan.public_id, is_tombstone=True)
    assert new_rows_since(before) == []


def test_a8_one_day_past_the_term_nothing_of_the_plan_remains() -> None:
    cast = closed_cast()
    print_ = footprint(cast.plan, family_goes=True, users=family_users(cast))
    # The walk sees the plan's whole history, not just the plan row.
    for model in (Participant, Person, Revision, StepChange, User, Invitation, TOTPDevice):
        assert print_.count(model) > 0, model
    assert print_.log_row_ids
    plan_id = cast.plan.public_id
    before = last_log_id()

    with on(TERM_ENDS + datetime.timedelta(days=1)):
        out = io.StringIO()
        call_command("purge_expired_plans", stdout=out)

    assert "1 plan verwijderd" in out.getvalue()
    assert leftovers(print_) == []
    assert not Plan.objects.filter(public_id=plan_id).exists()
    # Professionals and their organisations stay: they belong to other plans too.
    for user in professional_users(cast):
        assert User.objects.filter(pk=user.pk).exists()
    # The log keeps its rows as tombstones, with nothing that says who or about whom.
    tombstones = AccessLogEntry.objects.filter(id__in=print_.log_row_ids)
    assert tombstones.count() == len(print_.log_row_ids)
    for row in tombstones:
        assert row.is_tombstone
        assert (row.user_id, row.user_label, row.family_id, row.plan_id) == (None, "", None, None)
        assert (row.ip_address, row.object_id, row.on_behalf_of) == (None, "", "")
    assert log_leaks(FAMILY_NAMES) == []
    # One new row says the plan was purged, and why, naming no one.
    [purged] = new_rows_since(before)
    assert purged.event == Event.PLAN_PURGED.code
    assert purged.action == "delete"
    assert purged.plan_id == plan_id
    assert purged.family_id is None
    assert (purged.user_id, purged.user_label, purged.role) == (None, "Regie", "")
    assert purged.part == WHY_TERM_EXPIRED


def test_a8_after_a_purge_the_access_log_chain_still_verifies() -> None:
    """A8 + A5: the plan's rows, sealed long before, become tombstones of the recorded
    purge, and the whole chain still verifies."""
    closed_cast()
    access_log.seal_everything()
    assert verify_chain().ok
    with on(TERM_ENDS + datetime.timedelta(days=1)):
        assert purge_expired_plans() == 1
        access_log.seal_everything()
    result = verify_chain()
    assert result.ok, (result.bad_row_id, result.explanation)
    assert AccessLogEntry.objects.filter(is_tombstone=True).exists()


def test_a8_an_open_plan_is_never_purged() -> None:
    with on(HELP_ENDED):
        cast = build_cast()
    with on(datetime.date(2075, 1, 1)):
        out = io.StringIO()
        call_command("purge_expired_plans", stdout=out)
    assert "0 plannen verwijderd" in out.getvalue()
    plan = cast.refresh()
    assert plan.status == PlanStatus.OPEN
    assert list(expired_plans(datetime.date(2075, 1, 1))) == []


def test_a8_dry_run_counts_and_removes_nothing() -> None:
    cast = closed_cast()
    before = last_log_id()
    with on(TERM_ENDS + datetime.timedelta(days=1)):
        out = io.StringIO()
        call_command("purge_expired_plans", "--dry-run", stdout=out)
    assert "Proefdraai: 1 plan" in out.getvalue()
    assert Plan.objects.filter(pk=cast.plan.pk).exists()
    assert new_rows_since(before) == []


def test_a8_purge_takes_only_the_expired_plan_and_keeps_a_family_with_a_newer_plan() -> None:
    """The family came back for help later: its old plan goes, the family, its people and
    their logins stay with the new plan."""
    cast = closed_cast()
    with on(datetime.date(2040, 6, 1)):
        newer = plans.open_plan(by=cast.wijkteam_user, family=cast.family)
        opener = newer.coordinator
        assert opener is not None
        parent_person = Person.objects.get(user=cast.parent_user)
        team.add_family_participant(
            actor=opener, plan=newer, person=parent_person, role=Role.PARENT
        )
    old_print = footprint(cast.plan, family_goes=False, users=[])
    old_print.markers = (str(cast.plan.public_id),)  # the family's names rightly stay
    family_log_rows = AccessLogEntry.objects.filter(plan_id=newer.public_id).count()
    before = last_log_id()

    with on(TERM_ENDS + datetime.timedelta(days=1)):
        assert purge_expired_plans() == 1

    assert leftovers(old_print) == []
    assert Plan.objects.filter(pk=newer.pk).exists()
    assert Family.objects.filter(pk=cast.family.pk).exists()
    assert Person.objects.filter(family=cast.family).count() == 6
    for user in family_users(cast):
        assert User.objects.filter(pk=user.pk).exists()
    assert AccessLogEntry.objects.filter(plan_id=newer.public_id).count() == family_log_rows
    [purged] = new_rows_since(before)
    # The family is still here: it can read in its own log that the old plan was destroyed.
    assert (purged.event, purged.family_id) == (Event.PLAN_PURGED.code, cast.family.public_id)


def test_a8_a_login_that_takes_part_in_another_plan_stays() -> None:
    """Oma is also in the network of another family's plan: her login stays, her place in
    the purged plan goes."""
    cast = closed_cast()
    with on(datetime.date(2030, 1, 1)):
        other_worker = make_user("wouter", "Wouter", "Wijk", organisation=cast.wijkteam_org)
        other = plans.open_plan(by=other_worker, family_name="Gezin Peters")
        # Test setup: a network member without a person record in that family, which the
        # model allows (Person.user is one-to-one, so she cannot have two person records).
        Participant.objects.create(plan=other, role=Role.NETWORK, user=cast.grandmother_user)
    gone = [cast.parent_user, cast.youth16_user, cast.youth13_user]
    with on(TERM_ENDS + datetime.timedelta(days=1)):
        assert purge_expired_plans() == 1
    for user in gone:
        assert not User.objects.filter(pk=user.pk).exists()
    assert User.objects.filter(pk=cast.grandmother_user.pk).exists()
    assert Participant.objects.filter(user=cast.grandmother_user).get().plan_id == other.pk
    assert Plan.objects.filter(pk=other.pk).exists()


def test_a8_purge_forgets_failed_logins_of_the_accounts_it_removes() -> None:
    cast = closed_cast()
    with on(HELP_ENDED):
        for username in ("sanne", "fatima"):
            AccessAttempt.objects.create(
                username=username, ip_address="192.0.2.7", user_agent="test", failures_since_start=2
            )
            AccessFailureLog.objects.create(
                username=username, ip_address="192.0.2.7", user_agent="test"
            )
    with on(TERM_ENDS + datetime.timedelta(days=1)):
        assert purge_expired_plans() == 1
    assert not User.objects.filter(pk=cast.parent_user.pk).exists()
    for model in (AccessAttempt, AccessFailureLog):
        assert list(model.objects.values_list("username", flat=True)) == ["fatima"]


def test_a8_account_log_rows_of_removed_logins_name_no_one() -> None:
    cast = closed_cast()
    with on(HELP_ENDED):
        renew_recovery_codes(user=cast.parent_user)
    with on(TERM_ENDS + datetime.timedelta(days=1)):
        assert purge_expired_plans() == 1
    assert log_leaks(FAMILY_NAMES) == []
