"""The benchmark's floor (issue 13): a bare Django page over the same data a plan page
reads (the family, its five goals, the 30 newest entries) in three queries, with no
session, policy, access log or context processors. `make bench` measures every real page
as a ratio to it. It answers only with REGIE_BENCH_FLOOR on, which only the benchmark
sets on a scratch database; otherwise, and for a plan that does not exist, it is a 404."""

import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from regie.plans.models import Entry, Goal, Plan

FLOOR_ENTRIES = 30


@require_safe
def floor_page(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    if not settings.REGIE_BENCH_FLOOR:
        raise Http404(_("Niet gevonden."))
    plan = Plan.objects.select_related("family").filter(public_id=plan_id).first()
    if plan is None:
        raise Http404(_("Niet gevonden."))
    context = {
        "plan": plan,
        "goals": list(Goal.objects.filter(plan=plan).order_by("priority", "id")[:5]),
        "entries": list(
            Entry.objects.filter(plan=plan).order_by("-created_at", "-id")[:FLOOR_ENTRIES]
        ),
    }
    # Without the request: no context processor reads the session or the database.
    return HttpResponse(render_to_string("web/floor.html", context))
