"""A6: no single administrator takes over someone else's account. A new e-mail address or
a wiped second factor waits for a second administrator or the person's own confirmation
through a link to their old address; the old address is told, every step is logged, and
the family sees the reset in "Wie heeft ons plan bekeken?"."""

import datetime
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.access.events import Event, Outcome
from regie.access.models import AccessLogEntry
from regie.accounts import changes
from regie.accounts.models import AccountChange, AccountChangeStatus, User
from regie.accounts.services import has_second_factor
from regie.core.errors import RuleViolation
from tests.accounts.conftest import Scene, make_functional_admin
from tests.accounts.helpers import confirmed_device, login_verified

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[Any]]
ATTACKER_ADDRESS = "overname@aanvaller.example"


def admin_client(user: User) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def change_form(client: Client, user: User, **changed: str) -> dict[str, Any]:
    """What the admin's change form posts back, with `changed` filled in."""
    form = (
        client.get(reverse("admin:accounts_user_change", args=[user.pk])).context["adminform"].form
    )
    data = {
        name: form.initial.get(name)
        for name in ("username", "first_name", "last_name", "email", "language")
    }
    data["organisation"] = user.organisation_id or ""
    if user.is_active:
        data["is_active"] = "on"
    return {**data, **changed}


def changelist_action(client: Client, model: str, action: str, pks: list[int]) -> Any:
    return client.post(
        reverse(f"admin:accounts_{model}_changelist"),
        {"action": action, "_selected_action": pks, "post": "yes"},
        follow=True,
    )


def mails_to(address: str) -> list[Any]:
    return [message for message in mail.outbox if address in message.to]


def link_in(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/account/wijziging/\S+/)", str(message.body))
    assert found is not None, message.body
    return found.group(1)


def family_lines(scene: Scene) -> list[Any]:
    parent = Client()
    parent.force_login(scene.parent)
    page = parent.get(reverse("plan-access-log", args=[scene.plan.public_id]))
    assert page.status_code == 200
    return list(page.context["lines"])


def test_a6_one_administrator_cannot_take_over_a_care_providers_account(
    scene: Scene, django_capture_on_commit_callbacks: Capture
) -> None:
    """The tester's walk (issue 12) as the attacker makes it: it stops at the first step
    that needs a second person, and goes on only when a second administrator agrees."""
    victim = scene.worker
    confirmed_device(victim)
    attacker = admin_client(scene.admin)

    # 1. Change the e-mail address: it waits, the old address is told.
    with django_capture_on_commit_callbacks(execute=True):
        response = attacker.post(
            reverse("admin:accounts_user_change", args=[victim.pk]),
            change_form(attacker, victim, email=ATTACKER_ADDRESS),
            follow=True,
        )
    assert response.status_code == 200
    assert "tweede beheerder" in response.content.decode()
    victim.refresh_from_db()
    assert victim.email == "fatima@example.org"
    (told,) = mails_to("fatima@example.org")
    assert "e-mailadres" in str(told.body) and "Niet doorvoeren" in str(told.body)
    assert mails_to(ATTACKER_ADDRESS) == []

    # 2. Wipe the second factor: it waits too.
    with django_capture_on_commit_callbacks(execute=True):
        changelist_action(attacker, "user", "reset_two_factor", [victim.pk])
    assert has_second_factor(victim)
    assert len(mails_to("fatima@example.org")) == 2

    # 3. A password link to the new address: it is nobody's address yet, so no mail.
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("password-reset"), {"email": ATTACKER_ADDRESS})
    assert mails_to(ATTACKER_ADDRESS) == []

    # 4. Approve his own requests: refused, and the refusal is logged.
    pending = list(AccountChange.objects.order_by("pk"))
    response = changelist_action(
        attacker, "accountchange", "approve", [change.pk for change in pending]
    )
    assert "niet wie het aanvroeg" in response.content.decode()
    assert {change.status for change in AccountChange.objects.all()} == {
        AccountChangeStatus.PENDING
    }
    victim.refresh_from_db()
    assert victim.email == "fatima@example.org" and has_second_factor(victim)
    assert (
        AccessLogEntry.objects.filter(
            event=Event.ACCOUNT_CHANGE_APPROVED.code,
            user_id=scene.admin.pk,
            outcome=Outcome.REFUSED,
        ).count()
        == 2
    )
    assert not [line for line in family_lines(scene) if "gewijzigd" in line.what]

    # 5. A second administrator approves: now it takes effect, and everyone is told.
    colleague = make_functional_admin("collega")
    with django_capture_on_commit_callbacks(execute=True):
        response = changelist_action(
            admin_client(colleague), "accountchange", "approve", [c.pk for c in pending]
        )
    assert "2 wijziging(en) goedgekeurd" in response.content.decode()
    victim.refresh_from_db()
    assert victim.email == ATTACKER_ADDRESS
    assert not has_second_factor(victim)
    done = [m for m in mails_to("fatima@example.org") if "is gewijzigd" in str(m.subject)]
    assert len(done) == 2
    assert all("tweede beheerder" in str(m.body) for m in done)

    lines = family_lines(scene)
    resets = [
        line for line in lines if line.event in ("account.email_changed", "account.2fa_reset")
    ]
    assert {line.event for line in resets} == {"account.email_changed", "account.2fa_reset"}
    for line in resets:
        assert line.who == "Een beheerder van Regie"
        assert line.role == "functioneel beheerder"
        assert "Fatima El Amrani" in line.what
        assert "Bram" not in f"{line.who} {line.what}"
        assert line.last <= timezone.now()
    page = Client()
    page.force_login(scene.parent)
    html = page.get(reverse("plan-access-log", args=[scene.plan.public_id])).content.decode()
    assert "Een beheerder van Regie" in html and "Beheer" not in html.split("<h1>")[1]

    trail = set(
        AccessLogEntry.objects.filter(object_id=str(victim.public_id)).values_list(
            "event", flat=True
        )
    )
    assert {
        Event.ACCOUNT_CHANGE_REQUESTED.code,
        Event.ACCOUNT_CHANGE_APPROVED.code,
        Event.EMAIL_CHANGED.code,
        Event.TWO_FACTOR_RESET.code,
    } <= trail


