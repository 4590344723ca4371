from django.http import HttpRequest

from regie.notifications.selectors import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, int]:
    """The header's 'Meldingen (n)' on every page."""
    return {"unread_notifications": unread_count(request.user)}  # type: ignore[arg-type]
