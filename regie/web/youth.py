"""Mijn plan: the page a youth opens for their own part of the plan, in simple words
(issue 5; R4 wishes, R19 scores, A4 what they keep from their parents).

Only a participant with the role child opens it (a child logs in from 12, A4); anyone else
in the plan gets 403 without content, outsiders the 404 of a missing plan (A1). The page
changes nothing itself: its forms post to the generic plan-action endpoint with a hidden
`terug=plan-youth`. For the actions of this page (and only for a youth) that endpoint then
comes back here instead of going to a step page, and shows a rejected form here with its
errors (`returns_here`, `render_page`). The value is a fixed name, never a URL, so it
cannot send anyone elsewhere."""

import uuid
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.access.events import Event
from regie.access.requests import log_read, plan_for, refuse
from regie.plans import selectors
from regie.plans.models import Participant, Plan, Role
from regie.web import forms

BACK_FIELD = "terug"
BACK = "plan-youth"
ACTIONS_HERE = frozenset({"wish", "score", "keep-private", "share-with-parents"})
PART = "mijn plan (voor jou)"

# Who someone is, in words a child of 8 to 12 understands (R16 in child words).
ROLE_WORDS: dict[str, Promise] = {
    Role.PARENT: gettext_lazy("je ouder"),
    Role.CHILD: gettext_lazy("ook een kind in jullie gezin"),
    Role.NETWORK: gettext_lazy("helpt jullie gezin"),
    Role.REFERRER: gettext_lazy("houdt het overzicht en maakt de afspraken"),
    Role.CARE_PROFESSIONAL: gettext_lazy("helpt jullie gezin"),
    Role.CHILD_PROTECTION: gettext_lazy("let erop dat je veilig bent"),
    Role.BEHAVIOURAL_SCIENTIST: gettext_lazy("denkt mee over wat goed voor je is"),
    Role.SCHOOL: gettext_lazy("van school"),
    Role.GP: gettext_lazy("je dokter (huisarts)"),
}


def returns_here(request: HttpRequest, me: Participant, action: str) -> bool:
    """Did a youth post this page's form here, so the answer comes back to this page?"""
    return request.POST.get(BACK_FIELD) == BACK and me.role == Role.CHILD and action in ACTIONS_HERE


@login_required
def youth_plan(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    if me.role != Role.CHILD:
        refuse(
            request, plan, me, PART, _("Deze pagina is alleen voor het kind of de jongere zelf.")
        )
    log_read(request, plan, me, Event.PLAN_VIEWED, part=PART)
    return render_page(request, plan, me)


def render_page(
    request: HttpRequest,
    plan: Plan,
    me: Participant,
    *,
    failed: tuple[str, forms.PlanForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; `failed` is a rejected form of this page, shown with what was typed."""
    page = selectors.youth_page(plan, me, timezone.localdate())
    failed_action, failed_form = failed if failed is not None else ("", None)
    bound = {failed_action: failed_form} if failed_form is not None else {}
    context = {
        "plan": plan,
        "me": me,
        "page": page,
        "wish_form": _wish_form(bound.get("wish") or forms.WishForm(plan=plan, me=me)),
        "score_forms": _score_forms(plan, me, page, bound.get("score")),
        # A refused keep or share (A4) says why at the top of "what I keep to myself",
        # also when the record has no button on this page.
        "forms": {
            "keep_private": forms.PrivacyForm(plan=plan, me=me),
            "share_with_parents": forms.PrivacyForm(plan=plan, me=me),
        },
        "privacy_errors": [
            str(error)
            for action in ("keep-private", "share-with-parents")
            if action in bound
            for errors in bound[action].errors.values()
            for error in errors
        ],
        "has_actions": bool(page.other_actions) or any(item.actions for item in page.goals),
        "people": [(p, _who(p, me, plan)) for p in sorted(page.team, key=_order(me))],
        "back_field": BACK_FIELD,
        "back": BACK,
        "failed_action": failed_action,
    }
    return render(request, "web/youth.html", context, status=status)


def _wish_form(form: forms.PlanForm) -> forms.PlanForm:
    """The wish form (R4) for the youth's own wish: no choice of whose wish it is."""
    form.fields["member"].widget = django_forms.HiddenInput()
    form.fields["member"].initial = form.me.public_id
    _label(form, "text", _("Wat wil jij dat er anders wordt?"))
    form["text"].help_text = _("Schrijf het op in je eigen woorden.")
    return form


def _label(form: forms.PlanForm, name: str, label: str) -> None:
    """Say it for this page, also on a rejected form that has built its fields already."""
    form.fields[name].label = label
    form[name].label = label


def _score_forms(
    plan: Plan, me: Participant, page: selectors.YouthPage, failed: forms.PlanForm | None
) -> dict[int, forms.PlanForm]:
    """One score form per active goal, into the evaluation that is open now (R19)."""
    evaluation = page.open_evaluation
    if evaluation is None:
        return {}
    result: dict[int, forms.PlanForm] = {}
    for item in page.goals:
        goal = item.goal
        auto_id = f"id_score_{goal.public_id}_%s"
        if failed is not None and failed.data.get("goal") == str(goal.public_id):
            form = failed
            form.auto_id = auto_id
        else:
            given = item.open_score or item.last_score
            initial: dict[str, Any] = {
                "evaluation": evaluation.public_id,
                "goal": goal.public_id,
                "score": given.score if given is not None else None,
            }
            form = forms.ScoreForm(plan=plan, me=me, initial=initial, auto_id=auto_id)
        form.fields["goal"].widget = django_forms.HiddenInput()
        form.fields.pop("member", None)  # a youth scores for themselves
        _label(form, "score", _("Jouw cijfer voor dit doel"))
        _label(form, "comment", _("Waarom geef je dit cijfer? Dit mag je leeg laten."))
        result[goal.pk] = form
    return result


ORDER: list[str] = [Role.PARENT, Role.CHILD, Role.NETWORK]  # then the professionals


def _order(me: Participant) -> Callable[[Participant], tuple[int, int]]:
    """Me first, then my parents, the other children, the network, the professionals."""

    def key(participant: Participant) -> tuple[int, int]:
        if participant.pk == me.pk:
            return (0, 0)
        rank = ORDER.index(participant.role) + 1 if participant.role in ORDER else len(ORDER) + 1
        return (rank, participant.pk)

    return key


def _who(participant: Participant, me: Participant, plan: Plan) -> str:
    if participant.pk == me.pk:
        return _("jij")
    words = str(ROLE_WORDS.get(participant.role, participant.get_role_display()))
    person = participant.person
    detail = participant.task or (person.description if person is not None else "")
    if participant.role in (Role.NETWORK, Role.CARE_PROFESSIONAL) and detail:
        words = f"{words} ({detail})"
    if participant.organisation is not None:
        words = f"{words}, {participant.organisation.name}"
    if participant.pk == plan.coordinator_id:
        words = _("%(words)s; zorgt dat het plan doorgaat") % {"words": words}
    return words
