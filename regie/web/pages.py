"""One builder for the pages that show a plan's forms: the plan overview, each step page,
the youth's own page "Mijn plan" (issue 5) and "Mijn rechten" (issue 14), whole or as the
htmx fragment of the part that changed. A GET and a rejected form are built alike: the
rejected form, with what was typed and its errors, takes the place of the fresh one.
Everything is read through the viewer `plan_for` made for the request; the builder changes
nothing and logs nothing (the views do both, the read through `log_page`)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regie.access.events import Event
from regie.access.policy import Permission, Section, Viewer
from regie.access.requests import client_ip, log_read
from regie.notifications.selectors import unread_figure
from regie.plans import selectors, workflow
from regie.plans.models import Entry, Goal, Participant, Plan, Role, Step
from regie.plans.services import retention
from regie.web import forms
from regie.web.action_spec import RIGHTS
from regie.web.actions import ACTIONS, OVERVIEW, READABILITY_CHECKED, YOUTH, Page, on_page
from regie.web.diagrams.network_map import step_one_data
from regie.web.forms.analysis import open_domains
from regie.web.forms.help import open_options, plan_decisions

# A form that sits on more than one page says which one it was on, so the answer returns
# there (e.g. "Bereikt of stoppen" on step 4 and on step 8, "Toelaten" on step 1 and in
# the overview's to-do list): a step's number, or `overview`.
FROM_STEP_FIELD = "van_stap"
# The youth page's forms post to the generic action endpoint with a hidden `terug`: a
# fixed name, never a URL, so it cannot send anyone elsewhere.
BACK_FIELD = "terug"
BACK = "plan-youth"
YOUTH_PART = "mijn plan (voor jou)"  # the youth page, as the access log names it
RIGHTS_PART = "mijn rechten"  # Mijn rechten, as the access log names it
# Older entries on demand (issue 13): `?aantekeningen=2` is the page after the newest.
ENTRIES_PAGE_FIELD = "aantekeningen"
MAX_ENTRIES_PAGE = 10_000  # far beyond any plan; keeps the offset a small number


@dataclass(frozen=True)
class Failed:
    """A rejected form of `action`, shown instead of a fresh one."""

    action: str
    form: forms.PlanForm


def posted_page(request: HttpRequest, viewer: Viewer, action: str) -> Page:
    """The page the form was posted from: the youth page when a youth posted one of its
    forms there; the step page the form names, if this person may open it; otherwise the
    page the action belongs to."""
    spec = ACTIONS[action]
    if request.POST.get(BACK_FIELD) == BACK and viewer.has_youth_page and YOUTH in spec.pages:
        return YOUTH
    posted = request.POST.get(FROM_STEP_FIELD, "")
    if posted == OVERVIEW and OVERVIEW in spec.pages:
        return OVERVIEW
    if posted.isdigit() and int(posted) in Step.values and viewer.may_open_step(int(posted)):
        return int(posted)
    return spec.page


def log_page(request: HttpRequest, viewer: Viewer, page: Page) -> None:
    """A5: the one read row of an answer that shows `page`: the page itself, the page
    again with a rejected form (also a conflict), or an htmx fragment of it."""
    address = client_ip(request)
    if page == OVERVIEW:
        log_read(viewer, Event.PLAN_VIEWED, address)
    elif page == YOUTH:
        log_read(viewer, Event.PLAN_VIEWED, address, part=YOUTH_PART)
    elif page == RIGHTS:
        log_read(viewer, Event.PLAN_VIEWED, address, part=RIGHTS_PART)
    else:
        log_read(viewer, Event.STEP_VIEWED, address, part=f"stap {page}")


def url(plan: Plan, page: Page) -> str:
    if page == OVERVIEW:
        return reverse("plan", args=[plan.public_id])
    if page == YOUTH:
        return reverse("plan-youth", args=[plan.public_id])
    if page == RIGHTS:
        return reverse("plan-rights", args=[plan.public_id])
    return reverse("plan-step", args=[plan.public_id, page])


def return_url(viewer: Viewer, page: Page, form: forms.PlanForm) -> str:
    """Where a saved form sends the person: its page, at the older entry it was for."""
    number = entries_page_for(viewer, page, form)
    if number == 1:
        return url(viewer.plan, page)
    entry = form.cleaned_data[form.record_field]
    return f"{url(viewer.plan, page)}?{ENTRIES_PAGE_FIELD}={number}#entry-{entry.public_id}"


TEMPLATES = {OVERVIEW: "web/plan.html", YOUTH: "web/youth.html", RIGHTS: "web/rights.html"}


def template(page: Page) -> str:
    return TEMPLATES.get(str(page), "web/step.html")


def context(
    viewer: Viewer, page: Page, failed: Failed | None = None, *, entries_page: int = 1
) -> dict[str, Any]:
    """Everything the page's template reads; `entries_page`: which page of entries,
    newest first (issue 13)."""
    if page == YOUTH:
        return _youth(viewer, failed)
    today = timezone.localdate()
    if page == RIGHTS:
        return _rights(viewer, failed, today)
    rows = forms.ChoiceRows()
    if isinstance(page, str):
        result = _overview(viewer, today, entries_page)
        rows.seed_team(viewer.plan, result["page"].members)
        result.update(_to_do_context(viewer, result["page"].todo, failed))
    else:
        result = _step(viewer, page, today, entries_page)
        _seed(rows, viewer, result["page"])
    shown = getattr(result["page"], "data", None)
    result.update(_shared(viewer, page, failed, today, _forms(viewer, page, failed, rows, shown)))
    return result


def _shared(
    viewer: Viewer,
    page: Page,
    failed: Failed | None,
    today: datetime.date,
    page_forms: dict[str, forms.PlanForm],
) -> dict[str, Any]:
    """What every part of the overview and the step pages reads."""
    result = {
        "plan": viewer.plan,
        "me": viewer.participant,
        "viewer": viewer,
        "sections": viewer.sections,
        "forms": page_forms,
        "readability_checked": READABILITY_CHECKED,
        "today": today,
        "can": _can(viewer),
        "step_choices": Step.choices,
        "open_steps": viewer.open_steps,
    }
    if failed is not None:
        result["failed_action"] = failed.action
    if page == OVERVIEW:  # its to-do forms also sit on step pages: come back here
        result.update(from_step_field=FROM_STEP_FIELD, from_page=OVERVIEW)
    return result


def _reacted_on_overview(viewer: Viewer, form: forms.PlanForm, part: str) -> dict[str, Any] | None:
    """The answer to "Klopt dit?" on the overview: the entry's card, and "what waits for
    me" without the note just checked. Reads only those, not the whole overview."""
    plan, me, seen = viewer.plan, viewer.participant, viewer.sections
    entry = selectors.shown_entry(plan, me, seen, str(form.data.get(form.record_field, "")))
    if entry is None:
        return None  # the fragment would not show this record, its form or its errors
    failed = Failed("react", form) if form.errors else None
    page_forms = _forms(viewer, OVERVIEW, failed, forms.ChoiceRows(), None)
    result = _shared(viewer, OVERVIEW, failed, timezone.localdate(), page_forms)
    result.update(entry=entry, fragment=part, also_my_actions=not form.errors)
    if not form.errors:
        todo = selectors.to_do(plan, timezone.localdate(), me, seen, to_do_rights(viewer))
        result.update(_to_do_context(viewer, todo, None))
    return result


