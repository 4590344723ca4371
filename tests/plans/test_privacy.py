"""Need to know inside a plan: network members see what the family shares (A3); youths
keep their own words (12+) and what is written about them (16+) from their parents (A4)."""

import pytest
from django.test import Client
from django.urls import reverse

from regie.access import policy
from regie.access.models import AccessLogEntry
from regie.access.policy import sections
from regie.core.errors import RuleViolation
from regie.plans import selectors
from regie.plans.models import EntryKind, ShareKind, Step
from regie.plans.services import entries, goals, sharing
from tests.personas import Cast


def _client(cast: Cast, who: str) -> Client:
    client = Client()
    client.force_login(cast.logins_in_plan()[who])
    return client


def _step(cast: Cast, step: int) -> str:
    return reverse("plan-step", args=[cast.plan.public_id, step])


def test_a3_shared_with_sees_only_own_actions_goals_and_meetings(cast: Cast) -> None:
    goal = goals.add_goal(actor=cast.parent, plan=cast.plan, text="Rust in huis.", term="short")
    goals.add_goal(actor=cast.parent, plan=cast.plan, text="Geheim doel.", term="long")
    goals.add_action(
        actor=cast.parent,
        plan=cast.plan,
        description="Oma haalt Lotte op.",
        owner=cast.grandmother,
        goal=goal,
    )
    entries.write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Vertrouwelijk."
    )
    page = _client(cast, "grandmother").get(reverse("plan", args=[cast.plan.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Oma haalt Lotte op." in html
    assert "Rust in huis." in html
    assert "Geheim doel." not in html
    assert "Vertrouwelijk." not in html


def test_a3_shared_with_cannot_open_the_analysis_without_a_share(cast: Cast) -> None:
    client = _client(cast, "grandmother")
    response = client.get(_step(cast, Step.ANALYSIS))
    assert response.status_code == 403
    assert b"Gezin Jansen" not in response.content
    refused = AccessLogEntry.objects.filter(event="plan.access_refused").last()
    assert refused is not None and refused.outcome == "refused"
    sharing.share_part(
        actor=cast.parent, plan=cast.plan, member=cast.grandmother, kind=ShareKind.ANALYSIS
    )
    assert client.get(_step(cast, Step.ANALYSIS)).status_code == 200


def test_a3_stopping_a_share_closes_that_part_again(cast: Cast) -> None:
    share = sharing.share_part(
        actor=cast.parent, plan=cast.plan, member=cast.grandmother, kind=ShareKind.ENTRIES
    )
    assert policy.Section.ENTRIES in policy.sections(cast.grandmother)
    sharing.stop_sharing(actor=cast.parent, share=share)
    assert policy.Section.ENTRIES not in policy.sections(cast.grandmother)


def test_a3_only_parents_share_and_only_with_shared_withs(cast: Cast) -> None:
    with pytest.raises(policy.NotAllowed):
        sharing.share_part(
            actor=cast.care_provider,
            plan=cast.plan,
            member=cast.grandmother,
            kind=ShareKind.GOALS,
        )
    with pytest.raises(RuleViolation):
        sharing.share_part(
            actor=cast.parent, plan=cast.plan, member=cast.youth13, kind=ShareKind.GOALS
        )


def test_a4_youth_of_13_keeps_own_wish_from_parents_who_see_that_something_is_kept(
    cast: Cast,
) -> None:
    wish = entries.add_wish(
        actor=cast.youth13, plan=cast.plan, member=cast.youth13, text="Ik wil bij papa wonen."
    )
    sharing.keep_from_parents(actor=cast.youth13, record=wish)
    parent_page = _client(cast, "parent").get(_step(cast, Step.REQUEST)).content.decode()
    assert "Ik wil bij papa wonen." not in parent_page
    assert "Dit deel deelt Noa (13) niet met ouders" in parent_page
    professional_view = selectors.step_page(
        cast.plan,
        Step.REQUEST,
        cast.plan.opened_at.date(),
        cast.care_provider,
        sections(cast.care_provider),
    )
    assert isinstance(professional_view.data, selectors.RequestData)
    assert wish in professional_view.data.wishes
    sharing.share_with_parents(actor=cast.youth13, record=wish)
    assert (
        "Ik wil bij papa wonen."
        in _client(cast, "parent").get(_step(cast, Step.REQUEST)).content.decode()
    )


def test_a4_only_from_16_a_youth_keeps_entries_about_them_from_parents(cast: Cast) -> None:
    about13 = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Noa spijbelt.",
        about=cast.youth13,
    )
    with pytest.raises(RuleViolation) as refused:
        sharing.keep_from_parents(actor=cast.youth13, record=about13)
    assert refused.value.rule == "A4"
    about16 = entries.write_entry(
        actor=cast.care_provider,
        plan=cast.plan,
        kind=EntryKind.OBSERVATION,
        body="Daan heeft een vriendin.",
        about=cast.youth16,
    )
    sharing.keep_from_parents(actor=cast.youth16, record=about16)
    assert about16 not in selectors.entries(cast.plan, cast.parent, sections(cast.parent))
    assert about16 in selectors.entries(cast.plan, cast.care_provider, sections(cast.care_provider))
    with pytest.raises(RuleViolation):
        sharing.keep_from_parents(actor=cast.youth16, record=about13)
