"""Issue 13: entries come a page at a time, newest first, with the older ones on demand
(a plain link, no JavaScript needed); a form for an older entry that is rejected comes
back on that entry's page, with what was typed (R2)."""

import html

import pytest
from django.urls import reverse

from regie.plans.models import Entry, EntryKind, Step
from regie.plans.selectors import ENTRIES_PER_PAGE
from tests.accounts.helpers import client_for
from tests.personas import Cast
from tests.web.test_htmx import element

EXTRA = 5  # entries beyond the first page


@pytest.fixture
def many(cast: Cast) -> list[Entry]:
    """A page and a bit of entries, oldest first."""
    return Entry.objects.bulk_create(
        Entry(
            plan=cast.plan,
            created_by=cast.wijkteam_worker,
            kind=EntryKind.OBSERVATION,
            step=Step.INTRODUCTION,
            body=f"Aantekening nummer {number:03}.",
        )
        for number in range(ENTRIES_PER_PAGE + EXTRA)
    )


def _text(response: object) -> str:
    """The page without the overview's to-do list, which links the newest notes to check
    from every page of notes (issue 14)."""
    page = response.content.decode()  # type: ignore[attr-defined]
    if 'id="my-actions"' in page:
        page = page.replace(element(page, "my-actions"), "")
    return html.unescape(page)


def test_issue13_entries_newest_first_a_page_at_a_time(cast: Cast, many: list[Entry]) -> None:
    client = client_for(cast.parent_user)
    for url in (
        reverse("plan", args=[cast.plan.public_id]),
        reverse("plan-step", args=[cast.plan.public_id, Step.INTRODUCTION]),
    ):
        first = _text(client.get(url))
        assert first.index("nummer 024") < first.index("nummer 023")  # newest first
        assert "nummer 004" not in first
        # the "Klopt dit?" forms only for the shown page
        assert first.count("<summary>Klopt dit?</summary>") == ENTRIES_PER_PAGE
        assert "?aantekeningen=2" in first and "Oudere aantekeningen" in first
        older = _text(client.get(f"{url}?aantekeningen=2"))
        assert "nummer 004" in older and "nummer 000" in older and "nummer 024" not in older
        assert "Nieuwere aantekeningen" in older and "Oudere aantekeningen" not in older
        assert "Aantekening 21 tot en met 25, de nieuwste eerst." in older


def test_issue13_a_page_number_that_is_no_page_shows_the_newest(
    cast: Cast, many: list[Entry]
) -> None:
    client = client_for(cast.parent_user)
    url = reverse("plan", args=[cast.plan.public_id])
    for asked in ("abc", "0", "-1", "99999999999"):
        response = client.get(f"{url}?aantekeningen={asked}")
        assert response.status_code == 200
        assert "nummer 024" in _text(response)
    beyond = _text(client.get(f"{url}?aantekeningen=9"))
    assert "Hier staan geen oudere aantekeningen meer." in beyond


def test_r2_a_rejected_reaction_to_an_older_entry_comes_back_on_its_page(
    cast: Cast, many: list[Entry]
) -> None:
    """'Klopt niet' without saying why is refused: the oldest entry's page returns with
    the form open and the input kept, in its place in the list, not apart."""
    oldest = many[0]
    client = client_for(cast.parent_user)
    url = reverse("plan-action", args=[cast.plan.public_id, "react"])
    response = client.post(
        url, {"entry": str(oldest.public_id), "verdict": "disagrees", "comment": ""}
    )
    assert response.status_code == 400
    page = _text(response)
    assert "nummer 000" in page and "nummer 024" not in page
    assert "Nog niet opgeslagen" not in page  # drawn in its place, not apart
    assert f'id="id_react_{oldest.public_id}_comment"' in page


def test_r2_a_saved_reaction_to_an_older_entry_returns_to_its_page(
    cast: Cast, many: list[Entry]
) -> None:
    oldest = many[0]
    client = client_for(cast.parent_user)
    url = reverse("plan-action", args=[cast.plan.public_id, "react"])
    response = client.post(url, {"entry": str(oldest.public_id), "verdict": "agrees"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?aantekeningen=2#entry-{oldest.public_id}")
    assert oldest.reactions.count() == 1