def _may(viewer: Viewer, action: str) -> bool:
    spec = ACTIONS[action]
    return viewer.may_take(spec.permission, spec.step)


def to_do_rights(viewer: Viewer) -> selectors.ToDoRights:
    """What this person may do from their to-do list: what the action endpoint lets them
    (the same question, A3), and for a decision only the family's answer waits (R14)."""
    return selectors.ToDoRights(
        approve=viewer.may_approve_professional and _may(viewer, "approve"),
        react=_may(viewer, "react"),
        score=_may(viewer, "score"),
        answer=viewer.participant.is_family and _may(viewer, "agree"),
    )


def _to_do_context(viewer: Viewer, todo: selectors.ToDo, failed: Failed | None) -> dict[str, Any]:
    """What `web/_my_actions.html` reads besides the page's forms: the list and a score
    form per goal to score."""
    bound = failed.form if failed is not None and failed.action == "score" else None
    return {
        "todo": todo,
        "score_forms": {
            goal.pk: _score_form(viewer.plan, viewer.participant, todo.evaluation, goal, bound)
            for goal in todo.goals_to_score
        }
        if todo.evaluation is not None
        else {},
        "entries_page_field": ENTRIES_PAGE_FIELD,
    }


def _rights(viewer: Viewer, failed: Failed | None, today: datetime.date) -> dict[str, Any]:
    """Mijn rechten (issue 14): complaints (R22), early destruction (A8), the downloads and
    who looked (A5), for whoever may each."""
    plan, me = viewer.plan, viewer.participant
    page = selectors.rights_page(
        plan,
        me,
        viewer.sections,
        complaints=viewer.can(Permission.COMPLAIN),
        destruction=viewer.may_request_destruction,
    )
    page_forms = _forms(viewer, RIGHTS, failed, forms.ChoiceRows(), None)
    youth = viewer.has_youth_page  # spoken to as "je", as on their own page
    if youth:
        _label(page_forms["complaint"], "text", _("Wat wil je kwijt?"))
        _label(
            page_forms["request_destruction"],
            "reason",
            _("Waarom wil je dat het plan eerder wordt vernietigd?"),
        )
    result = _shared(viewer, RIGHTS, failed, today, page_forms)
    result.update(page=page, retention_years=retention.retention_years(), youth=youth)
    return result


