"""The notification list and the health endpoint."""

import logging

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from regie.accounts.models import User
from regie.notifications import selectors, services

logger = logging.getLogger(__name__)

PAGE_SIZE = 25


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The person's own notifications, newest first. Opening the page marks the ones shown
    read; the page still highlights them as new this once."""
    user: User = request.user  # type: ignore[assignment]
    page = Paginator(selectors.notifications_for(user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    new_ids = {n.pk for n in page if n.read_at is None}
    services.mark_read(user, page)
    return render(request, "notifications/list.html", {"page_obj": page, "new_ids": new_ids})


@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer: 200 when this process can reach the database, else 503.
    No login, no session, no case content."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health check failed: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
