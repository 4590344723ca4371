"""Thin views: ask the policy for the plan (one viewer per request), the page builder for
the page, a service for the change. Outsiders get the same 404 as for a plan that does not
exist (A1)."""

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access import policy
from regie.access.events import Event
from regie.access.log import record
from regie.access.policy import Viewer
from regie.access.policy.accounts import indicator_scope
from regie.access.requests import client_ip, log_reads, plan_for, refuse
from regie.accounts.models import User
from regie.core.errors import ConflictError, RuleViolation
from regie.core.transactions import with_retry
from regie.plans import selectors
from regie.plans.models import DestructionRequest, DestructionStatus, Participant, Step
from regie.plans.services import invitations as invitation_services
from regie.plans.services import plans as plan_services
from regie.plans.services import retention
from regie.web import caseload, forms, pages, youth
from regie.web.actions import ACTIONS, OVERVIEW, YOUTH, Page
from regie.web.conflicts import show_conflict
from regie.web.readability import hint_for_form


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if indicator_scope(user) is not None:
        return redirect("indicators")  # issue 15: figures are all these roles see
    if user.is_privacy_officer and not user.is_professional:
        # Issue 14: the privacy officer's work is the log search, not an empty plan list.
        return redirect("privacy-log")
    form = forms.OpenPlanForm(initial=forms.open_plan_initial(user))
    return render(request, "web/home.html", _home_context(request, form))