def fragment(
    viewer: Viewer, action: str, form: forms.PlanForm, page: Page
) -> dict[str, Any] | None:
    """The context of the part of `page` that `action` changed, for an htmx request, or
    None: answer as without JavaScript. A rejected form comes back in its fragment with the
    input and errors; the template to include is the context's `fragment`."""
    part = ACTIONS[action].fragments.get(page)
    if part is None:
        return None
    if action == "react" and page == OVERVIEW:
        return _reacted_on_overview(viewer, form, part)
    result = context(
        viewer,
        page,
        Failed(action, form) if form.errors else None,
        entries_page=entries_page_for(viewer, page, form),
    )
    posted = str(form.data.get(form.record_field, ""))
    shown = _fragment_records(action, page, result)
    record = next((item for item in shown if str(item.public_id) == posted), None)
    if record is None and (form.errors or action == "react"):
        return None  # the fragment would not show this record, its form or its errors
    if action == "react":
        result["entry"] = record
        # The overview's "what waits for me" counts the notes to check: keep it true.
        result["also_my_actions"] = page == OVERVIEW and not form.errors
    result["fragment"] = part
    return result


def entries_page(request: HttpRequest) -> int:
    """The page of entries asked for (`?aantekeningen=2`): anything that is not a page
    number shows the newest."""
    asked = request.GET.get(ENTRIES_PAGE_FIELD, "")
    return int(asked) if asked.isdigit() and 0 < int(asked) <= MAX_ENTRIES_PAGE else 1


def entries_page_for(viewer: Viewer, page: Page, form: forms.PlanForm) -> int:
    """The page of entries that holds the entry a form was posted for, so the answer shows
    it with its form (also an older one, issue 13); 1 for any other form."""
    record = getattr(form, "cleaned_data", {}).get(form.record_field) if form.record_field else None
    if not isinstance(record, Entry) or page == YOUTH:
        return 1
    step = None if page == OVERVIEW else int(page)
    plan, me = viewer.plan, viewer.participant
    return selectors.entry_page_number(plan, me, viewer.sections, record, step)


