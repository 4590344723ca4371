"""Every bad input gets a 400, never a 500 (issue 12): hypothesis posts long, control,
bidi-override, out-of-range, malformed and nested-looking values into every form action
of `regie.web.actions.ACTIONS`, the login forms, the open-plan form, the access-log period
forms, the answer to an account change and the API writes, and no answer is a 500.

Each action is posted by a person who may take it (read off the authorization matrix's
ACTIONS_EXPECTED: a 400 or 302 for an empty form), so the input reaches the form and,
where the rest is valid, the service. Every example runs in a savepoint that is rolled
back, so the cast is built once per test and every example starts from the same plan."""

import datetime
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any
from urllib.parse import quote

from django import forms
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.accounts import changes
from regie.plans.models import Goal, GoalStatus, Step
from regie.web.actions import ACTIONS
from tests.access.test_authorization_matrix import ACTIONS_EXPECTED
from tests.accounts.helpers import client_for
from tests.api.helpers import token_for
from tests.personas import Cast, build_cast, walk_to

FINE = {200, 302, 400, 403, 404, 409, 412, 415, 422, 428}
# Small enough that the module runs in well under a minute on SQLite.
FUZZ = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is found again
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Who posts an action: the first of these whom the matrix lets take it (see module doc).
POSTERS = {
    "referrer": "wijkteam_user",
    "parent": "parent_user",
    "care_provider": "care_provider_user",
    "behavioural_scientist": "behavioural_scientist_user",
    "youth16": "youth16_user",
    "youth13": "youth13_user",
}

NASTY_STRINGS = [
    "x" * 10_000,
    "\u202egniK gnoK\u202c",  # right-to-left override
    "Gezin \u2067Jansen\u2069 \u200f",
    "\x00\x01\x1b[31m\x7f",
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "31-12-2025",
    "9999-12-31T23:59",
    "-1",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "1e309",
    "NaN",
    "[[[[[[[[[[]]]]]]]]]]",
    '{"a": {"b": {"c": [1, {"d": null}]}}}',
    "[" * 1000,
    "00000000-0000-4000-8000-000000000000",
    "<script>alert(1)</script>",
    "'; DROP TABLE plans_plan; --",
    "%00%0d%0a",
    "",
    " ",
]
nasty_text = st.one_of(
    st.sampled_from(NASTY_STRINGS),
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(datetime.date.isoformat),
    st.text(max_size=40),
)


def examples_of(
    strategy: st.SearchStrategy[Any], check: Callable[[Any], None], examples: int = 4
) -> int:
    """Run `check` on `examples` examples of `strategy`, each in a savepoint rolled back
    afterwards; returns how many ran."""
    ran = 0

    @settings(FUZZ, max_examples=examples)
    @given(strategy)
    def run(value: Any) -> None:
        nonlocal ran
        ran += 1
        with rolled_back():
            check(value)

    run()
    return ran


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_fine(response: Any, what: object) -> None:
    assert response.status_code in FINE, (what, response.status_code)


def first_record(field: forms.ModelChoiceField[Any]) -> str | None:
    first = field.queryset.first() if field.queryset is not None else None
    return None if first is None else str(getattr(first, field.to_field_name or "pk"))


