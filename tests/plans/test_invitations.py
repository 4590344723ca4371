"""Invitations for family and network members: single-use, expiring, revocable links with
which the invitee sets their own password (A3, A4, A6)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.access.models import AccessLogEntry
from regie.accounts.models import User
from regie.core.errors import RuleViolation
from regie.families.models import Gender, PersonKind
from regie.plans.models import Participant, Role
from regie.plans.services import invitations, team
from tests.personas import Cast

NEW_PASSWORD = "een-lang-nieuw-wachtwoord"


def _neighbour(cast: Cast) -> Participant:
    person = team.add_person(
        actor=cast.parent,
        plan=cast.plan,
        first_name="Ans",
        last_name="Willems",
        kind=PersonKind.NETWORK,
        gender=Gender.FEMALE,
        role=Role.NETWORK,
    )
    return person.participations.get(plan=cast.plan)


def _accept(token: str, username: str = "ans") -> int:
    response = Client().post(
        reverse("invitation", args=[token]),
        {"username": username, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    return response.status_code


def test_a6_invitation_link_works_once_and_sets_the_password(cast: Cast) -> None:
    neighbour = _neighbour(cast)
    invitation, token = invitations.invite(
        actor=cast.parent, plan=cast.plan, member=neighbour, email="ans@example.org"
    )
    assert invitation.token_hash != token  # only the hash is stored
    assert _accept(token) == 302
    user = User.objects.get(username="ans")
    assert user.check_password(NEW_PASSWORD)
    neighbour.refresh_from_db()
    assert neighbour.user == user
    assert AccessLogEntry.objects.filter(event="invitation.used").exists()
    assert _accept(token, username="ans2") == 410


def test_a6_invitation_email_holds_the_link_and_no_case_content(
    cast: Cast, django_capture_on_commit_callbacks: object
) -> None:
    neighbour = _neighbour(cast)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _invitation, token = invitations.invite(
            actor=cast.parent, plan=cast.plan, member=neighbour, email="ans@example.org"
        )
    (message,) = mail.outbox
    assert token in message.body
    assert "Jansen" not in message.body


def test_a6_an_expired_invitation_is_refused(cast: Cast) -> None:
    neighbour = _neighbour(cast)
    _invitation, token = invitations.invite(actor=cast.parent, plan=cast.plan, member=neighbour)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        with pytest.raises(RuleViolation) as refused:
            invitations.open_invitation(token)
        assert "verlopen" in refused.value.message
        assert _accept(token) == 410


def test_a6_a_revoked_or_replaced_invitation_is_refused(cast: Cast) -> None:
    neighbour = _neighbour(cast)
    _first, first_token = invitations.invite(actor=cast.parent, plan=cast.plan, member=neighbour)
    _second, second_token = invitations.invite(actor=cast.parent, plan=cast.plan, member=neighbour)
    assert _accept(first_token) == 410
    second = invitations.open_invitation(second_token)
    invitations.revoke_invitation(actor=cast.parent, invitation=second)
    assert _accept(second_token) == 410


def test_a4_a_child_under_12_gets_no_account(cast: Cast) -> None:
    with pytest.raises(RuleViolation) as refused:
        invitations.invite(actor=cast.parent, plan=cast.plan, member=cast.child8)
    assert refused.value.rule == "A4"


def test_a6_weak_password_is_refused_and_the_link_stays_usable(cast: Cast) -> None:
    neighbour = _neighbour(cast)
    _invitation, token = invitations.invite(actor=cast.parent, plan=cast.plan, member=neighbour)
    response = Client().post(
        reverse("invitation", args=[token]),
        {"username": "ans", "password": "12345678", "password_again": "12345678"},
    )
    assert response.status_code == 400
    assert invitations.open_invitation(token).used_at is None


def test_a6_parent_invites_through_the_plan_page_and_sees_the_link_once(cast: Cast) -> None:
    neighbour = _neighbour(cast)
    client = Client()
    client.force_login(cast.parent_user)
    response = client.post(
        reverse("plan-action", args=[cast.plan.public_id, "invite"]),
        {"member": str(neighbour.public_id)},
        follow=True,
    )
    assert "/uitnodiging/" in response.content.decode()
    assert "/uitnodiging/" not in client.get(response.request["PATH_INFO"]).content.decode()
