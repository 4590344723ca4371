"""The conflict screen (issues 5 and 14): when someone else saved first, the form comes back
with one message, only what differs (stacked, a long text as its differing words), and
the person chooses. Nothing is silently overwritten
(a save names the version it was made from), nothing typed is lost (the input stays in
the form), and the access log holds only the saves that happened."""

import html
import re
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from regie.access.events import Event
from regie.access.models import AccessLogEntry
from regie.plans.models import DomainAssessment, Entry, EntryKind, NetworkAssessment, Step
from regie.plans.services import analysis, entries
from tests.accounts.helpers import client_for
from tests.personas import Cast, build_cast

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

STALE = "Iemand anders heeft dit intussen gewijzigd"
KEPT = "Er is niets overschreven: wat u schreef, staat nog in het formulier."


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def _url(cast: Cast, action: str) -> str:
    return reverse("plan-action", args=[cast.plan.public_id, action])


def _text(response: "Response") -> str:
    return html.unescape(response.content.decode())


def _offered_version(response: "Response", action: str) -> int:
    """The version the form that came back now names (its hidden field)."""
    found = re.search(
        rf'name="expected_version" value="(\d+)" id="id_{re.escape(action)}[^"]*expected_version"',
        response.content.decode(),
    )
    assert found is not None, "the form has no expected_version"
    return int(found.group(1))


def _saves(kind: str) -> int:
    return AccessLogEntry.objects.filter(event=kind).count()


def test_story_second_writer_sees_both_versions_and_chooses(cast: Cast) -> None:
    parent, youth = client_for(cast.parent_user), client_for(cast.youth16_user)
    story = cast.plan.story
    seen = story.version
    url = _url(cast, "story")
    saved = parent.post(
        url,
        {
            "story": "Het gaat sinds de zomer slecht.",
            "request_for_help": "",
            "expected_version": seen,
        },
    )
    assert saved.status_code == 302

    mine = {"story": "Ik vind het thuis heel druk.", "request_for_help": "Rust."}
    response = youth.post(url, {**mine, "expected_version": seen})
    assert response.status_code == 400
    page = _text(response)
    assert STALE in page
    parent_name = cast.parent.display_name
    assert f"Opgeslagen door {parent_name}, " in page
    assert "Wat u schreef" in page
    assert "Het gaat sinds de zomer slecht." in page  # what is saved now
    assert page.count("Ik vind het thuis heel druk.") == 2  # in the comparison and the form
    assert "Mijn versie toch opslaan" in page
    assert "De opgeslagen versie houden" in page
    keep = reverse("plan-step", args=[cast.plan.public_id, Step.REQUEST])
    assert f'href="{keep}"' in page
    offered = _offered_version(response, "story")
    assert offered == seen + 1
    story.refresh_from_db()
    assert story.story == "Het gaat sinds de zomer slecht."  # nothing was overwritten

    # A third writer saves while the youth decides: "mijn versie" is refused once more.
    third = client_for(cast.youth13_user)
    assert (
        third.post(
            url,
            {
                "story": "Papa en mama maken ruzie.",
                "request_for_help": "",
                "expected_version": offered,
            },
        ).status_code
        == 302
    )
    again = youth.post(url, {**mine, "expected_version": offered})
    assert again.status_code == 400
    assert "Papa en mama maken ruzie." in _text(again)
    story.refresh_from_db()
    assert story.story == "Papa en mama maken ruzie."

    # Now "Mijn versie toch opslaan" with the version the form names saves.
    final = youth.post(url, {**mine, "expected_version": _offered_version(again, "story")})
    assert final.status_code == 302
    story.refresh_from_db()
    assert story.story == "Ik vind het thuis heel druk."
    assert story.version == seen + 3