def _overview(viewer: Viewer, today: datetime.date, entries_page: int) -> dict[str, Any]:
    plan, me, seen = viewer.plan, viewer.participant, viewer.sections
    # R3: what blocks the next step, only for whoever may move it (issue 13: the checks
    # cost a query even when nobody saw them).
    movable = viewer.can(Permission.MOVE_STEP) and plan.step < Step.CLOSING
    page = selectors.overview(
        plan,
        today,
        me,
        seen,
        movable=movable,
        rights=to_do_rights(viewer),
        evaluation_rows=False,
        along={"unread_notifications": unread_figure(me.user_id)} if me.user_id else None,
    )
    return {
        **page.along,  # the header's count, read with the page's figures
        "page": page,
        "entry_page": selectors.entry_page(
            plan, me, seen, number=entries_page, members=page.members
        ),
        "entries_page_field": ENTRIES_PAGE_FIELD,
        "moves": workflow.allowed_moves(plan.step),
        "problems": page.problems,
    }


def _step(viewer: Viewer, step: int, today: datetime.date, entries_page: int) -> dict[str, Any]:
    plan, me = viewer.plan, viewer.participant
    page = selectors.step_page(plan, step, today, me, viewer.sections, entries_page=entries_page)
    context = {
        "page": page,
        "entry_page": page.entry_page,
        "entries_page_field": ENTRIES_PAGE_FIELD,
        "step_template": f"web/steps/step_{step}.html",
        "from_step_field": FROM_STEP_FIELD,
    }
    if isinstance(page.data, selectors.IntroductionData):  # genogram and sociogram (R7)
        context["network_maps"] = step_one_data(page.data.persons, page.data.relations, today)
    return context


def _seed(rows: forms.ChoiceRows, viewer: Viewer, page: selectors.StepPage) -> None:
    """Hand the forms the lists the step page read already (issue 13)."""
    plan, data = viewer.plan, page.data
    rows.seed_team(plan, page.team)
    goals = getattr(data, "goals", None)
    if goals is not None and Section.GOALS in viewer.sections:  # then they are all (A3)
        rows.seed_goals(plan, goals)
    if isinstance(data, selectors.IntroductionData):
        rows.seed(plan.family.persons.all(), data.persons)
    elif isinstance(data, selectors.AnalysisData):
        assessed = {assessment.domain_id for assessment in data.assessments}
        rows.seed(open_domains(plan), [d for d in data.domains if d.pk not in assessed])
    elif isinstance(data, selectors.DecidingData):
        rows.seed(open_options(plan), [o for o in data.options if o.withdrawn_at is None])
        rows.seed(plan_decisions(plan), data.decisions)


def _forms(
    viewer: Viewer, page: Page, failed: Failed | None, rows: forms.ChoiceRows, shown: object
) -> dict[str, forms.PlanForm]:
    """A fresh form for every action the page shows, and the rejected one in its place;
    `rows`: their choice lists, read once for the page; `shown`: a step page's data."""
    plan, me = viewer.plan, viewer.participant
    result = {
        name.replace("-", "_"): ACTIONS[name].form(
            plan=plan, me=me, initial=ACTIONS[name].initial(plan, shown), choice_rows=rows
        )
        for name in on_page(page)
        if failed is None or name != failed.action
    }
    if failed is not None:
        result[failed.action.replace("-", "_")] = failed.form
    return result


def _can(viewer: Viewer) -> dict[str, bool]:
    can = {permission.value: viewer.can(permission) for permission in Permission}
    # A4: what a youth may keep from their parents depends on age, not on role alone.
    can["keep_own_words"] = viewer.may_keep_from_parents(own_words=True)
    can["keep_about_me"] = viewer.may_keep_from_parents(own_words=False)
    return can


def _fragment_records(action: str, page: Page, context: dict[str, Any]) -> list[Any]:
    """The records a fragment shows, to find the one the form was posted for."""
    shown = context["page"]
    if action == "react":
        return list(context["entry_page"].entries)
    if action == "complete-action":
        return list(context["todo"].actions if page == OVERVIEW else shown.data.actions)
    return list(shown.data.goals)


# ---- Mijn plan: the youth's own part of the plan, in simple words (R4, R19, A4) ---------


PROFESSIONALS = 4  # the rank of everyone without a place of their own in the list


