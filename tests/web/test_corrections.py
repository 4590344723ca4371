"""R2 on the page: a corrected entry shows the text that counts, and "verbeterd" opens
(without JavaScript) the earlier texts, the family's reactions and the reasons, oldest
first; the pages still read in a fixed number of queries."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regie.plans.models import Step
from tests.accounts.helpers import client_for
from tests.corrected_entry import (
    CURRENT,
    FIRST,
    FIRST_REACTION,
    FIRST_REASON,
    SECOND,
    SECOND_REACTION,
    SECOND_REASON,
    corrected_twice,
)
from tests.personas import Cast


def _history(page: str) -> str:
    """The folded part of the entry card: what "verbeterd" opens."""
    match = re.search(r'<details class="history">(.*?)</details>', page, re.S)
    assert match is not None, "no earlier versions on the page"
    return match.group(1)


def test_r2_parent_sees_earlier_text_reaction_and_reason_after_a_correction(cast: Cast) -> None:
    corrected_twice(cast)
    page = client_for(cast.parent_user).get(reverse("plan", args=[cast.plan.public_id]))
    html = page.content.decode()
    history = _history(html)
    assert html.index(CURRENT) < html.index('<details class="history">')
    assert "verbeterd" in history
    order = [FIRST, FIRST_REACTION, FIRST_REASON, SECOND, SECOND_REACTION, SECOND_REASON]
    positions = [history.index(text) for text in order]
    assert positions == sorted(positions)  # oldest first, each text before its reason
    assert CURRENT not in history
    assert "Eerdere versie 1" in history and "Eerdere versie 2" in history


def test_r2_the_step_page_and_the_writer_see_the_same_story(cast: Cast) -> None:
    corrected_twice(cast)
    url = reverse("plan-step", args=[cast.plan.public_id, Step.INTRODUCTION])
    for user in (cast.care_provider_user, cast.wijkteam_user):
        history = _history(client_for(user).get(url).content.decode())
        assert FIRST in history and FIRST_REASON in history and SECOND_REACTION in history


def test_r2_an_entry_never_corrected_opens_nothing(cast: Cast) -> None:
    html = client_for(cast.parent_user).get(reverse("plan", args=[cast.plan.public_id]))
    assert 'class="history"' not in html.content.decode()


def _queries(client: Client, urls: list[str]) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_r2_corrections_do_not_add_queries_per_entry(cast: Cast) -> None:
    """One query fetches the earlier versions of all entries on a page, however many."""
    client = client_for(cast.parent_user)
    urls = [
        reverse("plan", args=[cast.plan.public_id]),
        reverse("plan-step", args=[cast.plan.public_id, Step.INTRODUCTION]),
    ]
    corrected_twice(cast)
    one = _queries(client, urls)
    for _ in range(4):
        corrected_twice(cast)
    assert _queries(client, urls) == one