def test_story_access_log_holds_only_the_saves(cast: Cast) -> None:
    parent, youth = client_for(cast.parent_user), client_for(cast.youth16_user)
    seen = cast.plan.story.version
    before = _saves(Event.STORY_EDITED.code)
    url = _url(cast, "story")
    data = {"story": "Eerst.", "request_for_help": "", "expected_version": seen}
    assert parent.post(url, data).status_code == 302
    stale = youth.post(url, {**data, "story": "Later.", "expected_version": seen})
    assert stale.status_code == 400
    assert _saves(Event.STORY_EDITED.code) == before + 1  # the refused save left no row
    assert (
        youth.post(url, {**data, "story": "Later.", "expected_version": seen + 1}).status_code
        == 302
    )
    assert _saves(Event.STORY_EDITED.code) == before + 2


def test_keeping_the_saved_version_discards_the_input(cast: Cast) -> None:
    parent, youth = client_for(cast.parent_user), client_for(cast.youth16_user)
    seen = cast.plan.story.version
    url = _url(cast, "story")
    parent.post(url, {"story": "Van de ouder.", "request_for_help": "", "expected_version": seen})
    youth.post(url, {"story": "Van de jongere.", "request_for_help": "", "expected_version": seen})
    page = youth.get(reverse("plan-step", args=[cast.plan.public_id, Step.REQUEST]))
    assert page.status_code == 200
    assert "Van de ouder." in _text(page)
    assert "Van de jongere." not in _text(page)
    assert "Mijn versie toch opslaan" not in _text(page)


def test_r5_domain_edit_conflict_shows_the_field_that_differs(cast: Cast) -> None:
    domain = cast.plan.domain_set.domains.first()
    assert domain is not None
    assessment = analysis.assess_domain(
        actor=cast.parent, plan=cast.plan, domain=domain, concerns="Ruzie thuis.", strengths="Oma."
    )
    worker, parent = client_for(cast.wijkteam_user), client_for(cast.parent_user)
    url = _url(cast, "edit-domain")
    seen = {"assessment": str(assessment.public_id), "expected_version": assessment.version}
    assert (
        parent.post(url, {**seen, "concerns": "Minder ruzie.", "strengths": "Oma."}).status_code
        == 302
    )
    response = worker.post(url, {**seen, "concerns": "Veel ruzie.", "strengths": "Oma."})
    assert response.status_code == 400
    page = _text(response)
    shown = _conflict(page)
    row = re.search(r"<strong>Zorgen</strong>(.*?)</dl>", shown, re.S)
    assert row is not None, "the concerns differ, so they are compared"
    assert "Minder ruzie." in row.group(1) and "Veel ruzie." in row.group(1)
    assert "Sterke kanten" not in shown  # the same on both sides: not shown
    assert "<details open>" in page  # the edit form of this domain is open
    choose = worker.post(
        url,
        {
            **seen,
            "concerns": "Veel ruzie.",
            "strengths": "Oma.",
            "expected_version": _offered_version(response, f"edit-domain_{assessment.public_id}"),
        },
    )
    assert choose.status_code == 302
    assert DomainAssessment.objects.get(pk=assessment.pk).concerns == "Veel ruzie."


def test_r2_entry_correction_conflict_keeps_both_texts(cast: Cast) -> None:
    entry = entries.write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Eerste tekst."
    )
    writer = client_for(cast.care_provider_user)
    url = _url(cast, "correct-entry")
    seen = {"entry": str(entry.public_id), "expected_version": entry.version}
    first = writer.post(url, {**seen, "body": "Tekst uit venster één.", "reason": "Typfout."})
    assert first.status_code == 302
    response = writer.post(
        url, {**seen, "body": "Tekst uit venster twee.", "reason": "Aanvulling."}
    )
    assert response.status_code == 400
    page = _text(response)
    assert "Wat u schreef" in page
    assert "Tekst uit venster één." in page and "Tekst uit venster twee." in page
    assert Entry.objects.get(pk=entry.pk).body == "Tekst uit venster één."
    assert _offered_version(response, f"correct-entry_{entry.public_id}") == entry.version + 1