def sensible(field: forms.Field) -> Any:
    """A value the field takes, so the other fields' bad values reach further."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        record = first_record(field)
        return [record] if record else []
    if isinstance(field, forms.ModelChoiceField):
        return first_record(field) or ""
    if isinstance(field, forms.ChoiceField):
        choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
        values = [str(value) for value, _label in choices if value not in ("", None)]
        return values[0] if values else ""
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.DateTimeField):
        return "2026-03-02T10:00"
    if isinstance(field, forms.DateField):
        return datetime.date.today().isoformat()
    if isinstance(field, forms.IntegerField):
        return str(field.min_value if field.min_value is not None else 1)
    return "Een gewone zin."


def base_data(cast: Cast, action: str, poster: str) -> dict[str, Any]:
    """The action's form filled sensibly: its first record, that record's version, the
    action's own initial values, and a sensible value for every other field."""
    spec = ACTIONS[action]
    participant = cast.plan.participants.get(user=getattr(cast, POSTERS[poster]))
    form = spec.form(plan=cast.plan, me=participant)
    data: dict[str, Any] = {}
    chooser = form.fields.get(form.record_field)
    if isinstance(chooser, forms.ModelChoiceField):
        record = chooser.queryset.first() if chooser.queryset is not None else None
        if record is not None:
            data.update({k: str(v) for k, v in form.initial_for(record).items()})
    data.update({k: str(v) for k, v in spec.initial(cast.plan, None).items() if v is not None})
    for name, field in form.fields.items():
        data.setdefault(name, sensible(field))
    return data


def with_bad(base: dict[str, Any], bad: tuple[str, str]) -> dict[str, Any]:
    return {**base, bad[0]: bad[1]}


def poster_for(action: str) -> str:
    """The first person of POSTERS the matrix lets take the action; the referrer when
    nobody in this voluntary plan may (R9's conditions): a 403 must not be a 500 either."""
    row = ACTIONS_EXPECTED[action]
    return next((name for name in POSTERS if row[name] in (302, 400)), "referrer")


def test_issue12_every_plan_action_answers_bad_input_without_a_500(db: None) -> None:
    """Every bad input gets a 400 (issue 12), for every action of ACTIONS: each field may
    get a nasty value while the others stay sensible."""
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)
    counted: dict[str, int] = {}
    for action in ACTIONS:
        poster = poster_for(action)
        client = client_for(getattr(cast, POSTERS[poster]))
        client.raise_request_exception = False
        url = reverse("plan-action", args=[cast.plan.public_id, action])
        base = base_data(cast, action, poster)
        # One field bad at a time, the rest sensible: the bad value reaches as far as it
        # can (the form, then the service).
        names = sorted(base) or ["veld"]  # a form without fields gets a stray one
        data = st.tuples(st.sampled_from(names), nasty_text).map(partial(with_bad, base))

        def post(values: dict[str, Any], url: str = url, client: Client = client) -> None:
            assert_fine(client.post(url, values), values)

        counted[action] = examples_of(data, post, examples=3)
    assert set(counted) == set(ACTIONS)
    print(f"plan actions: {len(counted)} actions, {sum(counted.values())} examples")


def test_issue12_login_forms_answer_bad_input_without_a_500(db: None) -> None:
    """The login pages (A6) refuse any username and password with a form error."""
    client = Client(raise_request_exception=False)
    credentials = st.fixed_dictionaries({"username": nasty_text, "password": nasty_text})

    def post(values: dict[str, str]) -> None:
        for url in (reverse("login"), "/beheer/login/"):
            assert_fine(client.post(url, values), (url, values))

    print(f"login: {examples_of(credentials, post, examples=10)} examples")


def test_issue12_open_plan_answers_bad_input_without_a_500(cast: Cast) -> None:
    client = client_for(cast.wijkteam_user)
    client.raise_request_exception = False
    fields = ("family_name", "role", "framework", "legal_measure")
    data = st.fixed_dictionaries(
        {
            name: st.one_of(st.sampled_from(["Gezin Bakker", "referrer", "voluntary"]), nasty_text)
            for name in fields
        }
    )

    def post(values: dict[str, str]) -> None:
        assert_fine(client.post(reverse("plan-open"), values), values)

    print(f"open plan: {examples_of(data, post, examples=15)} examples")


