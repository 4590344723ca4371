from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from regie.notifications.selectors import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """The header's 'Meldingen (n)' on every page. Counted only when the template shows
    it and the page did not count it already with its own figures (issue 13)."""
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(request.user))}  # type: ignore[arg-type]