def test_r10_network_assessment_someone_else_wrote_first(cast: Cast) -> None:
    """The form was opened before anyone had filled it in (no version yet)."""
    worker, parent = client_for(cast.wijkteam_user), client_for(cast.parent_user)
    url = _url(cast, "network")
    data = {"family_does": "Wij koken samen.", "network_does": "", "is_enough": "yes"}
    assert parent.post(url, data).status_code == 302
    response = worker.post(url, {**data, "family_does": "Niets."})
    assert response.status_code == 400
    page = _text(response)
    assert "Wij koken samen." in page and "Niets." in page
    assert "Mijn versie toch opslaan" in page
    assessment = NetworkAssessment.objects.get(plan=cast.plan)
    assert _offered_version(response, "network") == assessment.version


def _conflict(page: str) -> str:
    found = re.search(r'<div class="[^"]*regie-conflict".*?</ul>', page, re.S)
    assert found is not None, "no conflict screen"
    return found.group(0)


def test_issue14_one_message_in_one_register_and_no_table(cast: Cast) -> None:
    """One message (no error summary above it saying the same), "u" throughout, and the
    versions stacked, not a table two texts wide (it must fit 360 px)."""
    parent, youth = client_for(cast.parent_user), client_for(cast.youth16_user)
    seen = cast.plan.story.version
    url = _url(cast, "story")
    parent.post(url, {"story": "Eerst.", "request_for_help": "", "expected_version": seen})
    response = youth.post(
        url, {"story": "Later.", "request_for_help": "", "expected_version": seen}
    )
    page = _text(response)
    assert page.count(STALE) == 1
    assert KEPT in page
    assert "regie-error-summary" not in page
    shown = _conflict(page)
    assert "<table" not in shown
    assert not re.search(r"\b(je|jij|jouw|jullie)\b", re.sub(r"<[^>]+>", " ", shown), re.I)
    assert 'tabindex="-1"' in shown  # it takes the focus when the page comes back


def test_issue14_a_long_text_shows_the_words_that_differ(cast: Cast) -> None:
    """A long story is not shown twice: the words only saved now are struck through
    (<del>), the words only the person wrote are underlined (<ins>), each with a text
    for screen readers; unchanged text far from a change is left out."""
    parent, youth = client_for(cast.parent_user), client_for(cast.youth16_user)
    seen = cast.plan.story.version
    url = _url(cast, "story")
    start = "Sinds de zomer gaat het thuis niet goed. Noa slaapt slecht en is vaak moe. "
    middle = "Haar vader werkt veel en is weinig thuis, haar moeder doet alles alleen. "
    saved_story = start + middle + "Oma helpt op woensdag."
    mine = start + middle + "Oma helpt op woensdag en vrijdag."
    parent.post(url, {"story": saved_story, "request_for_help": "", "expected_version": seen})
    response = youth.post(url, {"story": mine, "request_for_help": "", "expected_version": seen})
    shown = _conflict(_text(response))
    assert re.search(
        r"<del><span class=\"visually-hidden\">\(staat er nu:\) </span>woensdag\.</del>", shown
    )
    assert re.search(
        r"<ins><span class=\"visually-hidden\">\(u schreef:\) </span>woensdag en vrijdag\.</ins>",
        shown,
    )
    assert "Sinds de zomer" not in shown  # far from the change: left out
    assert "…" in shown
    assert mine in _text(response)  # what the person wrote stays in the form


def test_issue14_differences_keep_a_few_words_around_a_change() -> None:
    from regie.web.conflicts import Piece, differences

    pieces = differences(
        "een twee drie vier vijf zes zeven acht negen tien elf",
        "een twee drie vier vijf zes zeven acht negen tien twaalf",
    )
    assert pieces[0] == Piece("skip", "…")
    assert pieces[-3:] == [Piece("gone", "elf"), Piece("same", " "), Piece("new", "twaalf")]
    assert "".join(p.text for p in pieces if p.kind == "same").split() == [
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
    ]


def test_issue14_changes_a_word_or_two_apart_read_as_one() -> None:
    from regie.web.conflicts import Piece, differences

    pieces = differences("Opa komt elke zondag.", "En Noa slaapt nu beter.")
    assert [p for p in pieces if p.kind != "same"] == [
        Piece("gone", "Opa komt elke zondag."),
        Piece("new", "En Noa slaapt nu beter."),
    ]