def test_issue12_access_log_periods_answer_bad_input_without_a_500(cast: Cast) -> None:
    """The family's "wie keek" and the privacy officer's search and export (A5)."""
    family = client_for(cast.parent_user)
    officer = client_for(cast.privacy_officer)
    for client in (family, officer):
        client.raise_request_exception = False
    urls = [
        (family, reverse("plan-access-log", args=[cast.plan.public_id])),
        (officer, reverse("privacy-log")),
        (officer, reverse("privacy-log-export")),
    ]
    query = st.fixed_dictionaries(
        {name: nasty_text for name in ("van", "tot", "gezin", "gebruiker", "pagina")}
    )

    def get(values: dict[str, str]) -> None:
        for client, url in urls:
            assert_fine(client.get(url, values), (url, values))

    print(f"access-log periods: {examples_of(query, get, examples=40)} examples")


def test_issue12_account_change_answers_bad_input_without_a_500(
    cast: Cast, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    """A6: the person's answer to an administrator's change of their account, with any
    answer and any link; a link that does not work is a 400 too."""
    with django_capture_on_commit_callbacks(execute=True):
        changes.request_email_change(
            admin=cast.admin, user=cast.parent_user, new_email="nieuw@example.org"
        )
    link = re.search(r"(/account/wijziging/\S+/)", str(mail.outbox[-1].body))
    assert link is not None
    client = Client(raise_request_exception=False)
    answers = st.fixed_dictionaries({"decision": nasty_text})
    tokens = nasty_text.filter(bool).map(lambda token: quote(token, safe=""))

    def post(values: dict[str, str]) -> None:
        assert_fine(client.post(link.group(1), values), values)

    def open_link(token: str) -> None:
        url = f"/account/wijziging/{token}/"
        for response in (client.get(url), client.post(url, {"decision": "bevestigen"})):
            assert response.status_code in (400, 404), (url, response.status_code)

    ran = examples_of(answers, post, examples=10) + examples_of(tokens, open_link, examples=10)
    print(f"account change: {ran} examples")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | nasty_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=8,
)


def _deeply_nested(depth: int, kind: str) -> str:
    return "[" * depth + "]" * depth if kind == "list" else '{"a":' * depth + "1" + "}" * depth


def test_issue12_api_writes_answer_bad_json_without_a_500(cast: Cast) -> None:
    """The API writes (entries, actions, goal edits) with nasty values for every field,
    and bodies nested far deeper than any resource."""
    walk_to(cast, Step.EXECUTING)
    client = Client(raise_request_exception=False)
    headers = {"Authorization": f"Bearer {token_for(cast.care_provider_user)}"}
    goal = Goal.objects.filter(plan=cast.plan, status=GoalStatus.ACTIVE).first()
    assert goal is not None
    plan_id = cast.plan.public_id
    writes = [
        ("post", reverse("api-entry-create", args=[plan_id]), ("kind", "body", "about")),
        (
            "post",
            reverse("api-action-list", args=[plan_id]),
            ("description", "owner", "goal", "due_on", "takeover_reason"),
        ),
        (
            "patch",
            reverse("api-goal-detail", args=[plan_id, goal.public_id]),
            ("text", "term", "life_wish"),
        ),
    ]
    etag = {"If-Match": f'"{goal.version}"'}

    def send(method: str, url: str, body: str) -> None:
        response = getattr(client, method)(
            url, body, content_type="application/json", headers={**headers, **etag}
        )
        assert_fine(response, (url, body[:200]))

    def write(values: dict[str, Any]) -> None:
        for method, url, fields in writes:
            send(method, url, json.dumps({name: values.get(name) for name in fields}))

    fields = {name for _method, _url, names in writes for name in names}
    bodies = st.fixed_dictionaries({name: json_values for name in fields})
    print(f"api writes: {examples_of(bodies, write, examples=25)} examples")
    nested = st.tuples(st.sampled_from([40, 1_000, 100_000]), st.sampled_from(["list", "dict"]))

    def send_nested(shape: tuple[int, str]) -> None:
        for method, url, _fields in writes:
            send(method, url, _deeply_nested(*shape))

    print(f"api nested bodies: {examples_of(nested, send_nested, examples=6)} examples")
