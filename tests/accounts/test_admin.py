"""A6: nobody raises their own privileges. The functional administrator manages accounts
in the admin but cannot grant an administrator or privacy-officer role (to anyone, least
of all themselves), cannot touch another administrator, and never sets a password."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.accounts.models import AccountChange, Invitation, User
from regie.plans.models import Role
from tests.accounts.conftest import PASSWORD, Scene, make_functional_admin
from tests.accounts.helpers import login_verified

pytestmark = pytest.mark.django_db


def admin_client(user: User) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def form_data(client: Client, user: User) -> dict[str, Any]:
    """What the change form would post back unchanged."""
    form = client.get(change_url(user)).context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is not None:
            data[name] = value
    return data


def flags(user: User) -> tuple[bool, bool, bool, bool]:
    user.refresh_from_db()
    return (user.is_functional_admin, user.is_privacy_officer, user.is_staff, user.is_superuser)


def test_a6_admin_cannot_grant_themselves_a_second_administrator_role(scene: Scene) -> None:
    client = admin_client(scene.admin)
    data = form_data(client, scene.admin)
    data.update(is_privacy_officer="on", is_superuser="on", first_name="Bram B.")
    response = client.post(change_url(scene.admin), data)
    assert response.status_code == 302
    assert flags(scene.admin) == (True, False, True, False)
    assert scene.admin.first_name == "Bram B."


def test_a6_admin_cannot_grant_anyone_an_administrator_role(scene: Scene) -> None:
    client = admin_client(scene.admin)
    data = form_data(client, scene.worker)
    data.update(is_functional_admin="on", is_privacy_officer="on", is_staff="on")
    response = client.post(change_url(scene.worker), data)
    assert response.status_code == 302
    assert flags(scene.worker) == (False, False, False, False)


def test_a6_admin_form_has_no_superuser_group_or_permission_fields(scene: Scene) -> None:
    client = admin_client(scene.admin)
    page = client.get(change_url(scene.worker))
    fields = set(page.context["adminform"].form.fields)
    assert not fields & {"is_superuser", "groups", "user_permissions"}
    assert not fields & {"is_functional_admin", "is_privacy_officer", "is_staff"}
    assert "is_active" in fields


def test_a6_admin_cannot_change_another_administrator(scene: Scene) -> None:
    colleague = make_functional_admin("collega")
    client = admin_client(scene.admin)
    assert client.get(change_url(colleague)).status_code == 200  # view only
    data = form_data(client, scene.worker)
    data["username"] = "collega"
    assert client.post(change_url(colleague), data).status_code == 403
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [colleague.pk]},
    )
    colleague.refresh_from_db()
    assert colleague.is_active


def test_a6_superuser_grants_a_role_to_someone_else_but_not_to_themselves(
    scene: Scene,
) -> None:
    client = admin_client(scene.superuser)
    data = form_data(client, scene.worker)
    data.update(is_privacy_officer="on")
    assert client.post(change_url(scene.worker), data).status_code == 302
    assert flags(scene.worker) == (False, True, False, False)

    own = form_data(client, scene.superuser)
    own.pop("is_superuser", None)
    own.pop("is_active", None)
    own["is_functional_admin"] = "on"
    assert client.post(change_url(scene.superuser), own).status_code == 302
    assert flags(scene.superuser) == (False, False, True, True)
    assert scene.superuser.is_active


def test_a6_nobody_sets_a_password_in_the_admin(scene: Scene) -> None:
    for admin in (scene.admin, scene.superuser):
        client = admin_client(admin)
        url = reverse("admin:auth_user_password_change", args=[scene.parent.pk])
        assert client.get(url).status_code == 403


def test_a6_deactivating_in_the_admin_ends_the_sessions(scene: Scene) -> None:
    parent = Client()
    parent.force_login(scene.parent)
    assert parent.get(reverse("home")).status_code == 200
    client = admin_client(scene.admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [scene.parent.pk, scene.admin.pk]},
    )
    assert response.status_code == 302
    scene.parent.refresh_from_db()
    assert not scene.parent.is_active
    assert parent.get(reverse("home")).status_code == 302
    # Not themselves.
    scene.admin.refresh_from_db()
    assert scene.admin.is_active
    row = AccessLogEntry.objects.get(event=Event.ACCOUNT_DEACTIVATED.code)
    assert (row.user_id, row.object_id) == (scene.admin.pk, str(scene.parent.public_id))


def test_a6_a_new_account_chooses_its_own_password_through_a_link(
    scene: Scene, django_capture_on_commit_callbacks: Any
) -> None:
    client = admin_client(scene.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "joost",
                "first_name": "Joost",
                "last_name": "Bakker",
                "email": "joost@example.org",
                "organisation": scene.organisation.pk,
                "language": "nl",
            },
        )
    assert response.status_code == 302
    joost = User.objects.get(username="joost")
    assert not joost.has_usable_password()
    assert flags(joost) == (False, False, False, False)
    assert AccessLogEntry.objects.filter(
        event=Event.ACCOUNT_CREATED.code, object_id=str(joost.public_id)
    ).exists()

    (message,) = mail.outbox
    assert message.to == ["joost@example.org"]
    link = re.search(r"http://testserver(/\S+)", str(message.body))
    assert link is not None
    visitor = Client()
    form_page = visitor.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    new_password = "zelf-gekozen-en-lang-genoeg"
    visitor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    joost.refresh_from_db()
    assert joost.check_password(new_password)


def test_a6_invitations_are_listed_without_their_token(scene: Scene) -> None:
    parent = scene.plan.participants.get(role=Role.PARENT)
    assert scene.plan.coordinator is not None
    invitation = Invitation.objects.create(
        token_hash="f" * 64,
        participant=parent,
        email="oma@example.org",
        created_by=scene.plan.coordinator,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    client = admin_client(scene.admin)
    client_page = client.get(reverse("admin:accounts_invitation_changelist"))
    # The demo's administrator has view rights on accounts; here too.
    assert client_page.status_code == 200
    page = client_page.content.decode()
    assert "oma@example.org" in page
    assert "f" * 64 not in page
    assert "Gezin Jansen" not in page
    assert client.get(reverse("admin:accounts_invitation_add")).status_code == 403
    detail = client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))
    assert "f" * 64 not in detail.content.decode()


def test_a6_changes_to_an_account_are_logged_with_the_fields(scene: Scene) -> None:
    client = admin_client(scene.admin)
    data = form_data(client, scene.worker)
    data["last_name"] = "El Amrani-Bakker"
    client.post(change_url(scene.worker), data)
    row = AccessLogEntry.objects.get(event=Event.ACCOUNT_CHANGED.code)
    assert (row.user_id, row.object_id, row.part) == (
        scene.admin.pk,
        str(scene.worker.public_id),
        "last_name",
    )


def test_a6_admin_wipes_a_lost_phone_once_a_second_admin_agrees(scene: Scene) -> None:
    worker = Client()
    login_verified(worker, scene.worker)
    admin = admin_client(scene.admin)
    admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [scene.worker.pk], "post": "yes"},
    )
    assert worker.get(reverse("home")).status_code == 200  # nothing wiped yet
    colleague = admin_client(make_functional_admin("collega"))
    colleague.post(
        reverse("admin:accounts_accountchange_changelist"),
        {"action": "approve", "_selected_action": [AccountChange.objects.get().pk], "post": "yes"},
    )
    assert worker.get(reverse("home"))["Location"].startswith(reverse("login"))
    again = Client()
    again.post(reverse("login"), {"username": "fatima", "password": PASSWORD})
    assert again.get(reverse("home"))["Location"].startswith(reverse("two-factor-setup"))


def test_admin_wears_regies_header_and_switches_language(scene: Scene) -> None:
    """Issue 14: the administrator's pages carry Regie's name, colours and the same
    language switch as the rest of the app; English is one press away."""
    client = admin_client(scene.admin)
    page = client.get(reverse("admin:index")).content.decode()
    assert "<strong>Regie</strong> · beheer" in page
    assert "web/admin.css" in page
    assert 'name="language" value="en"' in page
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    assert "Site administration" in client.get(reverse("admin:index")).content.decode()
