"""Issue 14 in a real browser on a phone: the parent finds what waits for her at the top
of the overview and lets a professional in from there (R16), then finds her rights on
their own page, the destruction request behind a second question (A8). axe-core and the
360 px check run on every page on the way (tests/e2e/helpers.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regie.plans.models import EntryKind, Role, Step
from regie.plans.services import entries, evaluation, team
from tests.e2e.helpers import BrowserSession
from tests.personas import build_cast, make_user, walk_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_issue14_r16_parent_lets_a_professional_in_from_the_to_do_list_on_a_phone(
    phone: BrowserSession,
) -> None:
    cast = build_cast()
    walk_to(cast, Step.EXECUTING)
    waiting = team.add_professional(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        user=make_user("wacht", "Wim", "Wacht", organisation=cast.other_org),
        role=Role.CARE_PROFESSIONAL,
    )
    entries.write_entry(
        actor=cast.care_provider, plan=cast.plan, kind=EntryKind.OBSERVATION, body="Rustige week."
    )
    evaluation.schedule_evaluation(
        actor=cast.wijkteam_worker,
        plan=cast.plan,
        scheduled_for=timezone.localdate() + datetime.timedelta(days=1),
    )
    page = phone.page
    phone.log_in(cast.parent_user)
    phone.visit(f"/plannen/{cast.plan.public_id}/")
    todo = page.locator("#my-actions")
    expect(todo).to_contain_text("Wim Wacht (jeugdhulpverlener) wil meedoen in uw plan.")
    expect(todo).to_contain_text("1 aantekening wacht op uw reactie.")
    expect(todo).to_contain_text("Cijfer geven:")
    phone.submit(todo.get_by_role("button", name="Ja, toelaten"))
    assert re.search(r"/plannen/[0-9a-f-]+/$", page.url), page.url
    expect(page.locator("#my-actions")).not_to_contain_text("Wim Wacht")
    waiting.refresh_from_db()
    assert waiting.approved_by_id == cast.parent.pk

    phone.submit(page.get_by_role("link", name="Mijn rechten: klagen, uw gegevens, wie keek"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn rechten")
    destroy = page.locator(
        "section", has=page.get_by_role("heading", name="Plan laten vernietigen")
    )
    expect(destroy.get_by_role("button", name="Ja, verzoek versturen")).to_be_hidden()
    destroy.locator("summary").click()
    expect(destroy).to_contain_text("Weet u het zeker?")
    expect(destroy.get_by_role("button", name="Ja, verzoek versturen")).to_be_visible()
