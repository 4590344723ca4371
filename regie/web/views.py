"""Thin views: ask the policy for the plan, a selector for the page, a service for the
change. Outsiders get the same 404 as for a plan that does not exist (A1)."""

import uuid
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regie.access import policy
from regie.access.events import Event, Outcome
from regie.access.log import Actor, record
from regie.access.requests import log_read, plan_for
from regie.accounts.models import User
from regie.core.errors import ConflictError, RuleViolation
from regie.plans import selectors, workflow
from regie.plans.models import (
    DestructionRequest,
    DestructionStatus,
    NetworkAssessment,
    Participant,
    Plan,
    Step,
)
from regie.plans.services import invitations as invitation_services
from regie.plans.services import plans as plan_services
from regie.plans.services import retention
from regie.web import caseload, forms, youth
from regie.web.actions import ACTIONS, REQUIRES
from regie.web.conflicts import show_conflict
from regie.web.readability import hint_for_form


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", _home_context(request, forms.OpenPlanForm()))


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
        plans = list(policy.visible_plans(user).select_related("family").order_by("family__name"))
        context["plans"] = plans
        part = f"{len(plans)} plannen" if plans else ""
    if part:
        record(
            Event.PLANS_LISTED,
            actor=Actor(
                user_id=user.pk, label=str(user), ip_address=request.META.get("REMOTE_ADDR")
            ),
            part=part,
        )
    return context


def _caseload_context(request: HttpRequest, user: User) -> dict[str, Any]:
    form = caseload.CaseloadForm(request.GET)
    choice = form.choice()
    page, page_changed = caseload.page_of(
        selectors.caseload(user, **choice), request.GET.get("page")
    )
    filtered = caseload.is_filtered(choice)
    kept = caseload.querystring(choice)
    return {
        "caseload_form": form,
        "choice": choice,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "keep": f"{kept}&" if kept else "",
        "filtered": filtered,
        # "no plans at all" and "none with these filters" are different empty pages.
        "has_plans": page.paginator.count > 0 or (filtered and policy.visible_plans(user).exists()),
        "ignored": form.ignored() + ([_("pagina")] if page_changed else []),
    }


def _forms_for(plan: Plan, me: Participant, names: list[str]) -> dict[str, Any]:
    """Unbound forms for the actions this person may take on this page."""
    result: dict[str, Any] = {}
    for name in names:
        spec = ACTIONS[name]
        form = spec.form(plan=plan, me=me, initial=_initial(name, plan))
        result[name.replace("-", "_")] = form
    return result


def _initial(name: str, plan: Plan) -> dict[str, Any]:
    if name == "move-step":
        return {"expected_version": plan.version, "to_step": min(plan.step + 1, Step.CLOSING)}
    if name == "story":
        story = plan.story
        return {
            "story": story.story,
            "request_for_help": story.request_for_help,
            "expected_version": story.version,
        }
    if name == "profile":
        family = plan.family
        return {
            "name": family.name,
            "language": family.language,
            "culture": family.culture,
            "religion": family.religion,
            "considerations": family.considerations,
            "expected_version": family.version,
        }
    if name == "network":
        assessment = NetworkAssessment.objects.filter(plan=plan).first()
        if assessment is not None:
            return {
                "family_does": assessment.family_does,
                "network_does": assessment.network_does,
                "is_enough": assessment.is_enough,
                "skip_reason": assessment.skip_reason,
                "expected_version": assessment.version,
            }
    return {}


# What professionals write for the family gets a plain-language hint after saving.
READABILITY_CHECKED = {"entry", "correct-entry", "picture", "decide"}
ENTRY_ACTIONS = ["react", "correct-entry", "withdraw-entry", "keep-private", "share-with-parents"]
OVERVIEW_ACTIONS = [
    "move-step",
    "entry",
    "request-evaluation",
    "complaint",
    "complete-action",
    "request-destruction",
    *ENTRY_ACTIONS,
]
STEP_ACTIONS: dict[int, list[str]] = {
    Step.INTRODUCTION: [
        "invite",
        "revoke-invitation",
        "share",
        "stop-share",
        "add-person",
        "add-professional",
        "approve",
        "refuse",
        "coordinator",
        "end-participation",
        "framework",
        "profile",
        "relation",
    ],
    Step.REQUEST: ["story", "story-read", "wish", "withdraw-wish"],
    Step.ANALYSIS: ["domain", "edit-domain", "factor", "picture", "position", "consultation"],
    Step.GOALS: ["goal", "move-goal", "goal-status", "condition", "withdraw-condition"],
    Step.OWN_STRENGTH: ["network", "offer-group-plan", "answer-group-plan", "action"],
    Step.DECIDING: [
        "option",
        "preference",
        "decide",
        "agree",
        "choose-provider",
        "application",
        "late-notice",
        "application-outcome",
        "schedule-evaluation",
    ],
    Step.EXECUTING: [
        "schedule-evaluation",
        "score",
        "record-evaluation",
        "meeting",
        "info-agreement",
        "action",
    ],
    Step.CLOSING: ["aftercare", "close", "goal-status"],
}


