"""Write for the family (000: share what you write; 004: plain questions): the form a
professional writes in shows a plain-language hint while they type (htmx), the same hint
a rejected form shows, and it never blocks saving."""

from django.urls import reverse

from regie.plans.models import Step
from tests.access.test_authorization_matrix import World, world  # noqa: F401
from tests.accounts.helpers import client_for
from tests.personas import Cast
from tests.web.matrix import check_readability_hint_for_every_role

HARD = (
    "De casuïstiek rondom de gedragsproblematiek vraagt om een multidisciplinair traject "
    "waarbij de ketenpartners gezamenlijk de regievoering en de zorgcontinuïteit borgen."
)


def _hint(cast: Cast, action: str, data: dict[str, str]) -> str:
    client = client_for(cast.wijkteam_user)
    response = client.post(reverse("plan-readability", args=[cast.plan.public_id, action]), data)
    assert response.status_code == 200
    return response.content.decode()


def test_hard_text_gets_a_warning_with_plain_words_as_a_fragment(cast: Cast) -> None:
    hint = _hint(cast, "entry", {"body": HARD})
    assert "<html" not in hint  # only the part htmx swaps in
    assert "Moeilijk" in hint
    assert "multidisciplinair → met hulpverleners van verschillende vakken" in hint


def test_plain_text_is_called_easy_and_nothing_written_gives_no_hint(cast: Cast) -> None:
    easy = _hint(cast, "entry", {"body": "Noa gaat weer naar school. Dat gaat goed."})
    assert "Makkelijk" in easy
    assert "Deze tekst is goed te lezen voor het gezin." in easy
    assert _hint(cast, "entry", {"body": ""}).strip() == ""


def test_the_decision_and_the_picture_get_the_hint_too(cast: Cast) -> None:
    assert "Moeilijk" in _hint(cast, "decide", {"rationale": HARD})
    assert "Moeilijk" in _hint(cast, "picture", {"summary": HARD})


def test_only_the_actions_that_write_for_the_family_have_a_hint(cast: Cast) -> None:
    client = client_for(cast.wijkteam_user)
    for action in ("react", "move-step", "no-such-action"):
        url = reverse("plan-readability", args=[cast.plan.public_id, action])
        assert client.post(url, {"body": HARD}).status_code == 404, action


def test_the_entry_form_asks_for_the_hint_while_typing(cast: Cast) -> None:
    page = client_for(cast.wijkteam_user).get(reverse("plan", args=[cast.plan.public_id]))
    hint_url = reverse("plan-readability", args=[cast.plan.public_id, "entry"])
    assert f'hx-post="{hint_url}"' in page.content.decode()


def test_a_rejected_form_shows_the_hint_for_what_was_typed(cast: Cast) -> None:
    client = client_for(cast.wijkteam_user)
    response = client.post(
        reverse("plan-action", args=[cast.plan.public_id, "entry"]), {"body": HARD}
    )  # no kind chosen: rejected, the text stays, with its hint
    assert response.status_code == 400
    body = response.content.decode()
    assert "Moeilijk" in body and "regievoering → overzicht houden" in body


def test_a3_the_hint_answers_only_who_may_write_for_every_role(world: World) -> None:  # noqa: F811
    check_readability_hint_for_every_role(world)


def test_step_pages_keep_their_hint_region(cast: Cast) -> None:
    page = client_for(cast.wijkteam_user).get(
        reverse("plan-step", args=[cast.plan.public_id, Step.ANALYSIS])
    )
    assert reverse("plan-readability", args=[cast.plan.public_id, "picture"]) in page.text
