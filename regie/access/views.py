"""Reading the access log (A5): the family's "Wie heeft ons plan bekeken?" (Wabvpz art.
15e) and the privacy officer's search and export (NEN 7513), with the latest signed
checkpoint to keep a copy of. Reading the log is itself logged: every search, export and
download writes its own row."""

import csv
import uuid
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regie.access import checkpoints, policy, selectors, visits
from regie.access.events import Event, EventKind
from regie.access.forms import LogSearchForm, PeriodForm, VisitsForm
from regie.access.log import Actor, record
from regie.access.models import AccessLogEntry
from regie.access.requests import client_ip, csv_cell, log_read, plan_for, refuse
from regie.accounts.models import User
from regie.families.models import Family
from regie.plans.models import Plan

PAGE_SIZE = 50
VISITS_PER_PAGE = 20  # a person's day per card: 20 cards are a phone's few screens
LOG_PART = "wie heeft ons plan bekeken"  # the family's log page, as a refusal names it


def _lines(page: Page[AccessLogEntry] | None) -> list[selectors.LogLine]:
    if page is None:
        return []
    rows = list(page.object_list)
    names = selectors.family_names(rows)
    return [selectors.log_line(row, names) for row in rows]


def _period_text(form: PeriodForm) -> str:
    since, until = form.period
    if since is None and until is None:
        return ""
    return f"periode {since or '…'} t/m {until or '…'}"


@login_required
@require_GET
@never_cache
def plan_access_log(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    """Who looked at and changed our plan, per person per day (issue 14). Only the family
    itself: parents and children with a login; anyone else in the plan is refused (and
    that is logged), outsiders get 404 (A1). A5: one row per answer, also for a period
    that is not valid: that page shows no rows of the log, but it still names the family.
    The family sees no user ids or addresses, and no outsider's name."""
    viewer = plan_for(request, plan_id)
    plan, me = viewer.plan, viewer.participant
    if not policy.may_read_access_log(me):
        refuse(request, viewer, LOG_PART, _("Alleen het gezin ziet wie het plan heeft bekeken."))
    form = VisitsForm(request.GET)
    page = None
    valid = form.is_valid()
    log_read(viewer, Event.LOG_VIEWED, client_ip(request), part=_period_text(form) if valid else "")
    own_visits = valid and form.cleaned_data["eigen"]
    if valid:
        since, until = form.period
        rows = selectors.plan_log(plan.public_id, since=since, until=until)
        grouped = visits.visits(rows, own_visits=own_visits)
        page = Paginator(grouped, VISITS_PER_PAGE).get_page(request.GET.get("pagina"))
    lines = [visits.visit(group) for group in page.object_list] if page is not None else []
    context = {
        "plan": plan,
        "me": me,
        "form": form,
        "page_obj": page,
        "lines": lines,
        "own_visits": own_visits,
    }
    return render(request, "access/plan_log.html", context, status=200 if page is not None else 400)


# ---- The privacy officer ----------------------------------------------------------------


def _privacy_officer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not policy.may_search_access_log(user):
        raise Http404(_("Niet gevonden."))
    return user


def _officer_actor(user: User, request: HttpRequest) -> Actor:
    return policy.user_actor(
        user, ip_address=client_ip(request), role=selectors.PRIVACY_OFFICER_ROLE
    )


def _query(form: LogSearchForm) -> selectors.LogQuery:
    since, until = form.period
    return selectors.LogQuery(
        family_or_plan=form.cleaned_data.get("gezin"),
        user_id=form.cleaned_data.get("gebruiker"),
        since=since,
        until=until,
    )


def _record_search(
    kind: EventKind, user: User, request: HttpRequest, query: selectors.LogQuery
) -> None:
    """The search's own row. A search for one family or plan is logged against it, so
    the family sees it too; an id that matches neither is kept in `part`."""
    family_id = plan_id = None
    described = query.describe()
    if query.family_or_plan is not None:
        plan = Plan.objects.select_related("family").filter(public_id=query.family_or_plan)
        found = plan.first()
        if found is not None:
            plan_id, family_id = found.public_id, found.family.public_id
        elif Family.objects.filter(public_id=query.family_or_plan).exists():
            family_id = query.family_or_plan
        else:
            described = "; ".join(filter(None, [f"id {query.family_or_plan}", described]))
    record(
        kind,
        actor=_officer_actor(user, request),
        family_id=family_id,
        plan_id=plan_id,
        part=described,
    )


def _privacy_page(
    request: HttpRequest, form: LogSearchForm, page: Page[AccessLogEntry] | None, status: int
) -> HttpResponse:
    """The search page, with the latest checkpoint: how long the log was, signed, outside
    the database. Showing it writes no row: it holds no family, plan or person."""
    context = {
        "form": form,
        "page_obj": page,
        "lines": _lines(page),
        "searched": page is not None,
        "checkpoint": checkpoints.latest(),
    }
    return render(request, "access/privacy_log.html", context, status=status)


@login_required
@require_GET
@never_cache
def privacy_log(request: HttpRequest) -> HttpResponse:
    """Search the log by family, user and period. Each search is logged."""
    user = _privacy_officer(request)
    form = LogSearchForm(request.GET or None)
    page = None
    status = 200
    if form.is_bound:
        if form.is_valid() and form.must_pick:
            # The names found are a search of the log's families: logged, without the
            # name typed (as the caseload's search, A5).
            part = f"gezinsnaam: {len(form.families)} gezinnen gevonden"
            record(Event.LOG_SEARCHED, actor=_officer_actor(user, request), part=part)
        elif form.is_valid():
            query = _query(form)
            _record_search(Event.LOG_SEARCHED, user, request, query)
            rows = selectors.search_log(query)
            page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
        else:
            status = 400
    return _privacy_page(request, form, page, status)


class _Echo:
    """A file-like object whose write returns the line, for streaming csv rows."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(query: selectors.LogQuery) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([header for _field, header in selectors.EXPORT_COLUMNS])
    fields = [field for field, _header in selectors.EXPORT_COLUMNS]
    for values in selectors.search_log(query).values_list(*fields).iterator(chunk_size=2000):
        yield writer.writerow([csv_cell(value) for value in values])


@login_required
@require_GET
@never_cache
def privacy_log_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The same search as CSV: log columns only, no case content. Each export is logged."""
    user = _privacy_officer(request)
    form = LogSearchForm(request.GET)
    if not form.is_valid():
        return _privacy_page(request, form, None, 400)
    if form.must_pick:
        return _privacy_page(request, form, None, 200)
    query = _query(form)
    _record_search(Event.LOG_EXPORTED, user, request, query)
    response = StreamingHttpResponse(_csv_lines(query), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="toegangslog-{stamp}.csv"'
    return response


@login_required
@require_GET
@never_cache
def privacy_log_checkpoint(request: HttpRequest) -> HttpResponse | FileResponse:
    """The latest checkpoint's file as it is, to keep a copy elsewhere. Each download is
    logged; without a checkpoint the search page says there is none yet (404)."""
    user = _privacy_officer(request)
    checkpoint = checkpoints.latest()
    if checkpoint is None:
        messages.warning(request, _("Er is nog geen controlepunt om te downloaden."))
        return _privacy_page(request, LogSearchForm(None), None, 404)
    file = (checkpoints.directory() / checkpoint.name).open("rb")  # FileResponse closes it
    record(
        Event.LOG_CHECKPOINT_DOWNLOADED,
        actor=_officer_actor(user, request),
        part=checkpoint.name,
    )
    return FileResponse(
        file, as_attachment=True, filename=checkpoint.name, content_type="application/json"
    )
