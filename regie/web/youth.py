"""Mijn plan: the page a youth opens for their own part of the plan, in simple words
(issue 5; R4 wishes, R19 scores, A4 what they keep from their parents).

Only the youth themself opens it (a child logs in from 12, A4); anyone else in the plan
gets 403 without content, outsiders the 404 of a missing plan (A1). The page changes
nothing itself: its forms post to the generic plan-action endpoint with a hidden
`terug=plan-youth`. For the actions of this page (and only for a youth) that endpoint then
comes back here instead of going to a step page, and shows a rejected form here with its
errors (`pages.posted_page`, `pages.context`)."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from regie.access.requests import plan_for, refuse
from regie.web import pages
from regie.web.actions import YOUTH


@login_required
def youth_plan(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    if not viewer.has_youth_page:
        refuse(
            request,
            viewer,
            pages.YOUTH_PART,
            _("Deze pagina is alleen voor het kind of de jongere zelf."),
        )
    pages.log_page(request, viewer, YOUTH)
    return render(request, pages.template(YOUTH), pages.context(viewer, YOUTH))
