"""A5: every answer that shows plan data writes exactly one read row in the access log: a
page, the page again with a rejected form or a conflict, an htmx fragment, a download, an
API read. A refusal in the plan writes one refused row instead; a saved form writes the
action's own row and the page it redirects to logs its read.

The tests walk what there is rather than a hand-picked few: every page of the plan, every
action of `regie.web.actions.ACTIONS` posted invalid (with and without htmx, and with htmx
from every page that has its fragment), every download of `regie.exports.urls` and every
API endpoint of `regie.api.urls` that reads. `check` is the one rule each answer is held
to. Answers that show nothing of the plan (the readability hint, the invitation page)
write no row."""

from collections.abc import Callable, Iterator
from typing import Any

from django.test import Client
from django.urls import URLPattern, reverse

from regie.access import policy
from regie.access.events import AuditAction, Event, Outcome
from regie.access.models import AccessLogEntry
from regie.access.policy import Viewer
from regie.api.urls import v1
from regie.exports.urls import urlpatterns as export_patterns
from regie.plans.models import DestructionRequest, Plan, Step
from regie.plans.services import invitations, retention
from regie.web import pages
from regie.web.actions import ACTIONS, OVERVIEW, YOUTH, Page
from tests.accounts.helpers import client_for
from tests.api.helpers import Api, token_for
from tests.personas import Cast, last_log_id, new_rows_since
from tests.web.test_htmx import Scene, _scene

READS = {AuditAction.READ, AuditAction.SEARCH, AuditAction.PRINT, AuditAction.EXPORT}
WRITES = {AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE}
HTMX = {"HTTP_HX_REQUEST": "true"}
TAKERS = ("parent", "wijkteam_worker", "care_provider")  # who posts an action they may take
# The answers the action walk must meet, so that it proves it took every path.
REFUSED, NOT_FOUND, SHOWN, FRAGMENT, SAVED, SAVED_FRAGMENT = (
    "refused",
    "not found",
    "shown",
    "fragment",
    "saved",
    "saved, fragment",
)


def sent(send: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, list[AccessLogEntry]]:
    """The answer to `send(*args, **kwargs)`, one request, and the access-log rows it wrote."""
    before = last_log_id()
    response = send(*args, **kwargs)
    return response, new_rows_since(before)


def check(where: object, plan: Plan | None, response: Any, rows: list[AccessLogEntry]) -> str:
    """A5, the rule for one answer: a 403 writes one refused row; a 404 (A1) and a redirect
    after a save write no read (the action writes its own rows, the page it redirects to
    its read); anything shown writes exactly one read row, next to the action's own rows
    if it saved. Every row is about `plan` (None: a list of plans, logged as a search
    without a plan). Returns what kind of answer it was."""
    expected_plan = plan.public_id if plan is not None else None
    assert [row.plan_id for row in rows] == [expected_plan] * len(rows), where
    status = response.status_code
    if status == 403:
        assert [(row.event, row.outcome) for row in rows] == [
            (Event.PLAN_ACCESS_REFUSED.code, Outcome.REFUSED)
        ], where
        return REFUSED
    assert all(row.outcome == Outcome.SUCCESS for row in rows), where
    reads = [row for row in rows if row.action in READS]
    writes = [row for row in rows if row.action in WRITES]
    assert len(reads) + len(writes) == len(rows), where
    if status == 404:
        assert rows == [], where
        return NOT_FOUND
    if status == 302:
        assert not reads, where  # writes: none when it changed nothing (read twice)
        return SAVED
    assert status in (200, 400), where
    assert len(reads) == 1, (where, [row.event for row in rows])
    if status == 400:
        assert not writes, where  # a rejected form saved nothing
    html = response.get("Content-Type", "").startswith("text/html")
    fragment = html and status == 200 and b"<html" not in response.content
    if writes:
        return SAVED_FRAGMENT if fragment else SAVED
    return FRAGMENT if fragment else SHOWN


def _page_urls(plan: Plan) -> Iterator[str]:
    yield reverse("plan", args=[plan.public_id])
    for step in Step.values:
        yield reverse("plan-step", args=[plan.public_id, step])
    yield reverse("plan-youth", args=[plan.public_id])
    yield reverse("plan-rights", args=[plan.public_id])
    log = reverse("plan-access-log", args=[plan.public_id])
    yield log
    yield f"{log}?van=gisteren"  # a period that is not valid: 400, the page names the family


