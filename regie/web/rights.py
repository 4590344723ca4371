"""Mijn rechten (issue 14): what a family member can ask of the plan's organisations and
of Regie, each explained calmly: a complaint or a second opinion (R22), who looked at the
plan (A5), the downloads and the data export (AVG), and a request to destroy the plan
early (A8). Its forms post to the generic plan-action endpoint, which comes back here.
Everyone in the plan opens it (the downloads are theirs too); each part shows only for
whoever the policy lets do it; outsiders get the 404 of a missing plan (A1)."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from regie.access.requests import plan_for
from regie.web import pages
from regie.web.action_spec import RIGHTS


@login_required
def plan_rights(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    pages.log_page(request, viewer, RIGHTS)  # it shows the plan's complaints: a read (A5)
    return render(request, pages.template(RIGHTS), pages.context(viewer, RIGHTS))
