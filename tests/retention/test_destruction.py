"""A8 early destruction: parents and youths of 12+ can ask for their plan to be destroyed
before its term; a professional in the plan grants it (the plan is gone at once) or refuses
with a reason. The log keeps the fact, not the content."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine

from regie.access import log as access_log
from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.access.policy import NotAllowed
from regie.access.verify import verify_chain
from regie.accounts.models import User
from regie.core.errors import RuleViolation
from regie.families.models import Family
from regie.plans.models import DestructionRequest, DestructionStatus, Participant, Plan
from regie.plans.services import plans, team
from regie.plans.services.retention import (
    WHY_REQUEST_GRANTED,
    handle_destruction_request,
    request_destruction,
)
from tests.personas import (
    Cast,
    build_cast,
    close_out,
    expect_log,
    expect_no_log,
    last_log_id,
    new_rows_since,
)
from tests.retention.traces import FAMILY_NAMES, footprint, leftovers, log_leaks

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HELP_ENDED = datetime.date(2025, 3, 10)


@contextmanager
def on(day: datetime.date) -> Iterator[None]:
    moment = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=True):
        yield


def _ask(
    cast: Cast, who: Participant, reason: str = "We willen dit niet meer bewaard."
) -> DestructionRequest:
    with expect_log(who, Event.DESTRUCTION_REQUESTED):
        request = request_destruction(actor=who, plan=cast.plan, reason=reason)
    assert request.status == DestructionStatus.REQUESTED
    assert request.created_by == who
    return request


# ---- Who may ask -------------------------------------------------------------------------


def test_a8_parent_can_ask_to_destroy_an_open_plan(cast: Cast) -> None:
    request = _ask(cast, cast.parent)
    assert request.plan == cast.plan
    assert request.reason == "We willen dit niet meer bewaard."


@pytest.mark.parametrize("youth", ["youth13", "youth16"])
def test_a8_youth_of_12_or_older_can_ask_to_destroy_a_closed_plan(youth: str) -> None:
    with on(HELP_ENDED):
        cast = build_cast()
        close_out(cast)
    with on(HELP_ENDED + datetime.timedelta(days=400)):
        _ask(cast, getattr(cast, youth), reason="")


def test_a8_child_under_12_cannot_ask(cast: Cast) -> None:
    with expect_no_log(), pytest.raises(NotAllowed):
        request_destruction(actor=cast.child8, plan=cast.plan, reason="Weg ermee.")
    assert not DestructionRequest.objects.exists()


@pytest.mark.parametrize("who", ["grandmother", "wijkteam_worker", "care_provider"])
def test_a8_shared_with_and_professionals_cannot_ask(cast: Cast, who: str) -> None:
    with expect_no_log(), pytest.raises(NotAllowed):
        request_destruction(actor=getattr(cast, who), plan=cast.plan, reason="Weg ermee.")
    assert not DestructionRequest.objects.exists()


def test_a8_parent_of_another_plan_cannot_ask_for_this_one(cast: Cast) -> None:
    other = plans.open_plan(by=cast.wijkteam_user, family_name="Gezin Peters")
    with expect_no_log(), pytest.raises(NotAllowed):
        request_destruction(actor=cast.parent, plan=other, reason="Weg ermee.")


def test_a8_one_request_at_a_time(cast: Cast) -> None:
    _ask(cast, cast.parent)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        request_destruction(actor=cast.youth16, plan=cast.plan, reason="Ik ook.")
    assert refused.value.rule == "A8"
    assert DestructionRequest.objects.count() == 1


# ---- Refusing --------------------------------------------------------------------------


def test_a8_professional_refuses_only_with_a_reason_and_the_plan_remains(cast: Cast) -> None:
    request = _ask(cast, cast.parent)
    with expect_no_log(), pytest.raises(RuleViolation) as refused:
        handle_destruction_request(
            actor=cast.wijkteam_worker, request=request, grant=False, reason="  "
        )
    assert (refused.value.rule, refused.value.field) == ("A8", "reason")

    reason = "De jeugdbescherming loopt nog; het plan is nodig voor de rechter."
    with expect_log(cast.wijkteam_worker, Event.DESTRUCTION_REFUSED) as rows:
        handled = handle_destruction_request(
            actor=cast.wijkteam_worker, request=request, grant=False, reason=reason
        )
    assert rows[0].object_id == str(request.public_id)
    # The log keeps the fact; the reason is in the plan, for the family to read.
    assert reason not in {rows[0].part, rows[0].on_behalf_of, rows[0].user_label}
    handled.refresh_from_db()
    assert handled.status == DestructionStatus.REFUSED
    assert handled.handled_by == cast.wijkteam_worker
    assert handled.handling_reason == reason
    assert handled.handled_at is not None
    assert Plan.objects.filter(pk=cast.plan.pk).exists()
    # Handled once; afterwards the family may ask again.
    with expect_no_log(), pytest.raises(RuleViolation):
        handle_destruction_request(actor=cast.care_provider, request=request, grant=True, reason="")
    _ask(cast, cast.youth13)


@pytest.mark.parametrize("who", ["parent", "youth16", "grandmother"])
def test_a8_family_and_network_cannot_handle_a_request(cast: Cast, who: str) -> None:
    request = _ask(cast, cast.parent)
    with expect_no_log(), pytest.raises(NotAllowed):
        handle_destruction_request(actor=getattr(cast, who), request=request, grant=True, reason="")
    assert Plan.objects.filter(pk=cast.plan.pk).exists()


def test_a8_professional_of_another_plan_cannot_handle(cast: Cast) -> None:
    request = _ask(cast, cast.parent)
    other = plans.open_plan(by=cast.outsider, family_name="Gezin Peters")
    assert other.coordinator is not None
    with expect_no_log(), pytest.raises(NotAllowed):
        handle_destruction_request(actor=other.coordinator, request=request, grant=True, reason="")
    assert Plan.objects.filter(pk=cast.plan.pk).exists()


# ---- Granting ---------------------------------------------------------------------------


def test_a8_professional_grants_and_the_plan_is_gone(cast: Cast) -> None:
    request = _ask(cast, cast.youth16)
    plan_id = cast.plan.public_id
    users = [cast.parent_user, cast.youth16_user, cast.youth13_user, cast.grandmother_user]
    print_ = footprint(cast.plan, family_goes=True, users=users)
    before = last_log_id()

    handled = handle_destruction_request(
        actor=cast.care_provider, request=request, grant=True, reason="Akkoord."
    )

    assert handled.status == DestructionStatus.GRANTED
    assert leftovers(print_) == []
    assert not Plan.objects.filter(public_id=plan_id).exists()
    assert not Family.objects.filter(pk=cast.family.pk).exists()
    assert User.objects.filter(pk=cast.care_provider_user.pk).exists()
    assert log_leaks(FAMILY_NAMES) == []
    purged, granted = new_rows_since(before)  # the purge first: its tombstones point to it
    # Who granted it stays readable: a professional, in their role and organisation.
    assert granted.event == Event.DESTRUCTION_GRANTED.code
    assert (granted.user_id, granted.role) == (cast.care_provider_user.pk, "care_professional")
    assert granted.organisation == "Jeugdhulp Horizon"
    assert (granted.plan_id, granted.family_id) == (plan_id, None)
    assert not granted.is_tombstone
    assert purged.event == Event.PLAN_PURGED.code
    assert (purged.user_id, purged.user_label, purged.plan_id) == (None, "Regie", plan_id)
    assert purged.part == WHY_REQUEST_GRANTED
    # The request itself, and who asked, went with the plan: only tombstones remain.
    asked = AccessLogEntry.objects.get(event=Event.DESTRUCTION_REQUESTED.code)
    assert asked.is_tombstone
    assert (asked.user_id, asked.user_label, asked.plan_id) == (None, "", None)
    assert asked.purged_by == purged.pk
    access_log.seal_everything()
    assert verify_chain().ok


def test_a8_request_on_a_closed_plan_is_handled_after_help_ended() -> None:
    """Years after help ended the professionals no longer read the plan (A7), but whoever
    was in it when help ended still answers the family's request."""
    with on(HELP_ENDED):
        cast = build_cast()
        close_out(cast)
    with on(HELP_ENDED + datetime.timedelta(days=3 * 365)):
        request = _ask(cast, cast.parent)
        before = last_log_id()
        handle_destruction_request(
            actor=cast.wijkteam_worker, request=request, grant=True, reason=""
        )
    assert not Plan.objects.filter(pk=cast.plan.pk).exists()
    assert [row.event for row in new_rows_since(before)] == [
        Event.PLAN_PURGED.code,
        Event.DESTRUCTION_GRANTED.code,
    ]


def test_a8_professional_whose_role_ended_before_help_ended_cannot_handle() -> None:
    with on(HELP_ENDED - datetime.timedelta(days=30)):
        cast = build_cast()
        team.end_participation(
            actor=cast.wijkteam_worker,
            participant=cast.behavioural_scientist,
            reason="Advies gegeven.",
        )
    with on(HELP_ENDED):
        close_out(cast)
        request = _ask(cast, cast.parent)
        with expect_no_log(), pytest.raises(NotAllowed):
            handle_destruction_request(
                actor=cast.behavioural_scientist, request=request, grant=True, reason=""
            )
    assert Plan.objects.filter(pk=cast.plan.pk).exists()