def test_a5_every_plan_page_writes_one_row(cast: Cast) -> None:
    """A5: the overview, every step, the youth's own page and the family's access log,
    opened by the family, a youth, the network and a professional: a read row where it
    opens, a refused row where not (A3: the network's steps, A4: the youth page, the
    log for anyone but the family)."""
    plan = cast.plan
    seen = set()
    for name in ("parent", "youth16", "grandmother", "wijkteam_worker"):
        client = client_for(cast.logins_in_plan()[name])
        for url in _page_urls(plan):
            response, rows = sent(client.get, url)
            seen.add((response.status_code, check((name, url), plan, response, rows)))
    assert seen == {(200, SHOWN), (400, SHOWN), (403, REFUSED)}


def _form_data(action: str, page: Page, viewer: Viewer) -> dict[str, object]:
    """A form of `action` that cannot be saved as it is (nothing filled in), posted from
    `page`. It names a record where the form has one, so htmx can answer with the
    fragment that shows the record and the errors."""
    form = ACTIONS[action].form(plan=viewer.plan, me=viewer.participant)
    data: dict[str, object] = {}
    if form.record_model is not None:
        record = form.record_queryset().first()
        if record is not None:
            data[form.record_field] = record.public_id
    if page == YOUTH:
        data[pages.BACK_FIELD] = pages.BACK
    elif isinstance(page, int):
        data[pages.FROM_STEP_FIELD] = page
    return data


def _post(client: Client, viewer: Viewer, action: str, page: Page, htmx: bool) -> str:
    """Post `action` from `page` and check the answer; a redirect is followed, to check
    that the page there logs its own read."""
    plan = viewer.plan
    url = reverse("plan-action", args=[plan.public_id, action])
    data = _form_data(action, page, viewer)
    headers = HTMX if htmx else {}
    response, rows = sent(client.post, url, data, **headers)
    kind = check((viewer.participant, action, page, htmx), plan, response, rows)
    if response.status_code == 302:
        after, rows = sent(client.get, response["Location"])
        assert check((action, "after the save"), plan, after, rows) == SHOWN
    return kind


def _taker(cast: Cast, action: str) -> str | None:
    """Someone who may take the action: the family first, then the professionals."""
    spec = ACTIONS[action]
    return next(
        (
            name
            for name in TAKERS
            if policy.viewer_of(getattr(cast, name)).may_take(spec.permission, spec.step)
        ),
        None,
    )


def test_a5_every_action_answers_with_one_read_row(cast: Cast) -> None:
    """A5: every form action posted invalid, with htmx and without, from its own page
    (and the youth's page) by someone who may take it; with htmx also from every further
    page that has the action's fragment, and by the network. The page again (400) or its
    htmx fragment with the errors writes one read row, a refusal one refused row, a save
    its own row (and the page it leads to its read)."""
    _scene(cast)  # an entry, goals and an action: records the fragments show
    logins = cast.logins_in_plan()
    names = (*TAKERS, "grandmother", "youth16")
    clients = {name: client_for(logins[name]) for name in names}
    viewers = {name: policy.viewer_of(getattr(cast, name)) for name in names}
    kinds = set()
    for action, spec in ACTIONS.items():
        home, *further = spec.pages or (OVERVIEW,)
        # The network: mostly refused before the form is read, with or without htmx alike.
        kinds.add(_post(clients["grandmother"], viewers["grandmother"], action, home, htmx=True))
        taker = _taker(cast, action)
        if taker is None:  # R9: a condition needs a child-protection worker, and there is none
            continue
        for htmx in (True, False):
            kinds.add(_post(clients[taker], viewers[taker], action, home, htmx))
            if YOUTH in further:
                kinds.add(_post(clients["youth16"], viewers["youth16"], action, YOUTH, htmx))
        for page in set(spec.fragments) - {home, YOUTH}:  # the fragment with the errors
            kinds.add(_post(clients[taker], viewers[taker], action, page, htmx=True))
    assert kinds == {REFUSED, SHOWN, FRAGMENT, SAVED, SAVED_FRAGMENT}


