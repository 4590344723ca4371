"""Errors where people look (issue 14): a form that comes back rejected puts the focus on
its error summary at the top of the form, scrolled into view, and the summary links to
the field, in plain words ("Schrijf eerst uw wens op.", not "Dit veld is vereist.")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from regie.plans.models import Step
from tests.e2e.helpers import BrowserSession
from tests.personas import build_cast

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

IN_VIEWPORT = """el => {
  const box = el.getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight && box.bottom > 0;
}"""


def test_an_empty_wish_focuses_the_error_summary_that_links_to_the_field(
    phone: BrowserSession,
) -> None:
    cast = build_cast()
    page = phone.page
    phone.log_in(cast.parent_user)
    phone.visit(f"/plannen/{cast.plan.public_id}/stap/{Step.REQUEST}/")
    page.locator("summary", has_text="Wens opschrijven").click()
    form = page.locator("form[action$='/actie/wish/']")
    with page.expect_navigation():
        form.get_by_role("button", name="Opslaan").click()

    focused = page.locator(":focus")
    expect(focused).to_have_class("utrecht-alert utrecht-alert--error regie-error-summary")
    expect(focused).to_contain_text("Schrijf eerst uw wens op.")
    assert focused.evaluate(IN_VIEWPORT), "the error summary is not on the screen"
    field = page.locator("form[action$='/actie/wish/'] textarea")
    link = focused.get_by_role("link", name="Wat is de wens?")
    expect(link).to_have_attribute("href", f"#{field.get_attribute('id')}")
    link.click()  # the link leads to the field
    assert field.evaluate(IN_VIEWPORT), "the link did not lead to the field"
    phone.check()
