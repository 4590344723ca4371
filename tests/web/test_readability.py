"""Write for the family (000, 004): a plain-language hint that warns, never blocks, when
the family will find a professional's text hard to read."""

import pytest
from django import forms

from regie.web.readability import JARGON, hint_for_form, readability, syllables

SIMPLE = "Wij komen volgende week bij u thuis. Dan praten we samen over school."
JARGON_HEAVY = (
    "Gezien de gedragsproblematiek en de verminderde draagkracht van moeder wordt in het "
    "kader van zorgcontinuïteit een multidisciplinair ambulant traject met systeemgerichte "
    "psycho-educatie geïndiceerd, waarbij de ketenpartners de procesregie afstemmen."
)


@pytest.mark.parametrize(
    ("word", "count"),
    [("huisbezoek", 3), ("evaluatie", 5), ("ouders", 2), ("casuïstiek", 4), ("nieuw", 1),
     ("vrijdag", 2), ("België", 3), ("school", 1), ("kinderen", 3)],
)  # fmt: skip
def test_readability_counts_dutch_syllables_by_vowel_groups(word: str, count: int) -> None:
    assert syllables(word) == count


def test_readability_simple_b1_sentence_scores_60_or_more_without_warning() -> None:
    hint = readability(SIMPLE)
    assert hint.score >= 60
    assert hint.level == "makkelijk"
    assert hint.jargon == []
    assert not hint.warn


def test_readability_jargon_heavy_long_sentence_warns_with_plain_alternatives() -> None:
    hint = readability(JARGON_HEAVY)
    assert hint.warn
    assert hint.score < 60 and hint.level == "moeilijk"
    words = dict(hint.jargon)
    assert words["multidisciplinair"] == "met hulpverleners van verschillende vakken"
    assert words["ambulant"] == "bij u thuis of op afspraak"
    assert {"gedragsproblematiek", "draagkracht", "zorgcontinuïteit", "traject"} <= set(words)
    assert {"systeemgericht", "psycho-educatie", "ketenpartner", "procesregie"} <= set(words)
    assert "problematiek" not in words  # the longest term only
    assert "ambulant → bij u thuis of op afspraak" in hint.message


def test_readability_jargon_alone_warns_even_when_the_text_is_easy() -> None:
    hint = readability("De indicatie is binnen.")
    assert hint.warn and hint.jargon == [("indicatie", "besluit over hulp")]


def test_readability_jargon_list_is_long_enough_and_plain() -> None:
    assert len(JARGON) >= 25
    assert JARGON["casuïstiek"] == "het bespreken van een situatie"
    assert JARGON["beschikking"] == "besluit"


def test_readability_no_false_jargon_in_ordinary_words() -> None:
    assert readability("Ik zet de tas in de gang. We zetten koffie.").jargon == []


class _Entry(forms.Form):
    kind = forms.CharField()
    body = forms.CharField(widget=forms.Textarea)


def test_readability_hint_for_form_reads_the_text_boxes() -> None:
    assert hint_for_form(_Entry()) is None
    assert hint_for_form(_Entry(data={"kind": "observation", "body": "  "})) is None
    hint = hint_for_form(_Entry(data={"kind": "observation", "body": JARGON_HEAVY}))
    assert hint is not None and hint.warn


def test_readability_hint_follows_a_hard_entry_without_blocking_it(db: None) -> None:
    from django.test import Client
    from django.urls import reverse

    from regie.plans.models import Entry
    from tests.accounts.helpers import login_verified
    from tests.personas import build_cast

    cast = build_cast()
    client = Client()
    login_verified(client, cast.care_provider_user)
    hard = (
        "Gezien de multidisciplinaire casuïstiek en de gedragsproblematiek is een ambulante "
        "systeemgerichte interventie binnen het traject met de ketenpartners geïndiceerd."
    )
    response = client.post(
        reverse("plan-action", args=[cast.plan.public_id, "entry"]),
        {"kind": "assessment", "body": hard},
        follow=True,
    )
    assert Entry.objects.filter(plan=cast.plan, body=hard).exists()
    page = response.content.decode()
    assert "casuïstiek" in page and "moeilijk" in page.lower()