def _overview_context(plan: Plan, me: Participant) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "plan": plan,
        "me": me,
        "viewer": policy.viewer_of(me),
        "sections": policy.sections(me),
        "retention_years": retention.retention_years(),
        "page": selectors.overview(plan, today, me),
        "entries": selectors.entries(plan, me),
        "moves": workflow.allowed_moves(plan.step),
        "problems": workflow.move_problems(plan, plan.step + 1) if plan.step < Step.CLOSING else [],
        "forms": _forms_for(plan, me, OVERVIEW_ACTIONS),
        "readability_checked": READABILITY_CHECKED,
        "today": today,
        "can": _can(me),
        "step_choices": Step.choices,
        "open_steps": _open_steps(me),
    }


def _step_context(plan: Plan, me: Participant, step: int) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "plan": plan,
        "me": me,
        "viewer": policy.viewer_of(me),
        "sections": policy.sections(me),
        "page": selectors.step_page(plan, step, today, me),
        "forms": _forms_for(plan, me, [*STEP_ACTIONS[step], *ENTRY_ACTIONS, "complete-action"]),
        "readability_checked": READABILITY_CHECKED,
        "today": today,
        "can": _can(me),
        "step_template": f"web/steps/step_{step}.html",
        "from_step_field": FROM_STEP_FIELD,
        "step_choices": Step.choices,
        "open_steps": _open_steps(me),
    }


def _open_steps(me: Participant) -> list[int]:
    seen = policy.sections(me)
    return [step for step in Step.values if policy.may_open_step(me, step, seen)]


def _can(me: Participant) -> dict[str, bool]:
    can = {permission.value: policy.can(me, permission) for permission in policy.Permission}
    # A4: what a youth may keep from their parents depends on age, not on role alone.
    can["keep_own_words"] = policy.may_keep_from_parents(me, own_words=True)
    can["keep_about_me"] = policy.may_keep_from_parents(me, own_words=False)
    return can