def test_a5_a_conflict_answer_writes_one_read_row(cast: Cast) -> None:
    """A5: someone else saved the story first; the page that shows both versions is a
    read, with and without htmx, and nothing is saved."""
    plan = cast.plan
    seen = plan.story.version
    url = reverse("plan-action", args=[plan.public_id, "story"])
    first = {"story": "Het gaat sinds de zomer slecht.", "expected_version": seen}
    assert client_for(cast.parent_user).post(url, first).status_code == 302
    youth = client_for(cast.youth16_user)
    mine = {"story": "Ik vind het thuis heel druk.", "expected_version": seen}
    for headers in (HTMX, {}):
        response, rows = sent(youth.post, url, mine, **headers)
        assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
        assert check(("story", headers), plan, response, rows) == SHOWN


def test_a5_answers_that_show_nothing_of_the_plan_write_no_row(cast: Cast) -> None:
    """A5 logs reads of plan data. The readability hint is made from the typed text alone
    (a row would fill the family's "who looked" with every pause in typing); the
    invitation page shows the invitee their own name, nothing of the plan or family."""
    client = client_for(cast.wijkteam_user)
    url = reverse("plan-readability", args=[cast.plan.public_id, "entry"])
    response, rows = sent(client.post, url, {"body": "Wij bespreken de indicatie."})
    assert response.status_code == 200 and rows == []
    _invitation, token = invitations.invite(
        actor=cast.parent, plan=cast.plan, member=cast.second_parent
    )
    url = reverse("invitation", args=[token])
    for send, data, status in ((Client().get, {}, 200), (Client().post, {"username": ""}, 400)):
        response, rows = sent(send, url, data)
        assert response.status_code == status and rows == []
        assert cast.family.name not in response.content.decode()


def _named(pattern: URLPattern) -> str:
    assert pattern.name is not None
    return pattern.name


def test_a5_every_download_writes_one_row(cast: Cast) -> None:
    """A5: every download of the plan (regie/exports/urls.py) by the family and the
    network: one print or export row, or one refused row (A3)."""
    plan = cast.plan
    seen = set()
    for user in (cast.parent_user, cast.grandmother_user):
        client = client_for(user)
        for pattern in export_patterns:
            assert isinstance(pattern, URLPattern)
            url = reverse(_named(pattern), args=[plan.public_id])
            response, rows = sent(client.get, url)
            seen.add(check((user.username, url), plan, response, rows))
    assert seen == {SHOWN, REFUSED}


def _api_reads() -> Iterator[URLPattern]:
    """Every API endpoint that answers GET with plan data."""
    for pattern in v1:
        assert isinstance(pattern, URLPattern)
        view = getattr(pattern.callback, "view_class", None)
        if pattern.name != "api-schema" and view is not None and hasattr(view, "get"):
            yield pattern


def test_a5_every_api_read_writes_one_row(cast: Cast) -> None:
    """A5: every API endpoint that reads (regie/api/urls.py), called by the family, the
    coordinator and the network: one read or search row, in the plan (the list of plans:
    one search row without a plan), or one refused row for a part not shared (A3)."""
    scene: Scene = _scene(cast)
    plan = cast.plan
    args = {"plan_id": plan.public_id, "goal_id": scene.first.public_id}
    endpoints = list(_api_reads())
    assert {"api-plan-list", "api-goal-detail"} <= {_named(p) for p in endpoints}
    seen = set()
    for user in (cast.parent_user, cast.wijkteam_user, cast.grandmother_user):
        api = Api(token_for(user))
        for pattern in endpoints:
            kwargs = {key: args[key] for key in pattern.pattern.converters}
            response, rows = sent(api.get, reverse(_named(pattern), kwargs=kwargs))
            in_plan = plan if "plan_id" in kwargs else None
            seen.add(check((user.username, pattern.name), in_plan, response, rows))
    # The network member is refused the evaluations and does not find a goal (A3).
    assert seen == {SHOWN, REFUSED, NOT_FOUND}


def test_a5_the_destruction_requests_page_writes_one_row_per_plan(cast: Cast) -> None:
    """A8 shows the family's request, not the plan, but it names the family: one read row
    for the plan, also when the answer comes back with errors (A5)."""
    retention.request_destruction(actor=cast.parent, plan=cast.plan, reason="Klaar.")
    client = client_for(cast.wijkteam_user)
    url = reverse("destruction-requests")
    response, rows = sent(client.get, url)
    assert check("page", cast.plan, response, rows) == SHOWN
    request = DestructionRequest.objects.get(plan=cast.plan)
    response, rows = sent(client.post, url, {"request": request.public_id})
    assert response.status_code == 400
    assert check("rejected", cast.plan, response, rows) == SHOWN