@dataclass(frozen=True)
class Seat:
    """How the youth page speaks of someone with a role (R16 in words a child of 8 to 12
    understands), and where they stand in the list: after me, parents, other children,
    the network, then the professionals."""

    words: Promise
    rank: int = PROFESSIONALS
    detail: bool = False  # followed by their task or description


SEATS: dict[str, Seat] = {
    Role.PARENT: Seat(gettext_lazy("je ouder"), 1),
    Role.CHILD: Seat(gettext_lazy("ook een kind in jullie gezin"), 2),
    Role.NETWORK: Seat(gettext_lazy("helpt jullie gezin"), 3, detail=True),
    Role.REFERRER: Seat(gettext_lazy("houdt het overzicht en maakt de afspraken")),
    Role.CARE_PROFESSIONAL: Seat(gettext_lazy("helpt jullie gezin"), detail=True),
    Role.CHILD_PROTECTION: Seat(gettext_lazy("let erop dat je veilig bent")),
    Role.BEHAVIOURAL_SCIENTIST: Seat(gettext_lazy("denkt mee over wat goed voor je is")),
    Role.SCHOOL: Seat(gettext_lazy("van school")),
    Role.GP: Seat(gettext_lazy("je dokter (huisarts)")),
}


def _youth(viewer: Viewer, failed: Failed | None) -> dict[str, Any]:
    """The page; `failed` is a rejected form of this page, shown with what was typed."""
    plan, me = viewer.plan, viewer.participant
    page = selectors.youth_page(plan, me, timezone.localdate(), viewer.sections)
    bound = {failed.action: failed.form} if failed is not None else {}
    return {
        "plan": plan,
        "me": me,
        "viewer": viewer,
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
        "failed_action": failed.action if failed is not None else "",
    }


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
        given = item.open_score or item.last_score
        score = given.score if given is not None else None
        form = _score_form(plan, me, evaluation.public_id, item.goal, failed, score)
        _label(form, "score", _("Jouw cijfer voor dit doel"))
        _label(form, "comment", _("Waarom geef je dit cijfer? Dit mag je leeg laten."))
        result[item.goal.pk] = form
    return result


def _score_form(
    plan: Plan,
    me: Participant,
    evaluation: Any,
    goal: Goal,
    failed: forms.PlanForm | None,
    score: int | None = None,
) -> forms.PlanForm:
    """The form for my own score of one goal (R19) in `evaluation` (its public id): the
    rejected one if it was for this goal. Ids per goal, as a page shows one per goal."""
    auto_id = f"id_score_{goal.public_id}_%s"
    if failed is not None and failed.data.get("goal") == str(goal.public_id):
        form = failed
        form.auto_id = auto_id
    else:
        initial = {"evaluation": evaluation, "goal": goal.public_id, "score": score}
        form = forms.ScoreForm(plan=plan, me=me, initial=initial, auto_id=auto_id)
    form.fields["goal"].widget = django_forms.HiddenInput()
    form.fields.pop("member", None)  # everyone scores for themselves here
    return form


def _order(me: Participant) -> Callable[[Participant], tuple[int, int]]:
    """Me first, then my parents, the other children, the network, the professionals."""

    def key(participant: Participant) -> tuple[int, int]:
        if participant.pk == me.pk:
            return (0, 0)
        seat = SEATS.get(participant.role)
        return (seat.rank if seat is not None else PROFESSIONALS, participant.pk)

    return key


def _who(participant: Participant, me: Participant, plan: Plan) -> str:
    if participant.pk == me.pk:
        return _("jij")
    seat = SEATS.get(participant.role)
    words = str(seat.words) if seat is not None else participant.get_role_display()
    person = participant.person
    detail = participant.task or (person.description if person is not None else "")
    if seat is not None and seat.detail and detail:
        words = f"{words} ({detail})"
    if participant.organisation is not None:
        words = f"{words}, {participant.organisation.name}"
    if participant.pk == plan.coordinator_id:
        words = _("%(words)s; zorgt dat het plan doorgaat") % {"words": words}
    return words
