"""Every role against the notifications app's views: the list answers every logged-in
person with their own notifications only (never case content or someone else's), the
health endpoint answers everyone the same."""

from django.urls import reverse

from regie.notifications.models import Notification, NotificationKind
from tests.access.test_authorization_matrix import ANONYMOUS, World, _client
from tests.notifications.matrix import CLASSIFIED


def test_every_notifications_view_is_walked() -> None:
    assert {"notifications", "health"} == CLASSIFIED


def test_every_role_sees_only_their_own_notifications(world: World) -> None:
    for person in world.people:
        if person.user is not None:
            Notification.objects.create(
                user=person.user,
                kind=NotificationKind.CHECK_IN,
                plan=world.cast.plan,
                text=f"melding voor [{person.name}]",
            )
    for person in world.people:
        client = _client(person)
        response = client.get(reverse("notifications"))
        if person.kind == ANONYMOUS:
            assert response.status_code == 302, person.name
        else:
            assert response.status_code == 200, person.name
            body = response.content.decode()
            assert f"melding voor [{person.name}]" in body, person.name
            others = [p.name for p in world.people if p is not person and p.user is not None]
            assert not [o for o in others if f"melding voor [{o}]" in body], person.name
            assert "Gezin Jansen" not in body
        health = client.get(reverse("health"))
        assert health.status_code == 200, person.name
        assert health.json() == {"status": "ok", "database": "ok"}