def test_a6_the_person_confirms_an_email_change_through_their_old_address(
    scene: Scene, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        changes.request_email_change(
            admin=scene.admin, user=scene.parent, new_email="sanne.nieuw@example.org"
        )
    (asked,) = mails_to("sanne@example.org")
    link = link_in(asked)
    visitor = Client()

    page = visitor.get(link)  # opening the link (or a mail scanner doing so) changes nothing
    assert page.status_code == 200
    assert "sanne.nieuw@example.org" in page.content.decode()
    scene.parent.refresh_from_db()
    assert scene.parent.email == "sanne@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        answer = visitor.post(link, {"decision": "bevestigen"})
    assert answer.status_code == 200
    assert "uitgevoerd" in answer.content.decode()
    scene.parent.refresh_from_db()
    assert scene.parent.email == "sanne.nieuw@example.org"
    (done,) = [m for m in mails_to("sanne@example.org") if "is gewijzigd" in str(m.subject)]
    assert "zelf bevestigd" in str(done.body)
    change = AccountChange.objects.get()
    assert (change.status, change.decided_by) == (AccountChangeStatus.CONFIRMED, scene.parent)
    assert AccessLogEntry.objects.filter(
        event=Event.ACCOUNT_CHANGE_CONFIRMED.code, user_id=scene.parent.pk
    ).exists()
    (line,) = [line for line in family_lines(scene) if line.event == "account.email_changed"]
    assert "bevestigd door de persoon zelf" in line.what

    # Single use: the same link now answers 400 with the reason.
    again = visitor.post(link, {"decision": "bevestigen"})
    assert again.status_code == 400
    assert "al gebruikt" in again.content.decode()


def test_a6_the_person_stops_a_change_they_did_not_ask_for(
    scene: Scene, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        changes.request_second_factor_reset(admin=scene.admin, user=scene.worker)
    confirmed_device(scene.worker)
    link = link_in(mails_to("fatima@example.org")[0])
    with django_capture_on_commit_callbacks(execute=True):
        answer = Client().post(link, {"decision": "tegenhouden"})
    assert answer.status_code == 200
    assert has_second_factor(scene.worker)
    change = AccountChange.objects.get()
    assert change.status == AccountChangeStatus.REJECTED
    assert any("niet doorgevoerd" in str(m.subject) for m in mails_to("fatima@example.org"))
    row = AccessLogEntry.objects.get(event=Event.ACCOUNT_CHANGE_REJECTED.code)
    assert row.user_id == scene.worker.pk and "door de persoon" in row.part
    assert not [line for line in family_lines(scene) if line.event == "account.2fa_reset"]


@pytest.mark.parametrize(
    ("token", "reason"),
    [("bestaat-niet", "bestaat niet"), ("verlopen", "verlopen")],
)
def test_a6_a_confirmation_link_that_does_not_work_is_a_400(
    scene: Scene, token: str, reason: str, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        change = changes.request_email_change(
            admin=scene.admin, user=scene.parent, new_email="elders@example.org"
        )
    link = link_in(mail.outbox[0])
    if token == "verlopen":
        AccountChange.objects.filter(pk=change.pk).update(
            expires_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    else:
        link = reverse("account-change-confirm", args=[token])
    for response in (Client().get(link), Client().post(link, {"decision": "bevestigen"})):
        assert response.status_code == 400
        assert reason in response.content.decode()
    scene.parent.refresh_from_db()
    assert scene.parent.email == "sanne@example.org"


def test_a6_a_confirmation_without_a_clear_answer_is_a_400(
    scene: Scene, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        changes.request_email_change(
            admin=scene.admin, user=scene.parent, new_email="elders@example.org"
        )
    link = link_in(mail.outbox[0])
    for data in ({}, {"decision": "ja"}, {"decision": "x" * 5000}):
        response = Client().post(link, data)
        assert response.status_code == 400
        assert "Kies of u de wijziging bevestigt of tegenhoudt" in response.content.decode()
    assert AccountChange.objects.get().status == AccountChangeStatus.PENDING


def test_a6_an_administrator_cannot_change_their_own_email_or_second_factor(
    scene: Scene,
) -> None:
    client = admin_client(scene.admin)
    form = client.get(reverse("admin:accounts_user_change", args=[scene.admin.pk]))
    assert "email" not in form.context["adminform"].form.fields
    with pytest.raises(RuleViolation):
        changes.request_email_change(
            admin=scene.admin, user=scene.admin, new_email="ik@elders.example"
        )
    with pytest.raises(RuleViolation):
        changes.request_second_factor_reset(admin=scene.admin, user=scene.admin)
    assert not AccountChange.objects.exists()
    refused = AccessLogEntry.objects.filter(
        event=Event.ACCOUNT_CHANGE_REQUESTED.code, outcome=Outcome.REFUSED
    )
    assert refused.count() == 2


def test_a6_the_requester_withdraws_and_a_trace_remains(
    scene: Scene, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        change = changes.request_email_change(
            admin=scene.admin, user=scene.worker, new_email="ander@example.org"
        )
        changes.reject_change(admin=scene.admin, change=change)
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (AccountChangeStatus.CANCELLED, scene.admin)
    with pytest.raises(RuleViolation):
        changes.approve_change(admin=make_functional_admin("collega"), change=change)
    scene.worker.refresh_from_db()
    assert scene.worker.email == "fatima@example.org"
    assert any("niet doorgevoerd" in str(m.subject) for m in mails_to("fatima@example.org"))


def test_a6_the_pending_changes_page_asks_before_approving(scene: Scene) -> None:
    change = changes.request_second_factor_reset(admin=scene.admin, user=scene.worker)
    confirmed_device(scene.worker)
    colleague = admin_client(make_functional_admin("collega"))
    listing = colleague.get(reverse("admin:accounts_accountchange_changelist"))
    assert listing.status_code == 200
    assert "wacht op goedkeuring" in listing.content.decode()
    ask = colleague.post(
        reverse("admin:accounts_accountchange_changelist"),
        {"action": "approve", "_selected_action": [change.pk]},
    )
    assert ask.status_code == 200
    assert "Ja, ik weet het zeker" in ask.content.decode()
    assert has_second_factor(scene.worker)