@login_required
@require_POST
def open_plan(request: HttpRequest) -> HttpResponse:
    if not getattr(request.user, "is_professional", False):
        raise PermissionDenied(_("Alleen een hulpverlener van een organisatie opent een plan."))
    form = forms.OpenPlanForm(request.POST)
    if form.is_valid():
        try:
            plan = plan_services.open_plan(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except RuleViolation as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except policy.NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het plan is geopend. Begin met kennismaken."))
            return redirect("plan", plan_id=plan.public_id)
    return render(request, "web/home.html", _home_context(request, form), status=400)


def _home_context(request: HttpRequest, open_form: forms.OpenPlanForm) -> dict[str, Any]:
    """The home page: a professional's caseload, searched, filtered and paged (issue 5);
    for everyone else simply the plans they take part in. Either list is a search that
    returns plan data (A5): logged with the filters, never with a family's name."""
    user = cast(User, request.user)
    context: dict[str, Any] = {"open_form": open_form}
    if user.is_professional:
        context.update(_caseload_context(request, user))
        part = caseload.log_part(context["choice"], context["page"]) if context["has_plans"] else ""
    else:
        plans = list(
            youth.with_youth_page(policy.visible_plans(user), user)
            .select_related("family")
            .order_by("family__name")
        )
        context["plans"] = plans
        part = f"{len(plans)} plannen" if plans else ""
    if part:
        record(
            Event.PLANS_LISTED,
            actor=policy.user_actor(user, ip_address=client_ip(request)),
            part=part,
        )
    return context


def _caseload_context(request: HttpRequest, user: User) -> dict[str, Any]:
    form = caseload.CaseloadForm(request.GET)
    choice = form.choice()
    plans = selectors.caseload(user, **choice)
    page, page_changed = caseload.page_of(plans, request.GET.get("page"))
    filtered = caseload.is_filtered(choice)
    kept = caseload.querystring(choice)
    return {
        "caseload_form": form,
        "choice": choice,
        "page": page,
        # Read with the count: what is overdue, due today and this week (issue 14).
        "summary": plans.summary,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "keep": f"{kept}&" if kept else "",
        "filtered": filtered,
        # "no plans at all" and "none with these filters" are different empty pages.
        "has_plans": page.paginator.count > 0 or (filtered and policy.visible_plans(user).exists()),
        "ignored": form.ignored() + ([_("pagina")] if page_changed else []),
    }


@login_required
def plan_overview(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    pages.log_page(request, viewer, OVERVIEW)
    context = pages.context(viewer, OVERVIEW, entries_page=pages.entries_page(request))
    return render(request, pages.template(OVERVIEW), context)


@login_required
def plan_step(request: HttpRequest, plan_id: uuid.UUID, step: int) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    if step not in Step.values:
        raise Http404(_("Niet gevonden."))
    if not viewer.may_open_step(step):
        refuse(
            request, viewer, f"stap {step}", _("Dit deel van het plan deelt het gezin niet met u.")
        )
    pages.log_page(request, viewer, step)
    context = pages.context(viewer, step, entries_page=pages.entries_page(request))
    return render(request, pages.template(step), context)


@login_required
@require_POST
def readability_hint(request: HttpRequest, plan_id: uuid.UUID, action: str) -> HttpResponse:
    """Write for the family (000, 004): the plain-language hint for what someone is typing,
    which htmx asks for while they write. It reads nothing of the plan and stores nothing:
    the hint is made from the typed text alone, so it writes no read row (A5), which
    would only fill the family's "who looked" with every pause in typing. Who may not
    take the action gets no hint (A3)."""
    viewer = plan_for(request, plan_id)
    spec = ACTIONS.get(action)
    if spec is None or not spec.readability:
        raise Http404(_("Niet gevonden."))
    if not viewer.may_take(spec.permission, spec.step):
        raise PermissionDenied(_("Dit kunt u in dit plan niet doen."))
    form = spec.form(request.POST, plan=viewer.plan, me=viewer.participant)
    return render(request, "web/_readability_hint.html", {"form": form, "action": action})


@login_required
@require_POST
def plan_action(request: HttpRequest, plan_id: uuid.UUID, action: str) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    plan = viewer.plan
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404(_("Niet gevonden."))
    # Refuse before reading the form: a refused action must not render its page (A3).
    if not viewer.may_take(spec.permission, spec.step):
        refuse(request, viewer, action, _("Dit kunt u in dit plan niet doen."))
    page = pages.posted_page(request, viewer, action)
    form, saved, result = with_retry(lambda: _save(request, viewer, action, page))
    if saved:
        return _done(request, viewer, action, form, result, page)
    # Show the same page again with the person's input and the errors (nothing is lost),
    # whole or its htmx fragment: it shows the plan, so it is a read like the page (A5).
    plan.refresh_from_db()
    pages.log_page(request, viewer, page)
    fragment = _htmx_fragment(request, viewer, action, form, page)
    if fragment is not None:
        return fragment
    context = pages.context(
        viewer,
        page,
        pages.Failed(action, form),
        entries_page=pages.entries_page_for(viewer, page, form),
    )
    response = render(request, pages.template(page), context, status=400)
    record = form.undrawn_record()
    if record is not None and page != YOUTH:
        # The record left the list the page draws its forms for (a goal someone ended
        # meanwhile): draw the page again with this form apart, so the conflict screen and
        # what the person typed still show (issue 12 concurrency).
        context["undrawn_record"] = record
        response = render(request, pages.template(page), context, status=400)
    return response


def _save(
    request: HttpRequest, viewer: Viewer, action: str, page: Page
) -> tuple[forms.PlanForm, bool, Any]:
    """Read the posted form and run its service: the form, whether it saved, and what the
    service returned. Read anew on every attempt (`with_retry`), so a save made again
    starts from what is stored now."""
    plan, me = viewer.plan, viewer.participant
    spec = ACTIONS[action]
    form = spec.form(request.POST, plan=plan, me=me)
    if not form.is_valid():
        return form, False, None
    try:
        result = spec.run(form.cleaned_data, plan, me)
    except RuleViolation as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    except ConflictError as error:
        form.add_error(None, error.message)
        # Someone else saved first: show both versions and let the person choose. A 400
        # like every rejected form: the page comes back, nothing was saved.
        show_conflict(form, keep_url=pages.return_url(viewer, page, form))
    else:
        return form, True, result
    return form, False, None


def _done(
    request: HttpRequest,
    viewer: Viewer,
    action: str,
    form: forms.PlanForm,
    result: Any,
    page: Page,
) -> HttpResponse:
    """The answer to a saved form: its message, then the page it was on (or its part)."""
    spec = ACTIONS[action]
    messages.success(request, str(spec.done or _("Opgeslagen.")))
    # Write for the family (000, 004): warn, without blocking, when it reads hard.
    hint = hint_for_form(form) if spec.readability else None
    if hint is not None and hint.warn:
        messages.info(request, hint.message)
    if isinstance(result, str) and result:
        messages.warning(request, result)
    fragment = _htmx_fragment(request, viewer, action, form, page)
    if fragment is None:
        return redirect(pages.return_url(viewer, page, form))  # which logs its own read (A5)
    pages.log_page(request, viewer, page)  # the read the page after the redirect would log
    return fragment


def _htmx_fragment(
    request: HttpRequest, viewer: Viewer, action: str, form: forms.PlanForm, page: Page
) -> HttpResponse | None:
    """htmx (issue 5): only the part of the page that changed, or None: answer as without
    JavaScript. The caller logs the read (A5)."""
    if not getattr(request, "htmx", False):
        return None
    family = viewer.plan.family
    viewer.plan.refresh_from_db()
    viewer.plan.family = family  # a plan keeps its family; the read's log row names it (A5)
    context = pages.fragment(viewer, action, form, page)
    if context is None:
        return None
    # Errors answer 200, not 400: htmx 2 swaps no 4xx answer by default, and answering
    # 200 needs no extra script or htmx configuration (CSP: no inline script) to show
    # the form with the person's input and its errors in place.
    return render(request, "web/_htmx_response.html", context)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """A family or network member sets a username and password with their single-use link.
    Every refusal gives the same kind of plain reason, never a hint of the plan."""
    try:
        invitation = invitation_services.open_invitation(token)
    except RuleViolation as error:
        return render(request, "web/invitation.html", {"problem": error.message}, status=410)
    form = forms.AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_services.accept_invitation(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except RuleViolation as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Uw account is klaar. Log in met uw nieuwe wachtwoord."))
            return redirect("login")
    name = invitation.participant.display_name
    status = 400 if form.is_bound else 200
    return render(request, "web/invitation.html", {"form": form, "name": name}, status=status)


@login_required
def destruction_requests(request: HttpRequest) -> HttpResponse:
    """A8: the requests for early destruction this professional may handle, including
    closed plans they no longer read; it shows the request, never the plan."""
    user = request.user
    if not isinstance(user, User):  # login_required already sent anonymous visitors away
        raise Http404(_("Niet gevonden."))
    # Issue 13: this person's roles in every plan in one query, not one per request.
    mine = Prefetch(
        "plan__participants",
        queryset=Participant.objects.filter(user=user).select_related(
            "person", "user", "organisation"
        ),
    )
    pending = [
        (item, me)
        for item in DestructionRequest.objects.filter(status=DestructionStatus.REQUESTED)
        .filter(plan__participants__user=user)
        .select_related("plan__family", "created_by__person", "created_by__user")
        .prefetch_related(mine)
        .distinct()
        for me in item.plan.participants.all()  # only this person's roles: `mine`
        if policy.may_handle_destruction(me, item.plan)
    ]
    form = forms.HandleDestructionForm(request.POST or None)
    if request.method == "POST":
        # Only a request this person may handle; anything else is not found (A1).
        chosen = next(
            ((item, me) for item, me in pending if str(item.public_id) == form.data.get("request")),
            None,
        )
        if chosen is None:
            raise Http404(_("Niet gevonden."))
        item, me = chosen
        if form.is_valid():
            try:
                retention.handle_destruction_request(
                    actor=me,
                    request=item,
                    grant=form.cleaned_data["grant"],
                    reason=form.cleaned_data["reason"],
                )
            except RuleViolation as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Het verzoek is afgehandeld."))
                return redirect("destruction-requests")
    address = client_ip(request)
    log_reads(
        (me for _item, me in pending), Event.PLAN_VIEWED, address, part="vernietigingsverzoek"
    )
    status = 400 if form.is_bound else 200
    return render(
        request,
        "web/destruction_requests.html",
        {"pending": pending, "form": form},
        status=status,
    )
