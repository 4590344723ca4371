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
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from regie.access import policy
from regie.access.requests import plan_for, refuse
from regie.accounts.models import User
from regie.plans.models import Participant, Plan
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


def with_youth_page(plans: QuerySet[Plan], user: User) -> QuerySet[Plan]:
    """The plans, each with `youth_page`: whether this user is the youth in it, so that
    home links them to their own page (issue 14); the overview stays one link away."""
    mine = Participant.objects.filter(
        plan=OuterRef("pk"), user=user, role__in=sorted(policy.YOUTH_PAGE_ROLES)
    )
    return plans.annotate(youth_page=Exists(mine))


def landing(user: User) -> str | None:
    """Issue 14: where a youth lands after logging in: their own page, when they take part
    in one plan and are the youth in it (A4). Anyone else: None (home)."""
    if not user.is_authenticated or user.is_professional:
        return None
    plans = list(with_youth_page(policy.visible_plans(user), user)[:2])
    if len(plans) == 1 and getattr(plans[0], "youth_page", False):
        return reverse("plan-youth", args=[plans[0].public_id])
    return None