@login_required
def plan_overview(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    log_read(request, plan, me, Event.PLAN_VIEWED)
    return render(request, "web/plan.html", _overview_context(plan, me))


@login_required
def plan_step(request: HttpRequest, plan_id: uuid.UUID, step: int) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    if step not in Step.values:
        raise Http404(_("Niet gevonden."))
    if not policy.may_open_step(me, step, policy.sections(me)):
        log_read(
            request,
            plan,
            me,
            Event.PLAN_ACCESS_REFUSED,
            part=f"stap {step}",
            outcome=Outcome.REFUSED,
        )
        raise PermissionDenied(_("Dit deel van het plan deelt het gezin niet met u."))
    log_read(request, plan, me, Event.STEP_VIEWED, part=f"stap {step}")
    return render(request, "web/step.html", _step_context(plan, me, step))


@login_required
@require_POST
def readability_hint(request: HttpRequest, plan_id: uuid.UUID, action: str) -> HttpResponse:
    """Write for the family (000, 004): the plain-language hint for what someone is typing,
    which htmx asks for while they write. It reads nothing of the plan and stores nothing;
    who may not take the action gets no hint (A3)."""
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    spec = ACTIONS.get(action)
    if spec is None or action not in READABILITY_CHECKED:
        raise Http404(_("Niet gevonden."))
    if not _may_take(me, action):
        raise PermissionDenied(_("Dit kunt u in dit plan niet doen."))
    form = spec.form(request.POST, plan=plan, me=me)
    return render(request, "web/_readability_hint.html", {"form": form, "action": action})


@login_required
@require_POST
def plan_action(request: HttpRequest, plan_id: uuid.UUID, action: str) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404(_("Niet gevonden."))
    # Refuse before reading the form: a refused action must not render its page (A3).
    if not _may_take(me, action):
        log_read(request, plan, me, Event.PLAN_ACCESS_REFUSED, part=action, outcome=Outcome.REFUSED)
        raise PermissionDenied(_("Dit kunt u in dit plan niet doen."))
    form = spec.form(request.POST, plan=plan, me=me)
    back_to_youth_page = youth.returns_here(request, me, action)  # "Mijn plan", issue 5
    page_step = _form_page(request, me, spec.step)
    if form.is_valid():
        try:
            result = spec.run(form.cleaned_data, plan, me)
        except RuleViolation as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except ConflictError as error:
            form.add_error(None, error.message)
            # Someone else saved first: show both versions and let the person choose. A
            # 400 like every rejected form: the page comes back, nothing was saved.
            show_conflict(form, keep_url=_page_url(plan, page_step))
        else:
            messages.success(request, str(spec.done or _("Opgeslagen.")))
            # Write for the family (000, 004): warn, without blocking, when it reads hard.
            hint = hint_for_form(form) if action in READABILITY_CHECKED else None
            if hint is not None and hint.warn:
                messages.info(request, hint.message)
            if isinstance(result, str) and result:
                messages.warning(request, result)
            if back_to_youth_page:
                return redirect("plan-youth", plan_id=plan.public_id)
            fragment = _htmx_fragment(request, plan, me, action, form, page_step)
            return fragment or redirect(_page_url(plan, page_step))
    # Show the same page again with the person's input and the errors (nothing is lost).
    plan.refresh_from_db()
    if back_to_youth_page:
        return youth.render_page(request, plan, me, failed=(action, form), status=400)
    fragment = _htmx_fragment(request, plan, me, action, form, page_step)
    if fragment is not None:
        return fragment
    if page_step is None:
        context = _overview_context(plan, me)
        template = "web/plan.html"
    else:
        context = _step_context(plan, me, page_step)
        template = "web/step.html"
    context["forms"][action.replace("-", "_")] = form
    context["failed_action"] = action
    return render(request, template, context, status=400)


def _may_take(me: Participant, action: str) -> bool:
    """Whether this person may take the action: its permission, and the page it belongs to
    is one they may open (A3)."""
    required = REQUIRES[action]
    step = ACTIONS[action].step
    if required is not None and not policy.can(me, required):
        return False
    return step is None or policy.may_open_step(me, step, policy.sections(me))


# A form that sits on more than one step page says which one it was on, so the answer
# returns there (e.g. "Bereikt of stoppen" on step 4 and on step 8).
FROM_STEP_FIELD = "van_stap"


def _form_page(request: HttpRequest, me: Participant, default: int | None) -> int | None:
    """The step page the form was posted from, if it is a step this person may open;
    otherwise the action's own page."""
    posted = request.POST.get(FROM_STEP_FIELD, "")
    if not posted.isdigit() or int(posted) not in Step.values:
        return default
    step = int(posted)
    return step if policy.may_open_step(me, step, policy.sections(me)) else default


def _page_url(plan: Plan, step: int | None) -> str:
    """The page an action's form sits on (None: the overview)."""
    if step is None:
        return reverse("plan", args=[plan.public_id])
    return reverse("plan-step", args=[plan.public_id, step])


# htmx (issue 5): these actions answer an htmx request with only the part of the page
# that changed, rendered from the template the full page includes (one copy of the
# markup), per page the form sits on (None: the overview). Every other action, and a
# request without JavaScript, gets the full answer: a redirect or the page with errors.
ACTIONS_LIST = "web/steps/_actions.html"
HTMX_FRAGMENTS: dict[str, dict[int | None, str]] = {
    "react": dict.fromkeys([None, *Step.values], "web/_entry.html"),
    "complete-action": {
        None: "web/_my_actions.html",
        Step.OWN_STRENGTH: ACTIONS_LIST,
        Step.EXECUTING: ACTIONS_LIST,
    },
    "move-goal": {Step.GOALS: "web/steps/_goal_list.html"},
}


def _htmx_fragment(
    request: HttpRequest,
    plan: Plan,
    me: Participant,
    action: str,
    form: forms.PlanForm,
    step: int | None,
) -> HttpResponse | None:
    """The changed part of the page (`step`, None: the overview) for an htmx request, or
    None: answer as without JavaScript. A rejected form comes back in its fragment with
    the input and errors."""
    templates = HTMX_FRAGMENTS.get(action)
    if not request.htmx or templates is None:  # type: ignore[attr-defined]
        return None
    template = templates.get(step)
    if template is None:
        return None
    plan.refresh_from_db()
    context = _overview_context(plan, me) if step is None else _step_context(plan, me, step)
    posted = str(form.data.get(form.record_field, ""))
    shown = _fragment_records(action, context)
    record = next((item for item in shown if str(item.public_id) == posted), None)
    if record is None and (form.errors or action == "react"):
        return None  # the fragment would not show this record, its form or its errors
    if action == "react":
        context["entry"] = record
        # The overview's "what waits for me" counts the notes to check: keep it true.
        context["also_my_actions"] = step is None and not form.errors
    if form.errors:
        context["forms"][action.replace("-", "_")] = form
        context["failed_action"] = action
    elif step is None:  # what the page after the redirect would have logged (A5)
        log_read(request, plan, me, Event.PLAN_VIEWED)
    else:
        log_read(request, plan, me, Event.STEP_VIEWED, part=f"stap {step}")
    # Errors answer 200, not 400: htmx 2 swaps no 4xx answer by default, and answering
    # 200 needs no extra script or htmx configuration (CSP: no inline script) to show
    # the form with the person's input and its errors in place.
    return render(request, "web/_htmx_response.html", {**context, "fragment": template})


def _fragment_records(action: str, context: dict[str, Any]) -> list[Any]:
    """The records a fragment shows, to find the one the form was posted for."""
    page = context["page"]
    overview = "entries" in context
    if action == "react":
        return list(context["entries"] if overview else page.entries)
    if action == "complete-action":
        return list(page.my_actions if overview else page.data["actions"])
    return list(page.data["goals"])


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
    pending = [
        (item, me)
        for item in DestructionRequest.objects.filter(status=DestructionStatus.REQUESTED)
        .filter(plan__participants__user=user)
        .select_related("plan__family", "created_by__person", "created_by__user")
        .distinct()
        for me in item.plan.participants.filter(user=user)
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
    for item, me in pending:
        log_read(request, item.plan, me, Event.PLAN_VIEWED, part="vernietigingsverzoek")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "web/destruction_requests.html",
        {"pending": pending, "form": form},
        status=status,
    )
